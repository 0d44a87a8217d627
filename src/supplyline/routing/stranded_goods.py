"""Where a unit's goods are when no depot whose trucks serve it holds them.

``routes`` loads a truck at its own depot only. A tester's plan brought food by rail to
``el-rh``, a railhead with no trucks, and on by road to the unit; the only trucks, at
``el-depot``, held water and fuel. The reach check judged the unit's goods together, and
``el-depot``'s water hid the missing food (``0 of 4 unit(s) flagged``), while ``routes``
left 18.712 t of food ``depot_short``, saying only that ``el-depot`` held none.

Here, commodity by commodity: when none of the depots whose trucks serve the unit holds
it, the places the movement plan's road legs into the unit's place start from
(:meth:`~supplyline.routing.plan_sources.PlanSources.origins_on`), and the words both
faces say of them: reach flags the unit with them, ``routes`` adds them to a
``depot_short`` detail. Without a plan nothing is judged here: whether goods held where
no truck is based go on by road through a depot with trucks or straight to the unit is
the plan's choice: judged from ``stocks.csv``, all 7 sites of a tester's quake were
flagged for medical stores at an airfield without trucks 20 km from a truck depot.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping

from supplyline.domain import Mode, Plan, Scenario
from supplyline.routing.plan_sources import PlanSources
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId

__all__ = ["plan_origins", "stranded_reason", "stranded_words"]

_DUST_T = 1e-6
"""Tonnes over the horizon below which a place sends nothing."""

Origins = dict[CommodityId, dict[LocationId, float]]
"""Per commodity, the tonnes from each place the plan's road legs start from."""


def plan_origins(
    scenario: Scenario, plan: Plan | None, places: Collection[LocationId]
) -> dict[LocationId, Origins]:
    """Tonnes of the plan's road legs into each of ``places`` over the horizon, by origin.

    Per place and commodity, each day's legs traced back to where they start
    (:meth:`~supplyline.routing.plan_sources.PlanSources.origins_on`): a depot with trucks
    or a place without them. None without a plan.
    """
    if plan is None:
        return {}
    index = PlanSources(scenario, plan, scenario.horizon_days)
    wanted = set(places)
    arrivals: dict[tuple[LocationId, CommodityId, int], float] = defaultdict(float)
    for m in plan.movements:
        road = m.mode is Mode.ROAD and not m.commodity.startswith("deploy:")
        if road and m.destination in wanted and m.tonnes > 0:
            arrivals[(m.destination, m.commodity, m.arrival_day)] += m.tonnes
    out: dict[LocationId, Origins] = defaultdict(dict)
    for (place, com, day), tonnes in sorted(arrivals.items()):
        into = out[place].setdefault(com, {})
        for origin, share in index.origins_on(place, com, day).items():
            into[origin] = into.get(origin, 0.0) + tonnes * share
    return dict(out)


def stranded_words(
    scenario: Scenario,
    commodity: CommodityId,
    places: Mapping[LocationId, float | None],
    with_trucks: Collection[LocationId] = (),
) -> str:
    """Where ``commodity`` is, and why no truck that serves the unit loads it there.

    ``places`` are the places with the road km to the unit (None: not joined by road, or
    not known); ``with_trucks`` those of them where trucks are based (which cannot make
    the round trip to the unit).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> stranded_words(s, "food", {"D": 45.0})
    'food is at D (depot, 45 km by road), where no truck is based'
    """

    def at(xs: list[LocationId]) -> str:
        return ", ".join(
            f"{x} ({scenario.location(x).kind}"
            + ("" if places[x] is None else f", {places[x]:.0f} km by road")
            + ")"
            for x in xs
        )

    bare = sorted(x for x in places if x not in with_trucks)
    far = sorted(x for x in places if x in with_trucks)
    said = [f"{at(bare)}, where no truck is based"] if bare else []
    if far:
        whose = "its" if len(far) == 1 else "their"
        said.append(f"{at(far)}, {whose} trucks cannot make the round trip within their hours")
    return f"{commodity} is at " + "; and at ".join(said)


def stranded_reason(
    scenario: Scenario,
    km: RoadMatrix,
    loc: LocationId,
    wanted: Mapping[CommodityId, float | None],
    *,
    serving: Collection[LocationId],
    depots: Collection[LocationId],
    held: Mapping[LocationId, frozenset[CommodityId]],
    origins: Origins,
) -> str:
    """Why some of a unit's goods come from where no truck serving it loads ('' if none).

    ``wanted`` are its commodities (with tonnes a day where known); ``serving`` the depots
    whose trucks make the round trip to it, ``depots`` every place with trucks, ``held``
    what each of them holds (and a truck of it may carry); ``origins`` where the plan's
    road legs bring each commodity from (:func:`plan_origins`). A commodity one of the
    ``serving`` depots holds is fine (how much is the stock checks' matter); else the
    places it comes from are named.
    """
    mine = set(serving)
    found: dict[CommodityId, set[LocationId]] = {}
    for com, tonnes in sorted(wanted.items()):
        if (tonnes is not None and tonnes <= 0) or any(com in held.get(d, ()) for d in mine):
            continue
        places = {x for x, t in origins.get(com, {}).items() if t > _DUST_T} - {*mine, loc}
        if places:
            found[com] = places
    if not found:
        return ""
    u = km.index(loc)
    pos = {x: i for i, x in enumerate(km.ids)}

    def road_km(x: LocationId) -> float | None:
        i = pos.get(x)
        if i is None or not km.by_road[i, u]:
            return None
        d = float(km.km[i, u])
        return d if math.isfinite(d) else None

    said = [
        stranded_words(scenario, com, {x: road_km(x) for x in xs}, [x for x in xs if x in depots])
        for com, xs in found.items()
    ]
    ones = sorted(mine)
    holds = "holds" if len(ones) == 1 else "hold"
    what = "it" if len(found) == 1 else "them"
    none = f", and {', '.join(ones)}, whose trucks serve it, {holds} none of {what}" if ones else ""
    return "; ".join(said) + none + " (routes loads a truck at its own depot only)"
