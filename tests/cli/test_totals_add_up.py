"""A total shown beside its parts adds up as read, and a figure said and shown reads alike.

A tester saw costs by mode of 4,905 + 32,961 beside an "all modes" 37,865 (4,904.6 +
32,960.7 = 37,865.3, each rounded whole on its own), and a column of 99.995 beside a
sentence's "100" for the same tonnes.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.output import Shown, _cells, column_places
from supplyline.reports.sections import Table
from supplyline.types import Said, figure_text, fixed_text

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: Rounding by mode\nstart_date: 2025-06-01\nhorizon_days: 1\npartners:\n"
        "  - {id: p, name: P}\ncommodities:\n  - {id: w, name: Water, supply_class: water,"
        " priority: 1, demand_unit: t, per_person_per_day: 200.25}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Depot,p,depot,50.0,20.0,,,0\ncampA,Camp A,p,unit_area,50.1,20.1,,,0\n"
        "campB,Camp B,p,unit_area,50.2,20.2,,,0\n"
    ),
    "links.csv": (  # 200.25 t by rail at 1.5 and 150.25 t by road at 1: each part ends in .25
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nroadA,depot,campA,road,,10,0,,150.25,,1,,true,\n"
        "railB,depot,campB,rail,1435,10,0,,1000,,1.5,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,w,1000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply\nuA,Unit A,p,campA,campA,1,0,0,0,,0\n"
        "uB,Unit B,p,campB,campB,1,0,0,0,,0\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "by-mode"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _row(text: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first`` (rules dropped)."""
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{text}")


def _read(text: str) -> Decimal:
    """A cell as its reader adds it: ``<0.01`` (``>-0.01``) counts as 0 (README)."""
    return Decimal(0) if text.startswith(("<", ">")) else Decimal(text.replace(",", ""))


def _adds_up(parts: list[str], total: str) -> bool:
    return sum(_read(p) for p in parts) == _read(total)


def test_the_cli_modes_add_up_to_all_modes_and_the_headline_reads_the_total(
    tmp_path: Path,
) -> None:
    """200.25 + 150.25 t and 300.375 + 150.25 of cost: whole, 200 + 150 read beside 351."""
    result = runner.invoke(
        app,
        ["plan", str(_folder(tmp_path)), "--out", str(tmp_path / "out")],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    rail, road, total = (_row(result.stdout, m) for m in ("rail", "road", "all modes"))
    for column in (1, 4, 5):  # tonnes, tonne-km, cost
        assert _adds_up([rail[column], road[column]], total[column]), (rail, road, total)
    said = " ".join(result.stdout.split())
    assert f"{total[1].rstrip('0')} t moved" in said


def test_the_report_modes_add_up_and_its_summary_reads_the_total(tmp_path: Path) -> None:
    """The report's mode table adds up as the CLI's does, and its summary says its total."""
    report = tmp_path / "plan.html"
    result = runner.invoke(
        app,
        ["plan", str(_folder(tmp_path)), "--out", str(tmp_path / "o"), "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    html = report.read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(rail|road|all modes)</td>(.*?)</tr>", html)
    cells = {m: re.findall(r">([^<]*)</td>", rest) for m, rest in rows}
    for column in (0, 3, 4):  # tonnes, tonne-km, cost (MODE_COLUMNS: movements come last)
        parts = [cells["rail"][column], cells["road"][column]]
        assert _adds_up(parts, cells["all modes"][column]), cells
    moved = cells["all modes"][0]
    assert f"It moves {moved.rstrip('0').rstrip('.')} t" in " ".join(html.split())


def test_a_shortfall_total_row_adds_up_whole_and_takes_the_headlines_decimals() -> None:
    """150.4 + 150.4 read 150 + 150 beside 301; now 151 + 150 = 301, still whole."""
    rows = [
        {"unit": "a", "short_t": 150.4, "demand_t": 200.0},
        {"unit": "b", "short_t": 150.4, "demand_t": 200.0},
        {"unit": "all", "short_t": 300.8, "demand_t": 400.0},
    ]
    columns = ["unit", "short_t", "demand_t"]
    alone = _cells(rows, columns, Shown(alike=(("short_t", "demand_t"),)))
    assert [r[1] for r in alone] == ["150", "150", "301"]  # what a tester read
    shown = Shown(
        alike=(("short_t", "demand_t"),),
        summed=("short_t", "demand_t"),
        within=(("short_t", "demand_t"),),
    )
    cells = _cells(rows, columns, shown)
    assert sorted(r[1] for r in cells[:2]) == ["150", "151"]
    assert _adds_up([r[1] for r in cells[:2]], cells[2][1])
    assert [r[2] for r in cells] == ["200", "200", "400"]
    least = Shown(summed=("short_t",), least=(("short_t", 3),))
    assert column_places(rows, columns, least)["short_t"] == 3


@given(st.lists(st.integers(min_value=0, max_value=10**11), min_size=1, max_size=6))
@example([1, 99_999_999])  # 1 g beside 100 t: "<0.01", counted as 0, never "0.00"
def test_summed_parts_add_up_as_written_in_both_faces(grams: list[int]) -> None:
    """Parts to the gram and their total add up as the CLI and the report write them.

    At the decimals the figures need alone, never more: the total reads as it rounds
    alone and each part is within one step of its exact value; one too small for the
    column reads ``<0.01`` and counts as 0 (README, How figures read), never ``0.00``.
    """
    parts = [g / 10**6 for g in grams]
    total = sum(grams) / 10**6
    rows = [{"x": v} for v in [*parts, total]]
    decimals = column_places(rows, ["x"])["x"]
    assert decimals == column_places(rows, ["x"], Shown(summed=("x",)))["x"]
    cli = [c[0] for c in _cells(rows, ["x"], Shown(summed=("x",)))]
    table = Table(columns=("x",), rows=tuple((v,) for v in [*parts, total]), summed=("x",))
    (places,) = table.column_decimals()
    report = [table.format_cell(r[0], places) for r in table.shown_rows()]
    assert cli == report
    assert _adds_up(cli[:-1], cli[-1])
    assert cli[-1] == fixed_text(total, decimals)
    step = Decimal(1).scaleb(-decimals)
    for said, exact in zip(cli, grams, strict=False):
        assert abs(_read(said) - Decimal(exact) / 10**6) < step  # "<0.01": 0 < exact < step
        assert said.startswith("<") == (0 < exact < step * 10**6 and _read(said) == 0)


def test_a_figure_said_reads_in_the_table_as_in_the_sentence() -> None:
    """99.995 beside 0.015: the sentence's "100" is the table's "100", not "99.995"."""
    rows = [{"removes_t": Said(99.995)}, {"removes_t": Said(0.015)}]
    assert [r[0] for r in _cells(rows, ["removes_t"])] == ["100", "0.015"]
    table = Table(columns=("removes",), rows=((Said(99.995),), (Said(0.015),)))
    places = table.column_decimals()
    assert [table.format_cell(r[0], places[0]) for r in table.rows] == ["100", "0.015"]
    assert table.is_numeric(0)
    plain = Table(columns=("short",), rows=((99.995,), (0.015,)))
    (column,) = plain.column_decimals()
    assert plain.format_cell(99.995, column) == figure_text(99.995, column) == "99.995"


def test_said_figures_are_numbers_in_json(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """A program reading the rows gets the figure itself (99.995), not its words (100)."""
    from supplyline.cli.output import OutputFormat, emit_rows

    emit_rows([{"removes_t": Said(99.995)}], ["removes_t"], OutputFormat.JSON, console=Console())
    assert json.loads(capsysbinary.readouterr().out) == [{"removes_t": 99.995}]
