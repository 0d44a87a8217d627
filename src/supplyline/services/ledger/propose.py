"""From a movement plan to support orders: who supplies whose units, under which agreement.

Where the plan delivers one partner's stock (``Delivery.source_partner``) to a unit of
another partner, the receiving partner owes the provider for it — under a mutual support
agreement, if one covers that commodity on that date. :func:`draft_support_orders` groups
such deliveries into one draft order per provider, receiver, commodity and agreement, and
says plainly when no agreement covers them. Drafting reads nothing from the database;
:func:`request_drafts` turns drafts into requests, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from supplyline.domain import (
    Agreement,
    Plan,
    ReimbursementMode,
    Scenario,
    check_plan_of,
    did_you_mean,
)
from supplyline.domain.agreements import other_currency_only
from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    check_amounts,
    money_text,
    quantity_text,
    value_of,
)
from supplyline.errors import ArgumentError, NotFoundError, PermissionDenied, require
from supplyline.services.ledger.draft_totals import over_total_notes, shared_total_notes
from supplyline.services.ledger.errors import LedgerRuleError
from supplyline.services.ledger.service import Ledger
from supplyline.services.ledger.views import Actor, OrderRequest, OrderStatus, SupportOrder
from supplyline.types import CommodityId, PartnerId, UnitId

__all__ = [
    "DraftOrder",
    "check_submitter",
    "draft_key",
    "draft_support_orders",
    "drafts_against_ledger",
    "preview_drafts",
    "request_drafts",
    "scenario_partner",
    "submitted_summary",
    "was_there_before",
]

MILLI = Decimal("0.001")
GRAM = Decimal("0.000001")
"""A gram, in tonnes: the plan's float tonnes are taken to it before they are summed."""
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftOrder:
    """A support order the plan implies; ``agreement_id`` is None when nothing covers it."""

    provider: PartnerId
    receiver: PartnerId
    item: CommodityId
    quantity: Decimal
    needed_on: dt.date
    agreement_id: str | None
    units: tuple[UnitId, ...]
    first_day: int
    last_day: int
    unit_price: Decimal | None = None
    value: Decimal | None = None
    currency: str | None = None
    mode: ReimbursementMode | None = None
    """How its request is to be repaid: the mode a request naming none takes (None where no
    agreement covers it)."""
    note: str = ""
    days: tuple[int, ...] = ()
    """The plan's days that deliver it, ascending, ``first_day`` to ``last_day`` (the draft
    from days 3, 4 and 7 is not one of days 3 to 7: ``propose``'s ``days`` said
    ``C+3–C+7``); a draft built without them is taken to deliver on every day between."""

    requested_as: int | None = None
    """The order an earlier submit of the same plan made for it (still standing), if the
    ledger was read (:func:`drafts_against_ledger`): its value is in the ledger already,
    so it counts against no ceiling again."""

    def __post_init__(self) -> None:
        """Take the amounts as Decimals; refuse one the ledger cannot store (ArgumentError)."""
        check_amounts(self, _DRAFT_AMOUNTS)
        if not self.days:
            object.__setattr__(self, "days", tuple(range(self.first_day, self.last_day + 1)))
        elif self.days != tuple(sorted(set(self.days))) or (self.days[0], self.days[-1]) != (
            self.first_day,
            self.last_day,
        ):
            raise ArgumentError(
                f"days(={self.days}) must ascend, each once, from first_day(={self.first_day}) "
                f"to last_day(={self.last_day})"
            )

    @property
    def covered(self) -> bool:
        """Whether an agreement covers this support (so it can be requested)."""
        return self.agreement_id is not None


_DRAFT_AMOUNTS = (
    ("quantity", QUANTITY_DECIMALS),
    ("unit_price", UNIT_PRICE_DECIMALS),
    ("value", MONEY_DECIMALS),
)


@dataclass(slots=True)
class _Group:
    tonnes: Decimal
    days: set[int]
    units: set[UnitId]


def _covering(
    agreements: Sequence[Agreement], provider: str, receiver: str, item: str, on: dt.date
) -> Agreement | None:
    for agreement in sorted(agreements, key=lambda a: a.id):
        if agreement.covers(provider=provider, receiver=receiver, commodity=item, on=on):
            return agreement
    return None


