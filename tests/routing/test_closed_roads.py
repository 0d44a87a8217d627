"""A road closed on a day is never driven that day, nor replaced by a straight-line estimate."""

from __future__ import annotations

import csv
import dataclasses
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, star, unit
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario, Stock, great_circle_km
from supplyline.domain.routes import UnservedReason
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.roads import closed_roads, road_matrix

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _close(s: Scenario, link_id: str, *days: int) -> Scenario:
    links = tuple(
        dataclasses.replace(lk, outage_days=frozenset(days)) if lk.id == link_id else lk
        for lk in s.links
    )
    return dataclasses.replace(s, links=links)


def _food(unit_id: str, where: str, tonnes: float = 5.0) -> DeliveryRequest:
    return DeliveryRequest(unit=unit_id, location=where, load_t={"food": tonnes})


def test_matrix_marks_a_closed_pair_infinite_not_estimated() -> None:
    """RH–L0 closed on C+1: infinite and closed that day, 50 km by road on C+0."""
    s = _close(star(2, 50.0), "RH-L0", 1)
    m1, m0 = road_matrix(s, ["RH", "L0"], day=1), road_matrix(s, ["RH", "L0"], day=0)
    assert math.isinf(m1.km[0, 1])
    assert m1.closed[0, 1]
    assert not m1.by_road[0, 1]
    assert m0.km[0, 1] == pytest.approx(50.0)
    assert not m0.closed[0, 1]
    assert m0.by_road[0, 1]


def test_place_without_road_data_keeps_the_estimate_on_a_closure_day() -> None:
    """A place no road joins on any day is great circle × 1.3 away, flagged, not closed.

    RH keeps an open road (RH–L1) on C+1, so it is not cut off by road itself.
    """
    s = _close(star(2, 50.0), "RH-L0", 1)
    s = dataclasses.replace(s, locations=(*s.locations, loc("X", 1.0)))
    m = road_matrix(s, ["RH", "X"], day=1)
    assert m.km[0, 1] == pytest.approx(great_circle_km(0, 0, 0, 1.0) * 1.3)
    assert not m.by_road[0, 1]
    assert not m.closed[0, 1]


def test_closed_roads_names_the_cut_link_on_the_shortest_road() -> None:
    """L0 behind RH–M (closed) and M–L0: the closed link is named, the open one is not."""
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD), loc("M", 0.1), loc("L0", 0.2)]
    s = scenario(locs, [unit("U0", "L0")], [road("RH", "M", 20), road("M", "L0", 20)], [])
    s = _close(s, "RH-M", 2)
    assert [lk.id for lk in closed_roads(s, "RH", "L0", 2)] == ["RH-M"]
    assert closed_roads(s, "RH", "L0", 1) == []


def test_site_whose_only_road_is_closed_is_unserved_with_the_road_named() -> None:
    """C+1: U0's only road is cut, so its 5 t are road_closed; U1 gets its 5 t by truck."""
    s = _close(star(2, 50.0), "RH-L0", 1)
    routes = route_day(s, [_food("U0", "L0"), _food("U1", "L1")], day=1, params=PARAMS)
    (lost,) = routes.unserved
    assert (lost.unit, lost.reason, lost.tonnes) == ("U0", UnservedReason.ROAD_CLOSED, 5.0)
    assert lost.detail == (
        "road RH–L0 closed on C+1 (link RH-L0): no open road between RH and L0 (F1)"
    )
    assert routes.delivered_t == pytest.approx(5.0)
    assert {s.unit for r in routes.routes for s in r.stops} == {"U1"}


