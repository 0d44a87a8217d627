"""The idle trucks' round is offered only the loads they can bring, and says so briefly.

A tester's day (20 units, 3,923 t asked, two 0.5 t vans among the idle trucks) cut what
the first search left into 7,600 loads of 0.5 t, all offered to the second search: its
models took 25 s of a run asked to search 3 s, and its note named every load size of
every unit, thousands of characters long.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing import convoy, fleet_cap, search_clock
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.search_clock import LATER_SHARE, LEAST_SEARCH_S, SearchClock
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_cap import IDLE_NOTE_UNITS, idle_split_note, within_trips

ROUTER = RouterParams(time_limit_s=2, max_iterations=200, seed=4)
UNITS = 6


def _depot() -> Scenario:
    """D with one 6 t truck of 2 h and one 1 t van of 2 h; six units 10 km out, each its road."""
    big = fleet("BIG", "D", count=1, payload_t=6.0, hours=2.0)
    van = fleet("VAN", "D", count=1, payload_t=1.0, hours=2.0)
    places = [loc("D", 0.0, LocationKind.DEPOT)] + [loc(f"L{i}", 0.1) for i in range(UNITS)]
    units = [unit_at(f"U{i}", f"L{i}") for i in range(UNITS)]
    roads = [road("D", f"L{i}", 10.0) for i in range(UNITS)]
    return scenario(places, units, roads, [big, van])


_ASK = [
    DeliveryRequest(unit=f"U{i}", location=f"L{i}", load_t={"food": 120.0}) for i in range(UNITS)
]


def _idle_note(notes: tuple[str, ...]) -> str:
    (note,) = [n for n in notes if "split again for the idle trucks" in n]
    return note


def test_the_idle_van_is_offered_only_the_loads_it_can_bring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The van's 2 trips a day of 1 t: 2 loads offered in all, not the ~120 a unit of 1 t.

    Each unit's cap alone offered 2 a unit (12); on a day too large to offer whole (the
    floor of loads offered whatever the fleet cap taken to 0 here), the van's fleet cap
    (2 trips x 1 t) keeps 2 of them. What is delivered is the same; the rest is unserved
    too_large, every tonne said.
    """
    monkeypatch.setattr(fleet_cap, "OFFER_AT_LEAST", 0)
    s = _depot()
    routes = route_day(s, _ASK, day=0, params=ConvoyParams(router=ROUTER))
    note = _idle_note(routes.notes)
    assert ", 2 of them offered to the idle trucks" in note
    assert routes.delivered_t + routes.unserved_t == pytest.approx(120.0 * UNITS)
    assert {u.reason for u in routes.unserved} == {UnservedReason.TOO_LARGE}
    assert validate(s, routes, {f"U{i}": {"food": 120.0} for i in range(UNITS)}) == []


def test_the_idle_rounds_note_names_a_few_units_and_counts_the_rest() -> None:
    """Six units of ~118 loads each: three named, 'and 3 more units', the totals; short."""
    routes = route_day(_depot(), _ASK, day=0, params=ConvoyParams(router=ROUTER))
    note = _idle_note(routes.notes)
    assert f"and {UNITS - IDLE_NOTE_UNITS} more units; " in note
    assert sum(f"U{i} ×" in note for i in range(UNITS)) == IDLE_NOTE_UNITS
    assert len(note) < 400


def _chunk(request: int, part: int, tonnes: float = 1.0) -> Chunk:
    return Chunk(request=request, part=part, parts=99, unit=f"U{request}", location="L",
                 load_t={"food": tonnes}, volume_m3=0, volume_known=False, priority=1,
                 weighted_t=tonnes, allowed=frozenset({"VAN"}), mixed=False)  # fmt: skip


class _Most:
    def __init__(self, most: int) -> None:
        self.most = most


@given(
    st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=6),
    st.lists(st.integers(min_value=0, max_value=10), min_size=6, max_size=6),
)
def test_within_trips_keeps_the_first_loads_up_to_the_bound(
    parts: list[int], most: list[int]
) -> None:
    """Offered + beyond is every load, in order; a request is offered max(1, most) at most."""
    chunks = [_chunk(r, k) for r, n in enumerate(parts) for k in range(n)]
    offered, beyond = within_trips(chunks, {r: _Most(most[r]) for r in range(len(parts))})
    assert sorted([*offered, *beyond], key=chunks.index) == chunks
    assert offered == [c for c in chunks if c in offered]
    for r, n in enumerate(parts):
        mine = [c.part for c in offered if c.request == r]
        assert mine == list(range(min(n, max(1, most[r]))))


