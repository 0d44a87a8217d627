"""What a long plan says while it works.

The stage, how many flows are solved, which bottleneck is being measured: a tester's
large plan was silent for 73-156 s of flows apart and 98 s of bottlenecks.
"""

from __future__ import annotations

import re

import pytest

import supplyline.planning.solve as solve_module
from supplyline.domain import Demand, Scenario
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.outcome_words import extra_text


def test_a_plan_names_each_bottleneck_it_measures(bilateral: tuple[Scenario, Demand]) -> None:
    heard: list[str] = []
    plan = plan_movements(*bilateral, PlanParams(explain_top=2), progress=heard.append)
    measuring = [m for m in heard if m.startswith("measuring bottleneck")]
    # with the capacity and its unit: two runs of one link may be its tonnes and its people
    names = [
        f"{b.resource}, {extra_text(b.capacity)} {b.capacity_unit}" for b in plan.bottlenecks[:2]
    ]
    assert measuring == [f"measuring bottleneck {i} of 2: {n}" for i, n in enumerate(names, 1)]
    assert heard.index("explaining bottlenecks") < heard.index(measuring[0])


def test_the_flows_apart_say_how_many_are_solved(
    bilateral: tuple[Scenario, Demand], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every few seconds on a long run; here every time, to see the counts."""
    monkeypatch.setattr(solve_module, "PROGRESS_EVERY_S", 0.0)
    heard: list[str] = []
    plan_movements(*bilateral, PlanParams(explain_top=0), progress=heard.append)
    (stage,) = [m for m in heard if m.endswith("flows apart for a starting basis")]
    n = int(stage.split()[1])
    counts = [
        int(found.group(1))
        for m in heard
        if (found := re.fullmatch(re.escape(stage) + r": (\d+) of (\d+) solved", m))
    ]
    assert counts == list(range(1, n))  # the last one is the next stage's news
