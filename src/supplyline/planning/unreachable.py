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
shortfall (or a target gap) only where the supply leaves room for it to matter: where the
units would be as short with it reopened, the supply is named instead, or beside it where
both bind; and a day goods can arrive names the supply where it alone binds, not the
capacities (:mod:`~supplyline.planning.supply_cause`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from supplyline.domain import Bottleneck, Shortfall, TargetGap
from supplyline.planning.assemble import Problem
from supplyline.planning.capacity_cause import CAPACITY_NAMED, capacity_cause
from supplyline.planning.closure_relief import ClosureRelief, closures_named
from supplyline.planning.closure_words import (
    closed_and_unhandled,
    closed_with_capacities,
    closure_text,
)
from supplyline.planning.goods_spread import spread_over_days
from supplyline.planning.limit_left import uncaused
from supplyline.planning.model import IntArray
from supplyline.planning.resources import listed
from supplyline.planning.supply_cause import SupplyJudge, Weighed, closed_with_supply
from supplyline.planning.truck_return import truck_open
from supplyline.types import day_label

__all__ = ["explain_unreachable", "handling_lifted", "reachable"]

BoolArray = npt.NDArray[np.bool_]

CAPACITIES_ALLOWING = "(as far as capacities allow: see the bottlenecks)"
"""Said after "stock delivered before could cover these days": a tester's road, closed two
days, had a link capacity too small to stock the camp ahead, and the cause named only the
closure, so that reopening the road looked like the only help."""
CAPACITIES_ALLOWING_UNPROVEN = (
    "(as far as capacities allow; which of them bind is not computed in a plan not proven best)"
)
SEE_BOTTLENECKS = "(see the bottlenecks)"
SEE_UNPROVEN = "(which of them bind is not computed in a plan not proven best)"
"""Where the capacities are named beside a closure, in a plan proven best or not."""
"""The same, in a plan the time limit stopped: it lists no bottlenecks to see (a tester's
fallback plan pointed at an empty section)."""
CAPACITY_AND_SUPPLY = "capacity and supply"
"""Where the capacities bind and the supply too (without it, the tables read "capacity")."""
CAPACITY_AND_SUPPLY_UNPROVEN = "capacity or the time limit, and supply"
"""The same, in a plan the time limit stopped."""


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
        # a store keeps what is on hand at the start, even beyond its storage_t (or at 0):
        # a unit at a depot of 0 t storage got its 1 t on C+1, and C+2-C+3 said no goods
        # could reach it "on these days", not the supply of 1 t for 3 t eaten
        if st.replenishment_t_per_day > 0 or st.initial_t > 0:
            out[k, v, :] = True
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
    """Whether goods can arrive at a place on a day, with some closures reopened (cached).

    ``lifted``: the same with every place that handles 0 t/day handling tonnes (None where
    none is so): a handling of 0 is a capacity the bottleneck report offers to raise, not
    a closed way (:func:`handling_lifted`).
    """

    p: Problem
    sources: BoolArray
    lifted: _Arrivals | None = None
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
    p: Problem,
    shortfalls: Sequence[Shortfall],
    target_gaps: Sequence[TargetGap] = (),
    *,
    proven: bool = True,
    bottlenecks: Sequence[Bottleneck] = (),
    short_decimals: int | None = None,
    closures: Sequence[ClosureRelief] = (),
    stop: Callable[[], bool] | None = None,
) -> tuple[tuple[Shortfall, ...], tuple[TargetGap, ...]]:
    """The shortfalls and the target gaps, with ``cause`` said where no capacity is to blame.

    A record on a day no goods of its kind can arrive at the unit's place gets its cause.
    When goods could have been at the unit's place on an earlier day (since it arrived),
    the cause adds that stock delivered before could have covered the day: more capacity
    then would have avoided it. A closure is weighed against the supply first
    (:mod:`~supplyline.planning.supply_cause`), for a target gap as for a shortfall (a gap
    by what the units miss by its day). A record on a day goods can arrive says the supply
    where it alone binds; else it is returned as it is: capacities are to blame there, and
    the bottleneck report names them. In a plan not ``proven`` best there is no bottleneck
    report, and the cause says so. Where the supply binds and ranks among the plan's
    ``bottlenecks``, the cause names it by its rank. ``short_decimals``: the shortfall
    table's, to which a cause says the plan's own tonnes short ("as in this plan"). A
    record left to the capacities says so in the words the faces show
    (:mod:`~supplyline.planning.capacity_cause`), never empty. A shortfall on a unit-day
    that a closure's re-plan (``closures``, as the report measured them) is not short on
    names the closure with its rank (:mod:`~supplyline.planning.closure_relief`).

    ``stop``, asked before each record (and each day's cause), is the user's time limit
    (:mod:`~supplyline.planning.limit_left`): once it says so, the records not reached get
    :data:`~supplyline.planning.limit_left.CUT_SHORT_CAUSE`; a mesh plan's causes had run
    8 s past ``--time-limit`` with ``--explain 0``.
    """
    if not shortfalls and not target_gaps:
        return tuple(shortfalls), tuple(target_gaps)
    sources = _sources(p)
    lifted = handling_lifted(p)
    arrivals = _Arrivals(
        p=p,
        sources=sources,
        lifted=None if lifted is None else _Arrivals(p=lifted, sources=sources),
    )
    judge = SupplyJudge(
        p=p,
        shortfalls=shortfalls,
        target_gaps=target_gaps,
        arc_open=lambda links: _reopened(p, links),
        bottlenecks=bottlenecks,
        short_decimals=short_decimals,
    )
    named = _Named(closures, bottlenecks)
    go_on = _never if stop is None else stop
    return (
        _explained(p, shortfalls, arrivals, judge, named, proven=proven, stop=go_on),
        _explained(p, target_gaps, arrivals, judge, _Named((), ()), proven=proven, stop=go_on),
    )


