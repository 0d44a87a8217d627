"""What the solver's time limit did to a plan, in words every use-case that solves one shares.

``plan`` and ``routes`` (which solves the plan its loads come from) end the same way when
the limit left no plan (:func:`no_plan_message`, a SolverError, exit 6) and warn the
same way when it left one not proven best (:func:`not_proven_words`). ``routes`` had
said "0 trucks, nothing to do" and written its files on a plan that was never found, and
nothing of a plan cut short.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line's start imports this module for its words alone
    from supplyline.domain import Scenario
    from supplyline.planning import PlanParams

__all__ = ["Fallback", "no_plan_message", "not_proven_words"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fallback:
    """How a plan was made when the time limit left the solver without one.

    The flows' own optima were mixed within the capacities; then ``responded`` of the
    ``flows`` took their best plan given what the others use before the limit came (none:
    the plan is the mix as it is).
    """

    flows: int
    responded: int


def no_plan_message(
    run: PlanParams,
    scenario: Scenario,
    *,
    given_s: float | None,
    params_s: float | None,
    mps: str | Path | None = None,
    run_option: str | None = "--time-limit",
) -> str:
    """Why there is no plan to write, where the time limit came from, and what to change.

    ``given_s`` is the limit given for this run (``run_option``), ``params_s`` the one of
    the caller's PlanParams; without either, the scenario's ``solver.time_limit_s`` holds.
    ``mps`` is the model file written all the same (for another solver), if one was asked.
    ``run_option`` is the command's option for the solver's limit, None when it has none
    (``routes --time-limit`` is the router's: advising it would change nothing).

    >>> import datetime as dt
    >>> from supplyline.domain import Scenario, SolverOptions
    >>> from supplyline.planning import PlanParams
    >>> s = Scenario(name="x", start_date=dt.date(2025, 1, 1), horizon_days=3,
    ...              solver=SolverOptions(time_limit_s=0.1))
    >>> no_plan_message(PlanParams(time_limit_s=0.1), s, given_s=None, params_s=None,
    ...                 run_option=None)[:74]
    "no plan within the time limit of 0.1 s, from scenario.yaml's solver.time_l"
    """
    written = "nothing written" if mps is None else f"no plan written, only the model ({mps})"
    if run.time_limit_s is None:
        return f"the solver ended without a plan; {written}"
    from_file = scenario.solver.time_limit_s
    if given_s:
        where = run_option or "the time limit given"
        change = f"raise {where}" + (
            f" (without it, scenario.yaml's solver.time_limit_s of {from_file:g} s holds)"
            if from_file
            else " or leave it out (no limit)"
        )
    elif params_s:
        where = "the planning parameters' time_limit_s"
        change = "raise time_limit_s in the planning parameters" + (
            f", or give a larger {run_option}" if run_option else ""
        )
    else:
        where = "scenario.yaml's solver.time_limit_s"
        change = "raise solver.time_limit_s in scenario.yaml or remove it (no limit)" + (
            f", or give this run a larger {run_option}" if run_option else ""
        )
    return (
        f"no plan within the time limit of {run.time_limit_s:g} s, from {where} (the solver "
        f"had not reached a feasible plan when it stopped, nor a fallback plan); {written}: "
        f"{change}"
    )


def not_proven_words(fallback: Fallback | None) -> str:
    """How a plan the time limit kept from being proven best was made, after "best; ".

    The opening of the warning ``plan`` gives, and ``routes`` of the plan its loads come
    from: "the time limit stopped the solver before it proved this plan best; <these
    words>, but it is not proven the best plan …".

    >>> not_proven_words(None)
    "it is the solver's last plan, which keeps every capacity"
    """
    if fallback is None:
        return "it is the solver's last plan, which keeps every capacity"
    how = (
        "the solver had no plan yet, so this one mixes each flow's own best plan with its "
        "do-nothing plan within every capacity"
    )
    if fallback.responded == fallback.flows:
        how += ", then gives each flow in turn its best plan given the others'"
    elif fallback.responded:
        how += (
            f", then gives {fallback.responded} of the {fallback.flows} flows in turn their "
            "best plan given the others' (the rest keep their part of the mix)"
        )
    else:
        how += " (no flow could take its best plan given the others' before the time limit)"
    return how
