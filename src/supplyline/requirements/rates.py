"""Resolving a scenario's consumption rates against the planning factors in force.

A rate in the scenario is a number or a factor key; here both become numbers, and we
remember which factors were used so that a requirements report can cite its sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import Commodity, FactorTable, Rate, Scenario, VehicleClass
from supplyline.errors import Issue, ScenarioError

__all__ = ["ResolvedRates", "resolve_rates"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedRates:
    """Every rate of a scenario as numbers, in kilograms per day.

    ``per_person_kg[c]`` and ``per_vehicle_kg[c]`` are per commodity; ``fuel_kg[c, k]`` is what
    one vehicle of class ``k`` burns of commodity ``c`` on a normal day (zero unless ``c`` is a
    vehicle-fuel commodity). ``scaled[c]`` says whether the personal part follows activity.
    """

    per_person_kg: FloatArray
    per_vehicle_kg: FloatArray
    fuel_kg: FloatArray
    scaled: npt.NDArray[np.bool_]
    factors_used: tuple[str, ...]


def _value(
    rate: Rate | None, factors: FactorTable, used: set[str], where: str, problems: list[Issue]
) -> float:
    if rate is None:
        return 0.0
    if isinstance(rate, str):
        if rate not in factors:
            problems.append(
                Issue(
                    file="scenario.yaml",
                    column=where,
                    message=f"unknown planning factor {rate!r} (see `supplyline "
                    "factors` for the keys, or give a number)",
                )
            )
            return 0.0
        used.add(rate)
        return factors.value(rate)
    return float(rate)


def _fuel_row(
    com: Commodity,
    classes: Iterable[VehicleClass],
    factors: FactorTable,
    used: set[str],
    problems: list[Issue],
) -> list[float]:
    """Kilograms a day one vehicle of each class burns of ``com``: its litres × kg a litre.

    The litres are km/day × L/100 km ÷ 100 whatever the commodity; they weigh its mass of a
    litre, which only a commodity counted in L has (a ``Commodity`` refuses vehicle fuel in
    kg or t: multiplied by a kg's 1 or a t's 1,000, 1,000 L of diesel had weighed 1 t or
    1,000 t for 0.84 t).
    """
    if not com.vehicle_fuel:
        return [0.0 for _ in classes]
    kg_per_litre = com.kg_per_unit  # a litre's mass: vehicle fuel is counted in L
    row = []
    for cls in classes:
        l_per_100km = _value(
            cls.fuel_l_per_100km,
            factors,
            used,
            f"vehicle_classes.{cls.id}.fuel_l_per_100km",
            problems,
        )
        row.append(cls.km_per_day * l_per_100km / 100.0 * kg_per_litre)
    return row


def resolve_rates(scenario: Scenario, factors: FactorTable) -> ResolvedRates:
    """Turn every rate into kg/day, or raise one ScenarioError naming every unknown factor."""
    used: set[str] = set()
    problems: list[Issue] = []
    person, vehicle, fuel = [], [], []
    for com in scenario.commodities:
        where = f"commodities.{com.id}"
        kg = com.kg_per_unit
        person.append(
            _value(com.per_person_per_day, factors, used, f"{where}.per_person_per_day", problems)
            * kg
        )
        vehicle.append(
            _value(com.per_vehicle_per_day, factors, used, f"{where}.per_vehicle_per_day", problems)
            * kg
        )
        fuel.append(_fuel_row(com, scenario.vehicle_classes, factors, used, problems))
    if problems:
        raise ScenarioError(problems, summary=f"{len(problems)} unknown planning factor(s)")
    n_c, n_k = len(scenario.commodities), len(scenario.vehicle_classes)
    return ResolvedRates(
        per_person_kg=np.asarray(person, dtype=np.float64).reshape(n_c),
        per_vehicle_kg=np.asarray(vehicle, dtype=np.float64).reshape(n_c),
        fuel_kg=np.asarray(fuel, dtype=np.float64).reshape(n_c, n_k),
        scaled=np.array([c.activity_scaled for c in scenario.commodities], dtype=bool),
        factors_used=tuple(sorted(used)),
    )
