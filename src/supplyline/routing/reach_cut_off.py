"""The days a unit's place is cut off by road, for the reach check, and the roads to blame.

A place is cut off on a day when no truck depot reaches it and gets back over the roads
driven that day (the rule of :mod:`~supplyline.routing.roads`, as ``routes`` reports
``road_closed``); a unit cut off on a day it has demand that its own stock does not cover
(:mod:`~supplyline.routing.reach_cover`; given a plan, what the plan holds at its place
by the day before, :mod:`~supplyline.routing.reach_plan_cover`), or on every day, is not
sustainable. Moved out
of :mod:`~supplyline.routing.reach` whole, to keep that module to the verdicts it composes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from supplyline.domain import Link, Mode, Scenario, Unit
from supplyline.domain.reach_flags import FlagKind, with_kind
from supplyline.domain.routes import ReachRow
from supplyline.routing.reach_cover import RunCover, cover_runs, refill_days, stock_days
from supplyline.routing.reach_plan_cover import PlanHeld, plan_held_words
from supplyline.routing.roads import (
    cut_off_roads,
    drives,
    road_matrix,
    road_name,
    round_trip_blockers,
)
from supplyline.types import LocationId, day_label, day_runs

__all__ = ["PlanCover", "cut_off_days", "cut_off_words", "spans", "with_cut_off"]

PlanCover = Callable[[int, Sequence[int]], PlanHeld]
"""What the plan holds for the unit by the end of the day before a run of cut-off days
(its first day, and its days with demand): :func:`~.reach_plan_cover.plan_held`."""


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
    unit: Unit | None = None,
    plan_cover: PlanCover | None = None,
    *,
    without_plan: bool = False,
) -> ReachRow:
    """The row with its cut-off days; not sustainable if cut off on a demand day or all days.

    Given the ``unit``, a run of cut-off days that its own stock covers is not flagged
    (:mod:`~supplyline.routing.reach_cover`); ``cut_off`` says so (``C+13 covered by its
    3 days of supply``), so that the planner still sees the closure. Given ``plan_cover``
    (a movement plan), a run after C+0 is judged on what the plan holds at the unit's place
    by the day before it instead (:mod:`~supplyline.routing.reach_plan_cover`): ``C+15–C+16
    covered: holds 6 days of food at ua-3 by C+14 (the plan's stock), cut off 2 days: ok``.
    ``without_plan`` (``reach`` alone): a flagged run says it was counted from
    ``days_of_supply`` only, not from what a plan would stock at the unit's place ahead.
    A unit cut off on every day is flagged whatever it holds: no truck ever reaches it.
    """
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
    target, start = stock_days(unit) if unit is not None else (0.0, 0.0)
    in_place = unit is not None and unit.in_place
    runs = cover_runs(
        days, demand_days, target_days=target, start_days=start, refill=refill_days(row)
    )
    first_of = {d: a for a, b in day_runs(days) for d in range(a, b + 1)}
    planned = {
        r.days: plan_cover(first_of[r.days[0]], r.days)
        for r in runs
        if plan_cover is not None and first_of[r.days[0]] > 0  # C+0: what it starts with
    }
    runs = [replace(r, covered=planned[r.days].covered) if r.days in planned else r for r in runs]
    covered = [r for r in runs if r.covered]
    short = [r for r in runs if not r.covered]
    hit = sorted(d for r in short for d in r.days)
    reason = row.reason
    if hit or len(days) == horizon_days:
        # a tester could not parse "cut off by road on C+3, days it has demand (C+0–C+1: …"
        why = (
            f"cut off by road on {spans(days)}, with demand on {spans(hit)}"
            if hit
            else f"cut off by road on every day ({spans(days)})"
        )
        if hit and (target > 0 or start > 0 or planned):
            said = _short_words(short, target, start, row, in_place=in_place, planned=planned)
            if without_plan and unit is not None:
                said += (
                    "; no movement plan: counted from units.csv's days_of_supply only, not"
                    f" what a plan stocks at {unit.destination} ahead (plan counts it)"
                )
            why += f", more than its stock covers ({said})"
        why += f" (roads closed: {text})"
        reason = f"{reason}; {why}" if reason else why
    if covered:
        text += "; " + "; ".join(_covered_words(covered, target, start, planned))
    short_of_stock = bool(hit) or len(days) == horizon_days
    return replace(
        row,
        cut_off_days=days,
        cut_off=text,
        covered_days=tuple(d for r in covered for d in r.days),
        reason=reason,
        sustainable=not reason,
        flagged_for=with_kind(row.flagged_for, FlagKind.CUT_OFF)
        if short_of_stock
        else row.flagged_for,
    )


def _days(n: float) -> str:
    """``1 day``, ``3 days``, ``0.5 day``."""
    n = round(n, 2)
    return f"{n:g} {'day' if 0 < n <= 1 else 'days'}"


def _covered_words(
    covered: list[RunCover],
    target: float,
    start: float,
    planned: dict[tuple[int, ...], PlanHeld],
) -> list[str]:
    """``C+13 covered by its 3 days of supply``, grouped by what covers the runs.

    A run before any open day is covered by what the unit starts with: its
    ``on_hand_days`` where they differ from its ``days_of_supply``. A run judged on the
    plan's stock says what it counted, run by run.
    """
    by_words: dict[str, list[int]] = defaultdict(list)
    plans = [
        f"{spans(r.days)} covered: {plan_held_words(planned[r.days])}"
        for r in covered
        if r.days in planned
    ]
    for r in covered:
        if r.days in planned:
            continue
        words = (
            f"the {_days(start)} of supply it holds at the start"
            if r.from_start and start != target
            else f"its {_days(target)} of supply"
        )
        by_words[words].extend(r.days)
    return [*(f"{spans(ds)} covered by {words}" for words, ds in by_words.items()), *plans]


def _short_words(
    short: list[RunCover],
    target: float,
    start: float,
    row: ReachRow,
    *,
    in_place: bool,
    planned: dict[tuple[int, ...], PlanHeld],
) -> str:
    """Why the stock does not cover the runs: their days against what it holds by then.

    ``C+7–C+8: 2 days, at most 1 day of supply held by then; days_of_supply 3, rebuilt at
    most one day for each day open`` (two runs close together). A run judged on the plan's
    stock says what the plan holds (:func:`~.reach_plan_cover.plan_held_words`), and the
    ``days_of_supply`` rule is said only for runs judged by it.
    """
    runs = "; ".join(
        f"{spans(r.days)}: {plan_held_words(planned[r.days])}"
        if r.days in planned
        else f"{spans(r.days)}: {_days(len(r.days))}, at most {_days(r.held_days)} of supply "
        "held by then"
        for r in short
    )
    short = [r for r in short if r.days not in planned]
    if not short:
        return runs
    held = f"days_of_supply {target:g}"
    if not in_place and any(r.from_start for r in short):
        held += ", none on its first day: it deploys, and its stock comes by road"
    elif in_place and start != target:
        held += f", on_hand_days {start:g} at the start"
    refill = refill_days(row)
    if refill <= 0:
        held += ", not rebuilt: its trucks have no room beyond the day's need"
    elif refill < 1:
        held += f", rebuilt at most {_days(refill)} for each day open (its trucks' room)"
    else:
        held += ", rebuilt at most one day for each day open"
    return f"{runs}; {held}"


def cut_off_words(row: ReachRow) -> str:
    """What a unit not flagged for its cut-off days says of them (empty: nothing to say).

    One sentence for every face (``reach``'s lines under its table, ``plan``'s reach check
    line, the report's notes), so that a planner whose unit is ok still sees the closure:
    ``cut off by road on days its stock covers: C+13: road … ; C+13 covered by its 3 days
    of supply``. A unit never at its destination says nothing of its days (its reason
    says it never arrives; "bn-2 (ok): cut off …" read as a unit judged fine).
    """
    if not row.cut_off or not row.sustainable or not row.arrives:
        return ""
    days = (
        "it has no demand"
        if not row.covered_days
        else "its stock covers"
        if len(row.covered_days) == len(row.cut_off_days)
        else "it has no demand or its stock covers"
    )
    return f"cut off by road on days {days}: {row.cut_off}"
