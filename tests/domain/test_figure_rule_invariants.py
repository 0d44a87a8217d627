"""The one rule of how a figure reads (README.md, "How figures read"), as invariants.

For any column of figures: one count of decimals, exactly nothing aside (it reads ``0``);
a nonzero figure (to the gram) never reads 0; a figure of 100 or more never reads finer
than 0.01 for another row's sake; and parts rounded to add up to their total
(``summed_figures``) add up as printed, a ``<0.01`` counting as 0.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.rounding import summed_figures
from supplyline.types import (
    COARSE_DECIMALS,
    column_text,
    figure_decimals,
    said_together,
    summed_text,
    to_gram,
)

TONNES = st.floats(min_value=0.0, max_value=1e7, allow_nan=False, allow_infinity=False).map(to_gram)
COLUMNS = st.lists(TONNES, min_size=1, max_size=12)


def _decimals_of(text: str) -> int:
    """Digits after the point of a figure as written (``<0.01`` has its column's)."""
    return len(text.split(".")[1]) if "." in text else 0


def _value(text: str) -> Decimal:
    """A figure as printed; ``<0.01`` counts as 0, as a reader adding a column does."""
    return Decimal(0) if text.startswith("<") else Decimal(text.replace(",", ""))


@given(COLUMNS)
def test_a_column_reads_to_one_count_of_decimals(column: list[float]) -> None:
    """Every figure of a column is written to the same number of decimals, but exactly nothing.

    A figure that is 0 to the gram reads ``0`` whatever the column's decimals (``0.00``
    read as a trace rounded away).
    """
    decimals = figure_decimals(column)
    texts = {v: column_text(v, decimals) for v in column}
    assert {_decimals_of(t) for v, t in texts.items() if v} <= {decimals}
    assert all(t == "0" for v, t in texts.items() if not v)


@given(COLUMNS)
def test_a_nonzero_figure_never_reads_zero(column: list[float]) -> None:
    """A figure the files give as nonzero has a nonzero digit or reads as below a step."""
    decimals = figure_decimals(column)
    for v in column:
        text = column_text(v, decimals)
        assert (_value(text) != 0 or text.startswith("<")) == (v != 0), (v, text)


@given(COLUMNS)
def test_a_big_figure_never_reads_finer_than_a_hundredth(column: list[float]) -> None:
    """A column holding a figure of 100 or more takes at most 2 decimals, a gram aside."""
    if any(v >= 100 for v in column):
        assert figure_decimals(column) <= COARSE_DECIMALS


@given(COLUMNS)
def test_a_sentences_figures_read_alike(figures: list[float]) -> None:
    """Figures said together share their decimals; only exactly nothing reads ``0``."""
    said = said_together(*figures)
    assert len({_decimals_of(t) for t, v in zip(said, figures, strict=True) if v}) <= 1
    assert all((t == "0") == (v == 0) for t, v in zip(said, figures, strict=True))


@given(st.lists(TONNES, min_size=2, max_size=10))
def test_parts_add_up_to_their_total_as_printed(parts: list[float]) -> None:
    """A column and its total row: the printed parts sum to the printed total."""
    total = to_gram(sum(parts))
    decimals = figure_decimals([*parts, total])
    said = summed_figures(parts, total, decimals)
    texts = [summed_text(float(d), v, decimals) for d, v in zip(said, [*parts, total], strict=True)]
    assert sum((_value(t) for t in texts[:-1]), Decimal(0)) == _value(texts[-1]), texts
    assert {_decimals_of(t) for t, v in zip(texts, [*parts, total], strict=True) if v} <= {decimals}
    shown = zip(texts[:-1], parts, strict=True)
    assert all((_value(t) != 0 or t.startswith("<")) == (v != 0) for t, v in shown)
