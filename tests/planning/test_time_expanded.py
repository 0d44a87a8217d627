"""The closure bound's exact day: a tester's corridors, and a reference LP over days.

The windows of :class:`~supplyline.planning.closure_bound.ClosureBound` alone had said a
lift behind a road closed C+0–C+4 could be in on C+15 (it is C+20), and a lift through a
5 t/day post on C+11 (it is C+12): the maximum flow over places and days
(:mod:`~supplyline.planning.time_expanded`) says the day. Here it is held to an LP written
apart, on the same network with its capacities rounded up to the bound's steps.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
from hypothesis import example, given, settings
from random_networks import SETTINGS, bound_days, lifts, outage_scenarios
from scipy.optimize import linprog

from supplyline.domain import Demand, Scenario
from supplyline.io.writer import write_scenario
from supplyline.planning import plan_movements
from supplyline.planning.closure_bound import CLOSED_SHARE, CLOSED_T
from supplyline.planning.examples import late_unit, make_demand
from supplyline.planning.network import NetworkArrays, index_network
from supplyline.planning.throughput import STEPS_PER_UNIT
from supplyline.services.scenarios import open_scenario

SCENARIO = """name: corridor
start_date: 2030-01-01
horizon_days: {days}
partners:
  - {{id: p, name: P, currency: USD}}
commodities:
  - {{id: food, name: Food, supply_class: food, priority: 1, demand_unit: kg,
     per_person_per_day: 1}}
"""
LOCATIONS = (
    "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,storage_t,dwell_days\n"
)
LINKS = (
    "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,"
    "capacity_pax_per_day,cost_per_t,bidirectional,outage_days\n"
)
UNITS = (
    "id,name,partner,home,destination,personnel,available_day,required_day,"
    "deployment_lift_t,days_of_supply\n"
)


def _warnings(folder: Path, days: int, places: str, links: str, units: str) -> dict[str, str]:
    """The lift and people warnings of a corridor written to ``folder``."""
    folder.mkdir()
    (folder / "scenario.yaml").write_text(SCENARIO.format(days=days))
    (folder / "locations.csv").write_text(LOCATIONS + places)
    (folder / "links.csv").write_text(LINKS + links)
    (folder / "units.csv").write_text(UNITS + units)
    (folder / "stocks.csv").write_text(
        "location,commodity,initial_t,replenishment_t_per_day,owner\nD,food,1000,0,p\n"
    )
    found = open_scenario(folder).warnings
    return {w.column: w.message for w in found if w.column in ("deployment_lift_t", "personnel")}


def test_a_link_counts_only_from_the_first_day_lift_can_reach_it_past_a_closure(
    tmp_path: Path,
) -> None:
    """Nothing leaves H before C+5 nor reaches M before C+6: 2 t/day from then, 18 t by C+14.

    The windows had counted M→D from C+1, as if the closure were not there: 30 t on C+15.
    """
    scenario, demand = _closed_then_narrow()
    folder = write_scenario(scenario, tmp_path / "f5")
    said = {w.column: w.message for w in open_scenario(folder).warnings}
    assert "its 30 t of lift can all be at 'U' on C+20 at the earliest" in said["deployment_lift_t"]
    assert said["deployment_lift_t"].endswith("so at most 28 t can be there by C+19")
    assert "its 100 people can all be at 'U' on C+15 at the earliest" in said["personnel"]
    assert said["personnel"].endswith("so at most 90 people can be there by C+14")
    assert [c.closure_day for c in plan_movements(scenario, demand).closures] == [20]


def test_a_posts_handling_counts_on_the_days_what_it_takes_in_can_still_arrive(
    tmp_path: Path,
) -> None:
    """The tester's corridor g6: 20 t by C+10 (the windows said 24 t), all 30 t on C+12."""
    said = _warnings(
        tmp_path / "g6",
        20,
        "H,H,p,depot,50.0,10.0,,,,0\nM1,M1,p,border,50.1,10.0,12,30,0,0\n"
        "M2,M2,p,border,50.2,10.0,,,0,0\nM3,M3,p,border,50.3,10.0,5,50,0,0\n"
        "D,D,p,unit_area,50.4,10.0,15,,,0\n",
        "l0,H,M1,road,,12,1,,6,40,1,true,1;3;6\nl1,M1,M2,road,,12,0,,15,1000,1,true,\n"
        "l2,M2,M3,road,,12,1,,15,25,1,true,4;6\nl3,M3,D,road,,12,1,,6,25,1,true,0;1\n",
        "u1,U,p,H,D,150,1,1,30,0\n",
    )
    assert "its 30 t of lift can all be at 'D' on C+12 at the earliest" in said["deployment_lift_t"]
    assert said["deployment_lift_t"].endswith("so at most 25 t can be there by C+11")


