"""What each depot holds for its trucks on a day, and the truck-loads that ask for more.

The router loads a truck at its depot with whatever the day's loads ask for; it does not
know what the depot holds (a tester's depot without food sent food on its trucks). This
checks it afterwards, per depot, day and commodity: the tonnes of the day's truck-loads
from a depot against the most it can hold that day by what supplyline knows, and reports
each excess as a :class:`~supplyline.domain.routes.DepotShort`.

What a depot holds, at most:

* from the requirements (``routes --from-demand``): its ``stocks.csv`` initial stock and
  replenishment up to that day, less what units drew on site there before and on that
  day (:mod:`~supplyline.routing.site_stock`), and less what earlier days' trucks loaded
  there, those days' loads shared among the depots as ``routes`` shares them
  (:mod:`~supplyline.routing.demand_depot_days`);
* from the movement plan (:mod:`~supplyline.routing.depot_ledger`): the same
  ``stocks.csv`` supply, plus what the plan brings in by that day (usable after the
  place's dwell), less what it sends on by road that earlier days' trucks carried (the
  routes drive a road leg's goods on the day they reach the unit's place, through any hub:
  :mod:`~supplyline.routing.road_ends`, so the legs ending that day are what the trucks
  carry), what it sends on by other modes up to that day, what units
  take there before that day, the on-site draws of that day, and what earlier days'
  trucks loaded there beyond the plan's own legs (:mod:`~supplyline.routing.depot_days`);
  beyond those legs a depot gives only what the plan's later legs from it leave spare.

Both keep overnight at most the depot's store's room (``storage_t``, or what it has on
hand if more: :func:`~supplyline.routing.site_stock.store_room`), each commodity on its
own, and so are upper bounds: a depot flagged is short.

Given what the depots hold (a :class:`DepotStock`, as plan mode does), the routes respect
it: :func:`allocate` splits the day's requests among the depots whose trucks can serve
them and that hold their goods, the most urgent first: first from the depots the plan's
own road legs bring them from (``DeliveryRequest.sources_t``), then each commodity from
the nearest such depot (by road before estimated, then by round trip) while it has some
and its trucks have hours; no truck loads what its depot does not hold, and what no
depot holds is left out as ``depot_short``, with the figures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from supplyline.domain import Scenario
from supplyline.domain.fields import check_fields
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.rounding import apportion
from supplyline.domain.routes import DepotShort, Routes, Unserved, UnservedReason
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.site_stock import part_of
from supplyline.routing.stranded_goods import stranded_words
from supplyline.routing.truck_fit import DepotReach
from supplyline.types import CommodityId, LocationId, column_text, day_label, figure_decimals

__all__ = [
    "DEMAND_BASIS",
    "GIVEN_BASIS",
    "PLAN_BASIS",
    "Allocation",
    "DepotStock",
    "StockBook",
    "allocate",
    "check_depot_stocks",
    "depot_loads",
    "with_depot_check",
]

StockBook = dict[tuple[LocationId, CommodityId], float]
"""Tonnes, by (place, commodity)."""

DEMAND_BASIS = (
    "stocks.csv (initial_t and replenishment to the day, kept overnight up to storage_t, "
    "less what units drew on site there and what earlier days' trucks loaded there, "
    "shared among the depots as routes shares them)"
)
PLAN_BASIS = (
    "stocks.csv and the movement plan (initial_t and replenishment to the day, kept "
    "overnight up to storage_t, plus what the plan brings in by then, less what it sends "
    "on by road that earlier days' trucks carried (a leg on the day its goods reach their "
    "unit, through any hub), by other modes up to the day, what "
    "units take there, and what earlier days' trucks loaded there beyond the plan's legs)"
)
GIVEN_BASIS = "the depots' stocks given to route_day (DepotStock.held_t)"
_HALF_KG_T = 0.0005
"""Loads asking less than this beyond what a depot holds are rounding, not a shortage."""
_KG_T = 0.001
"""A unit's truck-loads are whole kilograms: a commodity may round up by less than this."""
_DUST_T = 1e-9


