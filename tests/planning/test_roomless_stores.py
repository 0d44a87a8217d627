"""A store of storage_t 0 is priced by re-planning it with room, and only where room gains.

A reviewer's warehouse F of storage_t 0, between a road closed C+3–C+5 and one closed
C+0–C+2, left 12 t short and the report said "no capacity limits the plan"; with room
at F it did better. The report now re-plans such a store with room itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from supplyline.domain import (
    Commodity,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Plan,
    ResourceKind,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.planning import plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import make_demand
from supplyline.planning.extract import outcome_of
from supplyline.planning.highs import HighsSession, Solution
from supplyline.planning.outcome_words import extra_text, tonnes_text
from supplyline.planning.params import PlanParams
from supplyline.planning.roomless_stores import price_roomless_stores, unpriced_stores_note
from supplyline.planning.round_figures import nice_below

WATER = Commodity(
    id="water", name="Water", supply_class=SupplyClass.WATER, priority=1, per_person_per_day=1.0
)


def _loc(loc_id: str, kind: LocationKind, lon: float, storage_t: float | None) -> Location:
    return Location(
        id=loc_id, name=loc_id, partner="p", kind=kind, lat=10.0, lon=lon, storage_t=storage_t
    )


def _road(
    link_id: str, a: str, b: str, *, closed: range = range(0), cap: float | None = None
) -> Link:
    return Link(
        id=link_id,
        origin=a,
        destination=b,
        mode=Mode.ROAD,
        distance_km=11,
        transit_days=0,
        capacity_t_per_day=cap,
        cost_per_t=1.0,
        bidirectional=True,
        outage_days=frozenset(closed),
    )


def _warehouse_between(
    storage_t: float, *, a_closed: range, b_closed: range, b_cap: float | None = None
) -> tuple[Scenario, Demand]:
    """The reviewer's shape: depot D, warehouse F, unit area C; roads D–F (a), F–C (b)."""
    scenario = Scenario(
        name="store",
        start_date=dt.date(2025, 1, 1),
        horizon_days=10,
        partners=(Partner(id="p", name="P"),),
        commodities=(WATER,),
        locations=(
            _loc("D", LocationKind.DEPOT, 10.0, None),
            _loc("F", LocationKind.WAREHOUSE, 10.1, storage_t),
            _loc("C", LocationKind.UNIT_AREA, 10.2, 0.0),
        ),
        links=(
            _road("a", "D", "F", closed=a_closed),
            _road("b", "F", "C", closed=b_closed, cap=b_cap),
        ),
        units=(Unit(id="u", name="u", partner="p", home="C", destination="C", personnel=2),),
        stocks=(Stock(location="D", commodity="water", initial_t=1000.0),),
    )
    return scenario, make_demand(scenario, {("u", "water"): 2.0})


def _reviewers(storage_t: float = 0.0) -> tuple[Scenario, Demand]:
    return _warehouse_between(storage_t, a_closed=range(3, 6), b_closed=range(0, 3))


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the HiGHS models loaded and the solves of any: the plan's, claims', stores'."""
    count = {"models": 0, "solves": 0}
    init = HighsSession.__init__
    solve: Callable[[HighsSession], Solution] = HighsSession.solve

    def loaded(self: HighsSession, *args: Any, **kwargs: Any) -> None:
        count["models"] += 1
        init(self, *args, **kwargs)

    def solved(self: HighsSession, **kw: bool) -> Solution:
        count["solves"] += 1
        return solve(self, **kw)

    monkeypatch.setattr(HighsSession, "__init__", loaded)
    monkeypatch.setattr(HighsSession, "solve", solved)
    return count


def _store_entry(plan: Plan, store: str) -> list[str]:
    return [
        b.explanation
        for b in plan.bottlenecks
        if b.kind is ResourceKind.STORAGE and b.resource == store
    ]


