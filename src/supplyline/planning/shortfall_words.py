"""Where an extra's shortfall removed falls, by commodity, in the words the claims use.

A claim says "removes N t of shortfall", a total the optimum fixes, then which commodities
that total is made of. Only a commodity whose *total* shortfall the re-solve changes is
listed: a tester's +0.053 t/day of medical supply "removed 1.98 t of shortfall: 20.79 t
less of water at bv-mrb-1, …; in the re-solved plan 35.68 t more of water at bv-mrb-2",
where re-planned with the extra the water short was 92.06 t before and after (a reshuffle
between equally good plans), and a planner read "medical stock fixes water". A commodity
only moved between units is said once as such ("water moved between units, its total
unchanged"). Both directions say shortfall: "6 t more of food at b" read as food delivered.

The listed changes add up to the stated figure; where more than one is listed (or one that
grows), the figure says "in all", since each is rounded on its own. Within a commodity, the
figures said (its largest units, the rest "elsewhere") add up to its change: units moving
against the total are said apart, with their way ("21 t less water short (18 t less at u2,
6 t less at u1; 3 t more at u0)"), where a re-checker's "(18 t at u2, 6 t at u1 and
others)" had hidden the others' 3 t more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from supplyline.types import figure_text

__all__ = ["CommodityChange", "UnitMoves", "commodity_changes", "shortfall_words"]

UNITS_SAID = 2
"""Units named on each side of a commodity listed (the largest changes), then the rest's sum."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitMoves:
    """The units whose shortfall of one commodity moves one way: the largest, and the rest.

    ``named`` holds the largest changes beyond the tolerance (tonnes, negative less short),
    ``rest_t`` the sum of the others moving that way, said as "elsewhere" beyond it.
    """

    named: tuple[tuple[str, float], ...]
    rest_t: float


@dataclass(frozen=True, slots=True, kw_only=True)
class CommodityChange:
    """How one commodity's total shortfall changes, and the units that change most.

    ``total_t`` is the re-solved plan's tonnes short less the plan's: negative is less
    short. ``along`` holds the units moving the total's way (the re-solved plan's: equally
    good plans may split the total between units otherwise), ``against`` those moving the
    other way, where they do beyond the tolerance: a re-checker read "21 t less water short
    (18 t at u2, 6 t at u1 and others)", the others 3 t *more* short, unsaid. The named and
    rest figures of both add up to ``total_t``, but for what moves against within the
    tolerance.
    """

    commodity: str
    total_t: float
    along: UnitMoves
    against: UnitMoves | None


def commodity_changes(
    change: Mapping[tuple[str, str], float], eps: float
) -> tuple[list[CommodityChange], list[str]]:
    """The commodities whose total shortfall changes beyond ``eps``, and those only moved.

    ``change`` is the tonnes short by (unit, commodity) in the re-solved plan less the
    plan's. The changed are listed cuts first, largest first, then rises, largest first;
    the moved (total within ``eps``, some unit beyond it) by name.

    >>> changed, moved = commodity_changes(
    ...     {("a", "water"): -6.0, ("b", "water"): 6.0, ("a", "med"): -2.0}, 1e-3)
    >>> [(c.commodity, c.total_t, c.along.named, c.against) for c in changed], moved
    ([('med', -2.0, (('a', -2.0),), None)], ['water'])
    """
    by_commodity: dict[str, list[tuple[str, float]]] = {}
    for (unit, commodity), d in change.items():
        by_commodity.setdefault(commodity, []).append((unit, d))
    changed: list[CommodityChange] = []
    moved: list[str] = []
    for commodity, units in sorted(by_commodity.items()):
        total = math.fsum(d for _, d in units)
        if abs(total) <= eps:
            if any(abs(d) > eps for _, d in units):
                moved.append(commodity)
            continue
        along = [(u, d) for u, d in units if d != 0 and (d < 0) == (total < 0)]
        against = [(u, d) for u, d in units if d != 0 and (d < 0) != (total < 0)]
        if abs(math.fsum(d for _, d in against)) <= eps:  # said with the rest along
            changed.append(
                CommodityChange(
                    commodity=commodity,
                    total_t=total,
                    along=_moves(along, eps, total),
                    against=None,
                )
            )
            continue
        changed.append(
            CommodityChange(
                commodity=commodity,
                total_t=total,
                along=_moves(along, eps, math.fsum(d for _, d in along)),
                against=_moves(against, eps, math.fsum(d for _, d in against)),
            )
        )
    changed.sort(key=lambda c: (c.total_t > 0, -abs(c.total_t), c.commodity))
    return changed, moved


