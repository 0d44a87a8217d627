"""Goods that go round a cycle of roads back to a full store: storage the roads stood in for.

The plan keeps goods from turning back on the road they came by the day they are usable
(:mod:`~supplyline.planning.turn_back`), which stops a store's ``storage_t`` being
bypassed over one two-way road. A longer cycle (a triangle of two-way roads, ``A → B →
C → A``) can still keep goods moving for days in no store at all, and the rows that would
forbid it are not cheap to write (a path's history is not in a flow LP). So this reads
the plan's records: a chain of legs, each leaving the place the one before reached on the
day its goods became usable there (no day in any store), that ends where it started,
while that place's store is full (at its ``storage_t``) on a day of the round. Plans the
fallback made take no turn-back rows: a turn-back there (more arrived from a place, usable
that day, than stayed, was delivered or left for elsewhere) is said too
(:func:`turned_back`).
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain import Plan, Scenario
from supplyline.types import day_label, figure_text

__all__ = ["round_trips", "turned_back"]

TOL_T = 1e-6
"""Below this a leg carries nothing, and a store this near its ``storage_t`` is full."""
MOST_LEGS = 6
"""Legs followed from a departure: a round of more is not looked for (the search stays
linear in the plan's movements)."""

_Leg = tuple[str, int, int, float]  # place reached, day usable there, departure day, tonnes


def round_trips(plan: Plan, scenario: Scenario) -> tuple[str, ...]:
    """One warning per commodity and place that goods go round to while its store is full.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link()
    >>> round_trips(plan_movements(scenario, demand), scenario)
    ()
    """
    dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
    room = {loc.id: loc.storage_t for loc in scenario.locations}
    stored: defaultdict[tuple[str, int], float] = defaultdict(float)
    for level in plan.stocks:
        if level.unit is None:
            stored[level.location, level.day] += level.tonnes
    legs: defaultdict[tuple[str, str, int], list[_Leg]] = defaultdict(list)
    for m in plan.movements:
        if m.tonnes > TOL_T and not m.commodity.startswith("deploy:"):
            usable = m.arrival_day + dwell[m.destination]
            legs[m.commodity, m.origin, m.departure_day].append(
                (m.destination, usable, m.departure_day, m.tonnes)
            )
    found: dict[tuple[str, str], tuple[list[str], int, int, float]] = {}
    for (commodity, place, day), first in legs.items():
        cap = room[place]
        if cap is None:
            continue  # a place that can store without limit: going round is no storage
        for route, back, tonnes in _rounds(legs, commodity, place, day, first):
            full = [d for d in range(day, back) if stored[place, d] >= cap - TOL_T]
            if not full:
                continue
            was = found.get((commodity, place))
            if was is None or tonnes > was[3]:
                found[commodity, place] = (route, day, back, tonnes)
    rounds = tuple(
        f"warning: {commodity} goes round {' → '.join(route)} ({day_label(day)}–"
        f"{day_label(back)}, up to {figure_text(tonnes)} t) while the store at {place!r} is "
        f"full ({figure_text(room[place] or 0.0)} t): the roads stand in for storage the "
        "plan does not have, and the plan may promise more than can be kept (docs/planning.md, "
        "Known limits)"
        for (commodity, place), (route, day, back, tonnes) in sorted(found.items())
    )
    return turned_back(plan, scenario) + rounds


def turned_back(plan: Plan, scenario: Scenario) -> tuple[str, ...]:
    """One warning per commodity and place where goods went back the way they came that day.

    What reached a place from ``u``, usable on a day, either stays (the store, a unit
    there), or leaves for elsewhere: the rest went back to ``u`` (the turn-back rows'
    rule, read on the records). Never in a plan the solver proved (its rows forbid it);
    a fallback plan (the time limit) is not held to it.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link()
    >>> turned_back(plan_movements(scenario, demand), scenario)
    ()
    """
    dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
    came: defaultdict[tuple[str, str, str, int], float] = defaultdict(float)
    went: defaultdict[tuple[str, str, str, int], float] = defaultdict(float)
    left: defaultdict[tuple[str, str, int], float] = defaultdict(float)
    for m in plan.movements:
        if not m.commodity.startswith("deploy:"):
            came[m.commodity, m.destination, m.origin, m.arrival_day + dwell[m.destination]] += (
                m.tonnes
            )
            went[m.commodity, m.origin, m.destination, m.departure_day] += m.tonnes
            left[m.commodity, m.origin, m.departure_day] += m.tonnes
    for level in plan.stocks:  # the store's (what a unit holds came as a delivery)
        if level.unit is None:
            left[level.commodity, level.location, level.day] += level.tonnes
    for d in plan.deliveries:
        left[d.commodity, d.location, d.day] += d.tonnes
    back: defaultdict[tuple[str, str], list[tuple[int, str, float]]] = defaultdict(list)
    for (commodity, place, origin, day), tonnes in came.items():
        gone = went.get((commodity, place, origin, day), 0.0)
        kept = left.get((commodity, place, day), 0.0) - gone
        if min(gone, tonnes - kept) > TOL_T * 10:
            back[commodity, place].append((day, origin, min(gone, tonnes - kept)))
    return tuple(
        f"warning: {commodity} goes back the way it came at {place!r} "
        f"({', '.join(f'to {u!r} on {day_label(d)}' for d, u, _ in sorted(days))}, "
        f"{figure_text(sum(t for *_, t in days))} t in all): the road stands in for storage "
        "the plan does not have (a plan the time limit stopped is not held to the rule; "
        "docs/planning.md, Known limits)"
        for (commodity, place), days in sorted(back.items())
    )


def _rounds(
    legs: dict[tuple[str, str, int], list[_Leg]],
    commodity: str,
    home: str,
    day: int,
    first: list[_Leg],
) -> list[tuple[list[str], int, float]]:
    """Chains of same-day legs from ``home`` on ``day`` back to ``home``: route, day, tonnes.

    ``tonnes`` is the least leg of the chain (what can have gone all the way round, at
    most). Places are not passed twice in one chain.
    """
    out = []
    stack = [([home, to], back, tonnes) for to, back, _, tonnes in first]
    while stack:
        route, usable, tonnes = stack.pop()
        here = route[-1]
        if here == home:
            if len(route) > 3:  # A → B → A is a turn-back: the plan's rows forbid it
                out.append((route, usable, tonnes))
            continue
        if len(route) > MOST_LEGS:
            continue
        for to, back, _, leg_t in legs.get((commodity, here, usable), ()):
            if to == home or to not in route:
                stack.append(([*route, to], back, min(tonnes, leg_t)))
    return out
