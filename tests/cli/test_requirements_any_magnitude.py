"""``requirements`` prints any scenario the loader accepts, however large its demand.

A tester's 10,000,000 people eating 1,000,000 kg a day each for 3,660 days (73,180 billion
tonnes, accepted by ``validate``) ended in ``ValueError: the grand total given is not the
rows' sum`` from the table's rounding, exit 1, after ``--out`` had written its three files;
the CSV read a build-up of 999.99744 t for 1,000 t. A float keeps some 16 significant
digits, and those figures to 0.01 t have 17: the total, summed in another order than the
rows, missed their sum by 0.02 t, which no rounding of the rows could add up to. Such a
table now has each figure rounded alone and says why, the build-up is worked out in exact
decimals, and what is printed is worked out before any file is written.
"""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal
from pathlib import Path

import pytest
from cli_helpers import scenario_folder
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain.demand import MAX_TONNES
from supplyline.domain.field_ranges import MAX_DAYS_HELD, MAX_PERSONNEL, MAX_VEHICLES
from supplyline.domain.scenario import MAX_ACTIVITY
from supplyline.errors import ScenarioError

_register_commands()
runner = CliRunner()

MAX_RATE = 1_000_000  # a rate's bound in scenario.yaml, in its demand unit
MAX_HORIZON = 3660
SCENARIO = """\
name: magnitudes
start_date: 2025-01-01
horizon_days: {horizon}
partners: [{{id: p1}}]
commodities:
  - {{id: food, supply_class: food, demand_unit: {food_unit}, per_person_per_day: {food_rate},
     activity_scaled: {scaled}}}
  - {{id: water, supply_class: water, demand_unit: {water_unit}, per_vehicle_per_day: {water_rate}}}
  - {{id: fuel, supply_class: fuel, demand_unit: L, kg_per_demand_unit: {density},
     vehicle_fuel: true}}
vehicle_classes:
  - {{id: truck, fuel_l_per_100km: {l_per_100km}, km_per_day: {km}}}
activity_levels: {{busy: {busy}}}
"""
UNITS_HEAD = (
    "id,partner,home,destination,personnel,vehicles_truck,required_day,days_of_supply,activity"
)
FILES = {
    "locations.csv": "id,name,partner,kind,lat,lon\na,A,p1,depot,50,10\nb,B,p1,unit_area,50,10.5\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,bidirectional\nr1,a,b,road,40,1,true\n",
}


def _sizes(low: float, high: float) -> st.SearchStrategy[float]:
    """Figures spread over their orders of magnitude, from ``low`` to the bound ``high``."""
    return st.one_of(
        st.just(0.0),
        st.just(high),
        st.floats(math.log10(low), math.log10(high)).map(lambda x: min(10**x, high)),
    )


@st.composite
def folders(draw: st.DrawFn) -> dict[str, str]:
    """A scenario's files, each number within the range scenario.yaml and units.csv take."""
    horizon = draw(st.one_of(st.just(MAX_HORIZON), st.integers(1, 60)))
    text = SCENARIO.format(
        horizon=horizon,
        food_unit=draw(st.sampled_from(["kg", "t", "L"])),
        food_rate=draw(_sizes(1e-3, MAX_RATE)),
        scaled=draw(st.sampled_from(["true", "false"])),
        water_unit=draw(st.sampled_from(["kg", "t", "L"])),
        water_rate=draw(_sizes(1e-3, MAX_RATE)),
        density=draw(st.floats(0.4, 25)),
        l_per_100km=draw(_sizes(1e-2, 10_000)),
        km=draw(_sizes(1e-2, 2000)),
        busy=draw(st.floats(0, MAX_ACTIVITY)),
    )
    day = st.integers(0, horizon - 1)
    busy = st.integers(1, horizon - 1).map(lambda d: f"0:normal;{d}:busy") if horizon > 1 else None
    rows = [
        f"u{i},p1,a,b,{int(draw(_sizes(1, MAX_PERSONNEL)))},{int(draw(_sizes(1, MAX_VEHICLES)))},"
        f"{draw(day)},{draw(_sizes(0.1, MAX_DAYS_HELD))},{'' if busy is None else draw(busy)}"
        for i in range(draw(st.integers(1, 3)))
    ]
    return {"scenario.yaml": text, "units.csv": "\n".join([UNITS_HEAD, *rows]) + "\n"}


