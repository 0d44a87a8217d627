"""The depots' stock carried day to day in arrays is the stock walked from C+0 each day.

``DepotLedger`` builds the plan's flows once and carries the stock overnight; the walk it
replaced rebuilt the flows for each day asked and walked a dictionary from C+0. Here that
walk is kept as the reference (:func:`_walked_stock`, :func:`_walked_spare`) and both
are asked the same days of random plans: the same tonnes to the last bit, the depots'
commodities in the same order, whatever earlier days' trucks took and units drew.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    Delivery,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
)
from supplyline.domain.routes import DrawnOnSite
from supplyline.routing.depot_ledger import DepotLedger, plan_depot_stock, plan_spare_stock
from supplyline.routing.road_ends import RoadEnds
from supplyline.routing.site_stock import store_room

_DAYS = 5
_PLACES = ("R", "D1", "D2", "U1")
_DEPOTS = ("D1", "D2")
_GOODS = ("food", "fuel")
_Book = dict[tuple[str, str], float]
_Dated = dict[tuple[int, str, str], float]

tonnes = st.floats(0.0, 20.0, allow_nan=False)


def _scenario(storage: float | None, dwell: int, stocks: Sequence[Stock]) -> Scenario:
    """R (railhead, no trucks), depots D1 (its ``storage``, ``dwell``) and D2, u1 at U1."""
    d1 = dataclasses.replace(loc("D1", 0.01, LocationKind.DEPOT), storage_t=storage)
    locs = [
        loc("R", 0.0, LocationKind.RAILHEAD),
        dataclasses.replace(d1, dwell_days=dwell),
        loc("D2", 0.02, LocationKind.DEPOT),
        loc("U1", 0.1),
    ]
    links = [road(a, b, 15.0) for a, b in (("R", "D1"), ("D1", "U1"), ("D2", "U1"))]
    groups = [fleet("T1", "D1"), fleet("T2", "D2")]
    s = scenario(locs, [unit("u1", "U1")], links, groups)
    return dataclasses.replace(s, horizon_days=_DAYS, stocks=tuple(stocks))


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Scenario, Plan, list[_Dated], list[list[DrawnOnSite]]]:
    """A scenario, a plan of legs and deliveries, and each day's take and draws."""
    stocks = [
        Stock(location=d, commodity=c, initial_t=draw(tonnes), replenishment_t_per_day=draw(tonnes))
        for d in _DEPOTS
        for c in _GOODS
        if draw(st.booleans())
    ]
    s = _scenario(draw(st.none() | st.floats(0.0, 30.0)), draw(st.integers(0, 1)), stocks)
    legs = []
    for _ in range(draw(st.integers(0, 12))):
        a, b = draw(st.permutations(_PLACES))[:2]
        leave = draw(st.integers(0, _DAYS))
        legs.append(
            Movement(
                link=f"{a}-{b}",
                origin=a,
                destination=b,
                mode=draw(st.sampled_from([Mode.ROAD, Mode.RAIL])),
                commodity=draw(st.sampled_from(_GOODS)),
                departure_day=leave,
                arrival_day=leave + draw(st.integers(0, 2)),
                tonnes=draw(tonnes),
            )
        )
    given_out = [
        Delivery(
            unit="u1",
            location=draw(st.sampled_from(_DEPOTS)),
            commodity=c,
            day=draw(st.integers(0, _DAYS)),
            tonnes=draw(tonnes),
        )
        for c in draw(st.lists(st.sampled_from(_GOODS), max_size=4))
    ]
    plan = Plan(
        scenario=s.name,
        start_date=START,
        horizon_days=_DAYS,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        movements=tuple(legs),
        deliveries=tuple(given_out),
    )
    keys = st.tuples(st.sampled_from(_DEPOTS), st.sampled_from(_GOODS))
    taken = [
        {(k, d, c): t for (d, c), t in draw(st.dictionaries(keys, tonnes, max_size=3)).items()}
        for k in range(_DAYS)
    ]
    drawn = [
        [
            DrawnOnSite(unit="u1", location=where, load_t=load)
            for where, load in draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(["R", *_DEPOTS]),
                        st.dictionaries(st.sampled_from(_GOODS), tonnes, min_size=1),
                    ),
                    max_size=2,
                )
            )
        ]
        for _ in range(_DAYS)
    ]
    return s, plan, taken, drawn


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_carried_stock_is_the_stock_walked_from_c0(
    case: tuple[Scenario, Plan, list[_Dated], list[list[DrawnOnSite]]],
) -> None:
    """Each day's held and spare stock of one ledger equal the walk from C+0, bit for bit."""
    s, plan, taken, drawn = case
    ledger = DepotLedger(s, plan, _DAYS - 1)
    so_far: _Dated = {}
    for day in range(_DAYS):
        held = ledger.held(day, drawn[day])
        assert list(held.items()) == list(_walked_stock(s, plan, day, drawn[day], so_far).items())
        assert ledger.spare(day) == _walked_spare(s, plan, day, so_far)
        ledger.take(taken[day])
        so_far |= taken[day]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases(), st.integers(0, _DAYS - 1))
