"""The fallback plan's last repair: its deliveries kept, each unit's own stock settled.

Why: the fallback (:mod:`supplyline.planning.fallback`, then
:mod:`supplyline.planning.best_response`) mixes each flow's optimum with its do-nothing
plan. A mix of two plans is a plan, but its slack columns are mixes too, and a mix of
two tight slacks is not tight: an auditor's fallback said a unit was 10.80 t below its
days-of-supply target every day while its held stock alternated 8.04 / 10.73 t against a
target of 18.85 t (2.68 t overstated on six days), and ten fallbacks went short of food
while the unit held 8-16 t of it (a mix of going short early and holding). A flow whose
best response was made is tight; one the time limit left as mixed is not.

:func:`settle_plan` keeps every movement and, first, re-solves by HiGHS what depots
keep and draw at the places units receive goods, with what those units receive, hold,
eat and go short of (every other column held as it is): where a unit goes short beside
stock at its own place, the plan draws it (an auditor's fallback left inp0 short of food
on eight days while its camp's store held 0.7-11 t of it). With the movements held the
LP falls apart into a small chain per place and unit: corridor-S's 45k columns leave
6,960 (36-42 ms), corridor-I's 327k leave 34,428 (217-223 ms). It runs until the user's
deadline, not past it (no few milliseconds to take beyond a user's time limit), and is
skipped if not proven optimal by then: the plan then says so (:attr:`Settled.by_place`,
up to ``SolveStats.places_unsettled`` and the notes of the summary, plan.json and the
report), since a unit may show short beside stock at its own place. Last, in numpy, it
sets each unit's own columns anew: a unit goes short
only when what it was delivered and holds cannot cover the day (the least shortfall to
date that keeps its stock from going below 0, which puts every tonne short as late as it
can be), holds the rest, and its target gaps and fair-share bands are then at the least
their rows allow (:func:`tighten_slacks`). That takes milliseconds (1.4-3 at corridor-S,
4.5-64 at corridor-I), so every fallback gets it, whatever its limit. Each step lowers the
cost or keeps it: a tonne short a day earlier costs 1.01 days of target gap more
(``planning/assemble.py``), holding costs, and a band is dearer than the one below.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

from supplyline.planning.block_start import solve_part
from supplyline.planning.model import Block, IntArray, LpModel

__all__ = ["Settled", "settle_plan", "tighten_slacks"]

log = logging.getLogger(__name__)
FloatArray = npt.NDArray[np.float64]

TOL_T = 1e-9
"""Tonnes: a stock this far below 0 is 0 (rounding in the sums of a chain)."""
TOL_COST = 1e-9
"""Relative: a settled plan dearer than this over the one it started from is not taken
(it cannot be, but for rounding)."""


UNITS_OWN = frozenset({"deliver", "short", "hold", "gap", "share"})
"""The column blocks of the units' own stocks (and what they receive)."""
PLACE_STOCK = frozenset({"stock", "supply"})
"""The column blocks of what places keep and draw: re-solved where units receive."""


@dataclass(frozen=True, slots=True)
class Settled:
    """A settled plan, and whether its places were settled too."""

    x: FloatArray
    by_place: bool
    """False when the re-solve of the places units receive at was asked for and not proven
    optimal by the deadline (or stopped): its draws are kept as they were, and a unit may
    go short beside stock held at its own place. True when it was done, or not asked for
    (no ``scale``), or there was nothing to re-solve."""


def settle_plan(
    model: LpModel,
    x: FloatArray,
    *,
    scale: float | None = None,
    deadline: float | None = None,
    stop: threading.Event | None = None,
) -> Settled:
    """``x`` with its movements kept, its places' draws and every unit's columns settled.

    With ``scale`` (the model's objective scale) the places units receive at are
    re-solved by HiGHS first, until ``deadline`` (or
    :func:`~supplyline.planning.interrupt.stop_work` on ``stop``); without it, or if that
    is not proven optimal in time, the deliveries are kept as they are (the latter said
    in :attr:`Settled.by_place`). The units' own columns are settled in numpy in any case.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning.assemble import build_model, prepare
    >>> from supplyline.planning.params import PlanParams
    >>> model = build_model(prepare(*one_link(), PlanParams()))
    >>> x = np.zeros(model.num_cols)
    >>> x[model.cols["short"].index] = model.col_upper[model.cols["short"].index]
    >>> settled = settle_plan(model, x)
    >>> bool(np.allclose(settled.x, x)), settled.by_place  # nothing delivered: short every day
    (True, True)
    """
    began = time.perf_counter()
    before = _cost(model, x)
    start, redrawn = x, None
    if scale is not None:
        redrawn = _redrawn_at_places(model, x, scale=scale, deadline=deadline, stop=stop)
        if redrawn is not None and _cost(model, redrawn) <= before + TOL_COST * max(
            1.0, abs(before)
        ):
            start = redrawn
    by_place = scale is None or redrawn is not None
    settled = _settled_units(model, start)
    settled = tighten_slacks(model, start if settled is None else settled)
    after = _cost(model, settled)
    if after > before + TOL_COST * max(1.0, abs(before)):  # pragma: no cover - rounding
        log.info("settling the fallback's units cost more (%.9e > %.9e)", after, before)
        return Settled(tighten_slacks(model, x), by_place=False)
    log.info(
        "fallback plan settled%s: cost %.6e -> %.6e in %.4f s",
        "" if by_place else " (its places' draws kept: not re-solved in time)",
        before,
        after,
        time.perf_counter() - began,
    )
    return Settled(settled, by_place=by_place)


