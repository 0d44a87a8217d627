"""A movement plan given as a file (``routes --plan``, ``ledger propose``): read, judged to fit.

Why a module of its own: what a plan file must be grew past what
:mod:`supplyline.services.routing` could hold. A plan of another scenario was routed
from without a word: a tester's ``routes s6 --plan s1plan`` (the same name, start and
horizon; s6 has a unit U6 that s1 lacks, and U5 with other personnel) exited 0, U6
routed, unserved and warned of nowhere, U5 given s1's tonnes. plan.json records the
fingerprint of the scenario it was made for (``scenario_id``), and of what the plan
depends on (``plan_basis_id``: all but the fleet, agreements and routing options): a plan
whose fingerprint is not the scenario's is refused, saying which scenario it was made for
and how to plan again; another fleet or ceiling needs no new plan. A plan.json edited by
hand is judged record by record
(:func:`~supplyline.domain.plan_fit.check_plan_fits`): its file and the record named.
``ledger propose`` makes the same check (:func:`check_given_plan`): given the bilateral
example's plan with a copy of it whose garrison food belonged to the host, or whose HQ had
900 people, it drafted the plan's orders, exit 0, and a copy one unit short was told
``plan: units: …``, neither the file nor how to plan again.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.domain import Demand, Plan, PlanStatus, Scenario, to_deliver
from supplyline.domain.plan_fit import check_plan_fits, plan_of_issues
from supplyline.errors import ArgumentError, Issue, ScenarioError
from supplyline.io.plan_read import PlanFile, read_plan_file
from supplyline.services.scenarios import OpenScenario, require_folder

__all__ = ["ROUTE_AGAIN", "check_given_plan", "not_proven_given", "plan_given"]

ROUTE_AGAIN = "route with that plan, or route without a plan file (the plan is solved then)"
"""What ``routes --plan`` is told to do once the scenario is planned again."""


def plan_given(plan_file: str | Path | None, *, from_demand: bool) -> PlanFile | None:
    """The plan read from ``plan_file`` (None: none given), before any routing.

    A plan.json that is not JSON (its line and column), not a plan's shape, missing or a
    folder without one is refused in :func:`~supplyline.io.plan_files.read_plan`'s words;
    with ``from_demand`` there is no plan to route from, an ArgumentError.
    """
    if plan_file is None:
        return None
    require_folder(plan_file, "the plan file")
    if from_demand:
        raise ArgumentError(
            "a plan file and from_demand (--plan and --from-demand) exclude each other: "
            "the plan's road legs are routed, or the units' requirements, not both"
        )
    read = read_plan_file(plan_file)
    if read.plan.status is PlanStatus.NO_SOLUTION:
        raise ScenarioError(
            [Issue(file=str(plan_file), message="the plan has no solution (status no_solution)")],
            summary=f"{plan_file} holds no plan to route from",
        )
    return read


def check_given_plan(
    given: PlanFile, opened: OpenScenario, demand: Demand, *, then: str = ROUTE_AGAIN
) -> None:
    """Raise ScenarioError unless ``given`` was made for the scenario ``opened``, as it is.

    A plan.json recording another fingerprint was made from other data, whatever its
    name (:func:`_made_from_other_data`): refused, saying what differs where it
    shows (its name, start, horizon, the units it names or lacks) and how to plan again,
    then what to do with that plan (``then``: ``routes`` and ``ledger propose`` use a
    plan file alike, and are told alike). Then each of its records must fit
    (:func:`~supplyline.domain.plan_fit.check_plan_fits`), every unit that needs goods
    over the horizon (``demand``) named in it.
    """
    scenario, file = opened.scenario, str(given.path)
    needing = _needed_t(scenario, demand)
    differs = _made_from_other_data(given, opened)
    if differs is not None:
        plan = given.plan
        same = plan.scenario == scenario.name
        field, was, now = differs
        said = "fingerprint" if field == "scenario_id" else field  # what the plan depends on
        made = (
            f"the plan was made for scenario {plan.scenario!r}"
            + (" with other data" if same else "")
            + f" ({said} {was}), not for {scenario.name!r} as it is now ({said} {now})"
        )
        if field == "plan_basis_id":
            made += ": its scenario_id is this scenario's, but what the plan depends on is not"
        shown = plan_of_issues(scenario, plan, file)
        try:
            check_plan_fits(scenario, plan, file=file, needing=needing)
        except ScenarioError as error:  # what differs, where the records show it
            shown = list(error.issues)
        raise ScenarioError(
            [Issue(file=file, column=field, message=made), *shown],
            summary=(
                f"{file} is a plan of another scenario: plan this one again "
                f"(supplyline plan {opened.folder} --out <folder>) and {then}"
            ),
        )
    check_plan_fits(scenario, given.plan, file=file, needing=needing)


def _made_from_other_data(given: PlanFile, opened: OpenScenario) -> tuple[str, str, str] | None:
    """The fingerprint that says ``given`` records other data than ``opened``'s, if one does.

    The field, the plan's value and the scenario's. Judged by what the plan depends on
    (``plan_basis_id``, :func:`~supplyline.domain.plan_basis_id`) where the file records
    it: another fleet, agreement or routing option leaves the plan as it was, and a
    planner trying another fleet with ``routes --plan``, or raising a ceiling before
    ``ledger propose --submit``, had to plan again first. The whole scenarios'
    fingerprints (``scenario_id``) are said where they differ too, as they name the
    scenario; where they are the same, ``plan_basis_id`` is: a plan.json whose
    ``plan_basis_id`` alone was edited was told "fingerprint X, not … fingerprint X". A
    plan.json written before it was recorded is judged by ``scenario_id``, as before; one
    with neither, by its records alone.
    """
    other = given.scenario_id is not None and given.scenario_id != opened.scenario_id
    whole = ("scenario_id", str(given.scenario_id), opened.scenario_id)
    if given.plan_basis_id is not None:
        if given.plan_basis_id == opened.plan_basis_id:
            return None
        return whole if other else ("plan_basis_id", given.plan_basis_id, opened.plan_basis_id)
    return whole if other else None


def _needed_t(scenario: Scenario, demand: Demand) -> dict[str, float]:
    """The tonnes each unit needs delivered over the horizon (:func:`to_deliver`)."""
    total = to_deliver(scenario, demand).sum(axis=(1, 2))
    return {u: float(total[i]) for i, u in enumerate(demand.unit_ids)}


def not_proven_given(plan: Plan, plan_file: str | Path) -> tuple[str, ...]:
    """The warning of a read plan the time limit kept from being proven best (none: proven)."""
    if plan.status is not PlanStatus.FEASIBLE:
        return ()
    return (
        f"the plan in {plan_file} is not proven the best plan (the time limit stopped its "
        "solver), and these routes carry its road legs of the day, so their loads may "
        "differ from the best plan's; plan again with a longer time limit for the optimum",
    )
