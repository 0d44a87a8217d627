"""What the ledger reads of a scenario folder and a plan file: agreements, and a plan to draft from.

Why a module of its own: :mod:`supplyline.services.ledger.propose` drafts and requests
orders from objects; reading them from files, and judging the plan file against the
scenario as ``routes --plan`` does (:func:`~supplyline.services.given_plan.check_given_plan`),
is this module's. ``ledger propose`` drafted orders from a plan made for another
scenario, or for this one before it changed (a stock moved to another partner, a unit's
personnel changed), exit 0: its orders no longer matched what the scenario says.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.domain import Agreement, Plan, Scenario
from supplyline.errors import Issue
from supplyline.io import load_scenario_with_warnings
from supplyline.io.plan_read import read_plan_file
from supplyline.services.given_plan import check_given_plan
from supplyline.services.ledger.propose import DraftOrder, draft_support_orders, scenario_partner
from supplyline.services.scenarios import assess_requirements

__all__ = [
    "PROPOSE_AGAIN",
    "agreements_with_warnings",
    "propose_from_files",
    "scenario_agreements",
]

PROPOSE_AGAIN = "propose from that plan"
"""What ``ledger propose`` is told to do once the scenario is planned again."""


def scenario_agreements(
    scenario_dir: str | Path, *, partner: str | None = None
) -> tuple[Agreement, ...]:
    """The agreements of a scenario folder (its agreements.yaml), loaded and checked.

    With ``partner``, a partner the scenario does not know is refused (NotFoundError), as
    the ledger refuses a request from a partner to no agreement.
    """
    return agreements_with_warnings(scenario_dir, partner=partner)[0]


def agreements_with_warnings(
    scenario_dir: str | Path, *, partner: str | None = None
) -> tuple[tuple[Agreement, ...], list[Issue]]:
    """A scenario's agreements and the warnings about agreements.yaml (as ``validate`` says them).

    ``agreements import`` said nothing of a price it stores but no request can use (one in
    another currency than its agreement's), which ``validate`` warns of.
    """
    scenario, warnings = load_scenario_with_warnings(scenario_dir)  # which checks it is a path
    if partner is not None:
        scenario_partner(scenario, partner, scenario_dir)
    return scenario.agreements, [w for w in warnings if w.file == "agreements.yaml"]


def propose_from_files(
    plan_path: str | Path, scenario_dir: str | Path
) -> tuple[Plan, Scenario, list[DraftOrder]]:
    """Read a plan (plan.json or its folder) and its scenario; draft the support orders.

    The plan must have been made for the scenario as it is now, and fit it record by
    record, as ``routes --plan`` requires (:func:`check_given_plan`): a plan whose
    fingerprint is another's is refused (ScenarioError) naming the scenario it was made
    for, what differs where it shows, and how to plan again; a plan.json edited by hand,
    naming the file and the record. Nothing is drafted from it, so nothing is requested.
    The scenario is read first: its own errors are said before the plan's.

    >>> propose_from_files("out/plan", "examples/relief-operation")  # doctest: +SKIP
    Traceback (most recent call last):
    supplyline.errors.ScenarioError: out/plan/plan.json is a plan of another scenario: ...
    """
    assessed = assess_requirements(scenario_dir)  # which checks it is a path
    given = read_plan_file(plan_path)
    check_given_plan(given, assessed.opened, assessed.demand, then=PROPOSE_AGAIN)
    scenario = assessed.opened.scenario
    return given.plan, scenario, draft_support_orders(given.plan, scenario)
