"""Requirements against figures worked by hand, and invariants that hold for any scenario."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import (
    ActivityPeriod,
    Commodity,
    DemandUnit,
    FactorTable,
    Location,
    LocationKind,
    Partner,
    PlanningFactor,
    Scenario,
    SupplyClass,
    Unit,
    VehicleClass,
)
from supplyline.errors import ScenarioError
from supplyline.requirements import compute_requirements, grand_totals, totals_by_commodity

FACTORS = FactorTable(
    {
        "food.kg": PlanningFactor(key="food.kg", value=2.0, unit="kg/person/day"),
        "truck.l100": PlanningFactor(key="truck.l100", value=30.0, unit="L/100km"),
    }
)


def _scenario(*, units: tuple[Unit, ...], horizon: int = 10) -> Scenario:
    return Scenario(
        name="hand",
        start_date=dt.date(2027, 3, 1),
        horizon_days=horizon,
        partners=(Partner(id="a", name="A"),),
        commodities=(
            Commodity(
                id="food", name="Food", supply_class=SupplyClass.FOOD, per_person_per_day="food.kg"
            ),
            Commodity(
                id="water",
                name="Water",
                supply_class=SupplyClass.WATER,
                demand_unit=DemandUnit.L,
                per_person_per_day=10.0,
                activity_scaled=True,
            ),
            Commodity(
                id="fuel",
                name="Diesel",
                supply_class=SupplyClass.FUEL,
                demand_unit=DemandUnit.L,
                kg_per_demand_unit=0.84,
                vehicle_fuel=True,
            ),
            Commodity(
                id="parts",
                name="Spares",
                supply_class=SupplyClass.SPARE_PARTS,
                per_vehicle_per_day=5.0,
            ),
        ),
        vehicle_classes=(
            VehicleClass(id="truck", name="Truck", fuel_l_per_100km="truck.l100", km_per_day=100),
        ),
        locations=(
            Location(id="x", name="X", partner="a", kind=LocationKind.UNIT_AREA, lat=0, lon=0),
        ),
        units=units,
    )


def _unit(**kw: object) -> Unit:
    base: dict[str, object] = dict(
        id="u1",
        name="U1",
        partner="a",
        home="x",
        destination="x",
        personnel=100,
        vehicles={"truck": 10},
        required_day=2,
    )
    base.update(kw)
    return Unit(**base)  # type: ignore[arg-type]


def test_hand_worked_daily_figures() -> None:
    """100 people and 10 trucks, normal activity: food 0.2, water 1, fuel 0.252, parts 0.05 t."""
    demand = compute_requirements(_scenario(units=(_unit(),)), FACTORS)
    day = demand.consumption_t[0, :, 5]
    # food 100×2 kg; water 100×10 L×1 kg/L; fuel 10×100 km×30 L/100km×0.84; parts 10×5 kg
    assert day == pytest.approx([0.2, 1.0, 0.252, 0.05])


def test_nothing_is_consumed_before_the_required_day() -> None:
    """A unit due on day 2 consumes nothing on days 0 and 1."""
    demand = compute_requirements(_scenario(units=(_unit(),)), FACTORS)
    assert demand.consumption_t[0, :, :2].sum() == 0.0
    assert demand.consumption_t[0, :, 2].sum() > 0.0


def test_activity_scales_vehicles_and_flagged_rates_only() -> None:
    """At 'high' (1.5) fuel, parts and the activity-scaled water rise by half; food does not."""
    unit = _unit(activity=(ActivityPeriod(start_day=4, level="high"),))
    demand = compute_requirements(_scenario(units=(unit,)), FACTORS)
    assert demand.consumption_t[0, :, 6] == pytest.approx([0.2, 1.5, 0.378, 0.075])
    assert demand.consumption_t[0, :, 3] == pytest.approx([0.2, 1.0, 0.252, 0.05])


def test_buildup_brings_days_of_supply_on_arrival() -> None:
    """Three days of supply at a constant rate is three days' consumption, on the arrival day."""
    demand = compute_requirements(_scenario(units=(_unit(days_of_supply=3.0),)), FACTORS)
    assert demand.buildup_t[0, :, 2] == pytest.approx(3 * np.array([0.2, 1.0, 0.252, 0.05]))
    assert demand.buildup_t[0].sum() == pytest.approx(3 * 1.502)


