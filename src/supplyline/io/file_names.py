"""The names of the files a scenario folder holds and a requirements folder gets.

Why a module of their own: the command line's help names them, and the checks of where
outputs may go compare against them; both ran the scenario loader's imports (PyYAML and
the domain's records) or the requirements writer's (NumPy) only to read a tuple of names.
"""

from __future__ import annotations

__all__ = ["HTML_SUFFIXES", "REQUIREMENTS_FILES", "SCENARIO_FILES"]

HTML_SUFFIXES = (".html", ".htm")
"""What a browser opens as a web page (and what no plan, route or scenario file is named):
the endings a report's name may have, for the CLI's ``--report`` and the API alike."""

SCENARIO_FILES = (
    "scenario.yaml",
    "locations.csv",
    "links.csv",
    "units.csv",
    "stocks.csv",
    "fleet.csv",
    "agreements.yaml",
)
"""The files of a scenario folder, in the order issues are reported."""

REQUIREMENTS_FILES = ("requirements_daily.csv", "requirements_by_unit.csv", "requirements.json")
"""What ``supplyline.services.scenarios.export_requirements`` writes into its folder (the
writer names them too; a test keeps the two lists equal)."""
