"""The bundled examples' reach verdicts, from stocks and from the plan, as the docs give them.

A change to the shared-road check flagged four of the relief example's sites for road
capacity, with no road named ("over , "), where a depot next door holds the goods; no
test held the examples' verdicts, and the docs said they were unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.planning import plan_movements
from supplyline.services.routing import assess_reach, reach_for
from supplyline.services.scenarios import assess_requirements

ROOT = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES: dict[str, list[str]] = {"bilateral-exercise": [], "relief-operation": []}
"""The units each example flags (docs/routing.md): none. The relief example's site-6 is
cut off C+0–C+4, with demand on C+3–C+4, which the 3 days of supply it holds at the start
cover (it was flagged before a unit's own stock counted, though its plan is not short
then)."""


def test_the_relief_examples_closure_is_still_said() -> None:
    """site-6 is ok, and its ``cut_off`` still names the closure and what covers it."""
    check = assess_reach(ROOT / "relief-operation").check
    row = next(r for r in check.rows if r.unit == "site-6")
    assert (row.sustainable, row.covered_days) == (True, (3, 4))
    assert row.cut_off.endswith("; C+3–C+4 covered by its 3 days of supply")


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_an_example_flags_the_units_the_docs_say(name: str) -> None:
    folder = ROOT / name
    check = assess_reach(folder).check
    assert [r.unit for r in check.flagged] == EXAMPLES[name], [r.reason for r in check.flagged]
    assessed = assess_requirements(folder)
    scenario, demand = assessed.opened.scenario, assessed.demand
    plan = plan_movements(scenario, demand)
    planned = reach_for(scenario, demand, plan=plan)
    assert [r.unit for r in planned.flagged] == EXAMPLES[name], [r.reason for r in planned.flagged]
