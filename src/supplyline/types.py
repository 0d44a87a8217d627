"""Type aliases and small shared value types used across layers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TypeAlias

# the days' words live in day_words (types passed 600 lines), re-exported from here
from supplyline.day_words import (
    DateText,
    day_label,
    day_range_list,
    day_ranges,
    day_runs,
    days_text,
    iso_date,
)

# the rules of ids and names live in text_rules (types passed 600 lines), re-exported here
from supplyline.text_rules import (
    ID_PATTERN,
    ID_RULE,
    MAX_ID_LEN,
    MAX_KEY_LEN,
    MAX_NAME_LEN,
    MAX_USER_LEN,
    id_problem,
    text_problem,
)

__all__ = [
    "ANY_CARGO",
    "COARSE_DECIMALS",
    "COST_UNITS",
    "GRAM_DECIMALS",
    "GRAM_T",
    "ID_PATTERN",
    "ID_RULE",
    "LIST_SEPARATOR",
    "MAX_ID_LEN",
    "MAX_KEY_LEN",
    "MAX_NAME_LEN",
    "MAX_USER_LEN",
    "CommodityId",
    "DateText",
    "Day",
    "LinkId",
    "LocationId",
    "PartnerId",
    "Said",
    "UnitId",
    "amount_eps",
    "column_text",
    "counted",
    "day_label",
    "day_range_list",
    "day_ranges",
    "day_runs",
    "days_text",
    "figure_decimals",
    "figure_text",
    "figure_with_unit",
    "figures_decimals",
    "figures_text",
    "fixed_text",
    "gram_text",
    "id_problem",
    "iso_date",
    "list_cell",
    "list_items",
    "lower_bound_text",
    "said_cell",
    "said_together",
    "summed_text",
    "text_problem",
    "to_gram",
    "unpadded",
    "written_text",
]

PartnerId: TypeAlias = str
CommodityId: TypeAlias = str
LocationId: TypeAlias = str
LinkId: TypeAlias = str
UnitId: TypeAlias = str
Day: TypeAlias = int
"""Days count from the operation's start (C-day): day 0 is C+0."""

COST_UNITS = "the links' cost units"
"""The unit of every transport cost the plan says: links.csv's ``cost_per_t`` and
``cost_per_pax`` are numbers in no currency (a partner's ``currency`` is the ledger's),
so a cost is in whatever units the scenario gives them. The bottleneck report's "saves
1,234.5 in transport cost" read as a figure without a unit; its sentences, the report's
cost column and the CLI's say these same words."""

GRAM_DECIMALS = 6
"""Amounts in results are given to this many decimals: the gram, for tonnes."""

ANY_CARGO = "*"
"""fleet.csv's ``carries`` cell that says, on purpose, that the trucks may load anything.

An empty cell means the same, but may be an omission: ``validate`` warns of one group left
empty among groups that name goods, and ``*`` is how a planner says "anything" and
silences it. Not an id (ids cannot hold ``*``), and not a formula in a spreadsheet.
"""

LIST_SEPARATOR = ";"
"""What separates the values of one CSV cell that holds several, in every CSV written.

The scenario's list cells (``outage_days``, ``activity_levels``, ``carries``) and the
routes' ``load`` had ``;``, bottlenecks.csv's ``commodities`` a space, ``--format csv``
"; ": a script splitting one file's cells split another's wrongly. ``;`` is what most
had, is no decimal or thousands mark, and needs no quoting in a CSV cell.
"""


def list_cell(values: Iterable[str]) -> str:
    r"""Values as one CSV cell: :data:`LIST_SEPARATOR` between, each value's own escaped.

    A ``;`` inside a value is written ``\;`` and a backslash ``\\``, so that the cell splits
    back into the values it was made of (:func:`list_items`): a ledger decision's note
    ``from stock; pier 2`` made ``accept by os: from stock; pier 2;cancel by wm: not
    needed`` read as three decisions. Ids, days and numbers have neither, so their cells
    are as before.

    >>> list_cell(["accept by os: from stock; pier 2", "cancel by wm: C:\\tmp"])
    'accept by os: from stock\\; pier 2;cancel by wm: C:\\\\tmp'
    """
    return LIST_SEPARATOR.join(
        value.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR)
        for value in values
    )


