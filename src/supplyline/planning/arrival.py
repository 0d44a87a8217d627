"""A unit consumes at its destination from its arrival: demand from the first day it can be there.

The requirements assume every unit is in place on its required day. A unit that cannot be
there by then (its people become available too late, or the way is too long or closed by
an outage) would otherwise be fed at an empty camp: a tester's camp got food on C+1–C+3
for people arriving on C+4, and a unit that can never arrive went short every day of the
horizon. The planner therefore moves each deploying unit's consumption and its
days-of-supply build-up to the first day its people can be at its destination (its
equipment, for a unit without people), from its available day over the usable links,
respecting transit, dwell and outages but not capacities (a capacity of 0, on a link or a
place's handling, is no way at all). People who fly in ahead of
their vehicles eat from the day they land; the vehicles' fuel is planned from then too.

That day is fixed before the LP, not the plan's own arrival: consumption scaled by what
has arrived would be linear, but with a tonne short weighted far above a day late, the
cheapest plan would hold units back so as not to have to feed them and show a sustainment
shortfall as a late deployment. A unit delayed by a capacity (a full airbridge) is still
fed from the first day its people could have been there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand, Finding, Scenario
from supplyline.domain.targets import buildup_from
from supplyline.errors import Severity
from supplyline.planning.closure_bound import ClosureBound, LastArrival
from supplyline.planning.fits import check_demand_fits
from supplyline.planning.network import (
    FlowKind,
    Flows,
    NetworkArrays,
    Reach,
    days_from,
    index_flows,
    index_network,
    without_outages,
)
from supplyline.types import UnitId, day_label, days_text

__all__ = [
    "Arrival",
    "consume_from_arrival",
    "consumption_start",
    "days_of_supply",
    "demand_on_arrival",
    "earliest_arrival",
    "earliest_open_arrival",
    "never_in_place",
    "never_there",
]

IntArray = npt.NDArray[np.int64]


def _next_open(net: NetworkArrays, days: int) -> IntArray:
    """``[arc, day]``: the first day at or after ``day`` the arc is open (``days``: never).

    One more column, for ``day == days``, says never.
    """
    n_a = len(net.arc_from)
    open_on = np.where(net.arc_open, np.arange(days)[None, :], days)
    out = np.full((n_a, days + 1), days, dtype=np.int64)
    if days:
        out[:, :days] = np.minimum.accumulate(open_on[:, ::-1], axis=1)[:, ::-1]
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Arrival:
    """First days each of ``scenario.units`` can be at its destination, capacities aside.

    ``days`` (the horizon's length) where never; 0 for a unit that does not deploy (in
    place, or nothing to move): nothing delays it.
    """

    whole: IntArray
    """All of the unit, people and equipment: its earliest closure."""
    fed_from: IntArray
    """Its people (its equipment, for a unit without people): when it starts consuming."""
    equipment: IntArray
    """The first of its equipment (0 for a unit with none to move)."""
    people: IntArray
    """The first of its people (0 for a unit with none to move)."""


def earliest_arrival(
    net: NetworkArrays, flows: Flows, n_units: int, days: int, reach: Reach | None = None
) -> Arrival:
    """When each unit can be at its destination.

    An arc carries a flow on the first day it is open after the flow can be at its tail,
    and delivers it ``transit + dwell`` days later, as in the LP. ``reach`` (the LP's
    reachability bounds) already holds the shortest delays where no outage and no place
    that handles nothing lie on the way: they are read from it rather than searched again
    (two Dijkstra runs, about 4 ms of a fresh process's 8 ms of preparing corridor-S).
    """
    whole = np.zeros(n_units, dtype=np.int64)
    fed_from = np.zeros(n_units, dtype=np.int64)
    equipment = np.zeros(n_units, dtype=np.int64)
    people_first = np.zeros(n_units, dtype=np.int64)
    deploy = np.flatnonzero(flows.kind != FlowKind.GOODS)
    if len(deploy) == 0:
        return Arrival(whole=whole, fed_from=fed_from, equipment=equipment, people=people_first)
    at_dest = None if reach is None else _reached_arrival(net, flows, deploy, days, reach)
    if at_dest is None:
        at_dest = _shortest_arrival(net, flows, deploy, days)
    if at_dest is None:
        at_dest = _open_arrival(net, flows, deploy, days)
    unit = flows.unit[deploy]
    np.maximum.at(whole, unit, at_dest)
    people = flows.kind[deploy] == FlowKind.DEPLOY_PAX
    fed_from[unit[~people]] = at_dest[~people]
    fed_from[unit[people]] = at_dest[people]  # people's day where the unit has people
    equipment[unit[~people]] = at_dest[~people]
    people_first[unit[people]] = at_dest[people]
    return Arrival(whole=whole, fed_from=fed_from, equipment=equipment, people=people_first)


def earliest_open_arrival(
    net: NetworkArrays, flows: Flows, n_units: int, days: int, arrival: Arrival
) -> IntArray:
    """When each unit could be wholly at its destination were every link open every day.

    What distance alone allows (transit and dwell; a capacity of 0 is still no way): the
    days late up to it are distance's, those from it to ``arrival.whole`` (outages counted)
    the closures'. A tester's unit held two days by a closed link was said "2 d late (2 by
    distance)" while the bottleneck report blamed the closure. ``arrival`` is returned as
    it is where no link has an outage day.
    """
    if net.arc_open.all():
        return arrival.whole
    return earliest_arrival(without_outages(net), flows, n_units, days).whole


def _usable(net: NetworkArrays, kind: IntArray) -> npt.NDArray[np.bool_]:
    """``[flow, arc]``: may a deployment flow of this kind use the arc at all."""
    people = (kind == FlowKind.DEPLOY_PAX)[:, None]
    return np.where(people, net.arc_carries(people=True), net.arc_carries(people=False))


def _shortest_arrival(
    net: NetworkArrays, flows: Flows, deploy: IntArray, days: int
) -> IntArray | None:
    """Arrival at the destination by shortest delay, or None if an outage may matter.

    Without outages on the arcs the flows may use, the first day is the available day plus
    the shortest transit and dwell (one Dijkstra run per kind of flow, from the homes).
    """
    usable = _usable(net, flows.kind[deploy])
    if _outage_on_the_way(net, usable):
        return None
    at_dest = np.full(len(deploy), days, dtype=np.int64)
    for pax in (False, True):
        mine = np.flatnonzero((flows.kind[deploy] == FlowKind.DEPLOY_PAX) == pax)
        if len(mine) == 0:
            continue
        homes = np.unique(flows.home[deploy][mine])
        apart = days_from(net, usable[mine[0]], homes)
        dist = apart[np.searchsorted(homes, flows.home[deploy][mine]), flows.dest[deploy][mine]]
        at_dest[mine] = _within(flows.start_day[deploy][mine] + dist, days)
    return at_dest


def _reached_arrival(
    net: NetworkArrays, flows: Flows, deploy: IntArray, days: int, reach: Reach
) -> IntArray | None:
    """Arrival at the destination as the reachability bounds have it.

    None where they may not tell: they ignore outages and a place that handles nothing.
    """
    if (net.handling == 0).any() or (net.handling_pax == 0).any():
        return None
    if _outage_on_the_way(net, _usable(net, flows.kind[deploy])):
        return None
    return _within(reach.earliest[deploy, flows.dest[deploy]], days)


def _outage_on_the_way(net: NetworkArrays, usable: npt.NDArray[np.bool_]) -> bool:
    """Whether any arc the flows may use (``[flow, arc]``) has an outage day."""
    return not net.arc_open[usable.any(axis=0)].all()


def _within(first: npt.ArrayLike, days: int) -> IntArray:
    """First days as whole days, ``days`` (never) where past the horizon."""
    out: IntArray = np.minimum(np.asarray(first, dtype=np.float64), days).astype(np.int64)
    return out


def _open_arrival(net: NetworkArrays, flows: Flows, deploy: IntArray, days: int) -> IntArray:
    """Arrival at the destination on the first open days.

    A label-correcting search over the flows at once, which stops when no day improves.
    Flows from one home on one day, of one kind (tonnes or people), share their search:
    the first arrival at a destination never passes through it before, so where else a
    flow is going changes nothing (2,000 units from one home searched one by one took
    31 s on a 1,000-place network).
    """
    n_v, n_a = len(net.location_ids), len(net.arc_from)
    kinds = flows.kind[deploy]
    keys = np.stack([flows.home[deploy], flows.start_day[deploy], kinds], axis=1)
    groups, group_of = np.unique(keys, axis=0, return_inverse=True)
    usable = _usable(net, groups[:, 2])
    next_open = _next_open(net, days)
    delay = net.arc_delay
    earliest = np.full((len(groups), n_v), days, dtype=np.int64)
    rows = np.arange(len(groups))
    earliest[rows, groups[:, 0]] = np.minimum(groups[:, 1], days)
    arcs = np.arange(n_a)[None, :]
    for _ in range(n_v):
        ready = np.minimum(earliest[:, net.arc_from], days)  # [group, arc]
        leave = next_open[arcs, ready]
        arrive = np.where(usable & (leave < days), np.minimum(leave + delay[None, :], days), days)
        improved = earliest.copy()
        np.minimum.at(improved, (rows[:, None], np.broadcast_to(net.arc_to, arrive.shape)), arrive)
        if np.array_equal(improved, earliest):
            break
        earliest = improved
    at_dest: IntArray = earliest[group_of.reshape(-1), flows.dest[deploy]]
    return at_dest


def consume_from_arrival(
    demand: Demand, arrival: Mapping[str, int], *, days_of_supply: Mapping[str, float]
) -> Demand:
    """``demand`` with each unit's consumption and build-up from ``arrival[unit]`` if later.

    Consumption before the later day is dropped. The days-of-supply targets of a unit
    with ``days_of_supply[unit]`` > 0 are worked out again from that day, as if it were
    the unit's required day (as `requirements` does; none if the day lies beyond the
    horizon): a unit required on C+4 that could be in place on C+6 only, with its
    activity falling on C+6, had kept the 2 t food target its required day had led to.
    Any other unit's build-up (a demand made by hand) scheduled before the later day comes
    on that day instead. Applying it twice changes nothing. Returns ``demand`` itself when
    no unit arrives later than it assumed.
    """
    late = np.array([arrival.get(u, 0) for u in demand.unit_ids], dtype=np.int64)
    day = np.maximum(demand.arrival_day, late.reshape(demand.arrival_day.shape))
    if np.array_equal(day, demand.arrival_day):
        return demand
    before = np.arange(demand.horizon_days)[None, None, :] < day[:, None, None]
    consumption = np.where(before, 0.0, demand.consumption_t)
    moved = np.where(before, demand.buildup_t, 0.0).sum(axis=2)  # [unit, commodity]
    buildup = np.where(before, 0.0, demand.buildup_t)
    inside = np.flatnonzero((day < demand.horizon_days) & (moved.sum(axis=1) > 0))
    buildup[inside, :, day[inside]] += moved[inside]
    later = np.flatnonzero(day > demand.arrival_day)
    dos = np.array([days_of_supply.get(demand.unit_ids[i], 0.0) for i in later])
    stocking = later[dos > 0]
    if len(stocking):
        buildup[stocking] = buildup_from(consumption[stocking], dos[dos > 0], day[stocking])
    for handed_over in (consumption, buildup, day):  # read-only: Demand takes them, no copy
        handed_over.setflags(write=False)
    return dataclasses.replace(
        demand, consumption_t=consumption, buildup_t=buildup, arrival_day=day
    )


def demand_on_arrival(scenario: Scenario, demand: Demand) -> Demand:
    """The demand the planner plans for: each unit's from the first day its people can be there.

    >>> from supplyline.planning.examples import late_unit
    >>> scenario, demand = late_unit()
    >>> int(demand.arrival_day[0]), int(demand_on_arrival(scenario, demand).arrival_day[0])
    (1, 5)

    Raises :class:`~supplyline.errors.ScenarioError` if ``demand`` does not fit the scenario.
    """
    check_demand_fits(scenario, demand)
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    arrival = earliest_arrival(net, flows, len(scenario.units), scenario.horizon_days)
    return consume_from_arrival(
        demand, consumption_start(scenario, arrival), days_of_supply=days_of_supply(scenario)
    )


def days_of_supply(scenario: Scenario) -> dict[str, float]:
    """Each unit's days-of-supply target, by unit id."""
    return {u.id: u.days_of_supply for u in scenario.units}


