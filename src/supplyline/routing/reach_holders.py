"""Which depots holding a unit's goods stand behind its "no depot … holds its goods" flag.

A unit whose serving depot holds none of its goods, while other depots with trucks hold
them, is flagged where those depots' trucks cannot make the round trip to it within their
drivers' hours: the goods are a drive away, and ``routes`` loads a truck at its own depot
only. A depot that no road joins to the unit is another matter: its goods can reach the
unit only by the movement plan's other modes, as a port's without trucks can, which the
check from stocks does not judge (docs/routing.md, *A depot's stock over the horizon*).

A tester's u-sum read "usti holds them, and their trucks cannot make the round trip within
drivers' hours" of a depot 19,000 km away in a road network of its own, beside a row
"supplied from port-evry", the port holding all its goods, which the reason did not name;
and usti's stock alone had flagged it (without it the unit read ok: more stock flagged a
unit). Here each holder is judged by the way to the unit (:func:`holder_ways`), only those
joined to it count for the flag, and the words say the others' way and the row's supply
point (:func:`no_holder_words`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from enum import StrEnum

from supplyline.domain import Mode, Scenario
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId

__all__ = ["Way", "holder_ways", "no_holder_words", "road_places", "way_words"]


class Way(StrEnum):
    """How a holder's trucks are kept from a unit."""

    HOURS = "hours"
    """Joined to it both ways (by road, or by the estimate where a place has no roads):
    its trucks cannot make the round trip within their drivers' hours."""
    NO_ROAD = "no road"
    """Both places have roads, but none joins them: the straight-line estimate stands in
    for the distance only."""
    NO_ROAD_THERE = "no road there"
    """No road open on any day leads from it to the unit (closed throughout, one way)."""
    NO_ROAD_BACK = "no road back"
    """A road leads there, but none back (a one-way road)."""


def road_places(scenario: Scenario) -> frozenset[LocationId]:
    """The places at an end of some road link: where the scenario has road data."""
    return frozenset(
        x for link in scenario.links if link.mode is Mode.ROAD for x in link.directions()[0]
    )


def holder_ways(
    km: RoadMatrix,
    loc: LocationId,
    holding: Collection[LocationId],
    with_roads: Collection[LocationId],
) -> dict[LocationId, Way]:
    """How each depot of ``holding`` (whose trucks cannot serve ``loc``) is kept from it.

    ``with_roads`` are the places with road data (:func:`road_places`): an estimate between
    two of them is no road, between a roadless place and another it stands in for one.
    """
    u = km.index(loc)
    ways: dict[LocationId, Way] = {}
    for h in holding:
        i = km.index(h)
        there, back = float(km.km[i, u]), float(km.km[u, i])
        if not math.isfinite(there):
            ways[h] = Way.NO_ROAD_THERE
        elif not math.isfinite(back):
            ways[h] = Way.NO_ROAD_BACK
        elif not (km.by_road[i, u] or km.by_road[u, i]) and h in with_roads and loc in with_roads:
            ways[h] = Way.NO_ROAD
        else:
            ways[h] = Way.HOURS
    return ways


def way_words(way: Way, loc: LocationId) -> str:
    """What keeps a holder's trucks from ``loc``, said after it: ``with no road to C``."""
    return {
        Way.HOURS: "but its trucks cannot make the round trip",
        Way.NO_ROAD: f"with no road to {loc}",
        Way.NO_ROAD_THERE: f"with no open road to {loc}",
        Way.NO_ROAD_BACK: f"with no road back from {loc}",
    }[way]


def _what(goods: Collection[CommodityId], wanted: Collection[CommodityId]) -> str:
    """``them`` where ``goods`` are all the ``wanted``, else the goods by name."""
    return "them" if set(goods) >= set(wanted) else ", ".join(sorted(goods))