def list_items(cell: str) -> list[str]:
    r"""The values of a list cell :func:`list_cell` wrote (a blank cell holds none).

    >>> list_items("from stock\\; pier 2;not needed"), list_items("")
    (['from stock; pier 2', 'not needed'], [])
    """
    if cell == "":
        return []
    items: list[str] = []
    item: list[str] = []
    escaped = False
    for char in cell:
        if escaped:
            item.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == LIST_SEPARATOR:
            items.append("".join(item))
            item = []
        else:
            item.append(char)
    if escaped:  # a lone backslash at the end: kept, as written
        item.append("\\")
    items.append("".join(item))
    return items


def to_gram(value: float) -> float:
    """``value`` rounded as every result gives amounts (6 decimals), never ``-0.0``.

    To 3 decimals, a relief plan's 1-person sites showed most movements and shortfalls as 0.

    >>> to_gram(6.299999999999998), to_gram(-1e-9)
    (6.3, 0.0)
    """
    return round(value, GRAM_DECIMALS) + 0.0


GRAM_T = 10.0**-GRAM_DECIMALS
"""A gram, in tonnes: the least amount the files give (:func:`to_gram`)."""


def amount_eps(amount: float) -> float:
    """Tonnes (or tonne-days) within which two amounts near ``amount`` count as equal.

    A gram (:data:`GRAM_T`, the least the files give), or a millionth of ``amount`` where
    that is more (what HiGHS's tolerances leave): the same rule at every scale of the
    goods. A flat kilogram said +0.00004 t/day of a 7-person team's medical supply "moves
    shortfall onto commodities of lower priority" (there were none) beside the file's
    0.00036 t removed, and the shortfall's why "capacity" where at a thousand times the
    people it named the supply.

    >>> amount_eps(0.0004), amount_eps(5000.0)
    (1e-06, 0.005)
    """
    return max(GRAM_T, 1e-6 * abs(amount))


def gram_text(value: float) -> str:
    """``value`` to the gram as every CSV supplyline writes a number: plain decimals.

    No exponent, no thousands separator, never ``-0``, trailing zeros dropped (a whole
    number without its point); a NaN is an empty cell. The one spelling of a number in a
    result file (plans, routes, requirements, reach, ``--format csv``): Python's ``csv``
    writes a float as its ``repr``, and a tester's requirements files read ``2e-06`` and
    ``2.8e-05`` beside the plan's ``0.000002``. It reads back as :func:`to_gram` of
    ``value``.

    >>> gram_text(2e-6), gram_text(2.8e-05), gram_text(6.299999999999998), gram_text(-1e-9)
    ('0.000002', '0.000028', '6.3', '0')
    >>> gram_text(3.0), gram_text(-12000.01), gram_text(1e16), gram_text(float("nan"))
    ('3', '-12000.01', '10000000000000000', '')
    """
    if math.isnan(value):
        return ""
    text = f"{to_gram(value):.{GRAM_DECIMALS}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fixed_text(value: float, decimals: int) -> str:
    """A finite ``value`` to ``decimals`` places, thousands apart, a half rounded away from 0.

    Rounded as the number reads (its shortest decimal), not as the float is stored: the
    report and the CLI share this one rule. Python's own formatting rounds the stored
    binary value, half to even, and a tester's report read a demand of 1.25 t as "1.2"
    and 17.15 t short as "17.1" (stored as 17.1499…) beside the CLI's 17.15.

    >>> fixed_text(1.25, 1), fixed_text(17.15, 1), fixed_text(-2.5, 0), fixed_text(1234.5, 2)
    ('1.3', '17.2', '-3', '1,234.50')
    >>> import numpy as np
    >>> fixed_text(np.float64(1.25), 1)
    '1.3'
    """
    # float(): numpy 2 writes repr(np.float64(1.25)) as "np.float64(1.25)"
    exact = Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    return f"{exact + 0:,.{decimals}f}"  # + 0: -0.0 as 0