def consumption_start(scenario: Scenario, arrival: Arrival) -> dict[str, int]:
    """Each unit's first day of consumption at its destination, by unit id."""
    return {u.id: int(d) for u, d in zip(scenario.units, arrival.fed_from, strict=True)}


def never_in_place(scenario: Scenario) -> list[Finding]:
    """Warnings for deploying units that cannot be wholly at their destination in time.

    The same days the plan uses (available day, transit, dwell, outages; no capacities):
    a tester's units behind an outage over the whole horizon, a 365-day dwell, or a 5-day
    road in a 3-day horizon validated silently and then never closed; a planner's unit
    required on C+10 whose equipment could be there on C+11 at the earliest. A unit with no
    way there at all is the domain check's to warn of
    (:func:`~supplyline.domain.check_scenario`).
    """
    days = scenario.horizon_days
    net, arrival = _arrival_of(scenario)
    whole = arrival.whole
    found = [
        _warning(
            unit.id,
            "required_day",
            f"unit {unit.id!r} is required on {day_label(unit.required_day)}, but "
            f"its quickest way (capacities aside) brings it wholly to {unit.destination!r} "
            f"on {day_label(int(whole[i]))} at the earliest: at least "
            f"{days_text(int(whole[i]) - unit.required_day)} late whatever the capacities",
        )
        for i, unit in enumerate(scenario.units)
        if unit.deploys and unit.required_day < whole[i] < days
    ]
    found += _too_much_to_move(scenario, net, arrival)
    unclosed = [i for i, u in enumerate(scenario.units) if u.deploys and whole[i] >= days]
    if not unclosed:
        return found
    whole_if_open = _arrival_of(scenario, without_outages(net))[1].whole
    for i in unclosed:
        unit = scenario.units[i]
        if unit.available_day >= days:
            why = f"it is available only on day {unit.available_day}, after the horizon"
        elif whole_if_open[i] < days:
            why = (
                "outage days on its way keep it out (with those links open it could be "
                f"there by {day_label(int(whole_if_open[i]))})"
            )
        else:
            why = (
                f"its quickest way from {day_label(unit.available_day)} (transit and dwell) "
                f"ends after the horizon's last day, {day_label(days - 1)}"
            )
        found.append(
            _warning(
                unit.id,
                "destination",
                f"unit {unit.id!r} cannot be wholly at {unit.destination!r} within the "
                f"{days}-day horizon: {why}; the plan shows it not closed",
            )
        )
    return found


