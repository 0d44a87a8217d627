"""A claim's "removes N t … (all of it)" reads the shortfall table's total, digit for digit.

Written with the plan, before any table, a claim rounded its tonnes alone: the relief
example's table read 1.275 t short (three decimals, for the headline's 17,891.800 t
delivered) beside "removes 1.28 t … (all of it)". Here a road of 1 t/day and an air link of
0.02 t/day (0.060 t moved by air: three decimals) leave a unit 1.185 t short. The shadow
prices read alike in the terminal and the report (a tester's CLI read 985 where the report
read 985.04 for the same row).
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: All of it\nstart_date: 2025-06-01\nhorizon_days: 3\npartners:\n"
        "  - {id: p, name: P}\ncommodities:\n  - {id: w, name: Water, supply_class: water,"
        " priority: 1, demand_unit: t, per_person_per_day: 1.415}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Depot,p,depot,50.0,20.0,,,0\ncampA,Camp A,p,unit_area,50.1,20.1,,,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nroadA,depot,campA,road,,10,0,,1,,1,,true,\n"
        "airA,depot,campA,air,,10,0,,0.02,,5,,true,\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,w,1000,0,p\n",
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,activity,days_of_supply\nuA,Unit A,p,campA,campA,1,0,0,0,,0\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "all-of-it"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _cells(text: str, first: str) -> list[str]:
    """The cells of the terminal table row that starts with ``first`` (rules dropped).

    Boxed (a wide terminal) or plain (cells two spaces apart, as a narrow one prints them).
    """
    for line in text.splitlines():
        split = r"[│┃|]" if "│" in line else r"\s{2,}"
        cells = [c.strip() for c in re.split(split, line) if c.strip()]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{text}")


def test_removes_all_of_it_reads_the_shortfall_tables_total(tmp_path: Path) -> None:
    """The claim's figure, its commodity's and the "removes t" cell are the table's 1.185."""
    result = runner.invoke(app, ["plan", str(_folder(tmp_path))], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    total = _cells(result.stdout, "uA")[2]  # the one row is the table's total
    said = " ".join(result.stdout.split())
    claimed = re.findall(r"removes ([\d.,]+) t of shortfall \(all of it\): ([\d.,]+) t less", said)
    assert claimed, said
    assert all(figure == total for pair in claimed for figure in pair), (total, claimed)
    assert total == "1.185"
    assert _cells(result.stdout, "1")[-1] == total  # the "removes t" cell


def test_a_shadow_price_reads_alike_whatever_rows_the_table_shows() -> None:
    """985.04 reads 985 in the terminal's top five and in the report's longer table.

    The report's rows held 32.192 and 4.048 too, and read 985.04 and 1,728,000.00.
    """
    from supplyline.cli.output import _cells as cli_cells
    from supplyline.reports.sections import Table
    from supplyline.types import Said

    prices = [8_756_148_776.632116, 1_728_000.0, 985.04, 32.192, 4.048]
    top = [{"shadow_price": Said(p)} for p in prices[:3]]
    every = [{"shadow_price": Said(p)} for p in prices]
    terminal = [r[0] for r in cli_cells(top, ["shadow_price"])]
    table = Table(columns=("shadow price",), rows=tuple((r["shadow_price"],) for r in every))
    (places,) = table.column_decimals()
    report = [table.format_cell(r[0], places) for r in table.rows]
    assert terminal == report[:3] == ["8,756,148,777", "1,728,000", "985"]
    assert report[3:] == ["32.19", "4.05"]


def test_the_bottleneck_rows_both_faces_show_give_each_price_read_alone() -> None:
    """The rows the CLI and the report lay out carry the price as one text, read alone.

    In its tier's unit (``one_more_saves``), its figure a Said's, whatever rows are shown.
    """
    from supplyline.planning import plan_movements
    from supplyline.planning.bottleneck_rows import one_more_saves
    from supplyline.planning.examples import one_link
    from supplyline.planning.summary import bottleneck_table_rows
    from supplyline.types import Said

    plan = plan_movements(*one_link(capacity_t_per_day=5.0))
    rows = bottleneck_table_rows(plan, 5)
    assert rows
    assert [r["one_more_saves"] for r in rows] == [
        one_more_saves(b) for b in plan.bottlenecks[: len(rows)]
    ]
    b = plan.bottlenecks[0]
    assert rows[0]["one_more_saves"] == f"{Said(b.saves or 0.0)} {b.saves_unit}"
