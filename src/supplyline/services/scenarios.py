"""Use-cases around a scenario folder: open it, work out its requirements, list factors.

The faces call these; they compose the io and requirements layers so that the CLI and the
API give the same answers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import (
    Demand,
    FactorTable,
    Finding,
    Scenario,
    did_you_mean,
    to_deliver,
)
from supplyline.domain.fingerprint import fingerprints
from supplyline.domain.warning_checks import Part, gated_check
from supplyline.errors import (
    Issue,
    NotFoundError,
    ScenarioError,
    SupplylineError,
    require,
    require_callable,
)
from supplyline.io import load_scenario_with_warnings
from supplyline.io.destinations import FORCE_ARGUMENT, check_outputs
from supplyline.io.earlier_outputs import Origin, OutputGroup, files_at_odds
from supplyline.io.factors import default_factors, factors_for
from supplyline.io.file_names import REQUIREMENTS_FILES
from supplyline.io.progress_tenths import is_big
from supplyline.io.requirements_files import write_requirements
from supplyline.planning import PlanParams
from supplyline.planning.arrival import demand_on_arrival, never_in_place
from supplyline.requirements import (
    compute_requirements,
    resolve_rates,
    totals_by_commodity,
    totals_by_unit,
)
from supplyline.requirements.sizes import demand_beyond_counting

__all__ = [
    "REQUIREMENTS_FILES",
    "FactorListing",
    "OpenScenario",
    "RequirementsResult",
    "assess_requirements",
    "bundled_example",
    "check_requirements_outputs",
    "check_scenario",
    "export_requirements",
    "list_factors",
    "open_scenario",
    "read_params",
    "require_folder",
    "requirements_at_odds",
]

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenScenario:
    """A loaded scenario, the warnings its load raised, and the factors in force for it.

    ``scenario_id`` is its fingerprint (:func:`~supplyline.domain.scenario_id`), computed
    once here: every output file the run writes records it, and earlier files in the
    folder are judged by it (:mod:`supplyline.io.earlier_outputs`). ``plan_basis_id``
    is the fingerprint of what a movement plan of it depends on
    (:func:`~supplyline.domain.plan_basis_id`), computed with it: plan.json records it,
    and a plan given to ``routes --plan`` or ``ledger propose`` is judged by it.
    """

    folder: Path
    scenario: Scenario
    warnings: tuple[Issue, ...]
    factors: FactorTable
    scenario_id: str
    plan_basis_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementsResult:
    """A scenario's requirements and the planning factors they were computed from."""

    opened: OpenScenario
    demand: Demand
    """Each unit's from the first day its people can be there, as the planner plans it."""
    given: Demand
    """The requirements as computed, each unit's from its required day: what the planner
    takes (:func:`~supplyline.planning.plan_movements`), for it moves consumption to the
    arrival itself and, re-planning an outage away, to the sooner arrival without it. Given
    :attr:`demand`, the bottleneck report's re-plan had kept the outage's later start: a
    tester's unit that could arrive on C+7 without a road closure was fed from C+9."""
    factors_used: tuple[str, ...]

    @property
    def to_deliver_t(self) -> FloatArray:
        """What must reach each unit each day, net of what units in place hold."""
        return to_deliver(self.opened.scenario, self.demand)


def require_folder(folder: object, what: str = "the scenario folder") -> None:
    """Raise ArgumentError unless ``folder`` is a path (text or ``os.PathLike``).

    ``None`` or a loaded Scenario where a folder goes failed inside pathlib with a bare
    ``TypeError`` ("expected str, bytes or os.PathLike object").
    """
    require(folder, (str, os.PathLike), what)


def _too_large(scenario: Scenario) -> list[Finding]:
    """A unit whose demand the planner could not count, said of its row before any work."""
    return demand_beyond_counting(scenario, factors_for(dict(scenario.factor_overrides)))


_ARRIVAL_CHECKS = (
    gated_check(
        "when each unit can be wholly at its destination",
        (Part.LINKS, Part.LOCATIONS, Part.HORIZON),
        never_in_place,
    ),
    gated_check("whether each unit's demand can be counted", (Part.HORIZON,), _too_large),
)
"""The planner's checks the loader runs too, with what they read whole: a unit's demand
is bounded commodity by commodity, so a commodity lost to an error leaves the others'
bounds right."""


def check_scenario(
    folder: str | Path, progress: Progress | None = None
) -> tuple[Scenario, tuple[Issue, ...]]:
    """Load and check a scenario folder: the scenario and its warnings, as ``validate`` wants.

    :func:`open_scenario` without the fingerprint, which ``validate`` does not need: it
    took 6 of the 24 s that a tester's 200,000 links took to validate. ``progress`` hears
    the stages of a big folder (:func:`~supplyline.io.load_scenario_with_warnings`).
    """
    require_folder(folder)
    require_callable(progress, "progress")
    scenario, warnings = load_scenario_with_warnings(
        folder, checks=_ARRIVAL_CHECKS, progress=progress
    )
    log.info(
        "read %s: %d locations, %d links, %d units, %d commodities, %d days from %s; %d warning(s)",
        Path(folder),
        len(scenario.locations),
        len(scenario.links),
        len(scenario.units),
        len(scenario.commodities),
        scenario.horizon_days,
        scenario.start_date.isoformat(),
        len(warnings),
    )
    return scenario, tuple(warnings)