@dataclass(frozen=True, slots=True, kw_only=True)
class DepotStock:
    """What each depot holds for its trucks on a day, and from what that was worked out."""

    held_t: Mapping[tuple[LocationId, CommodityId], float]
    """Tonnes by (depot, commodity); a pair not given holds nothing."""
    basis: str = GIVEN_BASIS
    """What ``held_t`` was worked out from, for the files and warnings (``PLAN_BASIS``…)."""
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None
    """Of ``held_t``, what a depot may load for goods the plan does not bring from it.

    The rest the plan's own road legs and deliveries from it take, that day or later
    (:func:`~supplyline.routing.depot_ledger.plan_spare_stock`); None: all of it (a stock
    given without a plan).
    """

    def __post_init__(self) -> None:
        check_fields(self)
        object.__setattr__(self, "held_t", FrozenMap(self.held_t))
        if self.spare_t is not None:
            object.__setattr__(self, "spare_t", FrozenMap(self.spare_t))


@dataclass(frozen=True, slots=True, kw_only=True)
class Allocation:
    """The day's requests split among the depots that hold their goods."""

    requests: tuple[DeliveryRequest, ...]
    depots: tuple[LocationId | None, ...]
    """The depot whose trucks carry each request (None: no truck can serve it at all)."""
    unserved: tuple[Unserved, ...] = ()
    """What no depot that reaches the unit holds (``depot_short``)."""
    short: tuple[DepotShort, ...] = field(default_factory=tuple)
    """Per depot and commodity: what it held, and what the loads asked of it."""


def allocate(
    scenario: Scenario,
    requests: Sequence[DeliveryRequest],
    options: Sequence[Sequence[LocationId | DepotReach]],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    day: int,
    hours: Mapping[LocationId, float] | None = None,
    spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
) -> Allocation:
    """Split ``requests`` among the depots that can serve them and hold their goods.

    ``options[i]`` are the depots whose trucks can serve request ``i`` that day, best
    first (:func:`~supplyline.routing.truck_fit.depot_options`: by road before estimated,
    then the shortest round trip; a bare depot id ranks by its place in the list); a
    request without any passes as it is, for the router to say why. A request's
    ``sources_t`` (the depots the plan's road legs bring its goods from,
    :mod:`~supplyline.routing.plan_sources`) go first: each of those depots among its
    options gives up to those tonnes, while it holds them and its trucks have hours
    (most urgent requests first); what is left goes by the rule below. The most urgent
    requests take first; among equally urgent ones, each depot's stock goes to the units
    it serves best, nearest first (a tester's airstrip water went alphabetically to a
    site 44 km away while one 3 km away got none). A depot gives while it holds the
    goods and, given ``hours`` (its trucks' drivers' hours a day), while its trucks have
    hours for the trips (a tonne costs ``1 / t_per_truck_h`` truck-hours) and, for each
    request, while its trucks' trips inside the unit's window bring more (``most_t``:
    a tester's near depot, given all of a unit's 10 t, could bring 8 t, and 2 t were
    ``too_large`` while the far depot that held them had idle trucks); what is left
    then goes, hours or not (the router says ``not_enough_trucks``), first the plan's own
    legs' tonnes from their depot (its stock, not only its spare: a tester's depot holding
    287.2 t had 4.7 t of a unit's own legs beyond its trucks' hours left ``depot_short``,
    "kept for the plan's own road legs", where its trucks were short), then to the nearest
    depot still holding it. A request stays whole where one depot gives all of it; else
    one part per depot, each carried by that depot's trucks only. What none holds is
    unserved, ``depot_short``, and counted as asked of the request's first depot
    (``Allocation.short``). Given ``spare_t``, a depot gives beyond what the plan traces
    to it at most that (the rest the plan's own legs from it take, that day or later,
    :func:`~supplyline.routing.depot_ledger.plan_spare_stock`), and a ``depot_short`` says
    what it kept.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> a = allocate(s, [req], [["D"]], {("D", "food"): 5.0}, 0)
    >>> [dict(r.load_t) for r in a.requests], a.depots, [dict(u.load_t) for u in a.unserved]
    ([{'food': 5.0}], ('D',), [{'food': 3.0}])
    """
    book = _Giving(requests, held_t, hours, spare_t)
    budget, need, parts, given = book.budget, book.need, book.parts, book.given
    start = dict(budget)
    opts = [
        [o if isinstance(o, DepotReach) else DepotReach(o, float(k)) for k, o in enumerate(where)]
        for where in options
    ]
    # first what the plan's road legs bring from a depot whose trucks reach the unit
    traced = _traced(requests, opts)
    traced_left = [book.take(i, o, com, t, with_hours=True, traced=True) for i, o, com, t in traced]
    pairs = sorted(
        ((requests[i].priority, not o.by_road, o.round_trip_h, requests[i].unit, k), i, o)
        for i, where in enumerate(opts)
        for k, o in enumerate(where)
    )
    for with_hours in (True, False):
        if not with_hours:  # the legs' tonnes beyond the trucks' hours: still the legs' stock
            for (i, o, com, _), t in zip(traced, traced_left, strict=True):
                book.take(i, o, com, t, with_hours=False, traced=True)
        for _, i, o in pairs:
            for com in sorted(need[i]):
                book.take(i, o, com, math.inf, with_hours)
    out: list[tuple[int, DeliveryRequest, LocationId | None]] = []
    unserved: list[Unserved] = []
    beyond: StockBook = defaultdict(float)
    for i, req in enumerate(requests):
        if not opts[i]:
            out.append((i, req, None))
            continue
        left: dict[CommodityId, float] = {}
        for com, tonnes in need[i].items():
            last = [d for d, load in parts[i].items() if com in load]
            if last and tonnes <= _HALF_KG_T:  # rounding: on the last depot's load
                _give(parts[i], last[-1], com, tonnes)
                given[(last[-1], com)][req.unit] += tonnes
            elif tonnes > _DUST_T:
                left[com] = tonnes
                beyond[(opts[i][0].depot, com)] += tonnes
        _to_whole_kg(parts[i])
        out += [
            (i, replace(part_of(scenario, req, load), sources_t={}), d)
            for d, load in parts[i].items()
            if load
        ]
        if left:
            where = [o.depot for o in opts[i]]
            kept = {k: t for k, t in budget.items() if spare_t is not None and t > _DUST_T}
            unserved.append(_not_held(scenario, req, left, where, (start, given, kept), day))
    short = tuple(
        _short(d, c, day, start.get((d, c), 0.0), budget[(d, c)] if spare_t is not None else 0.0,
               sum(given[(d, c)].values()) + t)
        for (d, c), t in sorted(beyond.items())
    )  # fmt: skip
    return Allocation(
        requests=tuple(r for _, r, _ in out),
        depots=tuple(d for _, _, d in out),
        unserved=tuple(unserved),
        short=short,
    )