def figure_decimals(values: Iterable[object], *, at_least: int = 0) -> int:
    """Digits after the point for a column of figures: the one rule of every face.

    The rule, as README.md ("How figures read") states it for every face: one column,
    or one sentence's figures said together, takes one count of decimals; 2 if a figure
    needs them (below 100 and not whole), else 0 (whole numbers read whole); more where a
    figure below 1 would show fewer than two significant digits (0.015, not 0.02; 0.0043,
    not 0.00), to the gram at most (:data:`GRAM_DECIMALS`), each figure first rounded to
    the gram as the files give it; but never more than 2 where a figure of 100 or more
    stands in the column (:data:`COARSE_DECIMALS`): a tester's 4 g shortfall made a whole
    plan read to 0.1 kg ("19,294.4503 t moved"). A figure too small for such a column
    reads ``<0.01`` (:func:`column_text`). ``at_least``: a column's own least decimals
    (the report's seconds, to 0.001), but none for a column whose every figure is exactly
    0: it reads ``0``, as exactly nothing does in words (:func:`figure_text`).

    >>> figure_decimals([5.77, 6.0]), figure_decimals([833.4, 12.0, None])
    (2, 0)
    >>> figure_decimals([0.015, 3.0]), figure_decimals([0.0043]), figure_decimals([2e-7])
    (3, 4, 0)
    >>> figure_decimals([19294.4503, 0.0042]), figure_decimals([125.0, 60.0])
    (2, 0)
    >>> figure_decimals([0.0, 0.0], at_least=2), figure_decimals([0.0, 0.5], at_least=3)
    (0, 3)
    >>> figure_decimals([None], at_least=2)  # no figure at all: its least
    2

    A :class:`Said` rounded as a sentence (its ``decimals``) joins its column's figures,
    at least to the sentence's decimals: a bottleneck's ``removes t`` read ``535.7751``,
    ``513.177`` and ``60`` one above the other, each as its sentence dropped its zeros.

    >>> figure_decimals([Said(535.7751, 2), Said(60.0, 2)]), figure_decimals([Said(985.04)])
    (2, 0)
    """
    values = list(values)
    said = [v for v in values if isinstance(v, Said) and v.decimals is not None]
    at_least = max([at_least, *(v.decimals or 0 for v in said)])  # as its sentence rounds
    figures = [
        to_gram(v)
        for v in [*values, *(s.value for s in said)]
        if isinstance(v, float) and math.isfinite(v)
    ]
    if figures and not any(figures):  # exactly nothing: 0, whatever a sentence's decimals
        return 0
    base = 2 if any(abs(v) < 100 and not v.is_integer() for v in figures) else 0
    needed = max([base, *(_significant_decimals(v) for v in figures)])
    if any(abs(v) >= 100 for v in figures):  # a gram never makes 19,294 t read to 0.1 kg
        needed = min(needed, COARSE_DECIMALS)
    return max(at_least, needed)


COARSE_DECIMALS = 2
"""The most decimals a figure of 100 or more reads to because a finer one shares its
column or sentence: 0.01, ten kilograms of tonnes. The finer figure then reads ``<0.01``
(:func:`column_text`), which says it is there and small, where ``0.00`` said nothing was."""


def column_text(value: float, decimals: int) -> str:
    """One figure of a column (or of a sentence's figures) to the column's ``decimals``.

    The one function that writes a figure for a person: :func:`fixed_text` of it rounded
    to the gram, except that a figure the files give as nonzero never reads 0: one too
    small for ``decimals`` reads ``<0.01`` (``>-0.01`` below 0), the smallest step of its
    column, so that a column stays one count of decimals and still says something is there;
    and 0 to the gram reads ``0`` (README), where ``0.00`` looked like a trace rounded away.

    >>> column_text(5169.8668, 2), column_text(0.0042, 2), column_text(-0.0042, 2)
    ('5,169.87', '<0.01', '>-0.01')
    >>> column_text(40.0, 0), column_text(0.0, 2), column_text(0.4, 0), column_text(2e-7, 6)
    ('40', '0', '<1', '0')
    """
    text = fixed_text(to_gram(value), decimals)
    if to_gram(value) == 0:
        return "0"
    if not any(ch in "123456789" for ch in text):
        step = fixed_text(10.0**-decimals, decimals)
        return f"<{step}" if value > 0 else f">-{step}"
    return text