def open_scenario(folder: str | Path, progress: Progress | None = None) -> OpenScenario:
    """Load and check a scenario folder (raises ScenarioError listing every problem).

    ``progress`` hears the stages of a big folder, its fingerprinting among them.
    """
    scenario, warnings = check_scenario(folder, progress)
    if progress is not None and is_big(_rows(scenario)):
        progress("fingerprinting the scenario")
    whole, basis = fingerprints(scenario)
    return OpenScenario(
        folder=Path(folder),
        scenario=scenario,
        warnings=warnings,
        factors=factors_for(dict(scenario.factor_overrides)),
        scenario_id=whole,
        plan_basis_id=basis,
    )


def _rows(scenario: Scenario) -> int:
    """How many rows the scenario's tables hold: what its slow steps grow with."""
    return len(scenario.locations) + len(scenario.links) + len(scenario.units)


def read_params(path: str | Path, folder: str | Path) -> PlanParams:
    """The planning parameters of the TOML file ``path``, for a plan of ``folder``.

    A bad parameters file is said together with the scenario's own errors, if any (the
    scenario is read to find them): a tester's bad file and bad scenario heard of the file
    only, and learnt of the scenario's errors on the next run.
    """
    try:
        return PlanParams.from_file(path)
    except ScenarioError as bad_params:
        try:
            open_scenario(folder)
        except ScenarioError as bad_scenario:
            raise ScenarioError(
                [*bad_params.issues, *bad_scenario.issues],
                summary=f"{bad_params.summary}, and {bad_scenario.summary} of {folder}",
            ) from None
        except SupplylineError as unread:  # no folder there, say: said after the file's
            raise ScenarioError(
                [*bad_params.issues, Issue(file=str(folder), message=str(unread))],
                summary=f"{bad_params.summary}, and {folder} cannot be read",
            ) from None
        raise


def assess_requirements(folder: str | Path, progress: Progress | None = None) -> RequirementsResult:
    """Load a scenario and compute every unit's daily requirements.

    Each unit's from the first day its people can be at its destination, as the planner
    plans them (:func:`~supplyline.planning.arrival.demand_on_arrival`): a unit that cannot be
    there on its required day consumes nothing there before it arrives.
    """
    require_folder(folder)
    require_callable(progress, "progress")  # 5 was a bare TypeError: not callable
    if progress:
        progress("loading scenario")
    opened = open_scenario(folder, progress)
    if progress:
        progress("computing requirements")
    given = compute_requirements(opened.scenario, opened.factors)
    demand = demand_on_arrival(opened.scenario, given)
    used = resolve_rates(opened.scenario, opened.factors).factors_used
    log.info(
        "requirements: %.1f t consumed and %.1f t of days-of-supply build-up, %d factor(s) used",
        float(demand.consumption_t.sum()),
        float(demand.buildup_t.sum()),
        len(used),
    )
    return RequirementsResult(opened=opened, demand=demand, given=given, factors_used=used)


def check_requirements_outputs(
    folder: str | Path,
    out: str | Path,
    *,
    force: bool = False,
    force_with: str | None = FORCE_ARGUMENT,
) -> None:
    """Raise OutputError unless the requirements files can go into ``out``, before any work.

    Refused as for the plan files: ``out`` a file or a folder that takes no files, the
    scenario folder itself (the requirements are not part of the scenario), and, unless
    ``force``, a file there of their names that supplyline did not write (``force_with``:
    how the caller's user asks to replace it; None: there is no way, but another folder).
    """
    check_outputs(
        folder,
        ("the requirements files", out, REQUIREMENTS_FILES),
        force=force,
        force_with=force_with,
    )


def export_requirements(
    result: RequirementsResult,
    out: str | Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
    force_with: str | None = FORCE_ARGUMENT,
) -> list[Path]:
    """Write the requirements as CSV and JSON into ``out`` (all files, or none).

    Call :func:`check_requirements_outputs` before the work, as the faces do. ``progress``
    hears how far the daily rows are written (millions of rows take seconds) and, for
    many units, each file's writing and the totals by unit before it. ``force`` lets them
    replace files of their names that supplyline did not write; ``force_with`` is how the
    caller's user asks for that, as :func:`check_requirements_outputs` takes it (a file put
    there during the work is said in its words too).
    """
    require(result, RequirementsResult, "result")  # None failed as an AttributeError
    require_folder(out, "the output folder")
    require_callable(progress, "progress")
    deliver = result.to_deliver_t
    if progress is not None and is_big(len(result.demand.unit_ids)):
        progress("totalling the requirements by unit")
    return write_requirements(
        out,
        scenario_name=result.opened.scenario.name,
        fingerprint=result.opened.scenario_id,
        demand=result.demand,
        by_unit=totals_by_unit(result.demand, deliver),
        by_commodity=totals_by_commodity(result.demand, deliver),
        factors_used=[result.opened.factors[k] for k in result.factors_used],
        deliver=deliver,
        progress=progress,
        force=force,
        force_with=force_with,
    )


