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

That flow lets any depot feed any unit any good (one source for them all): where it says
the tonnes do not fit, they do not. Where it fits and more than one depot is involved,
each commodity must also come from the depots that hold it and whose trucks may serve the
unit (:func:`_parts`; a flow per set of such depots, :mod:`~supplyline.routing.
depot_flow`), unless every commodity may come from every depot involved: then the single
flow is the answer (a tester's two depots of water, each unit fed over the other depot's
road, were flagged as a swap that ``routes --from-demand`` made without harm; depots each
holding some of the goods were held to feeding their own units, on the safe side).
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from supplyline.domain import Link, Mode, Scenario
from supplyline.routing.depot_flow import GoodsFlow, GoodsGroup, goods_flow
from supplyline.routing.roads import drives, road_name
from supplyline.types import CommodityId, LocationId, UnitId, figure_text

__all__ = [
    "DayArcs",
    "RoadNeed",
    "Send",
    "driven",
    "rate_text",
    "sends_text",
    "shared_road_misfits",
]


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
class Send:
    """Some of a unit's tonnes a day, of ``goods``, that any of ``depots`` may send."""

    goods: tuple[CommodityId, ...]
    """The commodities (empty: not known)."""
    depots: frozenset[LocationId]
    tonnes: float


def sends_text(sends: Sequence[Send]) -> str:
    """``10.0 t/day of water from DA, 5.0 t/day of rations from DB`` (depots by what they send).

    A tester's "needs 15.0 t/day from DB" named the depot of 5 t of rations only; the water
    came from DA.

    >>> sends_text([Send(("water",), frozenset({"DA", "DC"}), 10.0)])
    '10.0 t/day of water from DA or DC'
    """
    return ", ".join(
        f"{rate_text(x.tonnes)} t/day of {', '.join(x.goods) if x.goods else 'its goods'} "
        f"from {' or '.join(sorted(x.depots))}"
        for x in sends
    )


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
    by_goods: Mapping[CommodityId, float] = field(default_factory=dict)
    """Its tonnes a day by commodity, as shares of ``tonnes`` (empty: not known)."""
    serving: frozenset[LocationId] = frozenset()
    """The depots whose trucks may serve it (empty: any of those of the units judged)."""
    sends: tuple[Send, ...] = ()
    """Its tonnes split by the depots that hold them and may serve it, for its roads alone
    (empty: all from ``depot``)."""

    @property
    def kg(self) -> int:
        """Its tonnes in whole kilograms, rounded up (as a road's capacity is down)."""
        return math.ceil(self.tonnes * 1000 - 1e-6)


class DayArcs:
    """The roads driven on ``day`` (on some day of the horizon when None), as arcs.

    Capacities in whole kilograms a day; ``links`` are each arc's roads, ``closed`` the
    roads driven on other days but not on ``day``, for the words. The shared check here
    and one unit's bound (:class:`~supplyline.routing.road_days.DayRoads`) build on the
    same arcs.
    """

    def __init__(self, scenario: Scenario, day: int | None = None) -> None:
        self.pos = {loc.id: i for i, loc in enumerate(scenario.locations)}
        self.n = len(self.pos)
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.caps: list[float] = []
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
                self.rows.append(self.pos[a])
                self.cols.append(self.pos[b])
                self.caps.append(kg)
                self.links[(self.pos[a], self.pos[b])].append(link)

    def across(
        self, side: Collection[int], toward: int | None = None
    ) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
        """The roads from ``side`` of a cut to the other, each once: driven, then closed.

        A closed road is named only where its far end leads on to ``toward`` (the unit's
        place) without coming back to ``side``, by any road open or closed: a re-checker's
        unit read a closed road to a dead-end camp among those "closed then" on its way.
        """

        def each_once(
            ways: Mapping[tuple[int, int], list[Link]], keep: Collection[int] | None
        ) -> tuple[Link, ...]:
            return tuple(
                {
                    link.id: link
                    for (a, b), links in sorted(ways.items())
                    if a in side and b not in side and (keep is None or b in keep)
                    for link in links
                }.values()
            )

        leading = None if toward is None else self._leading_to(toward, side)
        return each_once(self.links, None), each_once(self.closed, leading)

    def _leading_to(self, place: int, avoid: Collection[int]) -> set[int]:
        """Where some road, open or closed, leads on to ``place``, not through ``avoid``."""
        back: dict[int, set[int]] = defaultdict(set)
        for a, b in [*self.links, *self.closed]:
            if a not in avoid:
                back[b].add(a)
        seen, todo = {place}, [place]
        while todo:
            for a in back[todo.pop()] - seen:
                seen.add(a)
                todo.append(a)
        return seen


