"""Days a place holds more than its ``storage_t``, counting its units' own stock.

The plan keeps a place's store within ``storage_t``, but the stock units hold at their
destination is theirs and not counted against it
(:func:`~supplyline.domain.camp_storage.check_camp_storage` warns of it before the plan).
An analyst's camp of ``storage_t`` 0 held 8 t in its unit's hands on C+3 and the plan said
nothing: this says on which days the place holds more, and how much.

A day whose store alone holds more than ``storage_t`` (what was on hand on C+0, which
``validate`` and the plan's load already warn of) is not counted: a tester's depot of
``storage_t`` 200 with 1,000 t on hand and a unit holding 0.6 t had read "the units at 'A'
hold more than its storage_t", blaming the units for what the store alone exceeds.
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain import Plan, Scenario
from supplyline.types import day_label, day_ranges, figure_text

__all__ = ["units_beyond_storage"]

TOL_T = 1e-6
"""A gram over ``storage_t`` is rounding, not stock."""


def units_beyond_storage(plan: Plan, scenario: Scenario) -> tuple[str, ...]:
    """One warning per place whose units' stock, with its store's, is more than its storage_t.

    Only the days the store alone is within ``storage_t`` count: on the others the store's
    own stock on hand is the excess, warned of where the scenario is read.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link()
    >>> units_beyond_storage(plan_movements(scenario, demand), scenario)
    ()
    """
    units_t: defaultdict[tuple[str, int], float] = defaultdict(float)
    store_t: defaultdict[tuple[str, int], float] = defaultdict(float)
    for level in plan.stocks:
        held = units_t if level.unit is not None else store_t
        held[level.location, level.day] += level.tonnes
    over: defaultdict[str, list[int]] = defaultdict(list)
    for (place, day), tonnes in units_t.items():
        room = scenario.location_by_id[place].storage_t
        if room is None or store_t[place, day] > room + TOL_T:
            continue  # no limit, or the store alone is over it: not the units' doing
        if tonnes + store_t[place, day] > room + TOL_T:
            over[place].append(day)
    said = []
    for place in sorted(over):
        days = sorted(over[place])
        worst = max(days, key=lambda d: (units_t[place, d] + store_t[place, d], -d))
        room = scenario.location_by_id[place].storage_t
        units_then, store_then = units_t[place, worst], store_t[place, worst]
        said.append(
            f"warning: on {day_ranges(days)} the units' stock together with the store's at "
            f"{place!r} is more than its storage_t of {figure_text(room or 0.0)} t, which "
            "bounds only what the plan keeps in the place's own store: "
            f"{figure_text(units_then)} t in the units' hands and {figure_text(store_then)} t "
            f"in the store on {day_label(worst)}, the most"
        )
    return tuple(said)
