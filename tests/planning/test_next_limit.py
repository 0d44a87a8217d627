"""A bottleneck's claim names the capacity that caps its gain, where one does.

A hand-solved chain: source S → rail link la (10 t/day) → yard Y (handling 6 t/day) →
road link lb (8 t/day) → camp U, whose unit needs 12 t of fuel a day for 10 days, each link
a day in transit. The yard passes 6 t/day on C+1–C+8, so 72 t fall short; +2 t/day there
removes 16 t, and beyond that lb binds at 8: the report must say so, and re-planned with
more of both the plan must gain more.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.bottleneck_rows import bottleneck_rows, bottleneck_table_rows
from supplyline.reports.summary import bottleneck_table


def _chain(
    folder: Path, *, yard: float = 6, la: float = 10, lb: float = 8
) -> tuple[Scenario, Demand]:
    """S → la → Y → lb → U, the unit needing 12 t/day of fuel from C+0 (10 days)."""
    return scenario_from_files(
        folder,
        days=10,
        commodity="{id: fuel, supply_class: fuel, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links=f"la,s,y,rail,1435,100,1,,{la},,1,,false,\nlb,y,u,road,,50,1,,{lb},,1,,false,\n",
        locations="s,Source S,home,depot,50.0,10.0,,,0\n"
        f"y,Yard Y,home,transshipment,50.0,11.0,{yard},0,0\n"
        "u,Camp U,home,unit_area,50.0,11.5,,0,0\n",
        units="u1,Unit 1,home,u,u,120,0,0,0,0\n",
        stocks="s,fuel,1000,0,home\n",
    )


def _short(folder: Path, **capacities: float) -> float:
    scenario, demand = _chain(folder, **capacities)
    return plan_movements(scenario, demand, PlanParams(explain_top=0)).total_short_t


def _yard(plan: Plan) -> Bottleneck:
    return next(b for b in plan.bottlenecks if (b.kind, b.resource) == (ResourceKind.HANDLING, "y"))


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Scenario]:
    """The chain planned as given: the yard binds, and the link after it would next."""
    scenario, demand = _chain(tmp_path_factory.mktemp("chain") / "capped")
    return plan_movements(scenario, demand), scenario


def test_the_yards_claim_is_the_hand_solved_one(capped: tuple[Plan, Scenario]) -> None:
    """6 t/day pass on C+1–C+8 of 12 needed: 72 t short; +2 t/day removes 16 t."""
    plan, _ = capped
    yard = _yard(plan)
    assert plan.total_short_t == pytest.approx(72.0)
    assert (yard.suggested_extra, yard.shortfall_removed_t) == (2.0, pytest.approx(16.0))


def test_the_claim_names_the_link_that_then_binds(capped: tuple[Plan, Scenario]) -> None:
    """Beyond +2 t/day at the yard, the road link lb (8 t/day) caps the gain: said so."""
    yard = _yard(capped[0])
    assert yard.then_limited_by == "lb (y→u)"
    assert yard.explanation.endswith(
        "; beyond +2 t/day, the road link lb y→u (8 t/day), full on C+1–C+8, limits the gain"
    )


def test_the_named_limit_is_what_caps_the_gain(tmp_path: Path) -> None:
    """Re-planned: more yard alone gains no more than +2; more of lb too gains more."""
    claimed = _short(tmp_path / "claimed", yard=8)
    assert claimed == pytest.approx(72.0 - 16.0)
    assert _short(tmp_path / "yard-only", yard=20) == pytest.approx(claimed)
    assert _short(tmp_path / "both", yard=20, lb=20) < claimed - 1.0


def test_an_upstream_link_that_then_binds_is_named(tmp_path: Path) -> None:
    """With lb at 20, the rail link la before the yard (10 t/day) caps +4 t/day instead."""
    scenario, demand = _chain(tmp_path / "upstream", lb=20)
    yard = _yard(plan_movements(scenario, demand))
    assert (yard.suggested_extra, yard.then_limited_by) == (4.0, "la (s→y)")
    assert "beyond +4 t/day, the rail link la s→y (10 t/day)" in yard.explanation


def test_a_yard_after_the_link_is_named_not_nothing(tmp_path: Path) -> None:
    """With la at 4 t/day, the yard after it (6) caps the rail's +2: it had said "nothing single".

    The yard was re-solved with its rows as they were (a place's are raised on its days):
    re-planned, the rail at 6 and at 100 leave as much short, with the yard at 100 too less.
    """
    scenario, demand = _chain(tmp_path / "rail", la=4, lb=20)
    rail = next(b for b in plan_movements(scenario, demand).bottlenecks if b.resource == "la (s→y)")
    assert (rail.suggested_extra, rail.then_limited_by) == (2.0, "y")
    assert "beyond +2 t/day, the transshipment yard Yard Y (handling 6 t/day)" in rail.explanation
    claimed = _short(tmp_path / "claimed", la=6, lb=20)
    assert _short(tmp_path / "rail-only", la=100, lb=20) == pytest.approx(claimed)
    assert _short(tmp_path / "both", la=100, yard=100, lb=20) < claimed - 1.0


def test_nothing_is_named_where_nothing_caps_the_gain(tmp_path: Path) -> None:
    """Links of 20 t/day: +6 t/day at the yard removes all the shortfall it can.

    What stays short (C+0 and C+1, before anything can arrive, and C+9, after the last
    departure that arrives within the horizon) no capacity changes.
    """
    scenario, demand = _chain(tmp_path / "free", la=20, lb=20)
    plan = plan_movements(scenario, demand)
    yard = _yard(plan)
    assert yard.suggested_extra == 6.0
    assert yard.then_limited_by is None
    assert "beyond" not in yard.explanation
    assert _short(tmp_path / "more", yard=100, la=100, lb=100) == pytest.approx(
        plan.total_short_t - yard.shortfall_removed_t  # type: ignore[operator]
    )


def test_plan_files_carry_the_next_limit(capped: tuple[Plan, Scenario], tmp_path: Path) -> None:
    """plan.json's entry and bottlenecks.csv's last column name it; plan.json reads back equal."""
    plan, scenario = capped
    write_plan(tmp_path / "out", scenario, plan)
    data = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert [b["then_limited_by"] for b in data["bottlenecks"]] == ["lb (y→u)"]
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["then_limited_by"] for r in rows] == ["lb (y→u)"]
    assert read_plan(tmp_path / "out" / "plan.json") == plan


def test_a_plan_json_without_the_field_reads_back_with_none(
    capped: tuple[Plan, Scenario], tmp_path: Path
) -> None:
    """A plan.json written before ``then_limited_by`` was recorded reads with None."""
    plan, scenario = capped
    write_plan(tmp_path / "out", scenario, plan)
    path = tmp_path / "out" / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for b in data["bottlenecks"]:
        del b["then_limited_by"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [b.then_limited_by for b in read_plan(path).bottlenecks] == [None]


def test_the_summary_and_the_report_table_name_it(capped: tuple[Plan, Scenario]) -> None:
    """The rows of plan --format json|csv, the CLI's table rows and the HTML table's column."""
    plan, _ = capped
    assert [r["then_limited_by"] for r in bottleneck_rows(plan)] == ["lb (y→u)"]
    assert [r["then_limited_by"] for r in bottleneck_table_rows(plan)] == ["lb (y→u)"]
    table = bottleneck_table(plan, 5)
    column = table.columns.index("then limited by")
    assert [row[column] for row in table.rows] == ["lb (y→u)"]
