"""Drawing a fitted table with all its rows, as rich draws it, without rich's cost a cell.

Rich draws every cell of a table through its text machinery, about 40 µs a cell: 2.7 s of
the 10,000 rows of ``requirements --by unit`` (500 units), after it had measured every
cell again. A table is fitted on a few of its rows
(:meth:`~supplyline.cli.table_cells.ShownCells.sample`), which give rich the widths all
its rows would; here rich draws the title, the heading and the rules (the frame), and a
row whose every cell fits its column on one line is written as rich writes it: each cell
padded to its column's width, left or right, between the box's rules. A row with a cell
that wraps, or holds a line break, a tab or a control character, is drawn by rich's own
pieces, as its table draws a row. Where a table is drawn otherwise than the CLI draws
its tables (a style on its cells or rules, lines between rows, a caption) rich draws all.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

__all__ = ["DrawnTable"]


class DrawnTable:
    """A table fitted on a few of its rows, drawn with all of them.

    ``table`` has the columns as fitted and rows that measure as all ``rows`` do (every
    column's longest cell and word among them); ``rows`` are every row's cells. It
    draws, to the character and to the colour, what rich draws for ``table`` with
    ``rows`` for its rows (:meth:`every_row`), in a fraction of the time.
    """

    __slots__ = ("rows", "table")

    def __init__(self, table: Table, rows: Sequence[Sequence[str]]) -> None:
        self.table = table
        self.rows = rows

    def every_row(self) -> Table:
        """``table`` with ``rows`` for its rows: what rich would draw, at its own pace."""
        drawn = copy.copy(self.table)
        drawn.columns = [replace(column, _cells=[]) for column in self.table.columns]
        drawn.rows = []
        for row in self.rows:
            drawn.add_row(*(Text(cell) for cell in row))
        return drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as ``table``: its rows measure as all do."""
        return Measurement.get(console, options, self.table)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The frame from rich, the rows between its heading and its bottom rule from here."""
        table = self.table
        inner = options.update_width(options.max_width - table._extra_width)
        widths = table._calculate_column_widths(console, inner)
        frame = _frame(table, console, options, widths) if self.rows else None
        if frame is None:
            yield self.every_row()
            return
        head, foot = frame
        yield from head
        yield from _body(table, self.rows, console, options, widths)
        yield from foot


def _drawn_alike(table: Table, console: Console) -> bool:
    """Whether ``table`` is drawn as the CLI draws its tables, which :func:`_body` knows.

    Unstyled cells and rules (styles only in the title and the heading), a heading and no
    footer, no caption, no line or blank between rows, no padding above or below a cell,
    as wide as its columns.
    """
    top, _, bottom, _ = table.padding
    styles = [table.style, table.border_style, "none", *(c.style for c in table.columns)]
    return (
        table.box is not None
        and table.show_header
        and not (table.show_footer or table.show_lines or table.leading or table.caption)
        and not (table.row_styles or table.expand or top or bottom)
        and table.width is None
        and table.min_width is None
        and not any(console.get_style(s or "") for s in styles)
    )


def _frame(
    table: Table, console: Console, options: ConsoleOptions, widths: list[int]
) -> tuple[list[Segment], list[Segment]] | None:
    """What rich draws of ``table`` above its rows and below them, its columns ``widths``.

    The table with no rows and each column set to its width, which rich then draws as
    wide as with all of them; None where it would not (then rich draws it all).
    """
    if not _drawn_alike(table, console):
        return None
    fixed = [width - table._get_padding_width(i) for i, width in enumerate(widths)]
    if min(fixed, default=0) < 0:
        return None
    frame = copy.copy(table)
    frame.columns = [
        replace(column, width=width, _cells=[])
        for column, width in zip(table.columns, fixed, strict=True)
    ]
    frame.rows = []
    inner = options.update_width(options.max_width - table._extra_width)
    if frame._calculate_column_widths(console, inner) != widths:
        return None
    drawn = list(console.render(frame, options))
    if not table.show_edge:
        return drawn, []
    bottom = [Segment(_box(table, console, options).get_bottom(widths)), Segment.line()]
    if [s.text for s in drawn[-2:]] != [s.text for s in bottom]:
        return None
    return drawn[:-2], drawn[-2:]


def _box(table: Table, console: Console, options: ConsoleOptions) -> Box:
    """The box rich draws ``table`` with on this console (ASCII where it must)."""
    if table.box is None:
        raise AssertionError("a table drawn here has a box (_drawn_alike)")  # pragma: no cover
    safe = console.safe_box if table.safe_box is None else table.safe_box
    return table.box.substitute(options, safe=safe)


def _body(
    table: Table,
    rows: Sequence[Sequence[str]],
    console: Console,
    options: ConsoleOptions,
    widths: list[int],
) -> Iterator[Segment]:
    """Every row of ``table`` as rich draws it between the heading and the bottom rule.

    Its last row between the box's foot rules, the others between its middle ones.
    """
    drawn = _box(table, console, options)
    middle = (drawn.mid_left, drawn.mid_vertical, drawn.mid_right)
    foot = (drawn.foot_left, drawn.foot_vertical, drawn.foot_right)
    pads = [_padding(table, console, i) for i in range(len(table.columns))]
    room = [width - left - right for width, (left, right) in zip(widths, pads, strict=True)]
    right = [column.justify == "right" for column in table.columns]
    alike = [
        column.justify in ("left", "right") and column.overflow != "ignore"
        for column in table.columns
    ]
    spaces = [(" " * left, " " * right) for left, right in pads]
    for k, row in enumerate(rows):
        rules = foot if k == len(rows) - 1 else middle
        cells = _one_line(row, room, right, alike)
        if cells is None:
            yield from _rich_row(table, row, console, options, widths, pads, rules)
            continue
        line = rules[1].join(
            f"{before}{cell}{after}" for cell, (before, after) in zip(cells, spaces, strict=True)
        )
        yield Segment(f"{rules[0]}{line}{rules[2]}" if table.show_edge else line)
        yield Segment.line()


def _padding(table: Table, console: Console, index: int) -> tuple[int, int]:
    """The spaces left and right of a cell of the column ``index``, as rich pads it."""
    column = table.columns[index]
    cells = list(table._get_cells(console, index, column))
    body = cells[1].renderable if len(cells) > 1 else None  # the heading is first
    if isinstance(body, Padding):
        return body.left, body.right
    return 0, 0


def _one_line(
    row: Sequence[str], room: list[int], right: list[bool], alike: list[bool]
) -> list[str] | None:
    """The row's cells each padded to its column's ``room``, as rich fits one line of text.

    Right-aligned, a cell's trailing spaces go, as rich strips them; None if a cell does
    not stand on one line of its column, holds what is not printed as it reads (a line
    break, a tab, a control character), or its column is aligned otherwise.
    """
    cells = []
    for text, width, is_right, is_alike in zip(row, room, right, alike, strict=True):
        if not (is_alike and text.isprintable()) or len(text) > width:
            return None
        if (len(text) if text.isascii() else cell_len(text)) > width:
            return None
        if is_right:
            text = text.rstrip()
        pad = " " * (width - (len(text) if text.isascii() else cell_len(text)))
        cells.append(f"{pad}{text}" if is_right else f"{text}{pad}")
    return cells


def _rich_row(
    table: Table,
    row: Sequence[str],
    console: Console,
    options: ConsoleOptions,
    widths: list[int],
    pads: list[tuple[int, int]],
    rules: tuple[str, str, str],
) -> Iterator[Segment]:
    """A row as rich's table draws one (``Table._render``): each cell rendered, aligned.

    For a row of a cell that wraps: rich's pieces, in rich's order, to the same lines.
    """
    null = Style.null()
    rendered = []
    for text, width, column, (left, right) in zip(row, widths, table.columns, pads, strict=True):
        cell = options.update(
            width=width, justify=column.justify, no_wrap=column.no_wrap,
            overflow=column.overflow, height=None, highlight=column.highlight,
        )  # fmt: skip
        padded = Padding(Text(text), (0, right, 0, left))
        rendered.append(console.render_lines(padded, cell, style=null))
    height = max([1, *map(len, rendered)])
    tallest = max(map(len, rendered))
    aligns = {"top": Segment.align_top, "middle": Segment.align_middle}
    shaped = [
        Segment.set_shape(
            aligns.get(column.vertical, Segment.align_bottom)(lines, width, tallest, null),
            width,
            height,
        )
        for lines, width, column in zip(rendered, widths, table.columns, strict=True)
    ]
    opening, divider, closing = (Segment(rule) for rule in rules)
    for line_no in range(height):
        if table.show_edge:
            yield opening
        for i, cell_lines in enumerate(shaped):
            yield from cell_lines[line_no]
            if i < len(shaped) - 1:
                yield divider
        if table.show_edge:
            yield closing
        yield Segment.line()
