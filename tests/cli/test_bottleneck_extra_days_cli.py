"""On the bilateral example, the files and ``-f json`` date each bottleneck and its extra.

A tester read bottleneck 1 (the Grenzfeld yard, C+3–C+11) as needing "extra 400 t/day" on
all 9 days, where its explanation says "+400 t/day there on C+3–C+7"; reach.csv's and
``-f json``'s ``busiest_day`` was a bare 13.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import BILATERAL

DAY_CELLS = ("day", "label", "date")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The bilateral example planned with ``--out`` and ``-f json``: its JSON and folder."""
    out = tmp_path_factory.mktemp("bilateral") / "out"
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--out", str(out),
         "-f", "json"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), out


def _start(out: Path) -> dt.date:
    return dt.date.fromisoformat(json.loads((out / "plan.json").read_text("utf-8"))["start_date"])


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _consistent(row: dict[str, Any], prefix: str, start: dt.date) -> int | None:
    """Check ``{prefix}day``, ``label`` and ``date`` agree; the day (None where blank)."""
    day, label, date = (row[f"{prefix}{c}"] for c in DAY_CELLS)
    if day in (None, ""):
        assert (label, date) in ((None, None), ("", ""))
        return None
    assert label == f"C+{int(day)}"
    assert date == (start + dt.timedelta(days=int(day))).isoformat()
    return int(day)


def test_bottlenecks_csv_days_and_extra_days_agree(planned: tuple[dict[str, Any], Path]) -> None:
    """Each row's days and its extra's are dated from start_date, the extra's within the row's."""
    out = planned[1]
    start = _start(out)
    rows = _csv(out / "bottlenecks.csv")
    for row in rows:
        first, last = _consistent(row, "first_", start), _consistent(row, "last_", start)
        extra = _consistent(row, "extra_first_", start), _consistent(row, "extra_last_", start)
        if row["suggested_extra"] == "":
            assert extra == (None, None)
        elif extra != (None, None):  # here within the row's days (a yard's may reach its dwell)
            assert (first, last) == (int(row["first_day"]), int(row["last_day"]))
            assert int(row["first_day"]) <= int(row["extra_first_day"])
            assert int(row["extra_first_day"]) <= int(row["extra_last_day"])
            assert int(row["extra_last_day"]) <= int(row["last_day"])
    yard = rows[0]
    assert (yard["resource"], yard["first_label"], yard["last_label"]) == (
        "grenzfeld",
        "C+3",
        "C+11",
    )
    assert (yard["extra_first_label"], yard["extra_last_label"]) == ("C+3", "C+7")
    assert "on C+3–C+7" in yard["explanation"]


def test_json_bottlenecks_carry_the_same_days(planned: tuple[dict[str, Any], Path]) -> None:
    """``-f json``'s bottlenecks give the file's day cells, and the extra's as a range."""
    data, out = planned
    file_rows = _csv(out / "bottlenecks.csv")
    names = [
        f"{p}{c}" for p in ("first_", "last_", "extra_first_", "extra_last_") for c in DAY_CELLS
    ]
    for entry, row in zip(data["bottlenecks"], file_rows, strict=True):
        assert [str(entry[n]) if entry[n] is not None else "" for n in names] == [
            row[n] for n in names
        ]
    assert data["bottlenecks"][0]["extra_day_ranges"] == "C+3–C+7"


def test_reach_busiest_day_has_label_and_date(planned: tuple[dict[str, Any], Path]) -> None:
    """reach.csv and ``-f json``'s reach give the busiest day as C+N and as its date."""
    data, out = planned
    start = _start(out)
    busy = [r for r in data["reach"] if r["busiest_day"] is not None]
    assert busy  # the bilateral example's road legs bring its units' places goods
    for row in data["reach"]:
        _consistent(row, "busiest_", start)
    for row in _csv(out / "reach.csv"):
        _consistent(row, "busiest_", start)