def _never() -> bool:
    """No time limit: the causes are worked out to the end."""
    return False


@dataclass(frozen=True, slots=True)
class _Named:
    """The closures whose re-plans the report measured, and the plan's ranked entries."""

    closures: Sequence[ClosureRelief]
    bottlenecks: Sequence[Bottleneck]


def _explained(
    p: Problem,
    records: Sequence[Missed],
    arrivals: _Arrivals,
    judge: SupplyJudge,
    named: _Named,
    *,
    proven: bool,
    stop: Callable[[], bool],
) -> tuple[Missed, ...]:
    """``records`` with their causes (:func:`explain_unreachable`); those ``stop`` left, not."""
    said, cutting = _causes(p, records, arrivals, judge, proven=proven, stop=stop)
    rest = capacity_cause(proven=proven)
    out: list[Missed] = []
    for s, blamed in zip(said, cutting, strict=True):
        day = (s.unit, s.commodity, s.day)
        more = closures_named(p, named.closures, named.bottlenecks, day, blamed)
        out.append(replace(s, cause=(s.cause or rest) + more))
    out.extend(uncaused(records[len(out) :]))
    return tuple(out)


def _causes(
    p: Problem,
    records: Sequence[Missed],
    arrivals: _Arrivals,
    judge: SupplyJudge,
    *,
    proven: bool,
    stop: Callable[[], bool],
) -> tuple[list[Missed], list[frozenset[int]]]:
    """The records with their causes ("" where the capacities alone bind).

    With, for each, the closures that cut its place off that day (none on a day goods can
    arrive), which its cause names already. Only the first records, those reached before
    ``stop`` said to stop (none if it did while the days' causes were worked out).
    """
    if not records:
        return [], []
    unit_of = {u: i for i, u in enumerate(p.demand.unit_ids)}
    com = {c: k for k, c in enumerate(p.demand.commodity_ids)}
    where = [
        (com[s.commodity], unit_of[s.unit], int(p.unit_dest[unit_of[s.unit]]), s.day)
        for s in records
    ]
    k, u, v, t = (np.array(x, dtype=np.int64) for x in zip(*where, strict=True))
    none: frozenset[int] = frozenset()
    cut = ~arrivals.arrive(none, k, v, t)
    last = int(t[cut].max()) if cut.any() else -1
    closed = frozenset(
        li
        for li in _closed_links(p)
        if not p.scenario.links[li].carries_tonnes or min(p.scenario.links[li].outage_days) <= last
    )
    causes: dict[tuple[int, int, int], tuple[str, frozenset[int]]] = {}
    for j in np.flatnonzero(cut).tolist():
        key = (int(k[j]), int(v[j]), int(t[j]))
        if key not in causes:
            if stop():
                return [], []
            causes[key] = _cause(p, arrivals, closed, *key, proven=proven)
    # one sentence for the supply on every day of a commodity at a place where it binds with
    # all the closures its days blame reopened: not "capacity" on the days between
    blamed_at: dict[tuple[int, int], frozenset[int]] = {}
    for (kk, vv, _), (_, blamed) in causes.items():
        blamed_at[kk, vv] = blamed_at.get((kk, vv), none) | blamed
    now = arrivals.there(none)
    out: list[Missed] = []
    for j, s in enumerate(records):
        if stop():
            break
        key = (int(k[j]), int(v[j]), int(t[j]))
        cause, blamed = causes.get(key, ("", none))
        weighed: Weighed | None = None  # cut off with no closure to lift: nothing to weigh
        if blamed or not cut[j]:
            every = _weigh(judge, s, *key[:2], blamed_at.get(key[:2], none))
            if every is not None and every.alone:
                out.append(replace(s, cause=every.text))
                continue
            weighed = _weigh(judge, s, *key[:2], blamed)
            if weighed is not None and weighed.alone:
                before = blamed_at.get(key[:2], none) if not cut[j] else none
                out.append(replace(s, cause=_supply_alone(p, weighed, before, key[2])))
                continue
        if not cut[j]:
            caught = _catching_up(p, judge, s, key, blamed_at.get(key[:2], none), proven)
            out.append(caught if caught.cause else _capacity_and_supply(judge, s, key, proven))
            continue
        arrival = int(p.demand.arrival_day[u[j]])
        # goods could have come before and been held (or wait at the place on the day itself)
        came_before = bool(now[key[0], key[1], arrival : key[2] + 1].any())
        said = _cut_off(p, judge, s, key, (cause, blamed), weighed, came_before, proven)
        out.append(replace(s, cause=said))
    keys = zip(k.tolist(), v.tolist(), t.tolist(), strict=True)
    cutting = [causes.get(key, ("", none))[1] for key in keys][: len(out)]
    return out, cutting


