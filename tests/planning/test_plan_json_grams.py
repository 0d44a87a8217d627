"""plan.json gives each amount as the CSV files do: to the gram, never ``-0.0``.

A unit's ``lift_t`` and a bottleneck's ``capacity`` kept the scenario's every digit in
plan.json (20.467651682890512) where deployment.csv and bottlenecks.csv read 20.467652;
a shadow price rounded by ``round`` alone could be ``-0.0``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Scenario
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.types import to_gram

TABLES = {
    "movements.csv": "movements",
    "stocks.csv": "stocks",
    "deliveries.csv": "deliveries",
    "shortfalls.csv": "shortfalls",
    "deployment.csv": "closures",
    "bottlenecks.csv": "bottlenecks",
}
"""Each plan CSV and the list of plan.json that holds the same records, in its order."""

EMPTY_WHEN_ZERO = {
    "shortfall_removed_t",
    "late_t_days_cut",
    "late_pax_days_cut",
    "target_t_days_filled",
    "transport_cost_saved",
}
"""bottlenecks.csv leaves these empty at 0 (docs/planning.md); plan.json keeps the 0."""


def _below_the_gram(scenario: Scenario) -> Scenario:
    """``scenario`` with lifts and link capacities carrying digits below the gram."""
    units = tuple(
        dataclasses.replace(u, deployment_lift_t=u.deployment_lift_t + 1.234e-7)
        for u in scenario.units
    )
    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=x.capacity_t_per_day + 3.3e-7)
        if x.capacity_t_per_day is not None
        else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, units=units, links=links)


def _numbers(value: Any) -> Iterator[float]:
    """Every float in a JSON document, however deep."""
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


def _disagreements(out: Path) -> list[str]:
    """Where a number of plan.json differs from its cell in the plan's CSV files."""
    data = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    found = []
    for name, key in TABLES.items():
        with (out / name).open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(data[key]), name
        for row, record in zip(rows, data[key], strict=True):
            for column, cell in row.items():
                value = record.get(column)
                if isinstance(value, bool) or not isinstance(value, int | float):
                    continue
                if cell == "" and value == 0 and column in EMPTY_WHEN_ZERO:
                    continue
                if cell == "" or float(cell) != value:
                    found.append(f"{name} {column}: CSV {cell!r}, plan.json {value!r}")
    return found


@SETTINGS
@given(case=scenarios())
def test_plan_json_numbers_are_the_csv_cells(
    case: tuple[Scenario, Demand], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every number plan.json shares with a CSV reads the same; none is ``-0.0``."""
    scenario, demand = case
    scenario = _below_the_gram(scenario)
    plan = plan_movements(scenario, demand)
    out = tmp_path_factory.mktemp("plan") / "out"
    write_plan(out, scenario, plan)
    assert _disagreements(out) == []
    data = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert not [x for x in _numbers(data) if x == 0 and math.copysign(1.0, x) < 0]
    for closure in data["closures"]:
        assert closure["lift_t"] == to_gram(closure["lift_t"])
    assert read_plan(out) == plan  # the plan itself is to the gram: it reads back equal
