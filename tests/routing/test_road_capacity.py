"""The convoy routes keep each road's ``capacity_t_per_day`` (loaded tonnes a day, per way).

A tester's road of 2 t/day carried two 10 t loads, and a one-way track of 60 t/day any
number of 8 t trucks: the router knew a truck's payload, not a road's share of the day.
Now the loaded tonnes over each road are measured after the search, loads come off a
road the routes would overfill, go another way on the trucks left where one is open,
and are ``road_full`` where none is.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.domain.routes import Routes, UnservedReason
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.services.routing import route_scenario_day

_register_commands()
PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=200, seed=3))


def _capped(a: str, b: str, km: float, capacity: float | None, *, two_way: bool = True) -> Link:
    return dataclasses.replace(road(a, b, km), capacity_t_per_day=capacity, bidirectional=two_way)


def _food(tonnes: float, where: str = "S", who: str = "US") -> DeliveryRequest:
    return DeliveryRequest(unit=who, location=where, load_t={"food": tonnes})


def _loaded(routes: Routes) -> dict[tuple[str, str, str], float]:
    return {(r.link, r.origin, r.destination): r.tonnes for r in routes.road_loads}


def test_two_10_t_loads_cross_a_road_of_2_t_a_day_as_2_t() -> None:
    """D–S of 2 t/day, the only road: 2 t of a 10 t load go over it, the other 18 t do not."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(locs, [unit("US", "S")], [_capped("D", "S", 14.0, 2.0)], [fleet("F", "D")])
    routes = route_day(s, [_food(20.0)], day=0, params=PARAMS)
    assert routes.delivered_t == pytest.approx(2.0)
    assert _loaded(routes) == {("D-S", "D", "S"): pytest.approx(2.0)}
    assert {u.reason for u in routes.unserved} == {UnservedReason.ROAD_FULL}
    assert routes.unserved_t == pytest.approx(18.0)


def test_the_road_full_message_names_the_road_day_capacity_and_need() -> None:
    """The detail says the road, the day, its capacity and direction, and the tonnes asked."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(locs, [unit("US", "S")], [_capped("D", "S", 14.0, 2.0)], [fleet("F", "D")])
    (lost,) = route_day(s, [_food(20.0)], day=1, params=PARAMS).unserved
    assert lost.detail == (
        "road D–S full on C+1 (link D-S: 2 t/day from D to S; the day's loads would need "
        "20.000 t over it): no other road open to it"
    )


def test_a_one_way_track_of_60_t_a_day_takes_60_t_of_ten_8_t_loads() -> None:
    """Ten 8 t loads behind a one-way D→S of 60 t/day: 60 t go (one load split), 20 t do not."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    links = [_capped("D", "S", 10.0, 60.0, two_way=False), _capped("S", "D", 10.0, None,
                                                                 two_way=False)]  # fmt: skip
    s = scenario(locs, [unit("US", "S")], links, [fleet("F", "D", count=10, payload_t=8.0)])
    routes = route_day(s, [_food(80.0)], day=0, params=PARAMS)
    assert routes.delivered_t == pytest.approx(60.0)
    assert _loaded(routes) == {("D-S", "D", "S"): pytest.approx(60.0)}
    (lost,) = routes.unserved
    assert (lost.reason, lost.tonnes) == (UnservedReason.ROAD_FULL, pytest.approx(20.0))
    assert lost.detail.startswith("road D→S full on C+0 (link D-S: 60 t/day from D to S; ")


def test_a_load_taken_off_a_full_road_goes_round_by_the_open_detour() -> None:
    """D–S 14 km of 10 t/day, D–M–S 22 km unlimited: one 10 t load each way, both delivered.

    The trip going round drives loaded over M (22 km) and back empty over D–S (14 km),
    on the idle truck or a later trip of the first (no fixed cost: the router's choice).
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    links = [_capped("D", "S", 14.0, 10.0), road("D", "M", 10.0), road("M", "S", 12.0)]
    s = scenario(locs, [unit("US", "S")], links, [fleet("F", "D", count=2)])
    routes = route_day(s, [_food(20.0)], day=0, params=PARAMS)
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(20.0)
    assert _loaded(routes) == {
        ("D-S", "D", "S"): pytest.approx(10.0),
        ("D-M", "D", "M"): pytest.approx(10.0),
        ("M-S", "M", "S"): pytest.approx(10.0),
    }
    assert routes.total_distance_km == pytest.approx(28.0 + 36.0)
    assert any(n.startswith("roads kept to their capacity: road D–S full on C+0") for n in
               routes.notes)  # fmt: skip


def test_roads_within_capacity_route_as_before_and_report_their_tonnes() -> None:
    """Nothing over: no note, no road_full, and the tonnes per road are still measured."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(locs, [unit("US", "S")], [_capped("D", "S", 14.0, 30.0)], [fleet("F", "D")])
    routes = route_day(s, [_food(20.0)], day=0, params=PARAMS)
    assert routes.unserved == ()
    assert _loaded(routes) == {("D-S", "D", "S"): pytest.approx(20.0)}
    assert not any("capacity" in n for n in routes.notes)


