"""Truck-loads: a day's requests split to fit the trucks, and why loads were left out.

A request larger than a truck is split into *full* truck-loads and what remains (10.1 t
for a 10 t bowser: 10 t and 0.1 t), adding up to it to the gram, each fitting every truck type
able to reach the unit whose payload is at least half the largest one's (so a mixed
fleet shares the work, and small vehicles do not shrink the loads), by weight and
volume. The first loads carry the most urgent commodity (priority 1 first), the last
the least urgent: when trucks are short, what stays behind is the low-priority
remainder. Equal shares of every commodity (before) drove a bowser 300 km with 5.05 t
of its 10 t, and left half a unit's water behind beside general goods that went. When
the trucks have room for every load, a request that packs in fewer loads with its
commodities mixed is packed so (:mod:`~supplyline.routing.load_mix`).

Loads the router leaves out are ``not_enough_trucks`` (or ``too_large``, when even every
truck that can carry one, turning all day, could not carry them all): counted over the
trucks that can carry such a load only, so that a tester's three 1 t pick-ups, idle
beside 4.962 t loads, were not counted among the trucks that could take them.

What no truck was left for may get a second chance on the trucks the router left idle
(:func:`leftovers`, :func:`idle_groups`): split again to fit them, smaller trucks
included, as :func:`~supplyline.routing.convoy.route_day` does.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.routes import Stop, TruckRoute, Unserved, UnservedReason
from supplyline.routing.cargo import may_carry, no_carrier
from supplyline.routing.load_mix import LoadNeed, room_for_all
from supplyline.routing.load_pack import pack_grams, request_grams
from supplyline.routing.ran_out import Way, ran_out_words
from supplyline.routing.request_loads import (
    carries,
    load_priorities,
    most_loads,
    pack_request,
    per_trip,
    request_chunks,
)
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.site_stock import part_of
from supplyline.routing.translate import Chunk
from supplyline.routing.truck_fit import fit, not_reached, whole
from supplyline.routing.turns import window_turns
from supplyline.types import LocationId

__all__ = [
    "LoadBound",
    "idle_groups",
    "left_out",
    "leftovers",
    "load_priorities",
    "pack_grams",
    "plan_chunks",
    "request_grams",
    "split_notes",
]


@dataclass(frozen=True, slots=True)
class LoadBound:
    """The most trips a day the trucks able to carry a request's loads can make, said.

    Said in parts, so that a reason can put its verdict beside the trips it is about
    (``too_large``: "…42 trips a day, fewer than the 80 it needs"): ``need`` what the
    request needs, ``trips`` what the trucks that can carry a load can do, ``small`` the
    trucks that reach it but cannot carry one (empty when none).
    """

    most: int
    need: str
    trips: str
    small: str = ""
    ways: tuple[Way, ...] = ()
    """The truck types that can carry its loads, and their way to the unit: by these the
    day's routes say what ran out when loads are left out (:mod:`.ran_out`)."""
    window: tuple[float, float] = (0.0, 24.0)
    """The unit's receiving window, h."""
    multi_trip: bool = True
    """Whether a truck may load again at its depot (else it makes one trip a day)."""

    def said(self, verdict: str = "") -> str:
        """What it needs, what the trucks can do (then ``verdict``), and the trucks too small.

        >>> b = LoadBound(3, "12 t needs 4 loads", "1 truck … at most 3 trips a day")
        >>> b.said("fewer than the 4 it needs")
        '12 t needs 4 loads; 1 truck … at most 3 trips a day, fewer than the 4 it needs'
        """
        trips = f"{self.trips}, {verdict}" if verdict else self.trips
        return "; ".join(x for x in (self.need, trips, self.small) if x)

    @property
    def why(self) -> str:
        """:meth:`said` with no verdict: the bound alone, as a later round quotes it."""
        return self.said()


def _trucks(n: int, of: str = "") -> str:
    """``1 truck that reaches``, ``3 trucks of depot D that reach``."""
    return f"{n} truck{of} that reaches" if n == 1 else f"{n} trucks{of} that reach"


