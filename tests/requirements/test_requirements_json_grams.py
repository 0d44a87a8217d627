"""requirements.json gives each amount as the requirements CSVs do: to the gram, never -0.0."""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supplyline.services.scenarios import assess_requirements, export_requirements
from supplyline.types import to_gram

EXAMPLES = Path(__file__).parents[2] / "examples"


def _numbers(value: Any) -> Iterator[float]:
    """Every float in a JSON document, however deep."""
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:  # the CSVs begin with a BOM
        return list(csv.DictReader(f))


@pytest.fixture(scope="module", params=["bilateral-exercise", "relief-operation"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An example's requirements files, as ``requirements --out`` writes them."""
    out = tmp_path_factory.mktemp("requirements") / "out"
    export_requirements(assess_requirements(EXAMPLES / request.param), out)
    return out


def test_by_unit_numbers_are_the_csv_cells(written: Path) -> None:
    """requirements.json's ``by_unit`` reads as requirements_by_unit.csv, number for number."""
    document = json.loads((written / "requirements.json").read_text(encoding="utf-8"))
    rows = _rows(written / "requirements_by_unit.csv")
    assert len(rows) == len(document["by_unit"])
    for row, record in zip(rows, document["by_unit"], strict=True):
        for column in ("consumption_t", "buildup_t", "total_t", "to_deliver_t"):
            assert float(row[column]) == record[column], (record["unit"], column)


def test_every_amount_is_to_the_gram_and_no_zero_is_negative(written: Path) -> None:
    """Totals, rows and daily sums are to the gram; the factors keep their own digits."""
    document = json.loads((written / "requirements.json").read_text(encoding="utf-8"))
    amounts = {k: v for k, v in document.items() if k != "factors_used"}
    numbers = list(_numbers(amounts))
    assert numbers  # the document has amounts to check
    assert [x for x in numbers if x != to_gram(x)] == []
    assert [x for x in numbers if x == 0 and math.copysign(1.0, x) < 0] == []


def test_daily_totals_are_the_daily_csvs_sums_within_its_rounding(written: Path) -> None:
    """Each commodity's day in the JSON is the daily CSV's rows summed, each row to the gram.

    The JSON rounds the exact sum; the rows were rounded one by one, so they may differ by
    half a gram a row at most.
    """
    document = json.loads((written / "requirements.json").read_text(encoding="utf-8"))
    summed: dict[tuple[str, int], float] = defaultdict(float)
    count: dict[tuple[str, int], int] = defaultdict(int)
    for row in _rows(written / "requirements_daily.csv"):
        summed[(row["commodity"], int(row["day"]))] += float(row["total_t"])
        count[(row["commodity"], int(row["day"]))] += 1
    for commodity, days in document["daily_total_t_by_commodity"].items():
        for day, total in enumerate(days):
            rows = count[(commodity, day)]
            assert abs(total - summed[(commodity, day)]) <= 5e-7 * rows + 1e-9
