"""Whether the depot whose trucks serve a unit holds the goods they must carry.

``routes`` loads a truck only at its own depot. A tester's goods arrived at a railhead with
no trucks, the truck depot 3 km away held none of them, and ``reach`` said ok (135
t/day) while ``routes`` left every load ``depot_short`` (``dp holds none``). Here, per
depot, over the horizon: what it holds — its ``stocks.csv`` initial stock and
replenishment, and given the movement plan what the plan brings in by any mode, less what
it sends away other than to the places of the units it serves — against one day of what
those units need (their peak daily tonnes; the units its trucks cannot reach at all are
not counted, as they take none of it). Where it holds less than that over the whole
horizon (next to none of their goods), and the units' goods come to a supply point where
no truck is based (not a unit's own place, joined to the unit by road), the units are
flagged with the figures. Holding more than a day but less than the horizon's need is a
stock matter, left to the plan's shortfalls and ``routes``' ``depot_short`` (a first
rule on the whole horizon's need flagged every site of the relief example, whose depots
hold 9,040 t of the 9,413 t a peak every day would take).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence

from supplyline.domain import Plan, Scenario
from supplyline.domain.fields import check_value
from supplyline.domain.routes import ReachRow
from supplyline.errors import ArgumentError
from supplyline.routing.reach_holding import depot_holdings, holding_words
from supplyline.routing.reach_trucks import DepotTrucks
from supplyline.routing.road_ends import sent_elsewhere
from supplyline.routing.road_share import Send
from supplyline.routing.roads import RoadMatrix
from supplyline.types import CommodityId, LocationId, UnitId, figure_text, said_together

__all__ = [
    "depot_goods",
    "depot_tonnes",
    "goods_by_unit",
    "goods_elsewhere",
    "holders",
    "off_truck_goods",
    "unheld_words",
    "unit_sends",
]

_DUST_T = 1e-9
"""Tonnes a day below which a share is nothing (the spill's rounding)."""
_STOCK_TOL_T = 1e-6
"""Tonnes by which stock may fall short of a day's need and still be a day's."""


def _asked(part: DepotTrucks, held: Mapping[CommodityId, float]) -> float:
    """The tonnes a day a unit's ``part`` asks of its depot's stock, each good up to ``held``.

    Its whole tonnes where the goods' tonnes are not known. A good beyond what the depot
    holds (or that no depot holds: ``unheld``) is judged with the unit's depots together
    (:func:`_pooled_short`), so that one unit never fails a depot's stock alone.
    """
    if not part.by_good:
        return part.tonnes
    return sum(min(t, held.get(c, 0.0)) for c, t in part.by_good if c not in part.unheld)


def depot_tonnes(
    scenario: Scenario,
    depots: Collection[LocationId],
    plan: Plan | None,
    served: Collection[LocationId],
) -> dict[tuple[LocationId, CommodityId], float]:
    """Tonnes each of ``depots`` holds of each good over the horizon.

    As :func:`~supplyline.routing.reach_holding.depot_holdings`, for many depots at once.

    Its ``stocks.csv`` initial stock and replenishment, and given the ``plan`` what it
    brings in less what it sends to places other than ``served`` (the units' places; a
    road chain through a hub to one of them is not sent elsewhere:
    :func:`~supplyline.routing.road_ends.sent_elsewhere`): by
    these a unit's goods spill from one holder to the next
    (:mod:`~supplyline.routing.reach_spill`). One pass over the stocks and movements.
    """
    mine = set(depots)
    book: dict[tuple[LocationId, CommodityId], float] = defaultdict(float)
    for st in scenario.stocks:
        if st.location in mine:
            book[(st.location, st.commodity)] += (
                st.initial_t + st.replenishment_t_per_day * scenario.horizon_days
            )
    if plan is not None:
        for m in plan.movements:
            if m.destination in mine and not m.commodity.startswith("deploy:"):
                book[(m.destination, m.commodity)] += m.tonnes
        for key, to in sent_elsewhere(scenario, plan, mine, served).items():
            book[key] -= sum(to.values())
    return {k: max(0.0, t) for k, t in book.items()}


def depot_goods(scenario: Scenario, depot: LocationId, plan: Plan | None) -> frozenset[CommodityId]:
    """The commodities ``depot`` holds: in ``stocks.csv``, or brought in by the ``plan``.

    Which, not how much (the tonnes are :func:`goods_elsewhere`'s and ``routes``'
    ``depot_short``'s matter): reach serves a unit from a depot holding some of its goods
    (:func:`holders`), and its roads carry each good from the depots holding it
    (:func:`unit_sends`, :mod:`~supplyline.routing.road_share`).
    """
    held = {
        st.commodity
        for st in scenario.stocks
        if st.location == depot and (st.initial_t > 0 or st.replenishment_t_per_day > 0)
    }
    if plan is not None:
        held |= {
            m.commodity
            for m in plan.movements
            if m.destination == depot and m.tonnes > 0 and not m.commodity.startswith("deploy:")
        }
    return frozenset(held)


def goods_elsewhere(
    scenario: Scenario,
    rows: Sequence[ReachRow],
    asks: Sequence[Sequence[DepotTrucks]],
    km: RoadMatrix,
    *,
    sources: Sequence[LocationId],
    depots: Collection[LocationId],
    plan: Plan | None,
    pool: tuple[
        Mapping[tuple[LocationId, CommodityId], float], Mapping[UnitId, Collection[LocationId]]
    ],
) -> dict[UnitId, str]:
    """For each unit whose depot holds less than a day of what it is asked for, goods truckless.

    ``asks`` are each row's depot shares (:class:`~supplyline.routing.reach_trucks.
    DepotTrucks`); ``sources`` are the supply points (:func:`~supplyline.routing.reach.
    supply_points`), ``depots`` the places with trucks; ``pool`` what each depot holds of
    each good over the horizon (:func:`depot_tonnes`) and the depots whose trucks may
    serve each unit. A depot is judged on what it is asked for: the tonnes a day of the
    goods the units it serves want from it (their shares, not their whole tonnes), against
    what it holds of those goods over the horizon (all its stock where the goods are not
    known). Before, each unit's whole daily tonnes were counted against its serving depot:
    a tester's sites, 96 % water from the waterworks, were flagged because wh-nord, which
    sent them food, held 80 t, "less than one day of the 183.438 t/day the units it serves
    need" (mostly water it never holds), and removing that food made them ok.

    A unit's goods are judged as a whole: its day's tonnes against what the depots that
    may serve it hold of its goods together (:func:`_pooled_short`); a depot, on the
    shares of the units it serves, each good up to what it holds (:func:`_asked`), so that
    it fails only where units together ask more than it holds. A good no depot holds
    judged alone flagged every site of the relief example for 0.15 t/day of medical stores
    only the port holds, so such goods had been counted, as a whole, against the serving
    depot's stock; but the serving depot is the nearest holding any of the unit's goods,
    and the held goods were judged depot by depot: 1 t of food added at a depot as near as
    the one holding 2 t made it the serving depot, moved the unheld fuel onto its 1 t and
    flagged an ok unit, and 1 t of that fuel added anywhere made the fuel held, judged
    alone against the 1 t. A good held too little can be judged no more strictly than one
    held nowhere, or more stock flags. The reason names the truckless place and what is
    short.
    """
    wanted: dict[LocationId, list[tuple[ReachRow, DepotTrucks]]] = defaultdict(list)
    for r, parts in zip(rows, asks, strict=True):
        for p in parts if r.daily_t > 0 else ():
            # a share its trucks take none of, or of goods none holds, asks nothing of it
            if p.capacity_t > 0 and p.tonnes > 0 and p.tonnes - p.unheld_t > _DUST_T:
                wanted[p.depot].append((r, p))
    homes = {u.destination for u in scenario.units}
    basis = "stocks.csv and the movement plan" if plan is not None else "stocks.csv"
    short: dict[UnitId, list[str]] = defaultdict(list)
    for depot, units in sorted(wanted.items()):
        words = _depot_short(scenario, depot, units, plan)
        # once per unit: a unit whose water and rations ride apart asks two shares of it
        for unit in dict.fromkeys(r.unit for r, _ in units) if words else ():
            short[unit].append(words)
    held_t, may = pool
    for r, parts in zip(rows, asks, strict=True):
        if r.daily_t > 0 and any(p.by_good for p in parts):
            words = _pooled_short(r, parts, held_t, may.get(r.unit, ()), basis)
            if words:
                short[r.unit].append(words)
    out: dict[UnitId, str] = {}
    for r in rows:
        if r.unit not in short:
            continue
        j = km.index(r.location)
        bare = [
            (float(km.km[km.index(x), j]), x)
            for x in sources
            if x not in depots and x not in homes and km.by_road[km.index(x), j]
        ]
        bare = [(d, x) for d, x in bare if math.isfinite(d)]
        if not bare:
            continue
        far, where = min(bare)
        kind = scenario.location(where).kind
        out[r.unit] = (
            f"its goods come to {where} ({kind}, {far:.0f} km by road), where no truck is "
            f"based, and {'; and '.join(short[r.unit])} (routes loads a truck at its own "
            f"depot only)"
        )
    return out


def _depot_short(
    scenario: Scenario,
    depot: LocationId,
    units: Sequence[tuple[ReachRow, DepotTrucks]],
    plan: Plan | None,
) -> str:
    """Why ``depot`` holds less than a day of what ``units`` ask of it ('' if it does not).

    Each share counted good by good up to what the depot holds (:func:`_asked`), against
    what it holds of the goods asked (all its stock where they are not known).
    """
    holdings = depot_holdings(scenario, depot, plan, {r.location for r, _ in units})
    book = {c: h.held_t for c, h in holdings.items()}
    need = sum(_asked(p, book) for _, p in units)
    known = all(p.goods for _, p in units)
    goods = sorted({c for _, p in units for c in p.goods if c not in p.unheld}) if known else []
    held = sum(t for c, t in book.items() if not goods or c in goods)
    if held >= need - _STOCK_TOL_T:
        return ""
    # the whole day's tonnes of those goods: the check counts each good up to what the
    # depot holds (_asked), so that 70.6 t/day read as the need where units asked 90.7
    wants = sum(
        sum(t for c, t in p.by_good if c not in p.unheld) if p.by_good else p.tonnes
        for _, p in units
    )
    what = f" of {', '.join(goods)}" if goods else ""
    return (
        f"the trucks at {depot} load only at {depot}, {holding_words(holdings, goods)}, less "
        f"than one day of the {figure_text(wants)} t/day{what} the units it serves need "
        f"from it"
    )


def _pooled_short(
    row: ReachRow,
    parts: Sequence[DepotTrucks],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    may: Collection[LocationId],
    basis: str,
) -> str:
    """Why the depots that may serve a unit hold less than a day of its goods ('' if not).

    Its whole day's tonnes, against what the depots that may serve it (``may`` and those
    of its ``parts``) hold of its goods over the horizon together: not each good against
    the depot sending it, nor the goods none holds against its serving depot alone, which
    both change with the stock (see :func:`goods_elsewhere`).
    """
    goods = sorted({c for p in parts for c in p.goods})
    froms = sorted({*may, *(p.depot for p in parts)})
    held = sum(held_t.get((d, c), 0.0) for d in froms for c in goods)
    if held >= row.daily_t - _STOCK_TOL_T:
        return ""
    none = sorted({c for p in parts for c in p.unheld})
    held_text, daily = said_together(held, row.daily_t)
    holds = "none of them" if held <= _STOCK_TOL_T else f"{held_text} t"
    return (
        f"the depots whose trucks may serve it ({', '.join(froms)}) hold {holds} over the "
        f"horizon ({basis}), less than one day of its {daily} t/day of "
        f"{', '.join(goods)}" + (f" ({', '.join(none)} held by none of them)" if none else "")
    )


def holders(
    needed: Collection[CommodityId], held: Mapping[LocationId, frozenset[CommodityId]]
) -> frozenset[LocationId]:
    """The depots holding some of the ``needed`` goods (none when those are not known).

    A tester's unit needing water and rations was served by the depot 4 km away holding
    only fuel (225 t/day of trucks), and read ok while the plan and ``routes`` left it
    short: reach serves a unit from these first.
    """
    wanted = set(needed)
    return frozenset(d for d, goods in held.items() if wanted & goods)


def unit_sends(
    daily_t: float,
    needed: Mapping[CommodityId, float | None],
    held: Mapping[LocationId, frozenset[CommodityId]],
    may: Collection[LocationId],
    depot: LocationId,
) -> tuple[Send, ...]:
    """A unit's ``daily_t`` split by the depots that hold each good and may serve it.

    ``may`` are the depots whose trucks may serve the unit (``depot``, its serving one,
    always among them). With tonnes by commodity, each good from the depots of ``may``
    holding it (scaled to ``daily_t``); with the commodities alone, all from the depots
    holding them all; with none, all from ``depot`` — as the shared check's goods flow
    splits them (:mod:`~supplyline.routing.road_share`). A good no depot may send comes
    from ``depot`` (what it lacks is :func:`goods_elsewhere`'s matter, not the roads').

    >>> held = {"DA": frozenset({"water"}), "DB": frozenset({"rations"})}
    >>> [(x.goods, sorted(x.depots), x.tonnes)
    ...  for x in unit_sends(15.0, {"water": 10.0, "rations": 5.0}, held, ["DA", "DB"], "DA")]
    [(('water',), ['DA'], 10.0), (('rations',), ['DB'], 5.0)]
    """
    may = {*may, depot}
    tonnes = {c: t for c, t in sorted(needed.items()) if t is not None and t > 0}
    if tonnes:
        scale = daily_t / sum(tonnes.values())
        by_src: dict[frozenset[LocationId], list[CommodityId]] = defaultdict(list)
        for c in tonnes:
            src = frozenset(d for d in may if c in held.get(d, ())) or frozenset({depot})
            by_src[src].append(c)
        sends = [
            Send(tuple(cs), src, scale * sum(tonnes[c] for c in cs)) for src, cs in by_src.items()
        ]
        return tuple(sorted(sends, key=lambda x: (-x.tonnes, x.goods)))  # the most first
    if needed:
        goods = frozenset(needed)
        src = frozenset(d for d in may if goods <= held.get(d, frozenset())) or frozenset({depot})
        return (Send(tuple(sorted(goods)), src, daily_t),)
    return (Send((), frozenset({depot}), daily_t),)


def goods_by_unit(
    goods: Mapping[UnitId, Collection[CommodityId] | Mapping[CommodityId, float]],
) -> dict[UnitId, dict[CommodityId, float | None]]:
    """Each unit's commodities, with the tonnes a day of each where given; else an error.

    ``check_reach``'s ``goods``, by which a unit is served from depots holding them. A
    tonnage that is not a finite number >= 0 is an ArgumentError, as ``daily_t``'s.
    """
    out: dict[UnitId, dict[CommodityId, float | None]] = {}
    for unit, wanted in goods.items():
        if isinstance(wanted, Mapping):
            out[unit] = {}
            for c, t in wanted.items():
                value: float = check_value(t, float, f"goods[{unit!r}][{c!r}]")
                if not (math.isfinite(value) and value >= 0):
                    raise ArgumentError(
                        f"goods[{unit!r}][{c!r}](={value}) must be a finite number >= 0"
                    )
                out[unit][c] = value
        else:
            out[unit] = dict.fromkeys(wanted)
    return out


def off_truck_goods(
    scenario: Scenario,
    depots: Collection[LocationId],
    plan: Plan | None,
) -> dict[CommodityId, frozenset[LocationId]]:
    """The places without trucks (not ``depots``, not a unit's place) holding each good.

    In ``stocks.csv``, and given the ``plan`` brought in by it: where a unit's goods are,
    when no depot whose trucks may serve it holds them (:func:`unheld_words`). One pass.
    """
    homes = {u.destination for u in scenario.units}
    off: dict[CommodityId, set[LocationId]] = defaultdict(set)
    for st in scenario.stocks:
        if st.location not in depots and (st.initial_t > 0 or st.replenishment_t_per_day > 0):
            off[st.commodity].add(st.location)
    for m in plan.movements if plan is not None else ():
        x = m.destination
        if x not in depots and x not in homes and m.tonnes > 0 and m.commodity[:7] != "deploy:":
            off[m.commodity].add(x)
    return {c: frozenset(xs) for c, xs in off.items()}


def unheld_words(
    goods: Collection[CommodityId],
    held: Mapping[LocationId, frozenset[CommodityId]],
    off_truck: Mapping[CommodityId, frozenset[LocationId]],
    basis: str,
    kept: Callable[[Collection[LocationId]], Mapping[LocationId, str]] | None = None,
) -> str:
    """Who holds ``goods`` that no depot whose trucks may serve a unit holds, in words.

    ``held`` are what each depot with trucks holds, ``off_truck`` where each good is held
    without trucks (:func:`off_truck_goods`), ``basis`` the files said (``stocks.csv``).
    A tester read ``waterworks: hygiene, medical, water`` though waterworks holds only
    water: the table now says these goods apart, with where they are. ``kept`` says, of
    the depots holding them, what keeps each one's trucks from the unit (``with no road to
    camp-h``; :func:`~supplyline.routing.reach_holders.way_words`): without it, all are
    said to be kept by the round trip (a tester's usti, 19,000 km off with no road, was).
    No ``;`` in them: ``by_depot`` separates its shares so
    (:data:`~supplyline.types.LIST_SEPARATOR`).

    >>> unheld_words(["medical"], {"DA": frozenset({"water"})},
    ...              {"medical": frozenset({"port"})}, "stocks.csv")
    'no depot with trucks holds them in stocks.csv (port does, with no trucks)'
    """
    wanted = set(goods)
    far = sorted(d for d, gs in held.items() if wanted & gs)
    bare = sorted({x for c in wanted for x in off_truck.get(c, ())})

    def does(xs: Sequence[LocationId]) -> str:
        return f"{', '.join(xs)} {'does' if len(xs) == 1 else 'do'}"

    why = kept(far) if kept is not None else {}
    trip = [x for x in far if x not in why or why[x].startswith("but ")]
    whose = "its" if len(trip) == 1 else "their"
    says = [f"{does(trip)}, but {whose} trucks cannot make the round trip"] if trip else []
    for words in sorted({w for x, w in why.items() if x not in trip}):
        says.append(f"{does(sorted(x for x in far if why.get(x) == words))}, {words}")
    says += [f"{does(bare)}, with no trucks"] if bare else []
    who = "whose trucks can make the round trip to it" if far else "with trucks"
    return f"no depot {who} holds them in {basis}" + (f" ({', and '.join(says)})" if says else "")
