"""What a write that the database failed says it left behind, and how to do it again.

A connection dropped during ``ledger agreements import`` (the server stopped 6 s into
3,000 agreements) said only ``ledger transaction: database error: terminating connection
due to administrator command``: the import was all-or-nothing, but the message left the
user to guess whether anything was stored and whether running it again was safe. Every
write is one transaction, so a database failure in it (not a rule, not a conflict) wrote
nothing; the message now says so, and how to do it again.

Except a failure of the commit itself (:class:`~supplyline.errors.CommitUnknownError`): a
connection lost while ``COMMIT`` travelled may have lost the commit or only its answer,
and "nothing was written" could be false. That is said as unknown, with the command that
shows whether the write is there, and whether doing it again is safe (an idempotency key
makes it so) or must wait for that check.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from supplyline.errors import CommitUnknownError, StorageError

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
    check: str = "supplyline ledger events"
    """The command that shows whether a write whose commit failed was kept."""


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
    if isinstance(error, CommitUnknownError):
        return _unknown(str(error), after)
    said = str(error)
    if not said.endswith(after.nothing):
        said += f"; {after.nothing}"
    if cause.connection_invalidated:  # the connection was lost, not the change refused
        said += f": {after.again} once the database is back"
        said += f" ({after.safe})" if after.safe else ""
    return said


def _unknown(said: str, after: AfterFailure) -> str:
    """What a failed commit says: the outcome is unknown, how to see it, whether to redo it."""
    said += (
        "; the database may or may not have kept this write (it failed while committing it): "
        f"see whether it did with `{after.check}` once the database is back"
    )
    if after.safe:
        return f"{said}; it is safe to {after.again} ({after.safe})"
    twice = "if the write was kept, it would be made twice"
    return f"{said}; check that before you {after.again}: {twice}"