def _does(
    xs: list[LocationId],
    has: Mapping[LocationId, frozenset[CommodityId]],
    wanted: frozenset[CommodityId],
) -> str:
    """``DA, DB hold them``, or what each holds where one holds only some of them."""
    if all(has[x] >= wanted for x in xs):
        return f"{', '.join(xs)} {'holds' if len(xs) == 1 else 'hold'} them"
    return ", ".join(f"{x} holds {_what(has[x], wanted)}" for x in xs)


def _links_of(scenario: Scenario, place: LocationId) -> str:
    """The ways other than by road that leave ``place``: ``lodz-depot by sea``."""
    out = sorted(
        {
            (str(link.mode), b)
            for link in scenario.links
            if link.mode is not Mode.ROAD and link.carries_tonnes
            for a, b in link.directions()
            if a == place
        }
    )
    return ", ".join(f"{b} by {mode.replace('_', ' ')}" for mode, b in out)


def no_holder_words(
    scenario: Scenario,
    km: RoadMatrix,
    needed: Collection[CommodityId],
    ways: Mapping[LocationId, Way],
    held: Mapping[LocationId, frozenset[CommodityId]],
    depot: LocationId,
    supply: tuple[LocationId, LocationId | None, Mapping[CommodityId, frozenset[LocationId]]],
) -> str:
    """Why ``depot`` serves a unit though it holds none of its goods, where others hold them.

    ``ways`` are the holders and how each is kept from the unit (:func:`holder_ways`; at
    least one by drivers' hours, else the unit is not flagged), ``held`` what each depot
    holds (one holding only some of the goods is said with them); ``supply`` the unit's
    place, the row's supply point and the places without trucks holding each good. Where
    the supply point holds some of the goods and no road joins it to the unit, it is named
    with why its goods do not count (no truck is based there, and the ways that leave it),
    so that the reason and the row name one place (one joined by road is named by
    :func:`~supplyline.routing.reach_goods.goods_elsewhere`: ``its goods come to P …``).

    ``no depot whose trucks can serve it holds its goods (food, water): DA holds them, and
    its trucks cannot make the round trip within drivers' hours; DF holds water too, with
    no road to camp-h; port-evry, its supply point, holds them, but no truck is based
    there, and no road joins it to camp-h (it reaches lodz-depot by sea only); lodz-depot,
    whose trucks can, holds none``.
    """
    loc, point, off_truck = supply
    wanted = frozenset(needed)
    has = {x: wanted & held.get(x, frozenset()) for x in ways}
    hours = sorted(h for h, w in ways.items() if w is Way.HOURS)
    whose = "its" if len(hours) == 1 else "their"
    said = [
        f"{_does(hours, has, wanted)}, and {whose} trucks cannot make the round trip within "
        "drivers' hours"
    ]
    for way in (Way.NO_ROAD, Way.NO_ROAD_THERE, Way.NO_ROAD_BACK):
        xs = sorted(h for h, w in ways.items() if w is way)
        if xs:
            said.append(f"{_does(xs, has, wanted)} too, {way_words(way, loc)}")
    # a supply point joined by road is said by goods_elsewhere (its goods come to P …)
    joined = point is not None and bool(km.by_road[km.index(point), km.index(loc)])
    if point is not None and point not in ways and point != depot and not joined:
        mine = [c for c in wanted if point in off_truck.get(c, ())]
        if mine:
            said.append(
                f"{point}, its supply point, holds {_what(mine, wanted)}, but no truck is "
                f"based there, and {_point_words(scenario, km, point, loc)}"
            )
    return (
        f"no depot whose trucks can serve it holds its goods ({', '.join(sorted(needed))}): "
        f"{'; '.join(said)}; {depot}, whose trucks can, holds none"
    )


def _point_words(scenario: Scenario, km: RoadMatrix, point: LocationId, loc: LocationId) -> str:
    """How a supply point no road joins to ``loc`` is joined to the rest: ``no road joins …``.

    ``routes`` loads a truck at its own depot only; whether the goods go on to a depot
    with trucks by sea, air or rail is the movement plan's matter.
    """
    by = _links_of(scenario, point)
    return f"no road joins it to {loc}" + (f" (it reaches {by} only)" if by else "")
