"""A movement plan on disk: CSV tables for spreadsheets, plan.json, and GeoJSON for QGIS.

``plan.json`` holds the whole :class:`~supplyline.domain.Plan` and :func:`read_plan`
(:mod:`supplyline.io.plan_read`, offered here too) reads it back exactly (the ledger
drafts support orders from it). The CSV files show days both
as dates and as C+N. Writing goes into a folder given by the caller; :func:`write_plan`
wraps that in :func:`~supplyline.io.atomic.atomic_output_dir` so that a failure leaves
nothing half-written.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from supplyline.domain import (
    Plan,
    PlanStatus,
    Scenario,
    check_plan_of,
    run_dependent_stats,
)
from supplyline.domain.bottleneck import BOTTLENECK_PLACE_FIELDS
from supplyline.domain.deployment import DEPLOYMENT_FIELDS, deployment_records
from supplyline.domain.fingerprint import fingerprints
from supplyline.errors import (
    SolverError,
    require,
)
from supplyline.io.atomic import atomic_output_dir, writing
from supplyline.io.csv_out import write_csv
from supplyline.io.earlier_reports import ReportOf, content_id, earlier_reports
from supplyline.io.file_names import PLAN_FILES, PLAN_OUT_FILES, REACH_FILE
from supplyline.io.network_geojson import network_geojson
from supplyline.io.plan_read import PLAN_FORMAT, PLAN_VERSION, read_plan
from supplyline.types import LIST_SEPARATOR

DAY_CELLS = ("day", "label", "date")
"""How every file gives a day: its number from C+0, its C+N label, its ISO date."""

__all__ = [
    "PLAN_FILES",
    "REACH_FILE",
    "ReachRows",
    "flows_id",
    "plan_id",
    "plan_to_dict",
    "read_plan",
    "write_plan",
    "write_plan_files",
]

ReachRows = tuple[Sequence[str], Sequence[Mapping[str, Any]]]
"""The reach check's columns and rows, one per unit, as ``reach --format csv`` gives them."""


def _movement_rows(plan: Plan) -> Iterable[dict[str, Any]]:
    for m in plan.movements:
        yield {
            "link": m.link,
            "mode": m.mode.value,
            "origin": m.origin,
            "destination": m.destination,
            "commodity": m.commodity,
            **plan.day_cells("departure_", m.departure_day),
            **plan.day_cells("arrival_", m.arrival_day),
            "tonnes": m.tonnes,
            "pax": m.pax,
        }


def _bottleneck_rows(plan: Plan) -> Iterable[dict[str, Any]]:
    for rank, b in enumerate(plan.bottlenecks, start=1):
        yield {
            "rank": rank,
            "kind": b.kind.value,
            "resource": b.resource,
            **plan.span_cells("", b.days),
            "days": len(b.days),
            "shadow_price": b.shadow_price,
            "commodities": LIST_SEPARATOR.join(b.commodities),
            "capacity": b.capacity,
            "capacity_unit": b.capacity_unit,
            "suggested_extra": b.suggested_extra,
            "extra_unit": b.extra_unit,
            **plan.span_cells("extra_", b.extra_days),
            "shortfall_removed_t": b.removes_shortfall_t,
            "explanation": b.explanation,
            **b.gains_shown,
            "measuring": b.measuring.value,
            "then_limited_by": b.then_limited_by,
            "together_with": LIST_SEPARATOR.join(j.cell for j in b.together_with),
            "shortfall_extra": b.shortfall_extra,
            **{name: getattr(b, name) for name in BOTTLENECK_PLACE_FIELDS},
            "set_to": b.set_to,  # capacity + extra, the figure to write: last, as in plan.json
        }


