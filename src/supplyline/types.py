"""Type aliases and small shared value types used across layers."""

from __future__ import annotations

from typing import TypeAlias

__all__ = [
    "CommodityId",
    "Day",
    "LinkId",
    "LocationId",
    "PartnerId",
    "UnitId",
    "day_label",
]

PartnerId: TypeAlias = str
CommodityId: TypeAlias = str
LocationId: TypeAlias = str
LinkId: TypeAlias = str
UnitId: TypeAlias = str
Day: TypeAlias = int
"""Days count from the operation's start (C-day): day 0 is C+0."""


def day_label(day: int) -> str:
    """Return the planner's name of a day relative to the start.

    >>> day_label(0), day_label(6), day_label(-2)
    ('C+0', 'C+6', 'C-2')
    """
    return f"C+{day}" if day >= 0 else f"C-{-day}"
