"""Storage: documents and facts in SQL (SQLite by default, PostgreSQL by URL)."""

from sandar.store.database import Database, Stored, database_url

__all__ = ["Database", "Stored", "database_url"]
