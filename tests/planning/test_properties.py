"""Invariants every plan keeps, on random small networks (Hypothesis).

The checks use only the Plan and the Scenario, not the LP: flow is conserved at every
location and in every unit's own stock, no capacity is exceeded, nothing departs on an
outage day, and nothing arrives before its departure plus the link's transit time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from supplyline.domain import (
    Commodity,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.planning import PlanParams, build, plan_movements
from supplyline.planning.best_response import best_responses
from supplyline.planning.block_start import solve_blocks
from supplyline.planning.fallback import mixed_plan
from supplyline.planning.highs import objective_scale
from supplyline.planning.partition import partition

TOL = 1e-5


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    n_loc = draw(st.integers(3, 6))
    days = draw(st.integers(4, 9))
    locs = tuple(
        Location(
            id=f"L{i}",
            name=f"L{i}",
            partner=draw(st.sampled_from(["A", "B"])),
            kind=LocationKind.DEPOT,
            lat=50.0,
            lon=float(i),
            handling_t_per_day=draw(st.one_of(st.none(), st.floats(5, 60))),
            storage_t=draw(st.one_of(st.none(), st.just(0.0), st.floats(5, 100))),
            dwell_days=draw(st.integers(0, 1)),
        )
        for i in range(n_loc)
    )
    links = []
    for j in range(draw(st.integers(2, 8))):
        a, b = draw(st.lists(st.integers(0, n_loc - 1), min_size=2, max_size=2, unique=True))
        links.append(
            Link(
                id=f"K{j}",
                origin=f"L{a}",
                destination=f"L{b}",
                mode=Mode.ROAD,
                distance_km=50,
                transit_days=draw(st.integers(0, 2)),
                capacity_t_per_day=draw(st.one_of(st.none(), st.floats(1, 40))),
                capacity_pax_per_day=draw(st.one_of(st.none(), st.floats(1, 40))),
                cost_per_t=draw(st.floats(0, 10)),
                bidirectional=draw(st.booleans()),
                outage_days=frozenset(draw(st.sets(st.integers(0, days - 1), max_size=2))),
            )
        )
    coms = tuple(
        Commodity(id=f"c{k}", name=f"c{k}", supply_class=SupplyClass.GENERAL, priority=k + 1)
        for k in range(draw(st.integers(1, 2)))
    )
    stocks = []
    for loc in draw(st.sets(st.integers(0, n_loc - 1), min_size=1, max_size=3)):
        for c in coms:
            stocks.append(
                Stock(
                    location=f"L{loc}",
                    commodity=c.id,
                    initial_t=draw(st.floats(0, 50)),
                    replenishment_t_per_day=draw(st.floats(0, 20)),
                    owner=draw(st.sampled_from([None, "A", "B"])),
                )
            )
    units = []
    for u in range(draw(st.integers(1, 2))):
        home, dest = draw(st.integers(0, n_loc - 1)), draw(st.integers(0, n_loc - 1))
        avail = draw(st.integers(0, days - 1))
        units.append(
            Unit(
                id=f"U{u}",
                name=f"U{u}",
                partner="B",
                home=f"L{home}",
                destination=f"L{dest}",
                personnel=draw(st.integers(0, 30)),
                available_day=avail,
                required_day=draw(st.integers(avail, days - 1)),
                deployment_lift_t=draw(st.floats(0, 60)),
                days_of_supply=draw(st.floats(0, 2)),
            )
        )
    scenario = Scenario(
        name="random",
        start_date=dt.date(2025, 1, 1),
        horizon_days=days,
        partners=(Partner(id="A", name="A"), Partner(id="B", name="B")),
        commodities=coms,
        locations=locs,
        links=tuple(links),
        units=tuple(units),
        stocks=tuple(stocks),
    )
    shape = (len(units), len(coms), days)
    rates = np.array(
        draw(st.lists(st.floats(0, 15), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1]))
    ).reshape(shape[:2])
    arrival = np.array([u.required_day for u in units], dtype=np.int64)
    present = np.arange(days)[None, :] >= arrival[:, None]
    consumption = rates[:, :, None] * present[:, None, :]
    buildup = np.zeros(shape)
    for i, u in enumerate(units):
        buildup[i, :, u.required_day] = rates[i] * u.days_of_supply
    demand = Demand(
        start_date=scenario.start_date,
        horizon_days=days,
        unit_ids=tuple(u.id for u in units),
        commodity_ids=tuple(c.id for c in coms),
        consumption_t=consumption,
        buildup_t=buildup,
        arrival_day=arrival,
    )
    return scenario, demand


def _plan(case: tuple[Scenario, Demand]) -> Plan:
    plan = plan_movements(*case, PlanParams(explain_top=0))
    assert plan.status is PlanStatus.OPTIMAL
    return plan


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(scenarios())
def test_links_carry_no_more_than_their_capacity(case: tuple[Scenario, Demand]) -> None:
    """Per link direction and day: tonnes ≤ capacity t, people ≤ capacity pax; outage = 0."""
    scenario, plan = case[0], _plan(case)
    tonnes: dict[tuple[str, str, int], float] = defaultdict(float)
    pax: dict[tuple[str, str, int], float] = defaultdict(float)
    for m in plan.movements:
        tonnes[(m.link, m.origin, m.departure_day)] += m.tonnes
        pax[(m.link, m.origin, m.departure_day)] += m.pax
        assert m.departure_day not in scenario.link_by_id[m.link].outage_days
    for (link_id, _, _), t in tonnes.items():
        cap = scenario.link_by_id[link_id].capacity_t_per_day
        assert cap is None or t <= cap + TOL
    for (link_id, _, _), p in pax.items():
        cap = scenario.link_by_id[link_id].capacity_pax_per_day
        assert cap is None or p <= cap + TOL


@SETTINGS
@given(scenarios())
def test_locations_handle_and_store_no_more_than_their_capacity(
    case: tuple[Scenario, Demand],
) -> None:
    """Tonnes loaded and unloaded per location-day ≤ handling; stock ≤ storage."""
    scenario, plan = case[0], _plan(case)
    loaded: dict[tuple[str, int], float] = defaultdict(float)
    unloaded: dict[tuple[str, int], float] = defaultdict(float)
    stored: dict[tuple[str, int], float] = defaultdict(float)
    for m in plan.movements:
        loaded[(m.origin, m.departure_day)] += m.tonnes
        unloaded[(m.destination, m.arrival_day)] += m.tonnes
    for s in plan.stocks:
        if s.unit is None:
            stored[(s.location, s.day)] += s.tonnes
    for table in (loaded, unloaded):
        for (loc, _), t in table.items():
            cap = scenario.location(loc).handling_t_per_day
            assert cap is None or t <= cap + TOL
    for (loc, _), t in stored.items():
        cap = scenario.location(loc).storage_t
        assert cap is None or t <= cap + TOL


@SETTINGS
@given(scenarios())
def test_nothing_arrives_before_departure_plus_transit(case: tuple[Scenario, Demand]) -> None:
    """Arrival = departure + transit, within the horizon; no lift leaves before its unit.

    Every movement arrives exactly its link's transit days after it departs, and a unit's
    lift never leaves before the unit is available.
    """
    scenario, plan = case[0], _plan(case)
    for m in plan.movements:
        link = scenario.link_by_id[m.link]
        assert m.arrival_day == m.departure_day + link.transit_days
        assert 0 <= m.departure_day <= m.arrival_day < scenario.horizon_days
        if m.commodity.startswith("deploy:"):
            unit = scenario.unit(m.commodity.removeprefix("deploy:"))
            assert m.departure_day >= unit.available_day


@SETTINGS
@given(scenarios())
def test_goods_are_conserved_at_every_location(case: tuple[Scenario, Demand]) -> None:
    """Goods are conserved at every location and day.

    stock(t) − stock(t−1) = supply + usable arrivals − departures − deliveries, where
    supply is 0 away from sources and within [0, available] at a source.
    """
    scenario, plan = case[0], _plan(case)
    days = scenario.horizon_days
    change: dict[tuple[str, str, int], float] = defaultdict(float)
    for m in plan.movements:
        if m.commodity.startswith("deploy:"):
            continue
        dwell = scenario.location(m.destination).dwell_days
        if m.arrival_day + dwell < days:
            change[(m.destination, m.commodity, m.arrival_day + dwell)] += m.tonnes
        change[(m.origin, m.commodity, m.departure_day)] -= m.tonnes
    for d in plan.deliveries:
        change[(d.location, d.commodity, d.day)] -= d.tonnes
    level = {(s.location, s.commodity, s.day): s.tonnes for s in plan.stocks if s.unit is None}
    avail = {(s.location, s.commodity): s for s in scenario.stocks}
    for loc in scenario.locations:
        for com in scenario.commodities:
            source = avail.get((loc.id, com.id))
            for t in range(days):
                supply = (
                    level.get((loc.id, com.id, t), 0.0)
                    - level.get((loc.id, com.id, t - 1), 0.0)
                    - change[(loc.id, com.id, t)]
                )
                most = (
                    0.0
                    if source is None
                    else (source.replenishment_t_per_day + (source.initial_t if t == 0 else 0.0))
                )
                assert -TOL <= supply <= most + TOL, (loc.id, com.id, t, supply, most)


@SETTINGS
@given(scenarios())
def test_each_units_own_stock_balances(case: tuple[Scenario, Demand]) -> None:
    """held(t) = held(t−1) + delivered(t) − (required(t) − short(t)), held ≥ 0."""
    scenario, demand = case
    plan = _plan(case)
    held = {(s.unit, s.commodity, s.day): s.tonnes for s in plan.stocks if s.unit is not None}
    got: dict[tuple[str, str, int], float] = defaultdict(float)
    for d in plan.deliveries:
        got[(d.unit, d.commodity, d.day)] += d.tonnes
    short = {(s.unit, s.commodity, s.day): s.short_t for s in plan.shortfalls}
    for i, unit in enumerate(demand.unit_ids):
        in_place = scenario.unit(unit).home == scenario.unit(unit).destination
        for k, com in enumerate(demand.commodity_ids):
            start = int(demand.arrival_day[i])
            on_hand = demand.buildup_t[i, k].sum() if in_place else 0.0
            for t in range(start, demand.horizon_days):
                before = held.get((unit, com, t - 1), 0.0) + (on_hand if t == start else 0.0)
                used = demand.consumption_t[i, k, t] - short.get((unit, com, t), 0.0)
                after = before + got[(unit, com, t)] - used
                assert after == pytest.approx(held.get((unit, com, t), 0.0), abs=1e-4)


@SETTINGS
@given(scenarios())
def test_deployment_moves_each_unit_at_most_once(case: tuple[Scenario, Demand]) -> None:
    """No unit's lift or people arrive more than once over: moved ≤ lift, pax ≤ personnel."""
    plan = _plan(case)
    for c in plan.closures:
        assert c.moved_t <= c.lift_t + TOL
        assert c.moved_pax <= c.pax + TOL
        if c.closure_day is not None:
            assert c.moved_t == pytest.approx(c.lift_t, abs=1e-4)