def test_buildup_follows_the_activity_of_the_days_it_covers() -> None:
    """Stock for two days, one normal and one at 'surge' (2.0), holds 1× + 2× the scaled parts."""
    unit = _unit(
        required_day=2, days_of_supply=2.0, activity=(ActivityPeriod(start_day=3, level="surge"),)
    )
    demand = compute_requirements(_scenario(units=(unit,)), FACTORS)
    # mean over days 2 (normal) and 3 (surge) is 1.5×; two days → 3× scaled, 2× flat
    assert demand.buildup_t[0, :, 2] == pytest.approx([0.4, 3.0, 0.756, 0.15])


def test_unknown_factor_is_a_scenario_error_naming_it() -> None:
    """A rate naming a factor that does not exist is the user's mistake, reported by key."""
    with pytest.raises(ScenarioError, match=r"unknown planning factor .food\.kg."):
        compute_requirements(_scenario(units=(_unit(),)), FactorTable({}))


def test_totals_by_commodity_sum_the_arrays() -> None:
    """The commodity summary's totals are the sums of consumption and build-up."""
    demand = compute_requirements(_scenario(units=(_unit(days_of_supply=1.0),)), FACTORS)
    rows = {r["commodity"]: r for r in totals_by_commodity(demand)}
    assert rows["food"]["total_t"] == pytest.approx(0.2 * 8 + 0.2)


def test_a_plateau_peaks_on_its_first_day_whatever_the_rounding_noise() -> None:
    """A tester's food, 21.645 t every day from C+3, peaked on C+12 by noise below a gram."""
    demand = compute_requirements(_scenario(units=(_unit(),)), FACTORS)
    flat = np.zeros_like(demand.consumption_t)
    flat[0, 0, 3:] = 21.645
    flat[0, 0, 7] += 3e-12  # what summing in another order leaves
    (row, *_) = totals_by_commodity(demand, flat)
    assert (row["peak_day"], row["peak_t"]) == ("C+3", 21.645)


def test_the_target_follows_the_rate_of_the_days_ahead() -> None:
    """A planner's 3 days of fuel, set at a quiet rate, were 0.83 days at the exercise rate.

    Water (activity-scaled, 1 t/day at normal) for 2 days: normal from C+2, high (1.5)
    from C+6, low (0.5) from C+8. Each day's target is 2 × the mean of that day and the
    next (the last day alone); the build-up is its change, negative as it falls.
    """
    unit = _unit(
        days_of_supply=2.0,
        activity=(
            ActivityPeriod(start_day=6, level="high"),
            ActivityPeriod(start_day=8, level="low"),
        ),
    )
    demand = compute_requirements(_scenario(units=(unit,)), FACTORS)
    water = demand.target_t[0, 1]
    # 2 days ahead: 2, 2, 2, 2.5, 3, 2, 1, 1 from C+2; but it falls by at most what the
    # unit eats that day (1.5 on C+7, 0.5 on C+8): 3 → 2 → 1.5 → 1
    assert water == pytest.approx([0, 0, 2, 2, 2, 2.5, 3, 2, 1.5, 1])
    assert demand.buildup_t[0, 1] == pytest.approx([0, 0, 2, 0, 0, 0.5, 0.5, -1, -0.5, -0.5])
    assert (demand.total_t >= -1e-12).all()  # a unit cannot hand stock back
    # food does not follow activity: its whole target comes on arrival, nothing after
    assert np.count_nonzero(demand.buildup_t[0, 0]) == 1
    assert demand.buildup_t[0, 0, 2] == pytest.approx(0.4)


