"""Why a unit falls short on a day no goods of its kind can reach it.

The bottleneck report prices capacities. A shortfall on a day that no source can reach
at all, however much capacity there were (the goods are still on their way, or closed
links cut every route), has no capacity to price, so the report said nothing about it;
if goods could have come on an earlier day, stock delivered then could have covered it,
and the cause says so.
This module finds those days with the model's own rules: transit plus the destination's
dwell, nothing departs on a link's outage days, goods wait only where there is storage.
A closure is to blame when reopening it (alone, or with the other closures) lets the
goods arrive in time; otherwise the place is simply too far for that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from supplyline.domain import Shortfall
from supplyline.planning.build import Problem
from supplyline.types import day_label, day_runs

__all__ = ["explain_unreachable", "reachable"]

BoolArray = npt.NDArray[np.bool_]


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

    Capacities are ignored (any positive tonnes capacity lets goods through); ``arc_open``
    (``[arc, day]``) says on which days an arc may be left.
    """
    net, days = p.net, p.days
    there = _sources(p)
    usable = net.arc_cap_t > 0
    delay = net.arc_delay
    can_wait = net.storage > 0
    for t in range(days):
        same_day = np.flatnonzero(usable & (delay == 0) & arc_open[:, t])
        while same_day.size:  # moves that arrive the day they leave, until none adds a place
            k, i = np.nonzero(there[:, net.arc_from[same_day], t])
            new = ~there[k, net.arc_to[same_day[i]], t]
            if not new.any():
                break
            there[k[new], net.arc_to[same_day[i[new]]], t] = True
        later = np.flatnonzero(usable & (delay > 0) & arc_open[:, t] & (t + delay < days))
        k, i = np.nonzero(there[:, net.arc_from[later], t])
        arcs = later[i]
        there[k, net.arc_to[arcs], t + delay[arcs]] = True
        if t + 1 < days:
            there[:, can_wait, t + 1] |= there[:, can_wait, t]
    return there


def _closed_links(p: Problem) -> list[int]:
    """Links with an outage day in the horizon (by index in ``scenario.links``)."""
    closed = ~p.net.arc_open.all(axis=1)
    return sorted({int(x) for x in p.net.arc_link[closed]})


def _reopened(p: Problem, links: Sequence[int]) -> BoolArray:
    arc_open = p.net.arc_open.copy()
    arc_open[np.isin(p.net.arc_link, links)] = True
    return arc_open


def _span(days: Sequence[int]) -> str:
    return ", ".join(
        day_label(a) + (f"–{day_label(b)}" if b > a else "") for a, b in day_runs(days)
    )


def explain_unreachable(p: Problem, shortfalls: Sequence[Shortfall]) -> tuple[Shortfall, ...]:
    """The shortfalls, each on a day no goods of its kind can reach with its ``cause`` said.

    When goods could have reached the unit on an earlier day (since it arrived), the cause
    says that stock delivered before could have covered the day: more capacity then would
    have avoided it. A shortfall on a day goods can reach is returned as it is: capacities
    are to blame there, and the bottleneck report names them.
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
    now = reachable(p, p.net.arc_open)
    cut = ~now[k, v, t]
    if not cut.any():
        return tuple(shortfalls)
    last = int(t[cut].max())
    links = [li for li in _closed_links(p) if min(p.scenario.links[li].outage_days) <= last]
    all_open = reachable(p, _reopened(p, links)) if links else now
    by_link = {li: reachable(p, _reopened(p, [li])) for li in links}
    causes: list[str] = []
    for j in range(len(shortfalls)):
        if not cut[j]:
            causes.append("")
            continue
        kj, vj, tj = int(k[j]), int(v[j]), int(t[j])
        arrival = int(p.demand.arrival_day[u[j]])
        cause = _cause(p, kj, vj, tj, all_open, by_link)
        if now[kj, vj, arrival:tj].any():  # goods could have come before, and been held
            cause += "; stock delivered before could cover these days"
        causes.append(cause)
    return tuple(s if not c else _with_cause(s, c) for s, c in zip(shortfalls, causes, strict=True))


def _cause(
    p: Problem, k: int, v: int, t: int, all_open: BoolArray, by_link: dict[int, BoolArray]
) -> str:
    commodity = p.demand.commodity_ids[k]
    place = p.scenario.location(p.net.location_ids[v]).name
    if not all_open[k, v, t]:
        ever = np.flatnonzero(all_open[k, v])
        if (ever < t).any():
            return f"no {commodity} can reach {place} on these days"
        if (ever > t).any():
            return f"no {commodity} can reach {place} before {day_label(int(ever[ever > t][0]))}"
        return f"no {commodity} can reach {place} within the horizon"
    blamed = [li for li, there in by_link.items() if there[k, v, t]]
    if blamed:
        named = [_closure(p, li) for li in blamed]
        if len(named) == 1:
            return f"the closure of {named[0]} cuts {place} off from {commodity}"
        return (
            f"the closures of {', '.join(named)} cut {place} off from {commodity} "
            "(reopening any one would do)"
        )
    named = [_closure(p, li) for li in by_link]
    return f"the closures of {', '.join(named)} together cut {place} off from {commodity}"


def _closure(p: Problem, link_index: int) -> str:
    link = p.scenario.links[link_index]
    days = sorted(d for d in link.outage_days if 0 <= d < p.days)
    return f"{link.mode.value} link {link.id} (closed {_span(days)})"


def _with_cause(s: Shortfall, cause: str) -> Shortfall:
    return replace(s, cause=cause)
