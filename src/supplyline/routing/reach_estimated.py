"""A unit whose place no link reaches is flagged: its road km are an estimate, not a road.

Where no road joins a unit's place to its supply point, the reach check measures great
circle × the detour factor, as ``routes`` does (``leg_by_road`` no). A staff planner's
steppe-island2 outpost had no link at all: ``plan`` left it 87.22 t short ("no chain of
links … leads there") while reach read it ok at 161.6 km (``by_road`` false). A place
no link of any mode reaches cannot be supplied by the plan, whatever the trucks carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from supplyline.domain import Scenario
from supplyline.domain.reach_flags import FlagKind, with_kind
from supplyline.domain.routes import ReachRow

__all__ = ["with_unlinked"]


def with_unlinked(scenario: Scenario, rows: Sequence[ReachRow]) -> list[ReachRow]:
    """``rows``, each unit with demand whose place no link touches flagged, saying why."""
    linked = {x for link in scenario.links for x in (link.origin, link.destination)}
    out = []
    for r in rows:
        if r.location in linked or r.daily_t <= 0 or r.road_km is None:
            out.append(r)
            continue
        said = (
            f"no link in links.csv leads to {r.location}: its {r.road_km:.1f} km from "
            f"{r.supply_point} are great circle × detour {scenario.routing.detour_factor:g}, "
            f"not a road, and the movement plan can bring it nothing"
        )
        reason = f"{said}; {r.reason}" if r.reason else said
        kinds = with_kind(r.flagged_for, FlagKind.NO_LINK)
        out.append(replace(r, sustainable=False, reason=reason, flagged_for=kinds))
    return out
