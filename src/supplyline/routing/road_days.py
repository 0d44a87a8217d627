"""Road capacities judged day by day: the days grouped by the roads open on them.

The reach check bounded a unit's tonnes by the roads driven on *some* day of the horizon,
all counted as open together: a tester's unit needing 15 t/day behind two roads of
10 t/day, one closed C+0–C+1 and the other C+2–C+3, read ok, while ``routes`` brought
10 t on each day and left 5 t ``road_full``. Here the days are grouped by the set of
roads not driven on them (:func:`~supplyline.routing.roads.drives`: one maximum flow per
set, not per day), and each unit is judged on each group of days it has demand: alone
(:func:`road_bound`), then beside the others behind the same roads
(:mod:`~supplyline.routing.road_share`). The words name the worst group's days, the
roads that bound it and the roads closed across its cut.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from supplyline.domain import Link, Mode, Scenario
from supplyline.domain.fields import check_value
from supplyline.errors import ArgumentError, require
from supplyline.routing.road_share import (
    DayArcs,
    RoadNeed,
    Send,
    driven,
    rate_text,
    sends_text,
    shared_road_misfits,
)
from supplyline.routing.roads import drives, road_name
from supplyline.routing.scenario_fit import horizon_day, require_places
from supplyline.types import LocationId, UnitId, day_label, day_runs

__all__ = [
    "DayRoads",
    "RoadCut",
    "day_groups",
    "day_road_misfits",
    "days_text",
    "need_words",
    "road_bound",
]


def days_text(days: Collection[int]) -> str:
    """``C+0–C+1, C+5``."""
    return ", ".join(
        day_label(a) if a == b else f"{day_label(a)}–{day_label(b)}" for a, b in day_runs(days)
    )


def roads_text(links: Sequence[Link], *, figures: bool = True) -> str:
    """``road D–S (link A: 10 t/day)``, or without the figure for a closed road."""
    return ", ".join(
        f"{road_name(x)} (link {x.id}: {x.capacity_t_per_day:g} t/day)"
        if figures
        else f"{road_name(x)} (link {x.id})"
        for x in links
    )


def day_groups(scenario: Scenario) -> list[tuple[int, ...]]:
    """The days of the horizon grouped by the roads not driven on them, first day first.

    Empty when judging by day adds nothing to judging the roads of any day together: no
    road has a ``capacity_t_per_day`` (nothing bounds the tonnes), or every day has the
    same roads (no outages). A road with no capacity counts too: its closure can send the
    tonnes round by a road that has one.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> day_groups(s)
    []
    """
    roads = [x for x in scenario.links if x.mode is Mode.ROAD]
    if not any(x.capacity_t_per_day is not None and x.carries_tonnes for x in roads):
        return []
    by_closed: dict[frozenset[str], list[int]] = defaultdict(list)
    for day in range(scenario.horizon_days):
        by_closed[frozenset(x.id for x in roads if not drives(x, day))].append(day)
    return [] if len(by_closed) < 2 else [tuple(days) for days in by_closed.values()]


@dataclass(frozen=True, slots=True)
class RoadCut:
    """The most tonnes a day the roads carry from a depot to a place, and why no more."""

    limit_t: float
    """A plain float (numpy's showed as ``np.float64(400.0)`` in a script's output)."""
    roads: tuple[Link, ...]
    """The roads of the minimum cut, the ones that bound it."""
    closed: tuple[Link, ...] = ()
    """The roads across that cut not driven on the day judged (open on others)."""


class DayRoads(DayArcs):
    """The roads driven on ``day`` (on some day of the horizon when None) as arcs.

    Built once for a group of days and asked for many units' bounds; ``closed`` are the
    roads driven on other days but not on ``day``, for the words.
    """

    def bound(self, depot: LocationId, place: LocationId, need_t: float) -> RoadCut | None:
        """The most tonnes a day from ``depot`` to ``place``, if below ``need_t``.

        As :func:`road_bound` says, over these roads.
        """
        return self.bound_sends(place, [Send((), frozenset({depot}), need_t)])

    def bound_sends(self, place: LocationId, sends: Sequence[Send]) -> RoadCut | None:
        """The most tonnes a day to ``place`` with each of ``sends`` from its own depots.

        One maximum flow: a source feeds a node per send (its tonnes), which feeds each of
        its depots; with one place to reach, a path from a send's node is that send's, so
        the flow is each good from its holders (the shared check's goods flow, for one
        unit). A send from ``place`` itself needs no road. None when the roads carry it
        all, or when no road leads there.
        """
        if place not in self.pos:
            return None
        live = [x for x in sends if place not in x.depots and x.tonnes > 0]
        if not self.caps or not live:
            return None
        kgs = [min(math.ceil(x.tonnes * 1000 - 1e-6), 2**40) for x in live]
        need_kg = sum(kgs)
        n = len(self.pos)
        src = n + len(live)
        rows, cols, caps = list(self.rows), list(self.cols), list(self.caps)
        for k, (x, kg) in enumerate(zip(live, kgs, strict=True)):
            rows.append(src)
            cols.append(n + k)
            caps.append(kg)
            for d in sorted(x.depots):
                rows.append(n + k)
                cols.append(self.pos[d])
                caps.append(kg)
        arcs = np.minimum(np.array(caps), need_kg).astype(np.int64)
        graph = csr_matrix((arcs, (rows, cols)), shape=(src + 1, src + 1))
        graph.sum_duplicates()
        result = maximum_flow(graph, src, self.pos[place])
        if result.flow_value >= need_kg or result.flow_value == 0:  # 0: no road leads there
            return None
        residual = (graph - result.flow).tocsr()
        residual.data = np.where(residual.data > 0, residual.data, 0)
        residual.eliminate_zeros()
        seen = set(breadth_first_order(residual, src, directed=True, return_predecessors=False))
        return RoadCut(float(result.flow_value) / 1000, *self.across(seen, self.pos[place]))


def road_bound(
    scenario: Scenario,
    depot: LocationId,
    place: LocationId,
    need_t: float,
    *,
    day: int | None = None,
) -> RoadCut | None:
    """The most tonnes a day the roads can carry from ``depot`` to ``place``, if below ``need_t``.

    A maximum flow over the roads driven on ``day`` (on some day of the horizon when
    None), each way bounded by its ``capacity_t_per_day`` (parallel roads add up), and
    the roads of its minimum cut. None when the roads carry ``need_t`` or more, or when
    no road leads there (the cut-off rule says so). One unit alone, as if no other load
    shared the roads.

    A ``depot`` or ``place`` the scenario lacks is a ScenarioError naming it (a bare
    ``KeyError``, and "no bound", before), a ``day`` outside the horizon or a ``need_t``
    that is not a finite number >= 0 an ArgumentError
    (:mod:`~supplyline.routing.scenario_fit`).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> road_bound(s, "D", "U", 1.0) is None
    True
    """
    require(scenario, Scenario, "the scenario")
    require_places(scenario, depot=depot, place=place)
    if day is not None:
        day = horizon_day(scenario, day)
    need: float = check_value(need_t, float, "need_t")
    if not (math.isfinite(need) and need >= 0):
        raise ArgumentError(f"need_t(={need_t}) must be a finite number >= 0")
    return DayRoads(scenario, day).bound(depot, place, need)


def worst_alone(
    sends: Sequence[Send],
    place: LocationId,
    groups: Sequence[tuple[DayRoads, Collection[int]]],
) -> tuple[RoadCut, list[int], list[int]] | None:
    """The group of days whose roads carry least of ``sends`` alone, if short of them.

    ``groups`` are the roads of each group of days (of :func:`day_groups`) and the days
    of it the unit has demand. Returns the worst cut, its days, and the days of the other
    groups short too.
    """
    short: list[tuple[float, int, RoadCut, list[int]]] = []
    for roads, days in groups:
        if days:
            cut = roads.bound_sends(place, sends)
            if cut is not None:
                short.append((cut.limit_t, min(days), cut, sorted(days)))
    if not short:
        return None
    short.sort(key=lambda x: (x[0], x[1]))
    _, _, cut, days = short[0]
    return cut, days, sorted(d for *_, ds in short[1:] for d in ds)


def alone_words(
    unit_t: float, sends: Sequence[Send], cut: RoadCut, days: Collection[int], also: Collection[int]
) -> str:
    """``needs 15.0 t/day; on C+0–C+1 the roads from D carry at most 10.0 t/day there (…)``.

    Where the goods come from more than one depot, or the commodities are known, the
    need names what each depot sends (:func:`~supplyline.routing.road_share.sends_text`).
    """
    froms = ", ".join(sorted({d for x in sends for d in x.depots}))
    said = (
        f"{need_words(unit_t, sends)}; on {days_text(days)} the roads from {froms} carry at "
        f"most {rate_text(cut.limit_t)} t/day there ({roads_text(cut.roads)}"
    )
    if cut.closed:
        said += f"; closed then: {roads_text(cut.closed, figures=False)}"
    said += ")"
    return f"{said}; short on {days_text(also)} too" if also else said


def need_words(unit_t: float, sends: Sequence[Send]) -> str:
    """``needs 15.0 t/day (10.0 t/day of water from DA, 5.0 t/day of rations from DB)``.

    Just ``needs 15.0 t/day`` where it all comes from one depot and the goods are not known.
    """
    plain = len(sends) <= 1 and not any(x.goods for x in sends)
    return f"needs {unit_t:.1f} t/day" + ("" if plain else f" ({sends_text(sends)})")


def unit_days(
    units: Collection[UnitId], demand_days: Mapping[UnitId, Collection[int]], days: Sequence[int]
) -> dict[frozenset[UnitId], list[int]]:
    """The ``days`` grouped by which of ``units`` have demand on them (none: left out)."""
    out: dict[frozenset[UnitId], list[int]] = defaultdict(list)
    for d in days:
        who = frozenset(u for u in units if d in demand_days.get(u, ()))
        if who:
            out[who].append(d)
    return dict(out)


def day_road_misfits(
    scenario: Scenario,
    needs: Sequence[RoadNeed],
    demand_days: Mapping[UnitId, Collection[int]],
    *,
    last: Collection[UnitId] = (),
) -> dict[UnitId, str]:
    """The units whose roads fall short of their tonnes on some days of their demand.

    Judged group of days by group (:func:`day_groups`; nothing when there is one): each
    unit not in ``last`` (flagged already) alone on its worst group, then the units with
    demand on the same days together (:func:`~supplyline.routing.road_share.
    shared_road_misfits` on those days' roads), a unit flagged on earlier days going last
    on later ones. Each misfit maps to why, in words, naming the days.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> day_road_misfits(s, [RoadNeed("U", "D", "U", 1.0)], {"U": [0]})
    {}
    """
    groups = day_groups(scenario)
    live = [x for x in needs if x.kg > 0 and x.depot != x.place]
    if not groups or not live:
        return {}
    out: dict[UnitId, str] = {}
    least = [_least_t(scenario, days[0]) for days in groups]
    built: dict[int, DayRoads] = {}
    for x in live:
        mine = set(demand_days.get(x.unit, ()))
        tight = [
            (k, [d for d in days if d in mine])
            for k, (days, floor) in enumerate(zip(groups, least, strict=True))
            if floor < x.tonnes
        ]
        if x.unit in last or not any(days for _, days in tight):
            continue
        for k, _ in tight:
            if k not in built:
                built[k] = DayRoads(scenario, groups[k][0])
        sends = x.sends or (Send((), frozenset({x.depot}), x.tonnes),)
        worst = worst_alone(sends, x.place, [(built[k], days) for k, days in tight])
        if worst is not None:
            out[x.unit] = alone_words(x.tonnes, sends, *worst)
    flagged = {*last, *out}
    units = {x.unit for x in live}
    for days in groups:
        for who, on in sorted(unit_days(units, demand_days, days).items(), key=lambda w: w[1]):
            found = shared_road_misfits(
                scenario,
                [x for x in live if x.unit in who],
                last=flagged,
                day=on[0],
                when=days_text(on),
            )
            for unit, why in found.items():
                if unit not in flagged:
                    out[unit] = why
                    flagged.add(unit)
    return out


def _least_t(scenario: Scenario, day: int) -> float:
    """The least capacity of the roads driven on ``day`` (inf when none has one).

    A unit needing no more than it is carried by any one road that leads there.
    """
    caps = [
        x.capacity_t_per_day
        for x in scenario.links
        if x.capacity_t_per_day is not None and driven(x, scenario.horizon_days, day)
    ]
    return min(caps, default=math.inf)
