"""A road's daily capacity shared by the units behind it: who fits, and who does not.

The reach check judged each unit's roads alone (:func:`~supplyline.routing.road_load.
road_bound`): two units behind one road of 20 t/day, each needing 15 t/day, both read
ok, though the road carries 20 t a day for the two, and ``routes`` takes loads off it
(``road_full``). Here the units' daily tonnes are added up on the roads, as the depot's
truck-hours are shared (:mod:`~supplyline.routing.truck_hours`): the units are taken in
order of their tonnes, fewest first (those flagged already last), and a unit is flagged
only when, added to those taken, the roads can no longer carry them all — a maximum flow
from their depots to their places over the roads driven on some day of the horizon, each
way bounded by its ``capacity_t_per_day`` (parallel roads and detours add up). The unit
named is the one whose tonnes do not fit; the words name the roads of the minimum cut
and the units behind it sharing them.

That flow lets any depot feed any unit (one source for them all); where it fits and more
than one depot is involved, each depot's goods must also reach its own units
(:mod:`~supplyline.routing.depot_flow`), as ``routes`` loads a truck at its own depot —
unless every depot involved holds every commodity the units involved need: then any
depot's truck may serve any of them, and the single flow is the answer (a tester's two
depots of water, each unit fed over the other depot's road, were flagged as a swap that
``routes --from-demand`` made without harm).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from supplyline.domain import Link, Mode, Scenario
from supplyline.routing.depot_flow import OwnFlow, own_depot_flow
from supplyline.routing.roads import drives, road_name
from supplyline.types import CommodityId, LocationId, UnitId, figure_text

__all__ = ["RoadNeed", "driven", "rate_text", "shared_road_misfits"]


def driven(link: Link, horizon_days: int, day: int | None) -> bool:
    """Whether trucks drive the road ``link`` on ``day``, or on some day of the horizon."""
    if link.mode is not Mode.ROAD:
        return False
    if day is not None:
        return drives(link, day)
    return any(drives(link, d) for d in range(horizon_days))


def rate_text(t_per_day: float) -> str:
    """Tonnes a day as reach says them: to 0.1 t, and a road under 50 kg a day as it is.

    A tester's road of 0.001 t/day read "carries at most 0.0 t/day there (… 0.001 t/day)".
    """
    return f"{t_per_day:.1f}" if t_per_day == 0 or t_per_day >= 0.05 else figure_text(t_per_day)


@dataclass(frozen=True, slots=True)
class RoadNeed:
    """A unit's daily tonnes, driven loaded from its depot to its place."""

    unit: UnitId
    depot: LocationId
    place: LocationId
    tonnes: float
    goods: frozenset[CommodityId] = frozenset()
    """The commodities of its tonnes (empty: not known, so only its own depot serves it)."""
    held: frozenset[CommodityId] = frozenset()
    """The commodities its depot holds."""

    @property
    def kg(self) -> int:
        """Its tonnes in whole kilograms, rounded up (as a road's capacity is down)."""
        return math.ceil(self.tonnes * 1000 - 1e-6)


