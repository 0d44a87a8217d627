"""Fitting a table for people to the terminal: which cells may wrap, and where.

Every table the CLI prints (plan, requirements, routes, reach, the ledger's) is built
here, so that one rule serves them all. Split from :mod:`supplyline.cli.output`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from supplyline.cli.cells import Shown, _header
from supplyline.cli.table_cells import ShownCells, shown_cells
from supplyline.cli.table_draw import DrawnTable

__all__ = [
    "HEADING_ROOM",
    "TEXT_ROOM",
    "TIGHT_TEXT_ROOM",
    "Narrowed",
    "fitted_table",
    "left_out_words",
    "narrowed_table",
    "record_blocks",
    "whole_widths",
]


TEXT_ROOM = 20
"""Characters a long text column (a shortfall's cause) should keep on a narrow terminal."""
_UNBOUNDED = 100_000
"""A width no table reaches: to measure a table's natural width, not the terminal's."""
TIGHT_TEXT_ROOM = 6
"""The least a text column may be wrapped to so that the dates of a table stay whole."""
HEADING_ROOM = 4
"""The least width a folded heading keeps (``earl``/``iest``): one of a letter a line
(``d``/``a``/``y``/``s``) reads as nothing."""


def _table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    *,
    shown: Shown | None = None,
    **how: Any,
) -> Table:
    """The rows as a rich table (:func:`_laid_out`), their cells worked out here.

    For a table drawn once with all its rows (a ledger's, a block of a record's); one
    narrowed step by step works its cells out once (:func:`narrowed_table`).
    """
    return _laid_out(shown_cells(rows, columns, shown), title, **how)


