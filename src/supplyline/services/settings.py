"""Runtime settings of supplyline, read from the environment when first asked for.

Nothing here runs at import: :func:`get_settings` builds the settings on its first call
and caches them, so that a test (or a face) can set ``SUPPLYLINE_DATABASE_URL`` before
anything opens a database, and call ``get_settings.cache_clear()`` to re-read it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from supplyline.errors import Issue, ScenarioError

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Settings taken from ``SUPPLYLINE_*`` environment variables.

    ``database_url`` defaults to a SQLite file ``supplyline.db`` in the current directory,
    so that the ledger works with nothing installed; point it at PostgreSQL
    (``postgresql://user@host/db``) when several people or machines share one ledger.
    """

    model_config = SettingsConfigDict(env_prefix="SUPPLYLINE_", extra="ignore")

    database_url: str = "sqlite:///supplyline.db"
    database_busy_timeout_s: float = Field(default=30.0, gt=0, le=86400, allow_inf_nan=False)
    """How long a writer waits for another writer's transaction before it gives up."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read from the environment on the first call.

    >>> get_settings().database_url  # doctest: +SKIP
    'sqlite:///supplyline.db'
    """
    try:
        return Settings()
    except ValidationError as error:
        raise ScenarioError(
            [_issue(problem) for problem in error.errors()],
            summary="bad setting in the environment",
        ) from None


_WHAT = {"database_busy_timeout_s": "a number of seconds above 0, up to 86400 (a day)"}
"""What each setting that can be wrong must be, in a person's words."""


def _issue(problem: Any) -> Issue:
    """One bad setting: ``SUPPLYLINE_X='abc' is not a number of seconds ...``."""
    name = str(problem["loc"][0]) if problem.get("loc") else "?"
    variable = f"SUPPLYLINE_{name.upper()}"
    given = os.environ.get(variable, problem.get("input"))
    return Issue(
        file="environment",
        message=f"{variable}={given!r} is not {_WHAT.get(name, 'valid')} ({problem['msg']})",
    )
