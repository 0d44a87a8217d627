"""Bottleneck records say where they are, and read their shadow price in a tier's unit."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from supplyline.domain import Demand, Scenario
from supplyline.domain.bottleneck import BOTTLENECK_PLACE_FIELDS
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import FOOD, one_link
from supplyline.planning.params import Weights


def test_a_link_names_its_ends_mode_and_line() -> None:
    """A link of 5 t/day short of 8 names L1, D→U, road, and the line between them."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    (b,) = [b for b in plan_movements(scenario, demand).bottlenecks if b.kind == "link_tonnes"]
    d, u = scenario.locations
    assert (b.link, b.origin, b.destination, b.mode) == ("L1", "D", "U", "road")
    assert (b.location, b.lon, b.lat) == (None, None, None)
    assert b.wkt == f"LINESTRING ({d.lon} {d.lat}, {u.lon} {u.lat})"


def test_a_shortfall_price_reads_in_tonnes_short() -> None:
    """Where its food is short, the price over a tonne short's weight is what it saves.

    The weight is a tonne's on the claim's first day, the heaviest: an earlier shortfall
    costs more. Over the plain weight, a tester's one more t/day on 9 days read "saves
    9.45 t short", more than the 9 t it can.
    """
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand)
    (b,) = [b for b in plan.bottlenecks if b.kind == "link_tonnes"]
    days = scenario.horizon_days
    per_t = Weights().shortfall(FOOD.priority) / Weights().shortfall_per_t
    weight = Weights().short_on(days, min(b.days)) * per_t * 2.0  # cost scale: the link's 2
    assert (b.saves_tier, b.saves_unit) == ("shortfall", "t short")
    assert b.saves == pytest.approx(b.shadow_price / weight, abs=1e-6)
    assert b.saves is not None
    assert b.saves <= len(b.days)  # a tonne a day on each of its days, at most


def test_a_place_names_itself_and_its_coordinates(bilateral: tuple[Scenario, Demand]) -> None:
    """The bilateral yard is Grenzfeld, at its coordinates, its price in t-days late."""
    scenario, demand = bilateral
    plan = plan_movements(scenario, demand)
    yard = next(b for b in plan.bottlenecks if b.resource == "grenzfeld")
    loc = scenario.location("grenzfeld")
    assert (yard.location, yard.location_name) == ("grenzfeld", loc.name)
    assert (yard.lon, yard.lat, yard.wkt) == (loc.lon, loc.lat, f"POINT ({loc.lon} {loc.lat})")
    assert (yard.saves_tier, yard.saves_unit) == ("lateness", "t-days late")
    assert yard.saves is not None
    assert 0 < yard.saves < yard.shadow_price


def test_an_outage_names_its_link() -> None:
    """A closed link, re-planned open, names the link and its ends."""
    scenario, demand = one_link(capacity_t_per_day=8.0, outage_days=(2,))
    outages = [b for b in plan_movements(scenario, demand).bottlenecks if b.kind == "outage"]
    assert outages
    assert {(b.link, b.origin, b.destination, b.mode) for b in outages} == {
        ("L1", "D", "U", "road")
    }


def test_the_fields_end_bottlenecks_csv_and_read_back(tmp_path: Path) -> None:
    """bottlenecks.csv's columns before keep their places; plan.json reads them back."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand)
    write_plan(tmp_path / "out", scenario, plan)
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    assert header[-len(BOTTLENECK_PLACE_FIELDS) - 2 :] == [
        "shortfall_extra",
        *BOTTLENECK_PLACE_FIELDS,
        "set_to",
    ]
    assert rows[0]["link"] == "L1"
    assert read_plan(tmp_path / "out").bottlenecks == plan.bottlenecks
