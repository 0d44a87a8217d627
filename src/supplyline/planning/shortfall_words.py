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
figures said (its largest units, the rest "elsewhere") add up to its change as written:
units moving against the total are said apart, with their way ("21 t less water short (18 t
less at u2, 6 t less at u1; 3 t more at u0)"), where a re-checker's "(18 t at u2, 6 t at u1
and others)" had hidden the others' 3 t more.

Every tonnage is rounded as the shortfall table rounds its column (``decimals``, from
:func:`shortfall_decimals`), so that "removes N t … (all of it)" is the table's total to the
digit; the named units are each rounded so, and "elsewhere" is what is left of the stated
figure once they are (:func:`said_parts`). A tester's plan read "removes 343 t of shortfall
(all of it): 343 t less water short (131 t at os-mrb, 115 t at wm-inf-1 and 96.25 t
elsewhere)" beside a table's 342.51 t (the parts adding to 342.25); it reads "removes
342.51 t … (131.04 t at os-mrb, 115.22 t at wm-inf-1 and 96.25 t elsewhere)" now.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from supplyline.domain.rounding import rounded
from supplyline.types import figure_decimals, fixed_text, to_gram

if TYPE_CHECKING:
    from supplyline.domain import Delivery, Movement, Shortfall

__all__ = [
    "CommodityChange",
    "UnitMoves",
    "commodity_changes",
    "plan_decimals",
    "said_parts",
    "shortfall_decimals",
    "shortfall_words",
    "together_said",
    "together_text",
    "tonnage_said",
    "tonnage_text",
    "tonnage_words",
]

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


def shortfall_decimals(short_t: Iterable[float]) -> int:
    """The decimals of the shortfall table's tonnes: those of its rows and of their total.

    ``short_t``: the tonnes short of each unit and commodity (a row of the table). The
    table writes each row and the total to one number of decimals
    (:func:`~supplyline.types.figure_decimals`), and a claim written with the plan, before
    any table, rounds its tonnes so too: the relief example's total of 1.275 t (three
    decimals, for a row's 0.135) read "removes 1.28 t … (all of it)".

    >>> shortfall_decimals([131.04, 115.22, 96.25]), shortfall_decimals([1.23, 0.045])
    (2, 3)
    >>> shortfall_decimals([300.0, 100.0]), shortfall_decimals([])
    (0, 0)
    """
    rows = [float(t) for t in short_t]
    return figure_decimals([*rows, math.fsum(rows)])


def plan_decimals(
    shortfalls: Iterable[Shortfall],
    movements: Iterable[Movement],
    deliveries: Iterable[Delivery],
    demand_t: float | None = None,
) -> int:
    """The decimals the plan's faces write its tonnes short to: its table's, its headline's.

    The shortfall table's column takes the decimals of its rows and total
    (:func:`shortfall_decimals`) and at least the headline's, which say the tonnes short
    beside those delivered, demanded and moved (each face's ``places``): the relief
    example's table read 1.275 t short, three decimals for its 17,891.800 t delivered,
    where a row's two significant digits asked for two. ``figure_decimals`` takes the most
    any figure needs, so the union of them is what the faces settle on; a claim written
    with the plan, before any face, rounds its tonnes so (a build-up not delivered, which
    the stock records give only with the plan, may still ask a face for more).
    ``demand_t``: all the units consume, where it is known (at least what is delivered).
    """
    by_row: dict[tuple[str, str], float] = {}
    for s in shortfalls:
        by_row[(s.unit, s.commodity)] = by_row.get((s.unit, s.commodity), 0.0) + s.short_t
    by_mode: dict[str, float] = {}
    for m in movements:
        by_mode[str(m.mode)] = by_mode.get(str(m.mode), 0.0) + m.tonnes
    figures = [
        *by_mode.values(),
        math.fsum(by_mode.values()),
        math.fsum(d.tonnes for d in deliveries),
    ]
    if demand_t is not None:
        figures.append(demand_t)
    rows = [to_gram(t) for t in by_row.values()]
    return max(shortfall_decimals(rows), figure_decimals([to_gram(f) for f in figures]))


