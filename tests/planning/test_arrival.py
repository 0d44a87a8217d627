"""A unit consumes at its destination from its arrival (issue 3).

Hand-solved cases, and the earliest arrival against a search over the time-expanded
network.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import ActivityPeriod, Demand, Scenario
from supplyline.errors import Issue
from supplyline.io.factors import factors_for
from supplyline.io.writer import write_scenario
from supplyline.planning import plan_movements
from supplyline.planning.arrival import (
    _open_arrival,
    consume_from_arrival,
    demand_on_arrival,
    earliest_arrival,
)
from supplyline.planning.examples import late_unit, make_demand, one_link
from supplyline.planning.network import (
    FlowKind,
    index_flows,
    index_network,
    reach,
    without_outages,
)
from supplyline.requirements import compute_requirements
from supplyline.requirements.summary import totals_by_unit
from supplyline.services.scenarios import assess_requirements, open_scenario


def test_a_late_unit_is_fed_from_its_arrival_not_its_required_day() -> None:
    """Required on C+1, four days' march from C+1: in place on C+5, fed C+5–C+7 only."""
    scenario, demand = late_unit()
    plan = plan_movements(scenario, demand)
    assert plan.status.value == "optimal"
    (closure,) = plan.closures
    assert (closure.closure_day, closure.days_late) == (5, 4)
    assert plan.shortfalls == ()
    food = sorted((d.day, d.tonnes) for d in plan.deliveries)
    assert food == [(5, 2.0), (6, 2.0), (7, 2.0)]
    assert sum(m.tonnes for m in plan.movements if m.commodity == "food") == pytest.approx(6.0)


def test_people_who_fly_ahead_of_their_equipment_are_fed_from_when_they_land() -> None:
    """A flight for the people (a day), the march for the equipment (four days).

    The people can land on C+2 and eat from then; the unit closes on C+5 at the earliest.
    """
    scenario, demand = late_unit(flight_days=1)
    assert int(demand_on_arrival(scenario, demand).arrival_day[0]) == 2
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    assert (closure.earliest_day, closure.closure_day) == (5, 5)
    assert plan.shortfalls == ()
    assert sorted((d.day, d.tonnes) for d in plan.deliveries) == [(d, 2.0) for d in range(2, 8)]
    people = [m for m in plan.movements if m.pax > 0]
    assert [(m.link, m.departure_day, m.arrival_day) for m in people] == [("flight", 1, 2)]


def test_a_unit_that_can_never_arrive_consumes_nothing_there() -> None:
    """Nine days' march in an eight-day horizon: no shortfall, no food sent, not closed."""
    scenario, demand = late_unit(transit_days=9)
    plan = plan_movements(scenario, demand)
    assert plan.shortfalls == ()
    assert not [m for m in plan.movements if m.commodity == "food"]
    assert plan.closures[0].closure_day is None
    assert int(demand_on_arrival(scenario, demand).arrival_day[0]) == scenario.horizon_days


def test_an_outage_on_the_way_delays_the_arrival() -> None:
    """The march road is closed C+1–C+2: the unit leaves on C+3 and is fed from C+7."""
    scenario, demand = late_unit()
    march = dataclasses.replace(scenario.links[0], outage_days=frozenset({1, 2}))
    scenario = dataclasses.replace(scenario, links=(march, *scenario.links[1:]))
    planned = demand_on_arrival(scenario, demand)
    assert int(planned.arrival_day[0]) == 7
    assert planned.consumption_t[0, 0].tolist() == [0.0] * 7 + [2.0]
    plan = plan_movements(scenario, demand)
    assert plan.closures[0].closure_day == 7
    assert [(d.day, d.tonnes) for d in plan.deliveries] == [(7, 2.0)]


