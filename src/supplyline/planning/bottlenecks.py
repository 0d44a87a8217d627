"""The bottleneck report: which capacities bind, what they cost, what more of them would buy.

Shadow prices (HiGHS's duals) of the capacity rows, and the reduced costs of the supply
columns at their bound, are the rate at which more of a resource saves objective at the
margin. We group them per resource over runs of consecutive days and rank the runs.
For the top few we then *measure* rather than extrapolate: re-solve (warm) with the
capacity lifted for those days to see how much extra the plan would use, round that up,
bisect for the least round extra that does as well, and report what it buys.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from supplyline.domain import Bottleneck, PlanStatus, ResourceKind
from supplyline.planning.build import Problem
from supplyline.planning.extract import TOL, Outcome, outcome_of
from supplyline.planning.highs import HighsSession, Solution
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.outcome_words import (
    COST_EPS,
    GAP_EPS,
    LATE_EPS,
    effect,
    short_eps,
    sooner,
    tonnes_text,
)
from supplyline.types import day_ranges

__all__ = ["find_bottlenecks", "nice_ceil"]

FloatArray = npt.NDArray[np.float64]
MAX_REPORTED = 12
MIN_SHADOW_PRICE = 1.0
"""Runs worth less than this (objective units, i.e. about one unit of money) are noise."""


def tie_breaking_noise(p: Problem) -> float:
    """What a tonne more on one day can be worth through the tie-breakers alone.

    Two legs saved and a tonne-day held over the whole horizon, in objective units: the
    tie-breakers scale with the largest link cost, so on the bilateral example a day of
    food at the forward depot was "worth" 3.24 (a leg and a few days' holding) and ranked
    third among its bottlenecks, with "changes little on its own". A run worth no more
    than this per day is not a bottleneck.
    """
    w = p.params.weights
    return (2 * w.move_per_t + p.days * w.hold_per_t_day) * p.cost_scale


_KIND_WORDS = {
    "transshipment": "transshipment yard",
    "border": "border crossing",
    "unit_area": "unit area",
}
_ROW_KINDS = {
    "link_t": ResourceKind.LINK_TONNES,
    "link_pax": ResourceKind.LINK_PAX,
    "handle_in": ResourceKind.HANDLING,
    "handle_out": ResourceKind.HANDLING,
    "handle_pax_in": ResourceKind.HANDLING_PAX,
    "handle_pax_out": ResourceKind.HANDLING_PAX,
    "storage": ResourceKind.STORAGE,
}


_HANDLING_ROWS = {
    ResourceKind.HANDLING: ("handle_in", "handle_out"),
    ResourceKind.HANDLING_PAX: ("handle_pax_in", "handle_pax_out"),
}
"""A place's arriving and leaving rows, which bind together and are lifted together."""


def nice_ceil(value: float) -> float:
    """Round up to a figure a planner would say: whole from 1, two significant digits.

    Below 1 too: "+1 t/day" was offered where 0.2 t/day did as well, five times a
    tester's link.

    >>> nice_ceil(117.3), nice_ceil(3.2), nice_ceil(1234.0), nice_ceil(0.2), nice_ceil(0.0123)
    (120.0, 4.0, 1300.0, 0.2, 0.013)
    """
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - 1)
    if value > 1:
        step = max(1.0, step)
    return float(round(math.ceil(value / step - 1e-9) * step, 12))


@dataclass(slots=True)
class _Run:
    """A resource binding on consecutive days, and the rows or columns that model it."""

    kind: ResourceKind
    key: tuple[str, int]
    days: list[int]
    value: float
    rows: list[int]
    cols: list[int]
    lifted: list[int] = field(default_factory=list)
    """The days a measurement raises the resource on (:func:`_lifted_days`)."""


