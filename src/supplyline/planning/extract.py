"""Turn an LP solution back into the plan's records: movements, stocks, deliveries.

Only the columns with a value above :data:`TOL` become records, so the work here is
proportional to what the plan does, not to the size of the model.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import (
    Closure,
    Delivery,
    Movement,
    Shortfall,
    StockLevel,
    TargetGap,
)
from supplyline.domain.columns import from_columns
from supplyline.planning.assemble import Problem, stocks_placed
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.tracing import trace_owners

__all__ = ["TOL", "Outcome", "by_unit_commodity", "extract", "outcome_of"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]
TOL = 1e-6
"""Values at or below this (tonnes, people) are taken as zero."""
CLOSED_SHARE = 1e-7
"""A unit is wholly there when no more than this share of its lift (or a gram) is not."""
CLOSED_SHARE_OFF_VERTEX = 1e-4
"""The same for a plan off a vertex (:attr:`Method.at_a_vertex`), whose flows within the
solver's tolerances run on: a
tester's ipm-nocrossover plan had 399.99997 of a unit's 400 t there on C+16 and 10 g a
day arriving until C+19, and said it closed 3 days later than the simplex plan did; at
1e-5, another's 0.0005 of 44 people (1.1e-5) still made a unit 2 days late."""


def _r(x: float) -> float:
    """To the gram; never ``-0.0`` (a tiny negative rounds to it, and files would show it)."""
    return round(float(x), 6) + 0.0  # -0.0 + 0.0 is 0.0


def _rounded(values: FloatArray) -> list[float]:
    """To the gram, as Python floats (one numpy call instead of one round() per record).

    Never ``-0.0``, as :func:`_r`.
    """
    rounded: list[float] = (np.round(values, 6) + 0.0).tolist()
    return rounded


def _labels(values: Sequence[object]) -> ObjectArray:
    """``values`` as an object array, to pick one label per record with numpy indexing."""
    out: ObjectArray = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _movements(p: Problem, m: LpModel, x: FloatArray) -> list[Movement]:
    """One movement per arc, day and goods commodity (a unit's tonnes and people together).

    Grouped and labelled with numpy; records made column by column (:func:`from_columns`).
    """
    b = m.cols["arc"]
    vals = x[b.start : b.start + b.size]
    hit = np.flatnonzero(vals > TOL)
    f, a, t, q = b["f"][hit], b["a"][hit], b["t"][hit], vals[hit]
    kind = p.flows.kind[f]
    # group by (arc, goods commodity or unit, day); list groups by (day, arc, first column)
    n_f = len(p.flows.names)
    unit_key = np.where(kind == int(FlowKind.GOODS), f, n_f + p.flows.unit[f])
    keys = (a * (n_f + len(p.scenario.units)) + unit_key) * p.days + t
    _, first, group = np.unique(keys, return_index=True, return_inverse=True)
    is_pax = kind == int(FlowKind.DEPLOY_PAX)
    tonnes = np.bincount(group, weights=np.where(is_pax, 0.0, q), minlength=len(first))
    pax = np.bincount(group, weights=np.where(is_pax, q, 0.0), minlength=len(first))
    net, links = p.net, p.scenario.links
    order = np.lexsort((first, a[first], t[first]))
    rows = first[order]
    arc, day = a[rows], t[rows]
    link = net.arc_link[arc]
    loc = _labels(net.location_ids)
    return from_columns(
        Movement,
        {
            "link": _labels([x.id for x in links])[link].tolist(),
            "origin": loc[net.arc_from[arc]].tolist(),
            "destination": loc[net.arc_to[arc]].tolist(),
            "mode": _labels([x.mode for x in links])[link].tolist(),
            "commodity": _labels(p.flows.names)[f[rows]].tolist(),
            "departure_day": day.tolist(),
            "arrival_day": (day + net.arc_transit[arc]).tolist(),
            "tonnes": _rounded(np.asarray(tonnes[order], dtype=np.float64)),
            "pax": _rounded(np.asarray(pax[order], dtype=np.float64)),
        },
    )