def _moves(units: list[tuple[str, float]], eps: float, all_t: float) -> UnitMoves:
    """The largest of ``units`` beyond ``eps``, and ``all_t`` (theirs in all) less those."""
    shifted = sorted(
        ((u, d) for u, d in units if abs(d) > eps), key=lambda ud: (-abs(ud[1]), ud[0])
    )
    named = tuple(shifted[:UNITS_SAID])
    return UnitMoves(named=named, rest_t=all_t - math.fsum(d for _, d in named))


def shortfall_words(
    removed_t: float, change: Mapping[tuple[str, str], float], eps: float, *, all_of_it: bool
) -> str:
    r"""Say the shortfall removed, naming each commodity whose total the extra changes.

    ``removed_t`` is the plan's tonnes short less the re-solved plan's (above ``eps``);
    ``change`` as :func:`commodity_changes` takes it; ``all_of_it`` where none is left.

    >>> said = shortfall_words(3.0, {("a", "water"): -6.0, ("b", "water"): -5.0,
    ...                              ("b", "food"): 6.0, ("a", "food"): 2.0}, 1e-3,
    ...                        all_of_it=False)
    >>> print(said.replace(": ", ":\n").replace("), ", "),\n"))
    removes 3 t of shortfall in all:
    11 t less water short (6 t at a, 5 t at b),
    8 t more food short (6 t at b, 2 t at a)
    >>> said = shortfall_words(2.0, {("a", "med"): -2.0, ("a", "water"): -6.0,
    ...                              ("b", "water"): 6.0}, 1e-3, all_of_it=False)
    >>> print(said.replace("; ", ";\n"))
    removes 2 t of shortfall: 2 t less med short at a;
    in the re-solved plan water moved between units, its total unchanged
    """
    changed, moved = commodity_changes(change, eps)
    in_all = " in all" if len(changed) > 1 or any(c.total_t > 0 for c in changed) else ""
    left = " (all of it)" if all_of_it else ""
    text = f"removes {figure_text(removed_t)} t of shortfall{in_all}{left}"
    if changed:
        text += ": " + ", ".join(_commodity_said(c, eps) for c in changed)
    if moved:
        names = _and(moved)
        their = "their totals" if len(moved) > 1 else "its total"
        text += f"; in the re-solved plan {names} moved between units, {their} unchanged"
    return text


def _commodity_said(c: CommodityChange, eps: float) -> str:
    """One commodity's change, its figures adding up to the total said.

    "11 t less water short (6 t at a, 5 t at b and 2 t elsewhere)"; where some unit moves
    against the total, each figure says its way and the two ways are apart: "21 t less
    water short (18 t less at u2, 6 t less at u1; 3 t more at u3)".
    """
    way = "less" if c.total_t < 0 else "more"
    head = f"{figure_text(abs(c.total_t))} t {way} {c.commodity} short"
    if c.against is None:
        said = _moves_said(c.along, eps, "")
        if not said:  # spread thin: no one unit's change is beyond the tolerance
            return head
        if len(c.along.named) == 1 and abs(c.along.rest_t) <= eps:
            return f"{head} at {c.along.named[0][0]}"
        return f"{head} ({said})"
    sides = (_moves_said(c.along, eps, f" {way}"), _moves_said(c.against, eps, " " + _way(way)))
    return f"{head} ({'; '.join(side for side in sides if side)})"


def _moves_said(moves: UnitMoves, eps: float, way: str) -> str:
    """Say the moves one way: "6 t less at a, 5 t less at b and 2 t less elsewhere"; or "".

    ``way`` is each figure's word ("" where all move the total's way); "" where nothing
    moves beyond ``eps``.
    """
    said = [f"{figure_text(abs(d))} t{way} at {u}" for u, d in moves.named]
    if abs(moves.rest_t) > eps:
        where = "elsewhere" if said else "spread over several units"
        rest = f"{figure_text(abs(moves.rest_t))} t{way} {where}"
        return f"{', '.join(said)} and {rest}" if said else rest
    return ", ".join(said)


def _way(way: str) -> str:
    """The other way: "more" for "less"."""
    return "more" if way == "less" else "less"


def _and(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
