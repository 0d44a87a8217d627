"""The moved-by-mode table has one column order in the terminal and in the HTML report.

The terminal read "mode, tonnes, …, cost, movements", the report "mode, movements,
tonnes, …": the same table's columns stood in different places. Both now take
:data:`MODE_COLUMNS`.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.cli.plan_shown import COST_HEADING, plan_sections
from supplyline.planning import PlanParams
from supplyline.planning.summary import MODE_COLUMNS
from supplyline.reports.summary import mode_table
from supplyline.services.planning import plan_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def test_terminal_and_report_show_the_mode_columns_in_one_order() -> None:
    """Each report row holds the terminal row's values, column for column, in that order."""
    run = plan_scenario(EXAMPLE, None, params=PlanParams(explain_top=0))
    rows, columns, _title = plan_sections(run, for_people=True)["moved_by_mode"]
    table = mode_table(run.opened.scenario, run.plan)
    assert [c.replace(COST_HEADING, "cost") for c in columns] == list(MODE_COLUMNS)
    assert table.columns[0] == "mode"
    assert table.columns[-1] == "movements"  # last in both, as the terminal had it
    assert [h.split()[0] for h in table.columns[1:3]] == ["tonnes", "of"]
    assert len(rows) > 2  # modes and "all modes": rows to compare
    assert [row[1:] for row in table.rows] == [
        tuple(row.get(key) for key in columns[1:]) for row in rows
    ]
    assert [row[0] for row in table.rows] == [str(row["mode"]).replace("_", " ") for row in rows]
