"""Drafting support orders from a plan: cross-partner deliveries under the matching agreement."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest
from ledger_support import DEU, NLD, make_agreement

from supplyline.domain import Delivery, Partner, Plan, PlanStatus, Scenario, Unit
from supplyline.errors import PermissionDenied
from supplyline.services.ledger import (
    Ledger,
    LedgerRuleError,
    OrderStatus,
    check_submitter,
    draft_support_orders,
    request_drafts,
)

START = dt.date(2025, 8, 1)


def _scenario(ceiling: D | None = None) -> Scenario:
    return Scenario(
        name="bilateral",
        start_date=START,
        horizon_days=30,
        partners=(Partner(id="NLD", name="Netherlands"), Partner(id="DEU", name="Germany")),
        units=(
            Unit(
                id="nl-bn",
                name="NL battalion",
                partner="NLD",
                home="x",
                destination="y",
                personnel=600,
            ),
            Unit(
                id="de-bn",
                name="DE battalion",
                partner="DEU",
                home="x",
                destination="y",
                personnel=500,
            ),
        ),
        agreements=(make_agreement(ceiling_per_order=ceiling),),
    )


def _plan(*deliveries: Delivery) -> Plan:
    return Plan(
        scenario="bilateral",
        start_date=START,
        horizon_days=30,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        deliveries=deliveries,
    )


def _d(unit: str, commodity: str, day: int, tonnes: float, source: str | None) -> Delivery:
    return Delivery(
        unit=unit, location="y", commodity=commodity, day=day, tonnes=tonnes, source_partner=source
    )


def test_cross_partner_deliveries_become_one_draft_per_commodity() -> None:
    """DEU fuel delivered to the NL battalion on two days is one priced draft from the first day."""
    drafts = draft_support_orders(
        _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("nl-bn", "fuel", 5, 2.5, "DEU")), _scenario()
    )
    assert [(d.provider, d.receiver, d.item, d.quantity, d.needed_on, d.value) for d in drafts] == [
        ("DEU", "NLD", "fuel", D("12.500"), dt.date(2025, 8, 4), D("11881.25"))
    ]


def test_own_stock_and_unknown_sources_need_no_order() -> None:
    """A unit fed from its own partner's stock, or from an unknown source, needs no order."""
    drafts = draft_support_orders(
        _plan(_d("nl-bn", "fuel", 3, 10.0, "NLD"), _d("de-bn", "fuel", 3, 10.0, None)), _scenario()
    )
    assert drafts == []


def test_support_no_agreement_covers_is_said_so() -> None:
    """Ammunition is outside the agreement: the draft has no agreement and says why."""
    drafts = draft_support_orders(_plan(_d("de-bn", "ammunition", 2, 4.0, "NLD")), _scenario())
    assert (drafts[0].agreement_id, drafts[0].note) == (
        None,
        "no agreement covers NLD supplying DEU with ammunition on 2025-08-03",
    )


def test_a_draft_over_the_ceiling_is_flagged() -> None:
    """A draft worth more than the per-order ceiling carries a note to split it."""
    drafts = draft_support_orders(_plan(_d("nl-bn", "fuel", 1, 20.0, "DEU")), _scenario(D("5000")))
    assert drafts[0].note == (
        "19,010.00 EUR is above the agreement's per-order ceiling of 5,000.00 EUR; split it or "
        "raise the ceiling"
    )


def test_submitting_drafts_requests_them_once(nld_deu: Ledger) -> None:
    """Submitting the same plan twice makes the receiver's orders only once."""
    plan = _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("de-bn", "water", 4, 8.0, "NLD"))
    drafts = draft_support_orders(plan, _scenario())
    request_drafts(nld_deu, NLD, drafts, key_prefix="propose:bilateral")
    again = request_drafts(nld_deu, NLD, drafts, key_prefix="propose:bilateral")
    made = [o for _, o, _ in again if o is not None]
    assert [(o.item, o.provider, o.status) for o in nld_deu.orders(NLD)] == [
        ("fuel", "DEU", OrderStatus.REQUESTED)
    ]
    assert [o.id for o in made] == [o.id for o in nld_deu.orders(DEU)]


def test_a_plan_whose_second_request_fails_requests_nothing(ledger: Ledger) -> None:
    """Submitting is all-or-nothing: over the total ceiling, no agreement and no order is kept."""
    plan = _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("nl-bn", "water", 4, 8.0, "DEU"))
    scenario = dataclasses.replace(
        _scenario(), agreements=(make_agreement(ceiling_total=D("9600")),)
    )  # fuel is worth 9505.00, water 98.00: the second goes over
    drafts = draft_support_orders(plan, scenario)
    with pytest.raises(LedgerRuleError, match=r"^requests\[1\] \(water under NLD-DEU-1\)"):
        request_drafts(ledger, NLD, drafts, key_prefix="p", agreements=scenario.agreements)
    assert ledger.head()[0] == 0  # no agreement, order or event: nothing written


def test_deliveries_are_summed_as_decimals_then_rounded_half_up() -> None:
    """Five deliveries of exactly 7.6875 t in all are 7.688 t, not a kilogram short.

    Summed as floats they came to 7.687499999999999 and were drafted as 7.687 t.
    """
    tonnes = [0.8728, 2.3644, 2.6275, 0.7497, 1.0731]
    assert sum(tonnes) < 7.6875  # the float sum the drafts used to round
    deliveries = [_d("nl-bn", "fuel", day, t, "DEU") for day, t in enumerate(tonnes, 1)]
    drafts = draft_support_orders(_plan(*deliveries), _scenario())
    assert [d.quantity for d in drafts] == [D("7.688")]