def tonnage_said(value: float, decimals: int | None = None) -> Decimal:
    """A tonnage rounded as a sentence says it: to its own decimals, at least ``decimals``.

    The rounding of :func:`~supplyline.types.figure_text` (whole from 100, else to 0.01,
    two significant digits below 1, a half rounded up), at least to the decimals of the
    table that shows the same tonnes (:func:`shortfall_decimals`); the zeros it pads with
    are dropped, as :func:`~supplyline.types.figure_text` drops them (a column's 0.020
    reads "0.02 t", the same figure to the digit).

    >>> tonnage_said(342.51), tonnage_said(342.51, 2), tonnage_said(0.135), tonnage_said(0.135, 3)
    (Decimal('343'), Decimal('342.51'), Decimal('0.14'), Decimal('0.135'))
    >>> tonnage_said(0.5, 2), tonnage_said(6.0, 2), tonnage_said(1200.0)
    (Decimal('0.5'), Decimal('6'), Decimal('1200'))
    """
    said = rounded(value, max(figure_decimals([value]), decimals or 0))
    # the zeros it pads with dropped, as figure_text drops them: 0.5, not 0.50
    return said.quantize(Decimal(1)) if said == said.to_integral_value() else said.normalize()


def tonnage_text(value: Decimal) -> str:
    """A rounded tonnage (:func:`tonnage_said`, or a sum of them) as written: its decimals.

    Exactly nothing reads "0", as :func:`~supplyline.types.figure_text` writes it.

    >>> tonnage_text(Decimal("1234.50")), tonnage_text(Decimal("0.00")), tonnage_text(Decimal(7))
    ('1,234.50', '0', '7')
    """
    if value == 0:
        return "0"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return fixed_text(float(value), places)


def together_said(value: float, decimals: int) -> Decimal:
    """A tonnage among a sentence's figures said together: to the sentence's ``decimals``.

    One count of decimals for all of them, zeros kept (README.md, "How figures read"): a
    closure's sentence read "60 t less at stadium, 35.1908 t less at ridge and 11.4800 t
    less elsewhere", each figure dropping its own zeros.

    >>> together_said(60.0, 2), together_said(0.075, 2), together_said(535.7751, 2)
    (Decimal('60.00'), Decimal('0.08'), Decimal('535.78'))
    """
    return rounded(value, decimals)


def together_text(value: Decimal) -> str:
    """A figure of :func:`together_said` as written; a nonzero one rounded to 0 as ``<0.01``.

    >>> together_text(Decimal("0.00")), together_text(Decimal("60.00")), together_text(Decimal(0))
    ('<0.01', '60.00', '0')
    """
    exponent = value.as_tuple().exponent
    if value == 0 and isinstance(exponent, int) and exponent < 0:  # said: never "0 t less"
        return f"<{fixed_text(10.0**exponent, -exponent)}"
    return tonnage_text(value)


def tonnage_words(value: float, decimals: int | None = None) -> str:
    """A tonnage as a sentence writes it: :func:`tonnage_said`, then :func:`tonnage_text`.

    >>> tonnage_words(342.51), tonnage_words(342.51, 2), tonnage_words(1.185, 3)
    ('343', '342.51', '1.185')
    """
    return tonnage_text(tonnage_said(value, decimals))


def said_parts(
    total: Decimal, named: Sequence[Decimal], rest: Decimal | None
) -> tuple[list[Decimal], Decimal | None]:
    """Named parts and the rest ("elsewhere"), as written, adding up to ``total`` as written.

    The named parts are each rounded alone (they read as the units' own figures); the rest
    is ``total`` less them. Where that leaves none (the rest was below the figures'
    rounding) or less, the rest is not said (None) and the last named part takes what is
    left, one step at most from its own rounding, as a table's rounded parts may be. Each
    rounded alone, a claim's "343 t less water short (131 t at os-mrb, 115 t at wm-inf-1 and
    96.25 t elsewhere)" added up to 342.25.

    >>> said_parts(Decimal("342.51"), [Decimal("131.04"), Decimal("115.22")], Decimal("96.25"))
    ([Decimal('131.04'), Decimal('115.22')], Decimal('96.25'))
    >>> said_parts(Decimal(301), [Decimal(151), Decimal(151)], Decimal(0))
    ([Decimal('151'), Decimal('150')], None)
    """
    parts = list(named)
    if rest is not None:
        left = total - sum(parts, Decimal(0))
        if left > 0 or not parts:
            return parts, left
    if parts:
        last = total - sum(parts[:-1], Decimal(0))
        if last > 0:
            parts[-1] = last
    return parts, None