def _warning(unit_id: str, field: str, message: str) -> Finding:
    return Finding(
        entity="unit", entity_id=unit_id, field=field, severity=Severity.WARNING, message=message
    )


def _too_much_to_move(scenario: Scenario, net: NetworkArrays, arrival: Arrival) -> list[Finding]:
    """Warnings for units whose lift or people take longer than time alone says.

    :class:`~supplyline.planning.closure_bound.ClosureBound` says when the last tonne
    (person) can be there at the earliest, each way bringing its share only from the first
    day it can (outages aside: a closure downstream of the narrowest capacity lets the lift
    gather before it and cross in one go when it opens, so a tester's unit, said to close on
    C+16 at the earliest counting from its first day with the closure, closed on C+11), and
    only on the days its links are open, every capacity on the way to the unit itself, a
    place's handling only on the days an open link brings the lift in or takes it on (a
    tester's border post with the road beyond it closed had been counted as sending on
    while it was: C+10 said, C+12 planned). The day is a maximum flow over places and days
    (:mod:`~supplyline.planning.time_expanded`): what the windows alone counted was still a
    day or two early where a link was closed before lift could reach what lay beyond it.
    Units that time alone keeps out (``arrival.whole`` past the horizon) are warned of apart.
    """
    days = scenario.horizon_days
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    found: list[Finding] = []
    ways = {people: ClosureBound(net, people=people) for people in (False, True)}
    whole = arrival.whole
    for i, unit in enumerate(scenario.units):
        if not unit.deploys or whole[i] >= days:
            continue  # time alone keeps it out: said apart
        home, dest = pos[unit.home], pos[unit.destination]
        for people, amount, first in (
            (False, unit.deployment_lift_t, arrival.equipment[i]),
            (True, float(unit.personnel), arrival.people[i]),
        ):
            if amount <= 0 or first >= days:
                continue
            # the last tonne by the later of these would still be in time
            in_time = max(unit.required_day, int(whole[i]))
            last = ways[people].last_arrival(
                home, dest, unit.available_day, amount, in_time=in_time, days=days
            )
            if last is None:
                continue
            rate = ways[people].throughput.most(home, dest)
            if rate <= 0:
                continue  # no way at all (the domain check says so)
            found.append(_lift_warning(scenario, unit.id, people, amount, rate, last))
    return found