def _tables(
    plan: Plan, scenario: Scenario
) -> dict[str, tuple[Sequence[str], Iterable[Mapping[str, Any]]]]:
    dep = ("departure_day", "departure_label", "departure_date")
    arr = ("arrival_day", "arrival_label", "arrival_date")
    days = ("day", "label", "date")
    return {
        "movements.csv": (
            ("link", "mode", "origin", "destination", "commodity", *dep, *arr, "tonnes", "pax"),
            _movement_rows(plan),
        ),
        "stocks.csv": (
            ("location", "unit", "commodity", *days, "tonnes"),
            (
                {
                    "location": s.location,
                    "unit": s.unit,
                    "commodity": s.commodity,
                    **plan.day_cells("", s.day),
                    "tonnes": s.tonnes,
                }
                for s in plan.stocks
            ),
        ),
        "deliveries.csv": (
            ("unit", "location", "commodity", *days, "tonnes", "source_partner"),
            (
                {
                    "unit": d.unit,
                    "location": d.location,
                    "commodity": d.commodity,
                    **plan.day_cells("", d.day),
                    "tonnes": d.tonnes,
                    "source_partner": d.source_partner,
                }
                for d in plan.deliveries
            ),
        ),
        "shortfalls.csv": (
            ("unit", "commodity", *days, "required_t", "short_t", "cause"),
            (
                {
                    "unit": s.unit,
                    "commodity": s.commodity,
                    **plan.day_cells("", s.day),
                    "required_t": s.required_t,
                    "short_t": s.short_t,
                    "cause": s.cause,
                }
                for s in plan.shortfalls
            ),
        ),
        "deployment.csv": (DEPLOYMENT_FIELDS, deployment_records(plan, scenario)),
        "bottlenecks.csv": (
            (
                "rank",
                "kind",
                "resource",
                # each day as every file gives it: number, C+N and date (only the labels
                # were here); the labels keep their order, the others beside them
                "first_day",
                "first_label",
                "first_date",
                "last_day",
                "last_label",
                "last_date",
                "days",  # how many days it binds on: a count, not the range (a store may have gaps)
                "shadow_price",
                "commodities",
                "capacity",
                # beside the figure it qualifies: t/day, pax/day or t differ row by row, and
                # a planner had to scroll past the explanation to the far right to read it
                "capacity_unit",
                "suggested_extra",
                "extra_unit",
                # the days the extra is added on, which may be fewer than the row's (a
                # yard bound C+3–C+11 needed +400 t/day on C+3–C+7); empty where it has none
                *(f"extra_{end}_{cell}" for end in ("first", "last") for cell in DAY_CELLS),
                "shortfall_removed_t",
                "explanation",
                "late_t_days_cut",  # the gains besides shortfall, exact (the words round them)
                "late_pax_days_cut",
                "target_t_days_filled",
                "transport_cost_saved",
                "measuring",  # measured, not_asked or time_ran_out
                "then_limited_by",  # the capacity that caps the gain beyond the extra
                # the other capacities' extras the gain needs: "L6 +400 pax/day on C+0–C+2"
                "together_with",
                "shortfall_extra",  # the least for the shortfall alone
                # where it is and its price read in its tier's unit, after: none moves
                *BOTTLENECK_PLACE_FIELDS,
                # the scenario's figure to write (storage_t 60 where W held 40 on hand): last,
                # as plan.json adds it, derived, after the record's fields
                "set_to",
            ),
            _bottleneck_rows(plan),
        ),
    }


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def _plan_data(plan: Plan) -> dict[str, Any]:
    data = dataclasses.asdict(plan)
    data["start_date"] = plan.start_date.isoformat()
    data["stats"]["weights"] = dict(plan.stats.weights)  # a JSON object, as it is read back
    if not plan.stats.cut_short:  # a plan the time limit left whole reads as before it
        del data["stats"]["cut_short"]
    data["objective"] = _finite(plan.objective)
    for c in data["closures"]:  # a plan closing every unit keeps the id it had before
        if c["reason"] is None:
            del c["reason"]
    for b in data["bottlenecks"]:
        b["capacity"] = _finite(b["capacity"])
        for joint in b["together_with"]:  # its days as every file gives a day, too
            joint.update(plan.span_cells("extra_", joint["extra_days"]))
    return data


