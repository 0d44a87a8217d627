"""The tester's rolling-storage scenarios (D, D1, D2), and a turn-back check on a plan's records.

Shared by the turn-back and round-trip tests (a module of its own: never import a
conftest).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from supplyline.domain import (
    Commodity,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Plan,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.planning.examples import make_demand

__all__ = ["FOOD", "place", "road", "rolling", "turn_backs"]

FOOD = Commodity(
    id="food", name="Food", supply_class=SupplyClass.FOOD, priority=1, per_person_per_day=2.0
)


def place(loc_id: str, lon: float, storage_t: float | None, dwell: int = 0) -> Location:
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


def road(a: str, b: str, *, both_ways: bool, transit: int = 1, cap: float = 100.0) -> Link:
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
        locations=(place("P", 20.0, 0.0), place("W", 20.5, 15.0), place("C", 21.0, 0.0)),
        links=(
            road("P", "W", both_ways=port_two_way),
            road("W", "C", both_ways=camp_two_way),
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