def _to_the_gram(tonnes: float) -> Decimal:
    """A delivery's tonnes as the Decimal it reads (its shortest repr), to the gram.

    Deliveries are summed as these Decimals, then rounded half up to the kilogram: summed
    as floats, deliveries of exactly 7.6875 t in all came to 7.687499999999989 and were
    drafted as 7.687 t, a kilogram short.
    """
    return Decimal(repr(tonnes)).quantize(GRAM, rounding=ROUND_HALF_UP)


def _priced(draft: DraftOrder, agreement: Agreement) -> DraftOrder:
    """The draft valued as its request will be: in the mode it takes, at its price.

    The mode is the request's default where it can value the commodity, else the first
    permitted one that can (:meth:`Agreement.mode_for`), and the price rule the request's
    (:meth:`Agreement.can_value`): replaced in kind with no ceiling to count its value, a
    commodity without a price is drafted at no price, worth 0.
    """
    mode = agreement.mode_for(draft.item)
    draft = _replace(draft, mode=mode)
    if not agreement.can_value(draft.item, mode):
        note = other_currency_only(agreement, draft.item) or (
            f"agreement {agreement.id} has no {agreement.currency} price for {draft.item}"
        )
        return _replace(draft, note=note)
    price = agreement.order_price(draft.item)
    per_t = Decimal(0) if price is None else price.per_t
    value = value_of(draft.quantity, per_t)
    note = ""
    if agreement.ceiling_per_order is not None and value > agreement.ceiling_per_order:
        cur = agreement.currency
        note = (
            f"{money_text(value)} {cur} is above the agreement's per-order ceiling of "
            f"{money_text(agreement.ceiling_per_order)} {cur}; split it or raise the ceiling"
        )
    return _replace(draft, unit_price=per_t, value=value, currency=agreement.currency, note=note)


def _replace(draft: DraftOrder, **changes: object) -> DraftOrder:
    return replace(draft, **changes)  # type: ignore[arg-type]


def draft_support_orders(
    plan: Plan,
    scenario: Scenario,
    agreements: Sequence[Agreement] | None = None,
    *,
    held: Mapping[str, Decimal] | None = None,
) -> list[DraftOrder]:
    """Draft the support orders implied by ``plan``'s cross-partner deliveries.

    ``agreements`` defaults to the scenario's. Deliveries without a ``source_partner``, or
    from the unit's own partner, need no order. The result is sorted by receiver,
    provider, commodity and date; uncovered support comes back with ``agreement_id=None``
    and a note saying why. A draft above its agreement's per-order ceiling is noted, and so
    is one that would take the agreement past its ``ceiling_total``, counting what
    ``held`` says its orders already hold in the ledger (None: no ledger read) and the
    drafts before it (:func:`~supplyline.services.ledger.draft_totals.over_total_notes`).

    >>> draft_support_orders(plan, scenario)  # doctest: +SKIP
    [DraftOrder(provider='DEU', receiver='NLD', item='fuel', quantity=Decimal('120.000'), ...)]
    """
    require(plan, Plan, "the plan")  # None failed as an AttributeError
    require(scenario, Scenario, "the scenario")
    check_plan_of(scenario, plan)  # another scenario's plan was "no unit 'bn-1'" (exit 3)
    pool = scenario.agreements if agreements is None else tuple(agreements)
    return _with_total_notes(*_priced_drafts(plan, scenario, pool), held)