THE_MOST = {  # each unit at the most a day and held that validate takes, 1e12 t, for 3,660 days
    "scenario.yaml": SCENARIO.format(
        horizon=MAX_HORIZON,
        food_unit="t",
        food_rate=MAX_TONNES / MAX_PERSONNEL,  # 1e12 t a day, not scaled by activity
        scaled="false",
        water_unit="t",
        water_rate=MAX_RATE,  # 1e11 t a day, × 10 when busy
        density=25,
        l_per_100km=10_000,
        km=2000,
        busy=MAX_ACTIVITY,
    ),
    "units.csv": f"{UNITS_HEAD}\n"
    + "".join(
        f"u{i},p1,a,b,{MAX_PERSONNEL},{MAX_VEHICLES},{i},1,0:normal;{i + 1}:busy\n"
        for i in range(3)
    ),
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    return scenario_folder(folder, {**FILES, **files})


def _requirements(folder: Path, *options: str) -> str:
    result = runner.invoke(app, ["requirements", str(folder), *options], env={"COLUMNS": "250"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    return result.stdout


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(files=folders())
@example(files=THE_MOST)
def test_any_accepted_scenario_prints_both_views(tmp_path: Path, files: dict[str, str]) -> None:
    """Both tables and their total line print; each CSV row's parts add up to its total."""
    folder = _write(tmp_path / "s", files)
    checked = runner.invoke(app, ["validate", str(folder)])
    if checked.exit_code:  # beyond what a plan can count (MAX_TONNES): refused, said so
        assert isinstance(checked.exception, ScenarioError), checked.output
        assert "a plan can count" in str(checked.exception)
        assume(False)
    for by in ("commodity", "unit"):
        printed = " ".join(_requirements(folder, "--by", by).split())  # lines unwrapped
        assert "total: " in printed
        assert "t to deliver; factors used:" in printed
    rows = list(csv.DictReader(io.StringIO(_requirements(folder, "--by", "unit", "-f", "csv"))))
    assert [(r["unit"], r["commodity"]) for r in rows][:3] == [
        ("u0", "food"),
        ("u0", "water"),
        ("u0", "fuel"),
    ]
    for row in rows:
        eaten, built, total = (Decimal(row[c]) for c in ("consumption_t", "buildup_t", "total_t"))
        if abs(total) < 10**9:  # a float holds every gram: exact
            assert eaten + built == total, row
        else:  # else within the last digit a float holds of them
            assert abs(eaten + built - total) <= (abs(total) + abs(eaten)) * Decimal(2) ** -52


HUGE = {  # the tester's case: 73,180 billion tonnes of food, 1,000 t of it build-up
    "scenario.yaml": """\
name: huge
start_date: 2025-01-01
horizon_days: 3660
partners: [{id: p1}]
commodities:
  - {id: food, supply_class: food, demand_unit: kg, per_person_per_day: 1000000,
     activity_scaled: true}
  - {id: water, supply_class: water, demand_unit: L, per_person_per_day: 10, per_vehicle_per_day: 5}
  - {id: fuel, supply_class: fuel, demand_unit: L, kg_per_demand_unit: 0.8, vehicle_fuel: true}
vehicle_classes:
  - {id: truck, fuel_l_per_100km: 20, km_per_day: 100}
activity_levels: {high: 2.0}
""",
    "units.csv": f"{UNITS_HEAD}\n"
    "u1,p1,b,b,10000000,100000,0,0,0:normal;2:high\n"
    "u2,p1,a,b,1,0,2,1,\n",
}


def test_the_testers_huge_demand_prints_and_says_its_figures_are_rounded_alone(
    tmp_path: Path,
) -> None:
    """No traceback; the build-up reads 1,000 t; the note says why rows may not add up."""
    folder = _write(tmp_path / "huge", HUGE)
    printed = " ".join(_requirements(folder).split())
    assert "have more digits than a computer's floating-point numbers keep" in printed
    assert "each figure is rounded alone" in printed
    rows = list(csv.DictReader(io.StringIO(_requirements(folder, "-f", "csv"))))
    food = next(r for r in rows if r["commodity"] == "food")
    assert (food["consumption_t"], food["buildup_t"], food["total_t"]) == (
        "73180003658000",
        "1000",
        "73180003659000",
    )


def test_a_failure_working_out_the_table_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printed table is worked out before the files are written: a failure there, none."""
    import supplyline.cli.requirements_cmds as cmds

    def broken(*_: object) -> None:
        raise RuntimeError("the table's rounding failed")

    monkeypatch.setattr(cmds, "_totals_said", broken)
    out = tmp_path / "out"
    result = runner.invoke(app, ["requirements", str(_write(tmp_path / "s", HUGE)), "-o", str(out)])
    assert isinstance(result.exception, RuntimeError)
    assert not out.exists() or not any(out.iterdir())
