"""sandar: economic figures in Russian and Kazakh texts about Kazakhstan's regions, as facts.

>>> from sandar import extract_quantities
>>> [q.value for q in extract_quantities("выросли на 17,2% до 971,2 млрд тенге")]
[17.2, 971200000000.0]
"""

from sandar.extract.extractor import extract
from sandar.extract.quantities import extract_quantities
from sandar.models import Fact, Quantity

__version__ = "0.1.0"
__all__ = ["Fact", "Quantity", "__version__", "extract", "extract_quantities"]