def _split_roads(tmp_path: Path, *, capacity: float) -> Path:
    """D –10 km (``capacity`` t/day)– S, and D –15– M –15– S unlimited; US at S eats 20 t/day.

    10,000 people × 1 kg of food and 1 kg of fuel a day; D holds plenty of both.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    links = [_capped("D", "S", 10.0, capacity), road("D", "M", 15.0), road("M", "S", 15.0)]
    big = dataclasses.replace(unit("US", "S"), personnel=10_000)
    s = scenario(locs, [big], links, [fleet("F", "D", count=12)])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=1_000.0) for c in ("food", "fuel"))
    folder = tmp_path / "sc"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    return folder


@pytest.mark.parametrize("from_demand", [False, True], ids=["plan", "from-demand"])
def test_a_scenario_folders_routes_keep_the_short_roads_capacity(
    tmp_path: Path, from_demand: bool
) -> None:
    """Plan mode and --from-demand: more than 12 t for S, at most 12 t over D→S, all delivered."""
    folder = _split_roads(tmp_path, capacity=12.0)
    routes = route_scenario_day(folder, day=1, params=PARAMS, from_demand=from_demand).routes
    assert routes.delivered_t > 12.0
    assert _loaded(routes)[("D-S", "D", "S")] <= 12.0 + 1e-6
    assert routes.unserved == ()


def _tree(
    parents: list[int], km: list[float], caps: list[float | None]
) -> tuple[Scenario, dict[str, str]]:
    """Places P0 (depot) … Pn on a tree of two-way roads: P_i joined to P_parents[i]."""
    locs = [loc("P0", 0.0, LocationKind.DEPOT)]
    locs += [loc(f"P{i}", 0.05 * i, lat=0.01 * (i % 3)) for i in range(1, len(parents) + 1)]
    links = [
        dataclasses.replace(_capped(f"P{p}", f"P{i + 1}", d, c), id=f"r{i + 1}")
        for i, (p, d, c) in enumerate(zip(parents, km, caps, strict=True))
    ]
    up = {f"P{i + 1}": f"P{p}" for i, p in enumerate(parents)}
    units = [unit(f"U{i}", f"P{i}") for i in range(1, len(parents) + 1)]
    return scenario(locs, units, links, [fleet("F", "P0", count=3, payload_t=8.0)]), up


def _tree_path(up: dict[str, str], a: str, b: str) -> list[tuple[str, str]]:
    """The steps from ``a`` to ``b`` on the tree (the only road path)."""

    def chain(x: str) -> list[str]:
        out = [x]
        while out[-1] in up:
            out.append(up[out[-1]])
        return out

    ca, cb = chain(a), chain(b)
    meet = next(x for x in ca if x in cb)
    down = ca[: ca.index(meet) + 1]
    back = cb[: cb.index(meet)][::-1]
    nodes = [*down, *back]
    return list(itertools.pairwise(nodes))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    n=st.integers(min_value=2, max_value=5),
)
def test_no_road_carries_more_loaded_tonnes_than_its_capacity(data: st.DataObject, n: int) -> None:
    """On random trees of roads no way carries more loaded tonnes than its capacity.

    A tree has one path between two places, so the loaded tonnes are summed here from the
    trucks' stops alone; they are as the routes report them, and every tonne asked is
    delivered or said undelivered.
    """
    parents = [data.draw(st.integers(0, i)) for i in range(n)]
    km = data.draw(st.lists(st.floats(3.0, 40.0), min_size=n, max_size=n))
    caps = data.draw(
        st.lists(st.one_of(st.none(), st.integers(1, 30).map(float)), min_size=n, max_size=n)
    )
    tonnes = data.draw(st.lists(st.integers(0, 20).map(float), min_size=n, max_size=n))
    day = data.draw(st.integers(0, 2))
    s, up = _tree(parents, km, caps)
    requests = [_food(t, f"P{i + 1}", f"U{i + 1}") for i, t in enumerate(tonnes) if t > 0]
    params = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=60, seed=1))
    routes = route_day(s, requests, day=day, params=params)
    loaded: dict[tuple[str, str], float] = defaultdict(float)
    for r in routes.routes:
        for trip in sorted({st_.trip for st_ in r.stops}):
            stops = [x for x in r.stops if x.trip == trip]
            here = r.depot
            for k, stop in enumerate(stops):
                on_board = sum(x.tonnes for x in stops[k:])
                for step in _tree_path(up, here, stop.location):
                    loaded[step] += on_board
                here = stop.location
    link_of = {(lk.origin, lk.destination): lk for lk in s.links}
    link_of |= {(lk.destination, lk.origin): lk for lk in s.links}
    for step, t in loaded.items():
        cap = link_of[step].capacity_t_per_day
        assert cap is None or t <= cap + 1e-6, (step, t, cap)
    reported = {(x.origin, x.destination): x.tonnes for x in routes.road_loads}
    assert reported == pytest.approx({k: v for k, v in loaded.items() if v > 1e-6})
    assert routes.delivered_t + routes.unserved_t == pytest.approx(sum(tonnes))


def test_reach_flags_a_unit_whose_roads_carry_less_than_its_demand() -> None:
    """D–S of 2 t/day, S needs 4 t a day: not sustainable, the road and its capacity named."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(locs, [unit("US", "S")], [_capped("D", "S", 14.0, 2.0)], [fleet("F", "D")])
    row = check_reach(s, {"US": 4.0}, availability=1.0).rows[0]
    assert not row.sustainable
    assert row.reason == (
        "needs 4.0 t/day; the roads from D carry at most 2.0 t/day there "
        "(road D–S (link D-S: 2 t/day))"
    )


