"""A CSV row one cell too long because a number's comma was not quoted: which cell it was.

``1,5`` written unquoted in ``capacity_t_per_day`` is two cells, ``1`` and ``5``, and the
row has one cell more than the header. A tester was told of an extra cell, which said
neither where nor why. The two neighbouring cells that, joined again, give a number in a
numeric column, and leave every other cell of the row looking like the same column of
the file's other rows, are the likely place: the row is read with them joined, so that
the column's own parser says what it says of a quoted ``"1,5"`` (``has a decimal comma:
write 1.5``) and the rest of the row is checked too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Rejoined", "rejoin"]

_SPLIT_NUMBER = re.compile(r"[-+]?(?:0|[1-9]\d*)")
"""The cell before a number's comma: digits, with a sign, without leading zeros."""
_LEADING_ZERO = re.compile(r"[-+]?0\d")
"""A number with a leading zero (``000``, ``05``): what is left after a thousands comma
(``8,000``), which no spreadsheet writes as a number of its own."""


MARGIN = 2
"""How many cells fewer unlike their column a place must leave than any other place, to be
taken: with a margin of one, a row's own rare value (the one airlift with people a day)
outweighed a shifted cell, and 3 of 910 cells of the examples were joined wrongly."""


@dataclass(frozen=True, slots=True)
class Rejoined:
    """What :func:`rejoin` found in a row one cell too long.

    ``record`` is the row with the two cells joined when one place is the likely one
    (else ``None``), ``at`` the index of the joined cell; ``numbers`` are the places a
    number's comma may be, as ``(column, joined text)``: that one, or the numbers among
    the places that are as likely as any other (none when a text's comma is likelier).
    """

    record: list[str] | None
    at: int
    numbers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the cells of one column look like in the file's rows of the right length."""

    always_filled: bool
    never_filled: bool
    all_numbers: bool
    no_numbers: bool
    commas: bool
    """Whether a cell of the column holds a comma (quoted): an id column never does."""
    span: tuple[float, float] | None
    """The smallest and largest number of the column (``None`` without two numbers)."""
    points: bool | None
    """Whether every number has a decimal point (lat 36.88), none has (storage 8000), or
    neither (``None``): a spreadsheet column keeps its format, a shifted cell does not."""


def rejoin(
    record: list[str],
    columns: Sequence[str],
    numeric: Callable[[str], bool],
    others: Sequence[list[str]],
) -> Rejoined:
    """The row ``record`` (one cell more than ``columns``) with a number's comma undone.

    ``numeric`` says which columns hold numbers; ``others`` are the file's rows of the
    right length, whose cells show what each column holds (empty or not, numbers or not,
    with a decimal point or not).
    Every two neighbours may be the cell a comma split: a number's (``1`` and ``5`` in a
    numeric column) or a text's (``Port de Sète`` and `` quai 2``). The one whose joining
    leaves the fewest cells unlike their column wins, if it is a number's and alone: a
    text's comma (a name's) is left to the message of a row too long, as before.

    >>> others = [["b", "200", "", "y"], ["c", "300", "", "z"]]
    >>> rejoin(["a", "1", "5", "", "x"], ["id", "t", "note", "name"], {"t"}.__contains__, others)
    Rejoined(record=['a', '1,5', '', 'x'], at=1, numbers=(('t', '1,5'),))
    """
    profiles = [_profile([row[at] for row in others]) for at in range(len(columns))]
    scored: list[tuple[int, bool, int]] = []  # (cells unlike their column, a number's, where)
    for at in range(len(columns)):
        number = numeric(columns[at]) and _looks_split(record[at], record[at + 1])
        unlike = sum(
            _unlike(cell, profiles[i], numeric(columns[i]))
            for i, cell in enumerate(_joined(record, at))
            if not (number and i == at)  # its number is this row's own, however rare there
        ) + int(not number and not profiles[at].commas)  # a text's comma where none is
        scored.append((unlike, number, at))
    fewest = min(unlike for unlike, _, _ in scored)
    best = [(number, at) for unlike, number, at in scored if unlike == fewest]
    near = [(number, at) for unlike, number, at in scored if unlike <= fewest + MARGIN - 1]
    if len(near) == 1 and near[0][0]:
        at = near[0][1]
        return Rejoined(_joined(record, at), at, ((columns[at], _text(record, at)),))
    if not any(number for number, _ in best):
        return Rejoined(None, -1, ())  # a text's comma is likelier
    numbers = tuple((columns[at], _text(record, at)) for number, at in near if number)
    return Rejoined(None, -1, numbers)


def _text(record: list[str], at: int) -> str:
    """The cells ``at`` and ``at + 1`` as one, with the comma that split them."""
    return f"{record[at]},{record[at + 1]}"


def _joined(record: list[str], at: int) -> list[str]:
    """``record`` with the cells ``at`` and ``at + 1`` joined by the comma between them."""
    return [*record[:at], _text(record, at), *record[at + 2 :]]


def _looks_split(before: str, after: str) -> bool:
    """Whether two cells are one number split at its comma (``1`` and ``5``, ``-2`` and ``25``)."""
    return bool(_SPLIT_NUMBER.fullmatch(before)) and after.isascii() and after.isdigit()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _profile(cells: list[str]) -> _Profile:
    """The look of a column's cells; with no cells, nothing is known of it."""
    filled = [c.strip() for c in cells if c.strip()]
    numbers = [abs(float(c)) for c in filled if _is_number(c)]
    return _Profile(
        always_filled=bool(cells) and len(filled) == len(cells),
        never_filled=bool(cells) and not filled,
        all_numbers=bool(filled) and all(_is_number(c) for c in filled),
        no_numbers=bool(filled) and not any(_is_number(c) for c in filled),
        commas=not cells or any("," in c for c in cells),
        span=(min(numbers), max(numbers)) if len(numbers) >= 2 else None,
        points=_all_or_none(["." in c for c in filled if _is_number(c)]),
    )


def _all_or_none(flags: list[bool]) -> bool | None:
    """``True`` if all of ``flags`` are, ``False`` if none is, else (or if empty) ``None``."""
    if not flags or any(flags) != all(flags):
        return None
    return flags[0]


def _unlike(cell: str, profile: _Profile, numeric: bool) -> int:
    """How many ways ``cell`` is unlike its column.

    Empty or filled, a number or not, with a decimal point or without, a leading zero,
    ten times beyond the column's numbers.
    """
    text = cell.strip()
    if not text:
        return int(profile.always_filled)
    number = _is_number(text)
    return (
        int(profile.never_filled)
        + int(profile.all_numbers and not number)
        + int(profile.no_numbers and number)
        + int(numeric and not number)
        + int(number and profile.points is not None and profile.points != ("." in text))
        + int(bool(_LEADING_ZERO.match(text)))
        + int(number and _out_of_span(abs(float(text)), profile.span))
    )


def _out_of_span(value: float, span: tuple[float, float] | None) -> bool:
    """Whether ``value`` is more than ten times beyond the column's numbers either way.

    A personnel of 5 among thousands, or a lift of 6,000 t among tens, is a cell shifted
    from its neighbour's column rather than the column's own.
    """
    if span is None or math.isnan(value):
        return False
    lo, hi = span
    return value > 10 * hi or value < lo / 10
