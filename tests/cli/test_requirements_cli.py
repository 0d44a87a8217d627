"""The requirements and factors commands, run as a user runs them (in a subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run


def test_requirements_table_lists_every_commodity() -> None:
    """The default table has a row per commodity of the scenario and exits 0."""
    done = run("requirements", BILATERAL)
    assert done.returncode == 0, done.stderr
    for commodity in ("food", "water", "fuel"):
        assert commodity in done.stdout


def test_requirements_csv_sums_match_json_export(tmp_path: Path) -> None:
    """The by-unit CSV on stdout and the JSON file written with --out agree on the total."""
    done = run("requirements", BILATERAL, "--by", "unit", "--format", "csv", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    printed = sum(float(r["total_t"]) for r in rows)
    document = json.loads((tmp_path / "requirements.json").read_text())
    exported = sum(r["total_t"] for r in document["by_commodity"])
    assert printed == pytest.approx(exported, rel=1e-9)
    assert (tmp_path / "requirements_daily.csv").stat().st_size > 0


def test_writing_the_daily_rows_says_how_far_it_is(tmp_path: Path) -> None:
    """In a log (stderr not a terminal) the write of the daily file is a stage of its own."""
    done = run("requirements", BILATERAL, "--out", tmp_path / "req")
    assert done.returncode == 0, done.stderr
    assert "writing requirements_daily.csv (100 % of the units)" in done.stderr
    assert (tmp_path / "req" / "requirements_daily.csv").read_bytes().endswith(b"\r\n")


def test_requirements_of_a_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    """A folder without scenario.yaml exits 2 with a message and no traceback, writing nothing."""
    out = tmp_path / "out"
    done = run("requirements", tmp_path / "nope", "--out", out)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "scenario.yaml" in done.stderr
    assert not out.exists()


def test_factors_json_carries_sources() -> None:
    """Every factor listed as JSON has a source address."""
    done = run("factors", "sphere", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows
    assert all(r["source_url"].startswith("http") for r in rows)


@pytest.mark.parametrize("width", [80, 120, 250])
def test_factors_with_sources_shows_the_source_notes_at_any_width(width: int) -> None:
    """``--sources`` keeps the notes (the README's example showed none at 80-250 columns)."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "factors", "water", "--sources"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": str(width)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    words = " ".join(done.stdout.replace("│", " ").split())
    assert "[secondary] IndiKit summary of Sphere hygiene item minimums." in words
    shown_not = [line for line in done.stdout.splitlines() if line.startswith("not shown")]
    assert all("source note" not in line for line in shown_not), shown_not


def test_the_json_says_what_must_move_each_day_net_of_what_sites_hold(tmp_path: Path) -> None:
    """A tester sizing transport read the sites' starting stock as a C+0 peak to move."""
    from typer.testing import CliRunner

    from supplyline.cli.app import _register_commands, app

    _register_commands()
    result = CliRunner().invoke(
        app,
        ["requirements", str(BILATERAL.parent / "relief-operation"), "--out", str(tmp_path / "rq")],
    )
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "rq" / "requirements.json").read_text())
    totals, moved = (
        document["daily_total_t_by_commodity"],
        document["daily_to_deliver_t_by_commodity"],
    )
    assert sum(map(sum, moved.values())) < sum(map(sum, totals.values()))  # the sites hold some
    rows = {r["commodity"]: r for r in document["by_commodity"]}
    assert all(abs(rows[c]["to_deliver_t"] - sum(moved[c])) < 1e-3 for c in rows)


@pytest.fixture
def misspelt_override(tmp_path: Path) -> Path:
    """The init template with an override key one letter short of a factor's."""
    from supplyline.io import write_template

    folder = write_template(tmp_path / "scenario")
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "planning_factors: {}" in text
    yaml.write_text(
        text.replace("planning_factors: {}", "planning_factors: {food.mil.ration_3mre_kg_pd: 2.2}"),
        encoding="utf-8",
    )
    return folder


def test_a_misspelt_override_fails_validate_and_requirements_alike(
    misspelt_override: Path,
) -> None:
    """A key one slip from a factor's is an error: neither face goes on with the default."""
    checked = run("validate", misspelt_override)
    computed = run("requirements", misspelt_override)
    assert (checked.returncode, computed.returncode) == (2, 2)
    error = next(line for line in checked.stderr.splitlines() if "3mre_kg_pd" in line)
    assert error.endswith(
        "so the plan would take the default factor food.mil.ration_3mre_kg_ppd "
        "(2.495 kg/person/day) instead: did you mean food.mil.ration_3mre_kg_ppd? "
        "(a new factor needs a rate that names it)"
    )
    assert error in computed.stderr.splitlines()


@pytest.fixture
def unused_override(tmp_path: Path) -> Path:
    """The init template with a new override key that no rate names, like no factor's key."""
    from supplyline.io import write_template

    folder = write_template(tmp_path / "scenario")
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(
        text.replace(
            "planning_factors: {}", "planning_factors: {food.local.flatbread_kg_ppd: 0.4}"
        ),
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_factors_warns_of_an_unused_override_as_validate_does(
    unused_override: Path, fmt: str
) -> None:
    """Both faces give the same line: file, line, key, and the known keys like it."""
    checked = run("validate", unused_override)
    listed = run("factors", "ration", "--scenario", unused_override, "--format", fmt)
    assert checked.returncode == 0, checked.stderr
    assert listed.returncode == 0, listed.stderr
    warning = next(line for line in checked.stderr.splitlines() if "flatbread" in line)
    assert warning.startswith("scenario.yaml:")
    assert warning.endswith(
        "'food.local.flatbread_kg_ppd' is not used: it is no default planning factor and no "
        "rate names it, so it changes nothing (name it in a rate, or remove it; known keys "
        "like it: food.mil.ration_3mre_kg_ppd, food.wfp.full_ration_net_kg_ppd)"
    )
    assert warning in listed.stderr.splitlines()
    if fmt == "json":  # the listing on stdout stays pure JSON
        assert {r["key"] for r in json.loads(listed.stdout)} >= {"food.mil.ration_3mre_kg_ppd"}
