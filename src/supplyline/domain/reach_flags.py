"""What a reach-check flag is about: trucks, a road cut off beyond the stock, roads, goods.

A flagged row's ``reason`` says it in words; its ``flagged_for`` says which kinds, so that
the faces count them (``2 of 2 unit(s) flagged: 2 cut off by road beyond their stock``).
A tester's heading read "2 of 2 unit(s) beyond what their trucks can sustain" over two
units cut off by road for longer than their stock covers: a stock matter, not trucks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # routes' ReachRow holds FlagKind: imported for the types only
    from supplyline.domain.routes import ReachRow

__all__ = ["FlagKind", "flag_rows", "with_kind"]


class FlagKind(StrEnum):
    """Why a unit is flagged, in the words the counts say (``1 beyond what …``)."""

    TRUCKS = "beyond what their trucks can carry"
    """Its steady demand, its place's busiest day, or its share of shared truck-hours."""
    CUT_OFF = "cut off by road beyond their stock"
    """Cut off by road on days with demand that its stock does not cover."""
    ROADS = "beyond what their roads carry"
    """The roads' capacity, alone or shared with other units' tonnes."""
    GOODS = "short of goods their trucks can load"
    """No depot whose trucks serve it holds its goods, or they are stranded."""
    NO_LINK = "with no link to their place"
    """No link of any mode leads to its place."""
    ROUTES_DAY = "left short by the day's routes"
    """The routes of the day at hand left some of its goods unserved."""


def with_kind(kinds: tuple[FlagKind, ...], kind: FlagKind) -> tuple[FlagKind, ...]:
    """``kinds`` with ``kind`` added once, in the order first flagged.

    >>> with_kind((FlagKind.TRUCKS,), FlagKind.CUT_OFF) == (FlagKind.TRUCKS, FlagKind.CUT_OFF)
    True
    >>> with_kind((FlagKind.TRUCKS,), FlagKind.TRUCKS) == (FlagKind.TRUCKS,)
    True
    """
    return kinds if kind in kinds else (*kinds, kind)


def flag_rows(
    rows: Sequence[ReachRow], reasons: Mapping[str, str], kind: FlagKind
) -> list[ReachRow]:
    """The rows, each unit in ``reasons`` flagged for ``kind``, that reason after its own."""
    return [
        r
        if r.unit not in reasons
        else replace(
            r,
            reason="; ".join(x for x in (r.reason, reasons[r.unit]) if x),
            sustainable=False,
            flagged_for=with_kind(r.flagged_for, kind),
        )
        for r in rows
    ]
