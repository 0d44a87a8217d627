"""The reach check beside one routed day: a unit the day's routes left short is flagged.

The reach check judges each unit's peak daily demand on estimates (trucks ×
availability × turns); the routes of a day are what the trucks actually do. A staff
planner's routes report for steppe-fewnl C+20 left 0.59 t unserved while its reach
section read "0 of 5 unit(s) flagged": a unit the day's routes could not serve in full
now reads as flagged on that day, with what was left and why; and, where only some of
its trucks may carry the goods left (fleet.csv's ``carries``), which ones and what they
carry: a convoy officer's camps-tight row read "trucks carry 220.50 t/day" against 47.23
needed beside the routes' fuel left on the one tanker.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from supplyline.domain.reach_flags import FlagKind, with_kind
from supplyline.domain.routes import ReachCheck, ReachRow, Routes
from supplyline.routing.reach_turns import product_text
from supplyline.types import day_label

__all__ = ["with_routes_day"]


def with_routes_day(check: ReachCheck, routes: Routes) -> ReachCheck:
    """``check`` with each unit the ``routes`` left short flagged, saying what and why.

    A unit already flagged keeps its reason, the day's words after it.
    """
    short_t: dict[str, float] = defaultdict(float)
    why: dict[str, set[str]] = defaultdict(set)
    left: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for u in routes.unserved:
        short_t[u.unit] += u.tonnes
        why[u.unit].add(str(u.reason))
        for c, t in u.load_t.items():
            left[u.unit][c] += t
    rows = []
    for r in check.rows:
        if r.unit not in short_t:
            rows.append(r)
            continue
        said = (
            f"on {day_label(routes.day)} the routes left {short_t[r.unit]:.3f} t of it "
            f"unserved ({', '.join(sorted(why[r.unit]))}: see the routes' Not delivered table)"
            + _carried_by(r, left[r.unit])
        )
        reason = f"{r.reason}; {said}" if r.reason else said
        kinds = with_kind(r.flagged_for, FlagKind.ROUTES_DAY)
        rows.append(replace(r, sustainable=False, reason=reason, flagged_for=kinds))
    return replace(check, rows=tuple(rows))


def _carried_by(row: ReachRow, left: dict[str, float]) -> str:
    """Which of the row's trucks may carry the goods left, where only some may, in words.

    ``; the trucks that may carry what was left: fuel 0.504 t, on 1 truck from depot-n
    carrying 6 t/day`` (the row's own figures are its bottleneck's or all its trucks').
    Empty where one share carries all its goods.
    """
    if not row.shares:
        return ""
    said = []
    for x in row.shares:
        goods = [c for c in x.goods if left.get(c, 0.0) > 0]
        if not goods:
            continue
        what = ", ".join(f"{c} {left[c]:.3f} t" for c in goods)  # as the tonnes left read
        said.append(
            f"{what}, on {x.trucks} truck{'' if x.trucks == 1 else 's'} from {x.depot} "
            f"carrying {product_text(x.capacity_t_per_day)} t/day"
        )
    return f"; the trucks that may carry what was left: {'; '.join(said)}" if said else ""