def _significant_decimals(value: float) -> int:
    """Decimals that show two significant digits of a figure below 1, to the gram at most.

    >>> _significant_decimals(0.52), _significant_decimals(0.045), _significant_decimals(3.0)
    (2, 3, 0)
    """
    if value == 0 or abs(value) >= 1:
        return 0
    return min(GRAM_DECIMALS, 1 - math.floor(math.log10(abs(value))))


def figure_text(value: float, decimals: int | None = None) -> str:
    """One figure in words, as the tables show it alone and the files give it.

    Rounded to the gram (:func:`to_gram`, as the files have it), then as a table's column
    of that one figure shows it (:func:`figure_decimals`, :func:`fixed_text`): whole from
    100 or when whole, else to 0.01, two significant digits below 1, a half rounded up;
    the zeros a table pads a column with are dropped, as the files drop them (a table's
    6.60 is the file's 6.6). The bottleneck report's sentences said 3 significant digits
    ("cuts the shortfall by 17.1 t" beside 17.15 in bottlenecks.csv and the summary
    table), and the plan's headline 0.1 t ("17.1 t short" above a table's 17.15).

    ``decimals``: those of the table column that shows the same quantity, where a
    sentence says a figure a table shows too (its own, if it needs more); the figure then
    keeps the column's zeros (a headline's "15,936.4 t moved" stood above a table's
    "15,936.40"). The one rule
    for a figure said in a sentence and shown in a table: it reads the same in both. A
    tester's column of 99.995 (three decimals, for another row's 0.015) stood beside a
    sentence's "100" for the same tonnes.

    >>> figure_text(17.15), figure_text(6.6), figure_text(9.0), figure_text(0.10416)
    ('17.15', '6.6', '9', '0.10')
    >>> figure_text(0.005), figure_text(0.1)
    ('0.005', '0.1')
    >>> figure_text(1234.5), figure_text(6.3249999999), figure_text(0.0043), figure_text(-2.5)
    ('1,235', '6.33', '0.0043', '-2.5')
    >>> figure_text(0.015), figure_text(0.0000004), figure_text(99.995), figure_text(99.995, 3)
    ('0.015', '0', '100', '99.995')
    >>> figure_text(15936.4011, 2), figure_text(6.6), figure_text(6.6, 2)
    ('15,936.40', '6.6', '6.60')

    Exactly nothing reads "0" whatever the decimals: a plan that moved nothing read
    "0.00 t moved", which suggested a trace.

    >>> figure_text(0.0, 2), figure_text(0.5, 2)
    ('0', '0.50')
    """
    if value == 0:
        return "0"
    value = to_gram(value)
    own = figure_decimals([value])
    if decimals is not None and abs(value) >= 100:  # never finer than 0.01 from 100 up
        own = min(own, COARSE_DECIMALS)
    text = column_text(value, max(own, decimals or 0))
    if decimals:  # as its column reads it, zeros and all: "15,936.40 t moved" beside it
        return text
    shorter = unpadded(text)  # 0.005 t/day as the scenario gives it, not 0.0050
    exact = shorter.startswith(("<", ">")) or float(shorter.replace(",", "")) == value
    return shorter if exact else unpadded(text, _significant_decimals(value))


def unpadded(text: str, kept: int = 0) -> str:
    """A figure's text without the zeros it pads with, but ``kept`` decimals at least.

    ``kept``: the decimals of its two significant digits, for a figure that is not
    exactly its shorter text (a tester's 0.10416 t read "0.1 t", one digit, where the
    rule gives two: 0.10; 0.005 t/day exactly reads 0.005).

    >>> unpadded("6.60"), unpadded("0.10", 2), unpadded("40.00"), unpadded("<0.01")
    ('6.6', '0.10', '40', '<0.01')
    """
    if "." not in text or text.startswith(("<", ">")):
        return text
    whole, decimals = text.split(".")
    decimals = decimals.rstrip("0").ljust(kept, "0")
    return f"{whole}.{decimals}" if decimals else whole