def _cut_off(
    p: Problem,
    judge: SupplyJudge,
    s: Missed,
    key: tuple[int, int, int],
    said: tuple[str, frozenset[int]],
    weighed: Weighed | None,
    came_before: bool,
    proven: bool,
) -> str:
    """The cause of ``s`` on a day no goods can arrive, from the closures' words ``said``.

    With what the supply says with them reopened (``weighed``); where it says nothing but
    binds with them in force, the closures and the supply together: a road closed C+3–C+4
    and a depot of 9 t a day for 8 eaten left a unit 5 t short on C+5, as short with every
    capacity unlimited, never short with the road open, and the cause had said "stock
    delivered before could cover these days", which no capacity allowed. Only where goods
    ``came_before``: days before any can come are the way's, not the supply's.
    """
    cause, blamed = said
    if weighed is not None:
        return cause + weighed.text
    if blamed and came_before:
        in_force = _weigh(judge, s, *key[:2], frozenset())
        if in_force is not None and in_force.alone:
            return closed_with_supply(p, blamed, in_force)
    if came_before:
        allowing = CAPACITIES_ALLOWING if proven else CAPACITIES_ALLOWING_UNPROVEN
        return f"{cause}; stock delivered before could cover these days {allowing}"
    return cause


def _catching_up(
    p: Problem,
    judge: SupplyJudge,
    s: Missed,
    key: tuple[int, int, int],
    before: frozenset[int],
    proven: bool,
) -> Missed:
    """``s``, on a day goods can arrive, with the closures ``before`` and the capacities named.

    Where after them the capacities cannot bring the place what it missed
    (:meth:`~supplyline.planning.supply_cause.SupplyJudge.catching_up`); else as it is.
    """
    k, v, day = key
    if not before or day <= _first_closed(p, before) or not judge.catching_up(k, v, before, day):
        return s
    see = SEE_BOTTLENECKS if proven else SEE_UNPROVEN
    return replace(s, cause=closed_with_capacities(p, before, k, v, see))


def _capacity_and_supply(
    judge: SupplyJudge, s: Missed, key: tuple[int, int, int], proven: bool
) -> Missed:
    """``s``, which the capacities bind, with the supply beside them where it binds too.

    A tester's plan was 17,666 t short of water, every row "capacity (see the
    bottlenecks)", and re-planned with every capacity lifted still 14,992 t short: the
    supply's floor (:meth:`~supplyline.planning.supply_cause.SupplyJudge.
    beside_capacities`) is said with the capacities; else ``s`` as it is ("capacity").
    """
    claim = judge.beside_capacities(*key, SEE_BOTTLENECKS if proven else SEE_UNPROVEN)
    if claim is None:
        return s
    return replace(
        s, cause=f"{CAPACITY_AND_SUPPLY if proven else CAPACITY_AND_SUPPLY_UNPROVEN}: {claim}"
    )


def _supply_alone(p: Problem, weighed: Weighed, before: frozenset[int], day: int) -> str:
    """The cause where the supply alone binds with nothing reopened.

    On a day goods can arrive after the closures ``before`` (which the unit's days blame,
    and with which reopened the supply would not bind), the closures with the supply.
    """
    if before and day > _first_closed(p, before):
        return closed_with_supply(p, before, weighed)
    return weighed.text


def _first_closed(p: Problem, links: frozenset[int]) -> int:
    """The first day in the horizon any of ``links`` is closed (0 for a road that carries none)."""
    days = [
        0 if not p.scenario.links[li].carries_tonnes else min(p.scenario.links[li].outage_days)
        for li in links
    ]
    return min(days)


