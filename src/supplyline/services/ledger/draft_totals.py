"""Drafts against an agreement's total ceiling: what the ledger holds, plus the drafts before.

Why a module of its own: ``propose`` checked each draft against the per-order ceiling
only, so a tester's 483,365 EUR food draft under an agreement whose ``ceiling_total`` is
300,000 EUR was drafted with no note, and ``--submit`` then failed as a whole, refusing
the water draft that fitted with it. The total is checked here, in the drafts' order, as
the ledger will check the requests one after another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from supplyline.domain import Agreement
from supplyline.domain.amounts import money_text

__all__ = ["over_total_notes"]

ZERO = Decimal(0)


class PricedDraft(Protocol):
    """What of a draft the total ceiling looks at (:class:`~.propose.DraftOrder`)."""

    @property
    def receiver(self) -> str:
        """The partner who requests it."""

    @property
    def agreement_id(self) -> str | None:
        """The covering agreement, or None."""

    @property
    def value(self) -> Decimal | None:
        """The draft's value in the agreement's currency, or None (no price)."""

    @property
    def note(self) -> str:
        """Why it cannot be requested, or empty."""


def over_total_notes(
    drafts: Sequence[PricedDraft],
    agreements: Mapping[str, Agreement],
    held: Mapping[str, Decimal] | None,
) -> dict[int, str]:
    """The note of each draft (by index) that would take its agreement past ``ceiling_total``.

    ``held``: what each agreement's orders already hold in the ledger
    (:meth:`~supplyline.services.ledger.reading.LedgerReads.committed_values`), or None
    when no ledger was read (then nothing is counted from it, and the note says so). The
    drafts that can be requested count in their order; one over the ceiling is noted and
    not counted, so the drafts after it may still fit, as a submit then requests them. Only
    the receiver's own drafts count before it: a submit requests one receiver's drafts, and
    the other party's, not requested yet, are in the ledger (``held``) once they are.
    Drafts already noted (no price, above the per-order ceiling) count for nothing.

    >>> over_total_notes([], {}, None)
    {}
    """
    counted: dict[tuple[str, str], Decimal] = {}
    notes: dict[int, str] = {}
    for index, draft in enumerate(drafts):
        if draft.agreement_id is None or draft.value is None or draft.note:
            continue
        agreement = agreements[draft.agreement_id]
        if agreement.ceiling_total is None:
            continue
        mine = (agreement.id, draft.receiver)
        before = counted.get(mine, ZERO)
        in_ledger = ZERO if held is None else held.get(agreement.id, ZERO)
        total = in_ledger + before + draft.value
        if total <= agreement.ceiling_total:
            counted[mine] = before + draft.value
            continue
        cur = agreement.currency
        ledger = (
            "no ledger read" if held is None else f"{money_text(in_ledger)} {cur} in the ledger"
        )
        drafts_before = (
            f", {money_text(before)} {cur} in {draft.receiver}'s drafts before it" if before else ""
        )
        notes[index] = (
            f"{money_text(draft.value)} {cur} would take agreement {agreement.id} to "
            f"{money_text(total)} {cur}, above its total ceiling of "
            f"{money_text(agreement.ceiling_total)} {cur} ({ledger}{drafts_before}); "
            "split it or raise the ceiling"
        )
    return notes
