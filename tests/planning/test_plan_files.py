"""Plan files: CSV tables, plan.json that reads back exactly, GeoJSON for QGIS."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import json
import re
from pathlib import Path
from typing import Any

import pytest

from supplyline.domain import (
    Link,
    Location,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
)
from supplyline.errors import NotFoundError, OutputError, ScenarioError, SolverError
from supplyline.io.csv_out import to_gram as _to_gram
from supplyline.io.plan_files import PLAN_FILES, read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.capacity_cause import CAPACITY_CAUSE
from supplyline.planning.examples import gauge_break, one_link
from supplyline.types import gram_text


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
    with (out / "movements.csv").open(encoding="utf-8-sig") as fh:
        first = next(csv.DictReader(fh))
    m = plan.movements[0]
    assert (first["departure_label"], first["departure_date"]) == (
        f"C+{m.departure_day}",
        plan.date_of(m.departure_day).isoformat(),
    )


def test_shortfalls_csv_sums_to_the_plans_total(written: tuple[Plan, Path]) -> None:
    """The shortfall table adds up to the plan's total shortfall."""
    plan, out = written
    with (out / "shortfalls.csv").open(encoding="utf-8-sig") as fh:
        total = sum(float(r["short_t"]) for r in csv.DictReader(fh))
    assert total == pytest.approx(plan.total_short_t)


def test_bottlenecks_csv_has_the_explanation(written: tuple[Plan, Path]) -> None:
    """The bottleneck table ranks the yard first and explains it in words."""
    _, out = written
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig") as fh:
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


def test_geojson_links_carry_their_figures_to_style_by(written: tuple[Plan, Path]) -> None:
    """A QGIS user styles links by capacity, cost, transit and outages (a tester's ask)."""
    _, out = written
    data = json.loads((out / "network.geojson").read_text(encoding="utf-8"))
    std = next(f for f in data["features"] if f["properties"]["id"] == "std")
    props = std["properties"]
    assert (props["transit_days"], props["distance_km"], props["cost_per_t"]) == (1, 600, 5.0)
    assert (props["cost_per_pax"], props["outage_days"]) == (0.0, "")
    # no link of it limits people: the member, null on each, is left out (GDAL: String)
    assert "capacity_pax_per_day" not in props
    assert props["bidirectional"] is False


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


def _broken(written: tuple[Plan, Path], tmp_path: Path, change: Any) -> Path:
    """The written plan.json changed by ``change`` (its data in, the data to write out)."""
    data = json.loads((written[1] / "plan.json").read_text(encoding="utf-8"))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(change(data)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "key",
    ["scenario", "start_date", "horizon_days", "status", "objective", "movements", "stocks",
     "deliveries", "shortfalls", "closures", "bottlenecks", "stats"],
)  # fmt: skip
def test_a_plan_without_a_key_says_which(
    written: tuple[Plan, Path], tmp_path: Path, key: str
) -> None:
    """A key left out is named; "cannot read the plan: 'objective'" said only the key."""
    path = _broken(written, tmp_path, lambda d: {k: v for k, v in d.items() if k != key})
    with pytest.raises(ScenarioError, match="not a readable supplyline plan") as info:
        read_plan(path)
    assert (
        f"plan.json has no {key!r}; it is not a whole supplyline plan "
        "(written by a different version, or cut short?)"
    ) in str(info.value)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"movements": 5}, "plan.json's 'movements' is 5 (a number), not a list of records"),
        ({"stats": []}, "plan.json's 'stats' is [] (a list), not an object"),
        ({"objective": "low"}, "plan.json's 'objective' is \"low\" (text), not a number"),
        ({"horizon_days": True}, "'horizon_days' is true (true/false), not a whole number"),
        ({"stocks": [5]}, "stock level 1 is 5 (a number), not an object (a record)"),
        ({"deliveries": [{}]}, "delivery 1 has no 'unit'; it is not a whole supplyline plan"),
    ],
)
def test_a_plan_with_a_value_of_the_wrong_kind_says_what_was_expected(
    written: tuple[Plan, Path], tmp_path: Path, change: dict[str, Any], why: str
) -> None:
    """A value of the wrong kind is named with what it should be, not a TypeError's words."""
    path = _broken(written, tmp_path, lambda d: d | change)
    with pytest.raises(ScenarioError, match="not a readable supplyline plan") as info:
        read_plan(path)
    assert why in str(info.value)


