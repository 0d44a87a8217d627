"""The plan's summary reads the objective and the shadow prices in units a planner counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from cli_helpers import BILATERAL, run


def test_the_table_says_the_objective_by_tier_and_what_one_more_saves() -> None:
    """The headline is followed by the objective by tier; the bottlenecks by what +1 saves."""
    result = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--explain", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200"},  # every column of the table shown
    )
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert result.returncode == 0, result.stderr
    assert "objective by tier: shortfall 0 t (weighted by priority);" in out
    assert "lateness 10,640 t-days late" in out
    assert "one more saves" in out
    assert "36 t-days late" in out
    assert "1,728,000" not in out


def test_json_keeps_the_raw_figures_and_adds_the_readings() -> None:
    """--format json gives the objective and the prices as before, the readings after."""
    result = run("plan", BILATERAL, "--explain", "1", "--format", "json")
    data = json.loads(result.stdout)
    summary = data["summary"]
    parts = ("shortfall", "targets", "lateness", "transport", "holding")
    total = sum(summary[f"objective_{name}"] for name in parts)
    assert abs(total - summary["objective"]) <= 1e-6 * summary["objective"]
    yard = next(b for b in data["bottlenecks"] if b["resource"] == "grenzfeld")
    assert (yard["shadow_price"], yard["saves"], yard["saves_unit"]) == (
        1728000.0,
        36.0,
        "t-days late",
    )
    assert (yard["location_name"], yard["wkt"]) == (
        "Grenzfeld transshipment yard",
        "POINT (23.66 52.08)",
    )
