"""The words for closures: in a shortfall's cause, and in the bottleneck report's entries.

A link and its days, and with capacities, in a cause: out of
:mod:`~supplyline.planning.supply_cause`, which weighs the supply; what a closure entry says
it holds back and what its re-plan sends, out of :mod:`~supplyline.planning.outages`, which
re-plans them (modules under 600 lines each).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.planning.assemble import Problem
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outage_windows import Window
from supplyline.planning.resources import listed
from supplyline.types import day_ranges

if TYPE_CHECKING:
    from supplyline.planning.closure_capacity import Raised

__all__ = [
    "closed_and_unhandled",
    "closed_with_capacities",
    "closure_entry_words",
    "closure_text",
    "said_and",
]

HOLDS = (
    "leaves goods short",
    "delays deployment",
    "keeps units below their days-of-supply targets",
    "adds to the transport cost",
)
"""What a closure does, by the most important way the plan gains without it, indexed by
:class:`~supplyline.planning.objective_tiers.Tier` (which
:func:`~supplyline.planning.outcome_words.gain_tier` picks in the objective's order)."""
HOLD_TOGETHER = (
    "leave goods short",
    "delay deployment",
    "keep units below their days-of-supply targets",
    "add to the transport cost",
)
"""What several closures do together, in the same order as :data:`HOLDS`."""


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


def closure_entry_words(
    p: Problem,
    windows: tuple[Window, ...],
    tier: Tier,
    coms: tuple[str, ...],
    raised: Raised | None = None,
) -> str:
    """The start of a closure entry's explanation, up to what the re-made plan gains.

    One window: "the closure of road link r1 (A→M, both ways) on C+0–C+2 delays
    deployment: without it, the re-made plan sends deployment over it on those days and ",
    with "(closed again on C+12–C+14, kept)" after its days where the link has other
    windows, which the re-made plan keeps closed. Several: "the closures of … on … and …
    on … together delay deployment: without them, …", a link's windows said together
    ("on C+0–C+2 and C+5"). With the capacities ``raised`` too, the place handling 0 t/day
    (or 0 pax/day) among them is named with the closure, and every extra after it: "the
    closure of … and the handling of 0 t/day at Border yard together leave goods short:
    without it, and with +10 t/day at Border yard (handling 0 t/day) on every day, the
    re-made plan …".
    """
    spans: dict[int, list[str]] = {}
    for w in windows:
        spans.setdefault(w.link, []).append(day_ranges(w.days))
    said = []
    for li, days in spans.items():
        link = p.scenario.links[li]
        ways = f"{link.origin}→{link.destination}{', both ways' if link.bidirectional else ''}"
        said.append(f"{link.mode.value} link {link.id} ({ways}) on {said_and(days)}")
    them = "it" if len(windows) == 1 else "them"
    over = f"sends {listed(coms)} over {them} on those days and " if coms else ""
    if len(windows) == 1:
        (window,) = windows
        link = p.scenario.links[window.link]
        kept = sorted(d for d in link.outage_days if 0 <= d < p.days and d not in window.days)
        closed = f"the closure of {said[0]}"
        closed += f" (closed again on {day_ranges(kept)}, kept)" if kept else ""
        holds = HOLDS[tier]
    else:
        closed, holds = f"the closures of {said_and(said)}", HOLD_TOGETHER[tier]
    if raised is not None:
        return (
            f"{closed} and {raised.held} together "
            f"{HOLD_TOGETHER[tier]}: without {them}, and with {raised.words} on every day, "
            f"the re-made plan {over}"
        )
    together = "" if len(windows) == 1 else "together "
    return f"{closed} {together}{holds}: without {them}, the re-made plan {over}"


def said_and(parts: list[str]) -> str:
    """Parts in a sentence, every one: "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
