"""Whether a scenario's demand stays within what a plan can count, said of the unit's row.

The loader bounds each number alone (up to 10,000,000 people, 1,000,000 of a unit a person
a day, 25 kg a litre, 365 days of supply); together they allow 1e15 t a day. The planner
refuses a demand past :data:`~supplyline.domain.demand.MAX_TONNES`, but it named only
"demand: buildup_t" with no file or line: a scenario that validated failed at ``plan``
(found by the property test that opens and plans random valid scenarios).
"""

from __future__ import annotations

import numpy as np

from supplyline.domain import FactorTable, Finding, Scenario
from supplyline.domain.demand import MAX_TONNES
from supplyline.errors import Severity
from supplyline.requirements.compute import activity_matrix, daily_parts_kg

__all__ = ["demand_beyond_counting"]


def demand_beyond_counting(scenario: Scenario, factors: FactorTable) -> list[Finding]:
    """An error for each unit whose daily need or days-of-supply target could pass MAX_TONNES.

    Bounds, not the demand itself (no days are worked out): each unit's busiest day, and
    its ``days_of_supply`` of that day. The first commodity past the bound is named.

    >>> from supplyline.planning.examples import late_unit
    >>> scenario, _ = late_unit(transit_days=1)
    >>> from supplyline.io.factors import factors_for
    >>> demand_beyond_counting(scenario, factors_for({}))
    []
    """
    if not scenario.units or not scenario.commodities or scenario.horizon_days < 1:
        return []
    keys = [
        *(r for c in scenario.commodities for r in (c.per_person_per_day, c.per_vehicle_per_day)),
        *(v.fuel_l_per_100km for v in scenario.vehicle_classes),
    ]
    if any(isinstance(k, str) and k not in factors for k in keys):
        return []  # the loader names each unknown factor key, with its line
    flat, scaled = daily_parts_kg(scenario, factors)
    busiest = activity_matrix(scenario).max(axis=1)
    peak_t = (flat + scaled * np.maximum(busiest, 0.0)[:, None]) / 1000.0  # [unit, commodity]
    dos = np.array([max(u.days_of_supply, u.on_hand_days or 0.0) for u in scenario.units])
    held_t = peak_t * np.ceil(dos)[:, None]
    found: list[Finding] = []
    for u, unit in enumerate(scenario.units):
        over = np.flatnonzero((peak_t[u] > MAX_TONNES) | (held_t[u] > MAX_TONNES))
        if over.size == 0:
            continue
        c = int(over[0])
        what = (
            f"{peak_t[u, c]:.3g} t of {scenario.commodities[c].id!r} a day"
            if peak_t[u, c] > MAX_TONNES
            else f"{held_t[u, c]:.3g} t of {scenario.commodities[c].id!r} held "
            f"({dos[u]:g} days of supply of {peak_t[u, c]:.3g} t a day)"
        )
        found.append(
            Finding(
                entity="unit",
                entity_id=unit.id,
                field="personnel",
                severity=Severity.ERROR,
                message=f"unit {unit.id!r} would need up to {what}, more than the "
                f"{MAX_TONNES:.0e} t a plan can count: check its personnel, vehicles and "
                "days_of_supply, and the commodity's rate and its unit (kg, L or t)",
            )
        )
    return found