def test_the_same_site_is_served_on_a_day_its_road_is_open() -> None:
    """C+0 (road open): both units get their 5 t, 50 km by road each way."""
    s = _close(star(2, 50.0), "RH-L0", 1)
    routes = route_day(s, [_food("U0", "L0"), _food("U1", "L1")], day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(10.0)


def test_a_detour_open_that_day_is_driven_at_its_road_length() -> None:
    """RH–L0 (50 km) closed, RH–L1–L0 (40 + 30 km) open: U0 is served 70 km out by road."""
    s = star(2, 40.0)
    s = dataclasses.replace(s, links=(*s.links, road("L1", "L0", 30.0)))
    s = _close(s, "RH-L0", 1)
    routes = route_day(s, [_food("U0", "L0")], day=1, params=PARAMS)
    (r,) = routes.routes
    assert r.stops[0].distance_from_previous_km == pytest.approx(70.0)
    assert r.stops[0].leg_by_road
    assert r.distance_km == pytest.approx(140.0)


def test_an_estimated_leg_is_flagged_on_the_stop_and_in_the_notes() -> None:
    """A unit no road reaches is served over great circle × 1.3 and the leg says so."""
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD), loc("L0", 0.3)]
    s = scenario(locs, [unit("U0", "L0")], [], [fleet("F1", "RH")])
    routes = route_day(s, [_food("U0", "L0")], day=0, params=PARAMS)
    (stop,) = routes.routes[0].stops
    assert not stop.leg_by_road
    assert stop.distance_from_previous_km == pytest.approx(great_circle_km(0, 0, 0, 0.3) * 1.3)
    assert any("estimated" in n and "RH→L0" in n for n in routes.notes)


def test_the_route_files_say_road_closed_and_flag_estimated_legs(tmp_path: Path) -> None:
    """CLI on a scenario folder: unserved.csv names the closed road; routes.csv has leg_by_road."""
    s = _close(star(2, 50.0), "RH-L0", 1)
    stocks = tuple(
        Stock(location="RH", commodity=c, initial_t=500.0, replenishment_t_per_day=100.0)
        for c in ("food", "fuel")
    )
    folder, out = tmp_path / "sc", tmp_path / "out"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", "routes", str(folder), "--day", "1",
         "--from-demand", "--time-limit", "1", "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["unit"], row["reason"]) == ("U0", "road_closed")
    assert row["detail"].startswith("road RH–L0 closed on C+1")
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        stops = list(csv.DictReader(fh))
    assert [(s["unit"], s["leg_by_road"]) for s in stops] == [("U1", "yes")]


closure_st = st.lists(
    st.tuples(st.floats(5.0, 150.0), st.sets(st.integers(0, 2), max_size=3), st.booleans()),
    min_size=1,
    max_size=4,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units=closure_st, day=st.integers(0, 2), ring=st.booleans())
def test_no_route_ever_uses_a_road_closed_on_its_day(
    units: list[tuple[float, set[int], bool]], day: int, ring: bool
) -> None:
    """No leg over a closed road; every tonne accounted for; cut off means road_closed.

    Random roads and closures: a unit no open road reaches that day is reported as
    ``road_closed`` (never served over an estimate), and only such a unit.
    """
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD)]
    us, links, reqs = [], [], []
    for i, (km, closed, _) in enumerate(units):
        locs.append(loc(f"L{i}", 0.05 * (i + 1)))
        us.append(unit(f"U{i}", f"L{i}"))
        links.append(dataclasses.replace(road("RH", f"L{i}", km), outage_days=frozenset(closed)))
        reqs.append(_food(f"U{i}", f"L{i}", 3.0))
    if ring:  # roads between neighbours, sometimes closed too
        for i, (_, _, shut) in enumerate(units[1:], start=1):
            link = road(f"L{i - 1}", f"L{i}", 20.0)
            links.append(dataclasses.replace(link, outage_days=frozenset({day} if shut else ())))
    s = scenario(locs, us, links, [fleet("F", "RH", count=3, payload_t=10.0, hours=12.0)])
    routes = route_day(s, reqs, day=day, params=PARAMS)
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []
    m = road_matrix(s, ["RH", *(f"L{i}" for i in range(len(units)))], day=day)
    for u in routes.unserved:
        i = m.index(u.location)
        assert (u.reason is UnservedReason.ROAD_CLOSED) == bool(m.closed[0, i] or m.closed[i, 0])
