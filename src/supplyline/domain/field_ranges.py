"""The range of every number a scenario's records hold, as the scenario's files take it.

One table for both ways in: the loader (``supplyline.io``) parses each column within its
field's range here, and each record refuses, as it is built, a value outside the same
range in the same words (:mod:`supplyline.domain.record_ranges`). The records had refused
only what cannot be computed with (a negative, a NaN, more than 1e12): a tester's unit
with ``deployment_lift_t=1e11`` planned ("optimal 0.0 1679999925956785.0") although
``units.csv`` takes at most 10,000,000 t, and ``write_scenario`` refused to write it.

The upper bounds are deliberately generous: they catch a unit slip (kg for t, m for km)
or a stray digit, not an unusual operation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from supplyline.errors import ArgumentError

__all__ = [
    "FIELD_RANGES",
    "MAX_DAYS_APART",
    "MAX_DAYS_HELD",
    "MAX_PERSONNEL",
    "MAX_VEHICLES",
    "MIN_PAYLOAD_T",
    "MIN_SPEED_KMH",
    "MIN_VOLUME_M3",
    "SECTION_ENTITIES",
    "VEHICLES_RANGE",
    "FieldRange",
    "exact_text",
    "field_named",
    "number_text",
    "out_of_range",
    "range_hint",
    "whole_hint",
]

MAX_VEHICLES = 100_000
"""The most vehicles of one class a unit, or trucks a fleet group, can count."""
MAX_DAYS_APART = 365
"""The longest transit or dwell, in days (as the files allow)."""
MAX_PERSONNEL = 10_000_000
"""The most people a unit (or a relief site) can count, as the files allow."""
MAX_DAYS_HELD = 365
"""The most days of supply a unit can want or hold (``days_of_supply``, ``on_hand_days``)."""
MIN_PAYLOAD_T = 0.001
"""The least payload a truck may have: 1 kg. The router counts loads in whole kilograms, so a
truck of less carries nothing; one of 5e-324 t made ``routes`` pack 1-gram loads for ever
and the reach check divide into infinity (OverflowError)."""
MIN_VOLUME_M3 = 0.001
"""The least cargo volume a truck may have: 1 litre, as the router counts volume in whole
litres (a van of 0.0004 m³ held nothing, and ``routes`` packed loads for ever)."""
MIN_SPEED_KMH = 1.0
"""The least average road speed: slower than walking is no vehicle's. A speed of 5e-324
km/h made a round trip of infinite hours, refused deep in the reach check with a message
about ``round_trip_h`` that named neither the file nor the column."""


def number_text(x: float) -> str:
    """A bound as the range hints write it: ``10,000,000``, ``0.001``, ``-90``.

    >>> number_text(1e7), number_text(0.001), number_text(-90)
    ('10,000,000', '0.001', '-90')
    """
    if not math.isfinite(x):
        return str(x)
    return f"{x:,.0f}" if abs(x) >= 1000 and x == int(x) else f"{x:g}"


def exact_text(value: float) -> str:
    """A value as it was given, every digit: ``40000.01``, ``100000010.0``, ``10000``.

    A message that rounds the bad value can make it look allowed: a tester's 40000.01 km
    was told "40000 is too large (a number from 0 to 40,000 km)". The loader quotes the
    cell as written; this is the same for a number a script gave.

    >>> exact_text(40000.01), exact_text(100000010.0), exact_text(10000), exact_text(1e11)
    ('40000.01', '100000010.0', '10000', '100000000000.0')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return repr(float(value))


def range_hint(lo: float, hi: float, unit: str = "", *, above_lo: bool = False) -> str:
    """``a number from 0 to 168 h``, or ``more than 0, up to 168 h`` where ``lo`` is refused.

    One wording per column: a tester was told ``'200' is too large (a number from 0 to
    168 h)`` and, on the next row, ``'0' is zero (more than 0, up to 168 h)``.

    >>> range_hint(0, 1e7, "t"), range_hint(0, 168, "h", above_lo=True)
    ('a number from 0 to 10,000,000 t', 'more than 0, up to 168 h')
    """
    unit_txt = f" {unit}" if unit else ""
    if above_lo:
        return f"more than {number_text(lo)}, up to {number_text(hi)}{unit_txt}"
    return f"a number from {number_text(lo)} to {number_text(hi)}{unit_txt}"