def _turns(
    g: FleetGroup,
    km: RoadMatrix,
    req: DeliveryRequest,
    service_h: float,
    window: tuple[float, float],
    multi_trip: bool,
) -> int:
    """Trips a truck of ``g`` can bring to ``req``'s unit in a day, counted as ``reach`` does.

    :func:`~supplyline.routing.turns.window_turns`: service starts inside the window, not
    before the truck can be there, back by 24 h and within its drivers' hours (counted
    from the window's opening, a unit 1.5 h out open 0–4 h was given 2 trips a truck
    where PyVRP's routes bring 1). One when trucks do not go back to load again.
    """
    d, u = km.index(g.depot), km.index(req.location)
    out_h, back_h = km.km[d, u] / g.speed_kmh, km.km[u, d] / g.speed_kmh
    turns = window_turns(g, float(out_h), float(back_h), service_h, *window)
    return turns if multi_trip else min(turns, 1)


def _load_sizes(grams: Sequence[tuple[int, int]]) -> str:
    """``of 8.000 t``, ``of 10.000 and 0.100 t``, ``(3 of 1.500 t, 1 of 0.660 t)``.

    ``grams``: each load's grams and how many such loads come in a row
    (:func:`~supplyline.routing.load_pack.pack_runs`).

    >>> _load_sizes([(1_500_000, 3), (660_000, 1)]), _load_sizes([(10**7, 1), (100_400, 1)])
    ('(3 of 1.500 t, 1 of 0.660 t)', 'of 10.000 and 0.100 t')
    """
    counts: dict[int, int] = defaultdict(int)
    for g, times in grams:
        counts[round(g / 1000)] += times
    sizes = sorted(counts, reverse=True)
    if len(sizes) == 1:
        return f"of {sizes[0] / 1000:.3f} t"
    if len(sizes) > 3:
        return f"of {sizes[-1] / 1000:.3f} to {sizes[0] / 1000:.3f} t"
    if all(counts[k] == 1 for k in sizes):
        return f"of {', '.join(f'{k / 1000:.3f}' for k in sizes[:-1])} and {sizes[-1] / 1000:.3f} t"
    return "(" + ", ".join(f"{counts[k]:,} of {k / 1000:.3f} t" for k in sizes) + ")"


def _too_bulky(
    req: DeliveryRequest, volumes: Sequence[float], reach: Sequence[FleetGroup]
) -> Unserved:
    """The whole request, ``too_large``: a kilogram of it is bulkier than every truck's room."""
    rooms = ", ".join(f"{g.id} {g.volume_m3 or 0:g} m³" for g in reach)
    return whole(
        req,
        UnservedReason.TOO_LARGE,
        f"{req.tonnes:.3f} t in loads of up to {max(volumes):.3f} m³: a single kilogram of "
        f"it is bulkier than any truck that reaches it holds ({rooms})",
    )


def plan_chunks(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    *,
    multi_trip: bool,
    day: int,
    pinned: Sequence[LocationId | None],
    mix: bool = True,
) -> tuple[list[Chunk], list[Unserved], dict[int, LoadBound]]:
    """Split requests into truck-loads; rule out the ones no truck type can serve.

    A request ``pinned`` to a depot goes on that depot's trucks only (it holds the goods).
    Each load may go on any truck type that reaches the unit and can carry it; the bound
    of a request counts the trips of those trucks only, and names the smaller trucks that
    reach the unit but cannot carry a load.

    With ``mix``, a request whose commodities pack in fewer loads mixed than most urgent
    first is packed so (``Chunk.mixed``) when the trucks have room for every load
    (:func:`~supplyline.routing.load_mix.room_for_all`, an estimate); else, or without
    ``mix``, every request is packed most urgent first.
    """
    chunks, unserved, bounds, needs = _plan(
        requests, groups, km, scenario, multi_trip=multi_trip, day=day, pinned=pinned, mix=mix
    )
    hours = sum(g.count * min(g.max_route_hours, 24.0) for g in groups)
    if any(c.mixed for c in chunks) and not room_for_all(needs, hours):
        chunks, unserved, bounds, _ = _plan(
            requests, groups, km, scenario, multi_trip=multi_trip, day=day, pinned=pinned,
            mix=False,
        )  # fmt: skip
    return chunks, unserved, bounds