def test_a_note_on_thousands_of_loads_stays_short() -> None:
    """7,000 loads of 20 units: a few hundred characters, the totals said."""
    chunks = [_chunk(r, k, 0.5) for r in range(20) for k in range(350)]
    offered, beyond = within_trips(chunks, {r: _Most(3) for r in range(20)})
    note = idle_split_note(offered, beyond)
    assert len(note) < 400
    assert note.endswith(
        "and 17 more units; 7,000 loads, 3,500.000 t in all, 60 of them offered to the idle "
        "trucks (as many as they can bring each unit in a day, and in all where the loads "
        "are too many to offer whole), the other 6,940 unserved (unserved.csv)"
    )


class _FakeClock:
    """A clock each search advances by its whole time limit (as on a loaded machine)."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.limits: list[float] = []

    def __call__(self) -> float:
        return self.t


def test_every_search_of_the_day_ends_by_the_limit_and_a_quarter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """First search, idle round and full-road rounds: their limits add up to ≤ 1.25 × limit.

    Each searched its own limit before (the whole limit, then a quarter for each round:
    1.75 × here), so the searches could run on long past ``--time-limit``.
    """
    clock = _FakeClock()
    real = convoy.solve_vrp

    def searched(problem, params, **kw):  # type: ignore[no-untyped-def]
        clock.limits.append(params.time_limit_s)
        clock.t += params.time_limit_s  # the search took all it was given
        return real(problem, params, **kw)

    monkeypatch.setattr(search_clock, "_now", clock)
    monkeypatch.setattr(convoy, "solve_vrp", searched)
    trucks = [fleet("BIG", "D", count=1, payload_t=6.0, hours=2.0),
              fleet("VAN", "D", count=1, payload_t=1.0, hours=4.0)]  # fmt: skip
    places = [loc("D", 0.0, LocationKind.DEPOT), loc("L", 0.1), loc("M", 0.05)]
    roads = [road("D", "L", 10.0, capacity=6.0), road("D", "M", 8.0), road("M", "L", 8.0)]
    s = scenario(places, [unit_at("U", "L")], roads, trucks)  # D–L full: round by M
    ask = [DeliveryRequest(unit="U", location="L", load_t={"food": 24.0})]
    routes = route_day(s, ask, day=0, params=ConvoyParams(router=ROUTER))
    assert any("split again for the idle trucks" in n for n in routes.notes)
    assert any(n.startswith("roads kept to their capacity") for n in routes.notes)
    assert len(clock.limits) >= 3
    most = ROUTER.time_limit_s * (1 + LATER_SHARE) + LEAST_SEARCH_S * len(clock.limits)
    assert sum(clock.limits) <= most


def test_a_later_search_gets_what_the_deadline_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its quarter while there is time, then what is left, then the least search."""
    clock = _FakeClock()
    monkeypatch.setattr(search_clock, "_now", clock)
    day = SearchClock(RouterParams(time_limit_s=4.0))
    assert day.router(LATER_SHARE).time_limit_s == pytest.approx(1.0)
    clock.t += 4.5
    assert day.router(LATER_SHARE).time_limit_s == pytest.approx(0.5)
    clock.t += 1.0
    assert day.router(LATER_SHARE).time_limit_s == LEAST_SEARCH_S


def test_the_fitting_before_the_first_search_counts_against_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fitting that takes 2 s of a 2 s limit leaves the first search 0.5 s (of 2.5 s in all).

    The first search had the whole limit after the fitting, however long it took: a day
    of 1,502 small deliveries asked 3 s took 5.8 s.
    """
    clock = _FakeClock()
    limits: list[float] = []
    real_vrp, real_plan = convoy.solve_vrp, convoy.plan_chunks

    def searched(problem, params, **kw):  # type: ignore[no-untyped-def]
        limits.append(params.time_limit_s)
        return real_vrp(problem, params, **kw)

    def slow_fitting(*args, **kw):  # type: ignore[no-untyped-def]
        clock.t += ROUTER.time_limit_s  # the fitting took the whole limit
        return real_plan(*args, **kw)

    monkeypatch.setattr(search_clock, "_now", clock)
    monkeypatch.setattr(convoy, "solve_vrp", searched)
    monkeypatch.setattr(convoy, "plan_chunks", slow_fitting)
    route_day(_depot(), _ASK[:1], day=0, params=ConvoyParams(router=ROUTER, idle_round=False))
    assert limits[0] == pytest.approx(ROUTER.time_limit_s * LATER_SHARE)
