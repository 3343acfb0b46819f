"""The web: a JSON API and pages over the store."""
