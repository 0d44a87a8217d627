"""A table rounded to add up to totals that each read as they round alone.

The requirements by unit said 1,303.81 t consumed and by commodity 1,303.80 (of
1,303.808 t): each view's totals were the sums of its own rounded cells. Now every column's
total and the grand total is its exact value rounded alone, and the cells add up to them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain.margins import MOST_ADDED_ROWS, added_table
from supplyline.domain.rounding import gram_decimal

figures = st.one_of(
    st.floats(min_value=0, max_value=50_000, allow_nan=False).map(lambda x: round(x, 6)),
    st.integers(0, 4_000).map(lambda k: k / 200),  # halves and quarters of a last digit
    st.just(0.0),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[float]], int]:
    """A matrix of non-negative figures (0 to 12 rows, 1 to 4 columns) and its decimals."""
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(figures, min_size=width, max_size=width), max_size=12))
    return rows, draw(st.integers(0, 4))


def _alone(exact: Decimal, step: Decimal) -> Decimal:
    return exact.quantize(step, rounding=ROUND_HALF_UP)


@settings(max_examples=400, deadline=None)
@given(tables())
def test_the_table_adds_up_to_its_totals_each_rounded_alone(
    table: tuple[list[list[float]], int],
) -> None:
    """Totals rounded alone; cells within a step; every column, and each row but the named."""
    rows, decimals = table
    step = Decimal(1).scaleb(-decimals)
    exact = [[gram_decimal(v) for v in row] for row in rows]
    width = len(rows[0]) if rows else 0
    columns = [sum((row[j] for row in exact), Decimal(0)) for j in range(width)]
    said = added_table(rows, decimals)
    grand = _alone(sum(columns, Decimal(0)), step)
    assert said.totals == [*(_alone(c, step) for c in columns), grand]
    for shown, true in zip(said.rows, exact, strict=True):
        assert all(abs(s - t) < step for s, t in zip(shown, [*true, sum(true)], strict=True))
    for j in range(width + 1):  # down each column, the rows' totals too
        assert sum((row[j] for row in said.rows), Decimal(0)) == said.totals[j]
    offs = [sum(row[:-1], Decimal(0)) - row[-1] for row in said.rows]
    assert {i for i, off in enumerate(offs) if off} == set(said.unsummed)
    mismatch = sum(said.totals[:-1], Decimal(0)) - said.totals[-1]
    assert sum(abs(off) for off in offs) == abs(mismatch)  # no row gives way needlessly
    if width == 2:  # consumption and build-up: each such row one last digit off
        assert all(abs(offs[i]) == step for i in said.unsummed)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_totals_given_round_alone_and_the_cells_add_up_to_them(
    table: tuple[list[list[float]], int],
) -> None:
    """Totals given beside the rows (within a gram of their sums) are the ones rounded."""
    rows, decimals = table
    width = len(rows[0]) if rows else 1
    sums = [sum(row[j] for row in rows) for j in range(width)]
    said = added_table(rows, decimals, [*sums, sum(sums)])
    step = Decimal(1).scaleb(-decimals)
    assert said.totals[-1] == _alone(gram_decimal(sum(sums)), step)
    for j in range(width):
        assert said.totals[j] == _alone(gram_decimal(sums[j]), step)
        assert sum((row[j] for row in said.rows), Decimal(0)) == said.totals[j]


def test_a_row_gives_way_where_the_totals_alone_cannot_add_up() -> None:
    """1.5 + 1.5 t read 2 + 2 beside 3: one row's total reads one off its parts, named."""
    said = added_table([[1.0, 0.5], [0.5, 1.0]], 0)
    assert said.totals == [Decimal(2), Decimal(2), Decimal(3)]
    assert len(said.unsummed) == 1
    row = said.rows[said.unsummed[0]]
    assert abs(row[0] + row[1] - row[2]) == 1


def test_totals_the_rows_cannot_reach_are_refused() -> None:
    """Totals that are not the rows' sums are a caller's mistake, said as such."""
    with pytest.raises(ValueError, match="not the rows' sums"):
        added_table([[1.0, 2.0]], 0, [5.0, 2.0, 7.0])
    with pytest.raises(ValueError, match="parts"):
        added_table([[1.0, 2.0], [1.0]], 0)


def test_a_table_too_long_to_round_so_has_each_figure_rounded_alone() -> None:
    """Past MOST_ADDED_ROWS the search would take minutes: each figure rounds alone, said so.

    A requirements table of 10,000 rows had taken 496 s to print.
    """
    rows = [[0.125, 0.125]] * (MOST_ADDED_ROWS + 1)  # 0.13 + 0.13 beside 0.25 on each row
    said = added_table(rows, 2)
    assert said.alone
    assert said.rows[0] == [Decimal("0.13"), Decimal("0.13"), Decimal("0.25")]
    assert said.totals == [Decimal("50.13"), Decimal("50.13"), Decimal("100.25")]
    assert not added_table(rows[:MOST_ADDED_ROWS], 2).alone


def test_totals_off_by_float_error_have_each_figure_rounded_alone() -> None:
    """The tester's 73,180,003,658,000 t to 0.01 t: more digits than a float holds.

    Its total, summed in another order than the rows, missed their sum by 0.01256 t, more
    than a last digit: the table ended in "the grand total given is not the rows' sum".
    Within float error of the figures, each figure rounds alone, and the table says why.
    """
    rows = [[73180003658000.0, 1000.0], [369659036.58, 0.01], [11708800.0, 0.0]]
    sums = [73180385025836.58, 1000.01]
    grand = 73180385026836.60  # the rows' sum is ...836.59
    said = added_table(rows, 2, [*sums, grand])
    assert (said.alone, said.beyond_floats) == (True, True)
    assert said.totals[-1] == Decimal("73180385026836.60")
    assert said.rows[0] == [
        Decimal("73180003658000.00"),
        Decimal("1000.00"),
        Decimal("73180003659000.00"),
    ]
    assert not added_table(rows, 2).beyond_floats  # the rows' own sums: rounded to add up


def test_a_total_off_by_more_than_float_error_is_still_refused() -> None:
    """A gram off below a float's digits is no float error: a caller's mistake, raised."""
    with pytest.raises(ValueError, match="not the rows' sums"):
        added_table([[1000.0, 2.0]], 2, [1000.02, 2.0, 1002.02])
