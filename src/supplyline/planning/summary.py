"""Plan summaries as rows (dicts): the one place where a plan's totals are added up.

The CLI prints these rows and the HTML report lays them out as tables; neither face adds
anything up itself. Functions take the scenario and demand where a figure needs them
(tonne-km and cost need the links; the share short needs what was demanded).

>>> from supplyline.planning.examples import one_link
>>> from supplyline.planning import plan_movements
>>> plan = plan_movements(*one_link(capacity_t_per_day=5.0))
>>> [(r["mode"], r["tonnes"]) for r in totals_by_mode(plan)]
[('road', 20.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import numpy as np

from supplyline.domain import Demand, Plan, PlanStatus, Scenario, to_deliver
from supplyline.domain.deployment import closure_verdict
from supplyline.planning.bottleneck_rows import (
    CLOSURE_RANK_RULE,
    CLOSURES_TITLE,
    bottleneck_caveats,
    bottleneck_note,
    bottleneck_rows,
    bottleneck_table_rows,
    closure_table_rows,
    filled_columns,
)
from supplyline.planning.capacity_cause import capacity_cause
from supplyline.planning.mode_totals import (
    DEPLOY_PREFIX,
    MODE_COLUMNS,
    cost_as_shown,
    totals_by_mode,
)
from supplyline.planning.objective_words import objective_columns
from supplyline.planning.params import Weights
from supplyline.planning.roomless_stores import unpriced_stores_note
from supplyline.types import day_label, day_ranges, iso_date, to_gram

__all__ = [
    "ADDS_UP_NOTE",
    "ALL_DEMAND",
    "ALL_ROW_NOTE",
    "ALL_UNITS",
    "CLOSURES_TITLE",
    "CLOSURE_DAYS_NOTE",
    "CLOSURE_FIGURES",
    "CLOSURE_RANK_RULE",
    "DEPLOY_PREFIX",
    "MODE_COLUMNS",
    "RANK_NOTE",
    "SHORTFALL_COLUMNS",
    "bottleneck_caveats",
    "bottleneck_note",
    "bottleneck_rows",
    "bottleneck_table_rows",
    "buildup_not_delivered",
    "closure_days_note",
    "closure_reasons",
    "closure_rows",
    "closure_table_rows",
    "filled_columns",
    "headline",
    "met_share",
    "shortfall_rows",
    "target_rows",
    "totals_by_mode",
    "unpriced_stores_note",
]

ALL_UNITS = "all units"
"""The unit cell of the shortfall table's total row: every tonne short, of every unit."""
ALL_DEMAND = "all goods"
"""Its commodity cell: its tonnes short and its demand are of every commodity."""
SHORTFALL_COLUMNS = ("unit", "commodity", "short_t", "demand_t", "short_pct", "days", "why")
"""The shortfall table's columns, in their order, wherever it is shown.

The terminal (and ``--format json``/``csv``) read short before demand, the HTML report
demand before short: a planner comparing the two read the wrong column. One order for
both, the terminal's (programs read its columns by position too).
"""


def met_share(short_t: float, demand_t: float | None) -> float | None:
    """The share of all demand met, from the tonnes short and all demand (none without it).

    One formula for the headline's ``met_share`` (the report's "demand met" card) and the
    shortfall table's "all" row, which says the share short of the same demand: the
    terminal read 11.77 % (of the short rows' demand) where the report read 2.52 %.

    >>> met_share(1.0, 4.0), met_share(1.0, None)
    (0.75, None)
    """
    return None if not demand_t else max(0.0, 1.0 - short_t / demand_t)


