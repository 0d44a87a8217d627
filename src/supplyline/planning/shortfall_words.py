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
grows), the figure says "in all", since each is rounded on its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from supplyline.types import figure_text

__all__ = ["CommodityChange", "commodity_changes", "shortfall_words"]

UNITS_SAID = 2
"""Units named under each commodity listed (the largest changes), then "and others"."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommodityChange:
    """How one commodity's total shortfall changes, and the units that change most.

    ``total_t`` is the re-solved plan's tonnes short less the plan's: negative is less
    short. ``by_unit`` holds the largest changes by unit (the re-solved plan's: equally good
    plans may split the total between units otherwise), ``more_units`` whether others change.
    """

    commodity: str
    total_t: float
    by_unit: tuple[tuple[str, float], ...]
    more_units: bool


def commodity_changes(
    change: Mapping[tuple[str, str], float], eps: float
) -> tuple[list[CommodityChange], list[str]]:
    """The commodities whose total shortfall changes beyond ``eps``, and those only moved.

    ``change`` is the tonnes short by (unit, commodity) in the re-solved plan less the
    plan's. The changed are listed cuts first, largest first, then rises, largest first;
    the moved (total within ``eps``, some unit beyond it) by name.

    >>> changed, moved = commodity_changes(
    ...     {("a", "water"): -6.0, ("b", "water"): 6.0, ("a", "med"): -2.0}, 1e-3)
    >>> [(c.commodity, c.total_t, c.by_unit) for c in changed], moved
    ([('med', -2.0, (('a', -2.0),))], ['water'])
    """
    by_commodity: dict[str, list[tuple[str, float]]] = {}
    for (unit, commodity), d in change.items():
        by_commodity.setdefault(commodity, []).append((unit, d))
    changed: list[CommodityChange] = []
    moved: list[str] = []
    for commodity, units in sorted(by_commodity.items()):
        total = math.fsum(d for _, d in units)
        shifted = sorted(
            ((u, d) for u, d in units if abs(d) > eps), key=lambda ud: (-abs(ud[1]), ud[0])
        )
        if abs(total) <= eps:
            if shifted:
                moved.append(commodity)
            continue
        changed.append(
            CommodityChange(
                commodity=commodity,
                total_t=total,
                by_unit=tuple(shifted[:UNITS_SAID]),
                more_units=len(shifted) > UNITS_SAID,
            )
        )
    changed.sort(key=lambda c: (c.total_t > 0, -abs(c.total_t), c.commodity))
    return changed, moved


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
        text += ": " + ", ".join(_commodity_said(c) for c in changed)
    if moved:
        names = _and(moved)
        their = "their totals" if len(moved) > 1 else "its total"
        text += f"; in the re-solved plan {names} moved between units, {their} unchanged"
    return text


def _commodity_said(c: CommodityChange) -> str:
    """One commodity's change: "11 t less water short (6 t at a, 5 t at b)", "6 t more … at b"."""
    way = "less" if c.total_t < 0 else "more"
    head = f"{figure_text(abs(c.total_t))} t {way} {c.commodity} short"
    units = c.by_unit
    if not units:  # spread thin: no one unit's change is beyond the tolerance
        return head
    along = all((d < 0) == (c.total_t < 0) for _, d in units)
    if len(units) == 1 and along and not c.more_units:
        return f"{head} at {units[0][0]}"
    said = [
        f"{figure_text(abs(d))} t{'' if along else (' less' if d < 0 else ' more')} at {u}"
        for u, d in units
    ]
    others = " and others" if c.more_units else ""
    return f"{head} ({', '.join(said)}{others})"


def _and(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
