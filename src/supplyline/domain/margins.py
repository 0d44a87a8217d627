"""A table rounded to add up to totals fixed beforehand: each total as it reads alone.

The requirements are printed by unit and by commodity, and both tables end in the same
totals, said again in the line under them. Rounded so that the cells added up (a
controlled rounding whose totals were each its exact value rounded down or up), the two
views read those totals differently: 1,303.81 t consumed by unit, 1,303.80 by commodity,
of 1,303.808 t. Here every column's total and the grand total read as they round alone,
so they read alike in both views, and the cells are rounded down or up to add up to them
(a controlled rounding with fixed margins, found as the cheapest circulation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from supplyline.domain.circulation import Edge, cheapest_circulation
from supplyline.domain.rounding import gram_decimal
from supplyline.types import GRAM_DECIMALS

__all__ = ["MOST_ADDED_ROWS", "AddedTable", "added_table"]


@dataclass(frozen=True, slots=True)
class AddedTable:
    """A table's figures as shown: rows of parts and their total, then the totals row."""

    rows: list[list[Decimal]]
    """Each row's parts, then the row's total."""
    totals: list[Decimal]
    """Each column's total, then the grand total: each its exact value rounded alone."""
    unsummed: tuple[int, ...]
    """The rows whose total reads one last digit off the sum of their parts as shown.

    None, unless the columns' totals rounded alone do not add up to the grand total rounded
    alone (1.5 + 1.5 read 2 + 2 beside 3): then the cells cannot add up both ways, and
    the fewest rows (one for a table of two parts) give way, each by one step."""
    alone: bool = False
    """Whether every figure is rounded alone, the table being longer than
    :data:`MOST_ADDED_ROWS` or :attr:`beyond_floats`: its rows and columns may then miss
    their totals."""
    beyond_floats: bool = False
    """Whether the figures are rounded alone because they have more digits than a float
    holds, so that the totals given miss the rows' sums by more than a last digit shown.

    A float keeps some 16 significant digits: a tester's 73,180,003,658,000 t of food to
    0.01 t has 16, and its total, summed in another order than the rows, read 0.02 t off
    their sum; no rounding of the rows could add up to it, and ``requirements`` ended in a
    traceback."""


FLOAT_SLACK_BITS = 40
"""How far a total given may be off its rows' sum and be float error: 2**-40 of the
figures' sizes (a float's own step is 2**-53 of it; a sum of a billion floats in numpy's
pairwise order is off by at most some 30 of those). Below 2**40 grams (1.1 million t) no
gram, so the totals given must be the rows' sums as the rounding reads them."""

MOST_ADDED_ROWS = 400
"""The longest table rounded to add up; a longer one has each figure rounded alone.

The rounding is a cheapest circulation found by successive shortest paths, whose time
grows faster than the square of the rows: measured on this 2-core machine, 0.02 s at 100
rows of two parts, 0.17 s at 300, 2.0 s at 1,000, 12 s at 2,000, and a requirements
table of 500 units × 20 goods (10,000 rows) took 496 s to print."""


def added_table(
    rows: Sequence[Sequence[float]], decimals: int, totals: Sequence[float] | None = None
) -> AddedTable:
    """Each row's parts and their sum to ``decimals``, adding up across and down.

    Every column's total and the grand total is its exact value (to the gram) rounded
    alone, a half away from zero (:func:`~supplyline.domain.rounding.rounded`); ``totals``
    gives those exact values (each column's, then the grand total) where the rows are
    not all the figures (the requirements' whole sums); else the rows' sums. Each row's
    total is its exact sum rounded alone where the totals allow, else rounded the other
    way; each part is its exact value rounded down or up; the parts add up down each
    column to its total, the rows' totals to the grand total, and each row's parts to its
    total, but for the :attr:`AddedTable.unsummed` rows. Of the roundings that do so, the
    one with the fewest unsummed rows, then the fewest row totals not as they round
    alone, then the closest to the exact figures.

    >>> t = added_table([[104.615, 7.2175], [2.825, 0.195]], 2)
    >>> [[str(d) for d in row] for row in t.rows], [str(d) for d in t.totals]
    ([['104.61', '7.22', '111.83'], ['2.83', '0.19', '3.02']], ['107.44', '7.41', '114.85'])
    >>> t = added_table([[0.5, 1.0], [1.0, 0.5]], 0)
    >>> [[str(d) for d in row] for row in t.rows], [str(d) for d in t.totals], t.unsummed
    ([['1', '1', '1'], ['1', '1', '2']], ['2', '2', '3'], (0,))
    """
    width = len(rows[0]) if rows else (len(totals) - 1 if totals else 0)
    if any(len(row) != width for row in rows) or (totals and len(totals) != width + 1):
        raise ValueError(f"every row needs {width} parts, and the totals {width + 1} figures")
    if not 0 <= decimals <= GRAM_DECIMALS:
        raise ValueError(f"decimals(={decimals}) must be from 0 to {GRAM_DECIMALS}")
    step = 10 ** (GRAM_DECIMALS - decimals)  # one last digit shown, in grams
    grams = [[_grams(v) for v in row] for row in rows]
    sums = [sum(row) for row in grams]
    exact = [_grams(v) for v in totals] if totals else [*map(sum, zip(*grams, strict=True))]
    if not totals:
        exact = [*(exact or [0] * width), sum(sums)]
    fixed = [_alone(g, step) for g in exact]
    unit = Decimal(1).scaleb(-decimals)
    beyond_floats = not _reachable(grams, sums, fixed, step)
    if beyond_floats and not _float_error(grams, exact):
        raise ValueError("the totals given are not the rows' sums: no rounding adds up to them")
    if len(rows) > MOST_ADDED_ROWS or beyond_floats:
        alone = [[_alone(g, step) for g in [*row, s]] for row, s in zip(grams, sums, strict=True)]
        return AddedTable(
            rows=[[unit * v for v in row] for row in alone],
            totals=[unit * v for v in fixed],
            unsummed=(),
            alone=True,
            beyond_floats=beyond_floats,
        )
    said = _apportioned(grams, sums, fixed, step)
    shown = [[unit * v for v in row] for row in said[0]]
    return AddedTable(rows=shown, totals=[unit * v for v in fixed], unsummed=said[1])