def _lift_warning(
    scenario: Scenario, unit_id: str, people: bool, amount: float, rate: float, last: LastArrival
) -> Finding:
    """The words of a warning of :func:`_too_much_to_move`."""
    days, unit = scenario.horizon_days, scenario.unit(unit_id)
    what = f"{amount:,.10g} people" if people else f"{amount:,.10g} t of lift"
    per_day, them = ("people a day", "them") if people else ("t/day", "it")
    by = last.day - 1
    why = (
        f"at most {rate:,.10g} {per_day} can get there from {unit.home!r} on a day its "
        f"links are open (every capacity on the way to it alone), and moving {them} day by "
        f"day, each link on its open days, a place's handling in and out each day, so at most "
        f"{last.by_day_before:,.10g} {'people' if people else 't'} can be there by "
        f"{day_label(by)}"
    )
    if last.day >= days:
        message = (
            f"unit {unit.id!r}: its {what} cannot all be at {unit.destination!r} "
            f"within the {days}-day horizon: {why}, its last day; the plan shows the unit "
            "not closed, and what it moves takes capacity that units which could close "
            "may need"
        )
    else:
        message = (
            f"unit {unit.id!r}: its {what} can all be at {unit.destination!r} on "
            f"{day_label(last.day)} at the earliest, "
            f"{days_text(last.day - unit.required_day)} after its required day, whatever "
            f"the other units do: {why}"
        )
    return _warning(unit.id, "personnel" if people else "deployment_lift_t", message)