def requirements_at_odds(result: RequirementsResult, out: str | Path) -> tuple[str, ...]:
    """Warnings naming another scenario's plan or routes files in ``out``, beside requirements.

    Written there by :func:`export_requirements`, the requirements no longer match them.
    Requirements come from the scenario alone (no plan), so a plan's or routes' files
    disagree with them only when they were made from another scenario, as its fingerprint
    tells, whatever its name (:func:`~supplyline.io.earlier_outputs.files_at_odds`); they
    are left in place.
    """
    require(result, RequirementsResult, "result")
    require_folder(out, "the output folder")
    opened = result.opened
    origin = Origin(scenario=opened.scenario.name, scenario_id=opened.scenario_id)
    return files_at_odds(out, OutputGroup.REQUIREMENTS, origin)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorListing:
    """Planning factors as rows, and the warnings of the scenario whose overrides they carry."""

    rows: list[dict[str, Any]]
    warnings: tuple[Issue, ...] = ()
    """What loading the scenario warned of, as ``validate`` says it (an override key that
    is no factor, at its line, with the known keys like it); none without a scenario."""
    nothing_matched: str = ""
    """Why no row is listed, for a person, when a pattern matched no factor ("" otherwise):
    what can be matched and the word meant if near. The CLI ends with it as a lookup that
    finds nothing, after the warnings."""


def _nothing_matched(pattern: str, table: FactorTable) -> str:
    """The words for a pattern that no factor's key or description contains.

    A tester's ``factors zzzunknown`` printed an empty "0 planning factors" table and
    exited 0. Offered: a key or a part of one (``water``, ``sphere``) close to the pattern,
    and the first parts that keys begin with.
    """
    keys = [f.key for f in table.values()]
    parts = {part for key in keys for part in key.split(".")}
    near = did_you_mean(pattern, [*keys, *parts])
    heads = sorted({key.split(".")[0] for key in keys})
    return (
        f"no planning factor's key or description contains {pattern!r} "
        f"({near + '; ' if near else ''}keys begin with {', '.join(heads)}; "
        f"`supplyline factors` lists all {len(keys)})"
    )


def list_factors(pattern: str | None = None, folder: str | Path | None = None) -> FactorListing:
    """Planning factors as rows (key, value, unit, overridden, source), filtered by a substring.

    A pattern that matches nothing gives no rows and says so in ``nothing_matched``.
    With a scenario folder, its overrides are applied and marked, and the listing carries
    the warnings its load raised: the loader's checks are the one place that finds a
    misspelt override key (a tester's ``food.mil.ration_3mre_kg_pd`` was listed as a factor
    "defined by the scenario" with no word of the key it was meant to be).

    >>> listing = list_factors("sphere.total_min")
    >>> [(row["key"], row["value"]) for row in listing.rows], listing.warnings
    ([('water.sphere.total_min_lppd', 15.0)], ())
    """
    opened = open_scenario(folder) if folder is not None else None
    table = opened.factors if opened is not None else default_factors()
    needle = (pattern or "").lower()
    rows = [
        {
            "key": f.key,
            "value": f.value,
            "unit": f.unit,
            "overridden": f.overridden,
            "description": f.description,
            "source_url": f.source_url,
            "source_note": f.source_note,
        }
        for f in table.values()
        if needle in f.key.lower() or needle in f.description.lower()
    ]
    return FactorListing(
        rows=sorted(rows, key=lambda r: str(r["key"])),
        warnings=opened.warnings if opened is not None else (),
        nothing_matched=_nothing_matched(pattern or "", table) if not rows else "",
    )


def bundled_example(name: str = "bilateral-exercise") -> Path:
    """The folder of a bundled example, installed with the package or in a source checkout."""
    require(name, str, "the example's name")
    here = Path(__file__).resolve()
    candidates = [here.parents[1] / "examples" / name, here.parents[3] / "examples" / name]
    for candidate in candidates:
        if (candidate / "scenario.yaml").is_file():
            return candidate
    # a tester's --example nope was told where it was looked for, not what there is
    there = sorted(
        {
            e.name
            for c in candidates
            if c.parent.is_dir()
            for e in c.parent.iterdir()
            if (e / "scenario.yaml").is_file()
        }
    )
    near = did_you_mean(name, there)
    raise NotFoundError(
        f"bundled example {name!r} not found ({near + '; ' if near else ''}the examples: "
        f"{', '.join(there) or 'none installed'}; looked in "
        f"{', '.join(str(c.parent) for c in candidates)})"
    )
