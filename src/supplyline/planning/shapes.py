"""Flows whose LPs have the same shape, so that one's optimal basis can start another's.

Why: the goods flows of an operation often run over the same network, from the same
depots to the same units: their LPs alone (see :mod:`supplyline.planning.block_start`)
have the same columns and rows and differ in supplies, demands and shortfall penalties.
One flow's optimal basis is then a basis of another's, still dual feasible wherever
their costs agree, and the dual simplex only repairs what the other's supplies and
demands change. Measured on corridor-I's goods flows (32,691 columns × 7,978 rows, one
thread): 20-23k iterations and 2.3-3.7 s each from a cold start; from the first flow's
basis, 62-2,070 iterations and 0.02-0.68 s, to the same objectives.

Two flows have the same shape when their columns and rows match one to one on
everything but the flow: the block (arc, stock, …) and the other attributes (arc, day,
location, unit, owner). Flows of nearly the same shape (a depot that stocks one goods
but not another) start from each other too: what only one has is filled in, and the
dual simplex starts from there. Flows alike in nothing are solved cold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

from supplyline.planning.model import Block, IntArray, LpModel
from supplyline.planning.partition import flow_attr

__all__ = ["LIKE_SHARE", "Shapes", "Statuses", "apart", "same_shapes"]

_KEY_LIMIT = 2**62
"""Keys that would need more are numbered densely instead of by their attributes' ranges."""


def _tuple_numbers(attrs: list[IntArray], size: int) -> IntArray:
    """A number per tuple of attribute values, the same for equal tuples within the block."""
    if not attrs:
        return np.zeros(size, dtype=np.int64)
    lows = [int(a.min()) if size else 0 for a in attrs]
    dims = [int(a.max()) - low + 1 if size else 1 for a, low in zip(attrs, lows, strict=True)]
    if int(np.prod(np.array(dims, dtype=object))) < _KEY_LIMIT:
        shifted = tuple(a - low for a, low in zip(attrs, lows, strict=True))
        return np.ravel_multi_index(shifted, dims).astype(np.int64)
    _, numbers = np.unique(np.stack(attrs, axis=1), axis=0, return_inverse=True)
    return numbers.reshape(-1).astype(np.int64)


def _keys(blocks: Mapping[str, Block], total: int) -> IntArray:
    """Each column's (or row's) key: its block and its attributes, the flow left out.

    One outside every block keeps a key of its own (negative: alike only to itself).
    """
    keys = -1 - np.arange(total, dtype=np.int64)
    for number, block in enumerate(blocks.values()):
        own = flow_attr(block)
        attrs = [values for name, values in block.attrs.items() if name != own]
        numbers = _tuple_numbers(attrs, block.size)
        if block.size and int(numbers.max()) >= _KEY_LIMIT // max(1, len(blocks)):
            numbers = np.unique(numbers, return_inverse=True)[1].reshape(-1)
        keys[block.start : block.start + block.size] = numbers * len(blocks) + number
    return keys


LIKE_SHARE = 0.9
"""A piece starts from another's basis when, of the columns either has, at least this share
both have, and likewise of the rows (their Jaccard likeness; the most alike leader of a
group is taken). A unit's deployment
does not start from a goods flow's basis: on corridor-I their flows share 2/3 of their
columns, and from a goods basis they took 4-14k iterations, 0.1-0.5 s, against 7-429
iterations, 0.1-0.2 s, cold (where presolve does most of the work). Measured on
corridor-I with one hub's stock of one goods taken away: the goods flow that lost it
(32,653 × 7,971) took 20,103 iterations, 3.05 s cold, and 9,623 iterations, 0.38 s from
another goods flow's basis."""

_BASIC = highspy.HighsBasisStatus.kBasic
_LOWER = highspy.HighsBasisStatus.kLower
Statuses = list[highspy.HighsBasisStatus]
"""One HiGHS basis status per column (or per row)."""


@dataclass(frozen=True, slots=True)
class _Keyed:
    """One piece's column and row keys, sorted, and where each sorted key came from."""

    cols: IntArray
    col_order: IntArray
    rows: IntArray
    row_order: IntArray

    def likeness(self, other: _Keyed) -> float:
        """Keys in both over keys in either (Jaccard), of the columns or of the rows if less."""
        worst = 1.0
        for mine, theirs in ((self.cols, other.cols), (self.rows, other.rows)):
            if min(len(mine), len(theirs)) < LIKE_SHARE * max(len(mine), len(theirs)):
                return 0.0  # too different in size to be alike enough
            both = int(np.count_nonzero(np.isin(mine, theirs, assume_unique=True)))
            worst = min(worst, both / max(1, len(mine) + len(theirs) - both))
        return worst


