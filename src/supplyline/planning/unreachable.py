"""Why a unit falls short on a day no goods of its kind can reach it.

The bottleneck report prices capacities. A shortfall on a day that no source can reach
at all, however much capacity there were (the goods are still on their way, or closed
links cut every route), has no capacity to price, so the report said nothing about it;
if goods could have come on an earlier day, stock delivered then could have covered it,
and the cause says so.
This module finds the days on which no goods of the kind can *arrive* at the unit's place
(stock already waiting there is the capacities' business: it could have come before),
with the model's own rules: transit plus the destination's dwell, nothing departs on a
link's outage days, no road leg arrives where every road out is closed that day (a truck
must come back: :mod:`~supplyline.planning.truck_return`), goods wait only where there is
storage. The closures to blame are the fewest whose reopening lets goods arrive that day
(a closed road out among them); otherwise the place is too far. A closure is blamed for a
shortfall only where the supply leaves room for it to matter: where the units would be as
short with it reopened, the supply is named instead, or beside it where both bind
(:mod:`~supplyline.planning.supply_floor`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from supplyline.domain import Shortfall, TargetGap
from supplyline.planning.assemble import Problem
from supplyline.planning.goods_spread import spread_over_days
from supplyline.planning.model import IntArray
from supplyline.planning.resources import listed
from supplyline.planning.supply_floor import SupplyFloor
from supplyline.planning.truck_return import truck_open
from supplyline.types import day_label, day_ranges, figure_text

__all__ = ["explain_unreachable", "reachable"]

BoolArray = npt.NDArray[np.bool_]

CAPACITIES_ALLOWING = "(as far as capacities allow: see the bottlenecks)"
"""Said after "stock delivered before could cover these days": a tester's road, closed two
days, had a link capacity too small to stock the camp ahead, and the cause named only the
closure, so that reopening the road looked like the only help."""
CAPACITIES_ALLOWING_UNPROVEN = (
    "(as far as capacities allow; which of them bind is not computed in a plan not proven best)"
)
"""The same, in a plan the time limit stopped: it lists no bottlenecks to see (a tester's
fallback plan pointed at an empty section)."""


def _sources(p: Problem) -> BoolArray:
    """``[commodity, location, day]``: where and when a stock gives goods (as the LP's supply)."""
    n_k, n_v, days = len(p.demand.commodity_ids), len(p.net.location_ids), p.days
    pos = {loc_id: i for i, loc_id in enumerate(p.net.location_ids)}
    com = {c: k for k, c in enumerate(p.demand.commodity_ids)}
    out = np.zeros((n_k, n_v, days), dtype=bool)
    for st in p.scenario.stocks:
        if st.commodity not in com:
            continue
        k, v = com[st.commodity], pos[st.location]
        if st.replenishment_t_per_day > 0:
            out[k, v, :] = True
        elif st.initial_t > 0:
            out[k, v, 0] = True
    return out


def reachable(p: Problem, arc_open: BoolArray) -> BoolArray:
    """``[commodity, location, day]``: whether goods of a commodity can be there that day.

    Capacities are ignored (any positive tonnes capacity lets goods through, and any
    handling above 0 at both ends, as in the LP); ``arc_open`` (``[arc, day]``) says on
    which days an arc may be left.
    """
    return spread_over_days(p, arc_open, _sources(p))


def _closed_links(p: Problem) -> list[int]:
    """Links with an outage day in the horizon, and roads of capacity 0, by index.

    A road of capacity 0 is closed to trucks on every day: no way back over it.

    A tester's camp whose only road out had capacity 0 was said to be too far from its
    stock (3 days away in a 22-day horizon); only ``reach`` named the road.
    """
    net = p.net
    closed = ~net.arc_open.all(axis=1) | (net.arc_road & (net.arc_cap_t <= 0))
    return sorted({int(x) for x in net.arc_link[closed]})


def _reopened(p: Problem, links: frozenset[int]) -> BoolArray:
    """``[arc, day]``: the days goods may leave on each arc, with ``links`` reopened.

    A closed road out of a place keeps road legs from arriving there (a truck must come
    back), so reopening it opens them: the cause names it.
    """
    net = p.net
    if not links:
        return net.arc_open_goods
    arc_open = net.arc_open.copy()
    reopened = np.isin(net.arc_link, sorted(links))
    arc_open[reopened] = True
    # a road of capacity 0 reopened carries, as far as the way back goes
    carries = (net.arc_cap_t > 0) | reopened
    places = len(net.location_ids)
    return truck_open(
        net.arc_from, net.arc_to, net.arc_transit, net.arc_road, arc_open, places, carries
    )


@dataclass
class _Arrivals:
    """Whether goods can arrive at a place on a day, with some closures reopened (cached)."""

    p: Problem
    sources: BoolArray
    _there: dict[frozenset[int], BoolArray] = field(default_factory=dict)
    _arriving: dict[frozenset[int], BoolArray] = field(default_factory=dict)

    def there(self, reopened: frozenset[int]) -> BoolArray:
        """``[commodity, location, day]``: goods can be there (waiting included)."""
        if reopened not in self._there:
            self._there[reopened] = reachable(self.p, _reopened(self.p, reopened))
        return self._there[reopened]

    def arrive(self, reopened: frozenset[int], k: IntArray, v: IntArray, t: IntArray) -> BoolArray:
        """For each query, whether goods ``k`` can arrive at (or be supplied at) ``v`` on ``t``."""
        if reopened not in self._arriving:
            self._arriving[reopened] = self._arriving_table(reopened)
        return self._arriving[reopened][k, v, t]

    def _arriving_table(self, reopened: frozenset[int]) -> BoolArray:
        """``[commodity, location, day]``: goods can arrive there that day, or be supplied.

        One table per set of closures reopened, looked up for every query: asked arc by
        arc for each query, a tester's relief example with every link closed spent 5 s
        naming the closures to blame for 1,883 shortfall days.
        """
        net, days, there = self.p.net, self.p.days, self.there(reopened)
        arc_open = _reopened(self.p, reopened)
        usable = np.flatnonzero(net.arc_carries(people=False))
        delay = net.arc_delay[usable]
        a, left = (x.ravel() for x in np.meshgrid(usable, np.arange(days), indexing="ij"))
        day = left + np.repeat(delay, days)
        inside = day < days
        a, left, day = a[inside], left[inside], day[inside]
        came = arc_open[a, left][None, :] & there[:, net.arc_from[a], left]  # [commodity, n]
        out = self.sources.copy()
        flat = out.reshape(len(out), -1)  # a view: [commodity, location × day]
        cell = net.arc_to[a] * days + day
        for k in range(len(out)):
            flat[k, cell[came[k]]] = True
        return out


Missed = TypeVar("Missed", Shortfall, TargetGap)
"""What a unit misses on a day: demand (a shortfall) or its days-of-supply target."""


def explain_unreachable(
    p: Problem, shortfalls: Sequence[Missed], *, proven: bool = True
) -> tuple[Missed, ...]:
    """The shortfalls (or target gaps), with ``cause`` said where no goods can arrive.

    A record on a day no goods of its kind can arrive at the unit's place gets its cause.
    When goods could have been at the unit's place on an earlier day (since it arrived),
    the cause adds that stock delivered before could have covered the day: more capacity
    then would have avoided it. A record on a day goods can arrive is returned as it is:
    capacities are to blame there, and the bottleneck report names them. In a plan not
    ``proven`` best there is no bottleneck report, and the cause says so.
    """
    if not shortfalls:
        return tuple(shortfalls)
    unit_of = {u: i for i, u in enumerate(p.demand.unit_ids)}
    com = {c: k for k, c in enumerate(p.demand.commodity_ids)}
    where = [
        (com[s.commodity], unit_of[s.unit], int(p.unit_dest[unit_of[s.unit]]), s.day)
        for s in shortfalls
    ]
    k, u, v, t = (np.array(x, dtype=np.int64) for x in zip(*where, strict=True))
    arrivals = _Arrivals(p=p, sources=_sources(p))
    none: frozenset[int] = frozenset()
    cut = ~arrivals.arrive(none, k, v, t)
    if not cut.any():
        return tuple(shortfalls)
    last = int(t[cut].max())
    closed = frozenset(
        li
        for li in _closed_links(p)
        if not p.scenario.links[li].carries_tonnes or min(p.scenario.links[li].outage_days) <= last
    )
    now = arrivals.there(none)
    causes: dict[tuple[int, int, int], tuple[str, frozenset[int]]] = {}
    supply = _Supply(p, shortfalls)
    out: list[Missed] = []
    for j, s in enumerate(shortfalls):
        if not cut[j]:
            out.append(s)
            continue
        key = (int(k[j]), int(v[j]), int(t[j]))
        if key not in causes:
            causes[key] = _cause(p, arrivals, closed, *key)
        cause, blamed = causes[key]
        weighed = supply.weigh(key[0], key[1], blamed) if isinstance(s, Shortfall) else None
        if weighed is not None and weighed.alone:
            out.append(replace(s, cause=weighed.text))
            continue
        if weighed is not None:
            cause += weighed.text
        arrival = int(p.demand.arrival_day[u[j]])
        # goods could have come before and been held (or wait at the place on the day itself)
        if weighed is None and now[key[0], key[1], arrival : key[2] + 1].any():
            allowing = CAPACITIES_ALLOWING if proven else CAPACITIES_ALLOWING_UNPROVEN
            cause += f"; stock delivered before could cover these days {allowing}"
        out.append(replace(s, cause=cause))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Weighed:
    """What the supply says of a closure blamed for a shortfall."""

    text: str
    alone: bool
    """The supply is the whole cause (``text`` replaces the closure's), else it adds to it."""


@dataclass
class _Supply:
    """Whether the supply, not a closure, leaves units short (:mod:`.supply_floor`).

    The plan's shortfall of a commodity, at a place and in all, against the least any plan
    with the closures blamed reopened could leave; cached per commodity, place, closures.
    """

    p: Problem
    shortfalls: Sequence[Shortfall | TargetGap]
    _floor: SupplyFloor = field(init=False)
    _said: dict[tuple[int, int, frozenset[int]], _Weighed | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._floor = SupplyFloor(p=self.p, arc_open=lambda links: _reopened(self.p, links))

    def weigh(self, k: int, v: int, blamed: frozenset[int]) -> _Weighed | None:
        """What to say of the supply where ``blamed`` cut ``v`` off from ``k``; None: nothing."""
        if not blamed:
            return None
        if (k, v, blamed) not in self._said:
            self._said[k, v, blamed] = self._weighed(k, v, blamed)
        return self._said[k, v, blamed]

    def _weighed(self, k: int, v: int, blamed: frozenset[int]) -> _Weighed | None:
        p = self.p
        com_id = p.demand.commodity_ids[k]
        known = p.scenario.commodity_by_id.get(com_id)
        commodity = known.name if known is not None else com_id
        place = p.scenario.location(p.net.location_ids[v]).name
        at_v = np.zeros(len(p.net.location_ids), dtype=bool)
        at_v[v] = True
        unit_at = {uid: int(p.unit_dest[i]) for i, uid in enumerate(p.demand.unit_ids)}
        mine = [s for s in self.shortfalls if isinstance(s, Shortfall) and s.commodity == com_id]
        short_all = sum(s.short_t for s in mine)
        short_here = sum(s.short_t for s in mine if unit_at[s.unit] == v)
        named = ", ".join(_closure(p, li) for li in sorted(blamed))
        them = "it" if len(blamed) == 1 else "them"
        here = self._floor.least_short(k, at_v, blamed)
        if short_here <= here.total_t + _eps(short_here):
            return _Weighed(
                text=f"not enough {commodity} can reach {place} in the horizon: with {named} "
                f"reopened, it could arrive on these days, but the units there would still be "
                f"short of at least {figure_text(here.total_t)} t in all, as in this plan",
                alone=True,
            )
        everywhere = self._floor.least_short_together(k, np.ones_like(at_v), blamed)
        if short_all <= everywhere + _eps(short_all):
            return _Weighed(
                text=f"not enough {commodity} is in stock for every unit in the horizon: with "
                f"{named} reopened, it could reach {place} on these days, but the units would "
                f"still be short of at least {figure_text(everywhere)} t in all, as in "
                "this plan",
                alone=True,
            )
        if here.after_first_t > _eps(short_here):
            return _Weighed(
                text=f"; the supply is short too: with {them} reopened, the units at {place} "
                f"would still be short of at least {figure_text(here.total_t)} t of {commodity} "
                f"in all (in this plan {figure_text(short_here)} t)",
                alone=False,
            )
        return None


def _eps(short_t: float) -> float:
    """Tonnes within which the plan is as short as the floor: a kilogram, or a millionth."""
    return max(1e-3, 1e-6 * short_t)


def _cause(
    p: Problem, arrivals: _Arrivals, closed: frozenset[int], k: int, v: int, t: int
) -> tuple[str, frozenset[int]]:
    """Why no goods ``k`` can arrive at ``v`` on day ``t``, and the closures it blames.

    The closures are named with all their days; none is blamed where reopening them all
    would not let goods arrive.
    """
    com_id = p.demand.commodity_ids[k]
    known = p.scenario.commodity_by_id.get(com_id)
    commodity = known.name if known is not None else com_id
    place = p.scenario.location(p.net.location_ids[v]).name
    none: frozenset[int] = frozenset()
    if not arrivals.sources[k].any():
        return (f"no stock of {commodity} in the scenario can supply {place}", none)

    def fixed(reopened: frozenset[int]) -> bool:
        """Whether goods could arrive that day with these closures reopened."""
        return bool(arrivals.arrive(reopened, np.array([k]), np.array([v]), np.array([t]))[0])

    if not fixed(closed):
        every_day = np.full(p.days, k), np.full(p.days, v), np.arange(p.days)
        ever = np.flatnonzero(arrivals.arrive(closed, *every_day))
        if (ever < t).any():
            return (f"no {commodity} can reach {place} on these days", none)
        if (ever > t).any():
            return (
                f"no {commodity} can reach {place} before {day_label(int(ever[ever > t][0]))}",
                none,
            )
        starts = arrivals.sources[k].any(axis=1)
        if _linked(p, starts, v, p.net.arc_carries(people=False)):
            return (
                f"no {commodity} can reach {place} within the {p.days}-day horizon: the "
                "quickest way from its stock takes longer",
                none,
            )
        shut = _handling_nothing_on_the_way(p, starts, v)
        if shut:
            return (
                f"no {commodity} can reach {place}: every way there passes through a place "
                f"that handles no tonnes ({listed(tuple(shut))})",
                none,
            )
        return (
            f"no {commodity} can reach {place}: no chain of links that can carry it leads there",
            none,
        )
    alone = [li for li in sorted(closed) if fixed(frozenset([li]))]
    if alone:
        named = [_closure(p, li) for li in alone]
        if len(named) == 1:
            return f"the closure of {named[0]} cuts {place} off from {commodity}", frozenset(alone)
        return (
            f"the closures of {', '.join(named)} cut {place} off from {commodity} "
            "(reopening any one would do)",
            frozenset(alone),
        )
    needed = set(closed)
    for li in sorted(closed):  # the fewest closures whose reopening lets goods arrive
        if fixed(frozenset(needed - {li})):
            needed.discard(li)
    named = [_closure(p, li) for li in sorted(needed)]
    return (
        f"the closures of {', '.join(named)} together cut {place} off from {commodity}",
        frozenset(needed),
    )


def _linked(p: Problem, starts: BoolArray, v: int, usable: BoolArray) -> bool:
    """Whether ``usable`` arcs lead from any of ``starts`` to ``v``, time aside."""
    return bool(_spread(p.net.arc_from, p.net.arc_to, usable, starts)[v])


def _spread(tails: IntArray, heads: IntArray, usable: BoolArray, starts: BoolArray) -> BoolArray:
    """The places ``usable`` arcs (``tails`` → ``heads``) lead to from ``starts``, included."""
    seen = starts.copy()
    while True:
        more = np.zeros_like(seen)
        more[heads[usable & seen[tails]]] = True
        if not (more & ~seen).any():
            return seen
        seen |= more


def _handling_nothing_on_the_way(p: Problem, starts: BoolArray, v: int) -> list[str]:
    """Names of the places handling no tonnes on some way from ``starts`` to ``v``.

    The ways are by links that carry tonnes; empty if there is no such way.
    """
    net = p.net
    links = net.arc_cap_t > 0
    if not _linked(p, starts, v, links):
        return []
    ahead = _spread(net.arc_from, net.arc_to, links, starts)
    at_v = np.zeros_like(starts)
    at_v[v] = True
    behind = _spread(net.arc_to, net.arc_from, links, at_v)
    shut = np.flatnonzero(ahead & behind & (net.handling == 0))
    return [p.scenario.location(net.location_ids[i]).name for i in shut.tolist()]


def _closure(p: Problem, link_index: int) -> str:
    """The link and all its closure days in the horizon.

    Cut to the days it explains, a relief planner read "closed C+0–C+4" of a causeway
    closed until C+6 as the day it reopens.
    """
    link = p.scenario.links[link_index]
    if not link.carries_tonnes:
        return f"{link.mode.value} link {link.id} (capacity 0 t/day: closed on every day)"
    days = sorted(d for d in link.outage_days if 0 <= d < p.days)
    return f"{link.mode.value} link {link.id} (closed {day_ranges(days)})"
