"""Every command's files and ``--format csv|json`` give tonnes to the gram, without exponent.

A tester's one-person unit (0.004 t a day) read 0.0 in ``reach --format csv``, 0.00 in its
table, and 0.012 t read 0.01 in its JSON; the requirements files read ``2e-06`` where the
plan's read ``0.000002``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from tiny_unit_files import TINY_DAILY_T, write_tiny
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io.csv_out import CSV_ENCODING

_register_commands()
runner = CliRunner()

EXPONENT = re.compile(r"\d[eE][+-]?\d")


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_reach_csv_gives_a_one_person_units_demand_to_the_gram(tmp_path: Path) -> None:
    """``daily_t`` and ``bottleneck_t`` read 0.004002, not 0.0."""
    folder = write_tiny(tmp_path / "tiny")
    (row,) = csv.DictReader(io.StringIO(_invoke("reach", str(folder), "--format", "csv")))
    assert (row["unit"], row["daily_t"], row["bottleneck_t"]) == ("tiny", "0.004002", "0.004002")


def test_reach_json_gives_a_one_person_units_demand_to_the_gram(tmp_path: Path) -> None:
    """``daily_t`` is the JSON number 0.004002, not 0.0."""
    folder = write_tiny(tmp_path / "tiny")
    (row,) = json.loads(_invoke("reach", str(folder), "--format", "json"))
    assert (row["daily_t"], row["bottleneck_t"]) == (TINY_DAILY_T, TINY_DAILY_T)


def test_reach_table_gives_a_figure_below_1_two_significant_digits(tmp_path: Path) -> None:
    """The table's peak demand reads 0.0040 (the shared rule), not 0.00."""
    folder = write_tiny(tmp_path / "tiny")
    table = _invoke("reach", str(folder)).splitlines()
    row = next(line for line in table if line.split()[:1] == ["tiny"])
    assert "0.0040" in row.split()


def test_requirements_files_write_grams_in_plain_decimals(tmp_path: Path) -> None:
    """2 g a day is 0.000002 in both CSV files, never 2e-06; requirements.json to the gram."""
    folder, out = write_tiny(tmp_path / "tiny"), tmp_path / "out"
    _invoke("requirements", str(folder), "--out", str(out))
    daily = (out / "requirements_daily.csv").read_text(encoding=CSV_ENCODING)
    by_unit = (out / "requirements_by_unit.csv").read_text(encoding=CSV_ENCODING)
    assert EXPONENT.search(daily) is None, daily
    assert EXPONENT.search(by_unit) is None, by_unit
    assert '"tiny","trace",0,"C+0",2026-03-01,0.000002,0,0.000002,' in daily
    document = json.loads((out / "requirements.json").read_text(encoding="utf-8"))
    trace = next(r for r in document["by_unit"] if r["commodity"] == "trace")
    assert trace["total_t"] == pytest.approx(0.000006, abs=1e-12)  # 3 days, to the gram


def test_requirements_format_csv_writes_grams_in_plain_decimals(tmp_path: Path) -> None:
    """``--format csv`` on stdout spells the trace's 6 g as 0.000006 too."""
    folder = write_tiny(tmp_path / "tiny")
    text = _invoke("requirements", str(folder), "--format", "csv")
    assert EXPONENT.search(text) is None, text
    rows = {r["commodity"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["trace"]["total_t"] == "0.000006"


def test_routes_write_a_commodity_under_a_kilogram_at_its_grams(tmp_path: Path) -> None:
    """2 g of trace on the truck read ``trace=0.000`` and was left out of ``tonnes``."""
    folder, out = write_tiny(tmp_path / "tiny"), tmp_path / "routes"
    _invoke("routes", str(folder), "--day", "0", "--from-demand", "--out", str(out))
    with (out / "routes.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        (stop,) = csv.DictReader(handle)
    assert stop["load_t"] == "food=0.002;trace=0.000002;water=0.002"
    assert stop["tonnes"] == "0.004002"
    summary = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert summary["delivered_t"] == TINY_DAILY_T
