"""docs/planning.md's *bottlenecks.csv, column by column* names every column, in the file's order.

A tester read ``measuring`` "(the one before last)" and ``then_limited_by`` the same,
where the header ends ``…,measuring,then_limited_by,together_with``: the docs name a
column by its name, never by its place.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()
DOCS = Path(__file__).resolve().parents[2] / "docs"

FILES = {
    "scenario.yaml": (
        "name: One road\nstart_date: 2026-01-01\nhorizon_days: 6\npartners:\n"
        "  - {id: p, name: P, currency: EUR}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: t,"
        " per_person_per_day: 0.001}\n"
    ),
    "locations.csv": ("id,name,partner,kind,lat,lon\nS,S,p,depot,50,9\nC,C,p,unit_area,50,10\n"),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,capacity_t_per_day\nrd,S,C,road,70,0,2\n"
    ),
    "stocks.csv": "location,commodity,initial_t\nS,food,1000\n",
    "units.csv": "id,partner,home,destination,personnel\nu,p,C,C,6000\n",
}


def _documented_columns() -> list[str]:
    """The columns the section's bullets are headed by, in the order they are described."""
    text = (DOCS / "planning.md").read_text(encoding="utf-8")
    section = text.split("### `bottlenecks.csv`, column by column", 1)[1].split("\n### ", 1)[0]
    names: list[str] = []  # bullets and the gains' sub-bullets (a value's too: not a column)
    for head in re.finditer(r"^ *\* ((?:`\w+`(?:,\s*|\s+and\s+)?)+)", section, re.MULTILINE):
        names += [n for n in re.findall(r"`(\w+)`", head.group(1)) if n not in names]
    return names


def test_the_section_describes_the_written_header_in_its_order(tmp_path: Path) -> None:
    """Each column of a written bottlenecks.csv has its bullet, in the header's order."""
    folder = tmp_path / "road"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    documented = [n for n in _documented_columns() if n in header]
    assert sorted(documented, key=header.index) == documented
    assert set(documented) == set(header)


def test_no_column_is_said_by_its_place() -> None:
    """No description says a column is the last, the first or the one before last."""
    text = (DOCS / "planning.md").read_text(encoding="utf-8")
    assert not re.search(r"`\w+` \((the one before last|last|first)\)", text)