def test_read_plan_of_another_plan_file_says_it_is_no_plan_json(
    written: tuple[Plan, Path],
) -> None:
    """movements.csv (BOM first) said "Unexpected UTF-8 BOM (decode using utf-8-sig)"."""
    _, out = written
    with pytest.raises(ScenarioError) as info:
        read_plan(out / "movements.csv")
    (issue,) = info.value.issues
    assert issue.file == str(out / "movements.csv")
    assert issue.message.startswith(
        "movements.csv is not a plan.json written by supplyline: it begins 'link,mode,"
    )
    assert "BOM" not in str(info.value)


def test_a_plan_json_with_a_syntax_error_keeps_its_line_and_column(tmp_path: Path) -> None:
    """A plan.json cut short or mis-edited: the line and column of the JSON's mistake."""
    path = tmp_path / "plan.json"
    path.write_text('{\n  "format": "supplyline-plan",\n  "version" 2\n}', encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        read_plan(path)
    (issue,) = info.value.issues
    assert issue.line == 3
    assert issue.message == (
        "cannot read the plan: it is not valid JSON (Expecting ':' delimiter, at column 13)"
    )


def test_a_plan_json_an_editor_gave_a_bom_reads(written: tuple[Plan, Path], tmp_path: Path) -> None:
    """A byte-order mark before the plan's '{' is passed over."""
    plan, out = written
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xef\xbb\xbf" + (out / "plan.json").read_bytes())
    assert read_plan(path) == plan


def test_a_plan_that_is_not_an_object_says_so(tmp_path: Path) -> None:
    """A JSON list where the plan's keys go: said, not an AttributeError ('get')."""
    path = tmp_path / "plan.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"it holds \[1, 2\] \(a list\), not an object"):
        read_plan(path)


def test_a_whole_plan_reads_back_after_the_checks(written: tuple[Plan, Path]) -> None:
    """The checks refuse nothing a plan written by this version holds."""
    plan, out = written
    assert read_plan(out) == plan


def test_csv_tables_keep_every_movement_to_the_gram(written: tuple[Plan, Path]) -> None:
    """movements.csv has each movement's tonnes as plan.json has them (to 6 decimals).

    Rounded to 3, small flows (a 1-person relief site) read as 0.
    """
    plan, out = written
    with (out / "movements.csv").open(encoding="utf-8-sig") as fh:
        tonnes = [float(r["tonnes"]) for r in csv.DictReader(fh)]
    assert tonnes == [round(m.tonnes, 6) for m in plan.movements]


@pytest.mark.parametrize(
    ("value", "cell"), [(0.000123, "0.000123"), (12.5, "12.5"), (3.0, "3"), (-0.0, "0")]
)
def test_a_cell_is_written_to_the_gram(value: float, cell: str) -> None:
    """A gram of food for one person is not rounded away; whole numbers stay short."""
    assert gram_text(value) == cell


@pytest.mark.parametrize("value", [0.0004999, 0.0005, 1234.5678915, 2.5e-7, 1e-9, -0.0, 7.0])
def test_cells_and_geojson_round_alike(value: float) -> None:
    """A CSV cell and a GeoJSON amount are the same number: one rounding, to the gram."""
    assert float(gram_text(value)) == _to_gram(value)


def _pacific(lons: tuple[float, float], tonnes: tuple[float, ...]) -> tuple[Scenario, Plan]:
    """One sea link between two ports at ``lons``, and a plan that ships ``tonnes`` on it."""
    start = dt.date(2025, 6, 1)
    ports = tuple(
        Location(id=i, name=i, partner="P", kind=LocationKind.PORT, lat=lat, lon=lon)
        for i, lat, lon in (("a", -17.8, lons[0]), ("b", -16.8, lons[1]))
    )
    link = Link(id="s1", origin="a", destination="b", mode=Mode.SEA, distance_km=80, transit_days=1)
    moves = tuple(
        Movement(
            link="s1",
            origin="a",
            destination="b",
            mode=Mode.SEA,
            commodity="food" if day % 2 else "fuel",
            departure_day=day,
            arrival_day=day + 1,
            tonnes=t,
        )
        for day, t in enumerate(tonnes)
    )
    scenario = Scenario(
        name="Pacific", start_date=start, horizon_days=5, locations=ports, links=(link,)
    )
    plan = Plan(
        scenario="Pacific",
        start_date=start,
        horizon_days=5,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        movements=moves,
    )
    return scenario, plan


def _written(tmp_path: Path, scenario: Scenario, plan: Plan) -> tuple[dict[str, Any], list[str]]:
    """The link feature of network.geojson, and the tonnes cells of movements.csv."""
    write_plan(tmp_path / "out", scenario, plan)
    data = json.loads((tmp_path / "out" / "network.geojson").read_text(encoding="utf-8"))
    with (tmp_path / "out" / "movements.csv").open(encoding="utf-8-sig") as fh:
        cells = [r["tonnes"] for r in csv.DictReader(fh)]
    return next(f for f in data["features"] if f["properties"]["id"] == "s1"), cells


def test_geojson_amounts_agree_with_movements_csv(tmp_path: Path) -> None:
    """planned_t and planned_t_by_commodity are given to the gram, as movements.csv has them.

    Rounded to 0.001 t they read 3.235, 1.235 and 2.0, up to half a kilogram off the CSV.
    """
    scenario, plan = _pacific((179.6, 179.9), (0.0004, 0.0004, 1.2345674, 2.0000004))
    link, cells = _written(tmp_path, scenario, plan)
    assert cells == ["0.0004", "0.0004", "1.234567", "2"]
    assert link["properties"]["planned_t"] == 3.235368
    assert link["properties"]["planned_t_by_commodity"] == {"fuel": 1.234967, "food": 2.0004}
    assert link["properties"]["planned_t"] == pytest.approx(
        sum(float(c) for c in cells), abs=1e-6 * len(cells)
    )


def test_link_across_the_antimeridian_is_cut_there(tmp_path: Path) -> None:
    """A link from 179.6° to -179.7° is two lines meeting at ±180° (RFC 7946 §3.1.9)."""
    scenario, plan = _pacific((179.6, -179.7), (5.0,))
    link, _ = _written(tmp_path, scenario, plan)
    assert link["geometry"]["type"] == "MultiLineString"
    (a, cut_east), (cut_west, b) = link["geometry"]["coordinates"]
    assert (a, b) == ([179.6, -17.8], [-179.7, -16.8])
    assert (cut_east[0], cut_west[0]) == (180.0, -180.0)
    assert cut_east[1] == cut_west[1] == pytest.approx(-17.8 + 0.4 / 0.7)
    assert (link["properties"]["from"], link["properties"]["planned_t"]) == ("a", 5.0)


@pytest.mark.parametrize(
    ("lons", "coordinates"),
    [
        ((10.0, 20.0), [[10.0, -17.8], [20.0, -16.8]]),
        ((-170.0, 10.0), [[-170.0, -17.8], [10.0, -16.8]]),  # exactly 180°: left as it is
        ((180.0, -179.0), [[-180.0, -17.8], [-179.0, -16.8]]),  # one end on the antimeridian
        ((-180.0, 180.0), [[-180.0, -17.8], [-180.0, -16.8]]),  # both ends on it
    ],
)
def test_link_that_does_not_cross_stays_one_line(
    tmp_path: Path, lons: tuple[float, float], coordinates: list[list[float]]
) -> None:
    """A link that does not cross the antimeridian is one LineString on one side of it."""
    scenario, plan = _pacific(lons, (1.0,))
    link, _ = _written(tmp_path, scenario, plan)
    assert link["geometry"] == {"type": "LineString", "coordinates": coordinates}


def test_geojson_keeps_a_commodity_called_deploy_or_pax_apart_from_lift_and_people(
    tmp_path: Path,
) -> None:
    """A tester's commodity 'deploy' was summed with the units' lift on the map's links."""
    scenario, demand = one_link(days=4)
    renamed = dataclasses.replace(scenario.commodities[0], id="pax")
    scenario = dataclasses.replace(
        scenario,
        commodities=(renamed,),
        stocks=tuple(dataclasses.replace(st, commodity="pax") for st in scenario.stocks),
    )
    demand = dataclasses.replace(demand, commodity_ids=("pax",))
    plan = plan_movements(scenario, demand)
    write_plan(tmp_path / "out", scenario, plan)
    data = json.loads((tmp_path / "out" / "network.geojson").read_text(encoding="utf-8"))
    link = next(f for f in data["features"] if f["properties"].get("id") == "L1")
    moved = sum(m.tonnes for m in plan.movements)
    assert link["properties"]["planned_t_by_commodity"] == {"pax": moved}
    assert link["properties"]["planned_t"] == moved
    assert link["properties"]["planned_pax"] == 0.0


def test_target_gaps_and_their_causes_read_back(tmp_path: Path) -> None:
    """A unit below its days-of-supply target: the gaps, with why, survive plan.json.

    A plan.json written before gaps were recorded (no ``target_gaps``) still reads, with
    none.
    """
    from supplyline.planning.examples import make_demand

    scenario, _ = one_link(capacity_t_per_day=8.0, days=5)
    demand = make_demand(scenario, {("u1", "food"): 8.0}, buildup_t={("u1", "food"): 10.0})
    plan = plan_movements(scenario, demand)
    assert [(g.day, g.below_t) for g in plan.target_gaps] == [(d, 8.0) for d in range(5)]
    assert plan.target_gaps[0].cause == "no Rations can reach U before C+1"
    assert {g.cause for g in plan.target_gaps[1:]} == {CAPACITY_CAUSE}  # the link's capacity
    write_plan(tmp_path / "out", scenario, plan)
    assert read_plan(tmp_path / "out") == plan
    data = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    del data["target_gaps"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert read_plan(older).target_gaps == ()


def test_a_units_earliest_day_is_in_deployment_csv_and_reads_back(tmp_path: Path) -> None:
    """Required C+1, four days' march: earliest C+5, closes C+5, four days late by distance.

    A plan.json written before the earliest day was recorded still reads, without it.
    """
    from supplyline.planning.examples import late_unit

    scenario, demand = late_unit()
    plan = plan_movements(scenario, demand)
    (closure,) = plan.closures
    assert (closure.earliest_day, closure.closure_day) == (5, 5)
    assert (closure.days_late, closure.days_late_by_distance) == (4, 4)
    write_plan(tmp_path / "out", scenario, plan)
    assert read_plan(tmp_path / "out") == plan
    with (tmp_path / "out" / "deployment.csv").open(encoding="utf-8-sig") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["earliest_day"], row["earliest_label"], row["earliest_date"]) == (
        "5",
        "C+5",
        plan.date_of(5).isoformat(),
    )
    data = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    for c in data["closures"]:
        del c["earliest_day"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert read_plan(older).closures[0].earliest_day is None


def test_a_unit_that_cannot_arrive_has_no_earliest_day() -> None:
    from supplyline.planning.examples import late_unit

    plan = plan_movements(*late_unit(transit_days=9))
    (closure,) = plan.closures
    assert (closure.earliest_day, closure.closure_day, closure.days_late_by_distance) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("table", "field", "value", "said"),
    [
        ("movements", "tonnes", "lots", "movement 1: tonnes is 'lots', not a finite number"),
        ("deliveries", "day", 2.5, "delivery 1: day is 2.5, not a whole number"),
        ("movements", "link", 7, "movement 1: link is 7, not text"),
        ("movements", "tonnes", -5, "movement 1: tonnes is -5, not a finite number >= 0"),
        ("movements", "pax", -0.5, "movement 1: pax is -0.5, not a finite number >= 0"),
        ("deliveries", "tonnes", -2, "delivery 1: tonnes is -2, not a finite number >= 0"),
        ("movements", "tonnes", float("nan"), "movement 1: tonnes is nan, not a finite number"),
        ("movements", "tonnes", float("inf"), "movement 1: tonnes is inf, not a finite number"),
    ],
)
def test_a_plan_file_with_a_value_of_the_wrong_type_is_refused(
    written: tuple[Plan, Path], tmp_path: Path, table: str, field: str, value: object, said: str
) -> None:
    """A tester's plan.json with "tonnes": "lots" read back and failed later in arithmetic.

    Another's movement of -5 t was read, and ``routes --plan`` drew 5 t "on site" at a
    place holding nothing; NaN and Infinity (which Python's JSON reads) are no amounts.
    """
    data = json.loads((written[1] / "plan.json").read_text(encoding="utf-8"))
    if not data[table]:
        pytest.skip(f"the plan has no {table}")
    data[table][0][field] = value
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScenarioError, match=re.escape(said)):
        read_plan(bad)


