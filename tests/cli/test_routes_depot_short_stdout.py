"""``routes --format csv|json``'s depot_short rows name their commodity, and say tonnes alike.

A tester's stdout rows gave no commodity (only inside ``detail``), where depot_short.csv
has its own column; and the details mixed styles: ``ask 0.1 t (0.1 t more)`` beside
``ask 0.090 t`` and ``0.160 t``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain.routes import DepotShort
from supplyline.services.scenarios import bundled_example
from supplyline.types import figure_text

_register_commands()
runner = CliRunner()

# the tester's repro: the relief example's C+3 leaves eight depot and commodity pairs short
ROUTES = ["--day", "C+3", "--from-demand", "--single-trip", "--time-limit", "2", "--seed", "1"]
SAID = re.compile(r"ask ([\d,.]+) t \(([\d,.]+) t more\)")


def _routes(out: Path, fmt: str) -> str:
    """The repro's stdout in ``fmt``, its files written to ``out``."""
    args = ["routes", str(bundled_example("relief-operation")), *ROUTES, "--out", str(out)]
    result = runner.invoke(app, [*args, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def _file_rows(out: Path) -> list[dict[str, str]]:
    """depot_short.csv's rows."""
    with (out / "depot_short.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.slow
def test_stdout_csv_rows_have_the_files_commodity(tmp_path: Path) -> None:
    """Each depot_short row of stdout is a row of the file: depot, commodity, day, detail."""
    text = _routes(tmp_path / "o", "csv")
    shown = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "depot_short"]
    in_file = _file_rows(tmp_path / "o")
    assert in_file
    keys = ("depot", "commodity", "day", "label", "date", "detail")
    assert [{k: r[k] for k in keys} for r in shown] == [{k: r[k] for k in keys} for r in in_file]
    assert [r["tonnes"] for r in shown] == [r["short_t"] for r in in_file]


@pytest.mark.slow
def test_stdout_json_rows_have_the_commodity(tmp_path: Path) -> None:
    """JSON's rows are as the CSV's: the commodity under its key."""
    data = json.loads(_routes(tmp_path / "o", "json"))
    short = [r for r in data["rows"] if r["kind"] == "depot_short"]
    assert [r["commodity"] for r in short] == [r["commodity"] for r in _file_rows(tmp_path / "o")]


@pytest.mark.slow
def test_details_say_tonnes_as_the_tables_do(tmp_path: Path) -> None:
    """Each detail's asked and short tonnes read as a table's figure of the file's cell."""
    _routes(tmp_path / "o", "csv")
    rows = [r for r in _file_rows(tmp_path / "o") if float(r["held_t"]) == 0]
    assert rows
    for row in rows:
        said = SAID.search(row["detail"])
        assert said is not None, row["detail"]
        expected = figure_text(float(row["asked_t"]))
        assert said.groups() == (expected, expected), row["detail"]


@given(
    held=st.decimals(min_value=0, max_value=5000, places=3),
    short=st.decimals(min_value=Decimal("0.001"), max_value=5000, places=3),
)
def test_held_and_short_add_up_to_asked_as_read(held: Decimal, short: Decimal) -> None:
    """Whatever the figures, the message's held and short add up to its asked as written."""
    d = DepotShort(depot="D", commodity="food", day=0, held_t=float(held),
                   asked_t=float(held + short))  # fmt: skip
    numbers = re.findall(r"([\d,]+(?:\.\d+)?) t", d.message)
    figures = [Decimal(n.replace(",", "")) for n in numbers]
    if held == 0:  # "holds no food"
        figures = [Decimal(0), *figures]
    got_held, asked, got_short = figures
    assert got_held + got_short == asked
