"""Days a place holds more than its ``storage_t``, counting its units' own stock.

The plan keeps a place's store within ``storage_t``, but the stock units hold at their
destination is theirs and not counted against it
(:func:`~supplyline.domain.camp_storage.check_camp_storage` warns of it before the plan).
An analyst's camp of ``storage_t`` 0 held 8 t in its unit's hands on C+3 and the plan said
nothing: this says on which days the place holds more, and how much.
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
        if room is not None and tonnes + store_t[place, day] > room + TOL_T:
            over[place].append(day)
    said = []
    for place in sorted(over):
        days = sorted(over[place])
        worst = max(days, key=lambda d: (units_t[place, d] + store_t[place, d], -d))
        room = scenario.location_by_id[place].storage_t
        said.append(
            f"warning: on {day_ranges(days)} the units at {place!r} hold more than its "
            f"storage_t of {figure_text(room or 0.0)} t, which bounds only what the plan keeps "
            f"in the place's own store: {figure_text(units_t[place, worst])} t in the units' "
            f"hands and {figure_text(store_t[place, worst])} t in the store on "
            f"{day_label(worst)}, the most"
        )
    return tuple(said)
