"""What the plan moved by mode, each leg counted: the moved-by-mode table's rows.

Apart from :mod:`supplyline.planning.summary` (which re-exports them) so that the
objective's sentence can say the table's transport cost as the table reads it
(:func:`cost_as_shown`) without the summary's every other row.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from supplyline.domain import Mode, Plan, Scenario
from supplyline.types import figure_decimals, to_gram

__all__ = ["DEPLOY_PREFIX", "MODE_COLUMNS", "cost_as_shown", "totals_by_mode"]

DEPLOY_PREFIX = "deploy:"
"""Movements of a unit's own people and equipment carry ``deploy:<unit id>`` as commodity."""

MODE_COLUMNS = ("mode", "tonnes", "deploy_t", "pax", "tonne_km", "cost", "movements")
"""The moved-by-mode table's columns (:func:`totals_by_mode`), in their order, wherever
it is shown.

The terminal read the movements last, the HTML report second, after the mode: the two
tables side by side had their columns in different places. One order for both, the
terminal's (the tonnes the summary's sentence says first; the count of legs last).
"""


def totals_by_mode(
    plan: Plan, scenario: Scenario | None = None, *, with_total: bool = False
) -> list[dict[str, Any]]:
    """Tonnes and people moved per mode (each leg counted), with their share of tonnes.

    With the scenario, also tonne-km and transport cost (from the links' distance and cost);
    ``with_total`` appends an "all modes" row.
    """
    links = scenario.link_by_id if scenario is not None else {}
    sums: dict[Mode, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m in plan.movements:
        row = sums[m.mode]
        row["movements"] += 1
        row["tonnes"] += m.tonnes
        row["pax"] += m.pax
        if m.commodity.startswith(DEPLOY_PREFIX):
            row["deploy_t"] += m.tonnes
        link = links.get(m.link)
        if link is not None:
            row["tonne_km"] += m.tonnes * link.distance_km
            row["cost"] += m.tonnes * link.cost_per_t + m.pax * link.cost_per_pax
    total_t = sum(r["tonnes"] for r in sums.values()) or 1.0
    keys = ["tonnes", "deploy_t", "pax"] + (["tonne_km", "cost"] if scenario is not None else [])
    rows: list[dict[str, Any]] = []
    for mode in sorted(sums, key=lambda k: -sums[k]["tonnes"]):
        r = sums[mode]
        rows.append(
            {
                "mode": mode.value,
                **{k: to_gram(r[k]) for k in keys},
                "movements": int(r["movements"]),
                "share": round(r["tonnes"] / total_t, 4),
            }
        )
    if with_total and rows:
        rows.append(
            {
                "mode": "all modes",
                **{k: to_gram(sum(r[k] for r in rows)) for k in keys},
                "movements": sum(r["movements"] for r in rows),
                "share": 1.0,
            }
        )
    return rows


def cost_as_shown(plan: Plan, scenario: Scenario | None) -> tuple[float, int] | None:
    """The moved-by-mode table's transport cost ("all modes") and its column's decimals.

    The objective's sentence says the same cost: it reads as the table's total reads
    (:func:`~supplyline.types.figure_text` at the column's decimals), where a tester's
    plan said "transport cost 2,052" above an "all modes" cost of 2,051.60. None where no
    table shows it: without the scenario (no links, no cost) or without a movement.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link(capacity_t_per_day=5.0)
    >>> cost_as_shown(plan_movements(scenario, demand), None) is None
    True
    """
    if scenario is None:
        return None
    rows = totals_by_mode(plan, scenario, with_total=True)
    if not rows:
        return None
    costs = [row["cost"] for row in rows]
    return costs[-1], figure_decimals(costs)