def whole_hint(lo: float, hi: float, unit: str = "") -> str:
    """``a whole number from 0 to 365 days``: a count's range, as the loader says it."""
    return f"a whole number from {number_text(lo)} to {number_text(hi)}{' ' + unit if unit else ''}"


@dataclass(frozen=True, slots=True)
class FieldRange:
    """The numbers a field takes: ``lo`` to ``hi`` (``lo`` itself not, with ``above_lo``)."""

    lo: float
    hi: float
    unit: str = ""
    above_lo: bool = False
    whole: bool = False

    @property
    def hint(self) -> str:
        """The range in words, as the loader's messages give it."""
        if self.whole:
            return whole_hint(self.lo, self.hi, self.unit)
        return range_hint(self.lo, self.hi, self.unit, above_lo=self.above_lo)

    def problem(self, value: float) -> str | None:
        """What is wrong with ``value`` in the loader's words, or None when it is in range.

        The value is quoted exactly (:func:`exact_text`), as the loader quotes its cell.

        >>> FieldRange(0, 40_000, "km").problem(40000.01)
        '40000.01 is too large (a number from 0 to 40,000 km)'
        >>> FieldRange(0, 168, "h", above_lo=True).problem(0.0)
        '0.0 is zero (more than 0, up to 168 h)'
        """
        if self.lo < value <= self.hi or (value == self.lo and not self.above_lo):
            return None
        if math.isnan(value):
            return f"{exact_text(value)} is not a number ({self.hint})"
        if value > self.hi:
            what = "too large"
        elif value < 0 and not self.whole:
            what = "negative"
        elif value == 0 and not self.whole:
            what = "zero"
        else:
            what = "negative" if value < 0 else "too small"
        return f"{exact_text(value)} is {what} ({self.hint})"


def _up_to(hi: float, unit: str = "") -> FieldRange:
    return FieldRange(0.0, hi, unit)


def _count(lo: int, hi: int, unit: str = "") -> FieldRange:
    return FieldRange(lo, hi, unit, whole=True)


_DAYS_APART = _count(0, MAX_DAYS_APART, "days")
_DAYS_HELD = FieldRange(0.0, MAX_DAYS_HELD, "days")
_HOUR_OF_DAY = FieldRange(0.0, 24, "h")

