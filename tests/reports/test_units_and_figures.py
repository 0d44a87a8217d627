"""Bottlenecks say what their capacity counts; tables show one number of decimals a column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from supplyline.domain import Bottleneck, Plan, PlanStatus, ResourceKind, amount_unit
from supplyline.io.plan_files import write_plan_files
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.planning.outcome_words import extra_text
from supplyline.planning.summary import bottleneck_table_rows
from supplyline.reports import Table


@pytest.mark.parametrize(
    ("kind", "days", "unit"),
    [
        (ResourceKind.LINK_TONNES, (3,), "t/day"),
        (ResourceKind.LINK_PAX, (3,), "pax/day"),
        (ResourceKind.HANDLING, (3, 4), "t/day"),
        (ResourceKind.HANDLING_PAX, (3,), "pax/day"),
        (ResourceKind.STORAGE, (3,), "t"),
        (ResourceKind.SUPPLY, (0,), "t"),
        (ResourceKind.SUPPLY, (0, 1), "t/day"),
    ],
)
def test_a_bottleneck_read_back_without_a_unit_gets_its_kinds(
    kind: ResourceKind, days: tuple[int, ...], unit: str
) -> None:
    """Plans written before capacity_unit was recorded get the one mapping's unit."""
    neck = Bottleneck(kind=kind, resource="r", days=days, shadow_price=1.0, capacity=40.0)
    assert neck.capacity_unit == unit == amount_unit(kind, once=days == (0,))


def test_every_bottleneck_row_names_its_capacitys_unit(tmp_path: Path) -> None:
    """capacity_unit is filled on every row of bottlenecks.csv, measured or not."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand)
    assert plan.bottlenecks
    write_plan_files(tmp_path, scenario, plan)
    with (tmp_path / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    assert all(r["capacity_unit"] in ("t/day", "pax/day", "t") for r in rows)
    shown = bottleneck_table_rows(plan)
    assert all(str(r["capacity"]).endswith(f" {b.capacity_unit}") for r, b in
               zip(shown, plan.bottlenecks, strict=True))  # fmt: skip


def test_the_tables_extra_is_the_sentences_figure() -> None:
    """0.099 t/day in the sentence is 0.099 in the table, not 0.10."""
    neck = Bottleneck(
        kind=ResourceKind.SUPPLY,
        resource="d/spares",
        days=(2, 3),
        shadow_price=1.0,
        capacity=2.0,
        suggested_extra_per_day=0.0994,
        extra_unit="t/day",
    )
    assert extra_text(0.0994) == "0.099"
    plan = Plan(
        scenario="s",
        start_date=dt.date(2025, 1, 1),
        horizon_days=5,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        bottlenecks=(neck,),
    )
    (row,) = bottleneck_table_rows(plan)
    assert (row["capacity"], row["extra"]) == ("2 t/day", "0.099 t/day")


def test_numbers_in_one_column_take_one_number_of_decimals() -> None:
    """1.0 above 0.52 reads 1.00 above 0.52; another column keeps its own decimals."""
    table = Table(columns=("a", "b"), rows=((1.0, 3.0), (0.52, 12.25), (0.045, 4.0)))
    places = table.column_decimals()
    assert places == (3, 1)
    assert [table.format_cell(r[0], places[0]) for r in table.rows] == ["1.000", "0.520", "0.045"]
    assert [table.format_cell(r[1], places[1]) for r in table.rows] == ["3.0", "12.2", "4.0"]


def test_columns_of_one_quantity_share_their_decimals() -> None:
    """A demand of 2.503 t beside 0.045 t short read "2.50" while short read "2.503"."""
    table = Table(
        columns=("demand t", "short t", "short %"),
        rows=((2.503, 2.503, 100.0), (0.52, 0.045, 8.65)),
        alike=(("demand t", "short t"),),
    )
    places = table.column_decimals()
    assert places == (3, 3, 1)
    assert [table.format_cell(r[0], places[0]) for r in table.rows] == ["2.503", "0.520"]
