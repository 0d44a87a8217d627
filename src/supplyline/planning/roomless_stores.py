"""Stores of ``storage_t`` 0 priced by re-planning them with room.

A store that can hold nothing has no stock columns in the model
(:mod:`~supplyline.planning.assemble` drops them), so no storage row of it binds, no dual
prices it, and the measuring of the bottleneck report has nothing to raise. A reviewer's
warehouse of ``storage_t`` 0 between two roads closed on different days left 12 t short
and the report said "no capacity limits the plan", where 6 t of room there removed 6 t.

So where a plan proven best falls short or below the units' targets, each such store that
could matter (a link that carries flow in the plan ends at it, or a unit short is at it or
one link away) is re-planned with room: the model is rebuilt once with the store given
room up to what could pass through it, solved with a token price on what it holds (so it
holds no more than it needs), and the room then cut down, by warm re-solves on the same
model, to the least round figure (:func:`~supplyline.planning.round_figures.nice_ceil`'s
ladder, as for any extra) that does as well in the objective's order. Where that gains,
the store is a bottleneck entry like any storage claim; where it does not, it is not said.
All of it runs inside the bottleneck report's time (:class:`~supplyline.planning.measure.Resolver`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from supplyline.domain import (
    Bottleneck,
    LocationKind,
    Measuring,
    Plan,
    PlanStatus,
    ResourceKind,
    Scenario,
    amount_unit,
)
from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.domain.plan import LIMIT_ADVICE
from supplyline.planning.assemble import Problem, build_model, on_hand_room
from supplyline.planning.bottleneck_place import location_place
from supplyline.planning.crossings import store_note
from supplyline.planning.extract import TOL, Outcome, outcome_of
from supplyline.planning.highs import HighsSession
from supplyline.planning.lifts import USAGE_PRICE
from supplyline.planning.measure import Resolver
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outcome_words import (
    as_good,
    better,
    effect,
    extra_text,
    gain_fields,
    gain_tier,
    gap_eps,
    short_eps,
)
from supplyline.planning.resources import listed
from supplyline.planning.round_figures import nice_ceil, nice_midpoint
from supplyline.planning.turn_back import turn_backs
from supplyline.types import day_ranges

__all__ = [
    "SMALL_STORE_COLS",
    "STORES",
    "STORE_BISECTIONS",
    "Roomless",
    "price_roomless_stores",
    "roomless_stores",
    "unpriced_stores_note",
]

FloatArray = npt.NDArray[np.float64]

STORES = frozenset(
    {LocationKind.DEPOT, LocationKind.WAREHOUSE, LocationKind.HUB, LocationKind.PORT,
     LocationKind.AIRFIELD, LocationKind.RAILHEAD}
)  # fmt: skip
"""Kinds of place where goods are kept: a border post or a yard with no store is usual."""

STORE_BISECTIONS = 4
"""Warm re-solves at most spent, per store, looking below the room the token-priced re-plan
held for a smaller round figure that does as well. That room is usually the answer, or a
rung or two above it (the reviewer's warehouse: 6 t held, 3 and 5 t tried and short); the
cap keeps a store to six solves at most, one of them cold. A model of at most
:data:`SMALL_STORE_COLS` columns is searched to the end instead (the deadline still bounds
it): a tester's port on a 64-column model read "+9 t … the search for it was cut short"
after 13, 7, 10 and 9 t, where one more re-solve of milliseconds, 8 t, would have ended it."""

SMALL_STORE_COLS = 10_000
"""Columns up to which a store's search for its least room is not capped (each warm
re-solve of such a model takes milliseconds; the ladder of round figures is finite)."""


@dataclass(frozen=True, slots=True)
class Roomless:
    """What trying the stores of ``storage_t`` 0 with room found."""

    priced: tuple[Bottleneck, ...]
    """Stores whose room gains, as bottleneck entries (their ``shadow_price`` is the
    objective saved per tonne of the room suggested: no dual prices a row the model lacks)."""
    not_tried: tuple[str, ...]
    """Stores that could matter, not tried (or not to the end) for want of time."""


def roomless_stores(p: Problem) -> list[int]:
    """Locations (by index) of the stores that can hold nothing: ``storage_t`` 0, none on hand."""
    on_hand = on_hand_room(p.scenario, p.net)[0]
    return [
        v
        for v, loc in enumerate(p.scenario.locations)
        if loc.kind in STORES and p.net.storage[v] == 0 and on_hand[v] <= 0
    ]


def price_roomless_stores(
    p: Problem,
    m: LpModel,
    x: FloatArray,
    base: Outcome,
    deadline: float,
    progress: Callable[[str], None] | None = None,
) -> Roomless:
    """Re-plan each store of ``storage_t`` 0 that could matter with room; keep those that gain.

    Only where ``base`` (the plan proven best, solution ``x`` of ``m``) falls short or below
    the units' targets: a plan that does neither costs no solve here. A store is tried while
    the report's time lasts (``deadline``, :func:`time.perf_counter`'s clock); those left are
    returned as not tried, and ``progress`` hears it.
    """
    if base.short_t <= short_eps(base) and base.gap_t_days <= gap_eps(base):
        return Roomless(priced=(), not_tried=())
    stores = _could_matter(p, m, x, base)
    priced: list[Bottleneck] = []
    not_tried: list[str] = []
    objective = float(m.cost @ x) + m.offset
    for i, v in enumerate(stores, start=1):
        name = p.scenario.locations[v].id
        if time.perf_counter() >= deadline:
            not_tried.append(name)
            continue
        if progress is not None:
            progress(f"trying storage at {name} with room (storage_t 0; {i} of {len(stores)})")
        found, cut = _try_store(p, base, v, objective, deadline)
        if found is not None:
            priced.append(found)
        elif cut:
            not_tried.append(name)
    if not_tried and progress is not None:
        progress(
            f"not tried with room, the measuring time having run out: {listed(tuple(not_tried))}"
        )
    return Roomless(priced=tuple(priced), not_tried=tuple(not_tried))


def _could_matter(p: Problem, m: LpModel, x: FloatArray, base: Outcome) -> list[int]:
    """The stores of ``storage_t`` 0 goods pass by in the plan, or next to a unit short.

    A link carrying flow in the plan ends at it, or the destination of a unit short or
    below its target is the store or one link away from it. A store elsewhere would need
    goods routed anew to gain, through places the plan does not use.
    """
    net = p.net
    arcs = m.cols["arc"]
    carried = np.unique(arcs["a"][x[arcs.start : arcs.start + arcs.size] > TOL])
    near = set(net.arc_from[carried].tolist()) | set(net.arc_to[carried].tolist())
    units = {u for u, _ in base.short_by}
    if "gap" in m.cols:
        gaps = m.cols["gap"]
        units |= set(gaps["u"][x[gaps.start : gaps.start + gaps.size] > TOL].tolist())
    dests = {int(p.unit_dest[u]) for u in units}
    near |= dests
    near |= {int(b) for a, b in zip(net.arc_from, net.arc_to, strict=True) if int(a) in dests}
    near |= {int(a) for a, b in zip(net.arc_from, net.arc_to, strict=True) if int(b) in dests}
    return [v for v in roomless_stores(p) if v in near]


def _most_room(p: Problem, v: int) -> float:
    """The most room at ``v`` that could be of use: what could pass through it, rounded up.

    No more than the goods demanded and targeted over the horizon, nor than its links in
    and its handling could bring in over it, where those are limited, nor than a
    ``storage_t`` may be (the location re-planned with it is built as a user's would be,
    and refuses more).
    """
    limits = [
        float(p.consumption_t.sum() + p.target_t[:, :, -1].sum()),
        FIELD_RANGES["location"]["storage_t"].hi,
    ]
    into = p.net.arc_cap_t[p.net.arc_to == v]
    if len(into) and np.isfinite(into).all():
        limits.append(float(into.sum()) * p.days)
    if np.isfinite(p.net.handling[v]):
        limits.append(float(p.net.handling[v]) * p.days)
    return nice_ceil(min(limits))


def _with_room(p: Problem, v: int, room_t: float) -> Problem:
    """The problem with the store at ``v`` given ``storage_t`` = ``room_t``, as re-planned.

    Storage enters the model only through the network's ``storage`` and the scenario's
    location (:mod:`~supplyline.planning.assemble`), so the rest of the preparation stands.
    """
    loc = p.scenario.locations[v]
    locations = tuple(
        replace(loc, storage_t=room_t) if i == v else other
        for i, other in enumerate(p.scenario.locations)
    )
    storage = p.net.storage.copy()
    storage[v] = room_t
    return replace(
        p,
        scenario=replace(p.scenario, locations=locations),
        net=replace(p.net, storage=storage),
    )


def _try_store(
    p: Problem, base: Outcome, v: int, objective: float, deadline: float
) -> tuple[Bottleneck | None, bool]:
    """The store at ``v`` re-planned with room: its entry if room gains, and if time ran out.

    One cold solve with room up to :func:`_most_room` and a token price on what it holds;
    then warm re-solves from the room that held, down the ladder of round figures
    (:data:`STORE_BISECTIONS` at most), for the least that does as well.
    """
    most = _most_room(p, v)
    if most <= 0:
        return None, False
    p2 = _with_room(p, v, most)
    m2 = build_model(p2)
    rows = _storage_rows(m2, v)
    session = HighsSession(m2, p.params, turn_backs=turn_backs(p2, m2))
    resolve = Resolver(session, deadline)
    holding = np.unique(m2.matrix.tocsr()[rows, :].indices).astype(np.int64)
    session.set_col_cost(holding, m2.cost[holding] + USAGE_PRICE * p.cost_scale)
    free = resolve()
    session.set_col_cost(holding, m2.cost[holding])
    if free is None:
        return None, resolve.ran_out or resolve.unsure
    goal = outcome_of(p2, m2, free)
    tier = gain_tier(goal, base, p.tiers)
    if tier is None or not better(goal, base, p.tiers):
        return None, False
    session.use_simplex()  # warm from here on: only the store's rows change

    def room(figure: float) -> FloatArray | None:
        session.set_row_upper(rows, np.full(len(rows), figure))
        return resolve()

    held = float(np.max(m2.matrix[rows, :] @ free, initial=0.0))
    hi = min(most, max(nice_ceil(held), nice_ceil(TOL)))
    x = room(hi)
    if x is None or not as_good(outcome_of(p2, m2, x), goal, tier, base, p.tiers):
        hi, x = most, room(most)
    if x is None:
        return None, resolve.ran_out or resolve.unsure
    hi, x, short_of = _least_room(p2, m2, base, goal, tier, room, hi, x)
    got = outcome_of(p2, m2, x)
    if not better(got, base, p.tiers):
        return None, False
    saved = objective - (float(m2.cost @ x) + m2.offset)
    return _entry(p, m2, v, rows, hi, x, base, got, saved, short_of), False


def _least_room(
    p2: Problem,
    m2: LpModel,
    base: Outcome,
    goal: Outcome,
    tier: Tier,
    room: Callable[[float], FloatArray | None],
    hi: float,
    x: FloatArray,
) -> tuple[float, FloatArray, float | None]:
    """Bisect below ``hi`` on the round figures for the least room as good as ``goal``.

    Returns the figure, a solution with it, and None where it is known to be the least
    (no round figure left between one that fails and it); else the most room known not to
    do as well (0 where none smaller was tried): the search stopped at
    :data:`STORE_BISECTIONS` on a model of more than :data:`SMALL_STORE_COLS` columns, or
    at the deadline.
    """
    lo, budget = 0.0, STORE_BISECTIONS if m2.num_cols > SMALL_STORE_COLS else None
    tries = 0
    while (mid := nice_midpoint(lo, hi)) is not None:
        if budget is not None and tries >= budget:
            return hi, x, lo
        tries += 1
        tried = room(mid)
        if tried is None:  # out of time: hi is enough, perhaps more than needed
            return hi, x, lo
        if as_good(outcome_of(p2, m2, tried), goal, tier, base, p2.tiers):
            hi, x = mid, tried
        else:
            lo = mid
    return hi, x, None


def _stopped_words(short_of: float, unit: str) -> str:
    """What a search stopped before its least figure knows below the figure it found.

    >>> _stopped_words(7.0, "t"), _stopped_words(0.0, "t")
    ('7 t is not; the figures between were not tried', 'no smaller figure was tried')
    """
    if short_of <= 0:
        return "no smaller figure was tried"
    return f"{extra_text(short_of)} {unit} is not; the figures between were not tried"


def _storage_rows(m: LpModel, v: int) -> IntArray:
    """The storage rows of location ``v``, one a day."""
    b = m.rows["storage"]
    rows: IntArray = b.start + np.flatnonzero(b["v"] == v)
    return rows


def _entry(
    p: Problem,
    m2: LpModel,
    v: int,
    rows: IntArray,
    figure: float,
    x: FloatArray,
    base: Outcome,
    got: Outcome,
    saved: float,
    short_of: float | None,
) -> Bottleneck:
    """The store as a bottleneck entry, in a storage claim's words and fields.

    The days are those the room holds goods in the re-plan; the commodities, what it holds,
    the most first.
    """
    loc = p.scenario.locations[v]
    b = m2.rows["storage"]
    held = m2.matrix[rows, :] @ x
    days = tuple(int(d) for d in b["t"][rows - b.start][held > TOL])
    st = m2.cols["stock"]
    mine = (st["v"] == v) & (p.flows.kind[st["f"]] == FlowKind.GOODS)
    amounts: dict[str, float] = {}
    for f, amount in zip(st["f"][mine], x[st.start + np.flatnonzero(mine)], strict=True):
        if amount > TOL:
            com = p.flows.names[int(f)]
            amounts[com] = amounts.get(com, 0.0) + float(amount)
    coms = tuple(sorted(amounts, key=lambda c: -amounts[c]))
    bought, said = effect(p, base, got)
    said += store_note(_with_room(p, v, figure), m2, x, v, figure)
    unit = amount_unit(ResourceKind.STORAGE)
    wait = f"{listed(coms)} would wait there on {day_ranges(days)}" if coms else "goods would wait"
    extra = f"+{extra_text(figure)} {unit} of storage at {loc.name}"
    if short_of is not None:  # the search stopped before the least: say what is known
        extra += f" (enough; {_stopped_words(short_of, unit)})"
    return Bottleneck(
        kind=ResourceKind.STORAGE,
        resource=loc.id,
        days=days,
        shadow_price=round(max(0.0, saved) / figure, 6),
        commodities=coms,
        capacity=0.0,
        capacity_unit=unit,
        suggested_extra=figure,
        extra_unit=unit,
        extra_days=(),  # its one storage_t raised: the extra has no days
        **gain_fields(bought),
        then_limited_by=None,  # the re-plan's room is all it held: no capacity read after it
        together_with=(),  # its own room alone
        **location_place(p, v),
        explanation=(
            f"storage at {loc.name} (0 {unit}: storage_t 0) holds nothing; with room, "
            f"{wait}; {extra} {said}"
        ),
        measuring=Measuring.MEASURED,  # re-planned with room: what room buys is measured
    )


def unpriced_stores_note(plan: Plan, scenario: Scenario) -> str | None:
    """The stores of ``storage_t`` 0 the report could not try with room, in words.

    A store that can hold nothing has no stock in the model, so no capacity of it binds:
    a reviewer's warehouse of ``storage_t`` 0 between two roads closed on different days
    left 12 t short, "no capacity limits the plan", where 6 t of room removed 6 t. The
    report re-plans such stores with room (:mod:`~supplyline.planning.roomless_stores`) and
    lists those that gain; the others gain nothing and go unsaid. What is left to say is
    where the measuring time ran out (the report took all of it) before they were all
    tried: those not listed are named, in a plan proven best that falls short or below the
    units' targets; so are all of them where ``explain_top`` 0 asked to measure nothing. A
    plan whose report times were not recorded names them as before.
    """
    if plan.status is not PlanStatus.OPTIMAL or not (plan.shortfalls or plan.target_gaps):
        return None
    s = plan.stats
    recorded = s.explain_s > 0 or s.explain_budget_s > 0
    not_asked = recorded and s.explain_top == 0  # --explain 0: none was tried
    if recorded and not not_asked and s.explain_s < s.explain_budget_s and not s.measuring_limited:
        return None  # every store that could matter was tried
    on_hand = {st.location for st in scenario.stocks if st.initial_t > 0}
    listed = {b.resource for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE}
    shut = [
        loc.id
        for loc in scenario.locations
        if loc.kind in STORES
        and loc.storage_t == 0
        and loc.id not in on_hand
        and loc.id not in listed
    ]
    if not shut:
        return None
    if not recorded:
        return (
            f"stores of storage_t 0 hold nothing and so have no price here: {', '.join(shut)} "
            "(give one a storage_t and plan again to see what room there would buy)"
        )
    if not_asked:
        return (
            "stores of storage_t 0 hold nothing and have no price, and room at each was not "
            f"tried, no measuring being asked (--explain 0): {', '.join(shut)} (plan with "
            "--explain 1 or more, or give one a storage_t, to see what room there would buy)"
        )
    if s.measuring_limited:
        return (
            "stores of storage_t 0 hold nothing and have no price, and the time limit ran out "
            f"before room at each was tried: {', '.join(shut)} (give one a storage_t and plan "
            f"again, or {LIMIT_ADVICE}, to see what room there would buy)"
        )
    seconds = s.explain_budget_s
    budget = f"{seconds:,.0f} s" if seconds >= 10 else f"{seconds:.2g} s"
    return (
        f"stores of storage_t 0 hold nothing and have no price, and the measuring time "
        f"({budget}) ran out before room at each was tried: {', '.join(shut)} (give one a "
        "storage_t and plan again, or give the report more time, to see what room there "
        "would buy)"
    )
