"""Truck-loads: a day's requests split to fit the trucks, and why loads were left out.

A request larger than a truck is split into the fewest truck-loads, equal to the
kilogram, that fit every truck type able to reach the unit whose payload is at least half
the largest one's (so a mixed fleet shares the work, and small vehicles do not shrink the
loads). Loads the router leaves out are ``not_enough_trucks`` (or ``too_large``, when
even every truck that can carry one, turning all day, could not carry them all): counted
over the trucks that can carry such a load only, so that a tester's three 1 t pick-ups,
idle beside 4.962 t loads, were not counted among the trucks that could take them.

What no truck was left for may get a second chance on the trucks the router left idle
(:func:`leftovers`, :func:`idle_groups`): split again to fit them, smaller trucks
included, as :func:`~supplyline.routing.convoy.route_day` does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.rounding import apportion
from supplyline.domain.routes import TruckRoute, Unserved, UnservedReason
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import RoadMatrix
from supplyline.routing.site_stock import part_of
from supplyline.routing.translate import Chunk
from supplyline.routing.truck_fit import fit, not_reached, whole
from supplyline.types import LocationId

__all__ = [
    "LoadBound",
    "idle_groups",
    "left_out",
    "leftovers",
    "n_loads",
    "plan_chunks",
    "split_kg",
]


@dataclass(frozen=True, slots=True)
class LoadBound:
    """The most trips a day the trucks able to carry a request's loads can make, said."""

    most: int
    why: str


def n_loads(req: DeliveryRequest, g: FleetGroup) -> int:
    """The fewest equal loads of ``req`` that fit a truck of ``g`` (weight and volume)."""
    kg = round(req.tonnes * 1000)
    n = math.ceil(kg / max(1, math.floor(g.payload_t * 1000)))
    if g.volume_m3 is not None and req.volume_m3 > 0:
        n = max(n, math.ceil(round(req.volume_m3 * 1000) / math.floor(g.volume_m3 * 1000)))
    return max(1, n)


