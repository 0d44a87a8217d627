"""The reports the browser tests open: which command writes each, on which scenario.

Apart from ``conftest.py`` so that test modules can import it by a name of its own:
``from conftest import ...`` found another folder's conftest once the whole suite ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BILATERAL = ROOT / "examples" / "bilateral-exercise"
RELIEF = ROOT / "examples" / "relief-operation"
THIN_ROAD = Path(__file__).resolve().parent / "thin-road"

# name: the command, its scenario and options. The examples' plans measure one bottleneck
# (of 3 by default: the re-solves were half of each run's time); the routes are searched
# for 5 s at most. The relief example's routes add nothing these tests do not see in the
# bilateral example's, and their run took as long as a plan.
RUNS: dict[str, tuple[str, Path, tuple[str, ...]]] = {
    "bilateral-plan": ("plan", BILATERAL, ("--explain", "1")),
    "relief-plan": ("plan", RELIEF, ("--explain", "1")),
    "thin-road-plan": ("plan", THIN_ROAD, ()),
    "bilateral-routes": ("routes", BILATERAL, ("--day", "14", "--time-limit", "5")),
}
PLAN_REPORTS = tuple(name for name, run in RUNS.items() if run[0] == "plan")
ROUTES_REPORTS = tuple(name for name, run in RUNS.items() if run[0] == "routes")


@dataclass(frozen=True)
class Report:
    """A report the command line wrote, and the files it wrote beside it."""

    name: str
    scenario: Path
    html: Path
    out: Path
