"""One request in truck-loads for its trucks: the packing chosen, and the loads as records.

Why a module of its own: :mod:`~supplyline.routing.loads` splits a day's requests and
says why loads were left out; how one request is packed (most urgent first, or the
fewest loads mixed where the trucks have room for them all) and made into records grew
past what it could hold once the records were bounded: a tester's unit of 12,009 t for
vans of 0.01 t was 1.2 million records before any search began (``routes --time-limit
2`` took 69 s and 1.6 GB). The loads come in runs (:func:`~supplyline.routing.load_pack.
pack_runs`); a record is made of each load the trucks can bring in a day at most, and one
of the rest, counted (:func:`request_chunks`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain import FleetGroup, Scenario
from supplyline.routing.cargo import carriers
from supplyline.routing.load_mix import LoadNeed, fewest_count, fewest_grams
from supplyline.routing.load_pack import Run, pack_runs, request_grams
from supplyline.routing.requests import DeliveryRequest, volume_densities
from supplyline.routing.translate import Chunk
from supplyline.types import CommodityId

__all__ = [
    "Packed",
    "carries",
    "load_priorities",
    "most_loads",
    "pack_request",
    "payload_g",
    "per_trip",
    "request_chunks",
]


def load_priorities(scenario: Scenario, req: DeliveryRequest) -> dict[CommodityId, int]:
    """The priority each of the request's commodities loads by (1 first, 9 last).

    The scenario's, when the request's priority is its commodities' own (as
    :func:`~supplyline.routing.requests.request_for` makes it); a priority a script set,
    or commodities the scenario does not know, count for every commodity alike (as
    :func:`~supplyline.routing.site_stock.part_of` keeps them).
    """
    coms = scenario.commodity_by_id
    if any(c not in coms for c in req.load_t) or req.priority != min(
        (coms[c].priority for c in req.load_t), default=req.priority
    ):
        return dict.fromkeys(req.load_t, req.priority)
    return {c: coms[c].priority for c in req.load_t}


@dataclass(frozen=True, slots=True)
class Packed:
    """A request in loads for its trucks (:func:`pack_request`)."""

    runs: list[Run]
    """Its loads, in grams, each with how many times it comes in a row."""
    volumes: list[float]
    """Each run's load's volume, m³: its own contents' (a tester's vans of 0.978 m³ were
    once given the delivery's average, and 1.001 m³)."""
    priority: dict[CommodityId, int]
    mixed: bool
    """Whether the loads are the fewest, commodities mixed."""
    unmixable: LoadNeed | None = None
    """The fewest loads, mixed, where they were not packed for being more than every
    truck that reaches the unit could bring (room for all of them is then ruled out)."""

    @property
    def count(self) -> int:
        """How many loads in all."""
        return sum(times for _, times in self.runs)


