"""What the plan lands at a unit's own place by air, rail or water is named so, not "drawn".

A tester's earthquake routes listed a helicopter's 8 t at a site holding no stock under
"Drawn on site (from the stock of the unit's own place, no truck)" and never showed the
airlift. In plan mode such goods need no truck and are not the place's stock either.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
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
from supplyline.errors import ArgumentError
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams
from supplyline.routing.plan_arrivals import label_arrivals
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.problem import RouterParams
from supplyline.services.routing import route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=50, seed=3))


def _valley() -> Scenario:
    """Depot D –10 km– helipad H, a one-way air link H→S; UA and UB at S, UC at C (road D–C)."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("H", 0.1, LocationKind.AIRFIELD),
            loc("S", 0.5), loc("C", 0.3)]  # fmt: skip
    air = dataclasses.replace(road("H", "S", 60.0, both_ways=False), id="H-S", mode=Mode.AIR)
    links = [road("D", "H", 10.0), air, road("D", "C", 30.0), road("S", "C", 20.0)]
    units = [unit("UA", "S"), unit("UB", "S"), unit("UC", "C")]
    return scenario(locs, units, links, [fleet("F", "D")])


def _move(link: str, a: str, b: str, tonnes: float, *, mode: Mode = Mode.ROAD) -> Movement:
    return Movement(link=link, origin=a, destination=b, mode=mode, commodity="food",
                    departure_day=0, arrival_day=0, tonnes=tonnes)  # fmt: skip


def _air(tonnes: float) -> Movement:
    return _move("H-S", "H", "S", tonnes, mode=Mode.AIR)


def _plan(s: Scenario, moves: list[Movement], takes: dict[str, float]) -> Plan:
    gives = [
        Delivery(unit=u, location=s.unit(u).destination, commodity="food", day=0, tonnes=t)
        for u, t in takes.items()
    ]
    return Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=tuple(moves),
                deliveries=tuple(gives))  # fmt: skip


def _split(drawn: list[DrawnOnSite]) -> list[tuple[str, str, float]]:
    return [(d.unit, d.link, round(d.tonnes, 9)) for d in drawn]


def test_an_airlift_to_a_place_without_stock_is_named_by_its_link() -> None:
    """8 t flown H→S, UA takes 8 t: one entry, arrived by air on H-S, none drawn from stock."""
    s = _valley()
    loads, drawn = plan_truck_loads(s, _plan(s, [_move("D-H", "D", "H", 8.0), _air(8.0)],
                                             {"UA": 8.0}), 0)  # fmt: skip
    assert loads == []
    assert _split(drawn) == [("UA", "H-S", 8.0)]
    assert (drawn[0].mode, drawn[0].arrived) == (Mode.AIR, True)
    assert drawn[0].how == "arrived by air on link H-S, no truck"


def test_what_a_unit_takes_beyond_the_airlift_is_drawn_from_stock() -> None:
    """8 t flown in, UA takes 10 t: 8 t arrived by air, 2 t drawn from the place's stock."""
    s = _valley()
    _, drawn = plan_truck_loads(s, _plan(s, [_air(8.0)], {"UA": 10.0}), 0)
    assert _split(drawn) == [("UA", "", 2.0), ("UA", "H-S", 8.0)]
    assert drawn[0].how == "drawn from the stock of S, no truck"


def test_an_airlift_beyond_the_days_take_is_counted_up_to_it() -> None:
    """8 t flown in, UA takes 3 t that day: 3 t arrived by air (the rest stocks S)."""
    s = _valley()
    _, drawn = plan_truck_loads(s, _plan(s, [_air(8.0)], {"UA": 3.0}), 0)
    assert _split(drawn) == [("UA", "H-S", 3.0)]


def test_goods_flown_in_and_sent_on_by_road_are_not_counted_as_arrived_for_the_place() -> None:
    """8 t flown to S, 5 t driven on S→C to UC: of UA's 6 t, 3 t arrived, 3 t from stock."""
    s = _valley()
    plan = _plan(s, [_air(8.0), _move("S-C", "S", "C", 5.0)], {"UA": 6.0, "UC": 5.0})
    loads, drawn = plan_truck_loads(s, plan, 0)
    assert [(r.unit, dict(r.load_t)) for r in loads] == [("UC", {"food": 5.0})]
    assert _split(drawn) == [("UA", "", 3.0), ("UA", "H-S", 3.0)]


