"""A record's own numbers held, as it is built, to the ranges its file's columns take.

One table (:data:`~supplyline.domain.field_ranges.FIELD_RANGES`) for both ways in: the
loader parses each column within its field's range, and each record refuses, in its
``__post_init__``, a value outside that range in the loader's words. A planner's unit
built in Python with 200,000 vehicles of a class, or a link of 2,000,000 t/day, was taken
and refused only by ``validate`` or ``plan``, or not at all where the script called
neither; ``units.csv`` refused it on its line.

A number beyond what any field holds (``1e13``, ``inf``, NaN) is said in the same words
too, not as :func:`~supplyline.domain.fields.check_fields`'s "out of range (at most
1e+12)": the range is what the user can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from numbers import Real
from operator import attrgetter
from typing import Any

from supplyline.domain.field_ranges import FIELD_RANGES, SECTION_ENTITIES, out_of_range
from supplyline.domain.fields import LARGEST, check_fields
from supplyline.errors import ArgumentError

__all__ = ["as_number", "check_record", "check_record_ranges"]

_Bounds = tuple[tuple[float, float, bool], ...]


def _reader(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The fields ``names`` of a record, read at once, as a tuple (of one too)."""
    read = attrgetter(*names)
    return read if len(names) > 1 else lambda record: (read(record),)


_BOUNDS: Mapping[str, tuple[Callable[[object], tuple[Any, ...]], tuple[str, ...], _Bounds]] = {
    entity: (
        _reader(tuple(ranges)),
        tuple(ranges),
        tuple((r.lo, r.hi, r.above_lo) for r in ranges.values()),
    )
    for entity, ranges in FIELD_RANGES.items()
}
"""Each record kind's ranged fields, read at once, and their plain bounds: the check of a
record in range (every record the loader builds) is a few comparisons, the message made
only for one out of it."""


def check_record(record: object, entity: str) -> None:
    """Check ``record``'s fields (:func:`check_fields`), then each number against its range.

    ``entity`` is the record's kind as :data:`FIELD_RANGES` names it (``"link"``). A field
    of the wrong kind is check_fields' error, unless it is a number out of its range: that
    is said as the loader says it (``link 'L1': capacity_t_per_day: inf is too large (…)``).
    """
    try:
        check_fields(record)
    except ArgumentError:
        check_record_ranges(record, entity)  # a number out of range: said in the files' words
        raise
    check_record_ranges(record, entity)


def check_record_ranges(record: object, entity: str) -> None:
    """Refuse the first field of ``record`` outside its file's range (None and text pass).

    >>> from types import SimpleNamespace
    >>> car = SimpleNamespace(id="car", fuel_l_per_100km=12.0, km_per_day=5000.0)
    >>> try:
    ...     check_record_ranges(car, "vehicle class")
    ... except ArgumentError as error:
    ...     print(error)
    vehicle class 'car': km_per_day: 5000.0 is too large (a number from 0 to 2,000 km/day)
    """
    read, names, bounds = _BOUNDS[entity]
    for name, value, (lo, hi, above_lo) in zip(names, read(record), bounds, strict=True):
        if type(value) is float or type(value) is int:
            if lo < value <= hi or (value == lo and not above_lo):
                continue
        elif isinstance(value, bool) or not isinstance(value, Real):
            continue  # None is "not limited"; text is a factor key; a bool is check_fields'
        number = as_number(value)
        if number is not None and FIELD_RANGES[entity][name].problem(number) is not None:
            raise out_of_range(entity, _record_id(entity, record), name, number)


def as_number(value: Real) -> float | None:
    """A real number as a message quotes it: an int, or a float (numpy's too).

    An int past any field's (``10**300``) as a float, ``1e+300``, not its 301 digits; None
    past a float's range (``10**400``) or no number at all, which check_fields says.
    """
    if isinstance(value, int) and abs(value) <= LARGEST:
        return value
    try:
        return float(value)
    except (OverflowError, TypeError):  # numpy's timedelta64 is an Integral: no number
        return None


def _record_id(entity: str, record: object) -> str:
    """How a message names the record: its id, a stock by location/commodity, a section none."""
    if entity in SECTION_ENTITIES:
        return ""
    if entity == "stock":
        location, commodity = (getattr(record, name) for name in ("location", "commodity"))
        return f"{location}/{commodity}"
    found = getattr(record, "name" if entity == "scenario" else "id")
    return found if isinstance(found, str) else ""