def _laid_out(
    table_cells: ShownCells,
    title: str | None,
    *,
    width: int | None = None,
    fold_numbers: bool = False,
    compact: bool = False,
    fold_headings: bool = False,
    fixed: bool = False,
    whole: Sequence[int] | None = None,
) -> Table:
    """The cells as a rich table, for a terminal ``width`` wide (None: as wide as it likes).

    A number never breaks across lines: its column keeps its width and text columns wrap
    instead, each keeping room for its heading's longest word. When the numbers do not
    leave a text column :data:`TEXT_ROOM` characters (or what it needs, if less), a
    number's heading stands one word per line. ``compact`` drops the vertical rules and the
    outer padding, and ``fold_headings`` lets headings and text break inside words while
    numbers keep their width: eleven columns of the reach check then fit 80 columns, where
    a tester saw its numbers folded ("32.2" over "0"). ``fixed`` sets every column's width
    here (:func:`_fixed_widths`) rather than leaving it to rich, which narrows all columns
    alike once its own narrowing falls short: sixteen columns of ledger orders on 100
    columns folded 17,901,233,825 over four lines. ``whole``: each column's width below
    which one of its words would break (:func:`whole_widths`), kept as its least width.
    Every choice here is by a column's longest cell or word, so the rows of
    :meth:`~supplyline.cli.table_cells.ShownCells.sample` lay a table out as all do.
    """
    columns, cells = table_cells.columns, table_cells.rows
    figures = dict(zip(columns, table_cells.figures, strict=True))
    headers = [_header(c) for c in columns]
    # dates and C+N labels keep their width as numbers do where the table has room for it:
    # a tester's 2025-08-0 over 1 read as no date, at 160 columns
    kept = dict(zip(columns, table_cells.kept(), strict=True))
    numeric = figures
    stack = False
    if width is None:
        numeric = kept
    else:
        widest = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

        def least(whole: Mapping[str, bool], room: int = TEXT_ROOM) -> int:
            return sum(
                widest[i] if whole[c] else min(widest[i], max(room, *map(len, headers[i].split())))
                for i, c in enumerate(columns)
            )

        rules = (2 if compact else 3) * len(columns) + (0 if compact else 1)  # borders, padding
        if whole is not None or least(kept, TIGHT_TEXT_ROOM) + rules <= width:
            numeric = kept  # text wraps to make room for them
        stack = fold_numbers or least(numeric) + rules > width
    heading = None if title is None else Text(title)  # a scenario's name may hold "[…]"
    table = (
        Table(
            title=heading,
            show_lines=False,
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        if compact
        else Table(title=heading, show_lines=False)
    )
    given = (
        _fixed_widths(cells, headers, [numeric[c] for c in columns], width, whole)
        if fixed and width is not None
        else None
    )
    for i, (col, header) in enumerate(zip(columns, headers, strict=True)):
        table.add_column(
            header.replace(" ", "\n") if stack and numeric[col] else header,
            justify="right" if figures[col] else "left",
            overflow="fold",  # only a terminal too narrow for the numbers alone folds them
            # with headings folded, a number keeps its width by its column's least width
            no_wrap=numeric[col] and not (fold_numbers or fold_headings),
            min_width=_least_width(
                header,
                [r[i] for r in cells],
                numeric=numeric[col],
                bounded=width is not None,
                fold_numbers=fold_numbers,
                fold_headings=fold_headings,
                word=0 if whole is None else whole[i],
            ),
            width=None if given is None else given[i],
        )
    for row_cells in cells:
        # as Text, not markup: a name like "Training area [south]" lost its "[south]" to
        # rich's markup, and every factor's source note its "[primary-copy]" tag
        table.add_row(*(Text(cell) for cell in row_cells))
    return table


def _fixed_widths(
    cells: list[list[str]],
    headers: list[str],
    numeric: list[bool],
    width: int,
    whole: Sequence[int] | None = None,
) -> list[int] | None:
    """Widths for a compact table ``width`` wide: each number's its widest, text the rest.

    Text columns share what the numbers leave, none wider than it needs nor narrower than
    its longest word (``whole``), the narrow ones served first. None if the numbers leave
    each text column less than one character.
    """
    rules = 2 * len(headers)  # a compact table's padding between columns
    word = [max([cell_len(w) for w in header.split()] or [1]) for header in headers]
    longest = [max([cell_len(r[i]) for r in cells] or [1]) for i in range(len(headers))]
    texts = [i for i, is_number in enumerate(numeric) if not is_number]
    need = [max(word[i], longest[i], cell_len(headers[i])) for i in range(len(headers))]
    for least in (TEXT_ROOM // 4, 1):  # numbers' headings whole if text keeps a little room
        for i, is_number in enumerate(numeric):
            if is_number:
                need[i] = max(longest[i], word[i] if least > 1 else 1)
        left = width - rules - sum(need[i] for i, is_number in enumerate(numeric) if is_number)
        if left >= least * len(texts):
            break
    else:
        return None
    widths = list(need)
    for done, i in enumerate(sorted(texts, key=lambda i: need[i])):
        share = left // (len(texts) - done)
        widths[i] = min(need[i], max(share, 0 if whole is None else whole[i]))
        left -= widths[i]
    return widths


def _least_width(
    header: str,
    cells: list[str],
    *,
    numeric: bool,
    bounded: bool,
    fold_numbers: bool,
    fold_headings: bool,
    word: int = 0,
) -> int | None:
    """A column's least width (None: rich decides).

    A number's, when only headings fold: its longest value, which must not break. A
    text's, when the table is narrowed: its longest ``word``, and without folding, its
    heading's longest word too.
    """
    if not bounded or fold_numbers:
        return None
    if numeric:
        return max(map(len, cells), default=1) if fold_headings else None
    heading = 0 if fold_headings else max(map(len, header.split()), default=1)
    return max(heading, word) or None


def _drawn_width(table: RenderableType, width: int) -> int:
    """How wide the table comes out on a terminal ``width`` wide (rich crops what is wider)."""
    scratch = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    with scratch.capture() as drawn:
        scratch.print(table, crop=False)
    return max((cell_len(line) for line in drawn.get().splitlines()), default=0)


_WORD_STEPS = ((False, False, False), (True, False, False))
"""How a table narrows with its headings' words whole: as drawn (compact, fold, fixed all
false), then without its rules."""
_FOLD_STEPS = ((True, True, False), (True, True, True))
"""How it narrows further: headings folded inside words, then every width set here
(:func:`_fixed_widths`)."""


def fitted_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    console: Console,
    shown: Shown | None = None,
) -> RenderableType:
    """The rows as a table that fits ``console`` with every column, else one block a record.

    :func:`narrowed_table` with no column to leave out.
    """
    return narrowed_table(rows, columns, title, console, shown).table


@dataclass(frozen=True, slots=True)
class Narrowed:
    """A table as it fits the terminal, and the columns it had to leave out for that."""

    table: RenderableType
    left_out: tuple[str, ...] = ()


def narrowed_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    title: str | None,
    console: Console,
    shown: Shown | None = None,
    drop: Sequence[str] = (),
) -> Narrowed:
    """The rows as a table that fits ``console``, leaving out ``drop``'s columns if need be.

    With all its columns first (:func:`_whole_table`), then without ``drop``'s columns one
    more at a time, least important first, each with its headings wrapped between words;
    then the same with headings folded inside words (``earliest (capaciti`` / ``es``),
    which reads worse than a column named as left out. When even the rest cannot stand
    side by side with every word of its cells whole, one record per block with every
    column (:func:`record_blocks`). At 80 columns the reach check's eleven columns printed
    each of six units as a block of fourteen lines, where a table without its supply
    point (each unit's depot) fits.
    """
    droppable = [c for c in dict.fromkeys(drop) if c in columns]
    every: dict[tuple[str, ...], tuple[ShownCells, ShownCells]] = {}  # cells, their sample
    for steps in (_WORD_STEPS, _FOLD_STEPS):  # a column left out before a heading's word breaks
        for n in range(len(droppable) + 1):
            kept = tuple(c for c in columns if c not in droppable[:n])
            if kept not in every:  # a column's decimals may follow the others shown (alike)
                cells = shown_cells(rows, kept, shown)
                every[kept] = cells, cells.sample()
            cells, sample = every[kept]
            table = _whole_table(sample, title, console, steps)
            if table is not None:  # fitted on the sample, drawn with every row
                return Narrowed(DrawnTable(table, cells.rows), tuple(droppable[:n]))
    cells = every[tuple(columns)][0]
    return Narrowed(record_blocks(cells.rows, [_header(c) for c in columns], title, console))