def _tie_breakers(case: tuple[Scenario, Demand]) -> float:
    """A bound, 1e-3 a tonne a day, on what the tie-breakers can add to a plan's cost.

    The tie-breakers (a leg moved, a tonne-day held) are small weights that HiGHS meets
    only to its tolerances, so two optimal plans may differ by up to this much.
    """
    scenario, demand = case
    moved = float(demand.total_t.sum()) + sum(
        u.deployment_lift_t + u.personnel for u in scenario.units
    )
    return 1e-3 * moved * scenario.horizon_days


@SETTINGS
@given(scenarios())
def test_block_start_reaches_the_same_optimum_as_a_cold_start(
    case: tuple[Scenario, Demand],
) -> None:
    """Starting from the flows' own bases changes the path to the optimum, not its value.

    "The same" to HiGHS's tolerances: two optimal bases may differ by a few tie-breakers
    (a leg moved, a tonne-day held; see ``_tie_breakers``).
    """
    warm = plan_movements(*case, PlanParams(explain_top=0))
    cold = plan_movements(*case, PlanParams(explain_top=0, block_start=False))
    assert warm.status is cold.status is PlanStatus.OPTIMAL
    assert warm.objective == pytest.approx(cold.objective, rel=1e-7, abs=_tie_breakers(case))
    assert warm.total_short_t == pytest.approx(cold.total_short_t, abs=1e-3)