def _redrawn_at_places(
    model: LpModel,
    x: FloatArray,
    *,
    scale: float,
    deadline: float | None,
    stop: threading.Event | None,
) -> FloatArray | None:
    """The best draws at the places units receive, for ``x``'s movements; None if not solved.

    ``x`` itself where there is nothing to re-solve (no unit receives goods).
    """
    cols = _free_columns(model)
    if len(cols) == 0:
        return x
    rows: IntArray = np.flatnonzero(np.diff(model.matrix[:, cols].tocsr().indptr) > 0)
    held = x.copy()
    held[cols] = 0.0
    put = (model.matrix @ held)[rows]  # what the columns held put in those rows

    def less_what_is_held(h: highspy.Highs) -> None:
        where = np.arange(len(rows), dtype=np.int32)
        h.changeRowsBounds(  # type: ignore[attr-defined]  # missing from the stubs
            len(rows), where, model.row_lower[rows] - put, model.row_upper[rows] - put
        )

    piece = solve_part(
        model, scale, cols, rows, deadline=deadline, adjust=less_what_is_held, stop=stop
    )
    if piece.x is None:
        return None
    out = x.copy()
    out[cols] = np.clip(piece.x, model.col_lower[cols], model.col_upper[cols])
    return out


def _free_columns(model: LpModel) -> IntArray:
    """The units' own columns, and the stock and draws of each flow where units receive it.

    With the movements held, a stock anywhere else is set by them (or cost-neutral: a
    source's stock kept or drawn later), and so is a deployment's arrival: re-solving every
    column but the movements gave the same costs at corridor-S in 0.15-0.24 s.
    """
    deliver, balance = model.cols.get("deliver"), model.rows.get("balance")
    if deliver is None or balance is None or deliver.size == 0:
        return np.empty(0, dtype=np.int64)
    at = _only_row(model, deliver.index, within=balance)
    at = at[at >= 0] - balance.start
    n_v = int(balance["v"].max()) + 1
    places = np.unique(balance["f"][at] * n_v + balance["v"][at])
    free: list[IntArray] = []
    for name, block in model.cols.items():
        if name in UNITS_OWN:
            free.append(block.index)
        elif name in PLACE_STOCK:
            keep = np.isin(block["f"] * n_v + block["v"], places)
            free.append(block.index[keep])
    return np.concatenate(free) if free else np.empty(0, dtype=np.int64)


def _cost(model: LpModel, x: FloatArray) -> float:
    """``c·x`` without BLAS: its ``@`` took 10 ms at corridor-S where this takes 0.1."""
    return float(np.sum(model.cost * x))


