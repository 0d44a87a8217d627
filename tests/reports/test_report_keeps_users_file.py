"""``write_plan_report`` (and the writers built on it) keep a page that is the user's.

A scratch script's ``write_plan_report(…, "plan.html")`` replaced a spreadsheet the user
had saved under that name; ``plan --report`` refuses it. Now the writer makes the same
check (:func:`supplyline.io.destinations.check_own_file`), before any work, unless
``force=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from supplyline.errors import OutputError
from supplyline.reports import write_plan_report

if TYPE_CHECKING:
    from tests.reports.conftest import Case

MINE = "<html><body>my own page</body></html>\n"


def test_a_users_page_is_refused_and_kept(tmp_path: Path, case: Case) -> None:
    """OutputError naming the path, saying how to go on; the page as it was."""
    mine = tmp_path / "plan.html"
    mine.write_text(MINE, encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        write_plan_report(case.scenario, case.demand, case.plan, mine)
    assert str(raised.value) == (
        f"cannot write {mine}: it exists and is not a report supplyline wrote (it has no "
        '<meta name="generator" content="supplyline …"> tag), so replacing it would lose '
        "it; choose another path, or pass force=True to replace it"
    )
    assert mine.read_text(encoding="utf-8") == MINE


def test_force_replaces_it_and_its_own_report_is_replaced(tmp_path: Path, case: Case) -> None:
    """``force=True`` writes over the user's page; writing again needs no force."""
    mine = tmp_path / "plan.html"
    mine.write_text(MINE, encoding="utf-8")
    write_plan_report(case.scenario, case.demand, case.plan, mine, force=True)
    write_plan_report(case.scenario, case.demand, case.plan, mine)
    assert '<meta name="generator" content="supplyline' in mine.read_text(encoding="utf-8")
