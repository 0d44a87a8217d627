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

__all__ = ["over_total_notes", "shared_total_notes"]

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

    @property
    def requested_as(self) -> int | None:
        """The order an earlier submit of the plan made for it, or None."""


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
    Drafts already noted (no price, above the per-order ceiling) count for nothing, and so
    do drafts already requested (``requested_as``): their orders are in ``held``, and they
    are never noted (a retry counted them twice and said they would cross the ceiling).

    >>> over_total_notes([], {}, None)
    {}
    """
    counted: dict[tuple[str, str], Decimal] = {}
    notes: dict[int, str] = {}
    for index, draft in enumerate(drafts):
        if (counted_as := _counted(draft)) is None:
            continue
        agreement, value = agreements[counted_as[0]], counted_as[1]
        if agreement.ceiling_total is None:
            continue
        mine = (agreement.id, draft.receiver)
        before = counted.get(mine, ZERO)
        in_ledger = ZERO if held is None else held.get(agreement.id, ZERO)
        total = in_ledger + before + value
        if total <= agreement.ceiling_total:
            counted[mine] = before + value
            continue
        cur = agreement.currency
        ledger = (
            "no ledger read" if held is None else f"{money_text(in_ledger)} {cur} in the ledger"
        )
        drafts_before = (
            f", {money_text(before)} {cur} in {draft.receiver}'s drafts before it" if before else ""
        )
        notes[index] = (
            f"{money_text(value)} {cur} would take agreement {agreement.id} to "
            f"{money_text(total)} {cur}, above its total ceiling of "
            f"{money_text(agreement.ceiling_total)} {cur} ({ledger}{drafts_before}); "
            "split it or raise the ceiling"
        )
    return notes


def shared_total_notes(
    drafts: Sequence[PricedDraft],
    agreements: Mapping[str, Agreement],
    held: Mapping[str, Decimal] | None,
) -> list[str]:
    """A note for each agreement that several receivers' drafts would cross together.

    :func:`over_total_notes` counts one receiver's drafts, as a submit requests them: a
    preview listing both parties' drafts under one shared ``ceiling_total`` showed no
    note where they summed above it. Each receiver's drafts fit on their own; whichever
    is submitted first is taken, and the other's then cross the ceiling. The drafts that
    count are those :func:`over_total_notes` counts (clean, not requested yet).

    >>> shared_total_notes([], {}, None)
    []
    """
    by_agreement: dict[str, list[tuple[str, Decimal]]] = {}  # (receiver, value)
    for draft in drafts:
        if (counted_as := _counted(draft)) is not None:
            by_agreement.setdefault(counted_as[0], []).append((draft.receiver, counted_as[1]))
    notes: list[str] = []
    for agreement_id, mine in sorted(by_agreement.items()):
        agreement = agreements[agreement_id]
        receivers = sorted({receiver for receiver, _value in mine})
        if agreement.ceiling_total is None or len(receivers) < 2:
            continue
        drafted = sum((value for _receiver, value in mine), ZERO)
        in_ledger = ZERO if held is None else held.get(agreement_id, ZERO)
        total = in_ledger + drafted
        if total <= agreement.ceiling_total:
            continue
        cur = agreement.currency
        counted = (
            " (no ledger read)"
            if held is None
            else f", with {money_text(in_ledger)} {cur} in the ledger {money_text(total)} {cur}"
        )
        notes.append(
            f"agreement {agreement_id}: the drafts of {' and '.join(receivers)} under it come "
            f"to {money_text(drafted)} {cur}{counted}, "
            f"{money_text(total - agreement.ceiling_total)} {cur} above its total ceiling of "
            f"{money_text(agreement.ceiling_total)} {cur}: each receiver's drafts fit it on "
            "their own, and whichever are submitted first are taken (the others then cross it)"
        )
    return notes


def _counted(draft: PricedDraft) -> tuple[str, Decimal] | None:
    """A draft's agreement and value if it counts against the total, else None.

    It counts when covered, priced and clean, and not requested yet (its order is in the
    ledger's sum then).
    """
    if draft.agreement_id is None or draft.value is None or draft.note:
        return None
    return None if draft.requested_as is not None else (draft.agreement_id, draft.value)
