"""The reach check beside one routed day: a unit the day's routes left short is flagged.

The reach check judges each unit's peak daily demand on estimates (trucks ×
availability × turns); the routes of a day are what the trucks actually do. A staff
planner's routes report for steppe-fewnl C+20 left 0.59 t unserved while its reach
section read "0 of 5 unit(s) flagged": a unit the day's routes could not serve in full
now reads as flagged on that day, with what was left and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from supplyline.domain.routes import ReachCheck, Routes
from supplyline.types import day_label

__all__ = ["with_routes_day"]


def with_routes_day(check: ReachCheck, routes: Routes) -> ReachCheck:
    """``check`` with each unit the ``routes`` left short flagged, saying what and why.

    A unit already flagged keeps its reason, the day's words after it.
    """
    short_t: dict[str, float] = defaultdict(float)
    why: dict[str, set[str]] = defaultdict(set)
    for u in routes.unserved:
        short_t[u.unit] += u.tonnes
        why[u.unit].add(str(u.reason))
    rows = []
    for r in check.rows:
        if r.unit not in short_t:
            rows.append(r)
            continue
        said = (
            f"on {day_label(routes.day)} the routes left {short_t[r.unit]:.3f} t of it "
            f"unserved ({', '.join(sorted(why[r.unit]))}: see the routes' unserved.csv)"
        )
        reason = f"{r.reason}; {said}" if r.reason else said
        rows.append(replace(r, sustainable=False, reason=reason))
    return replace(check, rows=tuple(rows))