@pytest.mark.parametrize(
    ("table", "record", "said"),
    [
        (
            "stocks",
            {"location": "A", "commodity": "food", "day": 0, "tonnes": -1.0, "unit": None},
            "stock level 1: tonnes is -1.0, not a finite number >= 0",
        ),
        (
            "shortfalls",
            {"unit": "U", "commodity": "food", "day": 0, "required_t": 2.0, "short_t": -0.5},
            "shortfall 1: short_t is -0.5, not a finite number >= 0",
        ),
    ],
)
def test_a_plan_file_with_a_negative_amount_is_refused(
    written: tuple[Plan, Path], tmp_path: Path, table: str, record: object, said: str
) -> None:
    """A record of a table the plan has none of, given a negative amount: refused by name."""
    data = json.loads((written[1] / "plan.json").read_text(encoding="utf-8"))
    data[table] = [record]
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScenarioError, match=re.escape(said)):
        read_plan(bad)


def test_a_plan_with_no_solution_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """write_plan of a plan the time limit left without a solution writes nothing (SolverError).

    A tester's such plan was written as a clean one, nothing short, and read back unequal.
    """
    scenario, _ = gauge_break()
    empty = Plan(
        scenario=scenario.name,
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        status=PlanStatus.NO_SOLUTION,
        objective=float("nan"),
    )
    with pytest.raises(SolverError, match=r"^no plan: .*; nothing written"):
        write_plan(tmp_path / "out", scenario, empty)
    assert list(tmp_path.iterdir()) == []


