"""Which flow each column and row of the LP belongs to: the model's block structure.

The movement plan is a multicommodity flow: every flow (a commodity, or one unit's
deployment) has its own conservation rows and columns, and the flows meet only in the
capacity rows (links, handling, storage). Without those rows the LP falls apart into one
small, independent min-cost-flow LP per flow. :mod:`supplyline.planning.block_start`
solves those pieces apart and joins their optimal bases into a start for the whole LP.

A column or row block that carries a flow attribute (``f``; for the units' own blocks,
the commodity ``k``, which is the goods flow's number: the builder numbers goods flows
as the demand's commodities) is private to that flow; every other row is shared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supplyline.planning.model import Block, IntArray, LpModel

__all__ = ["Partition", "flow_attr", "partition"]

SHARED = -1
"""The flow number of a row that several flows share (a capacity)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Partition:
    """The flow of every column and every row (:data:`SHARED` for capacity rows)."""

    col_flow: IntArray
    row_flow: IntArray

    @property
    def flows(self) -> IntArray:
        """The flows that own at least one column, in order."""
        found: IntArray = np.unique(self.col_flow)
        return found


def flow_attr(block: Block) -> str | None:
    """The attribute that names a block's flow (None for a block that flows share)."""
    for attr in ("f", "k"):
        if attr in block.attrs:
            return attr
    return None


def _flow_of(block: Block) -> IntArray:
    attr = flow_attr(block)
    return np.full(block.size, SHARED, dtype=np.int64) if attr is None else block[attr]


def partition(model: LpModel) -> Partition:
    """Number every column and row by the flow that owns it.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning.assemble import build_model, prepare
    >>> from supplyline.planning.params import PlanParams
    >>> part = partition(build_model(prepare(*one_link(capacity_t_per_day=5.0), PlanParams())))
    >>> sorted(set(part.row_flow.tolist()))  # flow 0, and the link's capacity rows
    [-1, 0]
    """
    col_flow = np.full(model.num_cols, SHARED, dtype=np.int64)
    for block in model.cols.values():
        col_flow[block.start : block.start + block.size] = _flow_of(block)
    if np.any(col_flow == SHARED):
        raise ValueError("every column must belong to a flow (a column block lacks f or k)")
    row_flow = np.full(model.num_rows, SHARED, dtype=np.int64)
    for block in model.rows.values():
        row_flow[block.start : block.start + block.size] = _flow_of(block)
    return Partition(col_flow=col_flow, row_flow=row_flow)