class _Roads:
    """The roads driven on ``day`` (on some day of the horizon), as arcs in kilograms a day.

    ``closed`` are the roads driven on other days but not on ``day``, for the words.
    """

    def __init__(self, scenario: Scenario, day: int | None = None) -> None:
        ids = [loc.id for loc in scenario.locations]
        self.pos = {x: i for i, x in enumerate(ids)}
        self.n = len(ids)
        rows: list[int] = []
        cols: list[int] = []
        caps: list[float] = []
        self.links: dict[tuple[int, int], list[Link]] = defaultdict(list)
        self.closed: dict[tuple[int, int], list[Link]] = defaultdict(list)
        for link in scenario.links:
            if not driven(link, scenario.horizon_days, day):
                if day is not None and driven(link, scenario.horizon_days, None):
                    for a, b in link.directions():
                        self.closed[(self.pos[a], self.pos[b])].append(link)
                continue
            cap = link.capacity_t_per_day
            kg = math.inf if cap is None else math.floor(cap * 1000 + 1e-6)
            for a, b in link.directions():
                rows.append(self.pos[a])
                cols.append(self.pos[b])
                caps.append(kg)
                self.links[(self.pos[a], self.pos[b])].append(link)
        self.rows, self.cols, self.caps = rows, cols, caps
        self.least = min(caps, default=math.inf)
        self._graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n, self.n))
        self._from: dict[int, set[int]] = {}

    def joins(self, depot: LocationId, place: LocationId) -> bool:
        """Whether a road leads from ``depot`` to ``place`` (else its trucks drive estimates)."""
        i = self.pos[depot]
        if i not in self._from:
            seen = breadth_first_order(self._graph, i, directed=True, return_predecessors=False)
            self._from[i] = {int(k) for k in seen}
        return self.pos[place] in self._from[i]

    def flow(self, needs: Sequence[RoadNeed]) -> tuple[bool, set[int] | OwnFlow]:
        """Whether the roads carry ``needs`` together, and why not: a least cut's source side.

        A super-source feeds each depot what its units need, each place feeds a
        super-sink what its units need; an unlimited road carries all of it. Where that
        fits and more than one depot is involved, each depot's goods must also reach its
        own units (:func:`~supplyline.routing.depot_flow.own_depot_flow`): where they do
        not, its answer is why. Not where every depot involved holds every commodity the
        units need (:func:`_any_depot_serves`): then the single flow's fit is a fit.
        """
        ok, side = self._one_flow(needs)
        if not ok or len({x.depot for x in needs}) < 2 or _any_depot_serves(needs):
            return ok, side
        arcs = list(zip(self.rows, self.cols, self.caps, strict=True))
        own = own_depot_flow(
            self.n, arcs, [(self.pos[x.depot], self.pos[x.place], x.kg) for x in needs]
        )
        return (True, side) if own.fits else (False, own)

    def _one_flow(self, needs: Sequence[RoadNeed]) -> tuple[bool, set[int]]:
        """The single flow from any depot: whether it carries ``needs``, and its cut."""
        total = sum(x.kg for x in needs)
        src, sink = self.n, self.n + 1
        supply: dict[int, int] = defaultdict(int)
        demand: dict[int, int] = defaultdict(int)
        for x in needs:
            supply[self.pos[x.depot]] += x.kg
            demand[self.pos[x.place]] += x.kg
        rows = [*self.rows, *(src for _ in supply), *demand]
        cols = [*self.cols, *supply, *(sink for _ in demand)]
        caps = [min(c, total) for c in self.caps] + [*supply.values(), *demand.values()]
        graph = csr_matrix(
            (np.array(caps, dtype=np.int64), (rows, cols)), shape=(self.n + 2, self.n + 2)
        )
        graph.sum_duplicates()
        result = maximum_flow(graph, src, sink)
        if result.flow_value >= total:
            return True, set()
        residual = (graph - result.flow).tocsr()
        residual.data = np.where(residual.data > 0, residual.data, 0)
        residual.eliminate_zeros()
        seen = breadth_first_order(residual, src, directed=True, return_predecessors=False)
        return False, {int(i) for i in seen}

    def said(
        self, unit: RoadNeed, needs: Sequence[RoadNeed], side: set[int] | OwnFlow, when: str
    ) -> str:
        """Why ``unit`` does not fit beside the others of ``needs``: the cut and who shares it.

        The units behind the cut (depot on its source side, place beyond) must all cross
        its roads, and need more than they carry; ``when`` names the days judged, if not
        all, and the roads closed across the cut then are named.
        """
        if isinstance(side, OwnFlow):
            return _own_words(self, unit, needs, side, when)
        cut = _across(self.links, side)
        shut = _across(self.closed, side)
        behind = [
            x
            for x in needs
            if self.pos[x.depot] in side and self.pos[x.place] not in side and x.unit != unit.unit
        ]
        limit = sum(x.capacity_t_per_day or 0.0 for x in cut)
        roads = ", ".join(
            f"{road_name(x)} (link {x.id}: {x.capacity_t_per_day:g} t/day)" for x in cut
        )
        on = f"on {when} " if when else ""
        if shut:
            roads += "; closed then: " + ", ".join(f"{road_name(x)} (link {x.id})" for x in shut)
        said = (
            f"needs {unit.tonnes:.1f} t/day; {on}the roads from {unit.depot} carry at most "
            f"{rate_text(limit)} t/day there ({roads})"
        )
        if not behind:  # below a kilogram a day the road carries nothing here, alone
            return said
        others = ", ".join(f"{x.unit} ({x.tonnes:.1f} t/day)" for x in behind)
        total = unit.tonnes + sum(x.tonnes for x in behind)
        return f"{said}, shared with {others}: {total:.1f} t/day in all"