def split_kg(load_t: Mapping[str, float], n: int) -> list[dict[str, int]]:
    """``load_t`` in ``n`` loads of whole kilograms: totals within 1 kg, each commodity even.

    The load's kilograms are its total rounded, shared between its commodities by largest
    remainders; each commodity's kilograms go ``k`` or ``k + 1`` to every load, the extra
    ones dealt round the loads in turn (one commodity after another), so the loads' totals
    differ by at most a kilogram and the first ones carry the extra. Rounding each
    commodity's share apart (before) could put a load a kilogram above the payload: ten
    loads of 80 t for an 8 t truck were 8.001 and 7.999 t.

    >>> split_kg({"food": 1.667, "water": 78.333}, 10)[0], split_kg({"food": 1.667}, 2)
    ({'food': 167, 'water': 7833}, [{'food': 834}, {'food': 833}])
    """
    names = sorted(load_t)
    exact = [load_t[c] * 1000 for c in names]
    kg = apportion(max(0, round(sum(exact))), exact)
    even = {c: k // n for c, k in zip(names, kg, strict=True)}
    loads = [dict(even) for _ in range(n)]
    turn = 0
    for c, k in zip(names, kg, strict=True):
        for _ in range(k % n):
            loads[turn % n][c] += 1
            turn += 1
    return loads


def _shares(
    req: DeliveryRequest, n: int, scenario: Scenario, sizing: Sequence[FleetGroup]
) -> tuple[list[dict[str, int]], list[float]]:
    """The request in ``n`` or more whole-kilogram loads, and each load's own volume.

    A kilogram more of a bulky commodity in one load (the split evens the weights) can
    take it over the volume of the trucks that sized the loads: a tester's vans of
    0.978 m³ got 1.001 m³ (1 kg of shelter at 50 m³/t on a full share of water), and
    each load was said to be the average. One more load then, until every load fits.
    """
    density = _densities(req, scenario)
    room = min((g.volume_m3 for g in sizing if g.volume_m3 is not None), default=None)
    for count in range(n, 2 * n + len(req.load_t) + 2):
        shares = split_kg(req.load_t, count)
        volumes = [sum(kg / 1000 * density.get(c, 0.0) for c, kg in x.items()) for x in shares]
        if room is None or max(volumes) <= room + 1e-9:
            break
    return shares, volumes


def _densities(req: DeliveryRequest, scenario: Scenario) -> dict[str, float]:
    """m³ per tonne of each of the request's commodities, as its volume was counted.

    From the scenario's commodities; a request whose volume was given otherwise (a
    script's) spreads it over its tonnes evenly.
    """
    known = scenario.commodity_by_id
    density = {c: (known[c].volume_m3_per_t or 0.0) if c in known else 0.0 for c in req.load_t}
    counted = sum(t * density[c] for c, t in req.load_t.items())
    if abs(counted - req.volume_m3) <= 1e-9 * max(1.0, req.volume_m3):
        return density
    even = req.volume_m3 / req.tonnes if req.tonnes > 0 else 0.0
    return dict.fromkeys(req.load_t, even)


def _carries(g: FleetGroup, req: DeliveryRequest, n: int, most_m3: float) -> bool:
    """Whether a truck of ``g`` carries each of ``n`` loads of ``req``, at most ``most_m3``."""
    if math.ceil(round(req.tonnes * 1000) / n) > math.floor(g.payload_t * 1000 + 1e-6):
        return False
    return g.volume_m3 is None or most_m3 <= g.volume_m3 + 1e-9


def _trucks(n: int, of: str = "") -> str:
    """``1 truck that reaches``, ``3 trucks of depot D that reach``."""
    return f"{n} truck{of} that reaches" if n == 1 else f"{n} trucks{of} that reach"


def _turns(g: FleetGroup, round_trip_h: float, window_h: float, multi_trip: bool) -> int:
    """Trips a truck of ``g`` can bring to a unit in a day: by its hours and the window.

    Service starts inside the receiving window, and a truck is back for its next load a
    round trip later: within a window of ``w`` hours it arrives at most ``w // rt + 1``
    times (a tester's unit open 0-0.5 h was told of 10 trips a truck by hours alone).
    """
    if not multi_trip:
        return 1
    rt = max(round_trip_h, 1e-9)
    by_hours = max(1, math.floor(g.max_route_hours / rt))
    by_window = math.floor(max(0.0, window_h) / rt + 1e-9) + 1
    return min(by_hours, by_window)


def _load_sizes(req: DeliveryRequest, n: int) -> str:
    """``8.000 t`` or ``8.209 and 8.208 t``: the loads' sizes to the kilogram."""
    kg = round(req.tonnes * 1000)
    low, high = kg // n, -(-kg // n)
    return f"{high / 1000:.3f} t" if low == high else f"{high / 1000:.3f} and {low / 1000:.3f} t"


def plan_chunks(
    requests: Sequence[DeliveryRequest],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    *,
    multi_trip: bool,
    day: int,
    pinned: Sequence[LocationId | None],
) -> tuple[list[Chunk], list[Unserved], dict[int, LoadBound]]:
    """Split requests into truck-loads; rule out the ones no truck type can serve.

    A request ``pinned`` to a depot goes on that depot's trucks only (it holds the goods).
    Each load may go on any truck type that reaches the unit and can carry it; the bound
    of a request counts the trips of those trucks only, and names the smaller trucks that
    reach the unit but cannot carry a load.
    """
    service_h = scenario.routing.service_minutes / 60
    chunks: list[Chunk] = []
    unserved: list[Unserved] = []
    bounds: dict[int, LoadBound] = {}
    for r, req in enumerate(requests):
        if not groups:
            unserved.append(whole(req, UnservedReason.NO_TRUCK_REACHES, "no trucks in fleet.csv"))
            continue
        fits = {g.id: fit(req, g, km, service_h, scenario, day) for g in groups}
        reach = [g for g in groups if fits[g.id].ok and pinned[r] in (None, g.depot)]
        if not reach:  # why: said of the trucks it may go on (its depot's, when pinned)
            mine = [fits[g.id] for g in groups if pinned[r] in (None, g.depot)]
            unserved.append(not_reached(req, mine or list(fits.values())))
            continue
        # Loads that fit every truck type at least half the size of the largest one, so
        # that a mixed fleet can share the work (tiny vehicles do not shrink the loads).
        big = max(g.payload_t for g in reach)
        sizing = [g for g in reach if g.payload_t >= 0.5 * big]
        n = max(n_loads(req, g) for g in sizing)
        shares, volumes = _shares(req, n, scenario, sizing)
        n = len(shares)
        able = [g for g in reach if _carries(g, req, n, max(volumes))]
        small = [g for g in reach if g not in able]
        unit = scenario.unit(req.unit)
        window_h = unit.receive_close_h - unit.receive_open_h
        turns = {g.id: _turns(g, fits[g.id].round_trip_h, window_h, multi_trip) for g in able}
        by_hours = {g.id: _turns(g, fits[g.id].round_trip_h, 24.0, multi_trip) for g in able}
        most = sum(g.count * turns[g.id] for g in able)
        window = (
            f" within its receiving window {unit.receive_open_h:g}-{unit.receive_close_h:g} h"
            if any(turns[k] < by_hours[k] for k in turns)
            else ""
        )
        of = "" if pinned[r] is None else f" of depot {pinned[r]}"
        why = (
            f"{req.tonnes:.3f} t needs {n} truck-load{'s' if n > 1 else ''} of "
            f"{_load_sizes(req, n)}; the "
            f"{_trucks(sum(g.count for g in able), of)} it and can carry one "
            f"({', '.join(g.id for g in able)}) can make at most {most} "
            f"trip{'s' if most != 1 else ''} a day{window}"
        )
        if small:
            why += (
                f"; {_trucks(sum(g.count for g in small), of)} it cannot carry "
                f"one ({', '.join(f'{g.id} {g.payload_t:g} t' for g in small)})"
            )
        bounds[r] = LoadBound(most, why)
        chunks += [
            Chunk(request=r, part=k, parts=n, unit=req.unit, location=req.location,
                  load_t={c: t / 1000 for c, t in share.items()}, volume_m3=volume,
                  allowed=frozenset(g.id for g in able))
            for k, (share, volume) in enumerate(zip(shares, volumes, strict=True))
        ]  # fmt: skip
    return chunks, unserved, bounds


def left_out(
    requests: Sequence[DeliveryRequest],
    left: Sequence[Chunk],
    bounds: Mapping[int, LoadBound],
    before: Mapping[int, str] | None = None,
) -> list[Unserved]:
    """The truck-loads the router left out, per request: too large, or not enough trucks.

    ``before`` says, per request, what an earlier round left of it (the second round on
    idle trucks: ``after …``).
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
        detail = f"{len(lost)} of {lost[0].parts} truck-loads not routed: {bound.why}"
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
    for c in left:
        counts[c.request] += 1
        for com, t in c.load_t.items():
            lost[c.request][com] += t
    order = sorted(lost)
    parts = [part_of(scenario, requests[r], dict(lost[r])) for r in order]
    said = [
        f"{counts[r]} of {next(c.parts for c in left if c.request == r)} truck-loads found "
        f"no truck: {bounds[r].why}"
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