def _plan(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    *,
    multi_trip: bool,
    day: int,
    pinned: Sequence[LocationId | None],
    mix: bool,
) -> tuple[list[Chunk], list[Unserved], dict[int, LoadBound], list[LoadNeed]]:
    """:func:`plan_chunks`, mixed where fewer (``mix``) or not, and what the loads need."""
    service_h = scenario.routing.service_minutes / 60
    chunks: list[Chunk] = []
    unserved: list[Unserved] = []
    bounds: dict[int, LoadBound] = {}
    needs: list[LoadNeed] = []
    for r, req in enumerate(requests):
        if not groups:
            unserved.append(whole(req, UnservedReason.NO_TRUCK_REACHES, "no trucks in fleet.csv"))
            continue
        # fleet.csv's carries: a request of one cargo class goes on the trucks that may load it
        may = [g for g in groups if may_carry(g, scenario, req.load_t)]
        mine = [g for g in may if pinned[r] in (None, g.depot)]
        if not mine:
            home = [g for g in groups if pinned[r] in (None, g.depot)]
            unserved.append(no_carrier(req, home or groups, scenario))
            continue
        fits = {g.id: fit(req, g, km, service_h, scenario, day) for g in mine}
        reach = [g for g in mine if fits[g.id].ok]
        if not reach:  # why: said of the trucks it may go on (its depot's, when pinned)
            unserved.append(not_reached(req, list(fits.values())))
            continue
        # Loads that fit every truck type at least half the size of the largest one, so
        # that a mixed fleet can share the work (tiny vehicles do not shrink the loads).
        big = max(g.payload_t for g in reach)
        sizing = [g for g in reach if g.payload_t >= 0.5 * big]
        unit = scenario.unit(req.unit)
        hours = (unit.receive_open_h, unit.receive_close_h)
        turns = {g.id: _turns(g, km, req, service_h, hours, multi_trip) for g in reach}
        trips_for = functools.partial(most_loads, reach, turns)
        packed = pack_request(req, scenario, sizing, mix=mix, trips_for=trips_for)
        if not packed.runs:  # why: under half a gram (a depot's 1e-7 t part): nothing to carry
            continue
        n, volumes = packed.count, packed.volumes
        grams = [(sum(load.values()), times) for load, times in packed.runs]
        heaviest = max(g for g, _ in grams)
        able = [g for g in reach if carries(g, heaviest, max(volumes))]
        if not able:  # a kilogram of it is bulkier than any reaching truck holds
            unserved.append(_too_bulky(req, volumes, reach))
            continue
        small = [g for g in reach if g not in able]
        by_hours = {g.id: _turns(g, km, req, service_h, (0.0, 24.0), multi_trip) for g in able}
        a_trip = {g.id: per_trip(g, heaviest, max(volumes)) for g in able}
        trips = sum(g.count * turns[g.id] for g in able)
        most = sum(g.count * turns[g.id] * a_trip[g.id] for g in able)
        window = (
            f" within its receiving window {unit.receive_open_h:g}-{unit.receive_close_h:g} h"
            if any(turns[g.id] < by_hours[g.id] for g in able)
            else ""
        )
        of = "" if pinned[r] is None else f" of depot {pinned[r]}"
        need = (
            f"{req.tonnes:.3f} t needs {n:,} truck-load{'s' if n > 1 else ''} {_load_sizes(grams)}"
        )
        can = (
            f"the {_trucks(sum(g.count for g in able), of)} it and can carry one "
            f"({', '.join(g.id for g in able)}) can make at most {trips} "
            f"trip{'s' if trips != 1 else ''} a day{window}"
        )
        if most > trips and n > trips:  # a bigger truck takes several of its loads a trip
            # said only where the loads outnumber the trips: a tester read "6216 loads with
            # hh-fwd 148 a trip" of a 0.010 t load that one trip holds 148 times over
            can += (
                f", carrying at most {most} of its truck-loads ("
                + ", ".join(f"{g.id} {k} a trip" for g in able if (k := a_trip[g.id]) > 1)
                + ")"
            )
        small_words = (
            f"{_trucks(sum(g.count for g in small), of)} it cannot carry "
            f"one ({', '.join(f'{g.id} {g.payload_t:g} t' for g in small)})"
            if small
            else ""
        )
        ways = []
        for g in able:
            d, u = km.index(g.depot), km.index(req.location)
            ways.append(Way(g, float(km.km[d, u] / g.speed_kmh), fits[g.id].round_trip_h))
        bounds[r] = LoadBound(most, need, can, small_words, tuple(ways), hours, multi_trip)
        needs.append(LoadNeed(n, most, min(fits[g.id].round_trip_h / a_trip[g.id] for g in able)))
        if packed.unmixable is not None:
            needs.append(packed.unmixable)
        # records of the loads the trucks can bring at most, the rest counted in one
        # (beyond its trips: never offered, reported with the loads left out)
        chunks += request_chunks(
            r, req, packed, scenario, allowed=frozenset(g.id for g in able), made=max(1, most)
        )
    return chunks, unserved, bounds, needs