class _Roads(DayArcs):
    """The day's arcs with what the shared check asks of them: which places join."""

    def __init__(self, scenario: Scenario, day: int | None = None) -> None:
        super().__init__(scenario, day)
        rows, cols, caps = self.rows, self.cols, self.caps
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

    def flow(self, needs: Sequence[RoadNeed]) -> tuple[bool, set[int] | _GoodsMisfit]:
        """Whether the roads carry ``needs`` together, and why not: a least cut's source side.

        A super-source feeds every depot, each place feeds a super-sink what its units
        need; an unlimited road carries all of it. Where that fits, the goods may still
        not: each comes only from the depots that hold it (:func:`_parts`), so where
        some good may not come from every depot involved, a flow per set of depots
        (:func:`~supplyline.routing.depot_flow.goods_flow`) says, and where it does not
        fit, why. The last of ``needs`` is the unit being added: its goods are the ones
        left short where the solver may choose.
        """
        # a good whose depots no road open then joins to the place is not the roads' to
        # carry (a tester's relief sites were flagged, naming no road, for shelter held
        # only behind a closed road): its sources are those joined, and without any, left out
        parts = [
            dataclasses.replace(p, sources=joined)
            for p in _parts(needs)
            if (joined := frozenset(d for d in p.sources if self.joins(d, p.need.place)))
        ]
        depots = {x.depot for x in needs} | {d for p in parts for d in p.sources}
        ok, side = self._one_flow(needs, depots)
        if not ok or len(depots) < 2:
            return ok, side
        if all(p.sources == depots for p in parts):
            return ok, side  # every good from any depot: the single flow is the answer
        by_src: dict[frozenset[LocationId], list[_Part]] = defaultdict(list)
        for p in parts:
            by_src[p.sources].append(p)
        groups = tuple(tuple(ps) for _, ps in sorted(by_src.items(), key=lambda g: sorted(g[0])))
        last = needs[-1].unit
        flow = goods_flow(
            self.n,
            list(zip(self.rows, self.cols, self.caps, strict=True)),
            [
                GoodsGroup(
                    sources=tuple(sorted(self.pos[d] for d in ps[0].sources)),
                    sinks=tuple((self.pos[p.need.place], p.kg, p.need.unit == last) for p in ps),
                )
                for ps in groups
            ],
        )
        return (True, side) if flow.fits else (False, _GoodsMisfit(flow, groups))

    def _one_flow(
        self, needs: Sequence[RoadNeed], depots: Collection[LocationId]
    ) -> tuple[bool, set[int]]:
        """The single flow from any of ``depots``: whether it carries ``needs``, and its cut.

        ``depots`` are the units' own and those their goods may come from (a tester's
        site was held to food from a depot cut off that day, though the depot beside it
        with trucks held food too, and was flagged with no road named).
        """
        total = sum(x.kg for x in needs)
        src, sink = self.n, self.n + 1
        supply: dict[int, int] = defaultdict(int)
        demand: dict[int, int] = defaultdict(int)
        for d in depots:  # a depot may feed the others' units too (their goods: flow)
            supply[self.pos[d]] = total
        for x in needs:
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
        self, unit: RoadNeed, needs: Sequence[RoadNeed], side: set[int] | _GoodsMisfit, when: str
    ) -> str:
        """Why ``unit`` does not fit beside the others of ``needs``: the cut and who shares it.

        The units behind the cut (depot on its source side, place beyond) must all cross
        its roads, and need more than they carry; ``when`` names the days judged, if not
        all, and the roads closed across the cut then are named.
        """
        if isinstance(side, _GoodsMisfit):
            return _goods_words(self, unit, needs, side, when)
        cut, shut = self.across(side, toward=self.pos[unit.place])
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
        # any depot on the cut's side may feed the unit: name them all (D1's roads were
        # said to be D2's when both fed the places beyond)
        froms = ", ".join(sorted({x.depot for x in [unit, *behind] if self.pos[x.depot] in side}))
        said = (
            f"needs {unit.tonnes:.1f} t/day; {on}the roads from {froms} carry at most "
            f"{rate_text(limit)} t/day there ({roads})"
        )
        if not behind:  # below a kilogram a day the road carries nothing here, alone
            return said
        others = ", ".join(f"{x.unit} ({x.tonnes:.1f} t/day)" for x in behind)
        total = unit.tonnes + sum(x.tonnes for x in behind)
        return f"{said}, shared with {others}: {total:.1f} t/day in all"