def _candidates(p: Problem, m: LpModel, row_dual: FloatArray, col_dual: FloatArray) -> list[_Run]:
    """Per (resource, day) the saving of one more unit, grouped into runs of days."""
    per: dict[tuple[ResourceKind, tuple[str, int]], dict[int, tuple[float, list[int]]]] = (
        defaultdict(dict)
    )
    for name, kind in _ROW_KINDS.items():
        b = m.rows.get(name)
        if b is None:
            continue
        value = -row_dual[b.start : b.start + b.size]
        ident = b["a"] if name.startswith("link") else b["v"]
        for j in np.flatnonzero(value > TOL):
            key = (name.split("_")[0], int(ident[j]))
            day = int(b["t"][j])
            old_v, old_rows = per[(kind, key)].get(day, (0.0, []))
            per[(kind, key)][day] = (old_v + float(value[j]), [*old_rows, b.start + int(j)])
    sup = m.cols["supply"]
    value = -col_dual[sup.start : sup.start + sup.size]
    goods = p.flows.kind[sup["f"]] == FlowKind.GOODS
    for j in np.flatnonzero((value > TOL) & goods):
        key = (f"supply{int(sup['f'][j])}", int(sup["v"][j]))
        per[(ResourceKind.SUPPLY, key)][int(sup["t"][j])] = (float(value[j]), [sup.start + int(j)])
    runs: list[_Run] = []
    for (kind, key), by_day in per.items():
        days = sorted(by_day)
        # a capacity of 0 blocks on every day it is priced: one bottleneck, not one a run
        # (a tester's bridge that handled nothing took four of the report's twelve places)
        rows = [r for d in days for r in by_day[d][1]]
        shut = kind is not ResourceKind.SUPPLY and not np.any(m.row_upper[rows])
        start = 0
        for i in range(1, len(days) + 1):
            if i == len(days) or (days[i] != days[i - 1] + 1 and not shut):
                chunk = days[start:i]
                ids = [r for d in chunk for r in by_day[d][1]]
                run = _Run(
                    kind=kind,
                    key=key,
                    days=chunk,
                    value=sum(by_day[d][0] for d in chunk),
                    rows=[] if kind is ResourceKind.SUPPLY else ids,
                    cols=ids if kind is ResourceKind.SUPPLY else [],
                )
                runs.append(run)
                start = i
    noise = tie_breaking_noise(p)
    runs = [r for r in runs if r.value >= MIN_SHADOW_PRICE and r.value > noise * len(r.days)]
    runs.sort(key=lambda r: -r.value)
    return runs[:MAX_REPORTED]


def _name(p: Problem, run: _Run) -> tuple[str, str, float | None]:
    """Resource id, its description in words, and its capacity per day."""
    prefix, ident = run.key
    net = p.net
    if run.kind in (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX):
        link = p.scenario.links[int(net.arc_link[ident])]
        a, b = net.location_ids[int(net.arc_from[ident])], net.location_ids[int(net.arc_to[ident])]
        cap = (
            net.arc_cap_t[ident]
            if run.kind is ResourceKind.LINK_TONNES
            else (net.arc_cap_pax[ident])
        )
        unit = "t" if run.kind is ResourceKind.LINK_TONNES else "pax"
        return (
            f"{link.id} ({a}→{b})",
            f"the {link.mode} link {link.id} {a}→{b} ({tonnes_text(cap)} {unit}/day)",
            float(cap),
        )
    loc = p.scenario.locations[ident]
    if run.kind in _HANDLING_ROWS:
        kind = _KIND_WORDS.get(loc.kind.value, loc.kind.value)
        what = loc.name if kind.split()[0] in loc.name.lower() else f"the {kind} {loc.name}"
        people = run.kind is ResourceKind.HANDLING_PAX
        cap = float((net.handling_pax if people else net.handling)[ident])
        return loc.id, f"{what} (handling {tonnes_text(cap)} {'pax' if people else 't'}/day)", cap
    if run.kind is ResourceKind.STORAGE:
        return (
            loc.id,
            f"storage at {loc.name} ({tonnes_text(float(net.storage[ident]))} t)",
            float(net.storage[ident]),
        )
    com = p.flows.names[int(prefix.removeprefix("supply"))]
    st = next(s for s in p.scenario.stocks if s.location == loc.id and s.commodity == com)
    daily = st.replenishment_t_per_day
    if st.initial_t > 0 and run.days[0] == 0:  # day 0 gives the stock on hand as well
        after = f"then {tonnes_text(daily)} t/day" if daily > 0 else "no resupply"
        amount = f"{tonnes_text(st.initial_t)} t on hand on C+0, {after}"
        capacity = st.initial_t + daily
    else:
        amount, capacity = f"{tonnes_text(daily)} t/day", daily
    return f"{loc.id}/{com}", f"the {com} supply at {loc.name} ({amount})", capacity


