"""Loads offered to a search are capped by what the fleet can carry a day, over all units.

Each unit's cap (what its trucks could bring it alone) summed over many small units
sharing one depot's trucks offered the search far more loads than the fleet could carry,
and the models are quadratic in the loads offered.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario
from supplyline.routing import convoy, fleet_cap
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.fleet_cap import fleet_tonnes, within_fleets
from supplyline.routing.problem import RouterParams
from supplyline.routing.ran_out import Way
from supplyline.routing.translate import Chunk

ROUTER = RouterParams(time_limit_s=2, max_iterations=200, seed=4)
HAMLETS = 30
ASK_T = 0.4


def _hamlets() -> Scenario:
    """D with one 2 t truck of 3 h (50 km/h); 30 hamlets 10 km out, 30 min a stop.

    A round trip takes 0.9 h: 3 trips, 6 t a day; 3 h of stops of 0.5 h: 6 hamlets.
    """
    truck = fleet("T", "D", count=1, payload_t=2.0, hours=3.0)
    places = [loc("D", 0.0, LocationKind.DEPOT)] + [loc(f"H{i}", 0.1) for i in range(HAMLETS)]
    units = [unit_at(f"U{i}", f"H{i}") for i in range(HAMLETS)]
    roads = [road("D", f"H{i}", 10.0) for i in range(HAMLETS)]
    return scenario(places, units, roads, [truck])


def _ask(n: int) -> list[DeliveryRequest]:
    return [
        DeliveryRequest(unit=f"U{i}", location=f"H{i}", load_t={"food": ASK_T}) for i in range(n)
    ]


def _offered_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The loads offered to each search of the day, as a spy on the searches records them."""
    counts: list[int] = []
    real = convoy._solve

    def spied(scenario, requests, groups, chunks, *args, **kw):  # type: ignore[no-untyped-def]
        counts.append(len(chunks))
        return real(scenario, requests, groups, chunks, *args, **kw)

    monkeypatch.setattr(convoy, "_solve", spied)
    return counts


def test_many_small_units_are_offered_what_the_truck_can_stop_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """30 hamlets of one 0.4 t load each, one truck that stops at 6 a day: 6 loads offered.

    On a day too large to offer whole (the floor taken to 0 here, as for a day of more
    than ``OFFER_AT_LEAST`` loads). Each unit's own cap offered all 30. Every tonne is
    still said (delivered or unserved).
    """
    monkeypatch.setattr(fleet_cap, "OFFER_AT_LEAST", 0)
    counts = _offered_counts(monkeypatch)
    s = _hamlets()
    routes = route_day(s, _ask(HAMLETS), day=0, params=ConvoyParams(router=ROUTER))
    assert counts[0] == 6
    assert routes.delivered_t + routes.unserved_t == pytest.approx(ASK_T * HAMLETS)
    assert validate(s, routes, {f"U{i}": {"food": ASK_T} for i in range(HAMLETS)}) == []


def test_a_day_of_few_loads_is_offered_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same 30 hamlets with the real floor: all 30 offered, the search chooses.

    Every tonne said; the truck serves 3 hamlets, as many as its 3 h allow (each is 10 km
    up its own road and back, 0.4 h, and a stop of 0.5 h).
    """
    counts = _offered_counts(monkeypatch)
    s = _hamlets()
    routes = route_day(s, _ask(HAMLETS), day=0, params=ConvoyParams(router=ROUTER))
    assert counts[0] == HAMLETS <= fleet_cap.OFFER_AT_LEAST
    assert routes.delivered_t + routes.unserved_t == pytest.approx(ASK_T * HAMLETS)
    assert routes.delivered_t == pytest.approx(3 * ASK_T)
    assert validate(s, routes, {f"U{i}": {"food": ASK_T} for i in range(HAMLETS)}) == []


def test_where_the_fleet_cap_does_not_bind_every_load_is_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Four hamlets, within the truck's day: all four loads offered, as without the cap."""
    counts = _offered_counts(monkeypatch)
    routes = route_day(_hamlets(), _ask(4), day=0, params=ConvoyParams(router=ROUTER))
    assert counts[0] == 4
    assert routes.delivered_t + routes.unserved_t == pytest.approx(4 * ASK_T)


