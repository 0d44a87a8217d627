"""``routes --plan FILE``: the road legs of a written plan, and a plan file that cannot be read.

A tester's ``routes --out DIR`` beside a plan.json that was not one said nothing (or
something unclear) and wrote its files. A plan file routes cannot read now says which file
and what is wrong with it (line and column for broken JSON), exits non-zero with no
traceback, and writes nothing into ``--out``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run


def _written(text: str) -> Callable[[Path], Path]:
    """A maker of a plan.json holding ``text``."""

    def make(tmp_path: Path) -> Path:
        path = tmp_path / "plan.json"
        path.write_text(text, encoding="utf-8")
        return path

    return make


_broken = _written('{\n  "format": "supplyline-plan",\n  "version": ]\n}\n')


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "none" / "plan.json"


def _a_folder(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("make", "code", "said"),
    [
        (_broken, 2, ["plan.json:3:", "not valid JSON", "column 14"]),
        (
            _written("scenario,day\nx,1\n"),
            2,
            ["plan.json is not a plan.json written by supplyline", "'scenario,day'"],
        ),
        (_written("[1, 2]\n"), 2, ["holds [1, 2] (a list), not an object"]),
        (_written('{"format": "geojson"}\n'), 2, ["not a supplyline plan (format 'geojson')"]),
        (_missing, 3, ["no plan file at", "none"]),
        (_a_folder, 3, ["plan.json is a folder without a plan.json in it"]),
    ],
    ids=["broken-json", "not-json", "a-list", "another-format", "missing", "a-folder"],
)
def test_a_plan_file_that_cannot_be_read_is_said_and_nothing_written(
    tmp_path: Path, make: Callable[[Path], Path], code: int, said: list[str]
) -> None:
    """Which file, what is wrong, a non-zero exit, no traceback, and --out left empty."""
    plan = make(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    done = run("routes", BILATERAL, "--day", "5", "--plan", plan, "--out", out)
    assert done.returncode == code, done.stderr
    words = " ".join(done.stderr.split())
    assert str(plan) in words
    for part in said:
        assert part in words
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_a_written_plan_is_routed_as_its_road_legs(tmp_path: Path) -> None:
    """``plan --out`` then ``routes --plan`` of its folder: the routes say the road legs."""
    planned = tmp_path / "plan"
    assert run("plan", BILATERAL, "--out", planned, "--explain", "0").returncode == 0
    out = tmp_path / "out"
    done = run("routes", BILATERAL, "--day", "5", "--plan", planned, "--out", out,
               "--time-limit", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "loads: the plan's road legs into the units' places" in " ".join(done.stdout.split())
    assert (out / "routes.json").is_file()


@pytest.mark.parametrize(
    ("tonnes", "said"),
    [
        (-5, "movement 1: tonnes is -5, not a finite number >= 0"),
        (float("nan"), "movement 1: tonnes is nan, not a finite number"),
    ],
    ids=["negative", "nan"],
)
def test_a_plan_edited_to_no_amount_is_refused(tmp_path: Path, tonnes: float, said: str) -> None:
    """A tester's plan.json whose first movement was edited to -5 t was routed (exit 0).

    It drew "5.0 t on site" at a place holding nothing. Now refused as a plan file that
    cannot be read: which file, which record and field, exit 2, nothing written.
    """
    planned = tmp_path / "plan"
    assert run("plan", BILATERAL, "--out", planned, "--explain", "0").returncode == 0
    data = json.loads((planned / "plan.json").read_text(encoding="utf-8"))
    data["movements"][0]["tonnes"] = tonnes
    (planned / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    done = run("routes", BILATERAL, "--day", "5", "--plan", planned, "--out", out)
    assert done.returncode == 2, done.stderr
    words = " ".join(done.stderr.split())
    assert f"{planned / 'plan.json'}: cannot read the plan: {said}" in words
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_plan_file_with_from_demand_is_refused(tmp_path: Path) -> None:
    """--plan and --from-demand exclude each other: said, exit 2 (a bad option), nothing written.

    It was exit 1, which the README gives to no mistake of the user's.
    """
    out = tmp_path / "out"
    done = run("routes", BILATERAL, "--day", "5", "--plan", _broken(tmp_path), "--from-demand",
               "--out", out)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "--plan and --from-demand" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_plan_file_with_from_demand_is_a_bad_option_for_programs_too(tmp_path: Path) -> None:
    """The failure record on stdout says the exit code the command ends with: 2."""
    done = run("routes", BILATERAL, "--day", "5", "--plan", _broken(tmp_path), "--from-demand",
               "--format", "json")  # fmt: skip
    record = json.loads(done.stdout)
    assert (done.returncode, record["status"], record["exit_code"]) == (2, "error", 2)
    assert "--plan and --from-demand" in record["message"]