@SETTINGS
@given(scenarios())
def test_the_fallback_mix_of_the_flows_own_plans_keeps_every_constraint(
    case: tuple[Scenario, Demand],
) -> None:
    """What a solve stopped by its time limit falls back to: feasible, never below optimal.

    Both the mix and the mix improved by each flow's best response in turn; the second
    is never dearer than the first.
    """
    _, model = build(*case)
    part = partition(model)
    assume(len(part.flows) >= 2)  # the planner solves a single flow whole
    scale = objective_scale(model.cost)
    start = solve_blocks(model, part, scale=scale)
    assert start is not None
    mixed = mixed_plan(model, part, start, scale=scale)
    assert mixed is not None
    improved = best_responses(model, part, start, mixed, scale=scale).x
    optimal = plan_movements(*case, PlanParams(explain_top=0))
    for x in (mixed, improved):
        activity = model.matrix @ x
        slack = 1e-5 * np.maximum(1.0, np.abs(activity))
        assert np.all(activity >= model.row_lower - slack)
        assert np.all(activity <= model.row_upper + slack)
        assert np.all(x >= model.col_lower - 1e-7)
        assert np.all(x <= model.col_upper + 1e-5 * np.maximum(1.0, np.abs(x)))
        cost = float(model.cost @ x + model.offset)
        assert cost >= optimal.objective * (1 - 1e-7) - _tie_breakers(case)
    # each flow's best response keeps the others' use, so the plan never costs more (to
    # HiGHS's tolerances, which do not see the tie-breakers)
    mixed_cost = float(model.cost @ mixed)
    assert float(model.cost @ improved) <= mixed_cost * (1 + 1e-7) + _tie_breakers(case)


