"""Goods may not turn back on the road they came by the day they are usable (no rolling storage).

The hand case (a tester's): port ``P`` makes 10 t of food a day and stores nothing; roads
``P-W`` and ``W-C`` take a day; warehouse ``W`` stores 15 t, camp ``C`` nothing; a unit at
``C`` eats 20 t a day from C+6, horizon 10 days. Food made C+4–C+7 reaches ``C`` on
C+6–C+9 (40 t); of the 40 t made C+0–C+3 only the 15 t ``W`` can keep arrive later, so
80 − 55 = 25 t fall short. Driving food ``W → C → W`` (or ``W → P → W``) and back each
day kept 25 t more "stored" on the road, and the plan said 0 t short.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import highspy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rolling_storage_cases import FOOD, place, rolling, turn_backs

from supplyline.domain import Demand, Link, Mode, Partner, ResourceKind, Scenario, Stock, Unit
from supplyline.planning import plan_movements, write_mps
from supplyline.planning.examples import make_demand


@pytest.mark.parametrize(
    ("port_two_way", "camp_two_way"),
    [(True, True), (True, False), (False, False)],
    ids=["D-both-two-way", "D1-camp-one-way", "D2-both-one-way"],
)
def test_rolling_storage_is_as_short_as_by_hand(port_two_way: bool, camp_two_way: bool) -> None:
    """Two-way roads do not stand in for the warehouse's storage: 25 t short, as by hand."""
    plan = plan_movements(*rolling(port_two_way=port_two_way, camp_two_way=camp_two_way))
    assert plan.total_short_t == pytest.approx(25.0, abs=1e-6)


@pytest.mark.parametrize("camp_two_way", [True, False])
def test_rolling_storage_plan_turns_nothing_back(camp_two_way: bool) -> None:
    """No food goes back over the road it came by on the day it could be used."""
    scenario, demand = rolling(port_two_way=True, camp_two_way=camp_two_way)
    assert turn_backs(scenario, plan_movements(scenario, demand)) == []


def test_bottleneck_report_names_the_warehouse_storage() -> None:
    """W's 15 t store is what limits the food: its extra removes the 25 t of shortfall."""
    plan = plan_movements(*rolling(port_two_way=True, camp_two_way=True))
    stores = [b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE and b.resource == "W"]
    assert len(stores) == 1
    assert stores[0].shortfall_removed_t == pytest.approx(25.0, abs=1e-6)


@st.composite
def two_way_networks(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    """A source that stores nothing, small stores, two-way roads and a unit fed late."""
    n = draw(st.integers(3, 5))
    days = draw(st.integers(5, 9))
    places = tuple(
        place(
            f"L{i}",
            float(i),
            0.0 if i == 0 else draw(st.sampled_from([0.0, 3.0, 8.0, None])),
            dwell=draw(st.integers(0, 1)),
        )
        for i in range(n)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=2,
            max_size=6,
        )
    )
    links = tuple(
        Link(
            id=f"K{j}",
            origin=f"L{a}",
            destination=f"L{b}",
            mode=Mode.ROAD,
            distance_km=10,
            transit_days=draw(st.integers(0, 2)),
            capacity_t_per_day=draw(st.sampled_from([None, 5.0, 20.0])),
            cost_per_t=draw(st.sampled_from([0.0, 1.0, 3.0])),
            bidirectional=draw(st.booleans()) or j == 0,
        )
        for j, (a, b) in enumerate(pairs)
    )
    camp = draw(st.integers(1, n - 1))
    scenario = Scenario(
        name="two-way",
        start_date=dt.date(2026, 1, 1),
        horizon_days=days,
        partners=(Partner(id="A", name="A"),),
        commodities=(FOOD,),
        locations=places,
        links=links,
        units=(
            Unit(
                id="U",
                name="U",
                partner="A",
                home=f"L{camp}",
                destination=f"L{camp}",
                personnel=100,
                required_day=draw(st.integers(2, days - 1)),
            ),
        ),
        stocks=(
            Stock(
                location="L0",
                commodity="food",
                initial_t=draw(st.sampled_from([0.0, 6.0])),
                replenishment_t_per_day=draw(st.sampled_from([2.0, 10.0])),
            ),
        ),
    )
    return scenario, make_demand(scenario, {("U", "food"): draw(st.sampled_from([4.0, 15.0]))})


