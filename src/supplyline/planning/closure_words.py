"""The words for closures in a shortfall's cause: a link and its days, and with capacities.

Out of :mod:`~supplyline.planning.supply_cause`, which weighs the supply; these say the
closures (a module under 600 lines each).
"""

from __future__ import annotations

from supplyline.planning.assemble import Problem
from supplyline.types import day_ranges

__all__ = ["closed_and_unhandled", "closed_with_capacities", "closure_text"]


def closed_with_capacities(p: Problem, closures: frozenset[int], k: int, v: int, see: str) -> str:
    """The closures and the capacities together, for a day goods can arrive after them.

    A unit whose road was closed C+3–C+4, its depot storing what it held back and the road
    (10 t/day) too small to bring it at once after, read "capacity" on C+6–C+11: re-planned
    with the road open those days were (almost) never below target, nor with every capacity
    unlimited. ``see`` points at the bottlenecks.
    """
    named = ", ".join(closure_text(p, li) for li in sorted(closures))
    them = "it" if len(closures) == 1 else "them"
    com_id = p.demand.commodity_ids[k]
    known = p.scenario.commodity_by_id.get(com_id)
    commodity = known.name if known is not None else com_id
    place = p.scenario.location(p.net.location_ids[v]).name
    return (
        f"the {'closure' if len(closures) == 1 else 'closures'} of {named} and the capacities "
        f"together: with {them} closed, the capacities cannot bring {place} the {commodity} "
        f"its units missed in time {see}; with {them} reopened, they would leave room for more"
    )


def closed_and_unhandled(
    p: Problem, closures: frozenset[int], shut: str, place: str, commodity: str, see: str
) -> str:
    """The cause where closures and a place that handles 0 t/day must both change.

    With the handling raised goods arrive only once the closures reopen, and reopened they
    arrive only once the handling is raised: a camp behind a yard of 0 t/day and a road
    closed C+0–C+5 read "capacity: … handles 0 t/day" alone on C+2–C+7, where raising the
    yard brought nothing. ``shut`` names the places, ``see`` points at the bottlenecks.
    """
    named = [closure_text(p, li) for li in sorted(closures)]
    which = "closure" if len(named) == 1 else "closures"
    them = "it" if len(named) == 1 else "them"
    return (
        f"the {which} of {', '.join(named)} and a place that handles 0 t/day ({shut}) together "
        f"cut {place} off from {commodity}: reopening {them} alone, or raising the handling "
        f"alone, lets none arrive on these days {see}"
    )


def closure_text(p: Problem, link_index: int) -> str:
    """The link and all its closure days in the horizon.

    Cut to the days it explains, a relief planner read "closed C+0–C+4" of a causeway
    closed until C+6 as the day it reopens.
    """
    link = p.scenario.links[link_index]
    if not link.carries_tonnes:
        return f"{link.mode.value} link {link.id} (capacity 0 t/day: closed on every day)"
    days = sorted(d for d in link.outage_days if 0 <= d < p.days)
    return f"{link.mode.value} link {link.id} (closed {day_ranges(days)})"
