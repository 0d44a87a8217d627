"""What the trucks carry on a day of the movement plan: its last-mile road legs.

The plan's deliveries are what a unit takes from the stock at its place that day, not what
trucks bring it that day: a tester's plan moved 12.6 t over a road on C+0 to stock a site
for the two days its road was closed, and the routes, built from the deliveries, took
4.2 t there and then reported the next day's 4.2 t cut off. So in plan mode the trucks
carry what the plan's road movements bring into each unit's place that day:

* by commodity, road tonnes arriving at the place that day less road tonnes leaving it
  that day (goods only passing through, D→A→C, are delivered at C, not at A: the net of
  the day's road flow at each place is where it ends), when above zero; movements of
  units' own equipment (``deploy:…``) are not supplies;
* a place with several units shares it so that tonnes add up at the place: each unit
  first gets what it is delivered of that commodity that day, and what is left (stock
  for later days) goes in proportion to what each is delivered there after that day
  (equally when none is); when the road brings less than the units take that day, each
  gets that share of its delivery by truck and draws the rest on site, so the trucked
  and drawn tonnes of the place add up to what the units take (a tester's two units at
  one site had 0.272 t drawn on site beside the full 20 t the road brought: the
  place got 20.272 t);
* goods arriving by rail, air or water at a unit's own place need no truck, and road
  legs ending at a place without units (a hub) are not routed;
* what a unit takes that day beyond what the trucks bring it is served on site: what
  lands at its place that day by rail, air or water, named by its link
  (:mod:`~supplyline.routing.plan_arrivals`), and the rest drawn from what its place
  holds (its stock, earlier days' loads and arrivals);
* each request says which depots with trucks the plan's road legs bring its goods from
  (``DeliveryRequest.sources_t``, :mod:`~supplyline.routing.plan_sources`), each unit
  in the share of its place's load it takes, so that those depots' trucks carry them;
  and the places without trucks they start from (``off_truck_t``), which a
  ``depot_short`` names (a tester's food stood at a railhead without trucks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from supplyline.domain import Mode, Movement, Plan, Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.errors import require
from supplyline.routing.plan_arrivals import label_arrivals
from supplyline.routing.plan_days import PlanDays
from supplyline.routing.plan_sources import PlanSources, plan_sources
from supplyline.routing.requests import DeliveryRequest, request_for
from supplyline.routing.scenario_fit import horizon_day
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["plan_road_loads", "plan_truck_loads", "share_place"]

_DUST_T = 1e-6


def _road_net(legs: Iterable[Movement], day: int) -> dict[tuple[LocationId, CommodityId], float]:
    """Road tonnes into each place on ``day`` less road tonnes out of it, by commodity.

    ``legs``: the plan's movements, or those arriving or leaving that day
    (:meth:`~supplyline.routing.plan_days.PlanDays.touching`), in the plan's order.
    """
    net: dict[tuple[LocationId, CommodityId], float] = defaultdict(float)
    for m in legs:
        if m.mode is not Mode.ROAD or m.commodity.startswith("deploy:") or m.tonnes <= 0:
            continue
        if m.arrival_day == day:
            net[(m.destination, m.commodity)] += m.tonnes
        if m.departure_day == day:
            net[(m.origin, m.commodity)] -= m.tonnes
    return {k: t for k, t in net.items() if t > _DUST_T}


def plan_truck_loads(
    scenario: Scenario,
    plan: Plan,
    day: int,
    *,
    days: PlanDays | None = None,
    sources: PlanSources | None = None,
) -> tuple[list[DeliveryRequest], list[DrawnOnSite]]:
    """The truck-loads of ``day`` (one request per unit) and what units draw on site.

    At each place and commodity, what the trucks bring and what is drawn on site add up
    to the larger of the road's tonnes and what the units take that day (:func:`share_place`).

    A ``day`` outside the horizon is an ArgumentError, as ``route_day`` says it
    (:func:`~supplyline.routing.scenario_fit.horizon_day`): it read as a day with nothing
    to carry, ``([], [])``.

    ``days`` and ``sources``: the plan already read by day (:class:`~supplyline.routing.
    plan_days.PlanDays`) and its road legs indexed up to ``day`` (:class:`~supplyline.
    routing.plan_sources.PlanSources` on ``day``), for a walk over many days: read from
    the whole plan for each day, the reach check of a 1,000-day plan took 35 s.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> loads, drawn = plan_truck_loads(s, plan_movements(s, demand), 1)
    >>> [(r.unit, dict(r.load_t)) for r in loads], drawn
    ([('u1', {'food': 8.0})], [])
    """
    require(scenario, Scenario, "the scenario")
    require(plan, Plan, "the plan")
    day = horizon_day(scenario, day)
    days = days or PlanDays(plan)
    if sources is not None and sources.day != day:
        raise ValueError(f"the plan's road legs are indexed to day {sources.day}, not {day}")
    today, later = days.takes(day), days.later(day)
    net = _road_net(days.touching(day), day)
    trucked = _shares(scenario, net, today, later)
    index = sources or PlanSources(scenario, plan, day, days=days)  # one for both traces
    traced = plan_sources(scenario, plan, day, net, index=index)
    depots = {g.depot for g in scenario.fleet if g.count > 0}
    bare = {
        k: {x: t for x, t in by.items() if x not in depots}
        for k, by in plan_sources(scenario, plan, day, net, origins=True, index=index).items()
    }
    requests = [
        _with_sources(request_for(scenario, uid, loads), net, traced, bare)
        for uid, loads in sorted(trucked.items())
    ]
    drawn = []
    for uid in sorted(today):
        mine = trucked.get(uid, {})
        left = {c: t - mine.get(c, 0.0) for c, t in today[uid].items()}
        left = {c: t for c, t in left.items() if t > _DUST_T}
        if left:
            where = scenario.unit(uid).destination
            drawn.append(DrawnOnSite(unit=uid, location=where, load_t=left))
    return requests, label_arrivals(scenario, days.touching(day), day, drawn)


def plan_road_loads(
    scenario: Scenario, plan: Plan, day: int, *, days: PlanDays | None = None
) -> dict[UnitId, dict[CommodityId, float]]:
    """What the plan's road legs bring each unit's place on ``day``, in each unit's share.

    The ``load_t`` of :func:`plan_truck_loads`' requests, by the same code and without
    tracing where the goods come from: what ``routes`` in plan mode loads on the trucks
    that day. The reach check weighs each place's busiest day of it
    (:mod:`~supplyline.routing.reach_busiest`), every day on one ``days``
    (:class:`~supplyline.routing.plan_days.PlanDays`). A ``day`` outside the horizon is
    an ArgumentError.

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link(transit_days=0)
    >>> plan_road_loads(s, plan_movements(s, demand), 1)
    {'u1': {'food': 8.0}}
    """
    require(scenario, Scenario, "the scenario")
    require(plan, Plan, "the plan")
    day = horizon_day(scenario, day)
    days = days or PlanDays(plan)
    net = _road_net(days.touching(day), day)
    return dict(_shares(scenario, net, days.takes(day), days.later(day)))


def _with_sources(
    req: DeliveryRequest,
    net: Mapping[tuple[LocationId, CommodityId], float],
    traced: Mapping[tuple[LocationId, CommodityId], Mapping[LocationId, float]],
    bare: Mapping[tuple[LocationId, CommodityId], Mapping[LocationId, float]],
) -> DeliveryRequest:
    """``req`` with the places its goods come from by the plan, in its share of the place's.

    The depots with trucks (``traced``: ``sources_t``) and the places without trucks
    (``bare``: ``off_truck_t``, said where no depot holds them).
    """
    found: list[dict[tuple[LocationId, CommodityId], float]] = [{}, {}]
    for into, where in zip(found, (traced, bare), strict=True):
        for com, t in req.load_t.items():
            place_t = net.get((req.location, com), 0.0)
            for x, from_t in where.get((req.location, com), {}).items():
                if place_t > 0 and from_t * t / place_t > _DUST_T:
                    into[(x, com)] = from_t * t / place_t
    sources, off_truck = found
    return replace(req, sources_t=sources, off_truck_t=off_truck) if any(found) else req


def share_place(
    tonnes: float, today: Mapping[UnitId, float], later: Mapping[UnitId, float]
) -> dict[UnitId, float]:
    """The road's ``tonnes`` into one place shared among its units (the keys of ``today``).

    ``today`` is what each unit takes there that day, ``later`` what it takes after that
    day. Each unit first gets its own day's take; what is left (stock for later days)
    goes by ``later`` (equally when that is none). When ``tonnes`` is less than the day's
    takes, each unit gets the same share of its take: the rest of it is drawn on site. So
    the units' truck-loads add up to ``tonnes``, and with what they draw on site (their
    take less their truck-load, when above zero) to the larger of ``tonnes`` and the
    day's takes.

    >>> share_place(20.0, {"pass": 19.2, "fh": 0.8}, {"pass": 100.0, "fh": 10.0})
    {'pass': 19.2, 'fh': 0.8}
    >>> share_place(10.0, {"a": 15.0, "b": 5.0}, {})
    {'a': 7.5, 'b': 2.5}
    """
    taken = sum(today.values())
    if tonnes <= taken:
        ratio = tonnes / taken if taken > 0 else 0.0
        return {uid: t * ratio for uid, t in today.items()}
    spare = tonnes - taken
    weights = {uid: later.get(uid, 0.0) for uid in today}
    total = sum(weights.values())
    if total <= 0:
        weights, total = dict.fromkeys(today, 1.0), float(len(today))
    return {uid: today[uid] + spare * weights[uid] / total for uid in today}


def _shares(
    scenario: Scenario,
    net: dict[tuple[LocationId, CommodityId], float],
    today: Mapping[UnitId, Mapping[CommodityId, float]],
    later: Mapping[tuple[UnitId, CommodityId], float],
) -> dict[UnitId, dict[CommodityId, float]]:
    """Each place's road tonnes shared between its units (:func:`share_place`)."""
    units_at: dict[LocationId, list[UnitId]] = defaultdict(list)
    for unit in scenario.units:
        units_at[unit.destination].append(unit.id)
    trucked: dict[UnitId, dict[CommodityId, float]] = defaultdict(dict)
    for (place, com), tonnes in sorted(net.items()):
        here = units_at.get(place, [])
        shares = share_place(
            tonnes,
            {uid: today.get(uid, {}).get(com, 0.0) for uid in here},
            {uid: later.get((uid, com), 0.0) for uid in here},
        )
        for uid, t in shares.items():
            if t > _DUST_T:
                trucked[uid][com] = t
    return trucked
