"""Every routes file says its day, named as a plan's files name it.

A tester appending several days' ``routes.csv`` (or loading each day's GeoJSON as a
layer) lost the day: only ``routes.json`` had it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from supplyline.io import load_scenario
from supplyline.io.csv_out import CSV_ENCODING
from supplyline.io.requirements_daily import DAILY_COLUMNS
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).parents[2] / "examples" / "relief-operation"
DAY = 3
CSV_FILES = ("routes.csv", "trucks.csv", "unserved.csv", "on_site.csv")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, fast: ConvoyParams) -> Path:
    """The relief example's routes of C+3, from demand, written to a folder."""
    root = tmp_path_factory.mktemp("day_columns")
    folder = Path(shutil.copytree(EXAMPLE, root / "relief"))
    route_scenario_day(folder, day=DAY, from_demand=True, params=fast, out=root / "out")
    return root / "out"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _date() -> str:
    start = load_scenario(EXAMPLE).start_date
    return (start + dt.timedelta(days=DAY)).isoformat()


@pytest.mark.parametrize("name", CSV_FILES)
def test_a_routes_csv_starts_with_the_day_columns(written: Path, name: str) -> None:
    """``day, label, date`` come first, as the plan's files name them."""
    header, _ = _rows(written / name)
    assert header[:3] == ["day", "label", "date"]


def test_every_routes_csv_row_gives_the_day(written: Path) -> None:
    """Each row of each routes CSV reads day 3, C+3 and its date (and there are rows)."""
    rows = [row for name in CSV_FILES for row in _rows(written / name)[1]]
    assert rows
    assert {(r["day"], r["label"], r["date"]) for r in rows} == {(str(DAY), f"C+{DAY}", _date())}


def test_depot_short_names_its_day_as_the_plan_files_do(written: Path) -> None:
    """``depot_short.csv`` has ``day, label, date`` after its ids (no ``day_label``)."""
    header, _ = _rows(written / "depot_short.csv")
    assert header[:5] == ["depot", "commodity", "day", "label", "date"]


def test_every_geojson_feature_gives_the_day(written: Path) -> None:
    """Routes, unserved and on-site features each carry day, label and date."""
    features = json.loads((written / "routes.geojson").read_text(encoding="utf-8"))["features"]
    assert features
    days = {
        (f["properties"]["day"], f["properties"]["label"], f["properties"]["date"])
        for f in features
    }
    assert days == {(DAY, f"C+{DAY}", _date())}


def test_requirements_daily_names_its_day_as_the_plan_files_do() -> None:
    """``requirements_daily.csv``'s day columns are ``day, label, date`` (no ``c_day``)."""
    assert DAILY_COLUMNS[2:5] == ("day", "label", "date")
