"""Whether a demand fits the scenario it is planned over, checked before planning.

The CLI's demand comes from the scenario itself, so it always fits; a script's may not: a
tester's NaN, negative or foreign-commodity demand was planned "optimal" with nothing
short and nothing delivered, and another scenario's 35 days were taken for 30.
"""

from __future__ import annotations

import numpy as np

from supplyline.domain import Demand, Scenario
from supplyline.domain.demand import MAX_TONNES
from supplyline.errors import Issue, ScenarioError, require
from supplyline.planning.network import NEGLIGIBLE_T

__all__ = ["check_demand_fits"]


WHERE = "demand"
"""What the issues name in place of a file: the ``Demand`` passed in."""


def check_demand_fits(scenario: Scenario, demand: Demand) -> None:
    """Raise :class:`~supplyline.errors.ScenarioError` naming every way ``demand`` does not fit.

    Its horizon and start must be the scenario's, its units and commodities the
    scenario's, its tonnes finite and not negative, its arrival days within the horizon.
    """
    require(scenario, Scenario, "the scenario")
    require(demand, Demand, "the demand")
    issues: list[Issue] = []

    def bad(column: str, message: str) -> None:
        issues.append(Issue(file=WHERE, column=column, message=message))

    if demand.horizon_days != scenario.horizon_days:
        bad(
            "horizon_days",
            f"the demand covers {demand.horizon_days} days, the scenario "
            f"{scenario.name!r} {scenario.horizon_days}: compute it from this scenario",
        )
    if demand.start_date != scenario.start_date:
        bad(
            "start_date",
            f"the demand starts on {demand.start_date.isoformat()}, the scenario on "
            f"{scenario.start_date.isoformat()}",
        )
    units = {u.id for u in scenario.units}
    commodities = {c.id for c in scenario.commodities}
    for column, ids, known, what in (
        ("unit_ids", demand.unit_ids, units, "unit"),
        ("commodity_ids", demand.commodity_ids, commodities, "commodity"),
    ):
        unknown = [x for x in ids if x not in known]
        if unknown:
            shown = ", ".join(repr(x) for x in unknown[:3])
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            bad(column, f"no {what} {shown}{more} in the scenario {scenario.name!r}")
    # the build-up is the target's change, negative where it falls: the target itself is
    # what must be tonnes
    for column, values in (("consumption_t", demand.consumption_t), ("buildup_t", demand.target_t)):
        wrong = ~np.isfinite(values) | (values < -NEGLIGIBLE_T) | (values > MAX_TONNES)
        if wrong.any():
            u, k, t = (int(x[0]) for x in np.nonzero(wrong))
            what = "value(s) are" if column == "consumption_t" else "target(s) it sums to are"
            bad(
                column,
                f"{int(wrong.sum()):,} {what} not tonnes from 0 to {MAX_TONNES:.0e}, "
                "the first "
                f"{float(values[u, k, t])!r} for {demand.unit_ids[u]!r}, "
                f"{demand.commodity_ids[k]!r} on day {t}",
            )
    late = (demand.arrival_day < 0) | (demand.arrival_day > demand.horizon_days)
    if late.any():
        u = int(np.flatnonzero(late)[0])
        bad(
            "arrival_day",
            f"{demand.unit_ids[u]!r} arrives on day {int(demand.arrival_day[u])}, outside 0 to "
            f"{demand.horizon_days} (the horizon's length: never)",
        )
    if issues:
        raise ScenarioError(issues, summary="the demand does not fit the scenario")