def test_the_build_up_comes_on_the_arrival_day() -> None:
    """A 4 t days-of-supply target due on C+1 is due on C+5, the first day the unit is there."""
    scenario, _ = late_unit()
    demand = make_demand(scenario, {("u1", "food"): 2.0}, buildup_t={("u1", "food"): 4.0})
    planned = demand_on_arrival(scenario, demand)
    assert planned.buildup_t[0, 0].tolist() == [0.0] * 5 + [4.0, 0.0, 0.0]
    plan = plan_movements(scenario, demand)
    assert plan.shortfalls == ()
    held = {s.day: s.tonnes for s in plan.stocks if s.unit == "u1"}
    assert held.get(5) == pytest.approx(4.0)  # the target on hand from the day it arrives
    assert not plan.target_gaps


def test_units_on_time_keep_their_demand_as_it_is() -> None:
    """Nothing to move: the same Demand object comes back, and applying it twice is once."""
    scenario, demand = one_link()
    assert demand_on_arrival(scenario, demand) is demand
    scenario, demand = late_unit()
    once = demand_on_arrival(scenario, demand)
    twice = demand_on_arrival(scenario, once)
    assert np.array_equal(once.consumption_t, twice.consumption_t)
    assert np.array_equal(once.buildup_t, twice.buildup_t)
    assert np.array_equal(once.arrival_day, twice.arrival_day)


def test_consumption_from_arrival_keeps_what_comes_after() -> None:
    """Only the days before the later arrival lose their consumption."""
    _, demand = late_unit()
    shifted = consume_from_arrival(demand, {"u1": 3}, days_of_supply={})
    assert shifted.consumption_t[0, 0].tolist() == [0.0, 0.0, 0.0] + [2.0] * 5
    assert (
        consume_from_arrival(demand, {"u1": 0}, days_of_supply={}) is demand
    )  # earlier than assumed: no change


def _searched_arrival(scenario: Scenario, demand: Demand) -> tuple[list[int], list[int]]:
    """First day each unit is wholly there, and its people (else equipment), by search.

    Over (location, day): wait a day anywhere, or take an open usable arc (not out of the
    destination; capacity and both ends' handling above 0) and be there transit + the far
    end's dwell later, within the horizon.
    """
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    days = scenario.horizon_days
    whole = [0] * len(scenario.units)
    fed = [0] * len(scenario.units)
    for f in sorted(np.flatnonzero(flows.kind != FlowKind.GOODS), key=lambda f: flows.kind[f]):
        pax = flows.kind[f] == FlowKind.DEPLOY_PAX
        cap = net.arc_cap_pax if pax else net.arc_cap_t
        handles = [loc.handles_people if pax else loc.handles_tonnes for loc in scenario.locations]
        home, dest, start = int(flows.home[f]), int(flows.dest[f]), int(flows.start_day[f])
        seen = {(home, start)} if start < days else set()
        todo = deque(seen)
        while todo:
            v, t = todo.popleft()
            nexts = [(v, t + 1)]
            if v != dest:
                for a in np.flatnonzero((net.arc_from == v) & (cap > 0)):
                    ends = handles[v] and handles[int(net.arc_to[a])]
                    if net.arc_open[a, t] and ends:
                        nexts.append((int(net.arc_to[a]), t + int(net.arc_delay[a])))
            for w, s in nexts:
                if s < days and (w, s) not in seen:
                    seen.add((w, s))
                    todo.append((w, s))
        first = min((t for v, t in seen if v == dest), default=days)
        u = int(flows.unit[f])
        whole[u] = max(whole[u], first)
        fed[u] = first  # tonnes first, then people, whose day wins
    return whole, fed