def test_stock_of_one_day_is_the_stock_walked_from_c0(
    case: tuple[Scenario, Plan, list[_Dated], list[list[DrawnOnSite]]], day: int
) -> None:
    """plan_depot_stock and plan_spare_stock of a day, given every day's take, as walked."""
    s, plan, taken, drawn = case
    every: _Dated = {k: t for by_day in taken for k, t in by_day.items()}
    held = plan_depot_stock(s, plan, day, drawn[day], every)
    assert list(held.items()) == list(_walked_stock(s, plan, day, drawn[day], every).items())
    assert plan_spare_stock(s, plan, day, every) == _walked_spare(s, plan, day, every)


class _Flows:
    """The plan's flows into and out of each depot by day, as the walk from C+0 built them."""

    def __init__(
        self, s: Scenario, plan: Plan, day: int, taken: Mapping[tuple[int, str, str], float]
    ) -> None:
        depots = {g.depot for g in s.fleet if g.count > 0}
        self.depots = depots
        self.flow: _Dated = defaultdict(float)
        self.after: _Dated = defaultdict(float)
        self.road: _Dated = defaultdict(float)
        for sk in s.stocks:
            if sk.location in depots:
                self.flow[(0, sk.location, sk.commodity)] += sk.initial_t
                for k in range(day + 1):
                    self.flow[(k, sk.location, sk.commodity)] += sk.replenishment_t_per_day
        self._book_legs(s, plan, day)
        for d in plan.deliveries:
            if d.location in depots:
                self.after[(max(0, d.day), d.location, d.commodity)] += d.tonnes
        for key, t in taken.items():
            self.after[key] += t
        self.room = store_room(s)

    def _book_legs(self, s: Scenario, plan: Plan, day: int) -> None:
        dwell = {x.id: x.dwell_days for x in s.locations}
        ends = RoadEnds(s, plan)
        for m in plan.movements:
            if m.tonnes <= 0:
                continue
            if m.destination in self.depots:
                usable = max(0, m.arrival_day + dwell.get(m.destination, 0))
                self.flow[(usable, m.destination, m.commodity)] += m.tonnes
            if m.origin not in self.depots:
                continue
            if m.mode is Mode.ROAD:  # gone the day its goods end (through a hub: the last leg's)
                for (_, end), share in ends.of(m).items():
                    self.after[(max(0, end), m.origin, m.commodity)] += m.tonnes * share
                    for night in range(max(0, m.departure_day), min(end, day)):
                        self.road[(night, m.origin, m.commodity)] += m.tonnes * share
            else:
                self.flow[(max(0, m.departure_day), m.origin, m.commodity)] -= m.tonnes

    def next_day(self, book: _Book, day: int) -> None:
        for (d, com), t in book.items():
            road = self.road.get((day - 1, d, com), 0.0)
            book[(d, com)] = min(t - road, self.room.get(d, math.inf)) + road
        for (when, d, com), t in self.flow.items():
            if when == day:
                book[(d, com)] += t

    def end_day(self, book: _Book, day: int) -> None:
        for (when, d, com), t in self.after.items():
            if when == day:
                book[(d, com)] -= t


def _walked_stock(
    s: Scenario, plan: Plan, day: int, on_site: Sequence[DrawnOnSite], taken: _Dated
) -> _Book:
    """What each depot holds on ``day``, walked from C+0 with the day's flows rebuilt."""
    flows = _Flows(s, plan, day, taken)
    for where, com, t in ((d.location, c, t) for d in on_site for c, t in d.load_t.items()):
        if where in flows.depots:
            flows.flow[(day, where, com)] -= t
    book: _Book = defaultdict(float)
    for k in range(day + 1):
        flows.next_day(book, k)
        if k < day:
            flows.end_day(book, k)
    return {k: max(0.0, t) for k, t in book.items()}


def _walked_spare(s: Scenario, plan: Plan, day: int, taken: _Dated) -> _Book:
    """What each depot spares on ``day``, walked from C+0 to the horizon's end."""
    last = max(day, s.horizon_days - 1)
    flows = _Flows(s, plan, last, taken)
    book: _Book = defaultdict(float)
    ends: list[tuple[_Book, _Book]] = []
    for k in range(last + 1):
        flows.next_day(book, k)
        flows.end_day(book, k)
        if k >= day:
            lost = {
                (d, c): max(0.0, t - flows.road.get((k, d, c), 0.0) - flows.room.get(d, math.inf))
                for (d, c), t in book.items()
            }
            ends.append((dict(book), lost))
    spare: _Book = dict(ends[-1][0])
    for end, lost in reversed(ends[:-1]):
        keys = set(spare) | set(end)
        spare = {x: min(end.get(x, 0.0), lost.get(x, 0.0) + spare.get(x, 0.0)) for x in keys}
    return {k: max(0.0, t) for k, t in spare.items()}
