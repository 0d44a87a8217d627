"""What a unit's own stock covers of the days its place is cut off by road.

A unit holds ``days_of_supply`` of its goods so that a short break in supply does not
starve it; the reach check flagged every day with demand that its place was cut off, so
a first-time planner's template (``supplyline init``) opened with an alarm, "cut off by
road on C+13", for a one-day closure that its 3 days of supply cover and that its plan
ran 0 t short through.

The rule, on the safe side (the trucks are not routed, the plan is not read): the unit's
stock is counted in days of its need. It is ``reach``'s, without a plan; given one, a run
after C+0 is judged on the plan's own stock (:mod:`~supplyline.routing.reach_plan_cover`).

* It starts, on the first day the unit has demand, at its ``on_hand_days`` (by default its
  ``days_of_supply``) for a unit already in place, and at nothing for a unit that deploys:
  whatever it is meant to hold must first come by road, and a closure from its first day
  on finds nothing.
* Each day with demand that its place is open adds at most one day of supply, and no more
  than its trucks have room for beyond the day's need (the least room of its depots'
  trucks, for the unit alone and by the share of their hours all their units need), up to
  its ``days_of_supply`` (stock above that is taken as eaten first).
* Each day with demand that its place is cut off takes one day.

A run of cut-off days is *covered* when the stock does not run out within it: no longer
than what the unit can hold by then, and, for runs close together, no longer than the
open days since the last one can rebuild. Days without demand neither add nor take.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from supplyline.domain import Unit
from supplyline.domain.routes import ReachRow
from supplyline.types import day_runs

__all__ = ["RunCover", "cover_runs", "refill_days", "stock_days"]

_EPS = 1e-9
"""Days of supply below this are none: 3 days less three closures of one day is 0, not -1e-16."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RunCover:
    """One run of consecutive cut-off days with demand, and whether the unit's stock covers it."""

    days: tuple[int, ...]
    """The run's days with demand (the days the unit eats from its stock)."""
    held_days: float
    """The most days of supply the unit can hold going into the run."""
    covered: bool
    from_start: bool
    """Whether no open day came before it: what it holds is what it started with."""


def stock_days(unit: Unit) -> tuple[float, float]:
    """The days of supply a unit is meant to hold, and those it holds on its first day.

    A unit in place starts with its ``on_hand_days`` (by default its ``days_of_supply``);
    one that deploys starts with nothing: its target comes by road after it arrives.
    """
    if not unit.in_place:
        return unit.days_of_supply, 0.0
    start = unit.days_of_supply if unit.on_hand_days is None else unit.on_hand_days
    return unit.days_of_supply, start


def refill_days(row: ReachRow) -> float:
    """The most days of supply a day open can add to the unit's stock, 0 to 1.

    What its trucks carry beyond the day's need, as a share of that need: the least over
    its depots (each depot's share of its goods on that depot's trucks), for the unit
    alone and by the share of each depot's truck-hours that all its units need (as if
    they all rebuilt at once); never more than one day a day. Road capacities are not
    counted (a known limit, docs/routing.md).
    """
    parts = [(s.capacity_t_per_day, s.daily_t, s.depot_load_pct) for s in row.shares] or [
        (row.capacity_t_per_day, row.daily_t, row.depot_load_pct)
    ]
    room = [1.0]
    for capacity_t, daily_t, load_pct in parts:
        if daily_t > 0:
            room.append((capacity_t - daily_t) / daily_t)
        if load_pct is not None and load_pct > 0:
            room.append((100.0 - load_pct) / load_pct)
    return max(0.0, min(room))


def cover_runs(
    cut_days: Collection[int],
    demand_days: Collection[int],
    *,
    target_days: float,
    start_days: float,
    refill: float,
) -> list[RunCover]:
    """Each run of cut-off days with demand, in order, and whether the stock covers it.

    ``target_days`` is the unit's ``days_of_supply``, ``start_days`` what it holds on its
    first day with demand (:func:`stock_days`), ``refill`` what a day open adds at most
    (:func:`refill_days`). See the module's docstring for the rule.

    >>> [(r.days, r.covered) for r in cover_runs(
    ...     [13], range(6, 20), target_days=3, start_days=0, refill=1)]
    [((13,), True)]
    >>> [(r.days, r.covered) for r in cover_runs(
    ...     [0], range(20), target_days=3, start_days=0, refill=1)]
    [((0,), False)]
    """
    run_of = {d: a for a, b in day_runs(cut_days) for d in range(a, b + 1)}
    stock, fresh = start_days, True
    held: dict[int, tuple[float, bool]] = {}  # by a run's first day: stock going in, fresh
    eaten: dict[int, list[int]] = {}  # by a run's first day: its days with demand
    short: set[int] = set()
    for day in sorted(set(demand_days)):
        first = run_of.get(day)
        if first is None:  # open: the trucks bring the day's need, and rebuild the stock
            stock, fresh = min(target_days, max(stock, 0.0) + refill), False
            continue
        if first not in eaten:  # a run not covered ran out: nothing is left after it
            stock = max(stock, 0.0)
            held[first], eaten[first] = (stock, fresh), []
        eaten[first].append(day)
        stock -= 1.0
        if stock < -_EPS:
            short.add(first)
    return [
        RunCover(
            days=tuple(days), held_days=held[f][0], covered=f not in short, from_start=held[f][1]
        )
        for f, days in eaten.items()
    ]
