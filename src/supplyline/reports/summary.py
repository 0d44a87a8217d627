"""The plan's numbers arranged for reading: headline figures and the summary tables.

Nothing is added up here: the figures come from :mod:`supplyline.planning.summary`, the
same rows the CLI prints, and are only laid out as :class:`Table` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning.summary import (
    ADDS_UP_NOTE,
    ALL_DEMAND,
    ALL_ROW_NOTE,
    CLOSURE_RANK_RULE,
    MODE_COLUMNS,
    SHORTFALL_COLUMNS,
    bottleneck_table_rows,
    closure_rows,
    closure_table_rows,
    filled_columns,
    shortfall_rows,
    target_rows,
    totals_by_mode,
)
from supplyline.planning.summary import headline as headline_row
from supplyline.reports.sections import Cell, Table
from supplyline.types import COST_UNITS

__all__ = [
    "ALL_DEMAND",
    "COST_HEADING",
    "SHORT_PCT",
    "Headline",
    "bottleneck_table",
    "cannot_deploy_note",
    "closure_table",
    "closures_held_table",
    "headline",
    "mode_table",
    "shortfall_table",
    "solve_table",
    "target_table",
]


COST_HEADING = f"cost ({COST_UNITS})"
"""Transport cost has no currency: links.csv's cost_per_t is a number in the user's units
(the bottleneck report's sentences say the same unit, :data:`COST_UNITS`)."""
SHORT_PCT = "short % of its demand"
"""The shortfall table's share column: of the row's own demand (the total row's: of all)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Headline:
    """The figures at the top of the report."""

    status: str
    objective: float
    moved_t: float
    delivered_t: float
    demand_t: float
    short_t: float
    buildup_not_delivered_t: float
    """Days-of-supply build-up the plan does not deliver by the horizon's end (a soft target)."""
    to_deliver_t: float | None
    """What must reach the units, net of what they hold (None where the plan does not say)."""
    units: int
    deploying_units: int
    closed_on_time: int
    bottlenecks: int | None
    """None where they are not computed (``bottlenecks_not_computed`` says why)."""
    bottlenecks_not_computed: str | None
    met_share: float | None
    units_cannot_deploy: tuple[str, ...] = ()
    """Units with no way to their destination (known with the scenario): not in the demand."""
    objective_by_tier: str | None = None
    """The objective split into its tiers, each in its own unit (None: the plan has no parts)."""


def cannot_deploy_note(units: Sequence[str]) -> str:
    """Under the units card: which cannot deploy, and that their needs are counted nowhere.

    A tester's unit bound for an island no link reached read 100 % met, nothing short.
    """
    if not units:
        return ""
    its = "its" if len(units) == 1 else "their"
    return (
        f"cannot deploy: {', '.join(units)} (no way to {its} destination; what "
        f"{'it' if len(units) == 1 else 'they'} would consume there is not in the demand)"
    )


def headline(demand: Demand, plan: Plan, scenario: Scenario | None = None) -> Headline:
    """The plan's headline row (from the planning summary) as typed figures.

    With the scenario, also what is to deliver (``to_deliver_t``), which the summary's
    figures are rounded to add up to, as the CLI's headline rounds them.
    """
    h = headline_row(plan, demand, scenario)
    return Headline(
        status=h["status"],
        objective=h["objective"],
        objective_by_tier=h["objective_by_tier"],
        moved_t=h["moved_t"],
        delivered_t=h["delivered_t"],
        demand_t=h["demand_t"],
        short_t=h["short_t"],
        buildup_not_delivered_t=h["buildup_not_delivered_t"] or 0.0,
        to_deliver_t=h["to_deliver_t"],
        units=h["units"],
        deploying_units=h["deploying_units"],
        closed_on_time=h["closed_on_time"],
        bottlenecks=h["bottlenecks"],
        bottlenecks_not_computed=h["bottlenecks_not_computed"],
        met_share=h["met_share"],
        units_cannot_deploy=tuple(h["units_cannot_deploy"] or ()),
    )


def _table(rows: list[dict[str, Any]], columns: dict[str, str], **kw: Any) -> Table:
    """Lay out summary rows as a table: ``columns`` maps each row key to its heading."""
    cells: tuple[tuple[Cell, ...], ...] = tuple(
        tuple(row.get(key) for key in columns) for row in rows
    )
    return Table(columns=tuple(columns.values()), rows=cells, **kw)


_MODE_HEADINGS = {
    "mode": "mode",
    "tonnes": "tonnes",
    "deploy_t": "of which deployment t",
    "pax": "pax",
    "tonne_km": "tonne-km",
    "cost": COST_HEADING,
    "movements": "movements",
}
"""The moved-by-mode table's headings for people, by column (:data:`MODE_COLUMNS`)."""


def mode_table(scenario: Scenario, plan: Plan, least: int = 0) -> Table:
    """Tonnes, people, tonne-km and transport cost moved by each mode, and by all.

    "All modes" rounded as it reads alone and the modes rounded to add up to it, as the
    CLI's table rounds them, and its caption says so (:data:`ADDS_UP_NOTE`); the tonnes
    to at least ``least``, the decimals of the summary's sentence.
    """
    rows = totals_by_mode(plan, scenario, with_total=True)
    for row in rows:
        row["mode"] = str(row["mode"]).replace("_", " ")
    return _table(
        rows,
        {key: _MODE_HEADINGS[key] for key in MODE_COLUMNS},  # the terminal's order
        alike=(("tonnes", "of which deployment t"),),
        summed=("tonnes", "of which deployment t", "pax", "tonne-km", COST_HEADING),
        within=(("of which deployment t", "tonnes"),),
        least=(("tonnes", least), ("of which deployment t", least)),
        caption="Over the whole horizon; deployment is the units' own lift. Cost is the links' "
        "cost_per_t and cost_per_pax summed, in whatever units links.csv gives them "
        f"(links.csv names no currency). {ADDS_UP_NOTE}",
    )


_SHORTFALL_HEADINGS = {
    "unit": "unit",
    "commodity": "commodity",
    "short_t": "short t",
    "demand_t": "demand t",
    "short_pct": SHORT_PCT,
    "days": "days short",
    "why": "why",
}
"""The shortfall table's headings for people, by column (:data:`SHORTFALL_COLUMNS`)."""


def shortfall_table(demand: Demand, plan: Plan, least: int = 0) -> Table:
    """Unmet demand by unit and commodity, the largest first, and the plan's total.

    ``least``: the decimals of the summary's sentence that says the tonnes short, so that
    the two read the same; the parts add up to the total as read.
    """
    rows = shortfall_rows(plan, demand, with_total=True)  # the total: of all demand
    # a total row only beneath two rows or more: one alone is the whole plan, and a tester
    # read a caption about an "all units, all goods" row the table did not have
    total_note = f"{ALL_ROW_NOTE} {ADDS_UP_NOTE} " if len(rows) > 1 else ""
    return _table(
        rows,
        {key: _SHORTFALL_HEADINGS[key] for key in SHORTFALL_COLUMNS},  # the terminal's order
        alike=(("demand t", "short t"),),
        summed=("short t",),  # the total's demand is all demand, not the rows' sum
        within=(("short t", "demand t"),),
        least=(("demand t", least), ("short t", least)),
        caption="Demand is what the unit consumes of the commodity over the horizon (its "
        "days-of-supply build-up is a soft target, shown below when not met); short % is of "
        f"that demand. {total_note}"
        "Why: what no capacity could change (too far for those days, or closed links); "
        "capacity where the bottlenecks below explain it.",
    )


def target_table(demand: Demand, plan: Plan) -> Table:
    """Days-of-supply targets not met by unit and commodity, the most missed first."""
    return _table(
        target_rows(plan, demand),
        {
            "unit": "unit",
            "commodity": "commodity",
            "target_t": "target t",
            "below_t_days": "below target, t-days",
            "most_below_t": "most below t",
            "days": "days below",
            "why": "why",
        },
        alike=(("target t", "most below t"),),
        caption="The target is the stock a unit's days_of_supply asks it to hold at the end "
        "of each day; below it is a soft gap the plan weighs under any shortfall and above "
        "lateness. Why: what no capacity could change (no such goods can arrive yet); "
        "capacity where the bottlenecks below explain it.",
    )


def closure_table(scenario: Scenario, plan: Plan) -> Table:
    """Each deploying unit's closure day against its required day."""
    rows = closure_rows(plan, scenario)
    for row in rows:
        row["required"] = f"{row['required']} ({row['required_date']})"
        if row["earliest_date"]:
            row["earliest"] = f"{row['earliest']} ({row['earliest_date']})"
        row["closure"] = f"{row['closure']} ({row['closure_date']})" if row["closure_date"] else "—"
    return _table(
        rows,
        {
            "unit": "unit",
            "partner": "partner",
            "required": "required",
            "earliest": "earliest possible (capacities aside)",
            "closure": "closes",
            "state": "state",
            "late_t_days": "late t-days",
            "late_pax_days": "late person-days",
            "moved_t": "moved t",
            "lift_t": "lift t",
            "moved_pax": "moved pax",
            "pax": "pax",
            # why a unit is not closed, where one is not: the terminal says it under its table
            **{key: "why not closed" for key in filled_columns(rows, "reason")},
        },
        numeric=frozenset(
            {"late t-days", "late person-days", "moved t", "lift t", "moved pax", "pax"}
        ),
    )


_SOMETIMES_FILLED = {"removes_t": "shortfall removed t", "then_limited_by": "then limited by"}
"""The bottleneck table's columns shown only where some rank fills them, with headings."""


def bottleneck_table(plan: Plan, top: int) -> Table:
    """The ``top`` binding capacities in the plan's ranking, with the plan's explanation."""
    rows = bottleneck_table_rows(plan, top)
    for row in rows:
        row["kind"] = str(row["kind"]).replace("_", " ")
    capacities = len(plan.bottlenecks) - len(closure_table_rows(plan))
    caption = (
        f"{len(rows)} of {capacities} binding capacities. One more saves: what one more "
        "tonne (or person) a day of the resource on its days saves at the margin, its shadow "
        "price read in the unit of what it acts on (tonnes short, t-days below target or "
        "late, else transport cost; about, at the heaviest weight one can have: priority "
        "1, its first day, with fair shares the top band): it ranks them, "
        "but a whole tonne may buy less, and one "
        "measured to buy nothing on its own is ranked last (its price is one-sided: what less "
        "of it would cost). What a "
        "round extra buys, measured by re-solving, is in the explanation. Capacity (or a "
        "supply's replenishment) and extra are per day (t/day, pax/day) except storage and a "
        "stock on hand once (t); the extra on the days it names, which may be fewer than the "
        "row's. Then "
        "limited by: the capacity that binds once the extra is there, so that more of this "
        "one buys no more. Set to: the figure to write in the scenario for the claim "
        "(bottlenecks.csv's set_to), the capacity as held plus the extra."
    )
    return _table(
        rows,
        {
            "rank": "#",
            "resource": "resource",
            "kind": "kind",
            "days": "days",
            "commodities": "commodities",
            "one_more_saves": "one more saves",
            "capacity_or_supply": "capacity or supply",
            "extra": "suggested extra",
            # the scenario figure to write for the claim, where a row has one (not a supply's)
            **{key: "set to" for key in filled_columns(rows, "set_to")},
            # each only where a rank has one (the explanation says it too), by the CLI's rule:
            # a "shortfall removed t" blank on every row read as a column that failed to fill
            **{key: _SOMETIMES_FILLED[key] for key in filled_columns(rows, *_SOMETIMES_FILLED)},
            "explanation": "explanation",
        },
        caption=caption,
        numeric=frozenset({"#", "capacity or supply", "suggested extra", "shortfall removed t"}),
    )


def closures_held_table(plan: Plan) -> Table:
    """Every closure whose lifting gains, ranked after the capacities, with its explanation."""
    rows = closure_table_rows(plan)
    return _table(
        rows,
        {
            "rank": "#",
            "resource": "closure",
            "days": "days closed",
            "commodities": "commodities",
            # only where a closure removes shortfall, as the capacities' column
            **{k: "shortfall removed t" for k in filled_columns(rows, "removes_t")},
            "lifting_it_saves": "lifting it saves",
            "explanation": "explanation",
        },
        caption=(
            "Outage windows (runs of a link's consecutive closed days) that, lifted, let the "
            "plan do better: each re-planned with that window open, the link's other windows "
            "kept closed. Lifting it saves: what the re-made plan gains in all (a total, not "
            "a rate as the capacities' one more saves), as it measured it, each gain in its "
            "own unit (tonnes short, t-days below target, t-days and person-days late, "
            "transport cost), the main one first; bottlenecks.csv gives the objective saved "
            "itself and each gain. "
            "Closures are ranked after "
            f"the capacities: {CLOSURE_RANK_RULE}."
        ),
        numeric=frozenset({"#", "shortfall removed t"}),
    )


def solve_table(plan: Plan) -> Table:
    """Size and timing of the solve, with the bottlenecks' measuring re-solves."""
    h = headline_row(plan)
    # the bottlenecks' re-solves too: a planner read 0.73 s solved against 9.7 s waited
    h["total_s"] = h["build_s"] + h["solve_s"] + h["extract_s"] + h["explain_s"]
    h["solver"] = plan.stats.solver
    return _table(
        [h],
        {
            "solver": "solver",
            "method": "method",
            "fair_share": "fair shares",
            "columns": "columns",
            "rows": "rows",
            "nonzeros": "nonzeros",
            "max_violation_t": "off by at most t",
            "build_s": "build s",
            "solve_s": "solve s",
            "extract_s": "extract s",
            "explain_s": "bottlenecks s",
            "total_s": "total s",
        },
        decimals=3,
    )