def _stocks(p: Problem, m: LpModel, x: FloatArray) -> list[StockLevel]:
    """Depot stocks, then units' own, in (day, unit, location, commodity) order."""
    b = m.cols["stock"]
    vals = x[b.start : b.start + b.size]
    hit = np.flatnonzero((vals > TOL) & (p.flows.kind[b["f"]] == FlowKind.GOODS))
    h = m.cols["hold"]
    held = x[h.start : h.start + h.size]
    kept = np.flatnonzero(held > TOL)
    n_units = len(p.demand.unit_ids)
    # names in sorted order give integer sort keys: a depot stock (no unit) sorts first
    loc_rank = _rank(p.net.location_ids)
    com_rank = _rank(p.demand.commodity_ids)
    unit_rank = _rank(p.demand.unit_ids) + 1
    uv, uk, ut, uq = _undrawn(p, m, x)
    v = np.concatenate([b["v"][hit], p.unit_dest[h["u"][kept]], uv])
    k = np.concatenate([p.flows.goods[b["f"][hit]], h["k"][kept], uk])
    u = np.concatenate([np.full(len(hit), n_units), h["u"][kept], np.full(len(uv), n_units)])
    t = np.concatenate([b["t"][hit], h["t"][kept], ut])
    q = np.concatenate([vals[hit], held[kept], uq])
    if len(uv):  # undrawn stock and stock kept there are one stock level
        n_v, n_k = len(p.net.location_ids), len(p.demand.commodity_ids)
        key = ((t * (n_units + 1) + u) * n_v + v) * n_k + k
        _, first, group = np.unique(key, return_index=True, return_inverse=True)
        q = np.bincount(group, weights=q)
        v, k, u, t = v[first], k[first], u[first], t[first]
    rank_of_u = np.append(unit_rank, 0)
    order = np.lexsort((com_rank[k], loc_rank[v], rank_of_u[u], t))
    v, k, u, t, q = v[order], k[order], u[order], t[order], q[order]
    units = _labels([*p.demand.unit_ids, None])
    return from_columns(
        StockLevel,
        {
            "location": _labels(p.net.location_ids)[v].tolist(),
            "commodity": _labels(p.demand.commodity_ids)[k].tolist(),
            "day": t.tolist(),
            "tonnes": _rounded(q),
            "unit": units[u].tolist(),
        },
    )


def _undrawn(
    p: Problem, m: LpModel, x: FloatArray
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """What was on hand on day 0 and never drawn: it sits in its place every day.

    As ``(location, commodity, day, tonnes)`` columns. A planner's forward depot showed
    499 t on C+0 where 830 t were on hand: the 300 t of rations the plan never drew were
    in no file (they take room in the store all the same).
    """
    stocks, f_s, v_s = stocks_placed(p)
    if not stocks:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0)
    sup = m.cols["supply"]
    on = np.flatnonzero(sup["on_hand"] == 1)
    drawn = np.zeros((len(p.flows.names), len(p.net.location_ids)))
    drawn[sup["f"][on], sup["v"][on]] = x[sup.start + on]
    initial = np.array([st.initial_t for st in stocks])
    left = initial - drawn[f_s, v_s]
    which = np.flatnonzero(left > TOL)
    n = len(which)
    days = np.tile(np.arange(p.days), n)
    return (
        np.repeat(v_s[which], p.days),
        np.repeat(p.flows.goods[f_s[which]], p.days),
        days,
        np.repeat(left[which], p.days),
    )


def _rank(names: Sequence[str]) -> IntArray:
    """Each name's position in sorted order."""
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(len(names))
    return rank


def _deliveries(p: Problem, m: LpModel, x: FloatArray) -> list[Delivery]:
    b = m.cols["deliver"]
    vals = x[b.start : b.start + b.size]
    hit = np.flatnonzero(vals > TOL)
    if len(hit) == 0:
        return []
    shares = trace_owners(p, m, x, hit)
    amounts = shares * vals[hit][:, None]  # [delivery, partner] tonnes
    keep = amounts > TOL
    untraced = ~keep.any(axis=1)  # tracing could not tell (should not happen): keep the tonnes
    rows, owners = np.nonzero(np.column_stack([keep, untraced]))
    tonnes = np.where(
        owners < len(p.partners),
        amounts[rows, np.minimum(owners, len(p.partners) - 1)],
        vals[hit][rows],
    )
    u = b["u"][hit][rows]
    return from_columns(
        Delivery,
        {
            "unit": _labels(p.demand.unit_ids)[u].tolist(),
            "location": _labels(p.net.location_ids)[p.unit_dest[u]].tolist(),
            "commodity": _labels(p.demand.commodity_ids)[b["k"][hit][rows]].tolist(),
            "day": b["t"][hit][rows].tolist(),
            "tonnes": _rounded(tonnes),
            "source_partner": _labels([*p.partners, None])[owners].tolist(),
        },
    )


def _used_by_unit_day(
    p: Problem, m: LpModel, x: FloatArray, block: str
) -> tuple[dict[str, list[Any]], IntArray, IntArray, IntArray, FloatArray]:
    """A (unit, commodity, day) block's nonzero columns: their labels, u, k, t and values."""
    b = m.cols[block]
    vals = x[b.start : b.start + b.size]
    hit = np.flatnonzero(vals > TOL)
    u, k, t = b["u"][hit], b["k"][hit], b["t"][hit]
    labels = {
        "unit": _labels(p.demand.unit_ids)[u].tolist(),
        "commodity": _labels(p.demand.commodity_ids)[k].tolist(),
        "day": t.tolist(),
    }
    return labels, u, k, t, vals[hit]