def _unlimited(scenario: Scenario) -> Scenario:
    """Every capacity and supply unlimited; only where goods can be, and when, stays."""
    return dataclasses.replace(
        scenario,
        links=tuple(
            dataclasses.replace(x, capacity_t_per_day=None, capacity_pax_per_day=None)
            for x in scenario.links
        ),
        locations=tuple(
            dataclasses.replace(
                x, handling_t_per_day=None, storage_t=0.0 if x.storage_t == 0 else None
            )
            for x in scenario.locations
        ),
        stocks=tuple(
            dataclasses.replace(
                x,
                initial_t=1e4 if x.initial_t > 0 else 0.0,
                replenishment_t_per_day=1e4 if x.replenishment_t_per_day > 0 else 0.0,
            )
            for x in scenario.stocks
        ),
    )


@SETTINGS
@given(scenarios())
def test_shortfall_causes_are_what_no_capacity_can_change(case: tuple[Scenario, Demand]) -> None:
    """Shortfall causes hold against the plan and against unlimited capacity.

    A cause without "stock delivered before" means nothing reached the unit since it
    arrived; with every capacity unlimited, only such shortfalls remain.
    """
    scenario, demand = case
    plan = _plan(case)
    arrival = dict(zip(demand.unit_ids, demand.arrival_day.tolist(), strict=True))
    delivered = {(d.unit, d.commodity, d.day) for d in plan.deliveries if d.tonnes > 1e-6}
    unavoidable = {
        (s.unit, s.commodity, s.day)
        for s in plan.shortfalls
        if s.cause and "stock delivered before" not in s.cause
    }
    for unit, commodity, day in unavoidable:
        assert not any((unit, commodity, d) in delivered for d in range(arrival[unit], day + 1))
    relaxed = _plan((_unlimited(scenario), demand))
    for s in relaxed.shortfalls:
        assert s.cause
        assert "stock delivered before" not in s.cause
        if s.short_t > 1e-6:
            assert (s.unit, s.commodity, s.day) in unavoidable
