"""The plan's numbers arranged for reading: headline figures and the summary tables.

Nothing here decides anything; it groups and sums what the plan already says (tonnes by
mode, shortfall by unit and commodity, closures, bottlenecks) into :class:`Table` objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from supplyline.domain import Demand, Mode, Plan, Scenario
from supplyline.reports.sections import Cell, Table
from supplyline.types import day_label

__all__ = [
    "Headline",
    "bottleneck_table",
    "closure_table",
    "day_ranges",
    "headline",
    "mode_table",
    "shortfall_table",
    "solve_table",
]

DEPLOY_PREFIX = "deploy:"
"""Movements of a unit's own people and equipment carry ``deploy:<unit id>`` as commodity."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Headline:
    """The figures at the top of the report."""

    status: str
    objective: float
    moved_t: float
    demand_t: float
    short_t: float
    units: int
    deploying_units: int
    closed_on_time: int
    bottlenecks: int

    @property
    def met_share(self) -> float | None:
        """Share of the demand met, or None when there is no demand."""
        if self.demand_t <= 0:
            return None
        return max(0.0, 1.0 - self.short_t / self.demand_t)


def headline(demand: Demand, plan: Plan) -> Headline:
    """Sum up the plan in a handful of numbers."""
    on_time = sum(
        1 for c in plan.closures if c.closure_day is not None and c.closure_day <= c.required_day
    )
    return Headline(
        status=plan.status.value,
        objective=plan.objective,
        moved_t=sum(mv.tonnes for mv in plan.movements),
        demand_t=float(demand.total_t.sum()),
        short_t=plan.total_short_t,
        units=len(demand.unit_ids),
        deploying_units=len(plan.closures),
        closed_on_time=on_time,
        bottlenecks=len(plan.bottlenecks),
    )


def day_ranges(days: Iterable[int]) -> str:
    """Days as compact C+N ranges.

    >>> day_ranges([6, 7, 8, 12])
    'C+6–C+8, C+12'
    """
    ordered = sorted(set(days))
    parts: list[str] = []
    start = prev = None
    for day in [*ordered, None]:
        if start is not None and prev is not None and (day is None or day != prev + 1):
            parts.append(
                day_label(start) if start == prev else f"{day_label(start)}–{day_label(prev)}"
            )
            start = None
        if day is not None:
            if start is None:
                start = day
            prev = day
    return ", ".join(parts)