def _commodities(p: Problem, m: LpModel, x: FloatArray, run: _Run) -> tuple[str, ...]:
    """The commodities using the resource during the run, busiest first."""
    if run.kind is ResourceKind.SUPPLY:
        return (run.key[0] and p.flows.names[int(run.key[0].removeprefix("supply"))],)
    arc = m.cols["arc"]
    days = np.isin(arc["t"], run.days)
    a = arc["a"]
    # a pax capacity (a link's, a place's handling) bounds people only, a tonnes one the rest
    is_pax = p.flows.kind[arc["f"]] == FlowKind.DEPLOY_PAX
    counted = is_pax == (run.kind in (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX))
    if run.kind in (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX):
        on = days & (a == run.key[1]) & counted
    elif run.kind in _HANDLING_ROWS:
        at = (p.net.arc_from[a] == run.key[1]) | (p.net.arc_to[a] == run.key[1])
        on = days & at & counted
    else:
        st = m.cols["stock"]
        on_s = np.isin(st["t"], run.days) & (st["v"] == run.key[1])
        vals = x[st.start : st.start + st.size]
        return _busiest(p, st["f"][on_s], vals[on_s])
    vals = x[arc.start : arc.start + arc.size]
    return _busiest(p, arc["f"][on], vals[on])


def _busiest(p: Problem, flows: IntArray, amount: FloatArray) -> tuple[str, ...]:
    totals: dict[str, float] = defaultdict(float)
    for f, q in zip(flows, amount, strict=True):
        if q > TOL:
            name = p.flows.names[int(f)]
            totals["deployment" if name.startswith("deploy:") else name] += float(q)
    return tuple(sorted(totals, key=lambda c: -totals[c]))


def _usage_over(m: LpModel, x: FloatArray, idx: IntArray, cols: bool, old: FloatArray) -> float:
    """Most the re-solved plan uses beyond the old capacity, on any lifted row or column."""
    used = x[idx] if cols else m.matrix[idx, :] @ x
    return float(np.max(used - old, initial=0.0))


def find_bottlenecks(
    p: Problem,
    m: LpModel,
    sol: Solution,
    session: HighsSession,
    base: Outcome,
    *,
    solve_s: float = 0.0,
) -> tuple[Bottleneck, ...]:
    """Rank binding capacities by shadow price; measure what more of the top few buys.

    The measuring re-solves get as long as the plan's own solve took (``solve_s``, at
    least :data:`EXPLAIN_MIN_S`); a bottleneck left unmeasured when that runs out is
    still listed and ranked, without the "+N t/day there…" part.
    """
    duals = session.duals()
    if sol.x is None or duals is None:
        return ()
    deadline = time.perf_counter() + max(EXPLAIN_MIN_S, solve_s)
    runs = _candidates(p, m, *duals)
    out: list[Bottleneck] = []
    said: set[tuple[ResourceKind, tuple[str, int], tuple[int, ...]]] = set()
    for run in runs:
        run.lifted = _lifted_days(p, m, sol.x, run)
        if run.kind is ResourceKind.STORAGE:  # full on all those days, priced on some
            run.days = run.lifted
        if (run.kind, run.key, tuple(run.days)) in said:
            continue  # two priced days of one full stretch: said with the first
        said.add((run.kind, run.key, tuple(run.days)))
        resource, words, capacity = _name(p, run)
        coms = _commodities(p, m, sol.x, run)
        measured = (
            _measure(p, m, _Resolver(session, deadline), run, base)
            if len(out) < p.params.explain_top
            else None
        )
        out.append(
            Bottleneck(
                kind=run.kind,
                resource=resource,
                days=tuple(run.days),
                shadow_price=round(run.value, 6),
                commodities=coms,
                capacity=capacity,
                suggested_extra_per_day=None
                if measured is None or measured.alone
                else measured.extra,
                extra_unit=_extra_unit(run, run.lifted),
                shortfall_removed_t=None if measured is None else round(measured.removed_t, 3),
                explanation=_explanation(words, run, coms, measured, run.lifted),
            )
        )
    return tuple(out)


