"""The "cannot be supplied" warning is for units that consume something, and only those.

A tester's units of 0 people (a lift to move, no one to feed) were each warned
"destination 'C' cannot be supplied: the scenario has no stocks at all".
"""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.domain import (
    Commodity,
    DemandUnit,
    Location,
    LocationKind,
    Partner,
    Scenario,
    SupplyClass,
    Unit,
    VehicleClass,
    check_scenario,
)

FOOD = Commodity(id="food", name="Food", supply_class=SupplyClass.FOOD, per_person_per_day=1.0)
SPARES = Commodity(
    id="spares", name="Spares", supply_class=SupplyClass.SPARE_PARTS, per_vehicle_per_day=0.5
)
FUEL = Commodity(
    id="fuel",
    name="Fuel",
    supply_class=SupplyClass.FUEL,
    demand_unit=DemandUnit.L,
    vehicle_fuel=True,
)
NO_FOOD = Commodity(id="food", name="Food", supply_class=SupplyClass.FOOD, per_person_per_day=0.0)
TRUCK = VehicleClass(id="truck", name="Truck", fuel_l_per_100km=30.0, km_per_day=50.0)


def _supply_warnings(commodities: tuple[Commodity, ...], personnel: int, trucks: int) -> int:
    """How many "cannot be supplied" warnings a scenario with no stocks at all gives."""
    scenario = Scenario(
        name="no stocks",
        start_date=dt.date(2027, 1, 1),
        horizon_days=5,
        partners=(Partner(id="a", name="A"),),
        commodities=commodities,
        vehicle_classes=(TRUCK,),
        locations=(
            Location(id="y", name="Y", partner="a", kind=LocationKind.UNIT_AREA, lat=50, lon=20),
        ),
        units=(
            Unit(
                id="u",
                name="U",
                partner="a",
                home="y",
                destination="y",
                personnel=personnel,
                vehicles={"truck": trucks} if trucks else {},
            ),
        ),
    )
    return sum("cannot be supplied" in f.message for f in check_scenario(scenario))


@pytest.mark.parametrize(
    ("commodities", "personnel", "trucks", "warned"),
    [
        ((FOOD,), 0, 0, 0),  # the tester's: no one to feed
        ((FOOD,), 5, 0, 1),  # five to feed, nothing to feed them from: still warned
        ((FOOD, SPARES), 0, 2, 1),  # no people, but trucks that need spares
        ((FOOD,), 0, 2, 0),  # trucks, but only people eat food
        ((FOOD, FUEL), 0, 1, 1),  # a truck that burns fuel
        ((NO_FOOD,), 5, 0, 0),  # a ration of 0 a person a day: nothing consumed
    ],
    ids=["no-people", "people", "spares-trucks", "food-only-trucks", "fuel-truck", "zero-ration"],
)
def test_warned_only_where_the_unit_consumes_something(
    commodities: tuple[Commodity, ...], personnel: int, trucks: int, warned: int
) -> None:
    """A unit is warned of no supply only where some commodity's rate applies to it."""
    assert _supply_warnings(commodities, personnel, trucks) == warned