@SETTINGS
@given(scenarios())
def test_earliest_arrival_is_the_first_day_a_search_finds(case: tuple[Scenario, Demand]) -> None:
    scenario, demand = case
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    searched, fed = _searched_arrival(scenario, demand)
    got = earliest_arrival(net, flows, len(scenario.units), scenario.horizon_days)
    assert got.whole.tolist() == searched
    assert got.fed_from.tolist() == fed
    # read from the LP's reachability bounds where they can tell, as prepare() does
    bounds = reach(scenario, demand, net, flows)
    read = earliest_arrival(net, flows, len(scenario.units), scenario.horizon_days, bounds)
    assert read.whole.tolist() == searched
    assert read.fed_from.tolist() == fed
    # the search on open days, which earliest_arrival skips where no outage matters
    deploy = np.flatnonzero(flows.kind != FlowKind.GOODS)
    by_flow = _open_arrival(net, flows, deploy, scenario.horizon_days)
    for u, day in enumerate(searched):
        mine = by_flow[flows.unit[deploy] == u]
        assert (int(mine.max()) if len(mine) else 0) == day


@pytest.mark.parametrize(("transit", "label"), [(4, "C+5"), (9, "after C+7")])
def test_the_requirements_a_folder_gives_start_on_arrival(
    tmp_path: Path, transit: int, label: str
) -> None:
    """What `supplyline requirements` reads from a folder is the demand the plan plans for."""
    scenario, _ = late_unit(transit_days=transit)
    folder = write_scenario(scenario, tmp_path / "late")
    demand = assess_requirements(folder).demand
    arrival = int(demand.arrival_day[0])
    assert arrival == min(1 + transit, scenario.horizon_days)
    assert not demand.consumption_t[0, :, :arrival].any()
    assert demand.consumption_t[0, :, arrival:].all()  # food every day from its arrival
    assert {row["arrival_label"] for row in totals_by_unit(demand)} == {label}


def _of_units(folder: Path) -> list[Issue]:
    """The warnings on units.csv.

    late_unit's one-way roads into U, which no road leaves, are warned of on links.csv,
    apart (tests/domain/test_link_checks.py).
    """
    return [w for w in open_scenario(folder).warnings if w.file == "units.csv"]


@pytest.mark.parametrize(
    ("transit", "outage", "why"),
    [
        (9, False, "its quickest way from C+1 (transit and dwell) ends after"),
        (4, True, "outage days on its way keep it out (with those links open it could"),
    ],
)
def test_validate_warns_of_a_unit_that_cannot_be_in_place_within_the_horizon(
    tmp_path: Path, transit: int, outage: bool, why: str
) -> None:
    """A tester's units behind a long outage or a too-long road validated silently."""
    scenario, _ = late_unit(transit_days=transit)
    if outage:
        # closed on all days but the last (closed on all, the link would not count at all)
        march = dataclasses.replace(scenario.links[0], outage_days=frozenset(range(7)))
        scenario = dataclasses.replace(scenario, links=(march, *scenario.links[1:]))
    folder = write_scenario(scenario, tmp_path / "never")
    (warning,) = _of_units(folder)
    assert (warning.file, warning.line, warning.column) == ("units.csv", 2, "destination")
    assert warning.message.startswith(
        "unit 'u1' cannot be wholly at 'U' within the 8-day horizon: "
    )
    assert why in warning.message
    plan = plan_movements(scenario, assess_requirements(folder).demand)
    assert [c.closure_day for c in plan.closures] == [None]


def test_a_unit_that_cannot_be_there_by_its_required_day_is_warned_of(tmp_path: Path) -> None:
    """A planner's unit required on C+10 could be there on C+11 at the earliest."""
    scenario, _ = late_unit()  # required on C+1, four days' road from C+1
    (warning,) = _of_units(write_scenario(scenario, tmp_path / "late"))
    assert (warning.line, warning.column) == (2, "required_day")
    assert warning.message == (
        "unit 'u1' is required on C+1, but its quickest way (capacities aside) brings it "
        "wholly to 'U' on C+5 at the earliest: at least 4 days late whatever the capacities"
    )


def test_a_unit_that_can_arrive_on_time_gets_no_warning(tmp_path: Path) -> None:
    scenario, _ = late_unit(transit_days=0)
    assert _of_units(write_scenario(scenario, tmp_path / "on-time")) == []


