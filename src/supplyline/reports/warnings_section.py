"""The report's "Warnings" section: what ``validate`` says of the scenario, as it says it.

A tester's plan of a scenario with a rail link of capacity 0 never closed its unit, and
the report read "No capacity limits the plan." and "No shortfall": the load's warnings
("no chain of links with capacity_t_per_day above 0 … so the unit never closes") went
to the terminal only. The section shows those same findings (the load's, no second copy
of the checks), each located as ``validate`` locates it.
"""

from __future__ import annotations

from collections.abc import Sequence

from supplyline.errors import Issue
from supplyline.reports.sections import ReportSection

__all__ = ["warnings_section"]


def warnings_section(warnings: Sequence[Issue]) -> ReportSection | None:
    """The section of the scenario's warnings, or None when it has none."""
    if not warnings:
        return None
    return ReportSection(
        id="warnings",
        title="Warnings",
        intro=(
            "What supplyline validate finds in the scenario: the plan was made all the same, "
            "and what these say no capacity in it can change."
        ),
        notes=tuple(str(issue) for issue in warnings),
    )