def _explanation(
    words: str,
    run: _Run,
    coms: tuple[str, ...],
    measured: _Measured | None,
    lifted: list[int],
) -> str:
    """What the resource limits and when, then what the measured extra of it buys.

    A resource nothing passes (a capacity of 0) limits no commodity: it blocks what would
    pass, named as the re-solve with the extra moved it through, if it was measured.
    The extra is said with its days when they are not the binding ones (``lifted``: a
    yard's are widened by its dwell).
    """
    span = day_ranges(run.days)  # one run of consecutive days
    if coms:
        # what passes only once it is raised: a tester's port took all the water and none
        # of the food, and was said to limit water alone while food went 100 % short
        kept = [c for c in (measured.crossing if measured else ()) if c not in coms]
        out = f", and keeps out {_listed(tuple(kept))}," if kept else ""
        text = f"{words} limits {_listed(coms)}{out} on {span}"
    elif measured is not None and measured.crossing:
        text = (
            f"{words} blocks the {_listed(measured.crossing)} that would pass through it on {span}"
        )
    else:
        text = f"{words} blocks everything that would pass through it on {span}"
    if measured is None:
        return text
    if measured.alone:
        return f"{text}; more there changes nothing on its own"
    when = "" if lifted == run.days else f" on {day_ranges(lifted)}"
    extra = f"+{_amount(measured.extra)} {_extra_unit(run, lifted)} there{when}"
    return f"{text}; {extra}{measured.with_partner} {measured.effect}"


def _extra_unit(run: _Run, lifted: list[int]) -> str:
    """What an extra of the run's resource counts: per day, or once."""
    if run.kind is ResourceKind.SUPPLY and len(lifted) == 1:
        return "t"  # one day's supply (a stock on hand once): more of it, not more a day
    per = {ResourceKind.LINK_PAX: "pax/day", ResourceKind.HANDLING_PAX: "pax/day"}
    return {**per, ResourceKind.STORAGE: "t"}.get(run.kind, "t/day")


def _rows_to_lift(p: Problem, m: LpModel, run: _Run) -> list[int]:
    """The rows to relax for a run.

    A yard's unloading and loading rows bind together (its dual may sit on either), so
    lift both; a yard's and a store's over their lifted days.
    """
    names = _HANDLING_ROWS.get(run.kind, ("storage",) if run.kind is ResourceKind.STORAGE else ())
    if not names:
        return run.rows
    v = run.key[1]
    lo, hi = run.lifted[0], run.lifted[-1]
    rows: list[int] = []
    for name in names:
        b = m.rows.get(name)
        if b is not None:
            hit = (b["v"] == v) & (b["t"] >= lo) & (b["t"] <= hi)
            rows += (b.start + np.flatnonzero(hit)).tolist()
    return rows