def _short(
    depot: LocationId, com: CommodityId, day: int, start: float, left: float, asked: float
) -> DepotShort:
    """What a depot held for the day's trucks (``start`` less what it kept), and was asked.

    ``left`` is what it did not give: with a plan, kept for the plan's own road legs and
    deliveries from it on later days (the depot gave all it could spare, or some request
    would have taken more). Counted against its whole ``start``, a tester's depot of
    57.08 t of food, 48.2 t of it kept so, read "ask 14.43 t (-42.65 t more)"; 8.88 t
    were the day's, and 5.55 t short.
    """
    kept = min(max(0.0, left), start)
    kept = float(kept) if kept > _DUST_T else 0.0
    return DepotShort(
        depot=depot,
        commodity=com,
        day=day,
        held_t=max(0.0, float(start) - kept),
        asked_t=float(asked),
        kept_t=kept,
    )


class _Giving:
    """What the depots have left to give, and what each request has been given so far."""

    def __init__(
        self,
        requests: Sequence[DeliveryRequest],
        held_t: Mapping[tuple[LocationId, CommodityId], float],
        hours: Mapping[LocationId, float] | None,
        spare_t: Mapping[tuple[LocationId, CommodityId], float] | None = None,
    ) -> None:
        self.requests = requests
        self.budget: StockBook = defaultdict(float, {k: max(0.0, t) for k, t in held_t.items()})
        self.spare: StockBook | None = None
        if spare_t is not None:
            self.spare = defaultdict(float, {k: max(0.0, t) for k, t in spare_t.items()})
        self.hours_left: dict[LocationId, float] = defaultdict(lambda: math.inf, hours or {})
        self.trips_t: dict[tuple[int, LocationId], float] = defaultdict(float)
        """What each depot's trucks were given of each request, within its ``most_t``."""
        self.need = [dict(r.load_t) for r in requests]
        self.parts: list[dict[LocationId, dict[CommodityId, float]]] = [
            defaultdict(dict) for _ in requests
        ]
        self.given: dict[tuple[LocationId, CommodityId], dict[str, float]] = defaultdict(
            lambda: defaultdict(float)
        )

    def take(
        self,
        i: int,
        o: DepotReach,
        com: CommodityId,
        most: float,
        with_hours: bool,
        *,
        traced: bool = False,
    ) -> float:
        """Give request ``i`` what depot ``o`` can of ``com``, up to ``most`` tonnes.

        With ``with_hours``, no more than its trucks' hours left carry (and they are spent),
        nor than their trips to the unit inside its window bring (``o.most_t``, the bound
        :mod:`~supplyline.routing.trip_cap` holds the search to);
        unless ``traced`` (the plan's own legs bring it from ``o``), no more than its spare.
        Returns what is left of ``most`` (``inf`` stays ``inf``).
        """
        key = (o.depot, com)
        can = min(most, self.need[i][com], self.budget[key])
        if self.spare is not None and not traced:
            can = min(can, self.spare[key])
        if with_hours:
            can = min(can, max(0.0, self.hours_left[o.depot]) * o.t_per_truck_h)
            can = min(can, max(0.0, o.most_t - self.trips_t[(i, o.depot)]))
        if can > _DUST_T:
            _give(self.parts[i], o.depot, com, can)
            self.budget[key] -= can
            if self.spare is not None and not traced:
                self.spare[key] -= can
            self.given[(o.depot, com)][self.requests[i].unit] += can
            self.need[i][com] -= can
            self.hours_left[o.depot] -= can / o.t_per_truck_h if with_hours else 0.0
            self.trips_t[(i, o.depot)] += can if with_hours else 0.0
            return most - can
        return most