@pytest.mark.parametrize(
    ("links", "ok"),
    [
        ([_capped("D", "S", 14.0, 2.0), road("D", "M", 10.0), road("M", "S", 12.0)], True),
        (
            [
                _capped("D", "S", 14.0, 2.0),
                dataclasses.replace(_capped("D", "S", 20.0, 3.0), id="D-S2"),
            ],
            True,
        ),
        (
            [
                _capped("D", "S", 14.0, 2.0),
                dataclasses.replace(_capped("D", "S", 20.0, 1.0), id="D-S2"),
            ],
            False,
        ),
    ],
    ids=["open-detour", "parallel-2+3", "parallel-2+1"],
)
def test_reach_adds_up_the_roads_that_lead_there(links: list[Link], ok: bool) -> None:
    """4 t a day: a detour without limit, or parallel roads of 2 + 3 t/day, carry it; 2 + 1 not."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    s = scenario(locs, [unit("US", "S")], links, [fleet("F", "D")])
    assert check_reach(s, {"US": 4.0}, availability=1.0).rows[0].sustainable is ok


def test_the_routes_command_writes_road_full_and_each_roads_tonnes(tmp_path: Path) -> None:
    """`routes --from-demand` on a site behind a 2 t/day road: road_full, said and written.

    Exit 0, road_full in the table and unserved.csv, and routes.json's road_loads the
    road's 2 t (what it carries of the day's loads).
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    big = dataclasses.replace(unit("US", "S"), personnel=5_000)
    s = scenario(locs, [big], [_capped("D", "S", 14.0, 2.0)], [fleet("F", "D")])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=100.0) for c in ("food", "fuel"))
    folder, out = tmp_path / "sc", tmp_path / "out"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "1", "--from-demand", "--time-limit", "1",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "road_full" in result.stdout
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["reason"] for r in rows} == {"road_full"}
    assert all(r["detail"].startswith("road D–S full on C+1 (link D-S: 2 t/day") for r in rows)
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert [(x["link"], x["tonnes"]) for x in saved["road_loads"]] == [("D-S", 2.0)]
    assert saved["delivered_t"] == pytest.approx(2.0)


def test_a_truck_with_hours_left_takes_the_load_round_on_a_later_trip() -> None:
    """One truck, two 10 t loads, D–S of 10 t/day, D–M–S open: its second trip goes by M.

    The load taken off the full road goes on the hours the truck has left after its first
    trip (no truck is idle): 28 km by D–S and back, then 22 km by M and 14 back.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1), loc("M", 0.05, lat=0.05)]
    links = [_capped("D", "S", 14.0, 10.0), road("D", "M", 10.0), road("M", "S", 12.0)]
    s = scenario(locs, [unit("US", "S")], links, [fleet("F", "D", count=1)])
    routes = route_day(s, [_food(20.0)], day=0, params=PARAMS)
    assert routes.unserved == ()
    (truck,) = routes.routes
    assert (truck.truck, truck.trips) == ("F#1", 2)
    assert truck.distance_km == pytest.approx(64.0)
    assert truck.path == ("D", "S", "D", "S", "D")
    assert truck.duration_h <= 9.0
    assert _loaded(routes)[("D-S", "D", "S")] == pytest.approx(10.0)


def test_a_truck_sent_another_way_by_a_load_taken_off_is_measured_on_its_new_road() -> None:
    """D→A→B (A's window first) overfills D–A; with A's food off, D→B takes D–B of 5 t/day.

    The shorter trip's new road is measured too (it was not driven before loads came
    off): no road carries more than it may, every tonne is delivered or road_full.
    """
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("A", 0.05), loc("B", 0.1)]
    links = [_capped("D", "A", 10.0, 10.0), road("A", "B", 10.0), _capped("D", "B", 18.0, 5.0)]
    units = [unit("UA", "A", open_h=6.0, close_h=7.0), unit("UB", "B", open_h=10.0)]
    s = scenario(locs, units, links, [fleet("F", "D", count=1, payload_t=16.0)])
    reqs = [_food(8.0, "A", "UA"), DeliveryRequest(unit="UB", location="B", load_t={"fuel": 8.0},
                                                    priority=1)]  # fmt: skip
    routes = route_day(s, reqs, day=0, params=PARAMS)
    caps = {"D-A": 10.0, "D-B": 5.0, "A-B": math.inf}
    assert all(x.tonnes <= caps[x.link] + 1e-6 for x in routes.road_loads)
    assert {u.reason for u in routes.unserved} <= {UnservedReason.ROAD_FULL}
    assert routes.delivered_t + routes.unserved_t == pytest.approx(16.0)
