"""A large table is fitted on a few of its rows and drawn fast, to the character as before.

``requirements --by unit`` of 500 units (10,000 rows) took 31 s at 60 columns: every
step of fitting the table to the terminal had rich measure and draw all its cells. It is
now fitted on the rows that hold each column's longest cell and word
(:meth:`~supplyline.cli.table_cells.ShownCells.sample`) and its plain rows are written
as rich writes them (:class:`~supplyline.cli.table_draw.DrawnTable`). Here random tables
are drawn both ways, on consoles with and without colour, and read alike.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from supplyline.cli.cells import Shown
from supplyline.cli.ledger_tables import whole_words_table
from supplyline.cli.output import OutputFormat, emit_rows
from supplyline.cli.table_cells import ShownCells, shown_cells
from supplyline.cli.table_draw import DrawnTable
from supplyline.cli.table_fit import _laid_out, narrowed_table, whole_widths


class _AsciiFile(io.StringIO):
    """A file whose encoding is ASCII, on which rich draws its boxes in ASCII."""

    encoding = "ascii"  # type: ignore[assignment]


CONSOLES: dict[str, Callable[[int], Console]] = {
    "plain": lambda width: Console(
        file=io.StringIO(), width=width, color_system=None, legacy_windows=False
    ),
    "colour": lambda width: Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor",
        legacy_windows=False,
    ),
    "FORCE_COLOR": lambda width: Console(
        file=io.StringIO(), width=width, legacy_windows=False, _environ={"FORCE_COLOR": "1"}
    ),
    "NO_COLOR": lambda width: Console(
        file=io.StringIO(), width=width, legacy_windows=False,
        _environ={"FORCE_COLOR": "1", "NO_COLOR": "1"},
    ),
    "TERM=dumb": lambda width: Console(
        file=io.StringIO(), width=width, force_terminal=True, legacy_windows=False,
        _environ={"TERM": "dumb"},
    ),
    "ascii": lambda width: Console(
        file=_AsciiFile(), width=width, color_system=None, legacy_windows=False
    ),
}  # fmt: skip
"""The consoles a table reaches: a file, a terminal in colour, and as the environment asks."""


def _printed(console: Console, renderable: Any) -> str:
    """What ``console`` writes for ``renderable``, escape codes and all."""
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


_WORDS = st.text(alphabet="abcdefgh-/", min_size=1, max_size=12)
_ODD = st.sampled_from(["é", "漢字", "e\u0301", "\t", "\n", "  ", "[b]", "ß"])
"""Characters rich may not draw as they read: accents, wide, combining, a tab, a line break."""
_TEXT = st.lists(st.one_of(_WORDS, _WORDS, _WORDS, _ODD), max_size=6).map(" ".join)
_CELLS: dict[str, st.SearchStrategy[Any]] = {
    "figure": st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    "count": st.integers(min_value=-(10**7), max_value=10**9),
    "text": st.one_of(st.none(), _TEXT),
    "date": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    "label": st.integers(min_value=-30, max_value=400).map(lambda n: f"C{n:+d}"),
    "id": st.from_regex(r"[a-z]{2,5}-[a-z]{2,8}-[0-9]{1,3}", fullmatch=True),
}
_HEADING = st.from_regex(r"[a-z]{1,12}( [a-z]{1,10}){0,2}", fullmatch=True)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[str], Shown]:
    """Rows of one to seven columns of random kinds, with a total row or without."""
    kinds = draw(st.lists(st.sampled_from(sorted(_CELLS)), min_size=1, max_size=7))
    names = draw(st.lists(_HEADING, min_size=len(kinds), max_size=len(kinds), unique=True))
    count = draw(st.integers(min_value=1, max_value=45))
    kind_of = dict(zip(names, kinds, strict=True))
    rows = [{name: draw(_CELLS[kind]) for name, kind in kind_of.items()} for _ in range(count)]
    figures = [n for n, k in kind_of.items() if k == "figure"]
    if figures and count > 1 and draw(st.booleans()):  # a total row, its columns summed
        total = {n: "all modes" if k == "text" else rows[0][n] for n, k in kind_of.items()}
        rows.append({**total, **{n: sum(r[n] for r in rows) for n in figures}})
        return rows, names, Shown(summed=tuple(figures))
    return rows, names, Shown()


@st.composite
def _cells(draw: st.DrawFn) -> ShownCells:
    """Cells as a table shows them, each column's kind drawn: numbers, text, dates."""
    rows, columns, shown = draw(_tables())
    return shown_cells(rows, columns, shown)


@contextmanager
def _fitted_on_every_row() -> Iterator[None]:
    """Tables fitted on all their rows, as before the sample: the old path, for comparing."""
    with mock.patch.object(ShownCells, "sample", lambda self: self):
        yield


