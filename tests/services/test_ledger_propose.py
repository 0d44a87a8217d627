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
    OrderRequest,
    OrderStatus,
    check_submitter,
    draft_support_orders,
    drafts_against_ledger,
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
    """Submitting is all-or-nothing: a request the ledger refuses keeps no order of the batch.

    Drafted without the ledger's orders (fuel 4,752.50 already held), the water draft fits
    its drafts' total but not the ledger's: the error names it as its maker sees it.
    """
    scenario = dataclasses.replace(
        _scenario(), agreements=(make_agreement(ceiling_total=D("9600")),)
    )
    plan = _plan(_d("nl-bn", "fuel", 3, 5.0, "DEU"), _d("nl-bn", "water", 4, 8.0, "DEU"))
    fuel = OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=D(5))
    ledger.request_all(NLD, [fuel], agreements=scenario.agreements)
    head = ledger.head()
    drafts = draft_support_orders(plan, scenario)  # fuel 4,752.50 + water 98.00: fits alone
    words = "the request for water from DEU by NLD under agreement NLD-DEU-1: order value 98.00"
    with pytest.raises(LedgerRuleError, match=f"^{words}"):
        request_drafts(ledger, NLD, drafts, key_prefix="p", agreements=scenario.agreements)
    assert ledger.head() == head  # nothing written


def _ceiling_total(total: str) -> Scenario:
    return dataclasses.replace(_scenario(), agreements=(make_agreement(ceiling_total=D(total)),))


def test_a_draft_over_the_total_ceiling_is_noted_without_a_ledger() -> None:
    """19,010 EUR of fuel under a 10,000 EUR total ceiling is noted; the water after it is not.

    Only the per-order ceiling was checked: the draft was clean and the submit failed whole.
    """
    plan = _plan(_d("nl-bn", "fuel", 1, 20.0, "DEU"), _d("nl-bn", "water", 2, 8.0, "DEU"))
    drafts = draft_support_orders(plan, _ceiling_total("10000"))
    assert [(d.item, d.note) for d in drafts] == [
        (
            "fuel",
            "19,010.00 EUR would take agreement NLD-DEU-1 to 19,010.00 EUR, above its total "
            "ceiling of 10,000.00 EUR (no ledger read); split it or raise the ceiling",
        ),
        ("water", ""),
    ]


def test_the_drafts_before_one_count_against_the_total_ceiling() -> None:
    """Fuel (4,752.50 EUR) and water (367.50 EUR) each fit 5,000 EUR, not together."""
    plan = _plan(_d("nl-bn", "fuel", 1, 5.0, "DEU"), _d("nl-bn", "water", 9, 30.0, "DEU"))
    drafts = draft_support_orders(plan, _ceiling_total("5000"))
    assert [(d.item, d.note) for d in drafts] == [
        ("fuel", ""),
        (
            "water",
            "367.50 EUR would take agreement NLD-DEU-1 to 5,120.00 EUR, above its total "
            "ceiling of 5,000.00 EUR (no ledger read, 4,752.50 EUR in NLD's drafts before "
            "it); split it or raise the ceiling",
        ),
    ]


def test_the_ledger_orders_count_against_the_total_ceiling(ledger: Ledger) -> None:
    """An agreement holding 9,505 EUR of 10,000 leaves no room for a 1,901 EUR fuel draft."""
    scenario = _ceiling_total("10000")
    fuel = OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=D(10))
    ledger.request_all(NLD, [fuel], agreements=scenario.agreements)
    plan = _plan(_d("nl-bn", "fuel", 1, 2.0, "DEU"))
    assert draft_support_orders(plan, scenario)[0].note == ""  # without the ledger: it fits
    (draft,) = drafts_against_ledger(ledger, plan, scenario, user="jan", key_prefix="p")
    assert draft.note == (
        "1,901.00 EUR would take agreement NLD-DEU-1 to 11,406.00 EUR, above its total "
        "ceiling of 10,000.00 EUR (9,505.00 EUR in the ledger); split it or raise the ceiling"
    )


def test_a_submit_requests_the_drafts_within_the_total_and_says_the_others(
    ledger: Ledger,
) -> None:
    """Fuel over the total ceiling is left out with its reason; the water within it is requested.

    The whole submit failed (exit 5), refusing the water draft with the fuel one.
    """
    scenario = _ceiling_total("10000")
    plan = _plan(_d("nl-bn", "fuel", 1, 20.0, "DEU"), _d("nl-bn", "water", 2, 8.0, "DEU"))
    drafts = drafts_against_ledger(ledger, plan, scenario, user="jan", key_prefix="p")
    outcome = request_drafts(ledger, NLD, drafts, key_prefix="p", agreements=scenario.agreements)
    assert [(d.item, o is not None, why[:40]) for d, o, why in outcome] == [
        ("fuel", False, "19,010.00 EUR would take agreement NLD-D"),
        ("water", True, ""),
    ]
    assert [(o.item, o.value) for o in ledger.orders(NLD)] == [("water", D("98.00"))]


def test_a_retry_does_not_count_its_own_orders_twice(ledger: Ledger) -> None:
    """A second submit of a plan near the total ceiling finds its order, not a crossing.

    The ledger's 9,505 EUR are this draft's own order: counted again it would be 19,010.
    """
    scenario = _ceiling_total("10000")
    plan = _plan(_d("nl-bn", "fuel", 1, 10.0, "DEU"))
    for _ in range(2):
        drafts = drafts_against_ledger(ledger, plan, scenario, user="jan", key_prefix="p")
        agreements = scenario.agreements
        outcome = request_drafts(ledger, NLD, drafts, key_prefix="p", agreements=agreements)
    assert [(d.note, why) for d, _o, why in outcome] == [("", "already requested as order 1")]


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