def _lifted_days(p: Problem, m: LpModel, x: FloatArray, run: _Run) -> list[int]:
    """The days whose capacity a measurement raises.

    A yard's run is widened by its dwell. A store's is widened to the whole stretch of
    days it is full in the plan: a tonne kept one more day must be kept on each of them.
    A tester's depot, full on C+3–C+6 with the shadow price all on C+6, gained nothing
    from more room on C+6 alone, and the report offered no extra.
    """
    if run.kind is ResourceKind.STORAGE:
        b = m.rows["storage"]
        mine = np.flatnonzero(b["v"] == run.key[1])
        upper = m.row_upper[b.start + mine]
        used = m.matrix[b.start + mine, :] @ x
        full = {int(d) for d in b["t"][mine][used >= upper - TOL * np.maximum(1.0, upper)]}
        lo, hi = run.days[0], run.days[-1]
        while lo - 1 in full:
            lo -= 1
        while hi + 1 in full:
            hi += 1
        return list(range(lo, hi + 1))
    if run.kind not in _HANDLING_ROWS:
        return run.days
    dwell = int(p.net.dwell[run.key[1]])
    return list(range(max(0, run.days[0] - dwell), min(p.days - 1, run.days[-1] + dwell) + 1))


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


BISECTIONS = 10
"""Warm re-solves spent looking for a smaller round extra that does as much: enough to go
from a large unlimited usage down to two significant digits (three left a tester's +12
t/day where +10 did; six, the relief example's +10 where +9 did). The time budget still
bounds them."""
EXPLAIN_MIN_S = 10.0
"""Seconds the measuring re-solves may take at least, however quick the plan's solve."""


class _Resolver:
    """Warm re-solves within the explanation's time; the solution only if proven optimal."""

    def __init__(self, session: HighsSession, deadline: float) -> None:
        self.session = session
        self._deadline = deadline

    @property
    def out_of_time(self) -> bool:
        return time.perf_counter() >= self._deadline

    def __call__(self) -> FloatArray | None:
        left = self._deadline - time.perf_counter()
        if left <= 0:
            return None
        self.session.set_time_limit(left)
        sol = self.session.solve()
        return sol.x if sol.status is PlanStatus.OPTIMAL else None


def _tier(goal: Outcome, base: Outcome) -> int | None:
    """The most important way ``goal`` improves on ``base``, in the objective's order.

    0 less shortfall, 1 less lift late, 2 more of the days-of-supply targets, 3 less
    transport cost; None if it improves on none.
    """
    gains = (
        goal.short_t < base.short_t - short_eps(base),
        sooner(goal, base),
        goal.gap_t_days < base.gap_t_days - GAP_EPS,
        goal.transport_cost < base.transport_cost - COST_EPS,
    )
    return gains.index(True) if any(gains) else None


def _as_good(new: Outcome, goal: Outcome, tier: int, base: Outcome) -> bool:
    """As good as ``goal`` in every respect down to ``tier`` (shortfall and lateness always).

    A planner asks for the least extra that removes the shortfall and closes every unit as
    early; where only targets or cost gain, for the least that gains as much of them. The
    shortfall must come within a thousandth of the gain (a kilogram at most): of a gain of
    20 kg, +4.8 kg a day was taken for as good as +5 for 1 kg less.
    """
    gain = max(0.0, base.short_t - goal.short_t)
    short_tol = min(short_eps(goal), max(1e-6 * goal.short_t, 1e-3 * gain))
    checks = (
        new.short_t <= goal.short_t + short_tol,
        new.late_t_days <= goal.late_t_days + LATE_EPS
        and new.late_pax_days <= goal.late_pax_days + LATE_EPS,
        new.gap_t_days <= goal.gap_t_days + GAP_EPS,
        new.transport_cost <= goal.transport_cost + COST_EPS,
    )
    return all(checks[: max(tier, 1) + 1])