def mode_table(scenario: Scenario, plan: Plan) -> Table:
    """Tonnes, people, tonne-km and transport cost moved by each mode."""
    links = scenario.link_by_id
    totals: dict[Mode, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    for mv in plan.movements:
        row = totals[mv.mode]
        row[0] += 1
        row[1] += mv.tonnes
        if mv.commodity.startswith(DEPLOY_PREFIX):
            row[2] += mv.tonnes
        row[3] += mv.pax
        link = links.get(mv.link)
        if link is not None:
            row[4] += mv.tonnes * link.distance_km
            row[5] += mv.tonnes * link.cost_per_t
    rows: list[tuple[Cell, ...]] = []
    for mode in Mode:
        if mode in totals:
            r = totals[mode]
            rows.append((mode.value.replace("_", " "), int(r[0]), r[1], r[2], r[3], r[4], r[5]))
    if rows:
        sums = [sum(float(r[i] or 0) for r in rows) for i in range(1, 7)]
        rows.append(("all modes", int(sums[0]), *sums[1:]))
    return Table(
        columns=("mode", "movements", "tonnes", "of which deployment t", "pax", "tonne-km", "cost"),
        rows=tuple(rows),
        caption="Over the whole horizon; deployment is the units' own lift.",
    )


def shortfall_table(demand: Demand, plan: Plan) -> Table:
    """Unmet demand by unit and commodity, the largest first."""
    grouped: dict[tuple[str, str], list[float]] = {}
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for s in plan.shortfalls:
        key = (s.unit, s.commodity)
        grouped.setdefault(key, [0.0, 0.0])
        grouped[key][0] += s.short_t
        days[key].append(s.day)
    rows: list[tuple[Cell, ...]] = []
    for (unit, commodity), (short, _) in sorted(grouped.items(), key=lambda kv: -kv[1][0]):
        needed = _demand_of(demand, unit, commodity)
        share = 100.0 * short / needed if needed > 0 else None
        rows.append((unit, commodity, needed, short, share, day_ranges(days[(unit, commodity)])))
    return Table(
        columns=("unit", "commodity", "demand t", "short t", "short %", "days short"),
        rows=tuple(rows),
        caption="Demand is the unit's consumption plus its stock build-up over the horizon.",
    )


def _demand_of(demand: Demand, unit: str, commodity: str) -> float:
    if unit not in demand.unit_ids or commodity not in demand.commodity_ids:
        return 0.0
    return float(demand.total_t[demand.unit_index(unit), demand.commodity_index(commodity)].sum())


def closure_table(scenario: Scenario, plan: Plan) -> Table:
    """Each deploying unit's closure day against its required day."""
    rows: list[tuple[Cell, ...]] = []
    worst_first = sorted(
        plan.closures,
        key=lambda c: (c.closure_day is not None, -(c.days_late or 0), c.unit),
    )
    for c in worst_first:
        unit = scenario.unit_by_id.get(c.unit)
        if c.closure_day is None:
            state, closed = "never closes", "—"
        else:
            state = "on time" if c.closure_day <= c.required_day else f"{c.days_late} d late"
            closed = f"{day_label(c.closure_day)} ({plan.date_of(c.closure_day).isoformat()})"
        rows.append(
            (
                c.unit,
                unit.partner if unit is not None else None,
                f"{day_label(c.required_day)} ({plan.date_of(c.required_day).isoformat()})",
                closed,
                state,
                c.moved_t,
                c.lift_t,
                c.moved_pax,
                c.pax,
            )
        )
    return Table(
        columns=(
            "unit",
            "partner",
            "required",
            "closes",
            "state",
            "moved t",
            "lift t",
            "moved pax",
            "pax",
        ),
        rows=tuple(rows),
        numeric=frozenset({"moved t", "lift t", "moved pax", "pax"}),
    )


def bottleneck_table(plan: Plan, top: int) -> Table:
    """The ``top`` binding capacities by shadow price, with the plan's explanation."""
    ranked = sorted(plan.bottlenecks, key=lambda b: -b.shadow_price)[:top]
    rows = tuple(
        (
            rank,
            b.resource,
            b.kind.value.replace("_", " "),
            day_ranges(b.days),
            ", ".join(b.commodities),
            b.shadow_price,
            b.capacity,
            b.suggested_extra_per_day,
            b.shortfall_removed_t,
            b.explanation,
        )
        for rank, b in enumerate(ranked, start=1)
    )
    caption = (
        f"{len(ranked)} of {len(plan.bottlenecks)} binding capacities. The shadow price is "
        "what one more tonne (or person) per day of the resource would save in the objective."
    )
    return Table(
        columns=(
            "#",
            "resource",
            "kind",
            "days",
            "commodities",
            "shadow price",
            "capacity /day",
            "suggested +/day",
            "shortfall removed t",
            "explanation",
        ),
        rows=rows,
        caption=caption,
        numeric=frozenset(
            {"#", "shadow price", "capacity /day", "suggested +/day", "shortfall removed t"}
        ),
        decimals=2,
    )


def solve_table(plan: Plan) -> Table:
    """Size and timing of the solve."""
    st = plan.stats
    end_to_end = st.build_s + st.solve_s + st.extract_s
    return Table(
        columns=(
            "solver",
            "method",
            "columns",
            "rows",
            "nonzeros",
            "build s",
            "solve s",
            "extract s",
            "total s",
        ),
        rows=(
            (
                st.solver,
                st.method,
                st.columns,
                st.rows,
                st.nonzeros,
                st.build_s,
                st.solve_s,
                st.extract_s,
                end_to_end,
            ),
        ),
        decimals=3,
    )
