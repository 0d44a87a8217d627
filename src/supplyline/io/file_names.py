"""The names of the files a scenario folder holds and a requirements folder gets.

Why a module of their own: the command line's help names them, and the checks of where
outputs may go compare against them; both ran the scenario loader's imports (PyYAML and
the domain's records) or the requirements writer's (NumPy) only to read a tuple of names.
"""

from __future__ import annotations

__all__ = [
    "HTML_SUFFIXES",
    "PLAN_DOCUMENTS",
    "PLAN_FILES",
    "PLAN_OUT_FILES",
    "PLAN_TABLES",
    "REACH_FILE",
    "REQUIREMENTS_FILES",
    "ROUTE_FILES",
    "SCENARIO_FILES",
    "plan_out_files_text",
]

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

ROUTE_FILES = (
    "routes.csv",
    "trucks.csv",
    "unserved.csv",
    "on_site.csv",
    "depot_short.csv",
    "routes.geojson",
    "routes.json",
)
"""What :func:`supplyline.io.route_files.write_routes_files` writes, in order (the earlier
outputs' check names them too, :mod:`supplyline.io.earlier_outputs`)."""

PLAN_TABLES = (
    "movements.csv",
    "stocks.csv",
    "deliveries.csv",
    "shortfalls.csv",
    "deployment.csv",
    "bottlenecks.csv",
)
"""The plan's CSV tables, in the order :func:`supplyline.io.plan_files.write_plan_files`
writes them."""
REACH_FILE = "reach.csv"
"""The plan's reach check, written after :data:`PLAN_TABLES` by ``plan --out`` (the
planning service judges it; :func:`supplyline.io.plan_files.write_plan` alone has none)."""
PLAN_DOCUMENTS = ("plan.json", "network.geojson")
"""The plan's JSON documents, written last."""
PLAN_FILES = (*PLAN_TABLES, *PLAN_DOCUMENTS)
"""What :func:`supplyline.io.plan_files.write_plan` writes (no reach check)."""
PLAN_OUT_FILES = (*PLAN_TABLES, REACH_FILE, *PLAN_DOCUMENTS)
"""What ``plan --out`` writes, in order: the writer walks this tuple, and ``plan --help``
names it, so that the two cannot drift (the help named 8 files while 9 were written)."""


def plan_out_files_text() -> str:
    """The files ``plan --out`` writes, in words: ``a.csv, b.csv and c.json``.

    >>> plan_out_files_text().endswith("reach.csv, plan.json and network.geojson")
    True
    """
    return f"{', '.join(PLAN_OUT_FILES[:-1])} and {PLAN_OUT_FILES[-1]}"