def never_there(scenario: Scenario) -> frozenset[UnitId]:
    """The deploying units that are never at their destination within the horizon.

    None of their people (their equipment, for a unit without people) can get there in
    time, capacities aside: they consume nothing there (:func:`demand_on_arrival`), the
    plan closes none of them, and no daily resupply is needed. The reach check had called
    such a unit "ok" at 0 t/day, which a planner read as "fine". A unit whose people
    arrive but whose equipment does not is fed, and is not among them.

    >>> from supplyline.planning.examples import late_unit
    >>> sorted(never_there(late_unit()[0])), sorted(never_there(late_unit(days=5)[0]))
    ([], ['u1'])
    """
    fed_from = _arrival_of(scenario)[1].fed_from
    days = scenario.horizon_days
    return frozenset(
        u.id for u, day in zip(scenario.units, fed_from, strict=True) if u.deploys and day >= days
    )


def _arrival_of(
    scenario: Scenario, net: NetworkArrays | None = None
) -> tuple[NetworkArrays, Arrival]:
    """The network (``net``, else the scenario's) and each unit's first days there.

    Capacities aside; ``net`` is the scenario's network with its outages changed.
    """
    empty = Demand(
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        unit_ids=(),
        commodity_ids=(),
        consumption_t=np.zeros((0, 0, scenario.horizon_days)),
        buildup_t=np.zeros((0, 0, scenario.horizon_days)),
        arrival_day=np.zeros(0, dtype=np.int64),
    )
    net = index_network(scenario) if net is None else net
    flows = index_flows(scenario, empty, net)
    return net, earliest_arrival(net, flows, len(scenario.units), scenario.horizon_days)