def _priced_drafts(
    plan: Plan, scenario: Scenario, pool: Sequence[Agreement]
) -> tuple[list[DraftOrder], dict[str, Agreement]]:
    """The plan's drafts, sorted and priced, before the total ceilings; the agreements by id."""
    groups: dict[tuple[str, str, str, str | None], _Group] = {}
    for delivery in plan.deliveries:
        source = delivery.source_partner
        if source is None or delivery.tonnes <= 0:
            continue
        receiver = scenario.unit(delivery.unit).partner
        if source == receiver:
            continue
        on = plan.date_of(delivery.day)
        agreement = _covering(pool, source, receiver, delivery.commodity, on)
        key = (source, receiver, delivery.commodity, agreement.id if agreement else None)
        group = groups.get(key)
        tonnes = _to_the_gram(delivery.tonnes)
        if group is None:
            groups[key] = _Group(tonnes, {delivery.day}, {delivery.unit})
        else:
            group.tonnes += tonnes
            group.days.add(delivery.day)
            group.units.add(delivery.unit)
    by_id = {a.id: a for a in pool}
    drafts: list[DraftOrder] = []
    for (provider, receiver, item, agreement_id), group in groups.items():
        quantity = group.tonnes.quantize(MILLI, rounding=ROUND_HALF_UP)
        if quantity <= 0:
            continue
        draft = DraftOrder(
            provider=provider,
            receiver=receiver,
            item=item,
            quantity=quantity,
            needed_on=plan.date_of(min(group.days)),
            agreement_id=agreement_id,
            units=tuple(sorted(group.units)),
            first_day=min(group.days),
            last_day=max(group.days),
            days=tuple(sorted(group.days)),
        )
        if agreement_id is None:
            draft = _replace(draft, note=_uncovered(draft))
        else:
            draft = _priced(draft, by_id[agreement_id])
        drafts.append(draft)
    drafts.sort(key=lambda d: (d.receiver, d.provider, d.item, d.needed_on, d.agreement_id or ""))
    return drafts, by_id


def _with_total_notes(
    drafts: Sequence[DraftOrder], by_id: Mapping[str, Agreement], held: Mapping[str, Decimal] | None
) -> list[DraftOrder]:
    """The drafts, each that would take its agreement past ``ceiling_total`` noted."""
    over = over_total_notes(drafts, by_id, held)
    return [_replace(d, note=over[i]) if i in over else d for i, d in enumerate(drafts)]


def drafts_against_ledger(
    ledger: Ledger, plan: Plan, scenario: Scenario, *, user: str, key_prefix: str
) -> list[DraftOrder]:
    """The plan's drafts, their total ceilings counting what ``ledger`` already holds.

    Each receiver's agreements and earlier orders are read as that partner (``user``
    acting for it). A draft an earlier submit of this plan requested (:func:`draft_key`,
    an order neither cancelled nor rejected) is recognised first, whatever the ceiling:
    it comes back with ``requested_as`` set and no ceiling note, and counts for nothing
    but its order in the ledger, so a retry is told ``already requested``. The other
    drafts count the ledger's orders once. (The ledger's sum was read again for each
    receiver, undoing what was taken out for the first one's orders: a retry counted
    its own food and shelter orders twice and said they would cross the ceiling.)
    """
    return _read_against_ledger(ledger, plan, scenario, user=user, key_prefix=key_prefix)[0]


def preview_drafts(
    ledger: Ledger | None, plan: Plan, scenario: Scenario, *, user: str, key_prefix: str
) -> tuple[list[DraftOrder], list[str]]:
    """The drafts a preview shows, and where all receivers' drafts together cross a ceiling.

    Without ``ledger`` the drafts are :func:`draft_support_orders`' (no ledger read). The
    second part is :func:`~supplyline.services.ledger.draft_totals.shared_total_notes`:
    each draft is checked with its receiver's drafts only, as a submit requests them, so
    two receivers' drafts under one agreement could sum above its total with no word.
    """
    by_id = {a.id: a for a in scenario.agreements}
    if ledger is None:
        drafts = draft_support_orders(plan, scenario)
        return drafts, shared_total_notes(drafts, by_id, None)
    drafts, held = _read_against_ledger(ledger, plan, scenario, user=user, key_prefix=key_prefix)
    return drafts, shared_total_notes(drafts, by_id, held)


def _read_against_ledger(
    ledger: Ledger, plan: Plan, scenario: Scenario, *, user: str, key_prefix: str
) -> tuple[list[DraftOrder], dict[str, Decimal]]:
    """:func:`drafts_against_ledger`'s drafts, and what each agreement holds in the ledger."""
    drafts, by_id = _priced_drafts(plan, scenario, scenario.agreements)
    held: dict[str, Decimal] = {}
    made: dict[int, int] = {}
    for receiver in sorted({d.receiver for d in drafts}):
        actor = Actor(partner=receiver, user=user)
        held |= ledger.committed_values(actor, scenario.agreements)  # one sum per agreement
        earlier = _requested_before(ledger, actor, key_prefix)
        for index, draft in enumerate(drafts):
            if draft.receiver == receiver and (live := _live(earlier, key_prefix, draft)):
                made[index] = live[0].id
    marked = [_replace(d, requested_as=made[i]) if i in made else d for i, d in enumerate(drafts)]
    return _with_total_notes(marked, by_id, held), held