def headline(
    plan: Plan, demand: Demand | None = None, scenario: Scenario | None = None
) -> dict[str, Any]:
    """Status, objective, totals and solve figures of a plan, as one row.

    With the demand it also says how much was demanded and what share was met: what the
    units consume, as in the shortfall table, not their days-of-supply build-up (a soft
    target, never short, and already on hand for units in place: a reviewer found
    delivered plus short 1,341 t below the demand of the relief example). What of the
    build-up is not delivered by the horizon's end is ``buildup_not_delivered_t``, in
    tonnes; with the scenario, ``to_deliver_t`` is what ``requirements`` says is to be
    delivered, and ``delivered_t + short_t + buildup_not_delivered_t`` adds up to it (a
    tester's plan said 9,059.6 t delivered and 1,250.3 t short against 11,095.9 t to
    deliver: the other 786 t were build-up, shown only in t-days). ``moved_t`` counts
    every leg a tonne travels. ``units_late`` close after their required day;
    ``units_not_closed`` do not close within the horizon (a tester read five units "late"
    that could never arrive); with the scenario, ``units_cannot_deploy`` lists those of
    them with no way to their destination at all (:func:`~supplyline.domain.deploy_ways.
    cannot_deploy`; None without it). A unit consumes at its destination from the day it
    can be there (:mod:`supplyline.planning.arrival`), so such a unit's needs there are in
    neither ``demand_t`` nor ``short_t``: a tester's unit bound for an island no link
    reached read "0 t short", 100 % met, with nothing saying it never deploys.
    """
    s = plan.stats
    late = [c for c in plan.closures if c.days_late is not None and c.days_late > 0]
    never = [c for c in plan.closures if c.days_late is None]
    ids = {c.unit for c in never}
    demand_t = float(demand.consumption_t.sum()) if demand is not None else None
    short_t = plan.total_short_t
    return {
        "scenario": plan.scenario,
        "status": plan.status.value,
        "objective": plan.objective,
        "moved_t": to_gram(sum(m.tonnes for m in plan.movements)),
        "delivered_t": to_gram(sum(d.tonnes for d in plan.deliveries)),
        "demand_t": None if demand_t is None else to_gram(demand_t),
        "met_share": met_share(short_t, demand_t),
        "short_t": to_gram(short_t),
        "buildup_not_delivered_t": (
            None if demand is None else to_gram(buildup_not_delivered(plan, demand))
        ),
        "to_deliver_t": (
            None
            if demand is None or scenario is None
            else to_gram(float(to_deliver(scenario, demand).sum()))
        ),
        "units": len(demand.unit_ids) if demand is not None else None,
        "deploying_units": len(plan.closures),
        "closed_on_time": len(plan.closures) - len(late) - len(never),
        "units_late": len(late),
        "units_not_closed": len(never),
        "units_cannot_deploy": (
            None if scenario is None else sorted(u for u in scenario.units_without_way if u in ids)
        ),
        "late_t_days": to_gram(sum(c.late_t_days for c in plan.closures)),
        "late_pax_days": to_gram(sum(c.late_pax_days for c in plan.closures)),
        # none counted where none could be: "0" read as "nothing limits this plan"
        "bottlenecks": None if plan.bottlenecks_not_computed else len(plan.bottlenecks),
        "bottlenecks_not_computed": plan.bottlenecks_not_computed,
        "columns": s.columns,
        "rows": s.rows,
        "nonzeros": s.nonzeros,
        "method": s.method,
        "fair_share": s.fair_share,
        "weights_changed": changed_weights(s.weights, plan.horizon_days, fair_share=s.fair_share),
        "max_violation_t": s.max_violation,
        "total_violation_t": s.total_violation,
        "build_s": round(s.build_s, 3),
        "solve_s": round(s.solve_s, 3),
        "extract_s": round(s.extract_s, 3),
        "explain_s": round(s.explain_s, 3),
        # the objective by tier, after every earlier key: its raw total read as nothing
        # its transport cost as the moved-by-mode table's total reads: "2,052" stood above
        # the table's 2,051.60
        **objective_columns(plan.objective_parts, cost_as_shown(plan, scenario)),
    }


CLOSURE_FIGURES = (
    "days_late",
    "days_late_by_distance",
    "days_late_by_closures",
    "late_t_days",
    "late_pax_days",
    "lift_t",
    "moved_t",
    "pax",
    "moved_pax",
)
"""A closure's figures, each under its :class:`~supplyline.domain.Closure` field's name, in
the people's rows of closures (:func:`closure_rows`: the terminal's table, the report);
programs' rows are deployment.csv's
(:data:`~supplyline.domain.deployment.DEPLOYMENT_FIELDS`), which has them all."""