def left_out_words(width: int, names: Sequence[str], *, zero: Sequence[str] = ()) -> str:
    """What a line under a narrowed table says it leaves out, the same for every table.

    ``zero`` names the columns left out for being 0 on every row, whatever the width.

    >>> left_out_words(80, ["depot load pct", "loads needed"])
    'not shown at 80 columns: depot load pct, loads needed'
    >>> left_out_words(80, ["cost"], zero=["deploy t"])
    'not shown at 80 columns: cost; 0 on every row: deploy t'
    >>> left_out_words(120, [], zero=["deploy t"])
    'not shown, 0 on every row: deploy t'
    """
    parts = [f"at {width} columns: {', '.join(names)}"] if names else []
    if zero:
        parts.append(f"0 on every row: {', '.join(zero)}")
    return f"not shown{' ' if names else ', '}{'; '.join(parts)}"


def _whole_table(
    cells: ShownCells,
    title: str | None,
    console: Console,
    steps: Sequence[tuple[bool, bool, bool]] = (),
) -> Table | None:
    """The cells as a table that fits ``console``: as it likes, else narrowed step by step.

    Each of ``steps`` (:data:`_WORD_STEPS`, :data:`_FOLD_STEPS`) is kept only if
    no id, C+N label, date, number or word of text breaks (:func:`whole_widths`), text
    wrapping between its words instead; None when none is. A tester at 60 columns read
    the closure table's ``C+10`` as ``C+1`` over ``0``, and at 80 unit ids broke
    (``nl-inf-`` over ``1``).
    """
    unbounded = console.options.update_width(_UNBOUNDED)  # measured without the terminal
    table = _laid_out(cells, title)
    if console.measure(table, options=unbounded).maximum <= console.width:
        return table
    kept = cells.kept()
    whole = whole_widths(cells.rows, kept, total=cells.total)
    for compact, headings, fixed in steps:
        table = _laid_out(
            cells,
            title,
            width=console.width,
            compact=compact,
            fold_headings=headings,
            fixed=fixed,
            whole=whole,
        )
        if _numbers_whole(
            table, cells.rows, kept, console.width, whole=whole, headings=not headings
        ):
            return table
    return None


def whole_widths(cells: Sequence[Sequence[str]], kept: Sequence[bool], *, total: bool) -> list[int]:
    """Each column's width below which one of its words would break.

    A ``kept`` column's (numbers, dates, C+N labels) is its longest cell; a text
    column's, its longest word (ids are words: ``nl-inf-1``, ``os-forward``), and with a
    ``total`` row last, that row's label whole too (``all modes`` broke as ``all`` /
    ``mode`` / ``s``).

    >>> whole_widths([["road", "8,454"], ["all modes", "11,422"]], [False, True], total=True)
    [9, 6]
    """
    widths = []
    for i, is_kept in enumerate(kept):
        texts = [r[i] for r in cells]
        if is_kept:
            widths.append(max(map(cell_len, texts), default=1))
            continue
        word = max((cell_len(w) for t in texts for w in t.split()), default=1)
        widths.append(max(word, cell_len(texts[-1]) if total and texts else 0))
    return widths


