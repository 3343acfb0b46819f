"""The ``sandar`` command line: thin wrappers over the library; each docstring is the command's help.

``app`` holds the command group and what the commands share; each other module adds the commands of
one part of the flow: texts, the store, reconciliation, official statistics, the dashboard.
"""

from sandar.cli import official, reconcile, serve, store, text
from sandar.cli.app import main

__all__ = ["main", "official", "reconcile", "serve", "store", "text"]
