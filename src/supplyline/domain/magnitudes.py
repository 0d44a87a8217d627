"""Numbers a thousand times off: rates far from the planning factors, people far from the rest.

A tester's food at 555 kg a person a day (grams typed as kg) and a site of 4,200,000
people passed ``validate`` without a word: each lies inside its documented range, and
the requirements came to 38 million tonnes. These checks only warn (the values may be
meant), naming both numbers and the likely slip.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping

from supplyline.domain.factors import FactorTable
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.errors import Severity

__all__ = ["FAR_FACTOR", "MIN_UNITS_COMPARED", "check_people_sizes", "check_rate_sizes"]

FAR_FACTOR = 20.0
"""How far (×, or 1/×) a value may lie from what it is compared with before a warning.

The published factors of one kind already span about 8× (water from 3 L a person a day
for survival to 56.8 L with showers; food from WFP's 0.555 kg to 4.259 kg of military
rations), and a scenario's sites differ in size by tens (a camp of 500 beside a town of
9,000); 20× beyond the widest of them leaves those alone, while a slip of 1,000 (grams
for kg, a person count with three zeros too many) is 50 times past it."""
MIN_UNITS_COMPARED = 3
"""Units with people needed before one is compared with the median of the others."""

_SLIPS = {
    "kg": ("grams typed as kg?", "tonnes typed as kg?"),
    "L": ("millilitres typed as litres?", "cubic metres typed as litres?"),
    "t": ("kilograms typed as tonnes?", "a slip of 1,000?"),
    "L/100km": ("a slip of 1,000?", "a slip of 1,000?"),
}


def _ratio_words(ratio: float) -> str:
    """``1,000×`` or ``1/1,000 of``: how a value stands to what it is compared with.

    A value so far off that the ratio under- or overflows (a subnormal override such as
    5e-324 against a factor of 800) still gets words, never a division by zero.
    """
    if ratio >= 1:
        return f"{_times(ratio)}×"
    if ratio <= 0 or not math.isfinite(1 / ratio):
        return "a vanishing fraction of"
    return f"1/{_times(1 / ratio)} of"


def _times(x: float) -> str:
    """A factor in words: ``1,000``, powers of ten past a quadrillion, ``beyond 1e308``."""
    if not math.isfinite(x):
        return "beyond 1e308"
    return f"{x:,.0f}" if x < 1e15 else f"{x:.0e}"


def _near_thousand(ratio: float) -> int:
    """+1 when ``ratio`` is about 1,000 (within 2×), -1 when about 1/1,000, else 0."""
    if 500 <= ratio <= 2000:
        return 1
    if 1 / 2000 <= ratio <= 1 / 500:
        return -1
    return 0


def _compare(value: float, unit: str, said: str, kin: Mapping[str, float]) -> str | None:
    """Why ``value`` looks a slip against the factors ``kin`` (key: value), or ``None``.

    It is a slip when above :data:`FAR_FACTOR` × the largest or below the smallest / 20.
    The factor named is the one a slip of 1,000 explains, if one does, else the nearest.
    """
    kin = {k: v for k, v in kin.items() if v > 0}  # a factor of 0 sets no scale
    if not kin or value <= 0:
        return None
    low, high = min(kin.values()), max(kin.values())
    if low / FAR_FACTOR <= value <= high * FAR_FACTOR:
        return None
    by_slip = [k for k, v in kin.items() if _near_thousand(value / v)]
    key = (
        min(by_slip, key=lambda k: abs(math.log10(value / kin[k]) ** 2 - 9))
        if by_slip
        else max(kin, key=kin.__getitem__)
        if value > high
        else min(kin, key=kin.__getitem__)
    )
    ratio = value / kin[key]
    slip = _near_thousand(ratio)
    words = _SLIPS.get(unit, ("a slip of 1,000?", "a slip of 1,000?"))
    why = (words[0] if slip > 0 else words[1]) if slip else "check the number and its unit"
    kind = (
        "the factor"
        if by_slip or len(kin) == 1
        else (
            "the largest factor of its kind,"
            if value > high
            else "the smallest factor of its kind,"
        )
    )
    return f"{said} is {_ratio_words(ratio)} {kind} {key} ({kin[key]:g}): {why}"


def _kin(defaults: FactorTable, prefix: str, unit: str, scale: float = 1.0) -> dict[str, float]:
    """The default factors under ``prefix`` in ``unit`` (spaces aside), times ``scale``."""
    return {
        k: defaults[k].value * scale
        for k in defaults
        if k.startswith(prefix) and defaults[k].unit.replace(" ", "") == unit and defaults[k].value
    }


def check_rate_sizes(
    s: Scenario, defaults: FactorTable, overrides: Mapping[str, float]
) -> list[Finding]:
    """Warn of rates and overrides more than :data:`FAR_FACTOR` times off the factors.

    A commodity's rate given as a number is held to the default factors of its supply
    class in its unit (a ``t`` rate to the ``kg`` ones, / 1,000); a vehicle class's fuel to
    every ``fuel.`` factor in L/100km; an override of a default factor to that factor.
    """
    found: list[Finding] = []
    for com in s.commodities:
        rate = com.per_person_per_day
        if not isinstance(rate, int | float):
            continue
        unit = com.demand_unit.value
        per = "/person/day"
        kin = (
            _kin(defaults, f"{com.supply_class.value}.", f"kg{per}", 1 / 1000)
            if unit == "t"
            else _kin(defaults, f"{com.supply_class.value}.", f"{unit}{per}")
        )
        why = _compare(rate, unit, f"{rate:g} {unit} a person a day", kin)
        if why:
            found.append(_warn("commodity", com.id, "per_person_per_day", why))
    fuel = _kin(defaults, "fuel.", "L/100km")
    for vc in s.vehicle_classes:
        rate = vc.fuel_l_per_100km
        if isinstance(rate, int | float):
            why = _compare(rate, "L/100km", f"{rate:g} L/100km", fuel)
            if why:
                found.append(_warn("vehicle class", vc.id, "fuel_l_per_100km", why))
    for key, value in overrides.items():
        if key in defaults:
            unit = defaults[key].unit
            why = _compare(
                value, unit.split("/")[0], f"{value:g} {unit}", {key: defaults[key].value}
            )
            if why:
                found.append(_warn("planning_factors", "planning_factors", key, why))
    return found


def check_people_sizes(s: Scenario) -> list[Finding]:
    """Warn of a unit whose people are more than :data:`FAR_FACTOR` × the median of the rest.

    Only units with people count, and only with at least :data:`MIN_UNITS_COMPARED` of
    them: two sites cannot say which of them is the odd one.
    """
    people = [(u.id, u.personnel) for u in s.units if u.personnel > 0]
    if len(people) < MIN_UNITS_COMPARED:
        return []
    found: list[Finding] = []
    ordered = sorted(n for _, n in people)
    for uid, n in people:
        median = _median_without(ordered, n)
        if n <= FAR_FACTOR * median:
            continue
        ratio = n / median
        meant = n / 1000  # three zeros too many, if a thousandth would sit among the rest
        among = median / FAR_FACTOR <= meant <= FAR_FACTOR * median
        slip = f" (a slip of 1,000: {meant:,.0f}?)" if among else ""
        found.append(
            _warn(
                "unit",
                uid,
                "personnel",
                f"{n:,} people is {ratio:,.0f}× the median of the scenario's other units "
                f"({median:,.0f}): check the number{slip}",
            )
        )
    return found


def _median_without(ordered: list[int], value: int) -> float:
    """The median of ``ordered`` (sorted) with one ``value`` taken out, as statistics says it.

    Why: a median of the others per unit, each sorted anew, was quadratic: 2,000 units took
    most of ``validate``'s time under a profiler. Taking one occurrence out of the sorted
    whole leaves the same others (equal values are alike), read at the middle index.
    """
    gone = bisect.bisect_left(ordered, value)

    def at(j: int) -> int:  # the j-th of the others
        return ordered[j] if j < gone else ordered[j + 1]

    size = len(ordered) - 1
    if size % 2:
        return at(size // 2)
    return (at(size // 2 - 1) + at(size // 2)) / 2  # as statistics.median


def _warn(entity: str, entity_id: str, field: str, message: str) -> Finding:
    return Finding(
        entity=entity, entity_id=entity_id, field=field, message=message, severity=Severity.WARNING
    )
