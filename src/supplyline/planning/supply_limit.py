"""Which supply a "not enough … in stock" cause is limited by, as the bottlenecks rank it.

A tester's water rows read "whatever the capacities, the units would still be short of at
least 92.06 t in all" while bottleneck 1, the supply at fwd-depot (40 t/day), removed all
of it with 3 t/day more: the cause lifts the transport capacities (links, handling,
storage), never a supply, and did not say which supply it meant. Where the supply that
binds is a ranked bottleneck, the cause names it and points at its rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from supplyline.domain import Bottleneck, ResourceKind
from supplyline.planning.assemble import Problem
from supplyline.planning.outcome_words import tonnes_text
from supplyline.planning.resources import listed, supply_resource
from supplyline.types import to_gram

__all__ = ["limit_text"]


def limit_text(
    p: Problem, bottlenecks: Sequence[Bottleneck], k: int, sources: Sequence[int]
) -> str:
    """The supply the units draw on, where it ranks: "; the supply at Depot, … bottleneck 1".

    Else "". Said as "; the supply at Depot, 2 t/day of Rations, is the limit: see
    bottleneck 1", or "; the supplies at … are the limit: see bottlenecks 1 and 3".

    ``sources`` are the places (by index) whose supply of commodity ``k`` the units draw on;
    those among the ranked supply ``bottlenecks`` are named, by their best rank. Nothing is
    said where none ranks (a plan not proven best has no bottlenecks).
    """
    com_id = p.demand.commodity_ids[k]
    known = p.scenario.commodity_by_id.get(com_id)
    commodity = known.name if known is not None else com_id
    ranked: dict[str, int] = {}  # location id -> its best rank
    wanted = {
        supply_resource(p.net.location_ids[i], com_id): p.net.location_ids[i] for i in sources
    }
    for rank, b in enumerate(bottlenecks, start=1):
        if b.kind is ResourceKind.SUPPLY and b.resource in wanted:
            ranked.setdefault(wanted[b.resource], rank)
    if not ranked:
        return ""
    said = [
        f"{p.scenario.location(loc).name} ({_given(p, loc, com_id, commodity)})" for loc in ranked
    ]
    ranks = listed(tuple(str(r) for r in ranked.values()))
    if len(ranked) == 1:
        loc = next(iter(ranked))
        name = p.scenario.location(loc).name
        return (
            f"; the supply at {name}, {_given(p, loc, com_id, commodity)}, is the limit: "
            f"see bottleneck {ranks}"
        )
    return f"; the supplies at {listed(tuple(said))} are the limit: see bottlenecks {ranks}"


def _given(p: Problem, location_id: str, com_id: str, commodity: str) -> str:
    """What the stock of ``com_id`` at ``location_id`` gives: "2 t/day of Rations".

    To the gram, as a plan counts amounts: a replenishment of 2e-197 t/day read "0.11 t of
    Rations on hand, then 0 t/day" (found by hypothesis); it is none.
    """
    given = [s for s in p.scenario.stocks if s.location == location_id and s.commodity == com_id]
    initial = to_gram(sum(s.initial_t for s in given))
    daily = to_gram(sum(s.replenishment_t_per_day for s in given))
    if daily <= 0:
        return f"{tonnes_text(initial)} t of {commodity} on hand"
    if initial <= 0:
        return f"{tonnes_text(daily)} t/day of {commodity}"
    return f"{tonnes_text(initial)} t of {commodity} on hand, then {tonnes_text(daily)} t/day"