def split_notes(
    chunks: Sequence[Chunk], routes: Sequence[TruckRoute], *, again: bool = False
) -> list[str]:
    """What the summary says of the deliveries a planner sees in several stops, and how.

    Only a unit with more than one stop in the ``routes`` is said, with its stops: the
    loads are sized to the smallest truck that may carry them, and a larger truck takes
    several at one stop (:mod:`~supplyline.routing.day_model`), so a tester read
    "kas-arm-1 ×2" beside one stop of 14.87 t on one 24 t truck (the packing for the
    12 t bowsers, not the routes). ``again``: the day was packed most urgent first after
    the fewest loads, mixed, left some out (:func:`~supplyline.routing.convoy.route_day`),
    and the notes say so.

    >>> c = Chunk(request=0, part=0, parts=2, unit="u", location="L", load_t={}, volume_m3=0,
    ...     volume_known=False, priority=1, weighted_t=0, allowed=frozenset(), mixed=True)
    >>> split_notes([c], [])  # its loads not routed at all: no stops to speak of
    []
    """
    stops: dict[tuple[str, str], int] = defaultdict(int)
    for route in routes:
        for stop in route.stops:
            stops[(stop.unit, stop.location)] += 1
    notes = []
    for mixed, how in ((False, "full truck-loads, most urgent first"),
                       (True, "the fewest truck-loads, commodities mixed")):  # fmt: skip
        split = sorted(
            {
                (c.unit, stops[(c.unit, c.location)])
                for c in chunks
                if c.parts > 1 and c.mixed is mixed and stops[(c.unit, c.location)] > 1
            }
        )
        if split:
            notes.append(
                f"split into {how}, delivered in several stops: "
                + ", ".join(f"{u} ×{n} stops" for u, n in split)
            )
    if again:
        notes.append(
            "the fewest truck-loads, commodities mixed, left some out: packed most urgent "
            "first again and routed again"
        )
    return notes


