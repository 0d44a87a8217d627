"""Every transport cost the plan says names its unit, the same words as the cost columns.

links.csv's costs are numbers in no currency, and a bottleneck's "… saves 1,234.5 in
transport cost" read as a figure without a unit beside a report column headed "cost (the
links' cost units)" and a CLI column headed "cost".
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from supplyline.cli.plan_cmds import COST_HEADING as CLI_COST_HEADING
from supplyline.domain import Demand, Scenario
from supplyline.planning.assemble import prepare
from supplyline.planning.extract import Outcome
from supplyline.planning.outcome_words import effect
from supplyline.planning.params import PlanParams
from supplyline.reports.summary import COST_HEADING as REPORT_COST_HEADING
from supplyline.types import COST_UNITS


def _outcome(*, late_t_days: float, transport_cost: float) -> Outcome:
    return Outcome(
        short_t=0.0,
        short_by={},
        late_days={},
        closure_day={},
        late_t_days=late_t_days,
        late_pax_days=0.0,
        transport_cost=transport_cost,
    )


@pytest.mark.parametrize(
    ("late_after", "cost_after", "said"),
    [
        (10.0, 900.0, "saves 100 in transport cost"),  # a saving alone
        (4.0, 900.0, "and saves 100 in transport cost"),  # beside another gain
        (4.0, 1234.5, "for 235 more in transport cost"),  # a gain that costs more
    ],
)
def test_a_cost_in_a_bottleneck_sentence_says_its_unit(
    bilateral: tuple[Scenario, Demand], late_after: float, cost_after: float, said: str
) -> None:
    """Saved or spent, the figure is followed by the links' cost units, as the columns say."""
    problem = prepare(*bilateral, PlanParams())
    base = _outcome(late_t_days=10.0, transport_cost=1000.0)
    new = replace(base, late_t_days=late_after, transport_cost=cost_after)
    text = effect(problem, base, new)[1]
    assert f"{said} ({COST_UNITS})" in text


def test_the_cost_columns_are_headed_in_the_unit_the_sentences_say() -> None:
    """The report's and the CLI's cost-by-mode columns name the same unit as the sentences."""
    assert REPORT_COST_HEADING == CLI_COST_HEADING == f"cost ({COST_UNITS})"