def _grams(value: float) -> int:
    """A figure in whole grams, as the files give it."""
    return int(gram_decimal(value).scaleb(GRAM_DECIMALS))


def _alone(grams: int, step: int) -> int:
    """``grams`` in whole steps, rounded alone: a half away from zero."""
    return int((Decimal(grams) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _reachable(grams: list[list[int]], sums: list[int], fixed: list[int], step: int) -> bool:
    """Whether the cells rounded down or up can add up to the ``fixed`` totals, in steps.

    Each column's total lies between its cells' floors and ceilings summed, and the grand
    total between the rows' totals' (the rows' totals give way to the columns' where those
    do not add up to it: :attr:`AddedTable.unsummed`).
    """
    width = len(fixed) - 1
    columns = [[row[j] for row in grams] for j in range(width)]
    ranges = [(sum(g // step for g in col), sum(-(-g // step) for g in col)) for col in columns]
    ranges.append((sum(s // step for s in sums), sum(-(-s // step) for s in sums)))
    return all(low <= said <= high for (low, high), said in zip(ranges, fixed, strict=True))


def _float_error(grams: list[list[int]], exact: list[int]) -> bool:
    """Whether each total given is within float error of its rows' sum (:data:`FLOAT_SLACK_BITS`).

    The totals the requirements give are sums of the whole table, taken in another order
    than the rows': beyond a float's digits they differ, by grams or tonnes, where below
    them they agree to the gram. Anything more is a bug, which :func:`added_table` raises.
    """
    width = len(exact) - 1
    sums = [*(sum(row[j] for row in grams) for j in range(width)), sum(map(sum, grams))]
    size = sum(abs(g) for row in grams for g in row) + sum(map(abs, exact))
    slack = size >> FLOAT_SLACK_BITS
    return all(abs(given - summed) <= slack for given, summed in zip(exact, sums, strict=True))


def _apportioned(
    grams: list[list[int]], sums: list[int], fixed: list[int], step: int
) -> tuple[list[list[int]], tuple[int, ...]]:
    """The cells and the rows' totals in whole steps, and the unsummed rows.

    Nodes: 0 a hub, 1 the total column, 2 the pool of steps the unsummed rows give, then
    the rows, then the columns. A row's steps up come from the total column (its total's
    floor over its parts' floors, and one more if its total rounds up) or from the pool,
    and go to the columns (one a cell rounded up), each of which takes its total's.
    """
    n, m = len(grams), len(fixed) - 1
    floors = [[g // step for g in row] for row in grams]
    low = [sum(row) for row in floors]
    column_low = [sum(col) for col in zip(*floors, strict=True)] if n else [0] * m
    grand = fixed[m]
    closeness = (n * m + n) * step  # more than the cells' and totals' costs summed
    alone_cost = 2 * closeness + 1  # a row total not as it rounds alone
    unsummed_cost = (n + 2) * alone_cost  # a row whose parts miss its total
    hub, total_node, pool = 0, 1, 2
    edges: list[Edge] = []
    pooled = sum(fixed[:m]) - grand
    edges.append(
        (hub, pool, pooled, pooled, 0) if pooled >= 0 else (pool, hub, -pooled, -pooled, 0)
    )
    edges.append((hub, total_node, grand - sum(low), grand - sum(low), 0))
    for j in range(m):
        need = fixed[j] - column_low[j]
        edges.append((3 + n + j, hub, need, need, 0))
    row_edges = len(edges)
    for i, s in enumerate(sums):
        floor_total, rest = divmod(s, step)
        edges.append((total_node, 3 + i, floor_total - low[i], floor_total - low[i], 0))
        if rest:
            up_alone = _alone(s, step) > floor_total
            cost = step - 2 * rest + (-alone_cost if up_alone else alone_cost)
            edges.append((total_node, 3 + i, 0, 1, cost))
        edges.append((pool, 3 + i, 0, m, unsummed_cost))
        edges.append((3 + i, pool, 0, m, unsummed_cost))
    cells = [
        (i, j) for i, row in enumerate(grams) for j, g in enumerate(row) if g - floors[i][j] * step
    ]
    first_cell = len(edges)
    for i, j in cells:
        rest = grams[i][j] - floors[i][j] * step
        edges.append((3 + i, 3 + n + j, 0, 1, step - 2 * rest))
    flow = cheapest_circulation(3 + n + m, edges)
    if flow is None:  # the pool lets any row give way: a table always has one
        raise ArithmeticError("no rounding of the table adds up to its totals")
    for (i, j), up in zip(cells, flow[first_cell:], strict=True):
        floors[i][j] += up
    said_totals = [0] * n
    off = [0] * n
    for (u, v, *_), f in zip(edges[row_edges:first_cell], flow[row_edges:first_cell], strict=True):
        if u == total_node:
            said_totals[v - 3] += f
        elif u == pool:
            off[v - 3] += f
        else:
            off[u - 3] -= f
    said = [[*row, low[i] + said_totals[i]] for i, row in enumerate(floors)]
    return said, tuple(i for i in range(n) if off[i])