def test_the_most_a_day_is_the_narrowest_cut_of_links_and_handling() -> None:
    """Parallel links add up; a place's handling bounds what passes through it."""
    from supplyline.planning.throughput import most_per_day

    scenario, _ = late_unit(transit_days=1)
    march = dataclasses.replace(scenario.links[0], capacity_t_per_day=30.0)
    second = dataclasses.replace(march, id="march-2", capacity_t_per_day=12.5)
    scenario = dataclasses.replace(scenario, links=(march, second, *scenario.links[1:]))
    net = index_network(scenario)
    h, u = net.location_ids.index("H"), net.location_ids.index("U")
    assert most_per_day(net, h, u, people=False) == 42.5
    home = dataclasses.replace(scenario.locations[0], handling_t_per_day=20.0)
    yard = dataclasses.replace(scenario, locations=(home, *scenario.locations[1:]))
    assert most_per_day(index_network(yard), h, u, people=False) == 20.0
    assert most_per_day(net, u, h, people=False) == 0.0  # one-way roads
    # 30 unlimited parallel links: added in 32-bit integers, 22 or more wrapped to nothing
    free = tuple(
        dataclasses.replace(march, id=f"free-{i}", capacity_t_per_day=None) for i in range(30)
    )
    wide = dataclasses.replace(scenario, links=(*free, *scenario.links[2:]))
    assert most_per_day(index_network(wide), h, u, people=False) > 1e6


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        (1.0, "its 20 t of lift cannot all be at 'U' within the 8-day horizon: at most 1 t/day"),
        (
            5.0,
            "its 20 t of lift can all be at 'U' on C+5 at the earliest, 4 days after its "
            "required day, whatever the other units do: at most 5 t/day",
        ),
    ],
)
def test_a_lift_the_capacities_cannot_move_in_time_is_warned_of(
    tmp_path: Path, capacity: float, message: str
) -> None:
    """A tester's unit of 10,000,000 t behind a 300 t/day yard validated silently.

    Its lift took the yard while three units that could close did not.
    """
    scenario, _ = late_unit(transit_days=1)  # there on C+2 as time goes
    march = dataclasses.replace(scenario.links[0], capacity_t_per_day=capacity)
    scenario = dataclasses.replace(scenario, links=(march, *scenario.links[1:]))
    warnings = open_scenario(write_scenario(scenario, tmp_path / "narrow")).warnings
    lift = [w for w in warnings if w.column == "deployment_lift_t"]
    assert len(lift) == 1, warnings
    assert message in lift[0].message
    plan = plan_movements(scenario, assess_requirements(tmp_path / "narrow").demand)
    (closure,) = plan.closures
    bound = 2 + int(np.ceil(20.0 / capacity)) - 1  # the last tonne's day at the earliest
    if closure.closure_day is None:
        assert bound >= scenario.horizon_days
    else:
        assert closure.closure_day >= bound


