"""Plan files: CSV tables, plan.json that reads back exactly, GeoJSON for QGIS."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from supplyline.domain import Plan
from supplyline.errors import NotFoundError, ScenarioError
from supplyline.io.plan_files import PLAN_FILES, _cell, read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import gauge_break


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Path]:
    """The gauge-break plan written to a folder."""
    scenario, demand = gauge_break()
    plan = plan_movements(scenario, demand)
    out = tmp_path_factory.mktemp("plan") / "out"
    write_plan(out, scenario, plan)
    return plan, out


def test_every_plan_file_is_written(written: tuple[Plan, Path]) -> None:
    """All eight files are there."""
    _, out = written
    assert sorted(p.name for p in out.iterdir()) == sorted(PLAN_FILES)


def test_plan_json_reads_back_equal(written: tuple[Plan, Path]) -> None:
    """read_plan(plan.json) gives back the same Plan."""
    plan, out = written
    assert read_plan(out / "plan.json") == plan


def test_read_plan_accepts_the_folder(written: tuple[Plan, Path]) -> None:
    """read_plan also takes the folder that holds plan.json."""
    plan, out = written
    assert read_plan(out).deliveries == plan.deliveries


def test_movements_csv_shows_dates_and_c_days(written: tuple[Plan, Path]) -> None:
    """Each movement row carries day, C+N label and ISO date of departure and arrival."""
    plan, out = written
    with (out / "movements.csv").open(encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    m = plan.movements[0]
    assert (first["departure_label"], first["departure_date"]) == (
        f"C+{m.departure_day}",
        plan.date_of(m.departure_day).isoformat(),
    )


def test_shortfalls_csv_sums_to_the_plans_total(written: tuple[Plan, Path]) -> None:
    """The shortfall table adds up to the plan's total shortfall."""
    plan, out = written
    with (out / "shortfalls.csv").open(encoding="utf-8") as fh:
        total = sum(float(r["short_t"]) for r in csv.DictReader(fh))
    assert total == pytest.approx(plan.total_short_t)


def test_bottlenecks_csv_has_the_explanation(written: tuple[Plan, Path]) -> None:
    """The bottleneck table ranks the yard first and explains it in words."""
    _, out = written
    with (out / "bottlenecks.csv").open(encoding="utf-8") as fh:
        top = next(csv.DictReader(fh))
    assert (top["rank"], top["kind"], top["resource"]) == ("1", "handling", "Y")
    assert "removes 140 t of shortfall" in top["explanation"]


def test_geojson_has_points_and_lines_with_planned_flow(written: tuple[Plan, Path]) -> None:
    """Locations are points, links are lines that carry their planned tonnes."""
    plan, out = written
    data = json.loads((out / "network.geojson").read_text(encoding="utf-8"))
    kinds = [f["geometry"]["type"] for f in data["features"]]
    assert kinds.count("Point") == 4
    assert kinds.count("LineString") == 3
    std = next(f for f in data["features"] if f["properties"]["id"] == "std")
    assert std["properties"]["planned_t"] == pytest.approx(
        sum(m.tonnes for m in plan.movements if m.link == "std")
    )


def test_read_plan_of_a_missing_file_is_not_found(tmp_path: Path) -> None:
    """A path without a plan raises NotFoundError naming it."""
    with pytest.raises(NotFoundError, match="no plan file"):
        read_plan(tmp_path / "nothing.json")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{", "cannot read the plan"),
        ('{"format": "other"}', "not a supplyline plan"),
        ('{"format": "supplyline-plan", "version": 99}', "version 99"),
    ],
)
def test_read_plan_of_a_bad_file_says_why(tmp_path: Path, text: str, why: str) -> None:
    """Broken JSON, another format or an unknown version: a ScenarioError that says so."""
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="not a readable supplyline plan") as info:
        read_plan(path)
    assert why in str(info.value)


def test_csv_tables_keep_every_movement_to_the_gram(written: tuple[Plan, Path]) -> None:
    """movements.csv has each movement's tonnes as plan.json has them (to 6 decimals).

    Rounded to 3, small flows (a 1-person relief site) read as 0.
    """
    plan, out = written
    with (out / "movements.csv").open(encoding="utf-8") as fh:
        tonnes = [float(r["tonnes"]) for r in csv.DictReader(fh)]
    assert tonnes == [round(m.tonnes, 6) for m in plan.movements]


@pytest.mark.parametrize(
    ("value", "cell"), [(0.000123, "0.000123"), (12.5, "12.5"), (3.0, "3"), (-0.0, "0")]
)
def test_a_cell_is_written_to_the_gram(value: float, cell: str) -> None:
    """A gram of food for one person is not rounded away; whole numbers stay short."""
    assert _cell(value) == cell