def _examples(n: int) -> settings:
    """Hypothesis's settings for ``n`` random networks, each a plan (slow for its deadline)."""
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@_examples(60)
@given(two_way_networks())
def test_no_plan_turns_goods_back(case: tuple[Scenario, Demand]) -> None:
    """On random networks of two-way roads and small stores, no plan has a turn-back."""
    scenario, demand = case
    assert turn_backs(scenario, plan_movements(scenario, demand)) == []


def _mps_optimum(path: Path) -> float:
    """The optimum HiGHS finds for the model file at ``path``, read as another solver would."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.run()
    assert h.modelStatusToString(h.getModelStatus()) == "Optimal"
    return float(h.getInfo().objective_function_value)


def _warehouse_and_camp() -> tuple[Scenario, Demand]:
    """A tester's scenario E: a port's 100 t over a road closed from C+3, a 15 t store, a camp.

    The rolling-storage network with the port's road one-way and closed C+3–C+9: of its
    food only the 15 t ``W`` keeps reach the camp, whose unit eats 10 t a day from C+6,
    so 25 t fall short. The solve finds the turn-back rows it needs; the plan's MPS file
    without them solved to nothing short, food driven W → C and back to keep it moving.
    """
    scenario, _ = rolling(port_two_way=False, camp_two_way=True)
    port, warehouse, camp = scenario.locations
    port_road, camp_road = scenario.links
    scenario = dataclasses.replace(
        scenario,
        locations=(dataclasses.replace(port, storage_t=None), warehouse, camp),
        links=(dataclasses.replace(port_road, outage_days=frozenset(range(3, 10))), camp_road),
        stocks=(Stock(location="P", commodity="food", initial_t=100.0),),
    )
    return scenario, make_demand(scenario, {("U", "food"): 10.0})


def test_the_model_file_solves_to_the_plans_objective(tmp_path: Path) -> None:
    """The MPS file holds every turn-back row: reloaded, it solves to the plan (it read 170)."""
    scenario, demand = _warehouse_and_camp()
    plan = plan_movements(scenario, demand, mps_path=tmp_path / "e.mps")
    assert plan.total_short_t == pytest.approx(25.0, abs=1e-6)
    assert _mps_optimum(tmp_path / "e.mps") == pytest.approx(plan.objective, rel=1e-6)
    lines = (tmp_path / "e.mps").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("* the last 12 rows (turn_back|…)")
    assert " L  turn_back|food|W>C|d3" in lines


def test_write_mps_alone_writes_the_rule_too(tmp_path: Path) -> None:
    """``write_mps`` (no solve) writes the same model as ``plan --mps``: rows and all."""
    scenario, demand = rolling(port_two_way=True, camp_two_way=True)
    write_mps(scenario, demand, tmp_path / "d.mps")
    plan = plan_movements(scenario, demand)
    assert _mps_optimum(tmp_path / "d.mps") == pytest.approx(plan.objective, rel=1e-6)


@_examples(15)
@given(two_way_networks())
def test_random_model_files_solve_to_their_plans(case: tuple[Scenario, Demand]) -> None:
    """On random networks of two-way roads, the MPS file's optimum is the plan's objective."""
    scenario, demand = case
    with tempfile.TemporaryDirectory() as tmp:
        plan = plan_movements(scenario, demand, mps_path=Path(tmp) / "m.mps")
        assert _mps_optimum(Path(tmp) / "m.mps") == pytest.approx(plan.objective, rel=1e-6)
