"""The database: every stored version of the UN list, and the tables of the audit trail."""

from __future__ import annotations

from sanctions_screen.store.base import Base
from sanctions_screen.store.db import Store, default_db_url, open_store
from sanctions_screen.store.versions import ImportResult, ListVersionInfo

__all__ = ["Base", "ImportResult", "ListVersionInfo", "Store", "default_db_url", "open_store"]
