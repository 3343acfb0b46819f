"""sandar: economic figures in Russian and Kazakh texts about Kazakhstan's regions, as facts.

>>> from sandar import extract_quantities
>>> [q.value for q in extract_quantities("выросли на 17,2% до 971,2 млрд тенге")]
[17.2, 971200000000.0]
"""

from typing import TYPE_CHECKING

from sandar.extract.extractor import extract
from sandar.extract.quantities import extract_quantities
from sandar.models import Document, Fact, Quantity

if TYPE_CHECKING:
    from sandar.store import Database

__version__ = "0.1.0"
__all__ = ["Document", "Fact", "Quantity", "__version__", "extract", "extract_quantities", "open"]


def open(url: str | None = None) -> "Database":
    """A store (``Database``): ``sandar.open("sqlite:///sandar.db")`` or a PostgreSQL URL."""
    from sandar.store import Database

    return Database(url)
