"""The database a command means: the URL it was given, else the configured one.

Kept apart from :mod:`engine` so that the engine knows nothing of settings: here the
settings are read, and the :class:`~supplyline.services.db.engine.UrlSource` of the URL
is told to the database, which then says a bad or missing ledger where the user can mend
it (``--db``, ``SUPPLYLINE_DATABASE_URL``, or the default file in this folder).
"""

from __future__ import annotations

from supplyline.services.db.engine import Database, UrlSource
from supplyline.services.settings import get_settings

__all__ = ["database_at"]


def database_at(url: str | None, *, read_only: bool = False) -> Database:
    """The database at ``url``, or at ``SUPPLYLINE_DATABASE_URL``, or the default file.

    A bad ``SUPPLYLINE_DATABASE_URL`` is a bad setting (ScenarioError, exit 2 in the CLI)
    naming the variable; a bad ``url`` is a StorageError, as :class:`Database` says it.
    ``read_only`` opens a SQLite file for reading only (:class:`Database`).

    >>> database_at("sqlite:///ledger.db").source
    <UrlSource.GIVEN: 'given'>
    """
    settings = get_settings()
    if url is not None:
        source = UrlSource.GIVEN
    elif "database_url" in settings.model_fields_set:
        url, source = settings.database_url, UrlSource.ENVIRONMENT
    else:
        url, source = settings.database_url, UrlSource.DEFAULT
    return Database(
        url, busy_timeout_s=settings.database_busy_timeout_s, source=source, read_only=read_only
    )
