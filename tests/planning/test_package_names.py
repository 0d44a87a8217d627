"""The planning package's public names: what they are, and what asking for one imports.

``build`` was the name of a module of the package and of its function: whichever of the
two was imported last was ``supplyline.planning.build``, so the package imported the
module first, and with it NumPy, SciPy and the LP's modules, into every command's start.
The module is ``planning/assemble.py`` now.
"""

from __future__ import annotations

import subprocess
import sys

import supplyline.planning as planning
from supplyline.planning import assemble, solve

FRESH = """
import sys
import supplyline.planning as planning
from supplyline.planning import PlanParams, demand_on_arrival
light = sorted(m for m in ("highspy", "supplyline.planning.assemble") if m in sys.modules)
import supplyline.planning.assemble
print(light, planning.build.__module__, planning.build.__name__)
"""


def test_build_is_the_function_after_the_model_module_is_imported() -> None:
    """``supplyline.planning.build`` is solve's function, the model's module imported or not."""
    assert planning.build is solve.build
    assert callable(planning.build)
    assert planning.Problem is assemble.Problem


def test_the_parameters_and_arrival_checks_come_without_the_solver() -> None:
    """The parameters and the arrival checks import neither HiGHS nor the model's module.

    In a fresh process; importing that module afterwards leaves ``build`` the function.
    """
    done = subprocess.run(
        [sys.executable, "-c", FRESH], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "supplyline.planning.solve", "build"]
