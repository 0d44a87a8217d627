"""A claim gives the scenario figure to set, where its capacity is not the scenario's.

A tester's store W holds 40 t of food on hand with ``storage_t`` 10: the model holds what is
on hand (capacity 40) and the claim's extra is on that, +20 t. Adding 20 to ``storage_t``
(30) buys nothing; ``set_to`` says 60, and re-planned with it the claim's gain is there.
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
from supplyline.planning.bottleneck_rows import bottleneck_rows


def _overfull(folder: Path, *, storage_t: float = 10) -> tuple[Scenario, Demand]:
    """D → r0 (closed C+2–C+9) → W (40 t on hand) → r1 (10 t/day) → U, 10 t/day of food."""
    return scenario_from_files(
        folder,
        days=10,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: t, "
        "per_person_per_day: 0.01}",
        links="r0,d,w,road,,80,1,,30,,1,,true,2-9\nr1,w,u,road,,40,1,,10,,1,,true,\n",
        locations="d,D,home,depot,50.0,19.0,,,0\n"
        f"w,W,home,warehouse,50.3,20.0,,{storage_t},0\n"
        "u,U,home,unit_area,50.6,20.0,,,0\n",
        units="u1,U1,home,u,u,1000,0,0,0,0\n",
        stocks="w,food,40,0,home\nd,food,1000,0,home\n",
    )


def _store(plan: Plan) -> Bottleneck:
    return next(b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Scenario]:
    """The overfull store planned as given."""
    scenario, demand = _overfull(tmp_path_factory.mktemp("overfull") / "given")
    return plan_movements(scenario, demand), scenario


def test_the_store_says_the_storage_t_to_set(planned: tuple[Plan, Scenario]) -> None:
    """Capacity 40 (what is on hand), extra 20: storage_t 60, as the sentence says."""
    store = _store(planned[0])
    assert (store.capacity, store.suggested_extra, store.set_to) == (40.0, 20.0, 60.0)
    assert "(storage_t 60)" in store.explanation


def test_set_to_buys_the_claim_where_storage_t_plus_extra_does_not(
    planned: tuple[Plan, Scenario], tmp_path: Path
) -> None:
    """Re-planned: storage_t 10 + 20 removes nothing, storage_t = set_to removes the claim."""
    plan, _ = planned
    store = _store(plan)
    assert store.set_to is not None
    assert store.suggested_extra is not None

    def short(storage_t: float, name: str) -> float:
        scenario, demand = _overfull(tmp_path / name, storage_t=storage_t)
        return plan_movements(scenario, demand, PlanParams(explain_top=0)).total_short_t

    assert short(10 + store.suggested_extra, "added") == pytest.approx(plan.total_short_t)
    assert short(store.set_to, "set") == pytest.approx(
        plan.total_short_t - (store.shortfall_removed_t or 0.0)
    )


def test_every_capacity_claim_sets_capacity_plus_extra(planned: tuple[Plan, Scenario]) -> None:
    """Links and stores: capacity + extra; a supply or an outage: no one scenario figure."""
    for b in planned[0].bottlenecks:
        if b.kind in (ResourceKind.SUPPLY, ResourceKind.OUTAGE) or b.suggested_extra is None:
            assert b.set_to is None
        else:
            assert b.set_to == pytest.approx((b.capacity or 0.0) + b.suggested_extra)


def test_the_files_give_set_to_last(planned: tuple[Plan, Scenario], tmp_path: Path) -> None:
    """bottlenecks.csv's last column, plan.json's record and the summary rows; read back equal."""
    plan, scenario = planned
    write_plan(tmp_path / "out", scenario, plan)
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.DictReader(lines)
    assert reader.fieldnames is not None
    assert reader.fieldnames[-1] == "set_to"
    cells = {(r["kind"], r["resource"]): r["set_to"] for r in reader}
    assert cells[("storage", "w")] == "60"
    data = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert [b["set_to"] for b in data["bottlenecks"]] == [b.set_to for b in plan.bottlenecks]
    assert [r["set_to"] for r in bottleneck_rows(plan)] == [b.set_to for b in plan.bottlenecks]
    assert read_plan(tmp_path / "out" / "plan.json") == plan
