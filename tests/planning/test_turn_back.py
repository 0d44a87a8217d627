"""Goods may not turn back on the road they came by the day they are usable (no rolling storage).

The hand case (a tester's): port ``P`` makes 10 t of food a day and stores nothing; roads
``P-W`` and ``W-C`` take a day; warehouse ``W`` stores 15 t, camp ``C`` nothing; a unit at
``C`` eats 20 t a day from C+6, horizon 10 days. Food made C+4–C+7 reaches ``C`` on
C+6–C+9 (40 t); of the 40 t made C+0–C+3 only the 15 t ``W`` can keep arrive later, so
80 − 55 = 25 t fall short. Driving food ``W → C → W`` (or ``W → P → W``) and back each
day kept 25 t more "stored" on the road, and the plan said 0 t short.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
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
    ResourceKind,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.planning import plan_movements
from supplyline.planning.examples import make_demand

FOOD = Commodity(
    id="food", name="Food", supply_class=SupplyClass.FOOD, priority=1, per_person_per_day=2.0
)


def _place(loc_id: str, lon: float, storage_t: float | None, dwell: int = 0) -> Location:
    return Location(
        id=loc_id,
        name=loc_id,
        partner="A",
        kind=LocationKind.WAREHOUSE,
        lat=50.0,
        lon=lon,
        storage_t=storage_t,
        dwell_days=dwell,
    )


def _road(a: str, b: str, *, both_ways: bool, transit: int = 1, cap: float = 100.0) -> Link:
    return Link(
        id=f"{a}-{b}",
        origin=a,
        destination=b,
        mode=Mode.ROAD,
        distance_km=40,
        transit_days=transit,
        capacity_t_per_day=cap,
        cost_per_t=1.0,
        bidirectional=both_ways,
    )


def rolling(*, port_two_way: bool, camp_two_way: bool) -> tuple[Scenario, Demand]:
    """The tester's scenario D (both roads two-way), D1 (camp road one-way), D2 (neither)."""
    scenario = Scenario(
        name="rolling-storage",
        start_date=dt.date(2026, 1, 1),
        horizon_days=10,
        partners=(Partner(id="A", name="A"),),
        commodities=(FOOD,),
        locations=(_place("P", 20.0, 0.0), _place("W", 20.5, 15.0), _place("C", 21.0, 0.0)),
        links=(
            _road("P", "W", both_ways=port_two_way),
            _road("W", "C", both_ways=camp_two_way),
        ),
        units=(
            Unit(
                id="U",
                name="U",
                partner="A",
                home="C",
                destination="C",
                personnel=10_000,
                required_day=6,
            ),
        ),
        stocks=(Stock(location="P", commodity="food", replenishment_t_per_day=10.0),),
    )
    return scenario, make_demand(scenario, {("U", "food"): 20.0})


def turn_backs(scenario: Scenario, plan: Plan) -> list[tuple[str, str, str, int, float]]:
    """Goods that arrived from ``u`` and went straight back to ``u`` the day they were usable.

    From the plan's records alone: what reached ``v`` from ``u``, usable on ``t``
    (arrival + ``v``'s dwell), must stay (stock at the end of ``t``), go to a unit there, or
    leave for somewhere else that day; the rest went back. Returns (commodity, v, u, day,
    tonnes) of each turn-back above 1e-5 t.
    """
    dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
    came: dict[tuple[str, str, str, int], float] = defaultdict(float)
    left_for: dict[tuple[str, str, str, int], float] = defaultdict(float)
    left: dict[tuple[str, str, int], float] = defaultdict(float)
    stays: dict[tuple[str, str, int], float] = defaultdict(float)
    for m in plan.movements:
        if m.commodity.startswith("deploy:"):
            continue
        usable = m.arrival_day + dwell[m.destination]
        came[m.commodity, m.destination, m.origin, usable] += m.tonnes
        left_for[m.commodity, m.origin, m.destination, m.departure_day] += m.tonnes
        left[m.commodity, m.origin, m.departure_day] += m.tonnes
    for s in plan.stocks:
        if s.unit is None:
            stays[s.commodity, s.location, s.day] += s.tonnes
    for d in plan.deliveries:
        stays[d.commodity, d.location, d.day] += d.tonnes
    found = []
    for (k, v, u, t), tonnes in came.items():
        back = left_for.get((k, v, u, t), 0.0)
        elsewhere = left.get((k, v, t), 0.0) - back + stays.get((k, v, t), 0.0)
        over = min(back, tonnes - elsewhere)
        if over > 1e-5:
            found.append((k, v, u, t, over))
    return found


