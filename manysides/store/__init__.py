"""Where stories live between runs: SQLite by default, PostgreSQL with a postgresql:// URL."""

from .db import Store, StoredArticle, StoredStory, database_url, open_store

__all__ = ["Store", "StoredArticle", "StoredStory", "database_url", "open_store"]