def record_blocks(
    cells: Sequence[Sequence[str]], headers: Sequence[str], title: str | None, console: Console
) -> RenderableType:
    """One block a record, its fields one a line, headed by its first column's value.

    For a table whose columns cannot stand side by side with every word whole (the
    closure table's eleven at 60 columns). The cells are as the table writes them, so a
    total row still adds up. Every block is drawn alike (:func:`_blocks_alike`).
    """
    records = [
        ([{"field": h, "value": v} for h, v in zip(headers[1:], row[1:], strict=True)],
         f"{headers[0]} {row[0]}")
        for row in cells
    ]  # fmt: skip
    heading: list[RenderableType] = [] if title is None else [Text(title)]
    return Group(*heading, *_blocks_alike(records, console))


_BLOCK_STEPS: tuple[tuple[bool, bool] | None, ...] = (
    None,
    (False, False),
    (True, False),
    (True, True),
)
"""How blocks narrow: as drawn; then to the terminal, its words whole (compact false, fold
false); without their rules; and folding what a terminal this narrow cannot show."""


def _blocks_alike(
    records: Sequence[tuple[Sequence[Mapping[str, Any]], str]], console: Console
) -> list[Table]:
    """Each record's block, all drawn by the first of :data:`_BLOCK_STEPS` every one fits.

    Each had been narrowed alone: at 80 columns ``factors water --sources`` drew its first
    of 21 blocks with box borders, the next 19 without (a long source url folded them),
    and the last with borders again.
    """
    for step in _BLOCK_STEPS:
        drawn = [_block(rows, title, console, step) for rows, title in records]
        if step == _BLOCK_STEPS[-1] or all(fits for _, fits in drawn):
            return [table for table, _ in drawn]
    raise AssertionError("the last step draws every block")  # pragma: no cover


def _block(
    rows: Sequence[Mapping[str, Any]], title: str, console: Console, step: tuple[bool, bool] | None
) -> tuple[Table, bool]:
    """A block's table drawn by ``step`` (None: as it likes), and whether it fits so."""
    columns = ["field", "value"]
    if step is None:
        table = _table(rows, columns, title)
        unbounded = console.options.update_width(_UNBOUNDED)
        return table, console.measure(table, options=unbounded).maximum <= console.width
    compact, fold = step
    cells = shown_cells(rows, columns)
    kept = [False] * len(columns)
    whole = whole_widths(cells.rows, kept, total=False)
    table = _laid_out(
        cells, title, width=console.width, compact=compact, fold_numbers=fold,
        whole=None if fold else whole,
    )  # fmt: skip
    return table, fold or _numbers_whole(table, cells.rows, kept, console.width, whole=whole)


def _numbers_whole(
    table: Table,
    cells: list[list[str]],
    numeric: list[bool],
    width: int,
    *,
    words: bool = False,
    whole: Sequence[int] | None = None,
    headings: bool = False,
) -> bool:
    """Whether ``table`` fits ``width`` with every number whole and every column shown.

    ``words``: and every word of a text column and of its heading whole too. ``whole``:
    each column's width below which a word of it breaks (:func:`whole_widths`), a folded
    heading keeping :data:`HEADING_ROOM` at least, or with ``headings`` its every word.

    Its drawn width alone was not enough: rich narrowed sixteen columns of ledger orders
    into 80 by cutting "17,901,233,825" to "17,901,233,8" and text columns to nothing.
    """
    if _drawn_width(table, width) > width:
        return False
    scratch = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    room_for_columns = width - table._extra_width  # what rich gives the columns: less rules
    widths = table._calculate_column_widths(scratch, scratch.options.update_width(room_for_columns))
    if sum(widths) > room_for_columns:  # rich then cuts what is drawn at the right
        return False
    for i, drawn in enumerate(widths):
        room = drawn - table._get_padding_width(i)
        need = max((cell_len(r[i]) for r in cells), default=0) if numeric[i] else 1
        if words and not numeric[i]:
            texts = [table.columns[i].header, *(r[i] for r in cells)]
            need = max(cell_len(w) for t in texts for w in [*str(t).split(), ""])
        if whole is not None:
            heading = max(cell_len(w) for w in [*str(table.columns[i].header).split(), ""])
            need = max(whole[i], heading if headings else min(heading, HEADING_ROOM))
        if room < need:
            return False
    return True
