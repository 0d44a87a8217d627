"""A storage_t at a unit's camp bounds the place's store only, and both checks say so.

An analyst's camp U of storage_t 0, its unit holding 8 t there on C+3 (its only rail link
closed C+3–C+4), validated OK and planned without a word.
"""

from __future__ import annotations

from pathlib import Path

from scenario_files import UNITS, scenario_from_files

from supplyline.domain import Demand, Scenario, check_scenario
from supplyline.planning import plan_movements
from supplyline.planning.camp_stock import units_beyond_storage

FOOD = (
    "{id: food, name: food, supply_class: general, priority: 1, demand_unit: kg, "
    "per_person_per_day: 1}"
)


def _camp(tmp_path: Path, storage: str) -> tuple[Scenario, Demand]:
    """The analyst's camp: 2 t/day eaten, 2 days of supply, the link closed C+3–C+4."""
    return scenario_from_files(
        tmp_path / "camp_storage",
        days=6,
        commodity=FOOD,
        links="c1,D,U,rail,1435,50,1,,10,,1,,false,3-4\n",
        locations=f"D,D,home,depot,50,10,,,0\nU,U,home,unit_area,50.2,10.5,,{storage},0\n",
        units="u,u,home,U,U,2000,0,0,0,2,0\n",
        stocks="D,food,100,0,home\n",
        units_header=UNITS.rstrip("\n") + ",on_hand_days\n",
    )


def test_validate_warns_of_a_storage_t_at_a_units_destination(tmp_path: Path) -> None:
    """The warning is on U's storage_t and names the unit there."""
    scenario, _ = _camp(tmp_path, "0")
    (warning,) = [f for f in check_scenario(scenario) if f.field == "storage_t"]
    assert (warning.entity, warning.entity_id) == ("location", "U")
    assert "'u'" in warning.message
    assert "not counted against storage_t" in warning.message


def test_no_warning_where_the_camp_has_no_storage_t(tmp_path: Path) -> None:
    """An empty storage_t (no limit) says nothing, nor does the plan."""
    scenario, demand = _camp(tmp_path, "")
    assert not [f for f in check_scenario(scenario) if f.field == "storage_t"]
    assert units_beyond_storage(plan_movements(scenario, demand), scenario) == ()


def test_above_0_validate_is_quiet_and_the_plan_says_the_days(tmp_path: Path) -> None:
    """storage_t 5: validate says nothing; the plan names C+3–C+4 (8 t, then 6 t held)."""
    scenario, demand = _camp(tmp_path, "5")
    assert not [f for f in check_scenario(scenario) if f.field == "storage_t"]
    (said,) = units_beyond_storage(plan_movements(scenario, demand), scenario)
    assert said.startswith(
        "warning: on C+3–C+4 the units' stock together with the store's at 'U' is more than "
        "its storage_t of 5"
    )
    assert "8 t in the units' hands and 0 t in the store on C+3, the most" in said


def test_the_plan_warns_of_the_days_and_tonnes_beyond_storage_t(tmp_path: Path) -> None:
    """Every day the unit holds stock at U is said, and the most it holds (C+3's 8 t)."""
    scenario, demand = _camp(tmp_path, "0")
    plan = plan_movements(scenario, demand)
    held = {s.day: s.tonnes for s in plan.stocks if s.location == "U" and s.unit == "u"}
    assert max(held.values()) == 8.0  # the case as the analyst found it
    (said,) = units_beyond_storage(plan, scenario)
    assert said.startswith(
        "warning: on C+1–C+5 the units' stock together with the store's at 'U' is more than"
    )
    assert "8 t in the units' hands and 0 t in the store on C+3, the most" in said


def _depot_with_a_unit(tmp_path: Path, on_hand_t: str) -> tuple[Scenario, Demand]:
    """The tester's depot A: storage_t 200, food on hand, a unit of 100 people in place there."""
    return scenario_from_files(
        tmp_path / f"depot_{on_hand_t}",
        days=3,
        commodity=FOOD,
        links="r,A,B,road,,20,1,,,,1,,true,\n",
        locations="A,A,home,depot,45,20,,200,0\nB,B,home,depot,45.1,20.1,,,0\n",
        units="u,u,home,A,A,100,0,0,0,3,3\n",
        stocks=f"A,food,{on_hand_t},0,home\n",
        units_header=UNITS.rstrip("\n") + ",on_hand_days\n",
    )


def test_a_store_over_storage_t_alone_does_not_blame_the_units(tmp_path: Path) -> None:
    """1,000 t on hand under storage_t 200 (load warns of it): no word of the units' 0.3 t.

    The tester's case had read "the units at 'A' hold more than its storage_t of 200 t …:
    0.6 t in the units' hands and 1,000 t in the store".
    """
    scenario, demand = _depot_with_a_unit(tmp_path, "1000")
    plan = plan_movements(scenario, demand)
    held = [s.tonnes for s in plan.stocks if s.location == "A" and s.unit == "u"]
    assert 0 < max(held) < 1  # the units hold almost nothing
    assert units_beyond_storage(plan, scenario) == ()


def test_the_units_stock_with_a_store_within_storage_t_is_said_together(tmp_path: Path) -> None:
    """199.9 t on hand (within 200) and the unit's 0.3 t: the two together are over, said so."""
    scenario, demand = _depot_with_a_unit(tmp_path, "199.9")
    (said,) = units_beyond_storage(plan_movements(scenario, demand), scenario)
    assert "the units' stock together with the store's at 'A' is more than its storage_t" in said
    assert "the units at" not in said
