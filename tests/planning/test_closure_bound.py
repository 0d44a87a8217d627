"""A small fast airbridge does not hide a unit that cannot close in time (issue d113).

A tester's battalion had a 10 t/day airbridge there on C+2 and a 350 t/day yard on C+9;
the warning counted 360 t/day from C+2 and said nothing, and the plan closed it a week
late. Each way now counts only from the first day it can deliver, and only on the days its
links are open (issue d130: a road closed all horizon was counted at 50 t/day).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import example, given
from random_networks import SETTINGS, bound_days, lifts, outage_scenarios

from supplyline.domain import Demand, Link, LocationKind, Mode, Scenario
from supplyline.io.writer import write_scenario
from supplyline.planning import plan_movements
from supplyline.planning.arrival import never_in_place
from supplyline.planning.closure_bound import ClosureBound, LastArrival
from supplyline.planning.examples import late_unit, make_demand
from supplyline.planning.network import index_network
from supplyline.services.scenarios import assess_requirements, open_scenario


def _yard_and_airbridge() -> Scenario:
    """200 t at ``H`` from C+1, required at ``U`` on C+4, by two ways.

    Rail through the yard ``Y`` (3 days, a day's dwell, 50 t/day handled, 2 days on): the
    first tonnes on C+7, 50 t/day. An airbridge (no transit): 2 t/day from C+1. All 52 t/day
    from C+1 would close it on C+4; by C+9 the ways bring at most 2 × 9 + 50 × 3 = 168 t,
    by C+10 220 t: C+10 at the earliest.
    """
    scenario, _ = late_unit(days=14, lift_t=200.0)
    home = scenario.location("H")
    yard = dataclasses.replace(
        home,
        id="Y",
        kind=LocationKind.TRANSSHIPMENT,
        lon=20.0,
        handling_t_per_day=50.0,
        dwell_days=1,
    )
    rail = Link(
        id="rail-west",
        origin="H",
        destination="Y",
        mode=Mode.RAIL,
        distance_km=900,
        transit_days=3,
        cost_per_t=1.0,
    )
    links = (
        rail,
        dataclasses.replace(rail, id="rail-east", origin="Y", destination="U", transit_days=2),
        Link(
            id="air-bridge",
            origin="H",
            destination="U",
            mode=Mode.AIR,
            distance_km=900,
            transit_days=0,
            capacity_t_per_day=2.0,
            cost_per_t=50.0,
        ),
        scenario.links[1],  # the depot's supply road
    )
    unit = dataclasses.replace(scenario.units[0], required_day=4)
    return dataclasses.replace(
        scenario, locations=(*scenario.locations, yard), links=links, units=(unit,)
    )


def test_a_tiny_fast_airbridge_counts_only_its_own_tonnes_from_its_first_day(
    tmp_path: Path,
) -> None:
    """The warning says C+10, and the plan closes the unit on C+10."""
    folder = write_scenario(_yard_and_airbridge(), tmp_path / "airbridge")
    (warning,) = [w for w in open_scenario(folder).warnings if w.column == "deployment_lift_t"]
    assert warning.message == (
        "unit 'u1': its 200 t of lift can all be at 'U' on C+10 at the earliest, 6 days "
        "after its required day, whatever the other units do: at most 52 t/day can get "
        "there from 'H' on a day its links are open (every capacity on the way to it alone), "
        "and moving it day by day, each link on its open days, a place's handling in and "
        "out each day, so at most "
        "168 t can be there by C+9"
    )
    assessed = assess_requirements(folder)
    plan = plan_movements(assessed.opened.scenario, assessed.demand)
    assert [c.closure_day for c in plan.closures] == [10]


@SETTINGS
@given(outage_scenarios())
def test_the_warned_earliest_day_is_never_after_the_plans_closure(
    case: tuple[Scenario, Demand],
) -> None:
    """The bound, and any warning's "on C+X at the earliest", is a lower bound of the plan."""
    scenario, demand = case
    bound = bound_days(scenario)
    closed = {c.unit: c.closure_day for c in plan_movements(scenario, demand).closures}
    for (unit_id, _), day in bound.items():
        closure = closed.get(unit_id)
        if closure is not None:
            assert day <= closure
    for finding in never_in_place(scenario):
        said = re.search(r"on C\+(\d+) at the earliest", finding.message)
        if finding.field in ("deployment_lift_t", "personnel") and said:
            people = finding.field == "personnel"
            assert int(said.group(1)) == bound[(finding.entity_id, people)]


@SETTINGS
@given(outage_scenarios())
def test_one_way_alone_answers_only_where_the_maximum_flow_agrees(
    case: tuple[Scenario, Demand],
) -> None:
    """Asked whether the lift is in by each day, the bound says so exactly when it is."""
    scenario, _ = case
    bound = bound_days(scenario)
    net = index_network(scenario)
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    days = scenario.horizon_days
    for (unit_id, people), day in bound.items():
        unit = scenario.unit(unit_id)
        ways = ClosureBound(net, people=people)
        amount = float(unit.personnel) if people else unit.deployment_lift_t
        for in_time in range(days):
            last = ways.last_arrival(
                pos[unit.home],
                pos[unit.destination],
                unit.available_day,
                amount,
                in_time=in_time,
                days=days,
            )
            assert (last is None) == (day <= in_time)
            assert last is None or last.day == day


@SETTINGS
@given(outage_scenarios())
@example(late_unit(lift_t=5e-324))  # a third of it is 0: had divided by it
def test_units_sharing_a_route_get_the_answer_each_gets_alone(
    case: tuple[Scenario, Demand],
) -> None:
    """Asked in turn for lifts of one home and destination, the bound answers as if fresh.

    Units of one route share laid-out windows and remembered maximum flows; lifts larger and
    smaller, available later, asked in any order, must not see one another's answers.
    """
    scenario, _ = case
    net = index_network(scenario)
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    days = scenario.horizon_days
    for people in (False, True):
        shared = ClosureBound(net, people=people)
        for unit, lift in lifts(scenario, people=people):
            route = (pos[unit.home], pos[unit.destination])
            for amount, start, in_time in (
                (lift, unit.available_day, unit.required_day),
                (lift * 3, unit.available_day + 1, unit.required_day),
                (lift / 3, unit.available_day, -1),
                (lift, unit.available_day + 2, days - 1),
                (lift * 9, unit.available_day, unit.required_day + 1),
                (lift * 1e9, unit.available_day, days - 1),  # counted in coarser steps
            ):
                alone = ClosureBound(net, people=people)
                asked = (*route, start, amount)
                assert shared.last_arrival(*asked, in_time=in_time, days=days) == (
                    alone.last_arrival(*asked, in_time=in_time, days=days)
                )


def _airbridge_beside_a_road(outage_days: frozenset[int], lift_t: float) -> Scenario:
    """``lift_t`` at ``H`` from C+0, required at ``U`` on C+3, over 20 days.

    A 10 t/day airbridge (a day) and a 50 t/day road (5 days) closed on ``outage_days``.
    """
    scenario, _ = late_unit(days=20, lift_t=lift_t, transit_days=5)
    march = dataclasses.replace(scenario.links[0], capacity_t_per_day=50.0, outage_days=outage_days)
    air = Link(
        id="air-bridge",
        origin="H",
        destination="U",
        mode=Mode.AIR,
        distance_km=800,
        transit_days=1,
        capacity_t_per_day=10.0,
        cost_per_t=50.0,
    )
    unit = dataclasses.replace(scenario.units[0], available_day=0, required_day=3)
    return dataclasses.replace(scenario, links=(march, scenario.links[1], air), units=(unit,))


def _lift_warning(scenario: Scenario, tmp_path: Path) -> str:
    folder = write_scenario(scenario, tmp_path / "case")
    (warning,) = [w for w in open_scenario(folder).warnings if w.column == "deployment_lift_t"]
    return warning.message


def test_a_road_closed_all_horizon_adds_nothing_to_the_rate_or_the_day(tmp_path: Path) -> None:
    """Only the airbridge's 10 t/day is said, and its 100 t by C+10, never the road's C+5."""
    message = _lift_warning(_airbridge_beside_a_road(frozenset(range(20)), 100.0), tmp_path)
    assert "on C+10 at the earliest" in message
    assert "at most 10 t/day can get there from 'H' on a day its links are open" in message
    assert message.endswith("so at most 90 t can be there by C+9")


def test_a_road_closed_for_its_first_days_counts_from_its_reopening(tmp_path: Path) -> None:
    """Closed C+0 to C+5, the road's first 50 t arrive on C+11: 200 t on C+12, as the plan."""
    scenario = _airbridge_beside_a_road(frozenset(range(6)), 200.0)
    message = _lift_warning(scenario, tmp_path)
    assert "on C+12 at the earliest" in message
    assert message.endswith("so at most 160 t can be there by C+11")
    closures = plan_movements(scenario, make_demand(scenario, {})).closures
    assert [c.closure_day for c in closures] == [12]


def test_a_yard_counts_from_the_first_day_lift_can_reach_it_not_through_the_destination(
    tmp_path: Path,
) -> None:
    """By C+8 at most 5 × 7 + 30 × 4 = 155 t, not 185 t: the yard serves from C+4.

    Rail to a 30 t/day yard (there on C+4 from C+2), road on; 5 t/day by air, which
    reaches the yard on C+3 only by the destination and back, where the lift stays.
    """
    scenario = _yard_and_airbridge()
    yard = dataclasses.replace(scenario.location("Y"), handling_t_per_day=30.0, dwell_days=0)
    rail, onward, air, supply = scenario.links
    links = (
        dataclasses.replace(rail, transit_days=2, capacity_t_per_day=40.0, bidirectional=True),
        dataclasses.replace(onward, transit_days=1, capacity_t_per_day=50.0, bidirectional=True),
        dataclasses.replace(air, capacity_t_per_day=5.0),
        supply,
    )
    unit = dataclasses.replace(scenario.units[0], available_day=2, required_day=6)
    locations = tuple(yard if x.id == "Y" else x for x in scenario.locations)
    message = _lift_warning(
        dataclasses.replace(
            scenario, horizon_days=20, locations=locations, links=links, units=(unit,)
        ),
        tmp_path,
    )
    assert "on C+10 at the earliest" in message
    assert message.endswith("so at most 190 t can be there by C+9")
    net = index_network(dataclasses.replace(scenario, locations=locations, links=links))
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    last = ClosureBound(net, people=False).last_arrival(
        pos["H"], pos["U"], 2, 200.0, in_time=6, days=9
    )
    assert last == LastArrival(day=9, by_day_before=155.0)
