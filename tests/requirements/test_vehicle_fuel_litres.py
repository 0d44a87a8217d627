"""Vehicle fuel is litres, weighed by the fuel's kg a litre, whatever unit could be chosen.

A tester's ten trucks, 200 km a day at 50 L/100 km, burn 1,000 L of diesel a day: 0.84 t.
Counted in L with 0.84 kg a litre it read 0.84 t; counted in kg, 1 t (a kilogram a litre,
and 0.84 refused beside kg); counted in t, 1,000 t, and ``validate`` said nothing. The
litres were multiplied by the commodity's kilograms per demand unit. Now vehicle fuel in
kg or t is an error at its line, as no density weighs its litres there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain import Commodity, DemandUnit, SupplyClass
from supplyline.domain.commodities import FUEL_KG_PER_LITRE
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario
from supplyline.services.scenarios import assess_requirements

SCENARIO = """\
name: vehicle fuel units
start_date: 2025-01-01
horizon_days: 1
partners: [{id: p1}]
commodities:
  - {id: diesel, supply_class: fuel, demand_unit: UNIT, vehicle_fuel: true}
vehicle_classes:
  - {id: truck, fuel_l_per_100km: 50, km_per_day: 200}
"""
FILES = {
    "locations.csv": "id,name,partner,kind,lat,lon\nb,B,p1,unit_area,50,10\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days\n",
    "units.csv": "id,partner,home,destination,personnel,vehicles_truck\nu1,p1,b,b,0,10\n",
}


def _folder(tmp_path: Path, unit: str) -> Path:
    for name, text in {"scenario.yaml": SCENARIO.replace("UNIT", unit), **FILES}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("unit", "tonnes"),
    [
        ("L, kg_per_demand_unit: 0.84", 0.84),  # 10 × 200 km × 50 L/100 km = 1,000 L × 0.84
        # no density given: weighed as a fuel, not as water (a warning says so)
        ("L", FUEL_KG_PER_LITRE),
    ],
)
def test_a_day_of_fuel_in_litres_weighs_its_density(
    tmp_path: Path, unit: str, tonnes: float
) -> None:
    """1,000 L a day weigh 1,000 × the kg a litre, in tonnes."""
    demand = assess_requirements(_folder(tmp_path, unit)).demand
    assert demand.consumption_t.shape == (1, 1, 1)
    assert demand.consumption_t[0, 0, 0] == pytest.approx(tonnes, abs=1e-12)


@pytest.mark.parametrize("unit", ["kg", "t"])
def test_vehicle_fuel_in_kg_or_t_is_an_error_at_its_line(tmp_path: Path, unit: str) -> None:
    """Counted in kg it read 1 t, in t 1,000 t: refused at the commodity's line, with the fix."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(_folder(tmp_path, unit))
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.column) == (
        "scenario.yaml",
        6,
        "commodities[0].vehicle_fuel",
    )
    assert f"a commodity counted in {unit} has no mass of a litre" in issue.message
    assert "write demand_unit L with kg_per_demand_unit the fuel's kg a litre" in issue.message


@pytest.mark.parametrize("unit", [DemandUnit.KG, DemandUnit.T])
def test_a_script_cannot_count_vehicle_fuel_in_kg_or_t(unit: DemandUnit) -> None:
    """The Python API refuses it too, in the same words."""
    with pytest.raises(ArgumentError, match=r"^vehicle_fuel\(=true\) burns litres"):
        Commodity(
            id="diesel",
            name="Diesel",
            supply_class=SupplyClass.FUEL,
            demand_unit=unit,
            vehicle_fuel=True,
        )