@dataclass(frozen=True, slots=True)
class Shapes:
    """Pieces of the LP grouped by shape, and how to carry a basis between two of a group."""

    groups: tuple[tuple[int, ...], ...]
    """Indices of the pieces, one tuple per group; the first of each leads (solved cold)."""
    keyed: tuple[_Keyed, ...]

    def followers(self, leader: int) -> tuple[int, ...]:
        """The pieces that start from ``leader``'s basis (none unless it leads a group)."""
        for group in self.groups:
            if group[0] == leader:
                return group[1:]
        return ()

    def carry(
        self, leader: int, follower: int, col_status: Statuses, row_status: Statuses
    ) -> tuple[Statuses, Statuses]:
        """``leader``'s optimal basis as a basis of ``follower``.

        Columns and rows that only the follower has are put at their lower bound and
        basic; then, if the count of basic variables is off, row slacks are made basic or
        nonbasic (those of the follower's own rows first) until there is one per row.
        HiGHS repairs a singular start by putting slacks in.
        """
        lead, follow = self.keyed[leader], self.keyed[follower]
        cols, _ = _carried(
            col_status, lead.cols, lead.col_order, follow.cols, follow.col_order, _LOWER
        )
        rows, own = _carried(
            row_status, lead.rows, lead.row_order, follow.rows, follow.row_order, _BASIC
        )
        surplus = int(np.count_nonzero(cols == _BASIC) + np.count_nonzero(rows == _BASIC))
        surplus -= len(rows)
        if surplus:
            wanted = _LOWER if surplus > 0 else _BASIC
            order = np.concatenate([np.flatnonzero(own), np.flatnonzero(~own)])
            flip = order[rows[order] != wanted][: abs(surplus)]
            rows[flip] = wanted
        return list(cols), list(rows)


def _carried(
    status: Statuses,
    lead_keys: IntArray,
    lead_order: IntArray,
    keys: IntArray,
    order: IntArray,
    default: highspy.HighsBasisStatus,
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    """The follower's statuses from the leader's by key, and where the leader had none.

    ``keys`` are the follower's sorted keys, ``order`` where each came from; a key the
    leader lacks gets ``default``.
    """
    out: npt.NDArray[np.object_] = np.full(len(keys), default, dtype=object)
    own = np.ones(len(keys), dtype=bool)
    if len(lead_keys):
        pos = np.minimum(np.searchsorted(lead_keys, keys), len(lead_keys) - 1)
        found = lead_keys[pos] == keys
        out[order[found]] = np.asarray(status, dtype=object)[lead_order][pos[found]]
        own[order[found]] = False
    return out, own


def apart(count: int) -> Shapes:
    """Every piece a group of its own (no basis carried)."""
    return Shapes(groups=tuple((i,) for i in range(count)), keyed=())


def same_shapes(model: LpModel, jobs: Sequence[tuple[IntArray, IntArray]]) -> Shapes:
    """Group the pieces (columns, rows) of ``model`` by shape, largest first.

    A piece follows the most alike leader if their likeness is at least
    :data:`LIKE_SHARE` (1 for an identical shape), else leads a group of its own.

    >>> from supplyline.planning.examples import gauge_break
    >>> from supplyline.planning.assemble import build_model, prepare
    >>> from supplyline.planning.block_start import flow_parts
    >>> from supplyline.planning.params import PlanParams
    >>> from supplyline.planning.partition import partition
    >>> model = build_model(prepare(*gauge_break(), PlanParams()))
    >>> same_shapes(model, flow_parts(partition(model))).groups  # fuel and food alike
    ((0, 1),)
    """
    col_keys = _keys(model.cols, model.num_cols)
    row_keys = _keys(model.rows, model.num_rows)
    keyed: list[_Keyed] = []
    for cols, rows in jobs:
        col_order = np.argsort(col_keys[cols], kind="stable")
        row_order = np.argsort(row_keys[rows], kind="stable")
        keyed.append(
            _Keyed(col_keys[cols][col_order], col_order, row_keys[rows][row_order], row_order)
        )
    groups: dict[int, list[int]] = {}  # by leader
    for i in sorted(range(len(jobs)), key=lambda i: (-len(jobs[i][1]), -len(jobs[i][0]), i)):
        likeness = {lead: keyed[i].likeness(keyed[lead]) for lead in groups}
        best = max(likeness, key=lambda lead: likeness[lead], default=None)
        if best is not None and likeness[best] >= LIKE_SHARE:
            groups[best].append(i)
        else:
            groups[i] = [i]
    return Shapes(groups=tuple(tuple(group) for group in groups.values()), keyed=tuple(keyed))