def lower_bound_text(value: float) -> str:
    """A lower bound in words, at :func:`figure_text`'s precision but rounded down.

    "At least 2,837 t short" stood for a bound of 2,836.728 t, rounded half up: no plan
    could be that short, and a re-plan with every capacity lifted was short of 2,836.728 t.
    Rounded down, the claim stays true at the precision it is shown. A figure the same
    bound is said beside (the plan's own shortfall) keeps :func:`figure_text`.

    >>> lower_bound_text(2836.728), lower_bound_text(17.159), lower_bound_text(99.995)
    ('2,836', '17.15', '99.99')
    >>> lower_bound_text(0.00478), lower_bound_text(9.0), lower_bound_text(2836.9999999)
    ('0.0047', '9', '2,837')
    """
    value = to_gram(value)
    if value == 0:
        return "0"
    decimals = figure_decimals([value])
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_FLOOR)
    text = f"{exact + 0:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, singular for one: "1 unit", "2 units", "1 day".

    The one place messages count things: ``requirements`` said "over 1 days" and
    "1 units". ``plural`` for a noun that does not just take an "s".

    >>> counted(1, "day"), counted(2, "unit"), counted(0, "unit"), counted(3, "unit-day")
    ('1 day', '2 units', '0 units', '3 unit-days')
    >>> counted(1, "commodity", "commodities"), counted(1_200, "commodity", "commodities")
    ('1 commodity', '1,200 commodities')
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def figure_with_unit(text: str, unit: str) -> str:
    """A written figure and its unit, its "days" singular where it reads 1, as :func:`counted`.

    A tester's bottleneck table read "1 person-days late"; ``1.50`` stays plural.

    >>> figure_with_unit("1", "person-days late"), figure_with_unit("2.5", "t-days late")
    ('1 person-day late', '2.5 t-days late')
    """
    return f"{text} {unit.replace('days', 'day', 1) if text == '1' else unit}"


@dataclass(frozen=True, slots=True)
class Said:
    """A figure a sentence written apart says too: a table writes it as that sentence does.

    The other side of :func:`figure_text`'s rule (a figure said and shown reads the same
    in both) where the sentence cannot know the table: a bottleneck's explanation is
    written with the plan, before any table. Its "removes 100 t" stood beside a column
    of 99.995 (three decimals for another row's 0.015); a table writes a ``Said`` as
    :func:`figure_text` does, right-aligned as a number, and CSV and JSON the number.

    >>> str(Said(99.995)), str(Said(0.015)), str(Said(6.6))
    ('100', '0.015', '6.6')

    ``decimals``: at least those the sentence rounds to, where it rounds as another table
    does (a bottleneck's tonnes as the shortfall table's, "removes 342.51 t", not 343),
    the zeros it pads with dropped as a sentence drops them. A figure read alone whatever
    its column's other rows (a shadow price, from 4 to 8,756,148,777) is a ``Said`` too,
    so that the terminal's top five and the report's longer table write it alike.

    >>> str(Said(342.51, 2)), str(Said(1.185, 3)), str(Said(6.0, 2)), str(Said(985.04))
    ('342.51', '1.185', '6', '985')
    """

    value: float
    decimals: int | None = None

    def __str__(self) -> str:
        text = figure_text(self.value, self.decimals)
        return text.rstrip("0").rstrip(".") if self.decimals and "." in text else text


def summed_text(said: float, exact: object, decimals: int) -> str:
    """A part of a total as its column writes it: ``said``, rounded to add up (README).

    A part rounded down to 0 to add up (:func:`~supplyline.domain.rounding.summed_columns`)
    whose own figure is not 0 reads ``<0.01``, which counts as 0 in the sum as printed:
    nonzero never reads 0, and the parts still add up to their total.

    >>> summed_text(0.0, 0.0042, 2), summed_text(0.0, 0.0, 2), summed_text(125.0, 125.0, 2)
    ('<0.01', '0', '125.00')
    """
    if said == 0 and isinstance(exact, float) and math.isfinite(exact) and to_gram(exact):
        step = fixed_text(10.0**-decimals, decimals)
        return f"<{step}" if exact > 0 else f">-{step}"
    return column_text(said, decimals)


