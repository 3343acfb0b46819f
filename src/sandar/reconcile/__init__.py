"""Reconcile: claims, contradictions across sources and languages, and targets tracked."""
