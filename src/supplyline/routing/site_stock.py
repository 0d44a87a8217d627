"""What each place holds for the convoys of a day, and what units draw from it on site.

A unit that sits at a place holding stock of a commodity (a depot, a host unit's own
store) takes that commodity from there: no truck drives it in. A tester's host battalion
at a site with its own spares had its spares driven to it from the forward depot.

Stocks follow ``stocks.csv``: on day ``d`` a place has had its initial stock and
``d + 1`` days of replenishment (as in the movement plan, day 0's arrives on day 0), less
what was drawn from it on the days before; what it keeps overnight is at most its store's
room (:func:`store_room`: ``storage_t``, or what it has on hand where that is more), as the
movement plan keeps it. A tester's depot of ``storage_t`` 0 getting 5 t of food a day had
20 t by C+3 and loaded 8 t that day, where it can have no more than the day's 5 t.
:func:`held_on_day` replays those earlier days' draws from the requests of each day;
:func:`draw_on_site` takes the day's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from supplyline.domain import Scenario
from supplyline.domain.routes import DrawnOnSite
from supplyline.errors import ArgumentError, require
from supplyline.routing.requests import DeliveryRequest, volume_densities, volume_of
from supplyline.types import CommodityId, LocationId

__all__ = [
    "StockBook",
    "TrucksTook",
    "check_held",
    "draw_on_site",
    "held_on_day",
    "less_drawn",
    "part_of",
    "stock_on_day",
    "store_room",
]

StockBook = dict[tuple[LocationId, CommodityId], float]
"""Tonnes held, by (place, commodity)."""
_DUST_T = 1e-9


def store_room(scenario: Scenario) -> dict[LocationId, float]:
    """The most each place keeps overnight: ``storage_t``, or its stock on hand if more.

    As the movement plan counts a store's room
    (:func:`~supplyline.planning.making_room.on_hand_room`): what is on hand on day 0 (every
    commodity's ``initial_t``) stays, whatever ``storage_t`` says. No ``storage_t``: no limit
    (``inf``). Each commodity is kept up to the whole room, so the stocks worked out from it
    stay upper bounds: commodities that together fill more than the room are not caught.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> store_room(s)["D"]
    inf
    """
    on_hand: dict[LocationId, float] = {}
    for st in scenario.stocks:
        on_hand[st.location] = on_hand.get(st.location, 0.0) + st.initial_t
    return {
        loc.id: math.inf if loc.storage_t is None else max(loc.storage_t, on_hand.get(loc.id, 0.0))
        for loc in scenario.locations
    }


def stock_on_day(scenario: Scenario, day: int) -> StockBook:
    """What each place has by ``day`` with nothing drawn: initial + (day + 1) × daily.

    Less what its store has no room to keep overnight (:func:`store_room`): each night it
    keeps at most its room, and the next day's replenishment comes on top.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> stock_on_day(s, 2)
    {('D', 'food'): 150.0}
    """
    book = _stocks(scenario, initial=True)
    if day < 0:
        return book
    room = store_room(scenario)
    for k in range(day + 1):
        if k > 0:
            _keep(book, room)
        _replenish(scenario, book)
    return book


def _stocks(scenario: Scenario, *, initial: bool) -> StockBook:
    """``stocks.csv``'s initial stock (or daily replenishment), by (place, commodity)."""
    book: StockBook = {}
    for st in scenario.stocks:
        key = (st.location, st.commodity)
        t = st.initial_t if initial else st.replenishment_t_per_day
        book[key] = book.get(key, 0.0) + t
    return book


def _keep(book: StockBook, room: Mapping[LocationId, float]) -> None:
    """What each place keeps overnight: each commodity at most its store's room (in place)."""
    for (where, com), t in book.items():
        book[(where, com)] = min(t, room.get(where, math.inf))


TrucksTook = Callable[[int, list[DeliveryRequest], StockBook], Mapping[tuple[str, str], float]]
"""What a day's trucks load at each place, by (place, commodity), given the day, the
requests left for them after the on-site draws, and what the places hold then."""


def held_on_day(
    scenario: Scenario,
    earlier: Sequence[Sequence[DeliveryRequest]],
    day: int,
    *,
    trucks_took: TrucksTook | None = None,
) -> StockBook:
    """What each place holds at the start of ``day``, after the on-site draws of ``earlier``.

    ``earlier[k]`` are the requests of day ``k`` (``k < day``); each day draws what its
    units take on site (:func:`draw_on_site`), then, given ``trucks_took``, what its trucks
    load at the depots is taken off too (never below nothing):
    :func:`~supplyline.routing.demand_depot_days.demand_day_stock` gives it.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> held_on_day(s, [], 0)
    {('D', 'food'): 50.0}
    """
    if len(earlier) > day:
        raise ArgumentError(f"earlier has {len(earlier)} days of requests, before day {day}")
    book = stock_on_day(scenario, -1)  # initial stock only
    room = store_room(scenario)
    for k, requests in enumerate(earlier):
        if k > 0:
            _keep(book, room)
        _replenish(scenario, book)
        rest, _, book = draw_on_site(scenario, requests, book)
        if trucks_took is not None:
            for key, t in trucks_took(k, rest, dict(book)).items():
                book[key] = max(book.get(key, 0.0) - t, 0.0)
    for k in range(len(earlier), day + 1):
        if k > 0:
            _keep(book, room)
        _replenish(scenario, book)
    return book


def _replenish(scenario: Scenario, book: StockBook) -> None:
    """Add a day's replenishment (``stocks.csv``) to ``book`` (in place)."""
    for key, t in _stocks(scenario, initial=False).items():
        book[key] = book.get(key, 0.0) + t


def draw_on_site(
    scenario: Scenario, requests: Sequence[DeliveryRequest], held: Mapping[tuple[str, str], float]
) -> tuple[list[DeliveryRequest], list[DrawnOnSite], StockBook]:
    """Serve what each unit's own place holds there; the rest is left for the trucks.

    Units at one place share its stock, the most urgent first (then by unit id). Returns
    the requests that still need a truck (with the drawn part taken off, volume in
    proportion), what was drawn on site, and what the places hold afterwards.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> req = DeliveryRequest(unit="u1", location="D", load_t={"food": 80.0})
    >>> rest, drawn, after = draw_on_site(s, [req], {("D", "food"): 50.0})
    >>> rest[0].load_t["food"], drawn[0].load_t["food"], after[("D", "food")]
    (30.0, 50.0, 0.0)
    """
    book: StockBook = dict(held)
    order = sorted(range(len(requests)), key=lambda i: (requests[i].priority, requests[i].unit))
    rest: dict[int, DeliveryRequest | None] = {}
    drawn: dict[int, DrawnOnSite] = {}
    for i in order:
        req = requests[i]
        take: dict[CommodityId, float] = {}
        for com, tonnes in req.load_t.items():
            key = (req.location, com)
            have = book.get(key, 0.0)
            t = min(tonnes, have)
            if t > _DUST_T:
                take[com] = t
                book[key] = have - t
        if not take:
            rest[i] = req
            continue
        drawn[i] = DrawnOnSite(unit=req.unit, location=req.location, load_t=take)
        left = {c: t - take.get(c, 0.0) for c, t in req.load_t.items()}
        left = {c: t for c, t in left.items() if t > _DUST_T}
        rest[i] = part_of(scenario, req, left) if left else None
    kept = [r for i in range(len(requests)) if (r := rest[i]) is not None]
    return kept, [drawn[i] for i in range(len(requests)) if i in drawn], book


def part_of(scenario: Scenario, req: DeliveryRequest, load: Mapping[str, float]) -> DeliveryRequest:
    """The part ``load`` of a request: its own volume, the priority of what it carries.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0}, volume_m3=4.0)
    >>> part_of(s, req, {"food": 2.0}).volume_m3
    1.0
    """
    return replace(
        req,
        load_t=load,
        volume_m3=_volume_left(scenario, req, load),
        priority=_priority_left(scenario, req, load),
    )


def _priority_left(scenario: Scenario, req: DeliveryRequest, left: Mapping[str, float]) -> int:
    """The most urgent priority of what is left to drive, not of what was drawn on site.

    A tester's shelter-only load kept the water's priority 1 once the water was drawn on
    site, and took the one truck from another unit's water. A priority that is not its
    commodities' own (a script set it), or commodities the scenario does not know, stay
    as they were.
    """
    coms = scenario.commodity_by_id
    if any(c not in coms for c in req.load_t):
        return req.priority
    if req.priority != min(coms[c].priority for c in req.load_t):
        return req.priority
    return min(coms[c].priority for c in left)


def _volume_left(scenario: Scenario, req: DeliveryRequest, left: Mapping[str, float]) -> float:
    """The volume of the part ``left``: by the request's m³/t, none for goods without."""
    return volume_of(left, volume_densities(scenario, req))


def check_held(scenario: Scenario, held: object) -> StockBook:
    """``held`` (tonnes by (place, commodity)) checked against the scenario; else ArgumentError."""
    require(held, Mapping, "held_t")
    assert isinstance(held, Mapping)
    book: StockBook = {}
    for key, value in held.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ArgumentError(f"held_t keys are (location, commodity) pairs, not {key!r:.60}")
        where, com = key
        if where not in scenario.location_by_id or com not in scenario.commodity_by_id:
            raise ArgumentError(f"held_t{key!r}: no such location and commodity in the scenario")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ArgumentError(f"held_t{key!r}(={value!r:.60}) must be a number")
        if not (math.isfinite(value) and value >= 0):
            raise ArgumentError(f"held_t{key!r}(={value}) must be finite and >= 0")
        book[(where, com)] = float(value)
    return book


def less_drawn(held: Mapping[tuple[str, str], float], drawn: Sequence[DrawnOnSite]) -> StockBook:
    """What the places hold once the day's on-site draws (``drawn``) are taken off ``held``.

    >>> drawn = [DrawnOnSite(unit="u", location="D", load_t={"food": 2.0})]
    >>> less_drawn({("D", "food"): 5.0}, drawn)
    {('D', 'food'): 3.0}
    """
    book = dict(held)
    for d in drawn:
        for com, tonnes in d.load_t.items():
            book[(d.location, com)] = book.get((d.location, com), 0.0) - tonnes
    return book