def test_a_plan_file_that_cannot_be_replaced_leaves_the_earlier_plan_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier movements.csv that cannot be moved (immutable) keeps every earlier file.

    The fault is injected into our own rename: a tester's ``chattr +i`` left bottlenecks,
    deliveries and deployment of the new plan beside the rest of the old one.
    """
    scenario, demand = gauge_break()
    plan = plan_movements(scenario, demand)
    out = tmp_path / "p6"
    write_plan(out, scenario, plan)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = Path.rename

    def immutable(self: Path, target: str | Path) -> Path:
        if self.name == "movements.csv":
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", immutable)
    other = dataclasses.replace(plan, objective=plan.objective + 1.0)  # plan.json differs
    with pytest.raises(OutputError, match=r"cannot replace .*p6/movements\.csv: Operation not"):
        write_plan(out, scenario, other)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_name_a_spreadsheet_would_run_is_written_behind_an_apostrophe(tmp_path: Path) -> None:
    """A location named as a formula starts no cell of the plan files as one.

    A tester's yard ``=HYPERLINK(…)`` opened as a live link in bottlenecks.csv's explanation.
    """
    scenario, demand = gauge_break()
    trap = '=HYPERLINK("http://example.invalid";"Y transshipment yard")'
    scenario = dataclasses.replace(
        scenario,
        locations=tuple(
            dataclasses.replace(loc, name=trap) if loc.id == "Y" else loc
            for loc in scenario.locations
        ),
    )
    write_plan(tmp_path / "out", scenario, plan_movements(scenario, demand))
    cells = []
    for path in (tmp_path / "out").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [c for row in csv.reader(handle) for c in row]
    assert f"'{trap}" in " ".join(cells)
    starting = [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    starting += [c for c in cells if c.startswith("-") and not re.fullmatch(r"-[0-9.e+-]+", c)]
    assert starting == []