@pytest.mark.parametrize(
    ("port_two_way", "camp_two_way"),
    [(True, True), (True, False), (False, False)],
    ids=["D-both-two-way", "D1-camp-one-way", "D2-both-one-way"],
)
def test_rolling_storage_is_as_short_as_by_hand(port_two_way: bool, camp_two_way: bool) -> None:
    """Two-way roads do not stand in for the warehouse's storage: 25 t short, as by hand."""
    plan = plan_movements(*rolling(port_two_way=port_two_way, camp_two_way=camp_two_way))
    assert plan.total_short_t == pytest.approx(25.0, abs=1e-6)


@pytest.mark.parametrize("camp_two_way", [True, False])
def test_rolling_storage_plan_turns_nothing_back(camp_two_way: bool) -> None:
    """No food goes back over the road it came by on the day it could be used."""
    scenario, demand = rolling(port_two_way=True, camp_two_way=camp_two_way)
    assert turn_backs(scenario, plan_movements(scenario, demand)) == []


def test_bottleneck_report_names_the_warehouse_storage() -> None:
    """W's 15 t store is what limits the food: its extra removes the 25 t of shortfall."""
    plan = plan_movements(*rolling(port_two_way=True, camp_two_way=True))
    stores = [b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE and b.resource == "W"]
    assert len(stores) == 1
    assert stores[0].shortfall_removed_t == pytest.approx(25.0, abs=1e-6)


@st.composite
def two_way_networks(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    """A source that stores nothing, small stores, two-way roads and a unit fed late."""
    n = draw(st.integers(3, 5))
    days = draw(st.integers(5, 9))
    places = tuple(
        _place(
            f"L{i}",
            float(i),
            0.0 if i == 0 else draw(st.sampled_from([0.0, 3.0, 8.0, None])),
            dwell=draw(st.integers(0, 1)),
        )
        for i in range(n)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=2,
            max_size=6,
        )
    )
    links = tuple(
        Link(
            id=f"K{j}",
            origin=f"L{a}",
            destination=f"L{b}",
            mode=Mode.ROAD,
            distance_km=10,
            transit_days=draw(st.integers(0, 2)),
            capacity_t_per_day=draw(st.sampled_from([None, 5.0, 20.0])),
            cost_per_t=draw(st.sampled_from([0.0, 1.0, 3.0])),
            bidirectional=draw(st.booleans()) or j == 0,
        )
        for j, (a, b) in enumerate(pairs)
    )
    camp = draw(st.integers(1, n - 1))
    scenario = Scenario(
        name="two-way",
        start_date=dt.date(2026, 1, 1),
        horizon_days=days,
        partners=(Partner(id="A", name="A"),),
        commodities=(FOOD,),
        locations=places,
        links=links,
        units=(
            Unit(
                id="U",
                name="U",
                partner="A",
                home=f"L{camp}",
                destination=f"L{camp}",
                personnel=100,
                required_day=draw(st.integers(2, days - 1)),
            ),
        ),
        stocks=(
            Stock(
                location="L0",
                commodity="food",
                initial_t=draw(st.sampled_from([0.0, 6.0])),
                replenishment_t_per_day=draw(st.sampled_from([2.0, 10.0])),
            ),
        ),
    )
    return scenario, make_demand(scenario, {("U", "food"): draw(st.sampled_from([4.0, 15.0]))})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(two_way_networks())
def test_no_plan_turns_goods_back(case: tuple[Scenario, Demand]) -> None:
    """On random networks of two-way roads and small stores, no plan has a turn-back."""
    scenario, demand = case
    assert turn_backs(scenario, plan_movements(scenario, demand)) == []