def pack_request(
    req: DeliveryRequest,
    scenario: Scenario,
    sizing: Sequence[FleetGroup],
    *,
    mix: bool,
    trips_for: Callable[[int, float], int],
) -> Packed:
    """The request in loads (grams) for the ``sizing`` trucks, and each load's volume.

    Full loads for the smallest payload and volume among them, most urgent commodity
    first (:func:`~supplyline.routing.load_pack.pack_runs`); with ``mix``, the fewest
    loads mixing its commodities instead where they are fewer
    (:func:`~supplyline.routing.load_mix.fewest_grams`). Those are made only where
    ``trips_for`` (the most loads of their grams and m³ its trucks could bring in a day,
    at most) leaves room for them all: mixed loads are kept only then
    (:func:`~supplyline.routing.load_mix.room_for_all`), and making a tester's 1.2
    million, one by one, took most of a minute.
    """
    density = volume_densities(scenario, req)
    most_g = min(payload_g(g) for g in sizing)
    most_l = min((math.floor(g.volume_m3 * 1000) for g in sizing if g.volume_m3), default=None)
    priority = load_priorities(scenario, req)
    order = sorted(req.load_t, key=lambda c: (priority[c], c))
    runs = pack_runs(req.load_t, order, most_g, most_l, density)
    count = sum(times for _, times in runs)
    grams = request_grams(req.load_t)
    if mix and not any(grams.values()):  # under half a gram: the fewest loads are none
        return Packed([], [], priority, mixed=True)
    few = fewest_count(grams, most_g, most_l, density) if mix else None
    unmixable = None
    if few is not None and few < count:  # mixed where fewer (no packing has fewer than few)
        litres = sum(g * density.get(c, 0.0) for c, g in grams.items()) / 1000
        # the heaviest of them at least their mean: no more of them a trip than of that
        most = trips_for(-(-sum(grams.values()) // few), litres / 1000 / few)
        fewest = fewest_grams(grams, most_g, most_l, density) if few <= most else None
        if few > most:  # at least one of them stays: room_for_all would say no
            unmixable = LoadNeed(few, most, 0.0)
        elif fewest is not None and len(fewest) < count:
            mixed = [(load, 1) for load in fewest]
            return Packed(mixed, [_volume(x, density) for x, _ in mixed], priority, mixed=True)
    volumes = [_volume(load, density) for load, _ in runs]
    return Packed(runs, volumes, priority, mixed=False, unmixable=unmixable)


def most_loads(
    reach: Sequence[FleetGroup], turns: Mapping[str, int], each_g: int, each_m3: float
) -> int:
    """The most loads of ``each_g`` grams and ``each_m3`` the ``reach`` trucks bring a day.

    Each truck type's trucks × the trips one makes to the unit (``turns``) × the loads a
    trip holds (:func:`per_trip`).
    """
    return sum(g.count * turns[g.id] * per_trip(g, each_g, each_m3) for g in reach)


def request_chunks(
    r: int,
    req: DeliveryRequest,
    packed: Packed,
    scenario: Scenario,
    *,
    allowed: frozenset[str],
    made: int,
) -> list[Chunk]:
    """Request ``r``'s loads as records: its first ``made`` loads each, the rest in one.

    ``made`` is at least the loads its trucks can bring in a day: a search is never
    offered more (:func:`~supplyline.routing.trip_cap.within_trips`), so the rest need
    no record each. A tester's 12,009 t for vans of 0.01 t were 1.2 million records; the
    rest is one, :attr:`~supplyline.routing.translate.Chunk.loads` counting them, and
    is reported with the loads left out, in their words.
    """
    density = volume_densities(scenario, req)
    cargo = carriers(scenario, req.load_t)
    n = packed.count

    def chunk(
        part: int, grams: Mapping[str, int], volume: float, loads: int = 1, heaviest: int = 0
    ) -> Chunk:
        return Chunk(
            request=r, part=part, parts=n, unit=req.unit, location=req.location,
            load_t={c: t / 10**6 for c, t in grams.items()}, volume_m3=volume,
            volume_known=any(density[c] > 0 for c in grams),
            priority=min(packed.priority[c] for c in grams),
            weighted_t=sum((11 - packed.priority[c]) * t for c, t in grams.items()) / 10**6,
            allowed=allowed, mixed=packed.mixed,
            volume_m3_per_t={c: density[c] for c in grams}, carriers=cargo,
            loads=loads, largest_t=heaviest / 10**6 if loads > 1 else None,
        )  # fmt: skip

    out: list[Chunk] = []
    rest: dict[str, int] = defaultdict(int)
    rest_m3, rest_n, rest_heaviest = 0.0, 0, 0
    for (load, times), volume in zip(packed.runs, packed.volumes, strict=True):
        each = min(times, max(0, made - len(out)))
        out += [chunk(len(out), load, volume) for _ in range(each)]
        if times > each:
            for c, g in load.items():
                rest[c] += g * (times - each)
            rest_m3 += volume * (times - each)
            rest_n += times - each
            rest_heaviest = max(rest_heaviest, sum(load.values()))
    if rest_n:
        out.append(chunk(len(out), rest, rest_m3, rest_n, rest_heaviest))
    return out


def _volume(load: Mapping[str, int], density: Mapping[str, float]) -> float:
    """The m³ of a load of grams, at ``density`` m³ a tonne."""
    return sum(g / 10**6 * density.get(c, 0.0) for c, g in load.items())


def payload_g(g: FleetGroup) -> int:
    """The payload of a truck of ``g`` in grams: its whole kilograms, as the router counts."""
    return math.floor(g.payload_t * 1000 + 1e-6) * 1000


def carries(g: FleetGroup, most_g: int, most_m3: float) -> bool:
    """Whether a truck of ``g`` carries a load of ``most_g`` grams and ``most_m3``."""
    if most_g > payload_g(g):
        return False
    return g.volume_m3 is None or most_m3 <= g.volume_m3 + 1e-9


def per_trip(g: FleetGroup, most_g: int, most_m3: float) -> int:
    """How many of a request's loads a truck of ``g`` carries on one trip.

    Loads of at most ``most_g`` grams and ``most_m3``: a 20 t truck carries two sized for
    a 10 t one beside it, as one stop served once (:mod:`~supplyline.routing.day_model`).
    The trips a day bound the loads only so counted: 30 t for a 10 t and a 20 t truck of
    one trip each are three loads of 10 t, and two trips bring them all.
    """
    k = payload_g(g) // most_g if most_g > 0 else 1
    if g.volume_m3 is not None and most_m3 > 0:
        k = min(k, math.floor(g.volume_m3 / most_m3 + 1e-9))
    return max(1, k)
