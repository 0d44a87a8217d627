"""Plan summaries as rows (dicts), for the faces to print: they translate, never compute.

>>> from supplyline.planning.examples import one_link
>>> from supplyline.planning import plan_movements
>>> plan = plan_movements(*one_link(capacity_t_per_day=5.0))
>>> [(r["mode"], r["tonnes"]) for r in totals_by_mode(plan)]
[('road', 20.0)]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from supplyline.domain import Plan
from supplyline.types import day_label

__all__ = [
    "bottleneck_rows",
    "closure_rows",
    "headline",
    "shortfall_rows",
    "totals_by_mode",
]


def headline(plan: Plan) -> dict[str, Any]:
    """Status, objective, totals and solve figures of a plan, as one row."""
    s = plan.stats
    late = [c for c in plan.closures if c.days_late is None or c.days_late > 0]
    return {
        "scenario": plan.scenario,
        "status": plan.status.value,
        "objective": plan.objective,
        "moved_t": round(sum(m.tonnes for m in plan.movements), 3),
        "delivered_t": round(sum(d.tonnes for d in plan.deliveries), 3),
        "short_t": round(plan.total_short_t, 3),
        "units_late": len(late),
        "bottlenecks": len(plan.bottlenecks),
        "columns": s.columns,
        "rows": s.rows,
        "nonzeros": s.nonzeros,
        "method": s.method,
        "build_s": round(s.build_s, 3),
        "solve_s": round(s.solve_s, 3),
        "extract_s": round(s.extract_s, 3),
        "explain_s": round(s.explain_s, 3),
    }


def totals_by_mode(plan: Plan) -> list[dict[str, Any]]:
    """Tonnes and people moved per mode (each leg counted), with their share of tonnes."""
    tonnes: dict[str, float] = defaultdict(float)
    pax: dict[str, float] = defaultdict(float)
    legs: dict[str, int] = defaultdict(int)
    for m in plan.movements:
        tonnes[m.mode.value] += m.tonnes
        pax[m.mode.value] += m.pax
        legs[m.mode.value] += 1
    total = sum(tonnes.values()) or 1.0
    return [
        {
            "mode": mode,
            "tonnes": round(tonnes[mode], 3),
            "pax": round(pax[mode], 3),
            "movements": legs[mode],
            "share": round(tonnes[mode] / total, 4),
        }
        for mode in sorted(tonnes, key=lambda k: -tonnes[k])
    ]


def closure_rows(plan: Plan) -> list[dict[str, Any]]:
    """Each deploying unit: required and planned closure day, days late, what moved."""
    return [
        {
            "unit": c.unit,
            "required": day_label(c.required_day),
            "closure": day_label(c.closure_day) if c.closure_day is not None else "not closed",
            "days_late": c.days_late,
            "lift_t": c.lift_t,
            "moved_t": c.moved_t,
            "pax": c.pax,
            "moved_pax": c.moved_pax,
        }
        for c in plan.closures
    ]


def shortfall_rows(plan: Plan) -> list[dict[str, Any]]:
    """Shortfall per unit and commodity: tonnes short, of how much needed, which days."""
    agg: dict[tuple[str, str], list[Any]] = {}
    for s in plan.shortfalls:
        row = agg.setdefault((s.unit, s.commodity), [0.0, 0.0, s.day, s.day])
        row[0] += s.short_t
        row[1] += s.required_t
        row[2], row[3] = min(row[2], s.day), max(row[3], s.day)
    return [
        {
            "unit": unit,
            "commodity": com,
            "short_t": round(short, 3),
            "required_t": round(req, 3),
            "share": round(short / req, 4) if req else None,
            "first": day_label(first),
            "last": day_label(last),
        }
        for (unit, com), (short, req, first, last) in sorted(
            agg.items(), key=lambda i: -float(i[1][0])
        )
    ]


def bottleneck_rows(plan: Plan, top: int | None = None) -> list[dict[str, Any]]:
    """The ranked bottlenecks (the first ``top``), with their explanation."""
    return [
        {
            "rank": i,
            "kind": b.kind.value,
            "resource": b.resource,
            "days": f"{day_label(b.days[0])}–{day_label(b.days[-1])}" if b.days else "",
            "shadow_price": b.shadow_price,
            "extra_per_day": b.suggested_extra_per_day,
            "removes_t": b.shortfall_removed_t,
            "explanation": b.explanation,
        }
        for i, b in enumerate(plan.bottlenecks[:top] if top else plan.bottlenecks, start=1)
    ]