def _settled_units(model: LpModel, x: FloatArray) -> FloatArray | None:
    """Each unit's shortfall as late and as little as its deliveries allow, its stock the rest.

    A unit's row of a day: ``deliver + held(t-1) + short − held(t) = need(t)``. With the
    deliveries kept, ``held(t) = C(t) + S(t)``, ``C`` what was delivered less what was
    needed to date, ``S`` the shortfall to date; the least ``S`` that keeps every
    ``held ≥ 0`` is the running maximum of ``−C`` (and 0). None where the model has no
    units' rows.
    """
    rows, hold, short = model.rows.get("unit"), model.cols.get("hold"), model.cols.get("short")
    if rows is None or hold is None or short is None or rows.size == 0:
        return None
    n_k, n_t = int(rows["k"].max()) + 1, int(rows["t"].max()) + 2
    key_of = (rows["u"] * n_k + rows["k"]) * n_t + rows["t"]
    order = np.argsort(key_of, kind="stable")
    position = np.empty(rows.size, dtype=np.int64)
    position[order] = np.arange(rows.size)  # unit row (from the block's start) -> place in order
    out = x.copy()
    held_cols = [hold.index, short.index]
    kept = np.ones(model.num_cols, dtype=bool)
    for cols in held_cols:
        kept[cols] = False
    kept_x = np.where(kept, out, 0.0)
    block = slice(rows.start, rows.start + rows.size)
    delivered_less_need = (model.matrix @ kept_x)[block] - model.row_lower[block]
    net = delivered_less_need[order]
    chain = ((rows["u"] * n_k + rows["k"])[order]).astype(np.int64)
    firsts = np.r_[0, np.flatnonzero(np.diff(chain)) + 1]
    ends = np.r_[firsts[1:], rows.size]
    to_date = np.empty(rows.size)
    short_to_date = np.empty(rows.size)
    for a, b in zip(firsts.tolist(), ends.tolist(), strict=True):
        to_date[a:b] = np.cumsum(net[a:b])
        short_to_date[a:b] = np.maximum.accumulate(np.maximum(-to_date[a:b], 0.0))
    short_today = np.diff(short_to_date, prepend=0.0)
    short_today[firsts] = short_to_date[firsts]
    held = np.maximum(to_date + short_to_date, 0.0)
    held[np.abs(held) < TOL_T] = 0.0
    # each column by its row (its own day: a hold column's −1, a shortfall's +1)
    short_at = position[_only_row(model, short.index, within=rows) - rows.start]
    hold_at = position[_day_row_of_hold(model, hold.index, rows) - rows.start]
    has_short = np.zeros(rows.size, dtype=bool)
    has_short[short_at] = True
    if np.any(short_today[~has_short] > TOL_T):  # pragma: no cover - a need has its column
        log.info("a unit's shortfall fell on a day without a shortfall column: not settled")
        return None
    out[short.index] = np.minimum(short_today[short_at], model.col_upper[short.index])
    out[hold.index] = held[hold_at]
    return out


def _day_row_of_hold(model: LpModel, cols: IntArray, rows: Block) -> IntArray:
    """The unit row of each hold column's own day (its −1 entry)."""
    sub = model.matrix[:, cols].tocsc()
    col = np.repeat(np.arange(len(cols)), np.diff(sub.indptr))
    own = (sub.data < 0) & (sub.indices >= rows.start) & (sub.indices < rows.start + rows.size)
    out = np.full(len(cols), -1, dtype=np.int64)
    out[col[own]] = sub.indices[own]
    return out


def tighten_slacks(model: LpModel, x: FloatArray) -> FloatArray:
    """``x`` with every target gap and fair-share band at the least its rows allow.

    A gap column sits in one target row (``held + gap ≥ target``): it becomes
    ``max(0, target − held)``. The bands of one fair-share row (``Σ short − Σ band = 0``)
    are filled cheapest first, each to its bound. Neither change raises the cost (both
    columns cost a non-negative amount) or breaks a row.
    """
    out = x.copy()
    activity = model.matrix @ out
    gap = model.cols.get("gap")
    if gap is not None and gap.size:
        cols = gap.index
        row = _only_row(model, cols)
        rest = activity[row] - out[cols]
        out[cols] = np.maximum(model.row_lower[row] - rest, 0.0)
    share = model.cols.get("share")
    if share is not None and share.size:
        cols = share.index
        row = _only_row(model, cols)
        band_sum = np.zeros(model.num_rows)
        np.add.at(band_sum, row, out[cols])
        need = activity[row] + band_sum[row]  # the row's Σ short
        order = np.lexsort((model.cost[cols], row))
        r_sorted, upper = row[order], model.col_upper[cols][order]
        before = np.cumsum(upper) - upper
        first = np.r_[0, np.flatnonzero(np.diff(r_sorted)) + 1]
        group_start = np.repeat(before[first], np.diff(np.r_[first, len(order)]))
        filled_before = before - group_start
        values = np.clip(need[order] - filled_before, 0.0, upper)
        out[cols[order]] = values
    return out


def _only_row(model: LpModel, cols: IntArray, within: Block | None = None) -> IntArray:
    """The one row each of ``cols`` has an entry in (a pure slack's row), or in ``within``."""
    sub = model.matrix[:, cols].tocsc()
    rows: IntArray = sub.indices.astype(np.int64)
    if within is not None:
        col = np.repeat(np.arange(len(cols)), np.diff(sub.indptr))
        inside = (rows >= within.start) & (rows < within.start + within.size)
        out = np.full(len(cols), -1, dtype=np.int64)
        out[col[inside]] = rows[inside]
        return out
    if np.any(np.diff(sub.indptr) != 1):
        raise ValueError("a slack column must have exactly one entry")
    return rows