FIELD_RANGES: Mapping[str, Mapping[str, FieldRange]] = {
    "location": {
        "lat": FieldRange(-90, 90, "degrees"),
        "lon": FieldRange(-180, 180, "degrees"),
        "handling_t_per_day": _up_to(1e6, "t/day"),
        "handling_pax_per_day": _up_to(1e6, "people/day"),
        "storage_t": _up_to(1e8, "t"),
        "dwell_days": _DAYS_APART,
    },
    "link": {
        "gauge_mm": _count(300, 2000, "mm"),
        "distance_km": _up_to(40_000, "km"),
        "transit_days": _DAYS_APART,
        "capacity_t_per_day": _up_to(1e6, "t/day"),
        "capacity_pax_per_day": _up_to(1e6, "people/day"),
        "cost_per_t": _up_to(1e6, "per t"),
        "cost_per_pax": _up_to(1e6, "per person"),
    },
    "unit": {
        "personnel": _count(0, MAX_PERSONNEL, "people"),
        "deployment_lift_t": _up_to(1e7, "t"),
        "days_of_supply": _DAYS_HELD,
        "receive_open_h": _HOUR_OF_DAY,
        "receive_close_h": _HOUR_OF_DAY,
        "priority": _count(1, 9),
        "on_hand_days": _DAYS_HELD,
    },
    "stock": {
        "initial_t": _up_to(1e9, "t"),
        "replenishment_t_per_day": _up_to(1e7, "t/day"),
    },
    "fleet": {
        "count": _count(0, MAX_VEHICLES, "vehicles"),
        "payload_t": FieldRange(MIN_PAYLOAD_T, 200, "t"),
        "volume_m3": FieldRange(MIN_VOLUME_M3, 1000, "m3"),
        "speed_kmh": FieldRange(MIN_SPEED_KMH, 200, "km/h"),
        "fixed_cost": _up_to(1e9),
        "cost_per_km": _up_to(1e6),
        "max_route_hours": FieldRange(0.0, 168, "h", above_lo=True),
    },
    "commodity": {
        "priority": _count(1, 9),
        "volume_m3_per_t": FieldRange(0.0, 1000, "m3/t", above_lo=True),
        "kg_per_demand_unit": FieldRange(0.0, 1e6, "kg", above_lo=True),
        "per_person_per_day": _up_to(1e6),
        "per_vehicle_per_day": _up_to(1e6),
    },
    "vehicle class": {
        "fuel_l_per_100km": _up_to(10_000, "L/100km"),
        "km_per_day": _up_to(2000, "km/day"),
    },
    "scenario": {"horizon_days": _count(1, 3660, "days")},
    "solver": {
        "time_limit_s": FieldRange(0.001, 1e6, "s"),
        "threads": _count(1, 1024),
    },
    "routing": {
        "detour_factor": FieldRange(1.0, 10.0),
        "service_minutes": _up_to(1440, "min"),
    },
}
"""Each record kind's numeric fields (by their Python names) and the range the files take;
and those of scenario.yaml's ``solver`` and ``routing`` sections (:data:`SECTION_ENTITIES`),
which a tester's script set to ``detour_factor=100`` and planned, where scenario.yaml
takes 1 to 10.

A field not here has no range of its own beyond its record's (an id, a day checked
against the horizon, an amount of money checked by :mod:`supplyline.domain.amounts`)."""


def field_named(entity: str, entity_id: str, field: str) -> str:
    """A record's field as a message names it: the record, then the field.

    A section of scenario.yaml (no id) is named as the file and the Python attribute are.

    >>> field_named("link", "L1", "transit_days"), field_named("routing", "", "detour_factor")
    ("link 'L1': transit_days", 'routing.detour_factor')
    """
    if not entity_id:
        return f"{entity}.{field}"
    return f"{entity} {entity_id!r}: {field}"


def out_of_range(entity: str, entity_id: str, field: str, value: float) -> ArgumentError:
    """The error of a record built in Python refusing ``value``, in the loader's words.

    A record refused at once what cannot be computed with (a negative, a NaN), and a value
    above its file's range only when the scenario was checked: the second named the record,
    the value and the range (``link 'L1': capacity_t_per_day: 2000000.0 is too large (a
    number from 0 to 1,000,000 t/day)``), the first said ``capacity_t_per_day(=-1.0) must
    be a finite number >= 0``, naming neither the record nor what the field takes. Both are
    refused as the record is built now, alike: :func:`field_named`, then
    :meth:`FieldRange.problem`.

    >>> str(out_of_range("link", "L1", "capacity_t_per_day", -1.0))
    "link 'L1': capacity_t_per_day: -1.0 is negative (a number from 0 to 1,000,000 t/day)"
    """
    problem = FIELD_RANGES[entity][field].problem(value)
    if problem is None:  # a bug: the record refuses a value its file takes
        raise AssertionError(f"{value!r} is within {entity}.{field}'s range")
    return ArgumentError(f"{field_named(entity, entity_id, field)}: {problem}")


SECTION_ENTITIES = frozenset({"solver", "routing"})
"""The entries of FIELD_RANGES that are a section of scenario.yaml, one to a scenario
(``scenario.routing``), not a kind of record with ids: a finding names the field as
the file does, ``routing.detour_factor``."""

VEHICLES_RANGE = _count(0, MAX_VEHICLES, "vehicles")
"""A unit's count of vehicles of one class (its ``vehicles_<class>`` column)."""
