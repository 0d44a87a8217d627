"""Goods a unit's own place holds are drawn there, without a truck; only the rest is driven."""

from __future__ import annotations

import csv
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import star
from routing_validator import validate

from supplyline.domain import Scenario, Stock
from supplyline.domain.routes import RouteStatus
from supplyline.errors import ArgumentError
from supplyline.io import write_scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.site_stock import draw_on_site, held_on_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=100, seed=3))


def _with_stock(s: Scenario, *stocks: tuple[str, str, float, float]) -> Scenario:
    return dataclasses.replace(
        s,
        stocks=tuple(
            Stock(location=w, commodity=c, initial_t=t0, replenishment_t_per_day=daily)
            for w, c, t0, daily in stocks
        ),
    )


def _req(unit: str, where: str, priority: int = 3, **load: float) -> DeliveryRequest:
    return DeliveryRequest(unit=unit, location=where, load_t=load, priority=priority)


def test_what_the_place_holds_is_drawn_and_only_the_rest_is_driven() -> None:
    """L0 holds 3 t of food: of 5 t food + 2 t fuel, 3 t food on site, 2 + 2 t by truck."""
    s = _with_stock(star(1, 50.0), ("L0", "food", 3.0, 0.0))
    routes = route_day(s, [_req("U0", "L0", food=5.0, fuel=2.0)], day=0, params=PARAMS)
    (drawn,) = routes.on_site
    assert (drawn.unit, drawn.location, dict(drawn.load_t)) == ("U0", "L0", {"food": 3.0})
    (stop,) = routes.routes[0].stops
    assert dict(stop.load_t) == pytest.approx({"food": 2.0, "fuel": 2.0})
    assert routes.unserved == ()


def test_a_unit_whose_place_holds_it_all_needs_no_truck() -> None:
    """L0 holds 10 t of food (5 + 5 on C+0): 5 t asked, 5 t on site, no truck, solved."""
    s = _with_stock(star(1, 50.0), ("L0", "food", 5.0, 5.0))
    routes = route_day(s, [_req("U0", "L0", food=5.0)], day=0, params=PARAMS)
    assert routes.routes == ()
    assert routes.unserved == ()
    assert routes.on_site_t == pytest.approx(5.0)
    assert routes.status is RouteStatus.SOLVED


def test_units_at_one_place_share_its_stock_most_urgent_first() -> None:
    """4 t at L0: U1 (priority 1) takes 3 t, U0 (priority 2) the last 1 t."""
    s = _with_stock(star(1, 50.0), ("L0", "food", 4.0, 0.0))
    rest, drawn, after = draw_on_site(
        s,
        [_req("U0", "L0", 2, food=3.0), _req("U1", "L0", 1, food=3.0)],
        {("L0", "food"): 4.0},
    )
    assert [(d.unit, d.tonnes) for d in drawn] == [("U0", 1.0), ("U1", 3.0)]
    assert [(r.unit, dict(r.load_t)) for r in rest] == [("U0", {"food": 2.0})]
    assert after[("L0", "food")] == 0.0


def test_what_is_left_to_drive_takes_its_own_commodities_priority() -> None:
    """Fuel (1) drawn on site leaves food (2): the truck-load is priority 2, not 1.

    A tester's shelter-only load kept the water's priority 1 and took the one truck from
    another unit's water. A priority a script set (not its commodities') is kept.
    """
    s = star(1, 50.0)
    held = {("L0", "fuel"): 5.0}
    (rest,), _, _ = draw_on_site(s, [_req("U0", "L0", 1, food=3.0, fuel=2.0)], held)
    assert (dict(rest.load_t), rest.priority) == ({"food": 3.0}, 2)
    (kept,), _, _ = draw_on_site(s, [_req("U0", "L0", 4, food=3.0, fuel=2.0)], held)
    assert kept.priority == 4


def test_volume_left_for_the_truck_is_in_proportion() -> None:
    """Food is 2 m³/t: 4 t food (8 m³) with 3 t drawn leaves 1 t and 2 m³ for the truck."""
    s = star(1, 50.0)
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 4.0}, volume_m3=8.0)
    (rest,), _, _ = draw_on_site(s, [req], {("L0", "food"): 3.0})
    assert rest.volume_m3 == pytest.approx(2.0)


def test_held_on_day_counts_replenishment_and_earlier_draws() -> None:
    """10 t + 2 t/day, 6 t drawn on C+0 and C+1: 12-6=6, 8-6=2, so C+2 starts with 4 t."""
    s = _with_stock(star(1, 50.0), ("L0", "food", 10.0, 2.0))
    earlier = [[_req("U0", "L0", food=6.0)], [_req("U0", "L0", food=6.0)]]
    assert held_on_day(s, earlier, 2) == {("L0", "food"): pytest.approx(4.0)}
    assert held_on_day(s, [], 2) == {("L0", "food"): pytest.approx(16.0)}


@pytest.mark.parametrize(
    ("held", "match"),
    [
        ([("L0", "food")], "held_t must be a Mapping"),
        ({"L0": 3.0}, "pairs"),
        ({("nowhere", "food"): 3.0}, "no such location"),
        ({("L0", "food"): -1.0}, "finite and >= 0"),
        ({("L0", "food"): "3"}, "must be a number"),
    ],
)
def test_bad_held_t_is_an_argument_error(held: object, match: str) -> None:
    """held_t that is not tonnes by (place, commodity) of the scenario is refused by name."""
    with pytest.raises(ArgumentError, match=match):
        route_day(star(1), [_req("U0", "L0", food=1.0)], day=0, held_t=held)  # type: ignore[arg-type]


def test_routes_cli_writes_on_site_csv_with_earlier_days_drawn(tmp_path: Path) -> None:
    """On C+1 the place holds what C+0 left: 0.05 t drawn on site, 0.05 t by truck.

    U0 at L0 needs 0.1 t food a day (100 people × 1 kg); L0 holds 0.15 t and no more.
    """
    s = _with_stock(
        star(1, 50.0),
        ("RH", "food", 100.0, 10.0),
        ("RH", "fuel", 100.0, 10.0),
        ("L0", "food", 0.15, 0.0),
    )
    folder, out = tmp_path / "sc", tmp_path / "out"
    write_scenario(s, folder)
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", "routes", str(folder), "--day", "1",
         "--from-demand", "--time-limit", "1", "--out", str(out), "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with (out / "on_site.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        stops = list(csv.DictReader(fh))
    food = [dict(kv.split("=") for kv in r["load_t"].split(";")) for r in (*rows, *stops)]
    assert [r["unit"] for r in rows] == ["U0"]
    assert [float(f.get("food", 0)) for f in food] == pytest.approx([0.05, 0.05])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    held=st.lists(st.floats(0.0, 20.0), min_size=3, max_size=3),
    asked=st.lists(st.floats(0.5, 15.0), min_size=3, max_size=3),
)
def test_on_site_never_exceeds_what_the_place_holds(held: list[float], asked: list[float]) -> None:
    """Drawn on site ≤ held at each place; drawn + driven + unserved = asked."""
    s = star(3, 60.0, count=3, payload_t=10.0)
    book = {(f"L{i}", "food"): h for i, h in enumerate(held)}
    reqs = [_req(f"U{i}", f"L{i}", food=t) for i, t in enumerate(asked)]
    routes = route_day(s, reqs, day=0, params=PARAMS, held_t=book)
    for d in routes.on_site:
        assert d.tonnes <= book[(d.location, "food")] + 1e-9
        i = int(d.unit[1:])
        assert d.tonnes == pytest.approx(min(held[i], asked[i]))
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []
