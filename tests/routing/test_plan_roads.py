"""Routes and the movement plan count a road's capacity alike (plan mode, multi-day roads).

A tester's plan filled a road with a depot-to-depot movement and the trucks, counting only
their own tonnes, drove a site's loads over it too: 18 t over a road of 10 t/day, where
the plan had sent the site's goods the long way. And the plan's capacity row of a link is
per departure day, while the routes counted a road of several days on the day the goods
arrived. Now the plan's movements the trucks do not carry take their share of each road
first, on the day the goods set out.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Link, LocationKind, Mode, Movement, Plan, PlanStatus, Scenario, Stock
from supplyline.domain.routes import Routes, UnservedReason
from supplyline.errors import ArgumentError
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.plan_roads import plan_road_tonnes
from supplyline.routing.problem import RouterParams
from supplyline.services.routing import route_scenario_day

_register_commands()
PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=200, seed=3))


def _road(a: str, b: str, km: float, capacity: float | None = None, days: int = 0) -> Link:
    """A two-way road costing its km per tonne (so the plan prefers the short way)."""
    return dataclasses.replace(
        road(a, b, km), capacity_t_per_day=capacity, cost_per_t=km, transit_days=days
    )


def _hub_folder(
    tmp_path: Path, *, capacity: float, payload_t: float = 10.0, days: int = 0, horizon: int = 3
) -> Path:
    """D –5 km (``capacity``, ``days`` in transit)– H –5 km– S, and D –20 km– S.

    H is a depot without trucks or units, whose goods go on by rail to R, where U2 eats
    5 t of food and 5 t of fuel a day: 10 t a day for H, over D–H only. US at S eats 4 + 4
    t a day. The trucks are at D, which holds plenty. The short way to S is over D–H.
    """
    locs = [
        loc("D", 0.0, LocationKind.DEPOT),
        loc("H", 0.05, LocationKind.DEPOT),
        loc("S", 0.1),
        loc("R", 0.05, lat=0.2),
    ]
    rail = Link(
        id="H-R",
        origin="H",
        destination="R",
        mode=Mode.RAIL,
        distance_km=20.0,
        transit_days=0,
        cost_per_t=1.0,
    )
    links = [_road("D", "H", 5.0, capacity, days), _road("H", "S", 5.0), _road("D", "S", 20.0)]
    units = [
        dataclasses.replace(unit("US", "S"), personnel=4_000),
        dataclasses.replace(unit("U2", "R"), personnel=5_000),
    ]
    s = scenario(locs, units, [*links, rail], [fleet("F", "D", count=4, payload_t=payload_t)])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=1_000.0) for c in ("food", "fuel"))
    folder = tmp_path / "sc"
    write_scenario(dataclasses.replace(s, stocks=stocks, horizon_days=horizon), folder)
    return folder


def _roads(routes: Routes) -> dict[str, tuple[float, float, int]]:
    """Each road way's (trucks' tonnes, plan's other tonnes, day counted on), by link."""
    return {
        f"{r.origin}>{r.destination}": (r.tonnes, r.plan_t, r.departure_day)
        for r in routes.road_loads
    }


def test_a_road_the_plan_fills_depot_to_depot_leaves_the_trucks_nothing(tmp_path: Path) -> None:
    """D–H of 10 t/day carries H's 10 t in the plan: the 8 t for S go by D–S, 20 km.

    Before, the trucks took the short way over D–H too (18 t on a 10 t/day road).
    """
    folder = _hub_folder(tmp_path, capacity=10.0)
    routes = route_scenario_day(folder, day=1, params=PARAMS).routes
    assert routes.unserved == ()
    assert routes.delivered_t == pytest.approx(8.0)
    assert _roads(routes) == {"D>H": (0.0, 10.0, 1), "D>S": (8.0, 0.0, 1)}
    # 20 km there by D–S; back empty by the short way over H (10 km)
    assert routes.total_distance_km == pytest.approx(30.0)
    assert any(
        "road D–H full on C+1 (link D-H: the plan's other movements take 10.000 t of its "
        "10 t/day from D to H; the day's loads would need 8.000 t over it)" in n
        for n in routes.notes
    )