def _shortfalls(p: Problem, m: LpModel, x: FloatArray) -> list[Shortfall]:
    labels, u, k, t, short = _used_by_unit_day(p, m, x, "short")
    return from_columns(
        Shortfall,
        {**labels, "required_t": _rounded(p.consumption_t[u, k, t]), "short_t": _rounded(short)},
    )


def _target_gaps(p: Problem, m: LpModel, x: FloatArray) -> list[TargetGap]:
    if "gap" not in m.cols:
        return []
    labels, _, _, _, below = _used_by_unit_day(p, m, x, "gap")
    return from_columns(TargetGap, {**labels, "below_t": _rounded(below)})


def _arrived(p: Problem, m: LpModel, x: FloatArray) -> FloatArray:
    """``[flow, day]`` amount of each deployment flow at its destination by each day."""
    b = m.cols["arrived"]
    out = np.zeros((len(p.flows.names), p.days))
    out[b["f"], b["t"]] = x[b.start : b.start + b.size]
    return out


def _closures(p: Problem, m: LpModel, x: FloatArray) -> list[Closure]:
    arrived = _arrived(p, m, x)
    share = CLOSED_SHARE if p.params.method.at_a_vertex else CLOSED_SHARE_OFF_VERTEX
    out: list[Closure] = []
    flows_of: dict[int, list[int]] = {}  # each deploying unit's flows, in unit order
    for f in np.flatnonzero(p.flows.kind != FlowKind.GOODS).tolist():
        flows_of.setdefault(int(p.flows.unit[f]), []).append(f)
    for ui, fs in sorted(flows_of.items()):
        unit = p.scenario.units[ui]
        done = np.ones(p.days, dtype=bool)
        moved = {FlowKind.DEPLOY_T: 0.0, FlowKind.DEPLOY_PAX: 0.0}
        late = {FlowKind.DEPLOY_T: 0.0, FlowKind.DEPLOY_PAX: 0.0}
        due = np.arange(p.days) >= unit.required_day
        for f in fs:
            need = float(p.flows.amount[f])
            done &= arrived[f] >= need - max(TOL, share * need)
            kind = FlowKind(int(p.flows.kind[f]))
            moved[kind] = float(arrived[f, -1])
            late[kind] = float((np.maximum(need - arrived[f], 0.0) * due).sum())
        day = int(np.argmax(done)) if done.any() else None
        earliest = int(p.earliest_arrival[ui])
        by_distance = int(p.earliest_open_arrival[ui])
        out.append(
            Closure(
                unit=unit.id,
                required_day=unit.required_day,
                closure_day=day,
                lift_t=_r(unit.deployment_lift_t),  # to the gram, as moved_t
                pax=float(unit.personnel),
                moved_t=_r(moved[FlowKind.DEPLOY_T]),
                moved_pax=_r(moved[FlowKind.DEPLOY_PAX]),
                earliest_day=earliest if earliest < p.days else None,
                late_t_days=_r(late[FlowKind.DEPLOY_T]),
                late_pax_days=_r(late[FlowKind.DEPLOY_PAX]),
                days_late_by_distance=(
                    max(0, by_distance - unit.required_day) if by_distance < p.days else None
                ),
            )
        )
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Records:
    """The plan's records extracted from one solution."""

    movements: tuple[Movement, ...]
    stocks: tuple[StockLevel, ...]
    deliveries: tuple[Delivery, ...]
    shortfalls: tuple[Shortfall, ...]
    closures: tuple[Closure, ...]
    target_gaps: tuple[TargetGap, ...]