def _live(
    earlier: Mapping[str, Sequence[SupportOrder]], key_prefix: str, draft: DraftOrder
) -> list[SupportOrder]:
    """The orders an earlier submit made for ``draft`` that still stand (not ended)."""
    return [o for o in earlier.get(draft_key(key_prefix, draft), []) if o.status not in _ENDED]


def _named_mode(draft: DraftOrder, agreements: Sequence[Agreement]) -> ReimbursementMode | None:
    """The mode a draft's request names: none where it is the request's default.

    A draft in its agreement's default mode is requested naming none, as before, so its
    idempotency key is kept with the request an earlier submit of the plan made; one in
    another (in kind, where the default cannot value it) names it.
    """
    agreement = next((a for a in agreements if a.id == draft.agreement_id), None)
    if agreement is not None and draft.mode is agreement.default_mode:
        return None
    return draft.mode


def _uncovered(draft: DraftOrder) -> str:
    """The one wording of support no agreement covers: the draft's note, and a refusal's."""
    return (
        f"no agreement covers {draft.provider} supplying {draft.receiver} with {draft.item} "
        f"on {draft.needed_on}"
    )


def _requestable_under(draft: DraftOrder) -> str | None:
    """The agreement a draft can be requested under (covered, priced, nothing noted), or None."""
    if draft.value is None or draft.note:
        return None
    return draft.agreement_id


def _why_not(draft: DraftOrder) -> str:
    """Why a draft cannot be requested, and for uncovered support what agreement it needs."""
    if draft.agreement_id is None:
        return (
            f"{_uncovered(draft)} (it needs an agreement between {draft.provider} and "
            f"{draft.receiver} with {draft.item} in its scope, valid on {draft.needed_on})"
        )
    return f"{draft.item} from {draft.provider} under {draft.agreement_id}: " + (
        draft.note or "it has no price"
    )


def check_submitter(partner: str, drafts: Sequence[DraftOrder]) -> None:
    """Refuse a submit that could request nothing, before the ledger is touched.

    Only the receiver of support requests it: a partner who receives none of the drafts
    is refused (PermissionDenied). A provider submitting the plan requested nothing
    (each draft "westmark requests this, not ostravia"), yet entered the scenario's
    agreement and left an event in the audit log. So did a receiver whose drafts no
    agreement covers (or that are above a ceiling): that is refused too
    (LedgerRuleError), naming each draft and the agreement it would need. This check
    runs before the ledger is touched, so such a submit writes nothing. A plan with no
    drafts, or one in which ``partner`` receives some that can be requested, passes.

    A plan with no drafts at all is refused too (LedgerRuleError): it entered the
    scenario's agreements and recorded their events, and requested nothing.

    >>> check_submitter("NLD", [])
    Traceback (most recent call last):
    supplyline.services.ledger.errors.LedgerRuleError: the plan delivers no partner's stock ...
    """
    receivers = sorted({d.receiver for d in drafts})
    if not receivers:
        raise LedgerRuleError(
            "the plan delivers no partner's stock to another partner's unit: there is "
            f"nothing for {partner} to request; nothing was stored (no agreement imported, "
            "no order made)"
        )
    if partner not in receivers:
        whose = " and ".join(f"{r}'s" for r in receivers)
        runs = " or ".join(f"--as {r}" for r in receivers)
        raise PermissionDenied(
            f"the plan's requests are {whose} to make: run with {runs} "
            f"({partner} receives none of its support orders; nothing was stored)"
        )
    ours = [d for d in drafts if d.receiver == partner]
    if any(_requestable_under(d) is not None for d in ours):
        return
    reasons = "; ".join(_why_not(d) for d in ours)
    raise LedgerRuleError(
        f"{partner} has nothing to request from this plan: {reasons}; "
        "nothing was stored (no agreement imported, no order made)"
    )


