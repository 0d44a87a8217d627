"""Agreements entered in a batch: checked before any write, stored as steps, named as written.

Apart from :mod:`supplyline.services.ledger.service` (the :class:`Ledger` use-cases),
which had grown to 590 lines. A batch that failed on an agreement named it
``agreements[0] ('an-hg-relief')``, an index into a list no user typed; it is named by
its id and, where the caller knows it, where it is written
(``agreement 'an-hg-relief' (agreements.yaml line 3)``), as a failed request is named in
its maker's words (:func:`~supplyline.services.ledger.intake.request_words`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from supplyline.domain import Agreement
from supplyline.errors import (
    ArgumentError,
    ConflictError,
    NotFoundError,
    PermissionDenied,
    StorageError,
)
from supplyline.services.ledger.agreements import (
    agreement_payload,
    store_agreement,
)
from supplyline.services.ledger.reconcile import check_agreement
from supplyline.services.ledger.views import Actor
from supplyline.services.ledger.writing import Outcome, Transaction

__all__ = [
    "NOTHING_IMPORTED",
    "NOTHING_STORED",
    "ImportResult",
    "agreement_words",
    "all_or_nothing",
    "check_import",
    "import_step",
    "store_step",
]

NOTHING_IMPORTED = "nothing was imported"
NOTHING_STORED = "nothing was stored (no agreement imported, no order made)"
_RETYPED = (ArgumentError, ConflictError, NotFoundError, PermissionDenied, StorageError)
"""Errors said again with the item that failed, keeping their type (and exit code)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What an import of agreements did: added, already there unchanged, not ours to add."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def agreement_words(agreement_id: str, sources: Mapping[str, str] | None) -> str:
    """An agreement of a batch as its user knows it: its id, and where it is written if known.

    >>> agreement_words("an-hg-relief", {"an-hg-relief": "agreements.yaml line 3"})
    "agreement 'an-hg-relief' (agreements.yaml line 3)"
    >>> agreement_words("an-hg-relief", None)
    "agreement 'an-hg-relief'"
    """
    source = (sources or {}).get(agreement_id)
    return f"agreement {agreement_id!r}" + (f" ({source})" if source else "")


@contextmanager
def all_or_nothing(where: str, nothing: str, *, subject: str = "") -> Iterator[None]:
    """Name the item of a batch that failed, and say that the batch left nothing behind.

    The transaction around the batch rolls back on the error raised here. A message that
    already begins with ``subject`` (``agreement 'x' is already in the ledger …``) has it
    replaced by ``where`` rather than said twice.
    """
    try:
        yield
    except SQLAlchemyError as error:  # a database error the checks did not foresee
        orig = getattr(error, "orig", None) or error
        raise StorageError(f"{where}: database error: {str(orig).strip()}; {nothing}") from error
    except _RETYPED as error:
        said = str(error)
        if subject and said.startswith(f"{subject} "):
            raise type(error)(f"{where}{said.removeprefix(subject)}; {nothing}") from error
        raise type(error)(f"{where}: {said}; {nothing}") from error


def import_step(
    tx: Transaction,
    actor: Actor,
    taken: Sequence[Agreement],
    ours: Sequence[Agreement],
    nothing: str,
    sources: Mapping[str, str] | None,
) -> ImportResult:
    """Store ``ours`` (the actor's among ``taken``) in ``tx``; one failing undoes them all.

    An agreement given twice (with the same terms, :func:`check_import` saw to that) is
    stored and listed once: it was listed as both added and unchanged.
    """
    added: list[str] = []
    unchanged: list[str] = []
    done: set[str] = set()
    for agreement in ours:
        if agreement.id in done:
            continue
        done.add(agreement.id)
        where = agreement_words(agreement.id, sources)
        with all_or_nothing(where, nothing, subject=f"agreement {agreement.id!r}"):
            stored = store_step(tx, agreement, None) is not None
        (added if stored else unchanged).append(agreement.id)
    skipped = tuple(dict.fromkeys(a.id for a in taken if actor.partner not in a.parties))
    return ImportResult(added=tuple(added), unchanged=tuple(unchanged), skipped=skipped)


def check_import(
    ours: Sequence[Agreement], nothing: str, sources: Mapping[str, str] | None
) -> None:
    """Refuse, before any write, an id given twice with different terms.

    (What the ledger's tables cannot hold, a price to 5 decimals or two prices of fuel in
    EUR, the ``Agreement`` refused as it was built.) Every message has one form, as the
    conflicts and database errors of the import: ``agreement 'wm-os-3' (agreements.yaml
    line 31): …; nothing was imported`` (or, for ``request_all``, its own ``nothing was
    stored …``).
    """
    first: dict[str, dict[str, Any]] = {}
    for agreement in ours:
        where = agreement_words(agreement.id, sources)
        terms = agreement_payload(agreement)
        if first.setdefault(agreement.id, terms) != terms:
            raise ConflictError(
                f"{where}: given twice with different terms; give the new terms a new id; {nothing}"
            )


def store_step(
    tx: Transaction, agreement: Agreement, key: str | None
) -> tuple[int | None, str | None] | None:
    """Store one agreement as one audited step; None if the same terms were there."""
    terms = agreement_payload(agreement)

    def run(session: Session, now: dt.datetime) -> Outcome | None:
        check_agreement(session, agreement.id)  # "the same terms" as its event gives them
        if not store_agreement(session, agreement, now):
            return None
        return None, agreement.id, {"agreement": terms}

    return tx.step("agreement", key, terms, run)
