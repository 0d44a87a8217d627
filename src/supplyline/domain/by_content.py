"""Equality and hash of a plan's records by their content, a NaN equal to a NaN.

Owned apart from :mod:`~supplyline.domain.plan` (whose records use it) to keep that module
to its records.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Final

__all__ = ["ByContent"]

_NAN: Final = object()
"""What a NaN float is compared as (see :class:`ByContent`)."""


def _comparable(value: object) -> object:
    """``value`` as equality and the hash see it: a NaN as one marker, equal to itself.

    A mapping (a plan's weights) becomes the set of its items, so compared.
    """
    if isinstance(value, float) and math.isnan(value):
        return _NAN
    if isinstance(value, Mapping):
        return frozenset((k, _comparable(v)) for k, v in value.items())
    return value


_READERS: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _values_of(cls: type) -> Callable[[object], tuple[object, ...]]:
    """What reads the fields that equality compares from a record of ``cls``, as a tuple."""
    reader = _READERS.get(cls)
    if reader is None:
        names = tuple(f.name for f in fields(cls) if f.compare)
        get = operator.attrgetter(*names)
        reader = _READERS[cls] = (lambda record: (get(record),)) if len(names) == 1 else get
    return reader


def _key(values: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(_comparable(v) for v in values)


class ByContent:
    """Equality and hash of a plan's records by content, a NaN equal to a NaN.

    Why: a plan without a solution has the objective NaN, and ``nan != nan``: a tester's
    ``no_solution`` plan was unequal to its own pickled copy, with another hash (Python
    hashes a NaN by the object). Here every NaN float compares equal to every other
    NaN, so plans that plan the same are equal whatever NaN they hold, and hash alike;
    ``plan_id`` (which writes a NaN as null) agrees. The classes using it are dataclasses
    with ``eq=False``: this is their ``__eq__`` and ``__hash__``. Equal fields are
    compared as the dataclass would (fast); only fields that differ are looked at again
    for NaNs.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ByContent) or other.__class__ is not self.__class__:
            return NotImplemented
        values = _values_of(self.__class__)
        mine, theirs = values(self), values(other)
        return mine == theirs or _key(mine) == _key(theirs)

    def __hash__(self) -> int:
        return hash(_key(_values_of(self.__class__)(self)))
