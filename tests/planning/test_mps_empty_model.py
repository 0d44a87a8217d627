"""A model with no columns re-solves, from its MPS file, to the plan's objective.

A plan where no unit can deploy or be supplied is its penalties alone, a constant. Its
MPS file had no columns; HiGHS read the offset back and then reported an "Empty" model
with objective 0 against the plan's 600 (a tester's 5 of 166 random scenarios).
"""

from __future__ import annotations

from pathlib import Path

import highspy

from supplyline.io import load_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import plan_movements
from supplyline.requirements import compute_requirements

FILES = {
    "scenario.yaml": (
        "name: nothing to decide\nstart_date: 2026-01-05\nhorizon_days: 3\n"
        "partners:\n  - {id: pa}\ncommodities:\n"
        "  - {id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 0}\n"
    ),
    "locations.csv": "id,name,partner,kind,lat,lon\nd,d,pa,depot,40,10\n"
    "camp,camp,pa,unit_area,40.1,10.1\n",
    "links.csv": "id,from,to,mode,distance_km,transit_days,bidirectional\n"
    "r,camp,d,rail,15,1,false\n",  # one way, away from the camp: no route there
    "units.csv": "id,partner,home,destination,personnel\nu,pa,d,camp,10\n",
}


def test_an_empty_model_re_solves_to_the_plans_objective(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    scenario = load_scenario(folder)
    demand = compute_requirements(scenario, factors_for({}))
    mps = tmp_path / "model.mps"
    plan = plan_movements(scenario, demand, mps_path=mps)
    assert plan.stats.columns == 0
    assert plan.objective > 0  # the penalties alone
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.readModel(str(mps))
    h.run()
    assert h.modelStatusToString(h.getModelStatus()) == "Optimal"
    assert h.getInfo().objective_function_value == plan.objective
