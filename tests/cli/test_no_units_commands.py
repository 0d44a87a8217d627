"""A scenario without units, as the commands meet it: a tester's header-only units.csv.

``plan`` crashed in the reach check (an empty list of places made a float array that
numpy's ``|`` refused); ``reach`` and ``routes`` then read "0 of 0 unit(s) flagged" and
"nothing to deliver that day", as if units were there and fine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run
from tiny_unit_files import TINY_FILES

from supplyline.domain.routes import NO_UNITS_WORDS
from supplyline.routing.reach_table import REACH_ROW_FIELDS

UNITS_HEADER = TINY_FILES["units.csv"].splitlines()[0] + "\n"


@pytest.fixture(params=[True, False], ids=["fleet", "no-fleet"])
def no_units(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The one-person scenario with its unit taken out: units.csv is its header alone.

    Without fleet.csv too, as the tester's: no depot among the places, so the road matrix
    got no place at all (with a fleet its depot was one, and the plan did not crash).
    """
    folder = tmp_path / "no-units"
    folder.mkdir()
    files = {**TINY_FILES, "units.csv": UNITS_HEADER}
    if not request.param:
        del files["fleet.csv"]
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_plan_writes_its_files_and_says_nothing_to_deliver(no_units: Path, tmp_path: Path) -> None:
    """``plan`` exits 0, writes its files and says there is no one to serve."""
    out = tmp_path / "out"
    done = run("plan", no_units, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"nothing to deliver: {NO_UNITS_WORDS}" in " ".join(done.stdout.split())
    assert (out / "plan.json").is_file()


def test_plan_json_counts_no_units(no_units: Path) -> None:
    """``plan -f json`` prints the plan (it printed nothing) with its 0 units."""
    done = run("plan", no_units, "-f", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["summary"]
    assert (summary["units"], summary["delivered_t"], summary["short_t"]) == (0, 0.0, 0.0)


def test_reach_says_there_is_no_one_to_serve(no_units: Path) -> None:
    """``reach`` says the scenario has no units, not "0 of 0 unit(s) flagged"."""
    done = run("reach", no_units)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert NO_UNITS_WORDS in said
    assert "0 of 0" not in said


def test_reach_json_is_an_empty_list(no_units: Path) -> None:
    """``reach -f json`` gives programs no rows, and no error."""
    done = run("reach", no_units, "-f", "json")
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


@pytest.mark.parametrize("source", [(), ("--from-demand",)], ids=["plan", "demand"])
def test_routes_day_says_there_is_no_one_to_serve(
    no_units: Path, tmp_path: Path, source: tuple[str, ...]
) -> None:
    """``routes --day 1`` (from the plan or the demand) says why there is nothing to route."""
    done = run("routes", no_units, "--day", "1", *source, "-o", tmp_path / "routes")
    assert done.returncode == 0, done.stderr
    assert f"nothing to deliver on C+1 (2026-03-02): {NO_UNITS_WORDS}" in " ".join(
        done.stdout.split()
    )


def test_reach_csv_has_every_column_of_the_plans_reach_csv(no_units: Path, tmp_path: Path) -> None:
    """``reach -f csv`` heads its no rows with reach.csv's columns, not "unit" alone."""
    done = run("reach", no_units, "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert run("plan", no_units, "-o", tmp_path / "out").returncode == 0
    written = (tmp_path / "out" / "reach.csv").read_text(encoding="utf-8-sig").splitlines()
    assert done.stdout.splitlines() == written == [",".join(REACH_ROW_FIELDS)]


def test_reach_table_is_the_message_alone(no_units: Path) -> None:
    """``reach`` prints no empty table box before saying there is no one to serve."""
    done = run("reach", no_units)
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.split()) == NO_UNITS_WORDS


def test_validate_warns_of_no_units_and_passes(no_units: Path) -> None:
    """``validate`` says what plan, routes, reach and requirements say: no units (exit 0)."""
    done = run("validate", no_units)
    assert done.returncode == 0, done.stderr
    assert "units.csv: warning: no units: there is nothing to deploy or sustain" in done.stderr
    assert done.stdout.startswith("OK")
    listed = json.loads(run("validate", no_units, "-f", "json").stdout)
    assert [(i["file"], i["severity"]) for i in listed] == [("units.csv", "warning")]