def test_a_closure_past_the_narrowest_capacity_does_not_delay_the_bound(tmp_path: Path) -> None:
    """A tester's lift gathered at a hub while the road on closed, then crossed in one go.

    1,000 t at 100 t/day to a hub, then a road of 1,000 t/day closed C+1–C+5: the warning
    counted ten days from the first day the closure let anything arrive (C+16); the plan
    closed the unit on C+11, which is the first day without the closure plus ten days.
    """
    from supplyline.io import write_template

    folder = write_template(tmp_path / "hub")
    files = {
        "locations.csv": "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "home-base,Home,home,garrison,52.40,16.90,,,0\nmid,Mid hub,host,hub,51.00,18.50,,,0\n"
        "host-depot,Depot,host,depot,50.10,19.90,,,0\n"
        "field-camp,Camp,host,unit_area,50.30,20.40,,,0\n",
        "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,cost_per_t,"
        "bidirectional,outage_days\nl1,home-base,mid,road,250,1,100,1,false,\n"
        "l2,mid,field-camp,road,250,1,1000,1,false,1-5\n"
        "l3,host-depot,field-camp,road,45,1,,1,true,\n",
        "units.csv": "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\nbn-1,Bn,home,home-base,field-camp,0,0,7,1000,0\n",
        "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\n"
        "host-depot,water,200,30,host\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (warning,) = [w for w in open_scenario(folder).warnings if w.column == "deployment_lift_t"]
    assert "can all be at 'field-camp' on C+11 at the earliest" in warning.message
    assessed = assess_requirements(folder)
    plan = plan_movements(assessed.opened.scenario, assessed.demand)
    assert [c.closure_day for c in plan.closures] == [11]


def test_a_capacity_too_small_to_divide_by_is_warned_of_not_a_crash(tmp_path: Path) -> None:
    """A link of 5e-324 t/day made validate raise OverflowError (ceil of 20 t / 5e-324).

    Found by an edge-value sweep of every number of the template; the lift is now said not
    to be movable within the horizon, as for any capacity too small.
    """
    scenario, _ = late_unit(transit_days=1)
    march = dataclasses.replace(scenario.links[0], capacity_t_per_day=5e-324)
    scenario = dataclasses.replace(scenario, links=(march, *scenario.links[1:]))
    warnings = open_scenario(write_scenario(scenario, tmp_path / "thin")).warnings
    (lift,) = [w for w in warnings if w.column == "deployment_lift_t"]
    assert "its 20 t of lift cannot all be at 'U' within the 8-day horizon" in lift.message


def test_a_unit_that_cannot_be_supplied_is_still_warned_of_being_late(tmp_path: Path) -> None:
    """A tester's scenario without stocks said only "cannot be supplied", not "late"."""
    scenario, _ = late_unit()
    bare = dataclasses.replace(scenario, stocks=())
    warnings = open_scenario(write_scenario(bare, tmp_path / "bare")).warnings
    said = {(w.column, "cannot be supplied" in w.message) for w in warnings}
    assert ("destination", True) in said
    assert ("required_day", False) in said


def test_a_late_units_targets_are_those_of_a_unit_required_on_its_arrival() -> None:
    """Required C+1, in place C+5 only, its work falling to a fifth on C+5: no target kept.

    Worked out from C+1, its 3-day food target could fall no faster than it ate, and the
    unit kept on C+5 more than a unit required on C+5 is asked to hold.
    """
    scenario, _ = late_unit(days=12)
    food = dataclasses.replace(scenario.commodities[0], activity_scaled=True)
    busy_then_quiet = dataclasses.replace(
        scenario.units[0],
        days_of_supply=3.0,
        activity=(ActivityPeriod(start_day=5, level="quiet"),),
    )
    scenario = dataclasses.replace(
        scenario,
        commodities=(food,),
        units=(busy_then_quiet,),
        activity_levels={"normal": 1.0, "quiet": 0.2},
    )
    late = demand_on_arrival(scenario, compute_requirements(scenario, factors_for()))
    assert int(late.arrival_day[0]) == 5
    on_time = dataclasses.replace(
        scenario, units=(dataclasses.replace(busy_then_quiet, available_day=1, required_day=5),)
    )
    due = compute_requirements(on_time, factors_for())
    assert np.allclose(late.buildup_t, due.buildup_t, rtol=1e-12, atol=1e-12)
    assert np.allclose(late.consumption_t, due.consumption_t)
    assert late.buildup_t[0, 0, 5] == pytest.approx(3 * 10 * 0.2 / 1000)  # 3 quiet days


@SETTINGS
@given(scenarios())
def test_the_network_without_outages_is_the_one_of_links_without_them(
    case: tuple[Scenario, Demand],
) -> None:
    """Opening every day of a network gives the arrays of its links rebuilt with no outage."""
    scenario, _ = case
    links = tuple(dataclasses.replace(x, outage_days=frozenset()) for x in scenario.links)
    rebuilt = index_network(dataclasses.replace(scenario, links=links))
    opened = without_outages(index_network(scenario))
    for field in dataclasses.fields(rebuilt):
        np.testing.assert_array_equal(getattr(opened, field.name), getattr(rebuilt, field.name))