def said_cell(value: Said, decimals: int) -> str:
    """A :class:`Said` in a table's column of ``decimals`` (:func:`figure_decimals`).

    One rounded as a sentence (its ``decimals``) takes its column's, as every figure of
    the column does (:func:`column_text`); one read alone (no ``decimals``: a shadow
    price) reads as it reads alone, wherever its table shows it.

    >>> said_cell(Said(60.0, 2), 2), said_cell(Said(0.0042, 2), 2), said_cell(Said(4.5), 0)
    ('60.00', '<0.01', '4.5')
    """
    return str(value) if value.decimals is None else column_text(value.value, decimals)


def said_together(*values: float) -> tuple[str, ...]:
    """One sentence's figures said together, to one count of decimals, zeros kept.

    The rule of a column (:func:`figure_decimals`, :func:`column_text`) for figures a
    sentence says side by side that no table shows: a reach check read "the plan's
    stock: 0 t … of the 0 t it eats" for 0.020563 t, and "0.1 t" for 0.10416 t; a depot
    warning "holds 80 t" beside "holds 40.0 t". Exactly nothing reads ``0``.

    >>> said_together(0.020563, 0.10416), said_together(80.0, 40.0), said_together(0.0, 5.5)
    (('0.021', '0.104'), ('80', '40'), ('0', '5.50'))
    >>> said_together(1234.5, 0.004), said_together(0.10416)
    (('1,234.50', '<0.01'), ('0.10',))
    """
    decimals = figure_decimals([float(v) for v in values])
    return tuple("0" if v == 0 else column_text(float(v), decimals) for v in values)


def figures_decimals(*values: float, at_least: int = 0) -> int:
    """The decimals :func:`figures_text` writes ``values`` to, before it drops padding.

    Figures that add up take no more: their parts are rounded to add up to their total
    (:func:`~supplyline.domain.rounding.summed_figures`), where raising the decimals until
    each rounded alone added up had made a corridor's headline "38,321.0396 t".

    >>> figures_decimals(150.4, 150.4, 300.8), figures_decimals(0.015, 3.0)
    (0, 3)
    """
    return figure_decimals([float(v) for v in values], at_least=at_least)


def figures_text(*values: float, at_least: int = 0) -> tuple[str, ...]:
    """Figures read together, a sum and its parts, all to the decimals the finest needs.

    Each alone (:func:`figure_text`) a tester's plan read "99.75 t delivered, 101 t short"
    of 200.25 t (100.5 whole from 100): parts that did not add up. Zeros that all the
    figures pad with are dropped, as :func:`figure_text` drops them, and a zero reads 0.
    ``at_least``: the decimals of a table that shows one of them (:func:`figure_text`).

    >>> figures_text(99.75, 100.5, 200.25), figures_text(150.4, 49.6, 200.0)
    (('99.75', '100.50', '200.25'), ('150.4', '49.6', '200.0'))
    >>> figures_text(1432.3, 0.0), figures_text(0.015, 0.0)
    (('1,432', '0'), ('0.015', '0'))
    """
    rounded = [to_gram(v) for v in values]
    return written_text(rounded, figures_decimals(*rounded, at_least=at_least))


def written_text(
    values: Sequence[float | Decimal], decimals: int, *, kept: int = 0
) -> tuple[str, ...]:
    """Figures read together, each to ``decimals``, the zeros all of them pad with dropped.

    For figures already rounded to add up (a total and its parts), which keep the
    decimals their exact values asked for; a zero reads 0. ``kept``: the decimals of the
    table column that shows one of them, kept zeros and all, as :func:`figure_text` keeps
    a column's: the plan's headline read "0.8 t short" beside its shortfall table's total
    and its report's "short (t)" card, 0.80.

    >>> written_text([Decimal("150.40"), Decimal("49.60"), 200.0], 2)
    ('150.4', '49.6', '200.0')
    >>> written_text([0.0, Decimal("0.80")], 2, kept=2)
    ('0', '0.80')
    """
    texts = [column_text(float(v), decimals) for v in values]  # a zero reads 0, and waits
    while decimals > kept and all(t.endswith("0") and t[0] != "<" for t in texts if t != "0"):
        texts = [t if t == "0" else t[:-1] for t in texts]
        decimals -= 1
    if decimals == 0:
        texts = [t.rstrip(".") for t in texts]
    return tuple("0" if v == 0 else t for v, t in zip(values, texts, strict=True))