def shortfall_words(
    removed_t: float,
    change: Mapping[tuple[str, str], float],
    eps: float,
    *,
    all_of_it: bool,
    decimals: int | None = None,
) -> str:
    r"""Say the shortfall removed, naming each commodity whose total the extra changes.

    ``removed_t`` is the plan's tonnes short less the re-solved plan's (above ``eps``);
    ``change`` as :func:`commodity_changes` takes it; ``all_of_it`` where none is left;
    ``decimals`` those of the plan's shortfall table (:func:`shortfall_decimals`), which
    every tonnage is rounded to at least, so that "all of it" reads as the table's total.

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
    >>> said = shortfall_words(342.51, {("a", "water"): -131.04, ("b", "water"): -115.22,
    ...                                 ("c", "water"): -96.25}, 1e-3, all_of_it=True,
    ...                        decimals=2)
    >>> print(said.replace(": ", ":\n"))
    removes 342.51 t of shortfall (all of it):
    342.51 t less water short (131.04 t at a, 115.22 t at b and 96.25 t elsewhere)
    """
    changed, moved = commodity_changes(change, eps)
    in_all = " in all" if len(changed) > 1 or any(c.total_t > 0 for c in changed) else ""
    left = " (all of it)" if all_of_it else ""
    # one rounding for the claim: the table's, or finer where a unit named needs it (a
    # 0.001 t named beside a 0.11 t figure, which read as 0.11 + 0.001)
    named = [abs(d) for c in changed for m in (c.along, c.against) if m for _, d in m.named]
    decimals = max(
        decimals or 0, figure_decimals([removed_t, *(abs(c.total_t) for c in changed), *named])
    )
    stated = together_said(removed_t, decimals)
    text = f"removes {together_text(stated)} t of shortfall{in_all}{left}"
    if changed:
        alone = len(changed) == 1 and not moved and changed[0].total_t < 0
        text += ": " + ", ".join(
            _commodity_said(c, eps, decimals, stated if alone else None) for c in changed
        )
    if moved:
        names = _and(moved)
        their = "their totals" if len(moved) > 1 else "its total"
        text += f"; in the re-solved plan {names} moved between units, {their} unchanged"
    return text


def _commodity_said(c: CommodityChange, eps: float, decimals: int, stated: Decimal | None) -> str:
    """One commodity's change, its figures adding up as written to the total said.

    "11 t less water short (6 t at a, 5 t at b and 2 t elsewhere)"; where some unit moves
    against the total, each figure says its way and the two ways are apart: "21 t less
    water short (18 t less at u2, 6 t less at u1; 3 t more at u3)". ``stated``: the claim's
    own figure, where this commodity is all of it (the same tonnes, read the same).
    """
    way = "less" if c.total_t < 0 else "more"
    total = stated if stated is not None else together_said(abs(c.total_t), decimals)
    head = f"{together_text(total)} t {way} {c.commodity} short"
    along = _said_moves(c.along, eps, decimals)
    against = None if c.against is None else _said_moves(c.against, eps, decimals)
    # what the along side must add up to, as written: the total and what goes against it
    against_said = Decimal(0) if against is None else sum(against[0], against[1] or Decimal(0))
    if along[1] is not None or against is None or against[1] is None:
        along = said_parts(total + against_said, *along)
    elif against is not None:  # the rest against takes up the difference
        named, rest = said_parts(sum(along[0], Decimal(0)) - total, against[0], against[1])
        against = (named, rest)
    if against is None or c.against is None:
        said = _moves_said(c.along, along, "")
        if not said:  # spread thin: no one unit's change is beyond the tolerance
            return head
        if len(c.along.named) == 1 and along[1] is None:
            return f"{head} at {c.along.named[0][0]}"
        return f"{head} ({said})"
    sides = (
        _moves_said(c.along, along, f" {way}"),
        _moves_said(c.against, against, " " + _way(way)),
    )
    return f"{head} ({'; '.join(side for side in sides if side)})"


def _said_moves(
    moves: UnitMoves, eps: float, decimals: int
) -> tuple[list[Decimal], Decimal | None]:
    """The moves' named figures, each rounded alone, and their rest's (None: not said)."""
    named = [together_said(abs(d), decimals) for _, d in moves.named]
    rest = together_said(abs(moves.rest_t), decimals) if abs(moves.rest_t) > eps else None
    return named, rest


def _moves_said(moves: UnitMoves, said: tuple[list[Decimal], Decimal | None], way: str) -> str:
    """Say the moves one way: "6 t less at a, 5 t less at b and 2 t less elsewhere"; or "".

    ``said``: the named figures and the rest's as written (:func:`said_parts`), the rest
    None where it is not said; ``way`` is each figure's word ("" where all move the total's
    way); "" where nothing moves beyond the tolerance.
    """
    named, rest = said
    words = [
        f"{together_text(t)} t{way} at {u}" for (u, _), t in zip(moves.named, named, strict=True)
    ]
    if rest is not None:
        where = "elsewhere" if words else "spread over several units"
        rest_words = f"{together_text(rest)} t{way} {where}"
        return f"{', '.join(words)} and {rest_words}" if words else rest_words
    return ", ".join(words)


def _way(way: str) -> str:
    """The other way: "more" for "less"."""
    return "more" if way == "less" else "less"


def _and(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