@contextmanager
def _without_collector_passes() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while records are made.

    Records are many small objects without reference cycles, yet their number triggers
    the collector's passes over every object the process holds: measured at corridor-S,
    extraction took 0.026–0.064 s with them and a steady 0.027 s without.

    Resumed, the collector would at once pass over the young objects, the records all
    but a few (corridor-S: 6,177, 0.4 ms) only to find them alive, and again when they
    reach the middle generation. Instead they join the oldest generation straight away
    (``gc.freeze`` then ``gc.unfreeze``: two splices of the collector's lists), to be
    looked at in its full passes as every long-lived object is. Not when the process has
    frozen objects of its own: ``gc.unfreeze`` would let go of them too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def extract(p: Problem, m: LpModel, x: FloatArray) -> Records:
    """All the records of a solution."""
    with _without_collector_passes():
        return Records(
            movements=tuple(_movements(p, m, x)),
            stocks=tuple(_stocks(p, m, x)),
            deliveries=tuple(_deliveries(p, m, x)),
            shortfalls=tuple(_shortfalls(p, m, x)),
            closures=tuple(_closures(p, m, x)),
            target_gaps=tuple(_target_gaps(p, m, x)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The headline figures of a solution, to compare a re-solve with the plan."""

    short_t: float
    short_by: dict[tuple[int, int], float]
    """Tonnes short by (demand unit, commodity)."""
    late_days: dict[int, int]
    """Days late (or past the horizon) of each deploying unit, by index in ``scenario.units``."""
    closure_day: dict[int, int | None]
    """Closure day of each deploying unit (None: not closed within the horizon), by index."""
    late_t_days: float
    """Tonnes of lift still on the way after their unit's required day, summed over days."""
    late_pax_days: float
    """People still on the way after their unit's required day, summed over days."""
    gap_t_days: float = 0.0
    """Stock missing below the units' days-of-supply targets, tonnes summed over days."""
    gap_by: dict[tuple[int, int], float] = field(default_factory=dict)
    """Of it, tonne-days by (demand unit, commodity)."""
    transport_cost: float
    short_weighted: float | None = None
    """Tonnes short weighted by their commodity's priority, as the objective weighs them
    (:attr:`~supplyline.planning.assemble.Problem.short_weight`); None: ``short_t`` is all."""
    short_decimals: int | None = None
    """Decimals the plan's tables write its tonnes short to (the claims' words round to them
    too: :func:`~supplyline.planning.shortfall_words.plan_decimals`); None: its own rows'."""


def outcome_of(p: Problem, m: LpModel, x: FloatArray) -> Outcome:
    """Shortfall, lateness and transport cost of a solution, without building records."""
    b = m.cols["short"]
    vals = x[b.start : b.start + b.size]
    short_by = by_unit_commodity(m, x, "short")
    late: dict[int, int] = {}
    closure: dict[int, int | None] = {}
    for c in _closures(p, m, x):
        ui = next(i for i, u in enumerate(p.scenario.units) if u.id == c.unit)
        late[ui] = c.days_late if c.days_late is not None else p.days - c.required_day
        closure[ui] = c.closure_day
    a = m.cols["arc"]
    pax = p.flows.kind[a["f"]] == FlowKind.DEPLOY_PAX
    per = np.where(pax, p.net.arc_cost_pax[a["a"]], p.net.arc_cost[a["a"]])
    cost = float(x[a.start : a.start + a.size] @ per)
    late_t_days, late_pax_days = _late_amounts(p, m, x)
    g = m.cols.get("gap")
    gap = 0.0 if g is None else float(x[g.start : g.start + g.size].sum())
    gap_by = {} if g is None else by_unit_commodity(m, x, "gap")
    return Outcome(
        short_t=float(vals.sum()),
        short_weighted=float(vals @ p.short_weight[b["k"]]),
        short_by=short_by,
        late_days=late,
        closure_day=closure,
        late_t_days=late_t_days,
        late_pax_days=late_pax_days,
        gap_t_days=gap,
        gap_by=gap_by,
        transport_cost=cost,
    )


def by_unit_commodity(
    m: LpModel, x: FloatArray, block: str, within: BoolArray | None = None
) -> dict[tuple[int, int], float]:
    """A unit-day block's values (tonnes short, a target's gap) summed by (unit, commodity).

    ``within`` (``[commodity, unit, day]``): only the days where it is True.
    """
    b = m.cols[block]
    vals = x[b.start : b.start + b.size]
    kept = vals > TOL
    if within is not None:
        kept &= within[b["k"], b["u"], b["t"]]
    hit = np.flatnonzero(kept)
    summed: dict[tuple[int, int], float] = {}
    for u, k, v in zip(b["u"][hit].tolist(), b["k"][hit].tolist(), vals[hit].tolist(), strict=True):
        summed[(u, k)] = summed.get((u, k), 0.0) + v
    return summed


def _late_amounts(p: Problem, m: LpModel, x: FloatArray) -> tuple[float, float]:
    """Tonne-days and person-days of lift still on the way after the units' required days.

    What the objective's lateness term counts, and so fixed by the optimum, unlike closure
    days: two optimal plans can close a unit on different days (the last tonne sooner or
    later) for the same lateness.
    """
    deploy = np.flatnonzero(p.flows.kind != FlowKind.GOODS)
    owed = p.flows.amount[deploy, None] - _arrived(p, m, x)[deploy]
    due = np.arange(p.days)[None, :] >= p.flows.required_day[deploy, None]
    per_flow = (np.maximum(owed, 0.0) * due).sum(axis=1)
    pax = p.flows.kind[deploy] == FlowKind.DEPLOY_PAX
    return float(per_flow[~pax].sum()), float(per_flow[pax].sum())
