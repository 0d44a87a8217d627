"""Whether a ledger's schema is whole: every table and column its revision has, and the revision.

A tester dropped a table of a ledger (``DROP TABLE ledger_order``): ``ledger verify`` said
``database error: no such table: ledger_order``, naming no file and no remedy; ``db
upgrade`` said it was at revision 0001 and left the table missing; ``ledger agreements
import`` wrote into it, exit 0; ``ledger balance`` called it empty. A ledger of its tables
and no revision table failed every command with ``table ledger_agreement already exists``
(the migration ran again), and a revision table alone was called someone else's database.

Such a ledger is damaged, and is said so here, before anything reads or writes it, by what
is missing and what to do: restore it from a backup. The schema a revision has is the ORM
metadata's at the head revision (the one supplyline writes); a ledger of an older
revision is migrated as before, its tables not compared here (no metadata of theirs is
kept). Columns a ledger has beyond its schema's are not judged.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from supplyline.services.db.sqlite_file import RESTORE_FILE
from supplyline.services.db.tables import Base
from supplyline.services.db.url_shown import masked_url

if TYPE_CHECKING:
    from supplyline.services.db.engine import Database
    from supplyline.services.db.stranger import Found

__all__ = ["RESTORE_SERVER", "damaged_ledger_trouble", "schema_columns"]

RESTORE_SERVER = (
    "restore it from a backup (pg_dump's), check it with `supplyline ledger verify` before "
    "you use it (see docs/ledger.md, Backups)"
)
"""What to do with a damaged ledger on a database server, said after what is wrong."""


def schema_columns() -> Mapping[str, frozenset[str]]:
    """The ledger's tables at the head revision, each with its columns' names."""
    return {
        name: frozenset(column.name for column in table.columns)
        for name, table in Base.metadata.tables.items()
    }


def damaged_ledger_trouble(
    db: Database, found: Found, *, known: Collection[str], head: str
) -> str | None:
    """Why the ledger ``db`` (which holds ``found``) is damaged, in a person's words; or None.

    Called once :func:`~supplyline.services.db.stranger.stranger_trouble` has found it no
    one else's: a database of nothing is a new ledger, one of an older known revision is
    migrated, and any other that holds the ledger's tables or its revision must hold all
    of the head's tables and columns, and the revision.
    """
    schema = schema_columns()
    ours = found.tables & frozenset(schema)
    if not ours and not found.revisions:
        return None  # empty: a new ledger
    if found.revisions and found.revisions <= frozenset(known) and head not in found.revisions:
        return None  # an older ledger: its migrations bring it to the head
    if not found.revisions:
        what = (
            "is damaged (no schema revision): its revision table alembic_version is missing "
            "or empty, so supplyline cannot tell which schema its tables are of"
        )
    elif missing := sorted(frozenset(schema) - ours):
        noun = "table" if len(missing) == 1 else "tables"
        verb = "is" if len(missing) == 1 else "are"
        what = (
            f"is damaged: {noun} {', '.join(missing)} of its schema revision {head} {verb} missing"
        )
    elif lacking := _lacking(found.columns, schema):
        what = f"is damaged: {lacking} of its schema revision {head}"
    else:
        return None
    if db.file is not None:
        return f"the ledger {db.file.absolute()} {what}: {RESTORE_FILE}"
    return f"the ledger {masked_url(db.given_url)} {what}: {RESTORE_SERVER}"


def _lacking(
    columns: Mapping[str, frozenset[str]], schema: Mapping[str, frozenset[str]]
) -> str | None:
    """The columns missing from the ledger's tables (``table ledger_order lacks column x``)."""
    said = []
    for table in sorted(schema):
        gone = sorted(schema[table] - columns.get(table, schema[table]))
        if gone:
            noun = "column" if len(gone) == 1 else "columns"
            said.append(f"table {table} lacks {noun} {', '.join(gone)}")
    return "; ".join(said) or None