def test_the_trucks_get_what_the_plan_leaves_of_a_road(tmp_path: Path) -> None:
    """D–H of 14 t/day, the plan's 10 t on it: one 4 t load goes by H, the other by D–S."""
    folder = _hub_folder(tmp_path, capacity=14.0, payload_t=4.0)
    routes = route_scenario_day(folder, day=1, params=PARAMS).routes
    assert routes.delivered_t == pytest.approx(8.0)
    loads = _roads(routes)
    assert loads["D>H"] == (4.0, 10.0, 1)
    assert loads["D>S"] == (4.0, 0.0, 1)


def test_the_plans_movements_the_trucks_do_not_carry_are_told_road_by_road(
    tmp_path: Path,
) -> None:
    """On C+4 of the two-day road: H's 10 t (left C+2) are the plan's; S's 8 t the trucks'."""
    folder = _hub_folder(tmp_path, capacity=10.0, days=2, horizon=5)
    run = route_scenario_day(folder, day=4, params=PARAMS)
    assert run.plan is not None
    assert plan_road_tonnes(run.opened.scenario, run.plan, 4) == {
        ("D-H", "D", "H"): pytest.approx(10.0)
    }


def test_a_two_day_road_is_counted_on_the_day_the_goods_set_out(tmp_path: Path) -> None:
    """`routes --day 4` over D–H of two days: its C+2 is counted, which the plan filled.

    The plan sends nothing over D–H on C+4 (it would arrive after the horizon): counted on
    the day the goods arrive, the trucks had the whole road. Through the real CLI.
    """
    folder = _hub_folder(tmp_path, capacity=10.0, days=2, horizon=5)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "4", "--time-limit", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    by_link = {r["link"]: r for r in saved["road_loads"]}
    assert by_link["D-H"] == {
        "link": "D-H",
        "from": "D",
        "to": "H",
        "departure_day": 2,
        "tonnes": 0.0,
        "plan_t": 10.0,
        "capacity_t_per_day": 10.0,
    }
    assert by_link["D-S"]["tonnes"] == 8.0
    assert saved["unserved_t"] == 0.0
    assert any(
        "road D–H full on C+2 (link D-H: what leaves on C+2 arrives on C+4; the plan's other "
        "movements take 10.000 t of its 10 t/day from D to H" in n
        for n in saved["notes"]
    )


def test_the_routes_command_writes_the_plans_tonnes_beside_the_trucks(tmp_path: Path) -> None:
    """`routes --day 1` (plan mode): routes.json gives D–H's 10 t of the plan, 0 of trucks."""
    folder = _hub_folder(tmp_path, capacity=10.0)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "1", "--time-limit", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    got = {(r["link"], r["tonnes"], r["plan_t"], r["departure_day"]) for r in saved["road_loads"]}
    assert got == {("D-H", 0.0, 10.0, 1), ("D-S", 8.0, 0.0, 1)}
    assert saved["delivered_t"] == 8.0


