"""The columns docs/routing.md lists for each routes file are the ones written, in order.

The README said the routes' column was ``load``, written ``food=7.500;water=0.278``, where
``routes.csv`` writes ``load_t`` to the gram; and ``routes.json`` named the day's label
``day_label`` where the CSVs and ``routes.geojson`` name it ``label``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from supplyline.io.csv_out import CSV_ENCODING
from supplyline.io.route_files import ROUTE_FILES
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "relief-operation"
DOCS = ROOT / "docs" / "routing.md"
DOCUMENTED = re.compile(r"^\* `(?P<file>[\w.]+)` — [^`\n]*`(?P<columns>[^`]+)`", re.MULTILINE)
"""A bullet of docs/routing.md's *Output files*: the file, then its columns in backticks."""


def _documented() -> dict[str, list[str]]:
    """Each routes file docs/routing.md lists, with the columns it names, in order."""
    text = DOCS.read_text(encoding="utf-8").split("### Output files", 1)[1]
    return {
        m["file"]: [c.strip() for c in m["columns"].split(",")]
        for m in DOCUMENTED.finditer(text)
        if m["file"] in ROUTE_FILES
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, fast: ConvoyParams) -> Path:
    """The relief example's routes of C+3, from demand, written to a folder."""
    root = tmp_path_factory.mktemp("documented_columns")
    folder = Path(shutil.copytree(EXAMPLE, root / "relief"))
    route_scenario_day(folder, day=3, from_demand=True, params=fast, out=root / "out")
    return root / "out"


def _header(path: Path) -> list[str]:
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        return next(csv.reader(handle))


def _summary(written: Path) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads((written / "routes.json").read_text(encoding="utf-8"))
    return summary


def test_the_docs_list_the_columns_of_every_csv_and_the_json() -> None:
    """Each routes CSV and routes.json has its bullet with a column list (the test bites)."""
    listed = set(_documented())
    assert listed == {name for name in ROUTE_FILES if name != "routes.geojson"}


@pytest.mark.parametrize("name", [n for n in ROUTE_FILES if n.endswith(".csv")])
def test_a_routes_csv_header_is_the_one_documented(written: Path, name: str) -> None:
    """The header written is the list docs/routing.md gives, name for name, in order."""
    assert _header(written / name) == _documented()[name]


def test_routes_json_keys_are_the_ones_documented(written: Path) -> None:
    """routes.json's keys are the list docs/routing.md gives, in order."""
    assert list(_summary(written)) == _documented()["routes.json"]


def test_routes_json_names_the_days_label_as_the_csvs_do(written: Path) -> None:
    """``label`` (not ``day_label``), with the day and date the CSVs' rows carry."""
    summary = _summary(written)
    with (written / "trucks.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        row = next(csv.DictReader(handle))
    assert "day_label" not in summary
    assert (str(summary["day"]), summary["label"], summary["date"]) == (
        row["day"], row["label"], row["date"],
    )  # fmt: skip


def test_the_readmes_routes_columns_are_written_ones(written: Path) -> None:
    """The columns the README's tour names of ``routes.csv`` are in its header (not ``load``)."""
    words = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    named = words.split("`routes.csv` (one row per stop: ", 1)[1].split(";", 1)[0]
    columns = re.findall(r"`(\w+)`", named)
    assert "load_t" in columns
    assert set(columns) <= set(_header(written / "routes.csv"))
    assert "the routes' `load_t` (`food=0.37425;fuel=0.256914`" in words