def submitted_summary(
    partner: str, outcome: Sequence[tuple[DraftOrder, SupportOrder | None, str]]
) -> str:
    """One line on what a submit requested of ``partner``'s drafts, and why not the others.

    The table said it only in a wrapped cell: a tester's submit exited 0 and left out the
    largest order (a water draft above the per-order ceiling) without a word after it. The
    orders an earlier submit made are counted apart: a retry said ``requested 2 of
    westmark's 6 drafts (orders 1, 2)`` of two orders that were already there.

    >>> print(submitted_summary("NLD", []))
    requested 0 of NLD's 0 drafts
    """
    ours = [(d, o, why) for d, o, why in outcome if d.receiver == partner]
    made = [o for _d, o, why in ours if o is not None and not was_there_before(o, why)]
    there = [o for _d, o, why in ours if o is not None and was_there_before(o, why)]
    line = f"requested {len(made)} of {partner}'s {len(ours)} drafts{_order_ids(made)}"
    if there:
        line += f"; {len(there)} already requested before{_order_ids(there)}"
    left = [f"{d.item} ({why})" for d, o, why in ours if o is None]
    return line + (f"; not requested: {'; '.join(left)}" if left else "")


def _order_ids(orders: Sequence[SupportOrder]) -> str:
    """`` (orders 1, 2)`` after a count, or nothing for none."""
    if not orders:
        return ""
    return f" (order{'s' if len(orders) > 1 else ''} {', '.join(str(o.id) for o in orders)})"


def scenario_partner(scenario: Scenario, partner: str, where: str | Path) -> None:
    """Refuse a partner the scenario does not know (NotFoundError), offering the nearest.

    ``--as HopeAid`` on ``propose --submit`` was told the plan's requests are hopeaid's
    (exit 4), as if it were another partner; on ``agreements import`` it was listed with
    no ``did you mean``, where ``balance`` offered ``hopeaid``.
    """
    known = sorted(
        {p.id for p in scenario.partners} | {p for a in scenario.agreements for p in a.parties}
    )
    if partner not in known:
        hint = did_you_mean(partner, known)
        raise NotFoundError(
            f"no partner {partner!r} in the scenario {where} ("
            + (f"{hint}; " if hint else "")
            + f"its partners: {', '.join(known) or 'none'})"
        )


def request_drafts(
    ledger: Ledger,
    actor: Actor,
    drafts: Sequence[DraftOrder],
    *,
    key_prefix: str,
    agreements: Sequence[Agreement] = (),
    sources: Mapping[str, str] | None = None,
) -> list[tuple[DraftOrder, SupportOrder | None, str]]:
    """Request the drafts that ``actor``'s partner receives and an agreement covers.

    ``agreements`` (the scenario's) are entered first where the partner is a party and
    they are not in the ledger yet; ``sources`` says where each is written, for an error
    (:func:`supplyline.io.agreement_sources`). All of it is one transaction
    (:meth:`Ledger.request_all`): if one request fails (a ceiling, a database error), no
    order is made and no agreement entered, and the error names the request. Each
    request carries an idempotency key made from ``key_prefix`` and what the draft is for
    (:func:`draft_key`), so submitting the same plan twice, or again under a raised
    ceiling, requests nothing twice; a draft whose quantity changed since is said, not
    requested. Returns each draft with its order (or None) and why not; an order that an
    earlier submit made comes with ``already requested as order N`` in place of a why not
    (:func:`was_there_before`), so a retry is not said to have requested it; so does one
    that another submit, running at the same time, made first (found in the transaction
    that found its key taken: both said they had requested it). A partner
    who receives none of the drafts, or
    none that can be requested (no agreement covers them), is refused before anything
    is written (:func:`check_submitter`). A draft an earlier submit requested is
    recognised before its note is looked at: a retry is told ``already requested``, never
    that its own order would cross a ceiling.
    """
    earlier = _requested_before(ledger, actor, key_prefix)  # a read: nothing written yet
    ours = [d for d in drafts if d.receiver == actor.partner]
    if not any(_live(earlier, key_prefix, d) for d in ours):  # a retry has something to say
        check_submitter(actor.partner, drafts)
    done: list[tuple[DraftOrder, SupportOrder | None, str]] = []
    wanted: list[OrderRequest] = []
    for draft in drafts:
        key = draft_key(key_prefix, draft)
        before = earlier.get(key, [])
        if draft.receiver != actor.partner:
            done.append((draft, None, f"{draft.receiver} requests this, not {actor.partner}"))
        elif live := _live(earlier, key_prefix, draft):
            # first, whatever the draft's note says: as it was, that order, said to be an
            # old one; changed, not again (a ceiling note here was its own order counted)
            why = _changed(live[0], draft)
            done.append((draft, None, why) if why else (draft, live[0], _already(live[0])))
        elif (agreement_id := _requestable_under(draft)) is None:
            done.append((draft, None, draft.note or "not covered"))
        else:
            wanted.append(
                OrderRequest(
                    agreement_id=agreement_id,
                    item=draft.item,
                    quantity=draft.quantity,
                    needed_on=draft.needed_on,
                    mode=_named_mode(draft, agreements),
                    note=f"from plan: units {', '.join(draft.units)}, "
                    f"days {draft.first_day}-{draft.last_day}",
                    # once more after a cancelled or rejected one: a key of its own
                    idempotency_key=(key if not before else f"{key}:again{len(before)}")[:200],
                )
            )
            done.append((draft, None, ""))
    _imported, made = ledger.request_batch(actor, wanted, agreements=agreements, sources=sources)
    orders = iter(made)  # in the order of the drafts requested
    outcome: list[tuple[DraftOrder, SupportOrder | None, str]] = []
    for draft, order, why in done:
        if order is None and not why:  # requested now: made by this run, or found made
            # by another that committed first (its key taken, in the same transaction)
            one = next(orders)
            order, why = one.order, ("" if one.made else _already(one.order))
        outcome.append((draft, order, why))
    return outcome


