"""The shortfall table has one column order in the terminal and in the HTML report.

The terminal read "short t, demand t", the report "demand t, short t": a planner
comparing the two read the wrong column. Both now take :data:`SHORTFALL_COLUMNS`.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.cli.plan_shown import plan_sections
from supplyline.planning import PlanParams
from supplyline.planning.summary import SHORTFALL_COLUMNS
from supplyline.reports.summary import shortfall_table
from supplyline.services.planning import plan_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def test_terminal_and_report_show_the_shortfall_columns_in_one_order() -> None:
    """Each report row holds the terminal row's values, column for column, in that order."""
    run = plan_scenario(EXAMPLE, None, params=PlanParams(explain_top=0))
    rows, columns, _title = plan_sections(run, for_people=True)["shortfalls"]
    table = shortfall_table(run.demand, run.plan)
    assert tuple(columns) == SHORTFALL_COLUMNS
    assert [h.split()[0] for h in table.columns][:4] == ["unit", "commodity", "short", "demand"]
    assert len(rows) > 1  # the relief operation falls short: rows to compare
    assert list(table.rows) == [tuple(row.get(key) for key in columns) for row in rows]
