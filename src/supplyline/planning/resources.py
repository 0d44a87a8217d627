"""What a bottleneck is: the capacities the duals price, by runs of days, and in words.

A resource is a link's tonnes or people, a place's handling (tonnes or people), a
store, or a source's daily supply. This module groups their shadow prices into runs,
names them as a planner would, finds which commodities use them, and which rows (or
columns) raise them for a measurement (:mod:`supplyline.planning.measure`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from supplyline.domain import ResourceKind, amount_unit
from supplyline.planning.assemble import Problem, on_hand_room
from supplyline.planning.extract import TOL
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.outcome_words import tonnes_text
from supplyline.types import day_ranges

__all__ = [
    "MAX_REPORTED",
    "PEOPLE_KINDS",
    "Run",
    "amount_text",
    "candidates",
    "commodities_using",
    "days_used",
    "describe",
    "extra_unit",
    "lifted_days",
    "listed",
    "places",
    "rows_to_lift",
    "supply_resource",
    "tie_breaking_noise",
]

FloatArray = npt.NDArray[np.float64]


MAX_REPORTED = 50
"""Ranked bottlenecks kept (bottlenecks.csv has them all; the CLI and report show the top).
At 12, a relief planner's two roads into cut-off sites, ranks 14 and 15 behind every water
source, were in no file."""


MIN_SHADOW_SHARE = 1e-3
"""Runs worth less than this share of the scenario's cost scale (its dearest link per
tonne) are noise. A flat 1.0 in money hid a tester's road worth 0.72 whose costs were
cents a tonne, and showed it with every cost ×100."""


def tie_breaking_noise(p: Problem) -> float:
    """What a tonne more on one day can be worth through the tie-breakers alone.

    Two legs saved and a tonne-day held over the whole horizon, in objective units: the
    tie-breakers scale with the largest link cost, so on the bilateral example a day of
    food at the forward depot was "worth" 3.24 (a leg and a few days' holding) and ranked
    third among its bottlenecks, with "changes little on its own". A run worth no more
    than this per day is not a bottleneck.
    """
    w = p.weights
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


@dataclass(slots=True)
class Run:
    """A resource binding on consecutive days, and the rows or columns that model it."""

    kind: ResourceKind
    key: tuple[str, int]
    days: list[int]
    value: float
    rows: list[int]
    cols: list[int]
    lifted: list[int] = field(default_factory=list)
    """The days a measurement raises the resource on (:func:`lifted_days`)."""


BINDING_SLACK = 1e-3
"""A capacity binds on a day when what is used is within this share of it (or a gram).

A simplex vertex has priced capacities exactly full; PDLP's duals are approximate, and a
tester's gauge-break plan with it named a fuel supply of 1,000 t/day as a bottleneck
while the plan drew 60 t a day from it."""


def _full(used: FloatArray, capacity: FloatArray) -> npt.NDArray[np.bool_]:
    """Where ``used`` reaches ``capacity`` (within :data:`BINDING_SLACK`)."""
    full: npt.NDArray[np.bool_] = capacity - used <= np.maximum(
        BINDING_SLACK * np.abs(capacity), TOL
    )
    return full


def candidates(
    p: Problem, m: LpModel, row_dual: FloatArray, col_dual: FloatArray, x: FloatArray
) -> list[Run]:
    """Per (resource, day) the saving of one more unit, grouped into runs of days.

    Only where the plan ``x`` uses the capacity to the full: a price on a capacity with
    room left is the solver's noise, not a bottleneck. A link's or a place's run is the
    whole stretch of consecutive days it is full around its priced days
    (:func:`_stretches`), a place full on a day when it is full unloading or loading.
    """
    activity = m.matrix @ x
    Key = tuple[ResourceKind, tuple[str, int]]
    per: dict[Key, dict[int, tuple[float, list[int]]]] = defaultdict(dict)
    full_rows: dict[Key, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for name, kind in _ROW_KINDS.items():
        b = m.rows.get(name)
        if b is None:
            continue
        value = -row_dual[b.start : b.start + b.size]
        ident = b["a"] if name.startswith("link") else b["v"]
        span = slice(b.start, b.start + b.size)
        full = _full(activity[span], m.row_upper[span])
        for j in np.flatnonzero(full):
            key = (name.split("_")[0], int(ident[j]))
            full_rows[(kind, key)][int(b["t"][j])].append(b.start + int(j))
        for j in np.flatnonzero((value > TOL) & full):
            key = (name.split("_")[0], int(ident[j]))
            day = int(b["t"][j])
            old_v, old_rows = per[(kind, key)].get(day, (0.0, []))
            per[(kind, key)][day] = (old_v + float(value[j]), [*old_rows, b.start + int(j)])
    sup = m.cols["supply"]
    source_of: dict[tuple[str, int], tuple[int, int]] = {}
    cols = slice(sup.start, sup.start + sup.size)
    value = -col_dual[cols]
    goods = p.flows.kind[sup["f"]] == FlowKind.GOODS
    for j in np.flatnonzero((value > TOL) & goods & _full(x[cols], m.col_upper[cols])):
        key = (f"supply{int(sup['f'][j])}", int(sup["v"][j]))
        source_of[key] = (int(sup["f"][j]), int(sup["v"][j]))
        day = int(sup["t"][j])  # on day 0 what is on hand and that day's replenishment
        old_v, old_cols = per[(ResourceKind.SUPPLY, key)].get(day, (0.0, []))
        per[(ResourceKind.SUPPLY, key)][day] = (
            old_v + float(value[j]),
            [*old_cols, sup.start + int(j)],
        )
    noise = tie_breaking_noise(p)
    least = MIN_SHADOW_SHARE * p.cost_scale
    runs: list[Run] = []
    for (kind, key), by_day in per.items():
        days = sorted(by_day)
        # a capacity of 0 blocks on every day it is priced: one bottleneck, not one a run
        # (a tester's bridge that handled nothing took four of the report's twelve places)
        rows = [r for d in days for r in by_day[d][1]]
        shut = kind is not ResourceKind.SUPPLY and not np.any(m.row_upper[rows])
        widen = kind in _WIDENED and not shut
        full_on = full_rows[(kind, key)]
        for priced, chunk in _stretches(days, set(full_on) if widen else set(), joined=shut):
            value_of = sum(by_day[d][0] for d in priced)
            # worth no more a day than the tie-breakers make a tonne, on the priced days
            if value_of < least or value_of <= noise * len(priced):
                continue
            if kind is ResourceKind.SUPPLY:
                ids = _supply_to_raise(m, *source_of[key], chunk)
            elif widen:
                ids = sorted({r for d in chunk for r in full_on[d]})
            else:
                ids = [r for d in chunk for r in by_day[d][1]]
            runs.append(
                Run(
                    kind=kind,
                    key=key,
                    days=chunk,
                    value=value_of,
                    rows=[] if kind is ResourceKind.SUPPLY else ids,
                    cols=ids if kind is ResourceKind.SUPPLY else [],
                )
            )
    runs.sort(key=lambda r: -r.value)
    return runs[:MAX_REPORTED]


_WIDENED = (
    ResourceKind.LINK_TONNES,
    ResourceKind.LINK_PAX,
    ResourceKind.HANDLING,
    ResourceKind.HANDLING_PAX,
)
"""Kinds whose runs are the stretches they are full (a store's are, in
:func:`one_per_store`; a source's supply is raised on its priced days)."""


def _stretches(
    priced: list[int], full: set[int], *, joined: bool
) -> list[tuple[list[int], list[int]]]:
    """Priced days grouped into runs: (the priced days, the run's days), in day order.

    Consecutive priced days make a run, and so do priced days with only full days between
    them; a run then takes in the full days on either side. The dual of a capacity full
    on several days sits on one or two of them: a tester's yard, full unloading on
    C+1–C+3 and loading on C+2–C+4, was priced on C+1 and C+3 and listed twice, each
    asking +100 t/day where +50 over the whole stretch did as well; a chain of two rail
    links and a yard, each full on three days and priced on one, was offered +100 t/day
    at each where +50 did. ``joined``: all priced days are one run (a capacity of 0).
    """
    if joined:
        return [(priced, priced)]
    on = set(priced) | full
    out: list[tuple[list[int], list[int]]] = []
    for day in priced:
        if out and day <= out[-1][1][-1]:
            out[-1][0].append(day)
            continue
        lo = hi = day
        while lo - 1 in on:
            lo -= 1
        while hi + 1 in on:
            hi += 1
        out.append(([day], list(range(lo, hi + 1))))
    return out


def _supply_to_raise(m: LpModel, flow: int, place: int, days: list[int]) -> list[int]:
    """The supply columns an extra raises over ``days``: one a day.

    Over several days the extra is t/day, the replenishment; on day 0 alone it is tonnes
    on hand (where some are). Raised on both of day 0's columns, the bilateral example's
    spares said +0.19 t/day where +0.2 did as much every day: day 0 counted twice.
    """
    sup = m.cols["supply"]
    mine = (sup["f"] == flow) & (sup["v"] == place) & np.isin(sup["t"], days)
    held = sup["on_hand"] == 1
    pick = mine & (held if len(days) == 1 and (mine & held).any() else ~held)
    return (sup.start + np.flatnonzero(pick)).tolist()


def describe(p: Problem, run: Run) -> tuple[str, str, float | None, str]:
    """Resource id, its description in words, its capacity, and what that counts.

    The unit is :func:`~supplyline.domain.amount_unit`'s: per day, or ``t`` for storage
    and for a supply's stock on hand on C+0 alone.
    """
    prefix, ident = run.key
    net = p.net
    unit = amount_unit(run.kind)
    if run.kind in (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX):
        link = p.scenario.links[int(net.arc_link[ident])]
        a, b = net.location_ids[int(net.arc_from[ident])], net.location_ids[int(net.arc_to[ident])]
        cap = (
            net.arc_cap_t[ident]
            if run.kind is ResourceKind.LINK_TONNES
            else (net.arc_cap_pax[ident])
        )
        return (
            f"{link.id} ({a}→{b})",
            f"the {link.mode} link {link.id} {a}→{b} ({tonnes_text(cap)} {unit})",
            float(cap),
            unit,
        )
    loc = p.scenario.locations[ident]
    if run.kind in _HANDLING_ROWS:
        kind = _KIND_WORDS.get(loc.kind.value, loc.kind.value)
        what = loc.name if kind.split()[0] in loc.name.lower() else f"the {kind} {loc.name}"
        people = run.kind is ResourceKind.HANDLING_PAX
        cap = float((net.handling_pax if people else net.handling)[ident])
        return loc.id, f"{what} (handling {tonnes_text(cap)} {unit})", cap, unit
    if run.kind is ResourceKind.STORAGE:
        storage_t, on_hand = float(net.storage[ident]), store_on_hand(p, run)
        if on_hand > storage_t:  # the plan's room is what is on hand (on_hand_room)
            # an auditor's store of storage_t 0 holding 20 t was said to be "(0 t)"
            room = (
                f"room {tonnes_text(on_hand)} {unit}: what is on hand; "
                f"storage_t {tonnes_text(storage_t)}"
            )
            return loc.id, f"storage at {loc.name} ({room})", on_hand, unit
        return loc.id, f"storage at {loc.name} ({tonnes_text(storage_t)} {unit})", storage_t, unit
    com = p.flows.names[int(prefix.removeprefix("supply"))]
    st = next(s for s in p.scenario.stocks if s.location == loc.id and s.commodity == com)
    daily = st.replenishment_t_per_day
    if st.initial_t > 0 and run.days[0] == 0:  # day 0 gives the stock on hand as well
        after = f"then {tonnes_text(daily)} {unit}" if daily > 0 else "no resupply"
        amount = f"{tonnes_text(st.initial_t)} t on hand on C+0, {after}"
        # in the extra's own unit: tonnes on hand for C+0 alone, else t/day (a planner
        # read 600 t on hand plus 700 t/day as "1,300" beside an extra in t/day)
        if run.days == [0]:
            capacity, unit = st.initial_t, amount_unit(run.kind, once=True)
        else:
            capacity = daily
    else:
        amount, capacity = f"{tonnes_text(daily)} {unit}", daily
    return (
        supply_resource(loc.id, com),
        f"the {com} supply at {loc.name} ({amount})",
        capacity,
        unit,
    )


def supply_resource(location_id: str, commodity_id: str) -> str:
    """A supply bottleneck's ``resource``: ``fwd-depot/water``.

    >>> supply_resource("fwd-depot", "water")
    'fwd-depot/water'
    """
    return f"{location_id}/{commodity_id}"


def amount_text(kind: ResourceKind, amount: float, unit: str) -> str:
    """A resource's amount in words: a capacity, or for a supply what it gives.

    A supply is no capacity: a tester read "supply fwd-depot/water, capacity 40 t/day"
    beside a cause saying "whatever the capacities" the units would be short, where 3 t/day
    more of that supply removed the shortfall. The tables say it so; the explanations say
    "the water supply at fwd-depot (40 t/day)".

    >>> amount_text(ResourceKind.LINK_TONNES, 40.0, "t/day")
    '40 t/day'
    >>> supply = ResourceKind.SUPPLY
    >>> amount_text(supply, 40.0, "t/day"), amount_text(supply, 600.0, "t")
    ('40 t/day of replenishment', '600 t on hand')
    """
    text = f"{tonnes_text(amount)} {unit}"
    if kind is not ResourceKind.SUPPLY:
        return text
    return f"{text} on hand" if unit == "t" else f"{text} of replenishment"


def store_on_hand(p: Problem, run: Run) -> float:
    """Tonnes on hand on C+0 at a store's place (every commodity; 0 for other resources).

    They take room whether drawn or not, and where they are more than ``storage_t`` they
    are the store's room (:func:`~supplyline.planning.assemble.on_hand_room`).
    """
    if run.kind is not ResourceKind.STORAGE:
        return 0.0
    return float(on_hand_room(p.scenario, p.net)[0][run.key[1]])


def commodities_using(p: Problem, m: LpModel, x: FloatArray, run: Run) -> tuple[str, ...]:
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
        # a place's rows count what arrives there on the run's days, which departed days
        # before: a tester's camp took 3 t a day and was said to block everything
        on = np.isin(np.arange(arc.size), _columns_in(m, _place_rows(m, run, run.days)))
    else:
        st = m.cols["stock"]
        # goods only: a unit's own lift waits there without using the store (an auditor's
        # yard was said to limit "deployment, food and water")
        goods = p.flows.kind[st["f"]] == FlowKind.GOODS
        on_s = np.isin(st["t"], run.days) & (st["v"] == run.key[1]) & goods
        vals = x[st.start : st.start + st.size]
        return _busiest(p, st["f"][on_s], vals[on_s])
    vals = x[arc.start : arc.start + arc.size]
    return _busiest(p, arc["f"][on], vals[on])


def _place_rows(m: LpModel, run: Run, days: list[int]) -> list[int]:
    """A place's handling rows (arriving and leaving) on ``days``."""
    v = run.key[1]
    rows: list[int] = []
    for name in _HANDLING_ROWS[run.kind]:
        b = m.rows.get(name)
        if b is not None:
            hit = (b["v"] == v) & np.isin(b["t"], days)
            rows += (b.start + np.flatnonzero(hit)).tolist()
    return rows


def _columns_in(m: LpModel, rows: list[int]) -> IntArray:
    """The arc columns (numbered within the arc block) with an entry in any of ``rows``."""
    mat, arc = m.matrix, m.cols["arc"]
    entry = np.isin(mat.indices, rows)
    col = np.repeat(np.arange(mat.shape[1]), np.diff(mat.indptr))[entry]
    inside = (col >= arc.start) & (col < arc.start + arc.size)
    return np.unique(col[inside] - arc.start)


def _busiest(p: Problem, flows: IntArray, amount: FloatArray) -> tuple[str, ...]:
    totals: dict[str, float] = defaultdict(float)
    for f, q in zip(flows, amount, strict=True):
        if q > TOL:
            name = p.flows.names[int(f)]
            totals["deployment" if name.startswith("deploy:") else name] += float(q)
    return tuple(sorted(totals, key=lambda c: -totals[c]))


def extra_unit(run: Run, lifted: list[int]) -> str:
    """What an extra of the run's resource counts: per day, or once (a day's supply)."""
    # one day's supply (a stock on hand once): more of it, not more a day
    return amount_unit(run.kind, once=run.kind is ResourceKind.SUPPLY and len(lifted) == 1)


def rows_to_lift(p: Problem, m: LpModel, run: Run) -> list[int]:
    """The rows to relax for a run.

    A yard's unloading and loading rows bind together (its dual may sit on either), so
    lift both; a yard's and a store's over their lifted days.
    """
    if run.kind in _HANDLING_ROWS:
        return _place_rows(m, run, run.lifted)
    if run.kind is not ResourceKind.STORAGE:
        return run.rows
    b = m.rows["storage"]
    hit = (b["v"] == run.key[1]) & np.isin(b["t"], run.lifted)
    return (b.start + np.flatnonzero(hit)).tolist()


def lifted_days(p: Problem, m: LpModel, run: Run) -> list[int]:
    """The days whose capacity a measurement raises.

    A yard's run is widened by its dwell. A store's is every day it has a limit: its
    ``storage_t`` is one figure, and what more room buys is that figure raised. A tester's
    depot, full on C+3–C+6 with the shadow price all on C+6, gained nothing from more room
    on C+6 alone; another's gained 10 t from +10 t on the one day it was full, where +30 t
    on every day removed all 30 t (the store then filled on two more days).
    """
    if run.kind is ResourceKind.STORAGE:
        b = m.rows["storage"]
        return sorted({int(d) for d in b["t"][b["v"] == run.key[1]]})
    if run.kind not in _HANDLING_ROWS:
        return run.days
    dwell = int(p.net.dwell[run.key[1]])
    return list(range(max(0, run.days[0] - dwell), min(p.days - 1, run.days[-1] + dwell) + 1))


def one_per_store(m: LpModel, x: FloatArray, runs: list[Run]) -> list[Run]:
    """``runs`` with each store's runs made one, over every stretch of days it is full.

    A store's extra is its one ``storage_t`` raised on every day, so it is one bottleneck:
    a tester's depot, full on C+3 and again on C+8, was listed twice, each time with the
    gain of raising it on every day (20 t twice, for one change worth 20 t). Each priced
    day is widened to the stretch it is full around it (a tonne kept one more day is kept
    on each of them); the merged run is worth what its parts were, and ranked by that.
    """
    stores: dict[tuple[str, int], Run] = {}
    out: list[Run] = []
    for run in runs:
        if run.kind is not ResourceKind.STORAGE:
            out.append(run)
            continue
        days = _full_stretch(m, x, run)
        first = stores.get(run.key)
        if first is None:
            run.days = days
            stores[run.key] = run
            out.append(run)
        else:
            first.days = sorted(set(first.days) | set(days))
            first.value += run.value
            first.rows = sorted(set(first.rows) | set(run.rows))
    return sorted(out, key=lambda r: -r.value)


def _full_stretch(m: LpModel, x: FloatArray, run: Run) -> list[int]:
    """A store's run widened to the whole stretch of days it is full in the plan."""
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


def days_used(
    m: LpModel, run: Run, idx: IntArray, cols: bool, old: FloatArray, x: FloatArray
) -> list[int]:
    """The stretch of raised days over which a link's or a place's rows carry more in ``x``.

    From the first to the last day its rows carry more than ``old``: ``x`` is feasible
    with the capacity raised on these days alone. One stretch, as a planner raises a
    capacity: a tester's road used its extra on C+0 and C+3–C+10, and the gap read as a
    slip. Any other resource keeps its lifted days (a store's one figure, a source's
    supply).
    """
    if run.kind not in _WIDENED or cols:
        return run.lifted
    over = idx[(m.matrix[idx, :] @ x) - old > TOL]
    days = {
        int(b["t"][r - b.start])
        for b in m.rows.values()
        if "t" in b.attrs
        for r in over[(over >= b.start) & (over < b.start + b.size)]
    }
    if not days:
        return run.lifted
    return [d for d in run.lifted if min(days) <= d <= max(days)]


def extra_days(run: Run, binding: list[int]) -> str:
    """The days of an extra in words, when they are not ``binding`` (else nothing).

    A store's extra is its one ``storage_t`` raised: no days.
    """
    if run.kind is ResourceKind.STORAGE or run.lifted == binding:
        return ""
    return f" on {day_ranges(run.lifted)}"


def listed(names: tuple[str, ...]) -> str:
    """Names in a sentence: "food", "food and fuel", "food, fuel, water and 2 more".

    >>> listed(("food", "fuel")), listed(("a", "b", "c", "d"))
    ('food and fuel', 'a, b, c and 1 more')
    """
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


PEOPLE_KINDS = (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX)


def places(p: Problem, run: Run) -> set[int]:
    """The locations a resource is at: a place's own, a link's two ends."""
    ident = run.key[1]
    if run.kind in (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX):
        return {int(p.net.arc_from[ident]), int(p.net.arc_to[ident])}
    return {ident}
