"""A plan's files as ``plan --out`` writes them: the plan tables and its reach check.

Why here: the reach check is routing's and the plan files are io's, and those layers may
not import each other; ``plan --out`` (:func:`~supplyline.services.planning.plan_scenario`)
wrote ``reach.csv`` while the Python writer (:func:`supplyline.io.plan_files.write_plan`)
had no reach check to write, so a script got seven of the CLI's eight tables. Both now
judge the reach check by :func:`plan_reach` and write it through
:func:`~supplyline.io.plan_files.write_plan_files`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from supplyline.domain import Demand, Plan, Scenario, check_plan_of
from supplyline.domain.routes import ReachCheck
from supplyline.errors import require
from supplyline.io import plan_files
from supplyline.io.factors import factors_for
from supplyline.planning.arrival import demand_on_arrival
from supplyline.requirements import compute_requirements
from supplyline.routing.reach_table import reach_table
from supplyline.services.plan_warnings import plan_warnings
from supplyline.services.routing import reach_for

__all__ = ["plan_reach", "write_plan", "write_plan_into"]


def plan_reach(scenario: Scenario, plan: Plan, demand: Demand | None = None) -> ReachCheck:
    """The plan's reach check, as ``plan`` prints it and writes it to ``reach.csv``.

    Judged on the plan's own road legs against the demand the plan was made for
    (:func:`~supplyline.planning.arrival.demand_on_arrival` of ``demand``, or of the
    scenario's requirements when ``demand`` is None: ``compute_requirements``' demand and
    the planned one give the same check).

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> s, demand = one_link()
    >>> [r.unit for r in plan_reach(s, plan_movements(s, demand)).rows]
    ['u1']
    """
    require(scenario, Scenario, "the scenario")
    check_plan_of(scenario, plan)
    if demand is None:
        demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    return reach_for(scenario, demand_on_arrival(scenario, demand), plan=plan)


def write_plan(
    out: str | Path,
    scenario: Scenario,
    plan: Plan,
    *,
    demand: Demand | None = None,
    warnings: Sequence[str] | None = None,
    force: bool = False,
) -> tuple[Path, ...]:
    """Write the files ``plan --out`` writes into ``out``: all of them, or none.

    The plan files (:data:`~supplyline.io.plan_files.PLAN_FILES`) and ``reach.csv``, the
    plan's reach check (:func:`plan_reach`, ``demand`` as it takes it), row for row as
    ``plan --out`` writes it. ``warnings``: what plan.json records the run warned of;
    None: the plan's own warnings (:func:`~supplyline.services.plan_warnings.plan_warnings`,
    its notes left out as ``plan`` leaves them out). ``force`` lets them replace files of
    their names that supplyline did not write (:mod:`supplyline.io.folder_files`). Errors
    are :func:`supplyline.io.plan_files.write_plan`'s.

    >>> from supplyline.io import load_scenario
    >>> from supplyline.planning import plan_movements
    >>> s = load_scenario("examples/bilateral-exercise")  # doctest: +SKIP
    >>> write_plan("out", s, plan_movements(s, demand))   # doctest: +SKIP
    """
    require(scenario, Scenario, "the scenario")
    check_plan_of(scenario, plan)
    reach = plan_reach(scenario, plan, demand)
    if warnings is None:
        warnings = plan_warnings(plan, scenario, below=plan.stats.notes)
    return plan_files.write_plan(
        out, scenario, plan, reach=reach_table(reach), warnings=warnings, force=force
    )


def write_plan_into(
    folder: Path,
    scenario: Scenario,
    plan: Plan,
    reach: ReachCheck,
    *,
    warnings: Sequence[str],
    fingerprint: str | None = None,
    basis_fingerprint: str | None = None,
    plan_identity: str | None = None,
) -> tuple[Path, ...]:
    """The same files into an existing (scratch) folder: ``plan_scenario``'s step.

    ``reach`` is the run's :func:`plan_reach` (judged once: the summary shows it too);
    ``fingerprint`` and ``basis_fingerprint`` the scenario's and its plan's basis's,
    computed once when it was opened; ``plan_identity``
    the plan's :func:`~supplyline.io.plan_files.plan_id`, computed once by the run.
    """
    return plan_files.write_plan_files(
        folder,
        scenario,
        plan,
        warnings=warnings,
        reach=reach_table(reach),
        fingerprint=fingerprint,
        basis_fingerprint=basis_fingerprint,
        plan_identity=plan_identity,
    )