def _goods_words(
    roads: _Roads, unit: RoadNeed, needs: Sequence[RoadNeed], misfit: _GoodsMisfit, when: str
) -> str:
    """Why ``unit`` does not fit where any depot's goods would: each good from its depots.

    Names the goods left short (the unit's own where the solver could leave them, else
    the others'), where, the depots that hold them, the roads that stop them (full, out
    of what their depots reach over roads with room), and the units sharing them.
    """
    flow = misfit.flow
    short = [(misfit.groups[g][j], kg) for g, j, kg in flow.short]
    mine = [(part, kg) for part, kg in short if part.need.unit == unit.unit] or short
    arcs = sorted({e for g, _, _ in flow.short for e in flow.cut[g]}) or list(flow.full)
    links = list(
        {
            link.id: link for e in arcs for link in roads.links[(roads.rows[e], roads.cols[e])]
        }.values()
    )
    named = ", ".join(
        f"{road_name(x)} (link {x.id}: {x.capacity_t_per_day:g} t/day)" for x in links
    )
    said = "; ".join(
        f"{part.goods_text()} {rate_text(kg / 1000)} t/day short at {part.need.place} "
        f"(held at {', '.join(sorted(part.sources))})"
        for part, kg in mine
    )
    rest = [x for x in needs if x.unit != unit.unit]
    parts = [p for ps in misfit.groups for p in ps]

    def sent(x: RoadNeed) -> str:
        """What the depots send ``x`` (``DB`` held only the rations of "15.0 t/day from DB")."""
        mine = sorted((p for p in parts if p.need.unit == x.unit), key=lambda p: (-p.kg, p.goods))
        return sends_text([Send(p.goods, p.sources, p.kg / 1000) for p in mine])

    others = ", ".join(f"{x.unit} ({x.tonnes:.1f} t/day: {sent(x)})" for x in rest)
    total = unit.tonnes + sum(x.tonnes for x in rest)
    on = f"on {when} " if when else ""
    text = (
        f"needs {unit.tonnes:.1f} t/day ({sent(unit)}); {on}the roads carry at most "
        f"{rate_text(flow.carried_kg / 1000)} t/day of {rate_text(flow.need_kg / 1000)} with "
        f"each good from the depots that hold it: {said}, over {named}"
    )
    return f"{text}, shared with {others}: {total:.1f} t/day in all" if rest else text


@dataclass(frozen=True, slots=True)
class _Part:
    """Some of a unit's kilograms a day, of ``goods``, that only ``sources`` may send."""

    need: RoadNeed
    goods: tuple[CommodityId, ...]
    """The commodities (empty: not known, so its own depot only)."""
    sources: frozenset[LocationId]
    kg: int

    def goods_text(self) -> str:
        """``food, fuel``; ``its goods (commodities not known)``."""
        return ", ".join(self.goods) if self.goods else "its goods (commodities not known)"


@dataclass(frozen=True, slots=True)
class _GoodsMisfit:
    """The goods flow that did not fit, and the parts its groups' sinks stand for."""

    flow: GoodsFlow
    groups: tuple[tuple[_Part, ...], ...]


def _split_kg(kg: int, shares: Sequence[float]) -> list[int]:
    """``kg`` split in whole kilograms by ``shares``, adding up to ``kg`` exactly.

    >>> _split_kg(10, [1.0, 1.0, 1.0])
    [3, 4, 3]
    """
    total = sum(shares)
    cum, out, before = 0.0, [], 0
    for share in shares:
        cum += share
        upto = round(kg * cum / total)
        out.append(upto - before)
        before = upto
    return out


def _parts(needs: Sequence[RoadNeed]) -> list[_Part]:
    """Each need split by the depots that may send its goods, one part per set of depots.

    A need split already (``sends``: each good from every depot holding it whose trucks
    may serve the unit) keeps its split. Else a commodity comes from the depots of
    ``needs`` that hold it and whose trucks may serve the unit (``serving``, or any of
    them when not said), its own always among those; a
    unit whose tonnes by commodity are not known takes all its goods from a depot holding
    them all; one whose goods are not known at all, from its own depot. Where no depot
    may send a good, its own depot is taken to (what it lacks is not the roads' matter:
    :mod:`~supplyline.routing.reach_goods`).
    """
    depots = {x.depot for x in needs}
    held = {x.depot: x.held for x in needs}
    out: list[_Part] = []
    for x in needs:
        if x.sends:  # split by the reach check, from every depot that may serve it
            kgs = _split_kg(x.kg, [s.tonnes for s in x.sends])
            out += [_Part(x, s.goods, s.depots, kg) for s, kg in zip(x.sends, kgs, strict=True)]
            continue
        may = ((depots & x.serving) if x.serving else depots) | {x.depot}
        shares = {c: t for c, t in sorted(x.by_goods.items()) if t > 0}
        if shares:
            kgs = _split_kg(x.kg, list(shares.values()))
            by_src: dict[frozenset[LocationId], list[tuple[CommodityId, int]]] = defaultdict(list)
            for c, kg in zip(shares, kgs, strict=True):
                src = frozenset(d for d in may if c in held[d]) or frozenset({x.depot})
                by_src[src].append((c, kg))
            out += [
                _Part(x, tuple(c for c, _ in cs), src, sum(kg for _, kg in cs))
                for src, cs in by_src.items()
            ]
        elif x.goods:
            src = frozenset(d for d in may if x.goods <= held[d]) or frozenset({x.depot})
            out.append(_Part(x, tuple(sorted(x.goods)), src, x.kg))
        else:
            out.append(_Part(x, (), frozenset({x.depot}), x.kg))
    return [p for p in out if p.kg > 0]


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
