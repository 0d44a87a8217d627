"""What a write that the database failed says it left behind, and how to do it again.

A connection dropped during ``ledger agreements import`` (the server stopped 6 s into
3,000 agreements) said only ``ledger transaction: database error: terminating connection
due to administrator command``: the import was all-or-nothing, but the message left the
user to guess whether anything was stored and whether running it again was safe. Every
write is one transaction, so a database failure in it (not a rule, not a conflict) wrote
nothing; the message now says so, and how to do it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from supplyline.errors import StorageError

__all__ = ["NOTHING_WRITTEN", "AfterFailure", "said_after_failure"]

NOTHING_WRITTEN = "nothing was written"
"""What a single write that the database failed left behind."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AfterFailure:
    """What a failed write says after the database's words: what it left, how to redo it.

    >>> AfterFailure(nothing="nothing was imported", again="run the import again").again
    'run the import again'
    """

    nothing: str = NOTHING_WRITTEN
    """What the transaction left (``nothing was imported``, …)."""
    again: str = "run the command again"
    """How to do it again."""
    safe: str = ""
    """Why doing it again cannot act twice, if something makes it so (its idempotency key)."""


def said_after_failure(error: StorageError, after: AfterFailure) -> str | None:
    """``error``'s words, then what was written and how to redo it; None if not the database's.

    Only a failure of the database itself (a ``DBAPIError`` underneath) is said so: a
    damaged or read-only SQLite file is already said with what to do. A message that
    already says what was left (an agreement of an import, named with ``; nothing was
    imported``) is not told it twice. To do it again is said only when the connection was
    lost: a database that refused the change (a constraint, a trigger) would refuse it
    again.
    """
    cause = error.__cause__
    if not isinstance(cause, DBAPIError):
        return None
    said = str(error)
    if not said.endswith(after.nothing):
        said += f"; {after.nothing}"
    if cause.connection_invalidated:  # the connection was lost, not the change refused
        said += f": {after.again} once the database is back"
        said += f" ({after.safe})" if after.safe else ""
    return said