def left_out(
    requests: Sequence[DeliveryRequest],
    left: Sequence[Chunk],
    bounds: Mapping[int, LoadBound],
    before: Mapping[int, str] | None = None,
    *,
    again: Sequence[TruckRoute] | None = None,
    routes: Sequence[TruckRoute] | None = None,
) -> list[Unserved]:
    """The truck-loads the router left out, per request: too large, or not enough trucks.

    ``before`` says, per request, what an earlier round left of it (the second round on
    idle trucks: ``after …``). ``again`` is the day's routes when the loads were packed
    most urgent first after the fewest, mixed, left some out: the detail says so, and how
    many trips the routes gave the unit's loads (a tester read "the 2 trucks … can make
    at most 2 trips a day" of 3 loads, 2 left out, and could not tell that the other trip
    went to another unit, nor why the loads were not the mixed ones). ``routes`` are the
    day's routes of the trucks the loads could go on: a ``not_enough_trucks`` detail then
    says what of theirs ran out (:func:`~supplyline.routing.ran_out.ran_out_words`: a
    tester read "can make at most 2 trips a day, 222 loads" of a load left out because the
    one truck's hours went to another unit), then what the trucks could do for it alone.
    """
    by_request: dict[int, list[Chunk]] = defaultdict(list)
    for c in left:
        by_request[c.request].append(c)
    out = []
    for r, lost in by_request.items():
        bound = bounds[r]
        req = requests[r]
        too_large = lost[0].parts > bound.most
        load: dict[str, float] = defaultdict(float)
        for c in lost:
            for com, t in c.load_t.items():
                load[com] += t
        parts = lost[0].parts
        ran = (
            ""
            if too_large or routes is None
            else ran_out_words(
                bound.ways, req.location, bound.window, routes, multi_trip=bound.multi_trip
            )
        )
        # what limits, said first: ``too_large`` is too few trips (a tester read it of a
        # 58 t delivery as "the load is too big"), the others trucks gone to other loads
        if too_large:
            said = f"too few trips: {bound.said(f'fewer than the {parts:,} it needs')}"
        elif ran:
            said = f"{ran} (for it alone there would be room: {bound.why})"
        else:
            said = (
                f"the trucks that can carry one went to other loads (for it alone there "
                f"would be room: {bound.why})"
            )
        detail = f"{sum(c.loads for c in lost):,} of {parts:,} truck-loads not routed: {said}"
        if again is not None:
            able = [t for t in again if t.fleet_group in lost[0].allowed]
            trips = {(t.truck, x.trip) for t in able for x in t.stops}
            mine = len({(t.truck, x.trip) for t in able for x in t.stops if _of(x, req)})
            detail += (
                f"; its loads, packed most urgent first after the fewest truck-loads "
                f"(commodities mixed) left some out, had {mine} of the trips those trucks "
                f"made, other units' loads {len(trips) - mine}"
            )
        if before is not None and r in before:
            detail += f" (after {before[r]})"
        out.append(
            Unserved(
                unit=req.unit,
                location=req.location,
                load_t=load,
                reason=UnservedReason.TOO_LARGE if too_large else UnservedReason.NOT_ENOUGH_TRUCKS,
                detail=detail,
            )
        )
    return out


def _of(stop: Stop, req: DeliveryRequest) -> bool:
    """Whether ``stop`` delivers to the unit and place of ``req``."""
    return stop.unit == req.unit and stop.location == req.location


def leftovers(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    left: Sequence[Chunk],
    bounds: Mapping[int, LoadBound],
) -> tuple[list[DeliveryRequest], list[int], list[str]]:
    """What the router left of each request, as requests of their own, in request order.

    Returns the parts left (their volume in proportion), the index of the request each
    came from, and what the first round said of it (for the second round's reasons).
    """
    lost: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    counts: dict[int, int] = defaultdict(int)
    parts_of: dict[int, int] = {}  # each request's loads in all, as its first load left says
    for c in left:
        counts[c.request] += c.loads
        parts_of.setdefault(c.request, c.parts)
        for com, t in c.load_t.items():
            lost[c.request][com] += t
    order = sorted(lost)
    parts = [part_of(scenario, requests[r], dict(lost[r])) for r in order]
    said = [
        f"{counts[r]:,} of {parts_of[r]:,} truck-loads found no truck: {bounds[r].why}"
        for r in order
    ]
    return parts, order, said


def idle_groups(groups: Sequence[FleetGroup], routes: Sequence[TruckRoute]) -> list[FleetGroup]:
    """The fleet groups with trucks the routes leave unused, each counting those only."""
    used: dict[str, int] = defaultdict(int)
    for route in routes:
        used[route.fleet_group] += 1
    idle = [replace(g, count=g.count - used[g.id]) for g in groups]
    return [g for g in idle if g.count > 0]