def _planned(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the solve's timings: what was planned, not how long it took.

    A zero's sign is dropped too: ``-0.0 == 0.0``, so plans differing only in it are equal
    (:class:`~supplyline.domain.Plan`) and must have one id.
    """
    timings = set(run_dependent_stats())
    planned = {**data, "stats": {k: v for k, v in data["stats"].items() if k not in timings}}
    return _unsigned_zeros(planned)  # type: ignore[no-any-return]  # a dict stays a dict


def _unsigned_zeros(value: Any) -> Any:
    """``value`` with every float ``-0.0`` (in dicts and lists, however deep) as ``0.0``."""
    if isinstance(value, float):
        return value + 0.0  # -0.0 + 0.0 is 0.0; anything else is itself
    if isinstance(value, dict):
        return {k: _unsigned_zeros(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_unsigned_zeros(v) for v in value]
    return value


def plan_id(plan: Plan) -> str:
    """The plan's identity: a digest of what was planned, in plan.json and in its report.

    The solve's timings are left out (:func:`~supplyline.domain.run_dependent_stats`):
    two runs that plan the same have one id, as their equal plans are equal. It ties a
    report to the plan files it describes, so that plan files written over another
    plan's remove that plan's report (:mod:`supplyline.io.earlier_reports`).

    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> plan_id(plan_movements(*one_link())) == plan_id(plan_movements(*one_link()))
    True
    """
    return content_id(_planned(_plan_data(plan)))


def flows_id(plan: Plan) -> str:
    """What the plan moves and holds, as a digest: :func:`plan_id` less its bottlenecks and stats.

    Routes solve their own plan and measure no bottlenecks (the re-solves cost seconds the
    routes do not need), so the plan they load from has another ``plan_id`` than ``plan``'s
    of the same scenario, though every movement, stock and shortfall is the same. This
    identity is equal then: ``plan.json`` and ``routes.json`` both record it, and files of
    the two in one folder agree when it does (:mod:`supplyline.io.earlier_outputs`).

    >>> from dataclasses import replace
    >>> from supplyline.planning import plan_movements
    >>> from supplyline.planning.examples import one_link
    >>> plan = plan_movements(*one_link())
    >>> flows_id(replace(plan, bottlenecks=())) == flows_id(plan)
    True
    """
    planned = _planned(_plan_data(plan))
    kept = {k: v for k, v in planned.items() if k not in ("bottlenecks", "stats")}
    # a cause may name a bottleneck the routes never measure ("see closure 3"): the
    # routes then read a plan beside them as another plan, though every tonne was the same
    for key, words in (("shortfalls", "cause"), ("target_gaps", "cause"), ("closures", "reason")):
        if isinstance(kept.get(key), list):
            kept[key] = [_wordless(r, words) for r in kept[key]]
    return content_id(kept)


def _wordless(record: Any, words: str) -> Any:
    """A record without its field ``words`` (a cause, a reason: words, not flows)."""
    return {k: v for k, v in record.items() if k != words} if isinstance(record, dict) else record


def plan_to_dict(
    plan: Plan,
    scenario: Scenario | None = None,
    *,
    warnings: Sequence[str] = (),
    fingerprint: str | None = None,
    basis_fingerprint: str | None = None,
    plan_identity: str | None = None,
) -> dict[str, Any]:
    """The plan as JSON-ready data (what plan.json holds; non-finite numbers become null).

    ``plan_id`` is :func:`plan_id`; reading the plan back ignores it, ``notes``: what a
    reader must know of how the plan was made, in words
    (:attr:`~supplyline.domain.SolveStats.notes`; its figures are in ``stats``),
    ``warnings``: what ``plan`` warned of beyond the notes, as it said them (a camp's units
    holding more than its storage_t, the plan not proven best: the caller's words, neither
    read back nor part of the plan's identity), and ``bottlenecks_not_computed``: why
    ``bottlenecks`` is empty whatever binds (a plan not proven best; null where they were
    computed), as the status says it. ``scenario_id`` is the scenario's fingerprint
    (``fingerprint``, else :func:`~supplyline.domain.scenario_id` of ``scenario``; null
    without either): files of another scenario in the folder are known by it, whatever
    its name (:mod:`supplyline.io.earlier_outputs`). ``plan_basis_id`` is the fingerprint
    of what the plan depends on (``basis_fingerprint``, else
    :func:`~supplyline.domain.plan_basis_id` of ``scenario``; null without either): a plan
    given to ``routes --plan`` or ``ledger propose`` is judged by it, so another fleet or
    agreement needs no new plan (:mod:`supplyline.services.given_plan`).
    ``plan_identity``: the plan's :func:`plan_id` where the caller has it (a run digests
    its plan once: 0.5 s on a 14,000-movement plan); else computed here.

    Each of ``closures`` is deployment.csv's record
    (:func:`~supplyline.domain.deployment.deployment_records`): the closure's fields, and
    its labels, dates, partner and verdict (``state``, ``earliest_note``), which a unit
    that can never deploy needs (without ``scenario`` it reads as one not closed within
    the horizon). Reading back passes over those; the id is of the plan's own fields.
    """
    data = _unsigned_zeros(_plan_data(plan))  # as the CSVs: 0, never -0.0 (reads back equal)
    identity = plan_identity if plan_identity is not None else plan_id(plan)  # one digest
    data["closures"] = _unsigned_zeros(deployment_records(plan, scenario))
    for record, b in zip(data["bottlenecks"], plan.bottlenecks, strict=True):
        record["set_to"] = b.set_to  # derived, after the id: not read back
        for joint, extra in zip(record["together_with"], b.together_with, strict=True):
            joint["set_to"] = extra.set_to  # a partner's figure to write, as its own
    return {
        "format": PLAN_FORMAT,
        "version": PLAN_VERSION,
        "plan_id": identity,
        "flows_id": flows_id(plan),
        **_fingerprints(scenario, fingerprint, basis_fingerprint),
        "notes": list(plan.stats.notes),
        "warnings": list(warnings),
        # null where they were: an empty list alone read as "nothing binds"
        "bottlenecks_not_computed": plan.bottlenecks_not_computed,
        **data,
    }


def _fingerprints(
    scenario: Scenario | None, fingerprint: str | None, basis: str | None
) -> dict[str, str | None]:
    """plan.json's ``scenario_id`` and ``plan_basis_id``: those given, else the scenario's.

    The caller computed them once where it has them; else both are computed here, the
    scenario spelt once (:func:`~supplyline.domain.fingerprint.fingerprints`).
    """
    if scenario is not None and (fingerprint is None or basis is None):
        whole, own = fingerprints(scenario)
        fingerprint = whole if fingerprint is None else fingerprint
        basis = own if basis is None else basis
    return {"scenario_id": fingerprint, "plan_basis_id": basis}


def write_plan_files(
    folder: str | Path,
    scenario: Scenario,
    plan: Plan,
    *,
    warnings: Sequence[str] = (),
    reach: ReachRows | None = None,
    fingerprint: str | None = None,
    basis_fingerprint: str | None = None,
    plan_identity: str | None = None,
) -> tuple[Path, ...]:
    """Write every plan file into an existing folder (not atomic; see :func:`write_plan`).

    A file that cannot be written (a full disk) raises
    :class:`~supplyline.errors.OutputError` naming it, as the user asked for it (the
    target's file, not a scratch folder's): a tester's full disk gave a bare ``OSError``.

    ``warnings``: what the run warned of beyond the plan's notes, for plan.json
    (:func:`plan_to_dict`). ``reach``: the columns and rows of the plan's reach check
    (one per unit, as ``reach --format csv`` gives them), written as ``reach.csv``: a
    tester's program found the flags ``plan`` printed in none of its files. The caller
    judges them (the reach check is routing's, not this layer's); without them no
    ``reach.csv`` is written. ``fingerprint`` and ``basis_fingerprint``: ``scenario``'s
    (:func:`~supplyline.domain.scenario_id`, :func:`~supplyline.domain.plan_basis_id`)
    where the caller has them; else computed here, as ``plan_identity``, the plan's
    :func:`plan_id`, is.
    """
    folder = Path(folder)
    written: list[Path] = []
    tables = dict(_tables(plan, scenario))
    if reach is not None:
        tables[REACH_FILE] = reach
    documents = {
        "plan.json": lambda: plan_to_dict(
            plan,
            scenario,
            warnings=warnings,
            fingerprint=fingerprint,
            basis_fingerprint=basis_fingerprint,
            plan_identity=plan_identity,
        ),
        "network.geojson": lambda: network_geojson(scenario, plan),
    }
    # the names' one list decides what is written, and in what order (plan --help names it)
    for name in PLAN_OUT_FILES:
        if name in tables:
            columns, rows = tables.pop(name)
            # numbers to the gram in plain decimals, as every result CSV (csv_out.csv_cell)
            with writing(folder / name):
                write_csv(folder / name, columns, rows)
        elif name in documents:
            text = json.dumps(documents.pop(name)(), indent=1, allow_nan=False, ensure_ascii=False)
            with writing(folder / name):
                (folder / name).write_text(text + "\n", encoding="utf-8")
        else:  # the reach check, not given
            continue
        written.append(folder / name)
    unlisted = [*tables, *documents]  # a file added to the writer and not to the list: a bug
    assert not unlisted, f"plan files not in PLAN_OUT_FILES: {unlisted}"
    return tuple(written)


def write_plan(
    out: str | Path,
    scenario: Scenario,
    plan: Plan,
    *,
    reach: ReachRows | None = None,
    warnings: Sequence[str] = (),
    force: bool = False,
) -> tuple[Path, ...]:
    """Write every plan file into ``out``: all of them, or none if anything fails.

    A file in ``out`` of a plan file's name that supplyline did not write is an
    :class:`~supplyline.errors.OutputError` unless ``force``
    (:mod:`supplyline.io.folder_files`).

    ``reach`` and ``warnings`` go to :func:`write_plan_files`. Without ``reach`` no
    ``reach.csv`` is written, and one already in ``out`` (an earlier plan's) is removed
    with the move: it judged another plan. The public writer is
    :func:`supplyline.services.plan_output.write_plan`, which judges the reach check and
    writes the files ``plan --out`` writes (this layer may not import routing).

    Raises :class:`~supplyline.errors.ScenarioError` if ``plan`` was not made for
    ``scenario`` (its network would be written without the plan's flows), and
    :class:`~supplyline.errors.SolverError` for a plan with no solution (the time limit
    came first), before anything is written: a tester's such plan was written as a clean
    one, nothing short, and did not read back as written. A report that
    supplyline wrote in ``out`` of the plan these files replace is removed with the move
    (:mod:`supplyline.io.earlier_reports`).
    """
    require(out, (str, os.PathLike), "the output folder")
    check_plan_of(scenario, plan)
    if plan.status is PlanStatus.NO_SOLUTION:  # its files read as a clean plan, short nothing
        raise SolverError(
            "no plan: the solver had not reached a feasible plan when it stopped (status "
            f"{plan.status.value}); nothing written: give it more time (a larger time_limit_s)"
        )
    stale: list[Path] = [] if reach is not None else [Path(out) / REACH_FILE]
    identity = plan_id(plan)  # once: plan.json and the earlier report's match both need it
    with atomic_output_dir(out, remove=stale, force=force) as scratch:
        written = write_plan_files(
            scratch, scenario, plan, warnings=warnings, reach=reach, plan_identity=identity
        )
        names = [p.name for p in written]
        stale += earlier_reports(out, ReportOf.PLAN, new_id=identity)
    return tuple(Path(out) / n for n in names)  # as PlanRun.files
