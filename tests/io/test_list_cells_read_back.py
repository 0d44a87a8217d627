"""Every CSV cell that holds several values separates them with ``;`` and reads back.

bottlenecks.csv's ``commodities`` was space-separated, the routes' ``load_t`` and the
scenario's list cells ``;``-separated, ``--format csv`` "; ": a script splitting one
file's cells split another's wrongly. Each such cell is read here from the file written,
split on :data:`supplyline.types.LIST_SEPARATOR`, and compared with what it lists.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from supplyline.io.plan_files import write_plan
from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import route_scenario_day
from supplyline.types import LIST_SEPARATOR

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = EXAMPLES / "bilateral-exercise"
RELIEF = EXAMPLES / "relief-operation"  # its 3rd and 10th bottlenecks name several goods


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bottlenecks_csv_lists_the_commodities_plan_json_lists(tmp_path: Path) -> None:
    """Each row's ``commodities``, split on ``;``, is its bottleneck's list in plan.json."""
    run = plan_scenario(RELIEF, None, params=PlanParams(explain_top=10))
    write_plan(tmp_path, run.opened.scenario, run.plan)
    listed = [
        row["commodities"].split(LIST_SEPARATOR) for row in _rows(tmp_path / "bottlenecks.csv")
    ]
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert listed == [[*b["commodities"]] or [""] for b in plan["bottlenecks"]]
    assert any(len(names) > 1 for names in listed)  # a cell of several: the case in point


def test_routes_csv_loads_split_into_commodities_that_add_up(tmp_path: Path) -> None:
    """Each stop's ``load_t``, split on ``;``, gives commodity=tonnes adding to its tonnes."""
    route_scenario_day(EXAMPLE, day=14, from_demand=True, out=tmp_path)
    rows = _rows(tmp_path / "routes.csv")
    loads = [
        {
            name: float(t)
            for name, t in (part.split("=") for part in row["load_t"].split(LIST_SEPARATOR))
        }
        for row in rows
    ]
    # to the gram, as the loads are made and written
    assert [round(sum(load.values()), 6) for load in loads] == [float(r["tonnes"]) for r in rows]
    assert any(len(load) > 1 for load in loads)  # a cell of several: the case in point
