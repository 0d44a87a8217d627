"""Enum fields given as their values: ``Location(kind="depot")`` as the loader's own.

A tester's ``Location(kind="bogus")`` and ``Link(mode="helicopter")`` planned "optimal",
then failed in the plan writer with ``'str' object has no attribute 'value'``.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from supplyline.errors import ArgumentError

__all__ = ["member_of"]

E = TypeVar("E", bound=Enum)


def member_of(kind: type[E], value: object, field: str) -> E:
    """``value`` as a member of ``kind`` (a member, or its value); else ArgumentError.

    >>> from supplyline.domain import Mode
    >>> member_of(Mode, "rail", "mode")
    <Mode.RAIL: 'rail'>
    """
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(m.value) for m in kind)
        raise ArgumentError(f"{field}(={value!r}) must be one of {known}") from None
