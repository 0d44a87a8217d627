"""plan.json keeps what the time limit cut short (``stats.cut_short``), and reads it back.

A plan the limit left whole writes no ``cut_short`` (its plan.json is what it was before
the field), and a plan.json without it reads as a plan with nothing cut.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from supplyline.domain.plan import BOTTLENECK_MEASURING, SHORTFALL_CAUSES
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link


@pytest.mark.parametrize(
    "cut", [(BOTTLENECK_MEASURING,), (SHORTFALL_CAUSES,), (BOTTLENECK_MEASURING, SHORTFALL_CAUSES)]
)
def test_a_cut_short_plan_reads_back_with_what_was_cut(
    tmp_path: Path, cut: tuple[str, ...]
) -> None:
    """``read_plan`` gives back ``cut_short``, and with it the notes that say it."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    cut_plan = dataclasses.replace(plan, stats=dataclasses.replace(plan.stats, cut_short=cut))
    write_plan(tmp_path / "out", scenario, cut_plan)
    written = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert written["stats"]["cut_short"] == list(cut)
    read = read_plan(tmp_path / "out")
    assert read.stats.cut_short == cut
    assert read.stats.notes == cut_plan.stats.notes
    assert written["notes"] == list(cut_plan.stats.notes)


def test_a_plan_json_without_cut_short_reads_as_before(tmp_path: Path) -> None:
    """A plan the limit left whole writes no ``cut_short``; read back, nothing was cut."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    write_plan(tmp_path / "out", scenario, plan)
    written = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert "cut_short" not in written["stats"]
    read = read_plan(tmp_path / "out")
    assert read.stats.cut_short == ()
    assert read == plan