def _weigh(
    judge: SupplyJudge, s: Shortfall | TargetGap, k: int, v: int, blamed: frozenset[int]
) -> Weighed | None:
    """What the supply says of ``s`` (of commodity ``k`` at ``v``), ``blamed`` reopened."""
    if isinstance(s, Shortfall):
        return judge.weigh(k, v, blamed)
    return judge.weigh_gap(k, v, blamed, s.day)


def handling_lifted(p: Problem) -> Problem | None:
    """``p`` with every place that handles 0 t/day unlimited; None where no place is so.

    A handling of 0 is a capacity (tonnes unloaded a day, docs/scenario-format.md) that the
    bottleneck report offers to raise, so a unit cut off by one alone is short for want of
    capacity: a tester's camp handling 0 t read "every way there passes through a place that
    handles no tonnes" beside "+5 t/day there removes 45 t", its reason among "what no
    capacity could change". The ways' own reasons (too far, closed) are read with it lifted.
    """
    net = p.net
    zero = net.handling == 0
    if not zero.any():
        return None
    return replace(p, net=replace(net, handling=np.where(zero, np.inf, net.handling)))


def _cause(
    p: Problem,
    arrivals: _Arrivals,
    closed: frozenset[int],
    k: int,
    v: int,
    t: int,
    *,
    proven: bool,
) -> tuple[str, frozenset[int]]:
    """Why no goods ``k`` can arrive at ``v`` on day ``t``, and the closures it blames.

    The closures are named with all their days; none is blamed where reopening them all
    would not let goods arrive. Where a place handling 0 t/day is all that keeps the goods
    out (with the closures reopened), the cause blames the capacity and names the place.
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
        return bool(arrivals.arrive(reopened, *_one(k, v, t))[0])

    if not fixed(closed):
        ways = arrivals.lifted or arrivals  # the ways' reasons, every handling lifted
        every_day = np.full(p.days, k), np.full(p.days, v), np.arange(p.days)
        ever = np.flatnonzero(ways.arrive(closed, *every_day))
        starts = arrivals.sources[k].any(axis=1)
        if t in ever:  # a handling of 0 keeps them out, and perhaps closures too
            shut = listed(tuple(_handling_nothing_on_the_way(p, starts, v)))
            see = SEE_BOTTLENECKS if proven else SEE_UNPROVEN
            needed = _fewest(closed, lambda links: bool(ways.arrive(links, *_one(k, v, t))[0]))
            if not needed:  # only the handling: a capacity
                return (
                    f"{CAPACITY_NAMED}no {commodity} can reach {place} while every way there "
                    f"passes through a place that handles 0 t/day ({shut}) {see}",
                    none,
                )
            return (closed_and_unhandled(p, needed, shut, place, commodity, see), needed)
        if (ever < t).any():
            return (f"no {commodity} can reach {place} on these days", none)
        if (ever > t).any():
            return (
                f"no {commodity} can reach {place} before {day_label(int(ever[ever > t][0]))}",
                none,
            )
        if _linked(ways.p, starts, v, ways.p.net.arc_carries(people=False)):
            return (
                f"no {commodity} can reach {place} within the {p.days}-day horizon: the "
                "quickest way from its stock takes longer",
                none,
            )
        return (
            f"no {commodity} can reach {place}: no chain of links that can carry it leads there",
            none,
        )
    alone = [li for li in sorted(closed) if fixed(frozenset([li]))]
    if alone:
        named = [closure_text(p, li) for li in alone]
        if len(named) == 1:
            return f"the closure of {named[0]} cuts {place} off from {commodity}", frozenset(alone)
        return (
            f"the closures of {', '.join(named)} cut {place} off from {commodity} "
            "(reopening any one would do)",
            frozenset(alone),
        )
    needed = _fewest(closed, fixed)
    named = [closure_text(p, li) for li in sorted(needed)]
    return (
        f"the closures of {', '.join(named)} together cut {place} off from {commodity}",
        needed,
    )


def _one(k: int, v: int, t: int) -> tuple[IntArray, IntArray, IntArray]:
    """One query: commodity ``k`` at place ``v`` on day ``t``, as ``_Arrivals.arrive`` takes it."""
    return np.array([k]), np.array([v]), np.array([t])


def _fewest(closed: frozenset[int], fixed: Callable[[frozenset[int]], bool]) -> frozenset[int]:
    """The fewest of ``closed`` whose reopening still lets goods arrive (``fixed`` says so).

    Each dropped in turn where the rest do without it; empty where goods arrive with none.
    """
    needed = set(closed)
    for li in sorted(closed):
        if fixed(frozenset(needed - {li})):
            needed.discard(li)
    return frozenset(needed)


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
