"""A retry of ``propose --submit`` finds what the submits before it made, whatever the ceiling.

Property: for any plan, total ceiling, unrelated order and sequence of submits of the same
plan (by either receiver), a submit repeated at once requests nothing new, reports every
order the receiver's earlier submits made as already requested, and refuses no draft for
a ceiling that the submit before it did not refuse. A retry counted its own orders twice
against the agreement's total ceiling and refused them for it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ledger_support import DEU, NLD, make_agreement

from supplyline.domain import Delivery, Partner, Plan, PlanStatus, Scenario, Unit
from supplyline.errors import PermissionDenied
from supplyline.services.ledger import (
    Actor,
    Ledger,
    LedgerRuleError,
    OrderRequest,
    SupportOrder,
    drafts_against_ledger,
    open_ledger,
    request_drafts,
)
from supplyline.services.ledger.propose import DraftOrder, was_there_before

START = dt.date(2030, 8, 1)
PREFIX = "propose:pair"
Outcome = list[tuple[DraftOrder, SupportOrder | None, str]]


def _scenario(ceiling_total: Decimal) -> Scenario:
    """NLD and DEU, a battalion each, under one fuel and water agreement with that total."""
    units = tuple(
        Unit(id=f"{p.lower()}-bn", name=p, partner=p, home="x", destination="y", personnel=500)
        for p in ("NLD", "DEU")
    )
    return Scenario(
        name="pair", start_date=START, horizon_days=10, units=units,
        partners=(Partner(id="NLD", name="Netherlands"), Partner(id="DEU", name="Germany")),
        agreements=(make_agreement(ceiling_total=ceiling_total),),
    )  # fmt: skip


def _delivery(receiver: str, item: str, day: int, tonnes: float) -> Delivery:
    """Fuel or water for ``receiver``'s battalion, from the other partner's stock."""
    source = "DEU" if receiver == "NLD" else "NLD"
    return Delivery(unit=f"{receiver.lower()}-bn", location="y", commodity=item, day=day,
                    tonnes=tonnes, source_partner=source)  # fmt: skip


deliveries = st.lists(
    st.builds(
        _delivery,
        st.sampled_from(["NLD", "DEU"]),
        st.sampled_from(["fuel", "water"]),
        st.integers(0, 3),
        st.floats(0.5, 8.0),
    ),
    min_size=1,
    max_size=6,
)


def _submit(ledger: Ledger, actor: Actor, plan: Plan, scenario: Scenario) -> Outcome | None:
    """A submit as the CLI makes it; None where the partner had nothing to request."""
    drafts = drafts_against_ledger(ledger, plan, scenario, user=actor.user, key_prefix=PREFIX)
    try:
        return request_drafts(
            ledger, actor, drafts, key_prefix=PREFIX, agreements=scenario.agreements
        )
    except (LedgerRuleError, PermissionDenied):
        return None


def _over_a_ceiling(outcome: Outcome) -> set[tuple[str, str, dt.date]]:
    """The drafts a submit left out for a ceiling, by what they are for."""
    return {
        (d.provider, d.item, d.needed_on) for d, o, why in outcome if o is None and "ceiling" in why
    }


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delivered=deliveries,
    ceiling=st.integers(2_000, 40_000),
    unrelated_t=st.integers(0, 5),
    submitters=st.lists(st.sampled_from(["NLD", "DEU"]), min_size=1, max_size=3),
)
@example(  # the tester's shape: the first receiver's orders, read again for the second
    delivered=[_delivery("DEU", "fuel", 0, 6.0), _delivery("NLD", "water", 1, 1.0)],
    ceiling=10_000,
    unrelated_t=0,
    submitters=["DEU"],
)
def test_a_retry_requests_nothing_new_and_finds_every_earlier_order(
    delivered: list[Delivery], ceiling: int, unrelated_t: int, submitters: list[str]
) -> None:
    """Each submit repeated at once: no new order, all earlier ones found, no new refusal."""
    scenario = _scenario(Decimal(ceiling))
    plan = Plan(scenario="pair", start_date=START, horizon_days=10, status=PlanStatus.OPTIMAL,
                objective=0.0, deliveries=tuple(delivered))  # fmt: skip
    actors = {"NLD": NLD, "DEU": DEU}
    made: dict[str, set[int]] = {"NLD": set(), "DEU": set()}
    with tempfile.TemporaryDirectory() as folder:
        ledger = open_ledger(f"sqlite:///{Path(folder) / 'retry.db'}")
        try:
            ledger.add_agreement(NLD, scenario.agreements[0])
            if unrelated_t:  # 950.50 EUR a tonne of fuel: at most 4,752.50 EUR, it may not fit
                fuel = OrderRequest(agreement_id="NLD-DEU-1", item="fuel",
                                    quantity=Decimal(unrelated_t), needed_on=START)  # fmt: skip
                if unrelated_t * Decimal("950.50") <= ceiling:
                    ledger.request_all(NLD, [fuel], agreements=scenario.agreements)
            for partner in submitters:
                actor = actors[partner]
                first = _submit(ledger, actor, plan, scenario)
                orders_before = len(ledger.orders(actor))
                retry = _submit(ledger, actor, plan, scenario)
                assert len(ledger.orders(actor)) == orders_before
                if first is None:
                    assert retry is None
                    continue
                made[partner] |= {o.id for _d, o, _w in first if o is not None}
                assert retry is not None
                found = {o.id for _d, o, why in retry if o is not None and was_there_before(o, why)}
                assert found == made[partner]
                assert all(was_there_before(o, why) for _d, o, why in retry if o is not None)
                assert _over_a_ceiling(retry) <= _over_a_ceiling(first)
        finally:
            ledger.db.dispose()