def _closed_then_narrow() -> tuple[Scenario, Demand]:
    """The tester's corridor f5: H→M closed C+0–C+4, M→U 2 t (10 people) a day from C+0.

    The unit, 30 t and 100 people, is available on C+0: nothing reaches M before C+6.
    """
    scenario, _ = late_unit(transit_days=1, days=30, lift_t=30.0, march_closed=range(5))
    march, supply = scenario.links[:2]
    narrow = dataclasses.replace(
        march,
        id="narrow",
        origin="M",
        transit_days=0,
        capacity_t_per_day=2.0,
        capacity_pax_per_day=10.0,
        outage_days=frozenset(),
    )
    mid = dataclasses.replace(scenario.location("H"), id="M", name="M", lon=20.0)
    unit = dataclasses.replace(scenario.units[0], personnel=100, available_day=0, required_day=0)
    scenario = dataclasses.replace(
        scenario,
        locations=(*scenario.locations, mid),
        links=(dataclasses.replace(march, destination="M"), narrow, supply),
        units=(unit,),
    )
    return scenario, make_demand(scenario, {})


def _rounded(values: np.ndarray) -> np.ndarray:
    """Capacities rounded up to the bound's steps, as it counts them (unlimited stays)."""
    finite = np.isfinite(values)
    up = np.ceil(np.where(finite, values, 0.0) * STEPS_PER_UNIT) / STEPS_PER_UNIT
    return np.where(finite, up, np.inf)


def _lp_most_by(
    net: NetworkArrays, home: int, dest: int, start: int, amount: float, by: int, *, people: bool
) -> float:
    """The most of ``amount`` at ``dest`` by day ``by``: an LP over departures by link and day.

    Written from the plan's rows, not the bound's network: a place holds what came in less
    what left (the lift waits anywhere but its destination, where it stays), handling in on
    the arrival day and out on the departure day apart, links on their open days.
    """
    if home == dest:
        return amount
    cap = _rounded(net.arc_cap_pax if people else net.arc_cap_t)
    handling = _rounded(net.handling_pax if people else net.handling)
    days = net.arc_open.shape[1]
    cols = [
        (a, t)
        for a in range(len(net.arc_from))
        if net.arc_from[a] != dest
        for t in range(start, days)
        if net.arc_open[a, t] and t + net.arc_delay[a] <= by
    ]
    if not cols:
        return 0.0
    a_of = np.array([a for a, _ in cols])
    t_of = np.array([t for _, t in cols])
    tail, head = net.arc_from[a_of], net.arc_to[a_of]
    usable_on = t_of + net.arc_delay[a_of]
    unloaded_on = t_of + net.arc_transit[a_of]
    rows, rhs = [], []
    for v in range(len(net.location_ids)):
        for d in range(start, by + 1):
            if v != dest:  # what has left by d is at most what came by d (and the lift)
                rows.append(
                    ((tail == v) & (t_of <= d)).astype(float)
                    - ((head == v) & (usable_on <= d)).astype(float)
                )
                rhs.append(amount if v == home else 0.0)
            if np.isfinite(handling[v]):
                rows.append(((tail == v) & (t_of == d)).astype(float))
                rows.append(((head == v) & (unloaded_on == d)).astype(float))
                rhs += [handling[v], handling[v]]
    gain = -((head == dest).astype(float))
    bounds = [(0.0, None if math.isinf(c) else c) for c in cap[a_of]]
    res = linprog(gain, A_ub=np.array(rows), b_ub=rhs, bounds=bounds, method="highs")
    assert res.status == 0
    return float(-res.fun)


@settings(SETTINGS, max_examples=150)  # the windows' mistakes are rare: more cases
@given(outage_scenarios())
@example(_closed_then_narrow())  # C+15 and C+10 before, where the LP says C+20 and C+15
def test_the_bounds_day_is_the_first_a_reference_lp_brings_it_all_by(
    case: tuple[Scenario, Demand],
) -> None:
    """Capacities in the bound's steps, its day is the LP's, and nothing is there before."""
    scenario, _ = case
    net = index_network(scenario)
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    bound = bound_days(scenario)
    days = scenario.horizon_days
    for people in (False, True):
        for unit, amount in lifts(scenario, people=people):
            home, dest = pos[unit.home], pos[unit.destination]
            # counted in whole steps: the lift rounded up, what closes it (as the plan counts
            # it) too, and at least a step
            closed = amount - max(CLOSED_T, CLOSED_SHARE * amount)
            need = max(1, math.ceil(closed * STEPS_PER_UNIT - 1e-9)) / STEPS_PER_UNIT
            lift = max(need, math.ceil(amount * STEPS_PER_UNIT - 1e-9) / STEPS_PER_UNIT)
            lp_day = next(
                (
                    day
                    for day in range(days)
                    if _lp_most_by(net, home, dest, unit.available_day, lift, day, people=people)
                    >= need - 1e-7
                ),
                days,
            )
            assert bound[(unit.id, people)] == lp_day