def test_the_reviewers_warehouse_is_priced_and_a_replan_at_its_figure_confirms_the_gain() -> None:
    """Listed with the least room that removes what room there can, confirmed by re-planning."""
    plan = plan_movements(*_reviewers())
    assert plan.total_short_t == pytest.approx(12.0)
    (entry,) = [b for b in plan.bottlenecks if b.resource == "F"]
    assert entry.kind is ResourceKind.STORAGE
    assert (entry.capacity, entry.extra_unit, entry.commodities) == (0.0, "t", ("water",))
    extra, removed = entry.suggested_extra, entry.shortfall_removed_t
    assert extra is not None
    assert removed is not None
    assert removed > 0
    assert (
        f"+{extra_text(extra)} t of storage at F removes {tonnes_text(removed)} t of shortfall"
        in entry.explanation
    )
    assert entry.days
    assert f"would wait there on C+{entry.days[0]}" in entry.explanation
    with_room = plan_movements(*_reviewers(extra))
    assert plan.total_short_t - with_room.total_short_t == pytest.approx(removed, abs=1e-3)
    less = plan_movements(*_reviewers(nice_below(extra)))
    assert plan.total_short_t - less.total_short_t < removed - 1e-3  # the least that does
    assert unpriced_stores_note(plan, _reviewers()[0]) is None


def test_a_zero_store_that_is_not_the_cause_is_tried_and_not_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Road b of 1 t/day, open every day, starves the unit: room at F is tried, buys nothing."""
    count = _counting(monkeypatch)
    scenario, demand = _warehouse_between(0.0, a_closed=range(0), b_closed=range(0), b_cap=1.0)
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t > 0
    assert [b.resource for b in plan.bottlenecks] == ["b (F→C)"]
    assert _store_entry(plan, "F") == []
    assert count["models"] == 2  # the plan's, and F's re-plan with room
    assert unpriced_stores_note(plan, scenario) is None


def test_a_plan_that_does_not_fall_short_makes_no_extra_solve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No shortfall and no target missed: one solve, the plan's, whatever stores hold 0."""
    count = _counting(monkeypatch)
    scenario, demand = _warehouse_between(0.0, a_closed=range(0), b_closed=range(0))
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == 0
    assert plan.bottlenecks == ()
    assert count == {"models": 1, "solves": 1}


def test_a_store_past_the_deadline_is_said_not_tried() -> None:
    """With no time left the store is returned as not tried, and the note names it."""
    scenario, demand = _reviewers()
    p = prepare(scenario, demand, PlanParams())
    m = build_model(p)
    sol = HighsSession(m, PlanParams()).solve()
    assert sol.x is not None
    found = price_roomless_stores(p, m, sol.x, outcome_of(p, m, sol.x), deadline=0.0)
    assert (found.priced, found.not_tried) == ((), ("F",))
    plan = plan_movements(scenario, demand)
    out_of_time = replace(
        plan, bottlenecks=(), stats=replace(plan.stats, explain_s=0.5, explain_budget_s=0.3)
    )
    note = unpriced_stores_note(out_of_time, scenario)
    assert note is not None
    assert "the measuring time (0.3 s) ran out before room at each was tried: F" in note


def test_explain_zero_re_plans_neither_the_outages_nor_the_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``explain_top=0`` measures nothing: one model, one solve, no outage nor store entry.

    A tester's ``--explain 0`` still re-planned each link's outage and the store; the
    notes say what was not tried instead.
    """
    count = _counting(monkeypatch)
    scenario, demand = _reviewers()
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    kinds = {b.kind for b in plan.bottlenecks}
    assert plan.total_short_t > 0
    assert (count, ResourceKind.OUTAGE in kinds, _store_entry(plan, "F")) == (
        {"models": 1, "solves": 1},
        False,
        [],
    )
    assert "room at each was not tried" in (unpriced_stores_note(plan, scenario) or "")
    assert plan.stats.outages_untried == ("a closed C+3–C+5", "b closed C+0–C+2")
    said = plan.stats.outages_note or ""
    assert said.startswith("these closures were not re-planned open, no measuring being asked")
    assert said in plan.stats.notes  # plan.json says it too


def test_explain_one_re_plans_the_outages_and_the_store() -> None:
    """The same scenario with ``explain_top=1``: both are tried, entries listed, no notes."""
    scenario, demand = _reviewers()
    plan = plan_movements(scenario, demand, PlanParams(explain_top=1))
    assert ResourceKind.OUTAGE in {b.kind for b in plan.bottlenecks}
    assert _store_entry(plan, "F") != []
    assert plan.stats.outages_note is None