def test_units_at_one_place_share_an_airlift_as_they_share_a_road() -> None:
    """6 t flown in, UA and UB take 4 t each: each 3 t arrived by air and 1 t from stock."""
    s = _valley()
    _, drawn = plan_truck_loads(s, _plan(s, [_air(6.0)], {"UA": 4.0, "UB": 4.0}), 0)
    assert _split(drawn) == [("UA", "", 1.0), ("UA", "H-S", 3.0),
                             ("UB", "", 1.0), ("UB", "H-S", 3.0)]  # fmt: skip


@pytest.mark.parametrize(
    ("link", "mode", "match"),
    [("H-S", None, "both or neither"), ("", Mode.AIR, "both or neither"),
     ("D-C", Mode.ROAD, "by road come on the trucks")],
)  # fmt: skip
def test_an_arrival_needs_a_link_and_a_mode_not_road(
    link: str, mode: Mode | None, match: str
) -> None:
    """A link without its mode, or a road, is refused, naming what is wrong."""
    with pytest.raises(ArgumentError, match=match):
        DrawnOnSite(unit="UA", location="S", load_t={"food": 1.0}, link=link, mode=mode)


tonnes_st = st.floats(0.0, 20.0).map(lambda t: round(t, 3))


@settings(max_examples=80, deadline=None)
@given(air=tonnes_st, road_in=tonnes_st, road_out=tonnes_st, take_a=tonnes_st, take_b=tonnes_st)
def test_trucked_drawn_and_arrived_add_up_to_the_plans_deliveries(
    air: float, road_in: float, road_out: float, take_a: float, take_b: float
) -> None:
    """Per unit, truck-load + drawn from stock + arrived = its delivery.

    When the roads bring no more than the units take; arrived is never above what flew
    in, and the labelling keeps every tonne of what was drawn.
    """
    s = _valley()
    moves = [_air(air), _move("D-C", "D", "C", road_in), _move("S-C", "S", "C", road_out)]
    takes = {"UA": take_a, "UB": take_b}
    plan = _plan(s, [m for m in moves if m.tonnes > 0], {u: t for u, t in takes.items() if t > 0})
    loads, drawn = plan_truck_loads(s, plan, 0)
    got: dict[str, float] = defaultdict(float)
    for r in loads:
        got[r.unit] += r.tonnes
    for d in drawn:
        got[d.unit] += d.tonnes
    for u, t in takes.items():
        assert got[u] == pytest.approx(t, abs=1e-6)
    assert sum(d.tonnes for d in drawn if d.arrived) <= air + 1e-6
    unlabelled = [dataclasses.replace(d, link="", mode=None) for d in drawn]
    relabelled = label_arrivals(s, plan.movements, 0, unlabelled)
    assert sum(d.tonnes for d in relabelled) == pytest.approx(sum(d.tonnes for d in drawn))


def test_routes_show_the_airlift_apart_in_the_files_and_the_table(tmp_path: Path) -> None:
    """A site only a helicopter reaches: routes.json, on_site.csv and the table name it."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("H", 0.1, LocationKind.AIRFIELD),
            loc("S", 0.5)]  # fmt: skip
    air = dataclasses.replace(road("H", "S", 60.0, both_ways=False), id="H-S", mode=Mode.AIR)
    s = scenario(locs, [unit("UA", "S")], [road("D", "H", 10.0), air], [fleet("F", "D")])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=10.0) for c in ("food", "fuel"))
    folder, out = tmp_path / "sc", tmp_path / "out"
    write_scenario(dataclasses.replace(s, stocks=stocks), folder)
    run = route_scenario_day(folder, day=0, params=PARAMS, out=out)
    assert run.plan is not None
    given_t = sum(d.tonnes for d in run.plan.deliveries if d.day == 0)
    routes = run.routes
    assert given_t > 0
    assert (routes.delivered_t, routes.on_site_t) == (0.0, 0.0)
    assert routes.arrived_t == pytest.approx(given_t)
    summary = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert (summary["on_site_t"], summary["arrived_t"]) == (0.0, round(given_t, 3))
    with (out / "on_site.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["unit"], r["arrived_by"], r["link"], r["detail"]) for r in rows] == [
        ("UA", "air", "H-S", "arrived by air on link H-S, no truck")
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", "routes", str(folder), "--day", "0",
         "--time-limit", "1"],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "arrived by air (no truck)" in proc.stdout
    assert "Arrived at the unit's own place" in proc.stdout
    assert "Drawn on site" not in proc.stdout