def _old(narrowed: Any) -> Any:
    """What rich alone drew: the fitted table with every row, drawn by rich."""
    return narrowed.every_row() if isinstance(narrowed, DrawnTable) else narrowed


@settings(max_examples=150)
@given(
    table=_tables(),
    width=st.integers(min_value=40, max_value=200),
    kind=st.sampled_from(sorted(CONSOLES)),
    drop=st.data(),
)
def test_a_table_fitted_on_its_sample_reads_as_one_fitted_on_every_row(
    table: tuple[list[dict[str, Any]], list[str], Shown],
    width: int,
    kind: str,
    drop: st.DataObject,
) -> None:
    """Fitting on the sample leaves out, narrows and draws to the same bytes as on all rows."""
    rows, columns, shown = table
    dropped = drop.draw(st.lists(st.sampled_from(columns), unique=True))
    console = CONSOLES[kind](width)
    new = narrowed_table(rows, columns, "a title [x]", console, shown, dropped)
    with _fitted_on_every_row():
        old = narrowed_table(rows, columns, "a title [x]", console, shown, dropped)
    assert new.left_out == old.left_out
    assert _printed(console, new.table) == _printed(console, _old(old.table))


@settings(max_examples=60)
@given(
    table=_tables(),
    width=st.integers(min_value=40, max_value=200),
    kind=st.sampled_from(sorted(CONSOLES)),
)
def test_a_ledger_table_fitted_on_its_sample_reads_as_before(
    table: tuple[list[dict[str, Any]], list[str], Shown], width: int, kind: str
) -> None:
    """The ledger's tables, which break no word, fit and draw on the sample as on all rows."""
    rows, columns, _ = table
    console = CONSOLES[kind](width)
    new = whole_words_table(rows, columns, "orders", console)
    with _fitted_on_every_row():
        old = whole_words_table(rows, columns, "orders", console)
    assert (new is None) == (old is None)
    if new is not None and old is not None:
        assert _printed(console, new) == _printed(console, old.every_row())


@settings(max_examples=150)
@given(
    cells=_cells(),
    width=st.one_of(st.none(), st.integers(min_value=40, max_value=200)),
    how=st.fixed_dictionaries(
        {
            "compact": st.booleans(),
            "fold_headings": st.booleans(),
            "fold_numbers": st.booleans(),
            "fixed": st.booleans(),
        }
    ),
    whole=st.booleans(),
    shown_at=st.integers(min_value=20, max_value=220),
    kind=st.sampled_from(sorted(CONSOLES)),
)
def test_a_table_drawn_fast_reads_as_rich_draws_it(
    cells: ShownCells,
    width: int | None,
    how: dict[str, bool],
    whole: bool,
    shown_at: int,
    kind: str,
) -> None:
    """Both boxes, any narrowing, any terminal: rich's table with all rows, to the byte.

    Rows that wrap, tabs, line breaks and wide characters included; the table laid out on
    its sample draws as the one laid out on every row.
    """
    words = whole_widths(cells.rows, cells.kept(), total=cells.total) if whole else None
    sample = _laid_out(cells.sample(), "t", width=width, whole=words, **how)
    every = _laid_out(cells, "t", width=width, whole=words, **how)
    console = CONSOLES[kind](shown_at)
    assert _printed(console, DrawnTable(sample, cells.rows)) == _printed(console, every)


def _spied_rows() -> tuple[list[int], Any]:
    """A spy on rich's ``Table.add_row``: each table's row count after each row handed over."""
    counts: list[int] = []
    add_row = Table.add_row

    def spy(self: Table, *cells: Any, **kw: Any) -> None:
        add_row(self, *cells, **kw)
        counts.append(len(self.rows))

    return counts, spy


@pytest.mark.parametrize("width", [60, 80, 200])
def test_ten_thousand_rows_are_fitted_on_a_few_and_all_printed(width: int) -> None:
    """A 10,000-row table hands rich a few dozen rows a table, yet prints every row."""
    rows = [
        {
            "unit": f"u{k // 20}",
            "commodity": f"c{k % 20}",
            "arrival_label": f"C+{k % 9}",
            "consumption_t": (k * 7919 % 100_003) / 7.0,
            "buildup_t": (k * 104_729 % 1_009) / 3.0,
            "to_deliver_t": (k * 31 % 997) * 1.25,
        }
        for k in range(10_000)
    ]
    columns = list(rows[0])
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    counts, spy = _spied_rows()
    with mock.patch.object(Table, "add_row", spy):
        emit_rows(rows, columns, OutputFormat.TABLE, console=console, title="big", drop=columns[3:])
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(counts) <= 2 + 5 * len(columns)  # first, last, each column's longest ways
    assert len(counts) < 1_000
    assert all(f"u{k} " in printed for k in range(500))
    assert sum("C+" in line for line in printed.splitlines()) == len(rows)