@given(
    activity=st.lists(
        st.tuples(st.integers(0, 9), st.sampled_from(["none", "low", "high", "surge"])),
        max_size=4,
        unique_by=lambda p: p[0],
    ),
    required=st.integers(0, 9),
    dos=st.floats(0.5, 12),
)
@settings(max_examples=60, deadline=None)
def test_every_target_is_days_of_supply_at_the_mean_rate_ahead(
    activity: list[tuple[int, str]], required: int, dos: float
) -> None:
    """Each day's target: days of supply at the mean rate ahead, or more, what is left.

    What is left of the day before after the day's consumption, if that is more; never
    negative, and no day's requirement is below zero.
    """
    periods = tuple(ActivityPeriod(start_day=d, level=lv) for d, lv in sorted(activity))
    unit = _unit(required_day=required, days_of_supply=dos, activity=periods)
    demand = compute_requirements(_scenario(units=(unit,)), FACTORS)
    target, use, n_d = demand.target_t[0], demand.consumption_t[0], demand.horizon_days
    assert (target >= -1e-12).all()
    assert (demand.total_t >= -1e-9).all()
    assert np.abs(target[:, :required]).max(initial=0.0) == 0.0
    for day in range(required, n_d):
        span = min(int(np.ceil(dos)), n_d - day)
        ahead = use[:, day : day + span].mean(axis=1) * dos
        left = target[:, day - 1] - use[:, day] if day > required else ahead
        assert target[:, day] == pytest.approx(np.maximum(ahead, left), rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    people=st.lists(st.integers(0, 5000), min_size=1, max_size=6),
    trucks=st.integers(0, 200),
    required=st.integers(0, 9),
    dos=st.floats(0, 15),
)
def test_requirements_are_nonnegative_and_linear_in_personnel(
    people: list[int], trucks: int, required: int, dos: float
) -> None:
    """Demand is never negative, and doubling everyone's personnel doubles the personal part."""
    units = tuple(
        _unit(
            id=f"u{i}",
            personnel=p,
            vehicles={"truck": trucks},
            required_day=required,
            days_of_supply=dos,
        )
        for i, p in enumerate(people)
    )
    demand = compute_requirements(_scenario(units=units), FACTORS)
    assert (demand.total_t >= 0).all()
    doubled = tuple(
        _unit(id=f"u{i}", personnel=2 * p, vehicles={}, required_day=required)
        for i, p in enumerate(people)
    )
    single = tuple(
        _unit(id=f"u{i}", personnel=p, vehicles={}, required_day=required)
        for i, p in enumerate(people)
    )
    d2 = compute_requirements(_scenario(units=doubled), FACTORS).consumption_t
    d1 = compute_requirements(_scenario(units=single), FACTORS).consumption_t
    assert d2 == pytest.approx(2 * d1)


def test_a_rate_in_tonnes_counts_tonnes() -> None:
    """A tester's 0.1 t of food a person a day came out as 0.1 kg: a t counted as a kg."""
    scenario = _scenario(units=(_unit(),))
    food = Commodity(
        id="food",
        name="Food",
        supply_class=SupplyClass.FOOD,
        demand_unit=DemandUnit.T,
        per_person_per_day=0.1,
    )
    scenario = dataclasses.replace(scenario, commodities=(food, *scenario.commodities[1:]))
    demand = compute_requirements(scenario, FACTORS)
    assert demand.consumption_t[0, 0, 5] == pytest.approx(10.0)  # 100 people × 0.1 t


@pytest.mark.parametrize(("unit", "kg"), [(DemandUnit.T, 1.0), (DemandUnit.KG, 0.84)])
def test_a_mass_given_beside_a_unit_of_mass_must_agree_with_it(unit: DemandUnit, kg: float) -> None:
    with pytest.raises(ValueError, match="contradicts demand_unit"):
        Commodity(
            id="c", name="C", supply_class=SupplyClass.FOOD, demand_unit=unit, kg_per_demand_unit=kg
        )
    same = Commodity(
        id="c",
        name="C",
        supply_class=SupplyClass.FOOD,
        demand_unit=unit,
        kg_per_demand_unit=1000.0 if unit is DemandUnit.T else 1.0,
    )
    assert same.kg_per_unit == (1000.0 if unit is DemandUnit.T else 1.0)


def test_the_grand_totals_tell_the_build_up_units_in_place_hold_apart() -> None:
    """A planner met three demand totals; the build-up of units in place is never delivered."""
    scenario = _scenario(units=(_unit(days_of_supply=3), _unit(id="u2", days_of_supply=2)))
    demand = compute_requirements(scenario, FACTORS)
    t = grand_totals(scenario, demand)
    assert t["total_t"] == pytest.approx(t["consumption_t"] + t["buildup_t"])
    assert t["buildup_t"] > 0
    assert t["on_hand_t"] == pytest.approx(t["buildup_t"])  # both in place, steady rates
