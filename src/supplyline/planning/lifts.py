"""A bottleneck's bounds raised in the HiGHS session while it is measured, and put back.

How a resource is raised as the scenario would say it (a store's extra on its
``storage_t``; stock on hand at a source taking room in its store), the token price on
its use while it is unlimited, and restoring it all: apart from what the measuring does
with the re-solves (:mod:`supplyline.planning.measure`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import ResourceKind
from supplyline.planning.assemble import Problem, on_hand_room
from supplyline.planning.highs import HighsSession
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.resources import Run, rows_to_lift

__all__ = ["USAGE_PRICE", "Lift", "Room", "lift_of", "priced"]

FloatArray = npt.NDArray[np.float64]


USAGE_PRICE = 1e-3
"""Per tonne through a lifted resource, times the scenario's cost scale, while measuring
what unlimited capacity buys. Without it the unlimited re-solve is free to push more
than it needs through the resource (one of many optima) and overstates the extra; with
it, it uses the least, while the price stays far below a tonne-day of lateness or
shortfall (and above HiGHS's tolerance once the objective is scaled)."""


def _using_columns(m: LpModel, idx: IntArray, cols: bool) -> IntArray:
    """The columns whose values count against the lifted rows (or the columns themselves)."""
    if cols:
        return idx
    used: IntArray = np.unique(m.matrix.tocsr()[idx, :].indices).astype(np.int64)
    return used


@dataclass(slots=True)
class Lift:
    """One resource's bounds to raise while measuring, and how to put them back."""

    idx: IntArray
    old: FloatArray
    setter: Callable[[IntArray, FloatArray], None]
    cols: bool
    using: IntArray
    bound: Callable[[float], FloatArray] | None = None
    """The bounds of ``idx`` for an extra, where not ``old + extra``."""
    room: Room | None = None
    """A store's rows that more on hand crowds, where the extra is stock on hand."""

    def to(self, more: float) -> None:
        """Raise the resource by ``more`` over what the scenario gives (crowding its store)."""
        self.setter(self.idx, self.old + more if self.bound is None else self.bound(more))
        if self.room is not None:
            self.room.crowd(more)

    def unlimited(self) -> None:
        """Take the resource's bounds away, to see what it could buy."""
        self.setter(self.idx, np.full(len(self.idx), np.inf))
        if self.room is not None:
            self.room.crowd(0.0)  # unlimited on hand is never drawn beyond what it needs

    def restore(self) -> None:
        """Put the scenario's bounds back."""
        self.setter(self.idx, self.old)
        if self.room is not None:
            self.room.crowd(0.0)


@dataclass(slots=True)
class Room:
    """A store's storage rows, whose room is what ``storage_t`` leaves of what is on hand."""

    rows: IntArray
    storage_t: float
    on_hand_t: float
    setter: Callable[[IntArray, FloatArray], None]

    def upper(self, storage_t: float, on_hand_t: float) -> FloatArray:
        """The rows' bound: the larger of ``storage_t`` and what is on hand, less the latter."""
        return np.full(len(self.rows), max(storage_t, on_hand_t) - on_hand_t)

    @property
    def free(self) -> float:
        """The store's room the plan has beyond what is on hand."""
        return float(self.upper(self.storage_t, self.on_hand_t)[0])

    def crowd(self, more_on_hand: float) -> None:
        """Set the rows' room as it is with ``more_on_hand`` tonnes more on hand."""
        self.setter(self.rows, self.upper(self.storage_t, self.on_hand_t + more_on_hand))


def lift_of(p: Problem, m: LpModel, session: HighsSession, run: Run) -> Lift:
    """How to raise a run's resource as the scenario would say it.

    A store's extra is on its ``storage_t``, and its room is what that leaves of what is on
    hand; an extra on hand at a source takes room in its store. A tester's store holding
    more than its ``storage_t`` on hand was offered +50 t where raising ``storage_t`` by 50
    bought 30, and +20 t on hand "removed 20 t" in a full store.
    """
    idx = np.array(run.cols or rows_to_lift(p, m, run), dtype=np.int64)
    lift = Lift(
        idx=idx,
        old=(m.col_upper if run.cols else m.row_upper)[idx],
        setter=session.set_col_upper if run.cols else session.set_row_upper,
        cols=bool(run.cols),
        using=_using_columns(m, idx, bool(run.cols)),
    )
    if run.kind not in (ResourceKind.STORAGE, ResourceKind.SUPPLY):
        return lift
    place = run.key[1]  # a store's or a source's location
    on_hand = float(on_hand_room(p.scenario, p.net)[0][place])
    storage_t = float(p.net.storage[place])
    if run.kind is ResourceKind.STORAGE:
        room = Room(idx, storage_t, on_hand, session.set_row_upper)
        # on top of the room the plan has: what is on hand where that is more than
        # storage_t (an auditor's +7 t on storage_t 0 under 20 t on hand bought nothing)
        lift.bound = lambda more: room.upper(max(storage_t, on_hand) + more, on_hand)
        return lift
    sup = m.cols["supply"]
    if (
        np.isfinite(storage_t)
        and "storage" in m.rows
        and (sup["on_hand"][idx - sup.start] == 1).any()
    ):
        b = m.rows["storage"]
        rows = b.start + np.flatnonzero(b["v"] == place)
        lift.room = Room(rows, storage_t, on_hand, session.set_row_upper)
    return lift


def priced(p: Problem, m: LpModel, session: HighsSession, lifts: list[Lift], on: bool) -> None:
    """Put the token usage price on (or off) the columns that use the lifted resources."""
    price = USAGE_PRICE * p.cost_scale if on else 0.0
    for lift in lifts:
        session.set_col_cost(lift.using, m.cost[lift.using] + price)