def test_fleet_tonnes_counts_trips_by_the_shortest_round_trip() -> None:
    """2 trucks × floor(10 h / 3 h) × 5 t = 30 t; one trip each when trucks do not reload."""
    g = SimpleNamespace(id="T", count=2, payload_t=5.0, max_route_hours=10.0)
    ways = [SimpleNamespace(ways=(Way(g, 1.0, h),), multi_trip=True) for h in (4.0, 3.0)]  # type: ignore[arg-type]
    assert fleet_tonnes(ways) == {"T": 30.0}
    once = [SimpleNamespace(ways=(Way(g, 1.0, 3.0),), multi_trip=False)]  # type: ignore[arg-type]
    assert fleet_tonnes(once) == {"T": 10.0}


def _chunk(
    request: int, part: int, tonnes: float, allowed: frozenset[str], priority: int = 1
) -> Chunk:
    return Chunk(request=request, part=part, parts=9, unit=f"U{request}", location="L",
                 load_t={"food": tonnes}, volume_m3=0, volume_known=False, priority=priority,
                 weighted_t=(11 - priority) * tonnes, allowed=allowed, mixed=False)  # fmt: skip


_GROUPS = {
    "A": SimpleNamespace(id="A", count=1, payload_t=2.0, max_route_hours=4.0),
    "B": SimpleNamespace(id="B", count=2, payload_t=1.0, max_route_hours=6.0),
}


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=5),
            st.sampled_from([frozenset("A"), frozenset("B"), frozenset("AB")]),
            st.integers(min_value=1, max_value=1000),
            st.integers(min_value=1, max_value=3),  # priority
            st.floats(min_value=0.0, max_value=1e9),  # the search's prize of each load
        ),
        min_size=1,
        max_size=25,
    ),
    st.floats(min_value=0.5, max_value=3.0),
    st.floats(min_value=0.0, max_value=2.0),
    st.integers(min_value=0, max_value=40),
    st.booleans(),
)
def test_within_fleets_keeps_each_truck_set_within_its_day(
    requests: list[tuple[int, frozenset[str], int, int, float]],
    trip_h: float,
    service_h: float,
    floor: int,
    multi_trip: bool,
) -> None:
    """Every load offered or kept back, in order; each truck set's loads within its day.

    Whatever the loads' priorities and prizes, and one trip a truck or more: the loads
    only a set of truck types may carry weigh no more than those types carry a day and go
    to no more units than they can stop at; when everything fits, everything is offered.
    With a floor, the same loads and the next ones kept back in the cap's order, up to
    the floor.
    """
    chunks = [
        _chunk(r, k, kg / 1000, allowed, priority)
        for r, (n, allowed, kg, priority, _) in enumerate(requests)
        for k in range(n)
    ]
    values = [value for (n, *_, value) in requests for _ in range(n)]
    bounds = {
        r: SimpleNamespace(ways=tuple(Way(_GROUPS[g], 0.1, trip_h) for g in sorted(allowed)),  # type: ignore[arg-type]
                           multi_trip=multi_trip)
        for r, (_, allowed, *_) in enumerate(requests)
    }  # fmt: skip
    offered, beyond = within_fleets(chunks, bounds, service_h, values=values, at_least=0)  # type: ignore[arg-type]
    assert sorted([*offered, *beyond], key=chunks.index) == chunks
    assert offered == [c for c in chunks if c in offered]
    cap = fleet_tonnes(bounds.values())  # type: ignore[arg-type]
    sets = {c.allowed for c in chunks}
    for s in sets:
        mine = [c for c in offered if c.allowed <= s]
        assert sum(c.tonnes for c in mine) <= sum(cap[g] for g in s) + 1e-6
        assert len({c.unit for c in mine}) <= _stops(s, service_h)
    if all(
        sum(c.tonnes for c in chunks if c.allowed <= s) <= sum(cap[g] for g in s)
        and len({c.unit for c in chunks if c.allowed <= s}) <= _stops(s, service_h)
        for s in sets
    ):
        assert beyond == []
    floored, rest = within_fleets(chunks, bounds, service_h, values=values, at_least=floor)  # type: ignore[arg-type]
    assert set(map(id, offered)) <= set(map(id, floored))
    assert len(floored) == max(len(offered), min(floor, len(chunks)))
    assert sorted([*floored, *rest], key=chunks.index) == chunks


def _stops(trucks: frozenset[str], service_h: float) -> float:
    """The most units the trucks of ``trucks`` can stop at in a day (none without service)."""
    if service_h <= 0 or not math.isfinite(24.0 / service_h):
        return math.inf
    return sum(
        _GROUPS[g].count * max(1, math.floor(_GROUPS[g].max_route_hours / service_h + 1e-9))
        for g in trucks
    )
