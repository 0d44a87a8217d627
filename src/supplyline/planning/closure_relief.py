"""Which unit-days' shortfall a closure's re-plan removes, and the words that name it there.

The bottleneck report re-plans each outage window open
(:mod:`~supplyline.planning.outages`) and lists those that gain, but the shortfall rows
did not hear of it: on a day goods can still reach the unit by another way, no closure
cuts it off (:mod:`~supplyline.planning.unreachable`), and the cause named only the
capacities and the supply. A tester's mountain road closed C+5–C+8 left two camps short
of water on C+6–C+9 (336 t in all, as the report's closures table said), and the rows read
only "capacity and supply: … the supplies at … are the limit".

So each closure entry carries the unit-days whose shortfall its re-plan removes (short in
the plan, not short in the plan re-made with the window open), and a row on exactly those
days names the closure with its rank in the report. It is named nowhere else: the re-plan
measured no more than that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import Bottleneck
from supplyline.planning.assemble import Problem
from supplyline.planning.closure_words import said_and
from supplyline.planning.extract import TOL
from supplyline.planning.model import LpModel
from supplyline.planning.outage_windows import Window
from supplyline.types import day_ranges, to_gram

__all__ = ["ClosureRelief", "UnitDay", "closures_named", "relieved_days", "short_days"]

FloatArray = npt.NDArray[np.float64]

UnitDay = tuple[str, str, int]
"""A unit's commodity on a day: (unit id, commodity id, day)."""


@dataclass(frozen=True, slots=True)
class ClosureRelief:
    """A closure entry of the bottleneck report and the unit-days its re-plan is not short on."""

    entry: Bottleneck
    """The closure's entry (kind ``outage``), as the plan lists it."""
    windows: tuple[Window, ...]
    """The outage windows re-planned open together for it (one, most often)."""
    relieved: frozenset[UnitDay]
    """The unit-days short in the plan and not short in the re-made plan."""


def short_days(p: Problem, m: LpModel, x: FloatArray) -> dict[UnitDay, float]:
    """Tonnes short in solution ``x`` by unit-day, where any is short (beyond :data:`TOL`)."""
    b = m.cols["short"]
    vals = x[b.start : b.start + b.size]
    hit = np.flatnonzero(vals > TOL)
    units, coms = p.demand.unit_ids, p.demand.commodity_ids
    return {
        (units[u], coms[k], t): v
        for u, k, t, v in zip(
            b["u"][hit].tolist(),
            b["k"][hit].tolist(),
            b["t"][hit].tolist(),
            vals[hit].tolist(),
            strict=True,
        )
    }


def relieved_days(
    before: Mapping[UnitDay, float], p2: Problem, m2: LpModel, x2: FloatArray
) -> frozenset[UnitDay]:
    """The unit-days short ``before`` that the re-made plan (``x2`` of ``m2``) removes.

    A day counts where the re-made plan is not short on it at all (one it leaves less
    short is not the closure's alone), and only where the unit's shortfall of that
    commodity over the horizon falls by at least those days' tonnes: an optimum is seldom
    the only one, and a re-plan that moved a camp's 0.8 t of shelter from C+12 to C+13
    removed nothing, yet named the closure on C+12. Nothing where the re-plan removes no
    shortfall in all (a closure that only delays deployment).
    """
    after = short_days(p2, m2, x2)
    gone = [day for day in before if day not in after]
    dropped: dict[tuple[str, str], float] = {}
    for (unit, com, _), short in before.items():
        dropped[unit, com] = dropped.get((unit, com), 0.0) + short
    for (unit, com, _), short in after.items():
        dropped[unit, com] = dropped.get((unit, com), 0.0) - short
    removed: dict[tuple[str, str], float] = {}
    for unit, com, t in gone:
        removed[unit, com] = removed.get((unit, com), 0.0) + before[unit, com, t]
    return frozenset(
        (unit, com, t)
        for unit, com, t in gone
        if to_gram(dropped[unit, com]) >= to_gram(removed[unit, com])
    )


def closures_named(
    p: Problem,
    reliefs: Sequence[ClosureRelief],
    bottlenecks: Sequence[Bottleneck],
    day: UnitDay,
    blamed: frozenset[int],
) -> str:
    """What a shortfall row on ``day`` adds for the closures whose re-plan removes it ("" if none).

    ``"; the closure of road link mtn-road on C+5–C+8 is the limit on these days: see
    closure 12"``, the rank the report lists it by among ``bottlenecks``. Closures whose
    links the cause already blames (``blamed``, by link index) are not said again.
    Several, each re-planned apart: "reopening any one would do".
    """
    said: list[tuple[str, int]] = []
    for relief in reliefs:
        if day not in relief.relieved or {w.link for w in relief.windows} <= blamed:
            continue
        listed_at = (i for i, b in enumerate(bottlenecks, start=1) if b == relief.entry)
        rank = next(listed_at, None)
        if rank is not None:  # an entry the plan does not list has no rank to point at
            said.append((_windows_text(p, relief.windows), rank))
    if not said:
        return ""
    ranks = [str(rank) for _, rank in said]
    if len(said) == 1:
        ((closure, rank),) = said
        if closure.endswith(" together"):
            return f"; the closures of {closure} are the limit on these days: see closure {rank}"
        return f"; the closure of {closure} is the limit on these days: see closure {rank}"
    return (
        f"; the closures of {said_and([c for c, _ in said])} are the limit on these days "
        f"(reopening any one would do): see closures {said_and(ranks)}"
    )


def _windows_text(p: Problem, windows: tuple[Window, ...]) -> str:
    """The windows' links and days: "road link mtn-road on C+5–C+8", several joined."""
    by_link: dict[int, list[int]] = {}
    for w in windows:
        by_link.setdefault(w.link, []).extend(w.days)
    parts = []
    for li, days in by_link.items():
        link = p.scenario.links[li]
        parts.append(f"{link.mode.value} link {link.id} on {day_ranges(sorted(days))}")
    text = said_and(parts)
    return f"{text} together" if len(parts) > 1 else text
