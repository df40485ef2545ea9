"""store stage: persistence of analyses (SQLite by default, PostgreSQL), merging across
documents, queries. Start with `Database.open(url)`; see docs/corpus.md."""

from flashpoint.store.database import DEFAULT_URL, Database
from flashpoint.store.rows import EventFilter

__all__ = ["DEFAULT_URL", "Database", "EventFilter"]
