"""The reach check by cargo class: each of a unit's goods on the trucks that may load it.

``routes`` loads a commodity only on the fleet groups whose ``carries`` admits it
(:mod:`~supplyline.routing.cargo`), but ``reach`` judged every truck of a depot as room
for all of a unit's goods: on a convoy officer's camps-tight it counted tankers and
flatbeds as room for water and read "0 of 7 flagged" while routes left 12.7 t of water
``not_enough_trucks`` (only the 3 bowsers may carry it), judged medkit at a bowser's speed
(only a 45 km/h flatbed may carry it), and fuel within a bowser's 9 h where the one
tanker has 3 h. Here a depot holds, for the trucks, only the goods some truck of it may
load (so each good's depot is picked among those that can send it, as routes picks), and
a depot's share of a unit's goods is split by cargo class, each class judged on the truck
types that may carry it (their speed, payload and hours).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from supplyline.domain import FleetGroup, Scenario
from supplyline.routing.cargo import carriers, may_carry
from supplyline.routing.reach_depots import Part
from supplyline.routing.reach_trucks import DepotTrucks
from supplyline.types import CommodityId, LocationId

__all__ = ["carried_goods", "class_parts", "no_carrier_trucks", "trucks_for"]


def carried_goods(
    scenario: Scenario,
    held: Mapping[LocationId, frozenset[CommodityId]],
    groups_at: Mapping[LocationId, Sequence[FleetGroup]],
) -> dict[LocationId, frozenset[CommodityId]]:
    """What each depot holds that some truck of it may load: what it can send by road.

    On nomed-s2, depot-s held medkit its flatbeds may not carry; reach said it sent the
    units everything while routes brought the medkit from depot-n.
    """
    coms = scenario.commodity_by_id
    return {
        d: frozenset(
            c
            for c in goods
            if c in coms and any(g.may_carry(coms[c]) for g in groups_at.get(d, ()))
        )
        for d, goods in held.items()
    }


def class_parts(scenario: Scenario, parts: Sequence[Part]) -> list[Part]:
    """Each depot's part as one part per cargo class of its goods, most tonnes first.

    A part whose tonnes by commodity are not known, or of one class, stays as it is.
    """
    out: list[Part] = []
    for part in parts:
        known = [c for c, _ in part.by_good if c in scenario.commodity_by_id]
        by_class: dict[frozenset[str] | None, list[CommodityId]] = defaultdict(list)
        for c in known:
            by_class[carriers(scenario, [c])].append(c)
        if len(by_class) <= 1:
            out.append(part)
            continue
        tonnes = dict(part.by_good)
        for goods in by_class.values():
            out.append(
                Part(
                    part.depot,
                    tuple(sorted(goods)),
                    sum(tonnes[c] for c in goods),
                    tuple(sorted((c, tonnes[c]) for c in goods)),
                    tuple(sorted(set(part.unheld) & set(goods))),
                )
            )
    return sorted(out, key=lambda x: (-x.tonnes, x.depot, x.goods))


def trucks_for(
    scenario: Scenario, groups: Sequence[FleetGroup], goods: Sequence[CommodityId]
) -> list[FleetGroup]:
    """The groups of ``groups`` that may load every one of ``goods`` (all, goods unknown)."""
    known = [c for c in goods if c in scenario.commodity_by_id]
    return [g for g in groups if may_carry(g, scenario, known)]


def no_carrier_trucks(part: Part, groups: Sequence[FleetGroup]) -> DepotTrucks:
    """A depot's part that none of its trucks may load: all of it short, said why."""
    carried = "; ".join(f"{g.id}: {';'.join(sorted(g.carries)) or 'anything'}" for g in groups)
    return DepotTrucks(
        depot=part.depot,
        goods=part.goods,
        tonnes=part.tonnes,
        trucks=0,
        payload_t=0.0,
        round_trip_h=None,
        turns=0,
        loads=0,
        capacity_t=0.0,
        lanes=(),
        reason=f"no truck at {part.depot} may carry {', '.join(part.goods)} (carries: {carried})",
        by_good=part.by_good,
        unheld=part.unheld,
    )