def _own_words(
    roads: _Roads, unit: RoadNeed, needs: Sequence[RoadNeed], own: OwnFlow, when: str
) -> str:
    """Why ``unit`` does not fit where any depot's goods would: each depot feeds its own.

    Names the roads the depots' own flows fill and the units of the depots crossing them.
    """
    full = list(
        {
            link.id: link for e in own.full for link in roads.links[(roads.rows[e], roads.cols[e])]
        }.values()
    )
    named = ", ".join(f"{road_name(x)} (link {x.id}: {x.capacity_t_per_day:g} t/day)" for x in full)
    rest = [x for x in needs if x.unit != unit.unit]
    # the units of depots whose goods fill a road (the solver's split), else all the others
    behind = [x for x in rest if roads.pos[x.depot] in own.on_full] or rest
    others = ", ".join(f"{x.unit} ({x.tonnes:.1f} t/day from {x.depot})" for x in behind)
    total = unit.tonnes + sum(x.tonnes for x in behind)
    on = f"on {when} " if when else ""
    return (
        f"needs {unit.tonnes:.1f} t/day from {unit.depot}; {on}the roads carry at most "
        f"{rate_text(own.carried_kg / 1000)} t/day of {rate_text(own.need_kg / 1000)} with "
        f"each depot's goods going to its own units ({named}), shared with {others}: "
        f"{total:.1f} t/day in all (they would fit only if the depots swapped goods)"
    )


def _any_depot_serves(needs: Sequence[RoadNeed]) -> bool:
    """Whether every depot of ``needs`` holds every commodity they need (all of them known).

    Then a unit may take its goods from any of the depots, as ``routes`` lets any depot's
    truck serve it, and the single flow from all depots at once is right. Depots holding
    some of the goods each would need a flow per commodity (docs/routing.md, *Known
    limits*); they are judged by the own-depot flow, on the safe side.
    """
    wanted: frozenset[CommodityId] = frozenset().union(*(x.goods for x in needs))
    return all(x.goods for x in needs) and all(wanted <= x.held for x in needs)


def _across(ways: dict[tuple[int, int], list[Link]], side: set[int]) -> list[Link]:
    """The links of ``ways`` from the ``side`` of a cut to the other, each once."""
    return list(
        {
            link.id: link
            for (a, b), links in sorted(ways.items())
            if a in side and b not in side
            for link in links
        }.values()
    )


def shared_road_misfits(
    scenario: Scenario,
    needs: Sequence[RoadNeed],
    *,
    last: Collection[UnitId] = (),
    day: int | None = None,
    when: str = "",
) -> dict[UnitId, str]:
    """The units whose tonnes the roads cannot carry beside those of the units before them.

    Units are taken fewest tonnes first, those in ``last`` (flagged already) after the
    rest; each misfit maps to why, in words. One maximum flow when all fit (none when
    no road's capacity is below their tonnes together); else a few, halving to the first
    misfit, and one per later unit. ``day`` judges the roads driven that day (of a group
    of days, named ``when`` in the words), not those driven on some day of the horizon.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> shared_road_misfits(s, [RoadNeed("U", "D", "U", 1.0)])
    {}
    """
    live = [x for x in needs if x.kg > 0 and x.depot != x.place]
    if not live:
        return {}
    roads = _Roads(scenario, day)
    # a place no road leads to is reached by an estimate, which has no capacity to share
    live = [x for x in live if roads.joins(x.depot, x.place)]
    if roads.least >= sum(x.kg for x in live) or roads.flow(live)[0]:
        return {}  # every road carries them all at once, or the flow does
    order = sorted(live, key=lambda x: (x.unit in last, x.tonnes, x.unit))
    # the longest prefix that fits, by halving (a prefix that fits stays fitting when cut)
    lo, hi = 0, len(order)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if roads.flow(order[:mid])[0] else (lo, mid)
    taken = list(order[:lo])
    out: dict[UnitId, str] = {}
    for x in order[lo:]:
        ok, side = roads.flow([*taken, x])
        if ok:
            taken.append(x)
        else:
            out[x.unit] = roads.said(x, taken, side, when)
    return out
