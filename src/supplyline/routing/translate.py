"""From the solver's integer routes back to trucks, stops, hours and tonnes.

Times come back in seconds after midnight and distances are recomputed in km from the
road matrix (not from the solver's rounded metres), so the figures a planner reads are
the scenario's own. Two loads of one unit on one trip are one stop with one service
time, as the model times them (:func:`~supplyline.routing.day_model.build_problem`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.routes import Stop, TruckRoute
from supplyline.routing.problem import VrpProblem, VrpSolution
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId, UnitId

__all__ = ["Chunk", "to_routes"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Chunk:
    """One truck-load of a request: ``part`` of the ``parts`` it is split into."""

    request: int
    part: int
    parts: int
    unit: UnitId
    location: LocationId
    load_t: Mapping[CommodityId, float]
    volume_m3: float
    volume_known: bool
    """Whether some commodity in it has a volume (else ``volume_m3`` is 0 for unknown)."""
    priority: int
    """The most urgent priority among what it carries (1 is the most important)."""
    weighted_t: float
    """Its tonnes, each weighted by its commodity's urgency ``11 - priority``: what its
    prize counts, so that a load with a little water on general goods is not worth as
    much as a load of water."""
    allowed: frozenset[str]
    """Fleet groups whose trucks can serve it."""
    mixed: bool = False
    """Whether its request was packed in the fewest loads, commodities mixed, rather than
    most urgent first (:mod:`~supplyline.routing.load_mix`)."""
    volume_m3_per_t: Mapping[CommodityId, float] = field(default_factory=dict)
    """m³ per tonne of each commodity, as ``volume_m3`` was counted
    (:func:`~supplyline.routing.requests.volume_densities`): what a part of the load
    keeps of its volume when a full road takes the rest off. Empty: in proportion to
    its tonnes."""
    carriers: frozenset[str] | None = None
    """The fleet groups that may load what it holds (fleet.csv's ``carries``, its cargo
    class: :mod:`~supplyline.routing.cargo`); None: any. ``allowed`` is within it."""
    loads: int = 1
    """The truck-loads it stands for: one, or (its request's last record) all the loads
    beyond those its trucks can bring in a day, counted, not made one by one
    (:func:`~supplyline.routing.loads.plan_chunks`): never offered to a search, they are
    reported unserved with the rest left out."""
    largest_t: float | None = None
    """The heaviest of the loads it stands for, t (None: it is one load, :attr:`tonnes`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "load_t", FrozenMap(self.load_t))
        object.__setattr__(self, "volume_m3_per_t", FrozenMap(self.volume_m3_per_t))

    @property
    def tonnes(self) -> float:
        """Tonnes in this load."""
        return sum(self.load_t.values())


def _more(volume_m3: float | None, c: Chunk) -> float | None:
    """A stop's volume with load ``c`` added: unknown (None) while neither knows it."""
    if not c.volume_known:
        return volume_m3
    return c.volume_m3 + (volume_m3 or 0.0)


def to_routes(
    problem: VrpProblem,
    solution: VrpSolution,
    chunks: Sequence[Chunk],
    groups: Sequence[FleetGroup],
    km: RoadMatrix,
    scenario: Scenario,
    numbered_after: Mapping[str, int] | None = None,
) -> tuple[list[TruckRoute], list[Chunk]]:
    """Truck routes of a solution, and the chunks it left out.

    Trucks are numbered ``group#1``… in each group, after ``numbered_after[group]`` (the
    trucks an earlier round of the day used).
    """
    d = problem.num_depots
    service_h = scenario.routing.service_minutes / 60
    used: dict[str, int] = defaultdict(int, numbered_after or {})
    out: list[TruckRoute] = []
    for vr in sorted(solution.routes, key=lambda r: (r.vehicle, r.start)):
        g = groups[vr.vehicle]
        used[g.id] += 1
        trip, prev = 1, g.depot
        stops: list[Stop] = []
        path: list[LocationId] = [g.depot]
        total_km = 0.0
        for node, start, arrive in zip(vr.visits, vr.service_start, vr.arrival, strict=True):
            if node < d:  # back at the depot to load again
                total_km += float(km.km[km.index(prev), km.index(g.depot)])
                trip, prev = trip + 1, g.depot
                path.append(g.depot)
                continue
            c = chunks[node - d]
            i, j = km.index(prev), km.index(c.location)
            leg = float(km.km[i, j])
            total_km += leg
            last = stops[-1] if stops else None
            if last is not None and last.unit == c.unit and last.trip == trip:
                # two loads of one unit on one trip: one stop, one set of paperwork, one
                # service (the model times it on the way out: day_model._leaving)
                merged = {k: last.load_t.get(k, 0.0) + c.load_t.get(k, 0.0)
                          for k in {*last.load_t, *c.load_t}}  # fmt: skip
                stops[-1] = replace(last, load_t=merged, volume_m3=_more(last.volume_m3, c))
                continue
            stops.append(
                Stop(
                    unit=c.unit,
                    location=c.location,
                    trip=trip,
                    arrival_h=arrive / 3600,
                    service_start_h=start / 3600,
                    departure_h=start / 3600 + service_h,
                    load_t=c.load_t,
                    volume_m3=c.volume_m3 if c.volume_known else None,
                    distance_from_previous_km=leg,
                    leg_by_road=bool(km.by_road[i, j]),
                )
            )
            path.append(c.location)
            prev = c.location
        total_km += float(km.km[km.index(prev), km.index(g.depot)])
        path.append(g.depot)
        out.append(
            TruckRoute(
                truck=f"{g.id}#{used[g.id]}",
                fleet_group=g.id,
                vehicle_type=g.vehicle_type,
                depot=g.depot,
                start_h=vr.start / 3600,
                end_h=vr.end / 3600,
                distance_km=total_km,
                cost=g.fixed_cost + g.cost_per_km * total_km,
                payload_t=g.payload_t,
                stops=tuple(stops),
                path=tuple(path),
            )
        )
    visited = {v - d for r in solution.routes for v in r.visits if v >= d}
    left = [c for i, c in enumerate(chunks) if i not in visited]
    return out, left
