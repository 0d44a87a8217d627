"""Bottlenecks say what their capacity counts; tables show one number of decimals a column.

The report's tables and the CLI's show a figure alike: one rule for decimals and rounding.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.cli.output import _cell
from supplyline.domain import Bottleneck, Plan, PlanStatus, ResourceKind, amount_unit
from supplyline.io.plan_files import write_plan_files
from supplyline.planning import plan_movements
from supplyline.planning.examples import border_post, gauge_break, one_link
from supplyline.planning.outcome_words import extra_text
from supplyline.planning.summary import bottleneck_rows, bottleneck_table_rows
from supplyline.reports import Table
from supplyline.types import figure_decimals, figure_text, fixed_text

CAP = "capacity_or_supply"
"""The tables' column: a capacity, or a supply's replenishment or stock on hand."""


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
    said = [  # a supply's "2 t/day of replenishment" or "600 t on hand": its unit all the same
        re.fullmatch(rf"[\d,.]+ {re.escape(b.capacity_unit)}( of replenishment| on hand)?", r[CAP])
        for r, b in zip(shown, plan.bottlenecks, strict=True)
    ]
    assert all(said), [r[CAP] for r in shown]


def test_the_tables_extra_is_the_sentences_figure() -> None:
    """0.099 t/day in the sentence is 0.099 in the table, not 0.10."""
    neck = Bottleneck(
        kind=ResourceKind.SUPPLY,
        resource="d/spares",
        days=(2, 3),
        shadow_price=1.0,
        capacity=2.0,
        suggested_extra=0.0994,
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
    assert (row[CAP], row["extra"]) == ("2 t/day of replenishment", "0.099 t/day")


def test_numbers_in_one_column_take_one_number_of_decimals() -> None:
    """1.0 above 0.52 reads 1.00 above 0.52; another column keeps its own decimals.

    12.25 reads 12.25, as the CLI shows it (it read "12.2": one decimal, half to even).
    """
    table = Table(columns=("a", "b"), rows=((1.0, 3.0), (0.52, 12.25), (0.045, 4.0)))
    places = table.column_decimals()
    assert places == (3, 2)
    assert [table.format_cell(r[0], places[0]) for r in table.rows] == ["1.000", "0.520", "0.045"]
    assert [table.format_cell(r[1], places[1]) for r in table.rows] == ["3.00", "12.25", "4.00"]


def test_columns_of_one_quantity_share_their_decimals() -> None:
    """A demand of 2.503 t beside 0.045 t short read "2.50" while short read "2.503"."""
    table = Table(
        columns=("demand t", "short t", "short %"),
        rows=((2.503, 2.503, 100.0), (0.52, 0.045, 8.65)),
        alike=(("demand t", "short t"),),
    )
    places = table.column_decimals()
    assert places == (3, 3, 2)
    assert [table.format_cell(r[0], places[0]) for r in table.rows] == ["2.503", "0.520"]


def test_a_column_of_nothing_reads_0_beside_its_group() -> None:
    """A column of nothing reads 0 whatever decimals its group takes.

    The relief example's "of which deployment t" read 0.000 on every row of the report
    beside tonnes to the kilogram, where docs/reports.md says such a column reads 0.
    """
    table = Table(
        columns=("tonnes", "of which deployment t"),
        rows=((1.275, 0.0), (12.5, 0.0)),
        alike=(("tonnes", "of which deployment t"),),
        within=(("of which deployment t", "tonnes"),),
        least=(("tonnes", 3), ("of which deployment t", 3)),
    )
    assert table.column_decimals() == (3, 0)
    assert [table.format_cell(r[1], 0) for r in table.rows] == ["0", "0"]


def test_a_figure_between_a_hundredth_and_a_tenth_reads_alike_everywhere() -> None:
    """0.015 t reads 0.015 in the CLI's table, the report's and in words (the CLI said 0.02)."""
    table = Table(columns=("short t",), rows=((0.015,), (3.0,)))
    (places,) = table.column_decimals()
    cli = [_cell(v, "short_t", figure_decimals([0.015, 3.0])) for v in (0.015, 3.0)]
    assert [table.format_cell(v, places) for (v,) in table.rows] == cli == ["0.015", "3.000"]
    assert figure_text(0.015) == "0.015"


def test_the_report_and_the_cli_round_a_half_alike() -> None:
    """17.15 t and 1.25 t read so in both (the report read "17.1" and "1.2").

    Both halves are exact as written: rounded as the number reads, a half goes up.
    """
    rows = [{"short_t": 17.15}, {"short_t": 1.25}]
    cli = [_cell(r["short_t"], "short_t", figure_decimals([17.15, 1.25])) for r in rows]
    table = Table(columns=("short t",), rows=((17.15,), (1.25,)))
    (places,) = table.column_decimals()
    assert [table.format_cell(v, places) for (v,) in table.rows] == cli == ["17.15", "1.25"]
    assert (fixed_text(17.15, 1), fixed_text(1.25, 1), fixed_text(0.125, 2)) == (
        "17.2",
        "1.3",
        "0.13",
    )


@given(
    st.lists(
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
        min_size=1,
        max_size=6,
    )
)
def test_a_column_reads_the_same_in_the_report_and_the_cli(values: list[float]) -> None:
    """Any column of figures shows the same text in both faces, small ones too.

    Between 0.01 and 0.1 the report kept two significant digits and the CLI two decimals:
    0.015 t read 0.015 in the report and 0.02 in the CLI's table.
    """
    places = figure_decimals(values)
    table = Table(columns=("v",), rows=tuple((v,) for v in values))
    (own,) = table.column_decimals()
    assert [table.format_cell(v, own) for v in values] == [_cell(v, "v", places) for v in values]


def test_a_claim_that_removes_no_shortfall_leaves_the_removes_cell_empty(tmp_path: Path) -> None:
    """A lateness claim read "removes t 0" beside a gain of t-days; a shortfall's keeps its t.

    The gauge break's yard of 100 t/day leaves 20 t a day of 120 short on C+3–C+9: +20
    removes all 140 t. The border post's people (late, nothing short) cut person-days and
    remove no tonnes.
    """
    short = plan_movements(*gauge_break())
    post_scenario, post_demand = border_post(pax_per_day=40.0)
    late = plan_movements(post_scenario, post_demand)
    (yard,) = [r for r in bottleneck_rows(short) if r["kind"] == "handling"]
    assert yard["shortfall_removed_t"] == 140.0
    (post,) = [b for b in late.bottlenecks if b.suggested_extra is not None]
    assert post.shortfall_removed_t == 0.0  # measured: plan.json keeps it apart from None
    assert "person-days" in post.explanation
    assert all(r["shortfall_removed_t"] is None for r in bottleneck_rows(late))
    write_plan_files(tmp_path, post_scenario, late)
    with (tmp_path / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as f:
        assert {row["shortfall_removed_t"] for row in csv.DictReader(f)} == {""}
