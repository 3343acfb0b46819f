"""Extraction: text in, quantities and facts out; pure functions, no I/O."""

from sandar.extract.quantities import extract_quantities

__all__ = ["extract_quantities"]
