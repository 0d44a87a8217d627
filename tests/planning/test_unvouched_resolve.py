"""A method off a vertex that ends without a plan HiGHS vouches for is solved again by simplex.

PDLP stops when its errors are small against the largest cost (a shortfall penalty, about
5e5 here); HiGHS's own check, against the costs of the columns in play, then finds its
duals off and withdraws "optimal" (status 'Unknown'). This 37-column scenario, a random
network's made round, ends so with PDLP every time; before, ``plan`` exited 6 with no plan.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: pdlp-unknown\nstart_date: 2025-01-01\nhorizon_days: 5\n"
        "partners:\n  - {id: A}\n  - {id: B}\ncommodities:\n"
        "  - {id: c0, supply_class: general, priority: 1, demand_unit: kg, "
        "per_person_per_day: 50}\n"
        "  - {id: c1, supply_class: general, priority: 1, demand_unit: kg}\n"
    ),
    "locations.csv": (
        "id,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,storage_t,dwell_days\n"
        "L0,A,depot,50,0,27,0,,0\nL1,A,depot,50,1,31,0,0,1\nL2,B,depot,50,2,41,0,27,0\n"
    ),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,cost_per_t,"
        "bidirectional,outage_days\n"
        "K0,L0,L1,road,50,1,,2.5,false,\nK1,L1,L0,road,50,1,10,1.95,true,\n"
        "K2,L2,L0,road,50,1,25,2.1,false,\n"
    ),
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day\n"
        "L0,c0,0,0.58\nL1,c0,16.7,0\nL1,c1,48.6,1.74\nL2,c0,17.7,0\nL2,c1,38.2,2.37\n"
    ),
    "units.csv": (
        "id,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\n"
        "U0,B,L0,L2,5,0,1,24.4,1.9\nU1,B,L0,L0,13,3,3,1,1.5\n"
    ),
}


def _plan(tmp_path: Path, *args: str) -> tuple[dict[str, object], str]:
    folder = tmp_path / "scenario"
    folder.mkdir(exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / ("out" + "".join(args).replace("-", "_"))
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), "--explain", "0", *args])
    assert result.exit_code == 0, result.output
    return json.loads((out / "plan.json").read_text(encoding="utf-8")), " ".join(
        result.output.split()
    )


@pytest.mark.parametrize("limit", [(), ("--time-limit", "5")])
def test_pdlp_without_a_vouched_plan_gets_the_simplex_plan_and_says_so(
    tmp_path: Path, limit: tuple[str, ...]
) -> None:
    """The plan is simplex's (its objective to 1e-9), and the CLI and plan.json say why."""
    simplex, _ = _plan(tmp_path, "--method", "simplex")
    plan, said = _plan(tmp_path, "--method", "pdlp", *limit)
    stats = plan["stats"]
    assert isinstance(stats, dict)
    assert (plan["status"], stats["method"], stats["resolved_from"]) == (
        "optimal",
        "simplex",
        "pdlp",
    )
    objective, best = float(plan["objective"]), float(simplex["objective"])  # type: ignore[arg-type]
    assert objective == pytest.approx(best, rel=1e-9)
    notes = plan["notes"]
    assert isinstance(notes, list)
    assert any("pdlp ended without a plan the solver could vouch for" in n for n in notes)
    assert "pdlp ended without a plan the solver could vouch for" in said