def closure_rows(plan: Plan, scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """Each deploying unit, the latest first: required, earliest and planned closure, lift.

    ``earliest`` is the first day all of the unit could be there, capacities aside: the
    days late up to it are not a capacity's; of them, those every link open every day
    still leaves are its distance's (``days_late_by_distance``), the rest its way's
    closures' (``days_late_by_closures``), which the bottleneck report weighs.
    A destination no chain of links reaches, or a capacity or handling of 0 on every way
    there, is no way rather than a lack of time, and is said as such ("never: no route
    from 'home' to 'island'", "never: no way for its people", as ``validate`` warns)
    where "not in horizon" read as if a longer horizon would bring the unit.
    """
    ordered = sorted(
        plan.closures, key=lambda c: (c.closure_day is not None, -(c.days_late or 0), c.unit)
    )
    units = scenario.unit_by_id if scenario is not None else {}
    no_way = scenario.units_without_way if scenario is not None else {}
    rows = []
    for c in ordered:
        unit = units.get(c.unit)
        note, state = closure_verdict(c, no_way.get(c.unit))  # no route, a capacity of 0
        earliest = day_label(c.earliest_day) if c.earliest_day is not None else note
        rows.append(
            {
                "unit": c.unit,
                "partner": unit.partner if unit is not None else None,
                "required": day_label(c.required_day),
                "required_date": iso_date(plan.date_of(c.required_day)),
                "earliest": earliest,
                "earliest_date": (
                    iso_date(plan.date_of(c.earliest_day)) if c.earliest_day is not None else None
                ),
                "closure": day_label(c.closure_day) if c.closure_day is not None else "not closed",
                "closure_date": (
                    iso_date(plan.date_of(c.closure_day)) if c.closure_day is not None else None
                ),
                "state": state,
                **{name: getattr(c, name) for name in CLOSURE_FIGURES},
                "reason": c.reason,
            }
        )
    return rows


ALL_ROW_NOTE = (
    f'The "{ALL_UNITS}, {ALL_DEMAND}" row is the whole plan: every tonne short (the rows '
    "above) of all demand, units and goods short or not."
)
"""Under the CLI's shortfall table and in the report's caption: what its total row is of."""

ADDS_UP_NOTE = (
    "Parts rounded to add up to the total: a part may be one off in its last digit from "
    "its figure rounded alone."
)

RANK_NOTE = (
    "Rank orders the capacities by shadow price (what one more unit of each is worth to the "
    "plan, summed over its days), not by what a raise buys: the extra and what it buys "
    "(removes t, and each sentence below) are measured, so a lower rank may buy more."
)
"""Under the bottlenecks table: a tester's rank 3 filled 77.7 t-days where ranks 1 and 2
filled 62.5 each, and read the ranks as the order to buy in."""
"""Under every table whose last row is the total of the rows above (the modes', the
shortfalls'), in the CLI and the report alike: a tester read the mode table's "sea 858 t"
(858.64, rounded down so the modes add up) as disagreeing with the map's 859 t."""

CLOSURE_DAYS_NOTE = (
    "The late {what} are fixed by the optimum; the closure days are this plan's, and other "
    "equally good plans may close units on other days for the same late {what}."
)
"""Under the unit closure table where a unit is late: a tester moved one unit's required
day and saw two other battalions' closure days jump (late t-days 7,230 to 14,430 for one
of them), with nothing saying that which unit's tonnes are late is a tie between plans.
``{what}`` names what is late: t-days, person-days or both (a unit late only in people
read "the late t-days" beside a column of none)."""


def closure_reasons(plan: Plan) -> list[str]:
    """Why each unit the plan does not close is not closed, one line each keyed by unit.

    Printed under the terminal's closure table rather than in a column of it: at 80
    columns the ``reason`` column was squeezed to a few characters and a tester could not
    read it whole. Units in :func:`closure_rows`' order (the latest first), each line as
    "u1 not closed: <reason>"; the report's closure table shows the reason in a column.
    """
    return [
        f"{row['unit']} not closed: {row['reason']}" for row in closure_rows(plan) if row["reason"]
    ]


def closure_days_note(plan: Plan) -> str | None:
    """:data:`CLOSURE_DAYS_NOTE` where some unit is late in an optimal plan, else None.

    Only the optimum fixes the late t-days: a tester's plan stopped by the time limit
    (feasible, "not proven the best plan") said they were fixed, where a better plan may
    close its units earlier. Where no unit is late, the days are not in question.
    """
    if plan.status is not PlanStatus.OPTIMAL:
        return None
    tonnes = any(c.late_t_days > 0 for c in plan.closures)
    people = any(c.late_pax_days > 0 for c in plan.closures)
    if not (tonnes or people):
        return None
    what = " and ".join(w for w, late in (("t-days", tonnes), ("person-days", people)) if late)
    return CLOSURE_DAYS_NOTE.format(what=what)


def shortfall_rows(
    plan: Plan, demand: Demand | None = None, *, with_total: bool = False
) -> list[dict[str, Any]]:
    """Shortfall per unit and commodity, the largest first: tonnes short, of how much, when, why.

    ``required_t`` is what was needed on the days short; with the demand, ``demand_t`` is
    what the unit consumes of that commodity over the horizon; ``why`` gives the causes
    no capacity could remove, and says "capacity" for the days the bottlenecks explain.
    ``with_total`` appends a total row (where there are two rows or more), labelled
    :data:`ALL_UNITS` and :data:`ALL_DEMAND`: the tonnes short summed (every shortfall is in
    the rows), the total a headline says beside the parts a table shows; with the demand,
    its demand is all demand (every unit and commodity) and its share short of that (as
    the headline's ``met_share``), a figure of its column like any other, so that it
    takes the column's decimals (it read "55" below 56.67 and 50.00, read alone). A
    briefer read 7.25 % (of the short rows' 17.595 t)
    beside "1.275 t short of 17,893 t"; then a planner read "all | of all demand | 3.33 |
    53.64 | 0.32": the rows' demand beside the share of all 1,052 t.
    """
    agg: dict[tuple[str, str], list[float]] = {}
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    causes: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
    for s in plan.shortfalls:
        row = agg.setdefault((s.unit, s.commodity), [0.0, 0.0])
        row[0] += s.short_t
        row[1] += s.required_t
        days[(s.unit, s.commodity)].append(s.day)
        causes[(s.unit, s.commodity)].setdefault(s.cause, []).append(s.day)
    rows = []
    for (unit, com), (short, req) in sorted(agg.items(), key=lambda i: -i[1][0]):
        whole = _demand_of(demand, unit, com) if demand is not None else None
        rows.append(
            {
                "unit": unit,
                "commodity": com,
                "short_t": to_gram(short),
                "required_t": to_gram(req),
                "share": round(short / req, 4) if req else None,
                "demand_t": None if whole is None else to_gram(whole),
                "short_pct": to_gram(100.0 * short / whole) if whole else None,
                "first": day_label(min(days[(unit, com)])),
                "last": day_label(max(days[(unit, com)])),
                "days": day_ranges(days[(unit, com)]),
                "why": _why(causes[(unit, com)], proven=plan.status is PlanStatus.OPTIMAL),
            }
        )
    if with_total and len(rows) > 1:
        total = _shortfall_total(rows, [s.day for s in plan.shortfalls])
        if demand is not None:
            every_t = float(demand.consumption_t.sum())
            met = met_share(plan.total_short_t, every_t)
            # its demand and share of one whole: short / demand is the share it shows
            total["demand_t"] = to_gram(every_t)
            total["short_pct"] = None if met is None else to_gram(100.0 * (1.0 - met))
        rows.append(total)
    return rows


def _shortfall_total(rows: list[dict[str, Any]], days: list[int]) -> dict[str, Any]:
    """The shortfall rows' tonnes summed, as one total row (shares of the sums)."""
    short, required = (to_gram(sum(r[k] for r in rows)) for k in ("short_t", "required_t"))
    every = sorted(set(days))
    return {
        "unit": ALL_UNITS,
        "commodity": ALL_DEMAND,
        "short_t": short,
        "required_t": required,
        "share": round(short / required, 4) if required else None,
        "demand_t": None,  # all demand, not the rows': the caller has it
        "short_pct": None,
        "first": day_label(every[0]) if every else "",
        "last": day_label(every[-1]) if every else "",
        "days": day_ranges(every),
        "why": "",
    }


TARGET_TOL_T = 1e-3
"""Tonnes below a days-of-supply target that count as meeting it (the records are rounded)."""


def _held_by_units(plan: Plan, demand: Demand) -> np.ndarray:
    """What each unit holds at the end of each day in the plan, ``[unit, commodity, day]``."""
    held = np.zeros_like(demand.target_t)
    unit_of = {u: i for i, u in enumerate(demand.unit_ids)}
    com_of = {c: k for k, c in enumerate(demand.commodity_ids)}
    for st in plan.stocks:
        if st.unit in unit_of and st.commodity in com_of and 0 <= st.day < held.shape[2]:
            held[unit_of[st.unit], com_of[st.commodity], st.day] += st.tonnes
    return held


def buildup_not_delivered(plan: Plan, demand: Demand) -> float:
    """Tonnes of the days-of-supply build-up the plan has not delivered by the horizon's end.

    The units' targets at the end of the last day less what they hold then, unit by unit
    and commodity by commodity (a unit holding more than its target makes up for no other).
    A unit's stock grows by what is delivered and shrinks by what it consumes, so this is
    what the requirements ask to deliver beyond the deliveries and the consumption short.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> buildup_not_delivered(plan_movements(*one_link()), one_link()[1])
    0.0
    """
    if demand.horizon_days == 0 or not demand.unit_ids or not demand.commodity_ids:
        return 0.0
    end = demand.target_t[:, :, -1] - _held_by_units(plan, demand)[:, :, -1]
    return float(np.maximum(end, 0.0).sum())


def target_rows(plan: Plan, demand: Demand) -> list[dict[str, Any]]:
    """Days-of-supply targets the plan does not meet, per unit and commodity, largest first.

    The target is the unit's cumulative build-up (what the plan's soft constraint asks it
    to hold at the end of each day); what it holds is in the plan's unit stock records.
    ``below_t_days`` sums the tonnes missing over the days, ``most_below_t`` is the worst
    day's. A tester found a missed target shown nowhere but in the bottleneck report.
    ``why`` gives, from the plan's target gaps, what no capacity could change (no such
    goods can arrive yet: a unit in place on C+0 eats into the target it starts with).
    """
    target = demand.target_t  # [unit, commodity, day]
    if not (target > TARGET_TOL_T).any():
        return []
    held = _held_by_units(plan, demand)
    gap = np.maximum(target - held, 0.0)
    gap[gap <= TARGET_TOL_T] = 0.0
    cause_of = {(g.unit, g.commodity, g.day): g.cause for g in plan.target_gaps}
    proven = plan.status is PlanStatus.OPTIMAL
    rows = []
    for u, k in zip(*np.nonzero(gap.sum(axis=2) > 0), strict=True):
        days = np.flatnonzero(gap[u, k] > 0).tolist()
        unit, com = demand.unit_ids[u], demand.commodity_ids[k]
        causes: dict[str, list[int]] = {}
        for day in days:
            causes.setdefault(cause_of.get((unit, com, day), ""), []).append(day)
        rows.append(
            {
                "unit": unit,
                "commodity": com,
                # on the days below it, not its peak: a tester read a 6.8 t exercise-phase
                # target beside a gap on C+0, where it was 1.89 t
                "target_t": to_gram(float(target[u, k, days].max())),
                "below_t_days": to_gram(float(gap[u, k].sum())),
                "most_below_t": to_gram(float(gap[u, k].max())),
                "first": day_label(days[0]),
                "last": day_label(days[-1]),
                "days": day_ranges(days),
                "why": _why(causes, proven=proven),
            }
        )
    return sorted(rows, key=lambda r: -float(r["below_t_days"]))


def _why(causes: dict[str, list[int]], *, proven: bool) -> str:
    """The shortfall's causes, each with its days when there are several.

    Days without a cause are the capacities' (the bottleneck report names them) in a plan
    proven best; in a plan the time limit stopped, they may be the limit's too.
    """
    rest = capacity_cause(proven=proven)  # a plan written before left the cause empty
    parts = [(cause or rest, days) for cause, days in causes.items()]
    if len(parts) == 1:
        return parts[0][0]
    return "; ".join(f"{day_ranges(days)}: {cause}" for cause, days in parts)


def _demand_of(demand: Demand, unit: str, commodity: str) -> float:
    """What the unit consumes of the commodity over the horizon: what can fall short.

    Not the build-up (the days-of-supply target is soft and never counted short; a tester
    read 25 % short for a unit that got nothing, its build-up in the demand).
    """
    if unit not in demand.unit_ids or commodity not in demand.commodity_ids:
        return 0.0
    u, k = demand.unit_index(unit), demand.commodity_index(commodity)
    return float(demand.consumption_t[u, k].sum())


def changed_weights(weights: Mapping[str, float], days: int, *, fair_share: bool = False) -> str:
    """The weights a plan was made with that are not the defaults, as a planner reads them.

    A plan made with a parameters file says so beside its method (empty: the defaults, or
    a plan written before its weights were recorded). Where the horizon caps a weight
    (:meth:`Weights.target_gap`, :meth:`Weights.lateness`), the weight in force is said
    too: a tester's 500 and 1e9 planned alike on a 22-day horizon, both capped at 459.
    With fair shares the LP's target gap and lateness are capped ten times lower again
    (:meth:`Weights.with_fair_shares`), and the weight in force is that one: an auditor's
    summary said 361 in force where the LP used 36.1.

    >>> changed_weights({"target_gap_per_t_day": 10.0, "late_per_t_day": 20.0}, 30)
    'target_gap_per_t_day 10 (default 1,000)'
    >>> changed_weights({"target_gap_per_t_day": 500.0}, 22)
    'target_gap_per_t_day 500 (default 1,000; 459 in force over this 22-day horizon)'
    >>> said = changed_weights({"target_gap_per_t_day": 500.0}, 28, fair_share=True)
    >>> said.removeprefix("target_gap_per_t_day 500 (default 1,000; ")
    '36.1 in force over this 28-day horizon with fair shares)'

    A weight left at its default is said only where another's change moves it: with
    the default weights in force the same, the plan's length and fair shares alone cap it,
    as they would with no parameters file.
    """
    default = asdict(Weights())
    asked = {k: float(v) for k, v in weights.items() if k in default}
    if not any(v != default[k] for k, v in asked.items()):
        return ""
    w = Weights(**asked)
    in_force = _in_force(w, days, fair_share=fair_share)
    horizon_only = _in_force(w, days, fair_share=False)
    by_default = _in_force(Weights(), days, fair_share=fair_share)
    said = []
    for name, value in asked.items():
        force = in_force.get(name, value)
        if force == value:
            if value != default[name]:
                said.append(f"{name} {value:,.6g} (default {default[name]:,.6g})")
            continue
        if value == default[name] and force == by_default.get(name):
            continue  # as with no parameters file: not this plan's change
        why = " with fair shares" if force < horizon_only.get(name, value) else ""
        horizon = f"{_weight(force)} in force over this {days}-day horizon{why}"
        if value == default[name]:  # capped by another weight's change (shortfall_per_t)
            said.append(f"{name} {horizon} (default {default[name]:,.6g})")
        else:
            said.append(f"{name} {value:,.6g} (default {default[name]:,.6g}; {horizon})")
    return ", ".join(said)


def _in_force(w: Weights, days: int, *, fair_share: bool) -> dict[str, float]:
    """The capped weights as the LP uses them (as ``planning.assemble.prepare`` takes them)."""
    lp = w.with_fair_shares(days) if fair_share else w
    return {
        "target_gap_per_t_day": lp.target_gap(days),
        "late_per_t_day": lp.lateness(days, people=False),
        "late_per_pax_day": lp.lateness(days, people=True),
    }


def _weight(value: float) -> str:
    """A weight in force, as a planner reads it: 459, 22.9, 0.5."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