def _least_extra(
    p: Problem,
    m: LpModel,
    resolve: _Resolver,
    base: Outcome,
    lift: Callable[[float], None],
    enough: float,
    free_x: FloatArray,
) -> tuple[float, FloatArray]:
    """The least round extra (bisecting below ``enough``) that does what ``enough`` does.

    ``enough`` covers what the unlimited re-solve used, so that solution is feasible with
    it and stands for its effect. The bisection looks for the least round figure that
    still does as well in the most important respect that gains (:func:`_tier`).
    """
    goal = outcome_of(p, m, free_x)
    lo, hi, best = 0.0, enough, free_x
    tier = _tier(goal, base)
    if tier is None:  # it gains nothing worth saying: no least extra to look for
        return hi, best
    for _ in range(BISECTIONS):
        mid = nice_ceil((lo + hi) / 2)
        if mid >= hi:
            break
        lift(mid)
        x = resolve()
        if x is not None and _as_good(outcome_of(p, m, x), goal, tier, base):
            hi, best = mid, x
        elif x is None and resolve.out_of_time:
            break
        else:
            lo = mid
    return hi, best


def _listed(names: tuple[str, ...]) -> str:
    """Names in a sentence: "food", "food and fuel", "food, fuel, water and 2 more".

    >>> _listed(("food", "fuel")), _listed(("a", "b", "c", "d"))
    ('food and fuel', 'a, b, c and 1 more')
    """
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


@dataclass(frozen=True, slots=True)
class _Measured:
    """What a round extra of a resource buys, as the re-solve with it found."""

    extra: float
    """Per day (tonnes, people, or tonnes of storage), rounded as a planner would say it."""
    removed_t: float
    """Tonnes of shortfall the extra removes."""
    effect: str
    """The gain in words ("removes 840 t of shortfall: …")."""
    crossing: tuple[str, ...]
    """The commodities that use the resource in the re-solved plan, busiest first."""
    alone: bool = False
    """More of it buys nothing on its own, and no other capacity was found to go with it."""
    with_partner: str = ""
    """The other capacity raised with it, in words, when more of it alone bought nothing."""


@dataclass(slots=True)
class _Lift:
    """One resource's bounds to raise while measuring, and how to put them back."""

    idx: IntArray
    old: FloatArray
    setter: Callable[[IntArray, FloatArray], None]
    cols: bool
    using: IntArray

    def to(self, more: float) -> None:
        self.setter(self.idx, self.old + more)

    def unlimited(self) -> None:
        self.setter(self.idx, np.full(len(self.idx), np.inf))

    def restore(self) -> None:
        self.setter(self.idx, self.old)


def _lift_of(p: Problem, m: LpModel, session: HighsSession, run: _Run) -> _Lift:
    idx = np.array(run.cols or _rows_to_lift(p, m, run), dtype=np.int64)
    return _Lift(
        idx=idx,
        old=(m.col_upper if run.cols else m.row_upper)[idx],
        setter=session.set_col_upper if run.cols else session.set_row_upper,
        cols=bool(run.cols),
        using=_using_columns(m, idx, bool(run.cols)),
    )


def _priced(p: Problem, m: LpModel, session: HighsSession, lifts: list[_Lift], on: bool) -> None:
    """Put the token usage price on (or off) the columns that use the lifted resources."""
    price = USAGE_PRICE * p.cost_scale if on else 0.0
    for lift in lifts:
        session.set_col_cost(lift.using, m.cost[lift.using] + price)


MAX_TOGETHER = 3
"""At most this many capacities in a row are raised together to measure a bottleneck."""


