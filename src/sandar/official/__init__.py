"""Official statistics: tables of the Bureau of National Statistics read into typed values, series
derived from them (with their formulas), and diversification measures of regional value added.

>>> from sandar.official import read_official, shipped_dataset
>>> values = [v for path in shipped_dataset() for v in read_official(path)]
"""

from sandar.official.derived import derive
from sandar.official.diversification import Diversification, diversification, diversification_table
from sandar.official.tables import (
    OfficialDataError,
    OfficialValue,
    read_official,
    shipped_dataset,
)

__all__ = [
    "Diversification",
    "OfficialDataError",
    "OfficialValue",
    "derive",
    "diversification",
    "diversification_table",
    "read_official",
    "shipped_dataset",
]