_ALREADY = "already requested as order "
"""How an order that a submit found, rather than made, is said (:func:`was_there_before`)."""


def _already(order: SupportOrder) -> str:
    return f"{_ALREADY}{order.id}"


def was_there_before(order: SupportOrder | None, why: str) -> bool:
    """Whether a submit's outcome is an order an earlier submit made (not a new one).

    >>> was_there_before(None, ""), was_there_before(None, "no agreement covers it")
    (False, False)
    """
    return order is not None and why.startswith(_ALREADY)


_ENDED = frozenset({OrderStatus.CANCELLED, OrderStatus.REJECTED})
"""An order requested before that no longer stands: the draft may be requested again."""


def draft_key(key_prefix: str, draft: DraftOrder) -> str:
    """A proposed order's idempotency key: what it is for, not under which terms.

    The plan's scenario (in ``key_prefix``), the provider, the commodity and the day it is
    needed on; the receiver is the partner whose keys these are. The key held the
    agreement id and the quantity: raising a ceiling and submitting again (under a new
    agreement id, terms being immutable) requested every draft a second time.

    >>> draft_key("propose:steppe", DraftOrder(provider="os", receiver="wm", item="fuel",
    ...     quantity="71.077", needed_on=dt.date(2025, 8, 16), agreement_id=None,
    ...     first_day=1, last_day=3, units=("u1",)))
    'propose:steppe:os:fuel:2025-08-16'
    """
    return f"{key_prefix}:{draft.provider}:{draft.item}:{draft.needed_on}"


def _requested_before(
    ledger: Ledger, actor: Actor, key_prefix: str
) -> dict[str, list[SupportOrder]]:
    """The orders an earlier submit requested, by the key :func:`draft_key` gives now.

    Keys of either form: ``prefix:provider:item:day``, with ``:againN`` after it for a
    draft requested again, and the old ``prefix:provider:item:agreement:day:quantity``.
    """
    found: dict[str, list[SupportOrder]] = {}
    for key, order in ledger.keyed_orders(actor, f"{key_prefix}:"):
        rest = key[len(key_prefix) + 1 :].split(":")
        if len(rest) == 5:  # the old form: provider, item, agreement, day, quantity
            rest = [rest[0], rest[1], rest[3]]
        day = ":".join(rest[:3])
        found.setdefault(f"{key_prefix}:{day}", []).append(order)
    return found


def _changed(order: SupportOrder, draft: DraftOrder) -> str:
    """Why a draft already requested is not requested again (empty if it is as it was)."""
    if order.quantity == draft.quantity:
        return ""
    return (
        f"already requested as order {order.id} with {quantity_text(order.quantity)} t; the "
        f"plan now asks {quantity_text(draft.quantity)} t: request the difference by hand or "
        "cancel and propose again"
    )
