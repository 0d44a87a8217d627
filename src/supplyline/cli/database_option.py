"""The ``--db`` option of the ledger and ``db`` commands: a database URL, checked as an option.

An empty ``--db ''`` said "… or None for the configured one" (the Python API's words) and
exited 1; ``--db nonsense`` was a database failure (exit 7). Both are a bad option (exit
2) now, said as a command-line user reads it, before anything opens a database.
"""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["DbOpt", "database_url_option"]


def database_url_option(value: str | None) -> str | None:
    """Take ``--db`` as given, or refuse it (exit 2) with an example of a URL.

    The database package is imported here, when ``--db`` is given: at the top it put
    sqlalchemy and alembic (0.3-0.5 s) into every command's start, ``--help`` included.
    """
    from supplyline.services.db import URL_EXAMPLES, url_problem

    if value is None:
        return None
    if not value.strip():
        raise typer.BadParameter(
            f"it is empty: give a database URL ({URL_EXAMPLES}), or leave --db out "
            "to use SUPPLYLINE_DATABASE_URL (default sqlite:///supplyline.db)",
            param_hint="--db",
        )
    if (problem := url_problem(value)) is not None:
        raise typer.BadParameter(problem, param_hint="--db")
    return value


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: SUPPLYLINE_DATABASE_URL), e.g. sqlite:///ledger.db.",
        callback=database_url_option,
    ),
]
