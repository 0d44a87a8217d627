"""Tiny hand-solvable scenarios with their demand, for examples, docs and tests.

Each returns ``(scenario, demand)`` with the demand written by hand (no planning
factors), so the right plan can be worked out on paper.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import numpy as np

from supplyline.domain import (
    Commodity,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)

__all__ = [
    "border_post",
    "full_store",
    "gauge_break",
    "late_unit",
    "make_demand",
    "one_link",
    "one_way_back",
    "slow_road_beside_a_closed_one",
    "two_depots_one_hub",
]

START = dt.date(2025, 3, 1)
FOOD = Commodity(
    id="food", name="Rations", supply_class=SupplyClass.FOOD, priority=2, per_person_per_day=1.0
)
FUEL = Commodity(
    id="fuel", name="Diesel", supply_class=SupplyClass.FUEL, priority=1, per_person_per_day=1.0
)


def _loc(loc_id: str, partner: str, kind: LocationKind, lon: float, **kw: object) -> Location:
    return Location(id=loc_id, name=loc_id, partner=partner, kind=kind, lat=52.0, lon=lon, **kw)  # type: ignore[arg-type]


def make_demand(
    scenario: Scenario,
    daily_t: dict[tuple[str, str], float],
    *,
    buildup_t: dict[tuple[str, str], float] | None = None,
) -> Demand:
    """Demand with a constant daily consumption per (unit, commodity).

    Consumption runs from the unit's required day on; build-up falls on that day.
    """
    units = tuple(u.id for u in scenario.units)
    coms = tuple(c.id for c in scenario.commodities)
    days = scenario.horizon_days
    arrival = np.array([u.required_day for u in scenario.units], dtype=np.int64)
    cons = np.zeros((len(units), len(coms), days))
    build = np.zeros_like(cons)
    for (u, c), rate in daily_t.items():
        i, k = units.index(u), coms.index(c)
        cons[i, k, arrival[i] :] = rate
    for (u, c), amount in (buildup_t or {}).items():
        i, k = units.index(u), coms.index(c)
        build[i, k, arrival[i]] = amount
    return Demand(
        start_date=scenario.start_date,
        horizon_days=days,
        unit_ids=units,
        commodity_ids=coms,
        consumption_t=cons,
        buildup_t=build,
        arrival_day=arrival,
    )


def one_link(
    *,
    capacity_t_per_day: float | None = None,
    transit_days: int = 1,
    days: int = 5,
    daily_t: float = 8.0,
    replenishment_t_per_day: float = 50.0,
    outage_days: Sequence[int] = (),
) -> tuple[Scenario, Demand]:
    """A depot ``D`` feeding one unit at ``U`` over one road link.

    The unit eats ``daily_t`` of food a day from day 0; nothing can arrive before
    ``transit_days``, so at least ``transit_days × daily_t`` falls short.

    >>> scenario, demand = one_link()
    >>> [loc.id for loc in scenario.locations], demand.consumption_t.sum()
    (['D', 'U'], np.float64(40.0))
    """
    scenario = Scenario(
        name="one-link",
        start_date=START,
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(FOOD,),
        locations=(
            _loc("D", "A", LocationKind.DEPOT, 20.0),
            _loc("U", "A", LocationKind.UNIT_AREA, 21.0),
        ),
        links=(
            Link(
                id="L1",
                origin="D",
                destination="U",
                mode=Mode.ROAD,
                distance_km=90,
                transit_days=transit_days,
                capacity_t_per_day=capacity_t_per_day,
                cost_per_t=2.0,
                outage_days=frozenset(outage_days),
            ),
        ),
        units=(Unit(id="u1", name="1st", partner="A", home="U", destination="U", personnel=100),),
        stocks=(
            Stock(location="D", commodity="food", replenishment_t_per_day=replenishment_t_per_day),
        ),
    )
    return scenario, make_demand(scenario, {("u1", "food"): daily_t})


def one_way_back(
    *,
    back_closed: Sequence[int] = (1, 2),
    capacity_t_per_day: float | None = None,
    transit_days: int = 0,
    days: int = 5,
    daily_t: float = 4.0,
) -> tuple[Scenario, Demand]:
    """A depot ``D`` feeding a unit at ``U`` over a one-way road in, trucks back over another.

    ``D-U`` leads from ``D`` to ``U`` only (open every day, ``transit_days`` on the way);
    ``U-D`` leads back, closed on ``back_closed``. On those days no truck can leave ``U``,
    so no road leg may arrive there: the plan brings their food before (C+0: 4 + 8 = 12 t
    with the defaults, then 4 t on C+3 and C+4), and nothing falls short unless
    ``capacity_t_per_day`` is too small to stock ahead (10 t/day: 2 t short on C+2).

    >>> scenario, demand = one_way_back()
    >>> [(x.id, x.bidirectional, sorted(x.outage_days)) for x in scenario.links]
    [('D-U', False, []), ('U-D', False, [1, 2])]
    """
    scenario, _ = one_link(
        capacity_t_per_day=capacity_t_per_day,
        transit_days=transit_days,
        days=days,
        daily_t=daily_t,
    )
    road_in = dataclasses.replace(scenario.links[0], id="D-U")
    back = dataclasses.replace(
        road_in,
        id="U-D",
        origin="U",
        destination="D",
        capacity_t_per_day=None,
        transit_days=0,
        outage_days=frozenset(back_closed),
    )
    scenario = dataclasses.replace(scenario, name="one-way-back", links=(road_in, back))
    return scenario, make_demand(scenario, {("u1", "food"): daily_t})


def slow_road_beside_a_closed_one() -> tuple[Scenario, Demand]:
    """A closure that costs a unit 12 t, though goods can still reach it another way.

    D→U over two roads: ``L1`` a day's transit, 8 t/day, closed C+3–C+4; ``L2`` four
    days' transit, 2 t/day, never closed; the unit eats 8 t a day for 8 days. Nothing
    arrives on C+0 (8 t short); on C+4 and C+5 only L2's 2 t (6 t short each).

    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = slow_road_beside_a_closed_one()
    >>> {s.day: s.short_t for s in plan_movements(scenario, demand).shortfalls}
    {0: 8.0, 4: 6.0, 5: 6.0}
    """
    scenario, demand = one_link(days=8, capacity_t_per_day=8.0, outage_days=(3, 4))
    slow = Link(
        id="L2",
        origin="D",
        destination="U",
        mode=Mode.ROAD,
        distance_km=300,
        transit_days=4,
        capacity_t_per_day=2.0,
        cost_per_t=5.0,
    )
    return dataclasses.replace(scenario, links=(*scenario.links, slow)), demand


def full_store(
    *, fuel_t: float = 1.0, way_out_days: int | None = None, days: int = 5
) -> tuple[Scenario, Demand]:
    """A full depot ``D`` that must send fuel out to a warehouse ``W`` to take in food.

    ``D`` (``storage_t`` 10) holds 10 t of fuel; 9 t of food at ``S`` can reach it only on
    C+0 (road ``S-D`` is closed after), for a unit at ``U`` (one road from ``D``, no store
    there) that eats 4.5 t of food a day on C+3–C+4 and ``fuel_t`` of fuel in all. ``W``,
    with no storage limit, is one road from ``D``: one way and the same day
    (``way_out_days`` None: no demand is reached from ``W``), or both ways and that many
    days (3: too far to come back in time). The best plan sends 9 t of fuel to ``W`` on
    C+0, keeps the food at ``D`` until C+3, and falls short of nothing (a tester's case:
    the plan had said "optimal, 9 t short", the fuel having nowhere to go).

    >>> scenario, demand = full_store()
    >>> [(x.id, x.storage_t) for x in scenario.locations], float(demand.consumption_t.sum())
    ([('S', None), ('D', 10.0), ('W', None), ('U', 0.0)], 10.0)
    """
    road = Link(
        id="S-D", origin="S", destination="D", mode=Mode.ROAD, distance_km=100,
        transit_days=0, cost_per_t=1.0, outage_days=frozenset(range(1, days)),
    )  # fmt: skip
    way_out = dataclasses.replace(
        road, id="D-W", origin="D", destination="W", outage_days=frozenset()
    )
    if way_out_days is not None:
        way_out = dataclasses.replace(way_out, transit_days=way_out_days, bidirectional=True)
    scenario = Scenario(
        name="full-store",
        start_date=START,
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(FOOD, FUEL),
        locations=(
            _loc("S", "A", LocationKind.DEPOT, 20.0),
            _loc("D", "A", LocationKind.DEPOT, 21.0, storage_t=10.0),
            _loc("W", "A", LocationKind.WAREHOUSE, 22.0),
            _loc("U", "A", LocationKind.UNIT_AREA, 21.5, storage_t=0.0),
        ),
        links=(
            road,
            dataclasses.replace(
                road, id="D-U", origin="D", destination="U", outage_days=frozenset()
            ),
            way_out,
        ),
        units=(
            Unit(
                id="u1",
                name="1st",
                partner="A",
                home="U",
                destination="U",
                personnel=10,
                required_day=3,
            ),
        ),
        stocks=(
            Stock(location="S", commodity="food", initial_t=9.0),
            Stock(location="D", commodity="fuel", initial_t=10.0),
        ),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 4.5, ("u1", "fuel"): fuel_t / 2})


def two_depots_one_hub(transit_days: int = 1) -> tuple[Scenario, Demand]:
    """Depots of partners A and B each send 4 t/day through a hub that stores nothing.

    To a unit eating 8 t a day: each delivery is half A's, half B's (owner tracing).

    >>> scenario, demand = two_depots_one_hub()
    >>> [loc.id for loc in scenario.locations], float(demand.consumption_t[0, 0, 0])
    (['D', 'E', 'H', 'U'], 8.0)
    """
    scenario, _ = one_link(days=6, transit_days=transit_days)
    depot, unit_area = scenario.locations
    hub = dataclasses.replace(depot, id="H", storage_t=0.0)
    bravo = dataclasses.replace(depot, id="E", partner="B")
    road = scenario.links[0]
    scenario = dataclasses.replace(
        scenario,
        partners=(*scenario.partners, dataclasses.replace(scenario.partners[0], id="B")),
        locations=(depot, bravo, hub, unit_area),
        links=(
            dataclasses.replace(road, id="DH", destination="H"),
            dataclasses.replace(road, id="EH", origin="E", destination="H"),
            dataclasses.replace(road, id="HU", origin="H"),
        ),
        stocks=(
            Stock(location="D", commodity="food", replenishment_t_per_day=4.0),
            Stock(location="E", commodity="food", replenishment_t_per_day=4.0),
        ),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0})


def gauge_break(
    *,
    yard_handling_t_per_day: float = 100.0,
    dwell_days: int = 1,
    days: int = 10,
    fuel_t: float = 60.0,
    food_t: float = 60.0,
) -> tuple[Scenario, Demand]:
    """A gauge break: partner A's depot sustains partner B's unit through a yard.

    ``H`` sends fuel and food by standard-gauge rail to the yard ``Y`` where the gauge
    changes, then by broad-gauge rail to ``R`` and by road to unit B's area ``U``. The
    yard's handling and dwell bound what crosses.

    >>> scenario, demand = gauge_break()
    >>> sorted({link.gauge_mm for link in scenario.links if link.gauge_mm})
    [1435, 1520]
    """
    scenario = Scenario(
        name="gauge-break",
        start_date=START,
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"), Partner(id="B", name="Bravo")),
        commodities=(FUEL, FOOD),
        locations=(
            _loc("H", "A", LocationKind.DEPOT, 10.0),
            _loc(
                "Y",
                "B",
                LocationKind.TRANSSHIPMENT,
                20.0,
                storage_t=0.0,
                handling_t_per_day=yard_handling_t_per_day,
                dwell_days=dwell_days,
            ),
            _loc("R", "B", LocationKind.RAILHEAD, 30.0),
            _loc("U", "B", LocationKind.UNIT_AREA, 31.0),
        ),
        links=(
            Link(
                id="std",
                origin="H",
                destination="Y",
                mode=Mode.RAIL,
                distance_km=600,
                transit_days=1,
                gauge_mm=1435,
                cost_per_t=5.0,
            ),
            Link(
                id="broad",
                origin="Y",
                destination="R",
                mode=Mode.RAIL,
                distance_km=500,
                transit_days=1,
                gauge_mm=1520,
                cost_per_t=5.0,
            ),
            Link(
                id="last",
                origin="R",
                destination="U",
                mode=Mode.ROAD,
                distance_km=40,
                transit_days=0,
                cost_per_t=1.0,
            ),
        ),
        units=(Unit(id="b1", name="B 1st", partner="B", home="U", destination="U", personnel=500),),
        stocks=(
            Stock(location="H", commodity="fuel", replenishment_t_per_day=1000.0),
            Stock(location="H", commodity="food", replenishment_t_per_day=1000.0),
        ),
    )
    return scenario, make_demand(scenario, {("b1", "fuel"): fuel_t, ("b1", "food"): food_t})


def late_unit(
    *,
    transit_days: int = 4,
    days: int = 8,
    daily_t: float = 2.0,
    lift_t: float = 20.0,
    flight_days: int | None = None,
    seat_cost: float = 0.0,
    march_closed: Sequence[int] = (),
) -> tuple[Scenario, Demand]:
    """A unit that cannot be in place on its required day, and a depot that could feed it.

    Unit ``u1`` (10 people, ``lift_t`` of equipment) is available at home ``H`` on C+1 and
    required at ``U`` on C+1, but the road takes ``transit_days``: it can be there on
    C+(1 + transit_days) at the earliest. The depot ``D`` is a day from ``U``. The unit
    eats ``daily_t`` of food a day from its arrival, so the plan feeds it from then on.
    With ``flight_days``, a flight from ``H`` to ``U`` takes the people (not the equipment)
    in that many days, at ``seat_cost`` a person. ``march_closed``: the road's outage days
    (closed on C+1–C+2, the unit leaves on C+3 and closes 2 days later: lifting the
    closure saves 40 t-days and 20 person-days of lift late).

    >>> scenario, demand = late_unit()
    >>> scenario.units[0].required_day, demand.consumption_t.sum()
    (1, np.float64(14.0))
    """
    scenario = Scenario(
        name="late-unit",
        start_date=START,
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(FOOD,),
        locations=(
            _loc("H", "A", LocationKind.GARRISON, 10.0),
            _loc("D", "A", LocationKind.DEPOT, 30.0),
            _loc("U", "A", LocationKind.UNIT_AREA, 31.0),
        ),
        links=(
            Link(
                id="march",
                origin="H",
                destination="U",
                mode=Mode.ROAD,
                distance_km=800,
                transit_days=transit_days,
                cost_per_t=3.0,
                outage_days=frozenset(march_closed),
            ),
            Link(
                id="supply",
                origin="D",
                destination="U",
                mode=Mode.ROAD,
                distance_km=90,
                transit_days=1,
                cost_per_t=2.0,
            ),
            *(
                ()
                if flight_days is None
                else (
                    Link(
                        id="flight",
                        origin="H",
                        destination="U",
                        mode=Mode.AIR,
                        distance_km=800,
                        transit_days=flight_days,
                        capacity_t_per_day=0.0,
                        cost_per_pax=seat_cost,
                    ),
                )
            ),
        ),
        units=(
            Unit(
                id="u1",
                name="1st",
                partner="A",
                home="H",
                destination="U",
                personnel=10,
                available_day=1,
                required_day=1,
                deployment_lift_t=lift_t,
            ),
        ),
        stocks=(Stock(location="D", commodity="food", replenishment_t_per_day=50.0),),
    )
    return scenario, make_demand(scenario, {("u1", "food"): daily_t})


def border_post(
    *,
    pax_per_day: float | None = 40.0,
    handling_t_per_day: float | None = None,
    people: int = 100,
    lift_t: float = 50.0,
    days: int = 8,
) -> tuple[Scenario, Demand]:
    """A unit crossing a border post that checks ``pax_per_day`` people a day.

    Unit ``u1`` (``people`` and ``lift_t`` of equipment) leaves home ``H`` on C+0 by road
    for ``U``, required there on C+2: a day to the border post ``X``, a day on. At 40
    people a day, 100 people cross on C+1–C+3 and the unit closes on C+4. The depot ``D``
    feeds it 1 t of food a day from its arrival, a day away.

    >>> scenario, demand = border_post()
    >>> scenario.location("X").handling_pax_per_day, scenario.units[0].required_day
    (40.0, 2)
    """
    road = {"mode": Mode.ROAD, "distance_km": 80, "transit_days": 1, "cost_per_t": 1.0}
    scenario = Scenario(
        name="border-post",
        start_date=START,
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"), Partner(id="B", name="Bravo")),
        commodities=(FOOD,),
        locations=(
            _loc("H", "A", LocationKind.GARRISON, 10.0),
            _loc(
                "X",
                "B",
                LocationKind.BORDER,
                20.0,
                handling_pax_per_day=pax_per_day,
                handling_t_per_day=handling_t_per_day,
            ),
            _loc("U", "B", LocationKind.UNIT_AREA, 30.0),
            _loc("D", "B", LocationKind.DEPOT, 31.0),
        ),
        links=(
            Link(id="to-border", origin="H", destination="X", **road),  # type: ignore[arg-type]
            Link(id="on", origin="X", destination="U", **road),  # type: ignore[arg-type]
            Link(id="supply", origin="D", destination="U", **road),  # type: ignore[arg-type]
        ),
        units=(
            Unit(
                id="u1",
                name="1st",
                partner="A",
                home="H",
                destination="U",
                personnel=people,
                required_day=2,
                deployment_lift_t=lift_t,
            ),
        ),
        stocks=(Stock(location="D", commodity="food", replenishment_t_per_day=50.0),),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 1.0})