def _traced(
    requests: Sequence[DeliveryRequest], opts: Sequence[Sequence[DepotReach]]
) -> list[tuple[int, DepotReach, CommodityId, float]]:
    """Each request's tonnes traced to a depot among its options, the most urgent first.

    Then, as the rule, the units each depot serves best first (by road, then the shortest
    round trip): the plan does not know the trucks' hours, and a tester's depot with one
    truck of 3 h, traced for a far unit and for a near one only it reaches, spent them on
    the far one (15 t delivered of 30, where the rule brought 25).
    """
    reach = [{o.depot: o for o in where} for where in opts]
    found = sorted(
        (
            (req.priority, not reach[i][depot].by_road, reach[i][depot].round_trip_h, req.unit),
            i,
            depot,
            com,
            t,
        )
        for i, req in enumerate(requests)
        for (depot, com), t in req.sources_t.items()
        if depot in reach[i] and com in req.load_t
    )
    return [(i, reach[i][depot], com, t) for _, i, depot, com, t in found]


def _to_whole_kg(parts: dict[LocationId, dict[CommodityId, float]]) -> None:
    """Round a request's parts from several depots to kilograms that add up (in place).

    Each part rounded on its own, a tester's 1.6249795 t of fuel from two depots came to
    1.259 + 0.367 = 1.626 t loaded: a kilogram more than asked. A part of less than half a
    kilogram goes.
    """
    for com in {c for load in parts.values() for c in load}:
        holders = [d for d, load in parts.items() if com in load]
        if len(holders) < 2:
            continue
        exact = [parts[d][com] * 1000 for d in holders]
        for d, kg in zip(holders, apportion(round(sum(exact)), exact), strict=True):
            if kg > 0:
                parts[d][com] = kg / 1000
            else:
                del parts[d][com]


def _give(
    parts: dict[LocationId, dict[CommodityId, float]], depot: LocationId, com: str, t: float
) -> None:
    """Add ``t`` tonnes of ``com`` to the part of a request that ``depot`` carries."""
    part = parts.setdefault(depot, {})
    part[com] = part.get(com, 0.0) + t


