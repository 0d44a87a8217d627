"""The tester's folder: relief's plan, routes and requirements, then another plan over them.

``plan OTHER --out st`` removed relief's report and model, and left its routes and
requirements beside the new plan.json with no word; now each command warns of them,
exit 0, and leaves them in place (docs/reports.md, *Files of another plan*).
"""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import BILATERAL, ROOT, run

RELIEF = ROOT / "examples" / "relief-operation"
RELIEF_NAME = "Earthquake relief (fictional)"


def _warnings(stderr: str) -> list[str]:
    """The warnings of other files (one line each, however long: a reader may grep them)."""
    return [
        line
        for line in stderr.splitlines()
        if line.startswith("warning: ") and " no longer match" in line
    ]


def test_a_plan_over_another_plans_routes_and_requirements_names_them(tmp_path: Path) -> None:
    """Routes (with the plan_id they came from) and requirements of relief are named, kept."""
    st = tmp_path / "st"
    first = run("plan", RELIEF, "--out", st, "--explain", "0", "--report", st / "plan.html")
    assert first.returncode == 0, first.stderr
    relief_plan = json.loads((st / "plan.json").read_text())
    routed = run("routes", RELIEF, "--day", "C+5", "--out", st)
    assert routed.returncode == 0, routed.stderr
    assert "warning:" not in routed.stderr  # routes of the plan in the folder agree with it
    routes = json.loads((st / "routes.json").read_text())
    assert routes["plan_id"] == relief_plan["plan_id"]  # --explain 0: the routes' own plan
    assert routes["flows_id"] == relief_plan["flows_id"]
    needed = run("requirements", RELIEF, "--out", st)
    assert needed.returncode == 0, needed.stderr
    assert "warning:" not in needed.stderr
    other = run("plan", BILATERAL, "--out", st, "--explain", "0")
    assert other.returncode == 0, other.stderr
    removed = f"removed {st / 'plan.html'}, the report of the earlier plan"
    # rich folds it at 80 columns, at a space or within the path, by its length
    assert "".join(removed.split()) in "".join(other.stderr.split())
    assert _warnings(other.stderr) == [
        f"warning: {st / 'routes.csv'} and 6 more are routes of the earlier plan "
        f"{relief_plan['plan_id']} (scenario '{RELIEF_NAME}'): they no longer match this plan; "
        "remove them or route again",
        f"warning: {st / 'requirements_daily.csv'} and 2 more are requirements of scenario "
        f"'{RELIEF_NAME}': they no longer match this plan; remove them or run requirements "
        "again",
    ]
    assert (st / "routes.csv").is_file()
    assert (st / "requirements.json").is_file()
    assert not (st / "plan.html").exists()


def test_routes_and_requirements_name_another_scenarios_plan(tmp_path: Path) -> None:
    """The same rule from routes (from demand: plan_id null) and from requirements."""
    st = tmp_path / "st"
    assert run("plan", BILATERAL, "--out", st, "--explain", "0").returncode == 0
    bilateral = json.loads((st / "plan.json").read_text())
    routed = run("routes", RELIEF, "--day", "C+5", "--out", st, "--from-demand")
    assert routed.returncode == 0, routed.stderr
    assert json.loads((st / "routes.json").read_text())["plan_id"] is None
    plan_files = (
        f"warning: {st / 'movements.csv'} and 8 more are plan files of the earlier plan "
        f"{bilateral['plan_id']} (scenario '{bilateral['scenario']}'): they no longer match "
    )
    assert _warnings(routed.stderr) == [plan_files + "these routes; remove them or plan again"]
    needed = run("requirements", RELIEF, "--out", st)
    assert needed.returncode == 0, needed.stderr
    assert _warnings(needed.stderr) == [
        plan_files + "these requirements; remove them or plan again"
    ]
    assert (st / "plan.json").is_file()
    assert (st / "movements.csv").is_file()