def _one_road(capacity: float, days: int = 0) -> tuple[Scenario, list[DeliveryRequest]]:
    """D –14 km (``capacity``, ``days`` in transit)– S, and an 8 t load of food for US at S."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.1)]
    s = scenario(
        locs, [unit("US", "S")], [_road("D", "S", 14.0, capacity, days)], [fleet("F", "D")]
    )
    return dataclasses.replace(s, horizon_days=5), [
        DeliveryRequest(unit="US", location="S", load_t={"food": 8.0})
    ]


@pytest.mark.parametrize(("plan_t", "delivered"), [(10.0, 0.0), (6.0, 4.0), (2.0, 8.0)])
def test_route_day_gives_the_trucks_what_the_plan_leaves(plan_t: float, delivered: float) -> None:
    """D–S of 10 t/day, one 8 t load: what the plan leaves of the road goes, up to 8 t."""
    s, requests = _one_road(10.0)
    routes = route_day(s, requests, day=1, params=PARAMS, road_plan_t={("D-S", "D", "S"): plan_t})
    assert routes.delivered_t == pytest.approx(delivered)
    assert routes.unserved_t == pytest.approx(8.0 - delivered)


def test_road_full_says_what_the_plans_other_movements_take() -> None:
    """The road_full detail names the road, the plan's tonnes on it and its capacity."""
    s, requests = _one_road(10.0)
    routes = route_day(s, requests, day=1, params=PARAMS, road_plan_t={("D-S", "D", "S"): 6.0})
    (lost,) = routes.unserved
    assert lost.reason is UnservedReason.ROAD_FULL
    assert lost.detail == (
        "road D–S full on C+1 (link D-S: the plan's other movements take 6.000 t of its "
        "10 t/day from D to S; the day's loads would need 8.000 t over it): no other road "
        "open to it"
    )
    assert [(r.tonnes, r.plan_t) for r in routes.road_loads] == [(4.0, 6.0)]


def test_a_two_day_roads_road_full_names_the_day_the_goods_set_out() -> None:
    """From demand, C+3 over a two-day road of 2 t/day: full on C+1, what left then."""
    s, requests = _one_road(2.0, days=2)
    (lost,) = route_day(s, requests, day=3, params=PARAMS).unserved
    assert lost.detail == (
        "road D–S full on C+1 (link D-S: what leaves on C+1 arrives on C+3; 2 t/day from D "
        "to S; the day's loads would need 8.000 t over it): no other road open to it"
    )


@pytest.mark.parametrize(
    "given",
    [{("nope", "D", "S"): 1.0}, {("D-S", "S", "X"): 1.0}, {("D-S", "D", "S"): -1.0}, [1.0]],
)
def test_a_bad_road_plan_t_is_refused_before_any_work(given: object) -> None:
    """An unknown road or way, a negative tonnage, or no mapping: ArgumentError."""
    s, requests = _one_road(10.0)
    with pytest.raises(ArgumentError, match="road_plan_t"):
        route_day(s, requests, day=1, params=PARAMS, road_plan_t=given)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    kept=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6),
    has_unit=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_a_chains_legs_are_the_plans_for_what_stays_where_no_unit_is(
    kept: list[int], has_unit: list[bool]
) -> None:
    """On a chain P0 → P1 → … where P_i keeps ``kept[i-1]`` t, a leg is the plan's for what.

    Its plan's tonnes are what stays downstream at places without units; the rest is the
    trucks'.
    """
    n = len(kept)
    locs = [loc("P0", 0.0, LocationKind.DEPOT)] + [loc(f"P{i}", 0.01 * i) for i in range(1, n + 1)]
    links = [road(f"P{i - 1}", f"P{i}", 5.0) for i in range(1, n + 1)]
    units = [unit(f"U{i}", f"P{i}") for i in range(1, n + 1) if has_unit[i - 1]]
    s = scenario(locs, units, links, [fleet("F", "P0")])
    moves = [
        Movement(link=f"P{i - 1}-P{i}", origin=f"P{i - 1}", destination=f"P{i}", mode=Mode.ROAD,
                 commodity="food", departure_day=1, arrival_day=1, tonnes=float(sum(kept[i - 1:])))
        for i in range(1, n + 1)
        if sum(kept[i - 1:]) > 0
    ]  # fmt: skip
    plan = Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=tuple(moves))  # fmt: skip
    expected = {
        (f"P{i - 1}-P{i}", f"P{i - 1}", f"P{i}"): float(
            sum(kept[j - 1] for j in range(i, n + 1) if not has_unit[j - 1])
        )
        for i in range(1, n + 1)
    }
    got = plan_road_tonnes(s, plan, 1)
    assert got == pytest.approx({w: t for w, t in expected.items() if t > 0})
