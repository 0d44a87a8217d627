"""Truck-loads offered to the search: no more of a request's than its trucks can carry.

A request is cut into loads of its trucks' payload (:mod:`~supplyline.routing.loads`),
and its bound (:class:`~supplyline.routing.loads.LoadBound`) is the most of them every
truck that can carry one, turning all day, could bring. Loads beyond it can never be
routed, so they are left out before the search, not offered to it: a tester's day with
3,923 t asked and two 0.5 t vans idle cut the leftovers into 7,600 stops of 0.5 t for
the vans' second round, whose distance matrices and PyVRP's neighbourhoods (quadratic in
the stops) took 25 s of a run asked to search 3 s. The first loads, the most urgent
ones, are offered; what is kept back is reported as the rest left out (``too_large``:
more loads than the trips, as :func:`~supplyline.routing.loads.left_out` says).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from supplyline.routing.translate import Chunk

__all__ = ["IDLE_NOTE_UNITS", "idle_split_note", "within_trips"]

IDLE_NOTE_UNITS = 3
"""The idle round's note names this many units (those with the most loads), then counts."""


class _Bound(Protocol):
    """What a cap needs of a request's bound: the most loads its trucks carry a day."""

    @property
    def most(self) -> int: ...


def within_trips(
    chunks: Sequence[Chunk], bounds: Mapping[int, _Bound]
) -> tuple[list[Chunk], list[Chunk]]:
    """The loads to offer the search, and those beyond what the trucks can carry a day.

    Each request keeps its first ``bounds[request].most`` loads (in the order given, part
    order: the most urgent first), at least one (a bound of no trip is the count's, and the search
    judges); a request without a bound keeps all. The order of the loads is kept.

    >>> from types import SimpleNamespace
    >>> c = [Chunk(request=0, part=k, parts=3, unit="u", location="L", load_t={"w": 1.0},
    ...      volume_m3=0, volume_known=False, priority=1, weighted_t=1.0,
    ...      allowed=frozenset(), mixed=False) for k in range(3)]
    >>> offered, beyond = within_trips(c, {0: SimpleNamespace(most=2)})
    >>> [x.part for x in offered], [x.part for x in beyond]
    ([0, 1], [2])
    """
    offered: list[Chunk] = []
    beyond: list[Chunk] = []
    taken: dict[int, int] = defaultdict(int)
    for chunk in chunks:
        bound = bounds.get(chunk.request)
        if bound is not None and taken[chunk.request] >= max(1, bound.most):
            beyond.append(chunk)
            continue
        taken[chunk.request] += 1
        offered.append(chunk)
    return offered, beyond


def idle_split_note(offered: Sequence[Chunk], beyond: Sequence[Chunk]) -> str:
    """The note on the loads split again for the idle trucks: short, whatever their number.

    Names the :data:`IDLE_NOTE_UNITS` units with the most loads (``u0 ×206 of up to
    0.500 t (f2)``), then counts the rest, the loads and tonnes in all, and how many were
    offered to the search (the rest are unserved, each unit's row in ``unserved.csv``
    says how many loads and why). A tester's note named every (unit, load size, trucks)
    of 7,600 loads, one line of thousands of characters in the summary and the report.

    >>> c = [Chunk(request=0, part=k, parts=2, unit="u", location="L", load_t={"w": 1.0},
    ...      volume_m3=0, volume_known=False, priority=1, weighted_t=1.0,
    ...      allowed=frozenset({"van"}), mixed=False) for k in range(2)]
    >>> idle_split_note(c, [])
    'loads no truck was left for, split again for the idle trucks: u ×2 of 1.000 t (van)'
    """
    by_unit: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in [*offered, *beyond]:
        by_unit[chunk.unit].append(chunk)
    ranked = sorted(by_unit.items(), key=lambda kv: (-_count(kv[1]), kv[0]))
    named = [_unit_loads(unit, loads) for unit, loads in ranked[:IDLE_NOTE_UNITS]]
    note = "loads no truck was left for, split again for the idle trucks: " + ", ".join(named)
    others = len(ranked) - IDLE_NOTE_UNITS
    if others > 0:
        note += f" and {others} more unit{'s' if others > 1 else ''}"
    if others > 0 or beyond:
        n = _count(offered) + _count(beyond)
        tonnes = sum(c.tonnes for c in offered) + sum(c.tonnes for c in beyond)
        note += f"; {n:,} loads, {tonnes:,.3f} t in all"
    if beyond:
        note += (
            f", {_count(offered):,} of them offered to the idle trucks (as many as they can "
            "bring each unit in a day, and in all where the loads are too many to offer "
            f"whole), the other {_count(beyond):,} unserved (unserved.csv)"
        )
    return note


def _unit_loads(unit: str, loads: Sequence[Chunk]) -> str:
    """``u13 ×532 (17 of up to 5.000 t on f1, 515 of 0.240 t on f2)``: a unit's loads.

    One kind of truck: ``u ×12 of 1.000 t (van)``.
    """
    by_trucks: dict[frozenset[str], list[Chunk]] = defaultdict(list)
    for chunk in loads:
        by_trucks[chunk.allowed].append(chunk)
    kinds = sorted(by_trucks.items(), key=lambda kv: sorted(kv[0]))
    if len(kinds) == 1:
        return f"{unit} ×{_count(loads):,} {_sizes(loads)} ({', '.join(sorted(kinds[0][0]))})"
    said = ", ".join(
        f"{_count(same):,} {_sizes(same)} on {'/'.join(sorted(t))}" for t, same in kinds
    )
    return f"{unit} ×{_count(loads):,} ({said})"


def _count(loads: Sequence[Chunk]) -> int:
    """The truck-loads ``loads`` stand for (a record may count many: ``Chunk.loads``)."""
    return sum(c.loads for c in loads)


def _sizes(loads: Sequence[Chunk]) -> str:
    """``of 1.000 t`` when the loads are one size, else ``of up to 5.000 t``.

    A record of many loads (``Chunk.loads``) counts its heaviest, and is of one size
    only where its tonnes are that many of it.
    """
    kgs = {round((c.tonnes if c.largest_t is None else c.largest_t) * 1000) for c in loads}
    alike = len(kgs) == 1 and all(
        c.largest_t is None or round(c.tonnes * 1000) == round(c.largest_t * 1000) * c.loads
        for c in loads
    )
    return f"of {'' if alike else 'up to '}{max(kgs) / 1000:.3f} t"
