"""An exact zero reads ``0`` in the requirements tables, as the README's rule says.

A tester's units not in place within the horizon read ``0.00`` t on every row of
``requirements --by unit``, beside 1.60 and 5.40: the README (*How figures read*) says
"exactly nothing reads `0` whatever its column's decimals", and ``0.00`` reads as a trace
rounded away, which ``<0.01`` is.
"""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import ROOT, scenario_folder
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": """\
name: zeros
start_date: 2025-01-01
horizon_days: 5
partners: [{id: p1}]
commodities:
  - {id: food, supply_class: food, per_person_per_day: 2.0}
  - {id: water, supply_class: water, demand_unit: L, per_person_per_day: 0.00001}
""",
    "locations.csv": "id,name,partner,kind,lat,lon\nb,B,p1,unit_area,50,10\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days\n",
    "units.csv": "id,partner,home,destination,personnel\nu1,p1,b,b,16000\nu2,p1,b,b,0\n",
}


def _cells(text: str, unit: str) -> list[list[str]]:
    """The cells of the table rows of ``unit``."""
    rows = [[c.strip() for c in re.split(r"[│┃]", line)[1:-1]] for line in text.splitlines()]
    return [r for r in rows if r and r[0] == unit]


def test_a_unit_that_needs_nothing_reads_0_beside_figures_to_0_01(tmp_path: Path) -> None:
    """u2 (no people) reads 0 where u1 reads 160.00 t, and a trace reads <0.01, not 0."""
    folder = scenario_folder(tmp_path / "zeros", FILES)
    result = runner.invoke(
        app, ["requirements", str(folder), "--by", "unit"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    u1, u2 = _cells(result.stdout, "u1"), _cells(result.stdout, "u2")
    assert u1[0][:4] == ["u1", "food", "C+0", "160.00"]  # 16,000 × 2 kg × 5 days
    assert u1[1][:4] == ["u1", "water", "C+0", "<0.01"]  # 16,000 × 0.01 g × 5 days: 0.8 kg
    assert len(u2) == 2
    assert all(row[3:] and set(row[3:]) == {"0"} for row in u2), u2  # 0 t, not 0.00


def test_the_readme_states_the_rule_the_table_follows() -> None:
    """The sentence the tester found is the rule: an exact zero reads 0 in any column."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "exactly nothing reads `0` whatever its column's decimals" in readme