def test_a_delivery_to_the_kilogram_is_drafted_as_it_reads() -> None:
    """0.1 + 0.2 t (0.30000000000000004 as floats) is 0.300 t; a gram's float noise is gone."""
    deliveries = [_d("nl-bn", "fuel", 1, 0.1, "DEU"), _d("nl-bn", "fuel", 2, 0.2, "DEU")]
    drafts = draft_support_orders(_plan(*deliveries), _scenario())
    assert [d.quantity for d in drafts] == [D("0.300")]


def test_a_provider_submitting_the_receivers_drafts_is_refused_writing_nothing(
    ledger: Ledger,
) -> None:
    """DEU submitting a plan whose drafts NLD receives: PermissionDenied, no agreement, no event.

    It entered the agreement and left an event, and requested nothing.
    """
    drafts = draft_support_orders(_plan(_d("nl-bn", "fuel", 3, 10.0, "DEU")), _scenario())
    with pytest.raises(
        PermissionDenied, match=r"^the plan's requests are NLD's to make: run with --as NLD \("
    ):
        request_drafts(ledger, DEU, drafts, key_prefix="p", agreements=_scenario().agreements)
    assert ledger.head()[0] == 0  # no agreement, order or event: nothing written


def test_a_submitter_receiving_some_drafts_passes_the_check() -> None:
    """Where both partners receive support, either may submit its own part."""
    drafts = draft_support_orders(
        _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("de-bn", "water", 4, 8.0, "NLD")),
        _scenario(),
    )
    assert [check_submitter(p, drafts) for p in ("NLD", "DEU")] == [None, None]


def test_a_third_partner_is_told_every_receiver() -> None:
    """A partner receiving nothing where two do is told both names, either to run as."""
    drafts = draft_support_orders(
        _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("de-bn", "water", 4, 8.0, "NLD")),
        _scenario(),
    )
    with pytest.raises(
        PermissionDenied, match=r"DEU's and NLD's to make: run with --as DEU or --as NLD"
    ):
        check_submitter("FRA", drafts)


def test_a_receiver_whose_drafts_no_agreement_covers_is_refused_writing_nothing(
    ledger: Ledger,
) -> None:
    """DEU's only draft (ammunition) is uncovered: LedgerRuleError, no agreement, no event.

    It imported the scenario's agreement and left an event in the audit log, requesting
    nothing. The refusal uses the draft's own words and says what agreement is needed.
    """
    drafts = draft_support_orders(_plan(_d("de-bn", "ammunition", 2, 4.0, "NLD")), _scenario())
    with pytest.raises(LedgerRuleError) as refused:
        request_drafts(ledger, DEU, drafts, key_prefix="p", agreements=_scenario().agreements)
    assert str(refused.value) == (
        f"DEU has nothing to request from this plan: {drafts[0].note} (it needs an agreement "
        "between NLD and DEU with ammunition in its scope, valid on 2025-08-03); "
        "nothing was stored (no agreement imported, no order made)"
    )
    assert ledger.head()[0] == 0  # no agreement, order or event: nothing written


def test_every_uncovered_draft_of_the_submitter_is_named() -> None:
    """Two uncovered drafts (out of scope, out of period) are both named, each with its date."""
    drafts = draft_support_orders(
        _plan(_d("de-bn", "ammunition", 2, 4.0, "NLD"), _d("de-bn", "fuel", 29, 1.0, "NLD")),
        dataclasses.replace(
            _scenario(), agreements=(make_agreement(valid_to=dt.date(2025, 8, 20)),)
        ),
    )
    with pytest.raises(LedgerRuleError) as refused:
        check_submitter("DEU", drafts)
    assert [d.note in str(refused.value) for d in drafts] == [True, True]
    assert "with fuel in its scope, valid on 2025-08-30" in str(refused.value)


def test_a_receiver_whose_drafts_are_all_over_the_ceiling_is_refused() -> None:
    """Covered drafts that cannot be requested (above the per-order ceiling) say so too."""
    drafts = draft_support_orders(_plan(_d("nl-bn", "fuel", 1, 20.0, "DEU")), _scenario(D("5000")))
    with pytest.raises(
        LedgerRuleError, match=r"^NLD has nothing to request from this plan: fuel from DEU under "
        r"NLD-DEU-1: 19,010\.00 EUR is above the agreement's per-order ceiling"
    ):  # fmt: skip
        check_submitter("NLD", drafts)


def test_a_receiver_with_one_covered_draft_requests_it_and_reports_the_other(
    ledger: Ledger,
) -> None:
    """Fuel is covered and ammunition is not: fuel is requested, ammunition says why not."""
    plan = _plan(_d("nl-bn", "fuel", 3, 10.0, "DEU"), _d("nl-bn", "ammunition", 3, 1.0, "DEU"))
    drafts = draft_support_orders(plan, _scenario())
    done = request_drafts(ledger, NLD, drafts, key_prefix="p", agreements=_scenario().agreements)
    uncovered = "no agreement covers DEU supplying NLD with ammunition on 2025-08-04"
    assert [(d.item, o is not None, why) for d, o, why in done] == [
        ("ammunition", False, uncovered),
        ("fuel", True, ""),
    ]
