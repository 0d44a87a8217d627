"""The database: engine and transactions, tables, column types, migrations."""

from __future__ import annotations

from supplyline.services.db.engine import (
    URL_EXAMPLES,
    Database,
    normalise_url,
    storage_errors,
    url_problem,
)
from supplyline.services.db.migrate import current_revision, head_revision, upgrade_database

__all__ = [
    "URL_EXAMPLES",
    "Database",
    "current_revision",
    "head_revision",
    "normalise_url",
    "storage_errors",
    "upgrade_database",
    "url_problem",
]
