"""The days-of-supply panels: stock in days of the rate each day's target is set at."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scenario_files import UNITS, scenario_from_files

from supplyline.planning import plan_movements
from supplyline.reports.figures import unit_supply_figure


def test_a_unit_holding_its_rising_target_is_drawn_on_the_target_line(tmp_path: Path) -> None:
    """A tester's unit held 2.6 days at the exercise rate and was drawn at its 4-day target.

    A camp of 2 people at 1 t a day each (activity-scaled), 2 days of supply, surge (2×)
    from C+3, holds each day's target from C+1 (4, 6, 8 t): 2 days every day. Beside it,
    at the depot, a team with no target holds nothing of its own: drawn at 0, not as the
    depot's stock over the team's use.
    """
    scenario, demand = scenario_from_files(
        tmp_path / "surge",
        days=6,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 1000, activity_scaled: true}",
        links="dc,d,c,road,,50,1,,20,,1,,false,\n",
        locations="d,Depot,home,depot,50,10,,,0\nc,Camp,home,unit_area,50,10.5,,,0\n",
        units_header=UNITS.rstrip("\n") + ",activity\n",
        units="u,Camp people,home,c,c,2,0,0,0,2,0:normal;3:surge\n"
        "t,Depot team,home,d,d,1,0,0,0,0,\n",
        stocks="d,food,200,0,\n",
    )
    plan = plan_movements(scenario, demand)
    camp = unit_supply_figure(scenario, demand, plan, ["u"])
    team = unit_supply_figure(scenario, demand, plan, ["t"])
    assert camp is not None
    assert team is not None
    (camp_line,) = [x for x in camp.axes[0].lines if x.get_label() == "food"]
    (team_line,) = [x for x in team.axes[0].lines if x.get_label() == "food"]
    assert np.asarray(camp_line.get_ydata()) == pytest.approx([1, 2, 2, 2, 2, 2])
    assert np.asarray(team_line.get_ydata()) == pytest.approx([0] * 6)
