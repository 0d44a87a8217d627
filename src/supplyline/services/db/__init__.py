"""The database: engine and transactions, tables, column types, migrations.

:func:`~supplyline.services.db.configured.database_at` (the database a command means,
from the settings) is imported from its module: here it would load pydantic-settings
into every command that checks a ``--db`` option, ``--version`` included.
"""

from __future__ import annotations

from supplyline.services.db.engine import (
    URL_EXAMPLES,
    URL_VARIABLE,
    Database,
    UrlSource,
    normalise_url,
    storage_errors,
    url_problem,
)
from supplyline.services.db.migrate import (
    check_ledger,
    current_revision,
    head_revision,
    upgrade_database,
)
from supplyline.services.db.url_shown import masked_url

__all__ = [
    "URL_EXAMPLES",
    "URL_VARIABLE",
    "Database",
    "UrlSource",
    "check_ledger",
    "current_revision",
    "head_revision",
    "masked_url",
    "normalise_url",
    "storage_errors",
    "upgrade_database",
    "url_problem",
]