def _not_held(
    scenario: Scenario,
    req: DeliveryRequest,
    left: Mapping[CommodityId, float],
    where: Sequence[LocationId],
    book: tuple[
        Mapping[tuple[LocationId, CommodityId], float],
        Mapping[tuple[LocationId, CommodityId], Mapping[str, float]],
        Mapping[tuple[LocationId, CommodityId], float],
    ],
    day: int,
) -> Unserved:
    """``2.50 t of food not loaded: … (RH holds none; D2 holds 4.00 t, all loaded: U1 4.00 t)``.

    What each depot that reaches the unit held (``book``: held, given to whom, and kept
    for the plan's own legs from it on later days), and to which units it all went: a
    tester read "all loaded for this and more urgent units" where a unit had been given
    9.4 of 20 t, and equally urgent ones had taken the rest.
    Where the plan's road legs bring it from a place without trucks, that place too
    (``food is at el-rh (railhead), where no truck is based``): a tester read only that
    the depot with trucks held none, while the food stood at the railhead next to it.
    """
    held, given, kept = book
    said = []
    for com, tonnes in left.items():
        # one sentence, one count of decimals (README, How figures read): the tonnes not
        # loaded with every depot's; a tester read "2.500 t … not loaded" beside "holds 4 t"
        figures = [tonnes]
        for d in where:
            if held.get((d, com), 0.0) > _DUST_T:
                to_d = sorted(given.get((d, com), {}).values(), reverse=True)[:4]
                figures += [held[(d, com)], kept.get((d, com), 0.0), *to_d]
        decimals = figure_decimals(figures)
        tonnes_text = column_text(tonnes, decimals)
        each = []
        for d in where:
            have = held.get((d, com), 0.0)
            if have <= _DUST_T:
                each.append(f"{d} holds none")
                continue
            to = sorted(given.get((d, com), {}).items(), key=lambda x: (-x[1], x[0]))
            kept_t = kept.get((d, com), 0.0)
            have_text, kept_text = column_text(have, decimals), column_text(kept_t, decimals)
            units = ", ".join(f"{u} {column_text(t, decimals)} t" for u, t in to[:4])
            more = f" and {len(to) - 4} more" if len(to) > 4 else ""
            loaded = f"all loaded ({units}{more})" if to else "none loaded"
            if kept_t > _DUST_T:
                loaded = (
                    f"{loaded.replace('all ', '')}, {kept_text} t kept for the plan's "
                    "own road legs and deliveries from it on later days"
                )
            each.append(f"{d} holds {have_text} t, {loaded}")
        bare = sorted({x for (x, c), t in req.off_truck_t.items() if c == com and t > _DUST_T})
        at = f"; {stranded_words(scenario, com, dict.fromkeys(bare))}" if bare else ""
        said.append(
            f"{tonnes_text} t of {com} not loaded: the depots whose trucks reach "
            f"{req.location} on {day_label(day)} have no more of it ({'; '.join(each)}){at}"
        )
    return Unserved(
        unit=req.unit,
        location=req.location,
        load_t=left,
        reason=UnservedReason.DEPOT_SHORT,
        detail="; ".join(said),
    )


def depot_loads(routes: Routes) -> StockBook:
    """Tonnes the day's trucks load at each depot, by (depot, commodity).

    >>> from supplyline.domain.routes import Routes, RouteStatus
    >>> import datetime as dt
    >>> depot_loads(Routes(scenario="s", day=0, date=dt.date(2025, 1, 1),
    ...                    status=RouteStatus.NOTHING_TO_DO))
    {}
    """
    book: StockBook = defaultdict(float)
    for r in routes.routes:
        for stop in r.stops:
            for com, tonnes in stop.load_t.items():
                book[(r.depot, com)] += tonnes
    return dict(book)


def check_depot_stocks(
    routes: Routes, held_t: Mapping[tuple[LocationId, CommodityId], float]
) -> tuple[DepotShort, ...]:
    """Each depot and commodity whose truck-loads of the day ask more than ``held_t``.

    ``held_t`` is the most each depot holds for its trucks that day (missing: none).

    >>> from supplyline.domain.routes import Routes, RouteStatus
    >>> import datetime as dt
    >>> check_depot_stocks(Routes(scenario="s", day=0, date=dt.date(2025, 1, 1),
    ...                           status=RouteStatus.NOTHING_TO_DO), {})
    ()
    """
    units: dict[tuple[LocationId, CommodityId], set[str]] = defaultdict(set)
    for r in routes.routes:
        for stop in r.stops:
            for com in stop.load_t:
                units[(r.depot, com)].add(stop.unit)
    out = []
    for (depot, com), asked in sorted(depot_loads(routes).items()):
        held = max(0.0, float(held_t.get((depot, com), 0.0)))  # a Python float, as records hold
        # why: each unit's loads are whole kilograms, a commodity rounded up by < 1 kg
        if asked > held + _HALF_KG_T + _KG_T * len(units[(depot, com)]):
            out.append(
                DepotShort(
                    depot=depot, commodity=com, day=routes.day, held_t=held, asked_t=float(asked)
                )
            )
    return tuple(out)


def with_depot_check(
    routes: Routes, held_t: Mapping[tuple[LocationId, CommodityId], float], basis: str
) -> Routes:
    """The routes with their depots' stocks checked against ``held_t`` (see ``basis``)."""
    return replace(routes, depot_short=check_depot_stocks(routes, held_t), depot_stock_basis=basis)
