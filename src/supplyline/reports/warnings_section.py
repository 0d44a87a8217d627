"""The report's "Warnings" section: what the run warned of, and what ``validate`` says.

A tester's plan of a scenario with a rail link of capacity 0 never closed its unit, and
the report read "No capacity limits the plan." and "No shortfall": the load's warnings
("no chain of links with capacity_t_per_day above 0 … so the unit never closes") went
to the terminal only. The section shows those same findings (the load's, no second copy
of the checks), each located as ``validate`` locates it.

The run's own warnings came to the terminal alone too: a camp whose unit held 8 t over
its ``storage_t`` (``plan``), depots asked for more than they hold (``routes``). They
come here as the command says them (the words are made once, below the faces:
:mod:`supplyline.services.plan_warnings`, :mod:`supplyline.services.routes_warnings`);
both the plan report and the routes report take this section.
"""

from __future__ import annotations

from collections.abc import Sequence

from supplyline.errors import Issue
from supplyline.reports.sections import ReportSection

__all__ = ["warnings_section"]


def warnings_section(warnings: Sequence[Issue], warned: Sequence[str] = ()) -> ReportSection | None:
    """The section of the run's warnings and the scenario's, or None when there are none.

    ``warned``: what the command warned of after its run (the plan not proven best, a
    camp over its storage_t…), in its words, listed first; ``warnings``: the scenario's,
    as its load found them.
    """
    if not warnings and not warned:
        return None
    validated = (
        "what supplyline validate finds in the scenario: the plan was made all the same, "
        "and what these say no capacity in it can change."
    )
    intro = (
        f"What the command warned of as it ran; then {validated}"
        if warned and warnings
        else "What the command warned of as it ran."
        if warned
        else f"{validated[0].upper()}{validated[1:]}"
    )
    return ReportSection(
        id="warnings",
        title="Warnings",
        intro=intro,
        notes=(*warned, *(str(issue) for issue in warnings)),
    )
