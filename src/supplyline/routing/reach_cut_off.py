"""The days a unit's place is cut off by road, for the reach check, and the roads to blame.

A place is cut off on a day when no truck depot reaches it and gets back over the roads
driven that day (the rule of :mod:`~supplyline.routing.roads`, as ``routes`` reports
``road_closed``); a unit cut off on a day it has demand, or on every day, is not
sustainable. Moved out of :mod:`~supplyline.routing.reach` whole, to keep that module
to the verdicts it composes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace

from supplyline.domain import Link, Mode, Scenario
from supplyline.domain.routes import ReachRow
from supplyline.routing.roads import (
    cut_off_roads,
    drives,
    road_matrix,
    road_name,
    round_trip_blockers,
)
from supplyline.types import LocationId, day_label, day_runs

__all__ = ["cut_off_days", "spans", "with_cut_off"]


def cut_off_days(
    scenario: Scenario, depots: Sequence[LocationId], places: Sequence[LocationId]
) -> dict[LocationId, list[tuple[int, list[Link]]]]:
    """For each place, the days no depot reaches it by road, each with the roads to blame.

    A day counts when, for every depot, the way there or the way back is closed (a one-way
    road open that day leads one way only). To blame: the place's own roads when it is cut
    off (every road into it, or out of it, closed), else the closed roads between it and
    each depot, the ways that are closed only (a tester's site behind its own closed road
    was also blamed on the closed roads of other depots' ways). Without depots, the days
    the place is cut off. Days are grouped by the set of roads not driven on them
    (:func:`~supplyline.routing.roads.drives`: closed when their goods left, or of
    capacity 0): one road matrix per set, not per day; the days with none closed too, for
    a place no depot reaches against a one-way road.
    """
    roads = [link for link in scenario.links if link.mode is Mode.ROAD]
    by_closure: dict[frozenset[str], list[int]] = defaultdict(list)
    for day in range(scenario.horizon_days):
        by_closure[frozenset(link.id for link in roads if not drives(link, day))].append(day)
    out: dict[LocationId, list[tuple[int, list[Link]]]] = defaultdict(list)
    for days in by_closure.values():
        first = days[0]
        km = road_matrix(scenario, [*depots, *places], day=first)
        for place in places:
            own = cut_off_roads(scenario, place, first)
            if not depots:
                if own:
                    out[place].extend((d, own) for d in days)
                continue
            j = km.index(place)
            ways = [
                (x, bool(km.closed[km.index(x), j]), bool(km.closed[j, km.index(x)]))
                for x in depots
            ]
            if not all(there or back for _, there, back in ways):
                continue
            named = own or [
                link
                for x, there, back in ways
                for link in round_trip_blockers(scenario, x, place, first, out=there, back=back)
            ]
            blame = list({link.id: link for link in named}.values())
            out[place].extend((d, blame) for d in days)
    return out


def _note(link: Link, day: int) -> str:
    """Why a named road is not driven, where its closure days do not say it."""
    if not link.carries_tonnes:
        return ": capacity 0 t/day"
    if drives(link, day):
        return ": one way only"
    if link.transit_days:
        closed = [x for x in link.outage_days if x >= 0]
        days = "day" if link.transit_days == 1 else "days"
        return f": closed {spans(closed)}, {link.transit_days} {days} in transit"
    return ""


def spans(days: Collection[int]) -> str:
    """``C+1–C+2, C+5``."""
    return ", ".join(
        day_label(a) if a == b else f"{day_label(a)}–{day_label(b)}" for a, b in day_runs(days)
    )


def with_cut_off(
    row: ReachRow,
    cut: list[tuple[int, list[Link]]],
    demand_days: Collection[int],
    horizon_days: int,
) -> ReachRow:
    """The row with its cut-off days; not sustainable if cut off on a demand day or all days."""
    if not cut:
        return row
    days = tuple(sorted(d for d, _ in cut))
    by_roads: dict[tuple[str, ...], list[int]] = defaultdict(list)
    names: dict[tuple[str, ...], str] = {}
    for d, links in sorted(cut, key=lambda x: x[0]):
        key = tuple(link.id for link in links)
        by_roads[key].append(d)
        names[key] = (
            ", ".join(f"{road_name(link)} (link {link.id}{_note(link, d)})" for link in links)
            or "every road closed"
        )
    text = "; ".join(f"{spans(ds)}: {names[k]}" for k, ds in by_roads.items())
    hit = sorted(set(days) & set(demand_days))
    reason = row.reason
    if hit or len(days) == horizon_days:
        # a tester could not parse "cut off by road on C+3, days it has demand (C+0–C+1: …"
        why = (
            f"cut off by road on {spans(days)}, with demand on {spans(hit)}"
            if hit
            else f"cut off by road on every day ({spans(days)})"
        )
        why += f" (roads closed: {text})"
        reason = f"{reason}; {why}" if reason else why
    return replace(row, cut_off_days=days, cut_off=text, reason=reason, sustainable=not reason)