def _measure(
    p: Problem, m: LpModel, resolve: _Resolver, run: _Run, base: Outcome
) -> _Measured | None:
    """Re-solve with the resource unlimited, then with a rounded-up extra; restore it.

    When more of it alone gains nothing, other capacities bind with it (a road of 40
    people a day into a border post of 40, a link, a yard and a link of 30 t/day in a
    row: testers raised the one the report named and gained nothing). The capacity of
    its kind (tonnes, or people) that binds most once it is unlimited, next to one
    already raised if any is, is raised with it, up to :data:`MAX_TOGETHER`, until the
    plan gains; they are then raised in proportion to what each used unlimited, and the
    least round figure bisected for. None when there was no time left or a re-solve
    failed.
    """
    if resolve.out_of_time:
        return None
    session = resolve.session
    runs = [run]
    lifts = [_lift_of(p, m, session, run)]
    nothing = _Measured(extra=0.0, removed_t=0.0, effect="", crossing=(), alone=True)
    session.use_simplex()  # warm start from the plan's basis
    try:
        while True:
            lifts[-1].unlimited()
            _priced(p, m, session, lifts, on=True)
            free_x = resolve()
            if free_x is None:
                return None
            if _tier(outcome_of(p, m, free_x), base) is not None:
                break
            partner = _binding_with(p, m, session, runs, free_x)
            if partner is None or len(runs) == MAX_TOGETHER:
                return nothing
            runs.append(partner)
            lifts.append(_lift_of(p, m, session, partner))
        used = [_usage_over(m, free_x, lf.idx, lf.cols, lf.old) for lf in lifts]
        _priced(p, m, session, lifts, on=False)
        if used[0] <= TOL:  # the gain is the others' alone
            return nothing
        kept = [i for i, u in enumerate(used) if u > TOL]
        enough = {i: nice_ceil(used[i]) for i in kept}
        for i in set(range(len(lifts))) - set(kept):
            lifts[i].restore()  # raised, but not needed for the gain

        def together(more: float) -> None:
            for i in kept:
                lifts[i].to(more * enough[i] / enough[0])

        extra, x = _least_extra(p, m, resolve, base, together, enough[0], free_x)
        with_partners = [
            f"+{_amount(nice_ceil(extra * enough[i] / enough[0]))} "
            f"{_extra_unit(runs[i], runs[i].lifted)} at {_name(p, runs[i])[1]}"
            + ("" if runs[i].lifted == run.lifted else f" on {day_ranges(runs[i].lifted)}")
            for i in kept[1:]
        ]
        removed, said = effect(p, base, outcome_of(p, m, x))
    finally:
        _priced(p, m, session, lifts, on=False)
        for lf in lifts:
            lf.restore()
    return _Measured(
        extra=extra,
        removed_t=removed,
        effect=said,
        crossing=_commodities(p, m, x, run),
        with_partner=f" together with {_listed(tuple(with_partners))}" if with_partners else "",
    )


_PEOPLE = (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX)


def _binding_with(
    p: Problem, m: LpModel, session: HighsSession, runs: list[_Run], x: FloatArray
) -> _Run | None:
    """The capacity that binds most once those of ``runs`` are unlimited (a partner).

    Of their kind (people, or tonnes), and next to one of them if any such binds: a link
    into or out of a place, a place or link at either end of a link.
    """
    duals = session.duals()
    if duals is None:
        return None
    taken = {(r.kind, r.key) for r in runs}
    people = runs[0].kind in _PEOPLE
    here = set().union(*(_places(p, r) for r in runs))
    alike = [
        other
        for other in _candidates(p, m, *duals)
        if (other.kind, other.key) not in taken
        and other.kind is not ResourceKind.SUPPLY
        and (other.kind in _PEOPLE) == people
    ]
    pool = [other for other in alike if here & _places(p, other)] or alike
    if not pool:
        return None
    pool[0].lifted = _lifted_days(p, m, x, pool[0])
    return pool[0]


def _amount(value: float) -> str:
    """An extra as said: whole from 1, else two significant digits."""
    return f"{value:,.0f}" if value >= 1 else f"{value:.2g}"


def _places(p: Problem, run: _Run) -> set[int]:
    """The locations a resource is at: a place's own, a link's two ends."""
    ident = run.key[1]
    if run.kind in (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX):
        return {int(p.net.arc_from[ident]), int(p.net.arc_to[ident])}
    return {ident}
