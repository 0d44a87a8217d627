"""What HiGHS is given beyond a model's own arrays: rows added to it, a column for none.

The turn-back rows (:mod:`~supplyline.planning.turn_back`) are added to a session's model
where its solution breaks them, and all of them to the copy an MPS file is written from;
a model of no columns is written with one column fixed at 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import highspy
import numpy as np

from supplyline.errors import SolverError

if TYPE_CHECKING:
    from supplyline.planning.turn_back import NewRows

__all__ = ["add_fixed_zero_column", "add_rows"]


def add_fixed_zero_column(h: highspy.Highs) -> None:
    """Give a model of no columns one column fixed at 0, so that HiGHS solves it to its offset.

    A plan where no unit can deploy or be supplied is its shortfall penalties alone, a
    constant; written with no columns, HiGHS read the offset back (600) and then reported
    an "Empty" model with objective 0 (a tester's 5 of 166 random scenarios), as if the
    file or the plan were wrong. The column costs nothing and can take no value but 0.
    """
    h.addCol(0.0, 0.0, 0.0, 0, np.empty(0, dtype=np.int32), np.empty(0))
    h.passColName(0, "nothing_to_decide")


def add_rows(h: highspy.Highs, rows: NewRows, names: Sequence[str] = ()) -> None:
    """Add turn-back ``rows`` (each ≤ 0) after ``h``'s own, named ``names`` (or not)."""
    first = h.getNumRow()
    n = rows.count
    lower, upper = np.full(n, -highspy.kHighsInf), np.zeros(n)
    if h.addRows(n, lower, upper, len(rows.cols), rows.starts, rows.cols, rows.values) == (
        highspy.HighsStatus.kError
    ):
        raise SolverError("HiGHS refused the turn-back rows (addRows returned an error)")
    for i, name in enumerate(names):
        h.passRowName(first + i, name)
