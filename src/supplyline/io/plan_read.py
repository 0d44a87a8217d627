"""Reading a movement plan back from its plan.json, exactly, or saying why it cannot be.

Why a module of its own: the reader's checks (a file that is no plan.json, a key missing,
a value of the wrong kind, a plan written by an earlier version) grew
:mod:`supplyline.io.plan_files` past its size; the writer and the format's name and version
stay there, and :func:`read_plan` is offered there too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from supplyline.domain import (
    Bottleneck,
    Closure,
    Delivery,
    JointExtra,
    Measuring,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    ResourceKind,
    Shortfall,
    SolveStats,
    StockLevel,
    TargetGap,
)
from supplyline.domain.deployment import DERIVED_CLOSURE_FIELDS
from supplyline.domain.objective_parts import ObjectiveParts
from supplyline.errors import ConflictError, Issue, NotFoundError, ScenarioError, require
from supplyline.io.swap_journal import recover_swaps, unfinished_swaps
from supplyline.path_errors import input_path, loop_trouble

__all__ = ["PLAN_FORMAT", "PLAN_VERSION", "PlanFile", "read_plan", "read_plan_file"]

PLAN_FORMAT = "supplyline-plan"
PLAN_VERSION = 1


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PlanFile:
    """A plan read from its plan.json, with where it was read and what the file records of it.

    ``scenario_id`` is the fingerprint of the scenario it was made for
    (:func:`~supplyline.domain.scenario_id`), as ``plan`` wrote it; None where the file
    has none (written before supplyline recorded it). :class:`~supplyline.domain.Plan`
    does not carry it: a tester's plan of another scenario of the same name, start and
    horizon was routed with, a unit of the scenario vanishing from the routes unsaid.
    ``plan_basis_id`` is the fingerprint of what the plan depends on
    (:func:`~supplyline.domain.plan_basis_id`: the scenario less its fleet, agreements
    and routing options); None where the file has none (written before it was recorded).
    """

    plan: Plan
    path: Path
    """The plan.json read (in the folder given, where a folder was)."""
    scenario_id: str | None = None
    plan_basis_id: str | None = None


def _renamed(bottleneck: dict[str, Any], rank: int, asked: object) -> dict[str, Any]:
    """A bottleneck of plan.json with its extra under its present name, and its measuring.

    ``set_to`` is derived (:attr:`~supplyline.domain.Bottleneck.set_to`): not read back.

    Plans written before the rename call it ``suggested_extra_per_day``; the ledger reads
    plans from earlier runs. Plans written before ``measuring`` was recorded get it as
    their summary told it: measured where a gain is recorded, else cut short by the
    measuring time within ``stats.explain_top`` (``asked``), else not asked for.
    """
    out = {k: v for k, v in bottleneck.items() if k not in ("suggested_extra_per_day", "set_to")}
    if "suggested_extra_per_day" in bottleneck:
        out.setdefault("suggested_extra", bottleneck["suggested_extra_per_day"])
    if "measuring" not in out:
        within = isinstance(asked, int) and rank <= asked
        out["measuring"] = (
            Measuring.MEASURED
            if out.get("shortfall_removed_t") is not None
            else Measuring.TIME_RAN_OUT
            if within
            else Measuring.NOT_ASKED
        )
    return out


_JOINT_DAY_CELLS = (
    *(f"extra_{end}_{cell}" for end in ("first", "last") for cell in ("day", "label", "date")),
    "set_to",
)
"""What plan.json derives of a joint extra (its days' cells beyond ``extra_days``, its
``set_to``): not read back."""


def _joint_extras(items: object) -> tuple[JointExtra, ...]:
    """A bottleneck's ``together_with`` of plan.json, each without its derived day cells."""
    if not isinstance(items, list):
        raise ValueError(f"a bottleneck's together_with is {_json_kind(items)}, not a list")
    kept = [
        {k: v for k, v in j.items() if k not in _JOINT_DAY_CELLS} if isinstance(j, dict) else j
        for j in items
    ]
    extras: tuple[JointExtra, ...] = _records(JointExtra, kept, kind=ResourceKind, extra_days=tuple)
    return extras


def _stored(closure: object) -> object:
    """A closure of plan.json without what its record derives (labels, dates, verdict).

    plan.json's closures are deployment.csv's records
    (:data:`~supplyline.domain.deployment.DERIVED_CLOSURE_FIELDS` beyond the closure's own).
    """
    if not isinstance(closure, dict):
        return closure  # said as not a record by _records
    return {k: v for k, v in closure.items() if k not in DERIVED_CLOSURE_FIELDS}


def _explain_top(data: dict[str, Any]) -> object:
    """``stats.explain_top`` of a plan.json, if it has one (checked where it is read)."""
    stats = data.get("stats")
    return stats.get("explain_top") if isinstance(stats, dict) else None


_NOT_WHOLE = "it is not a whole supplyline plan (written by a different version, or cut short?)"


def _get(
    data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], expected: str, *default: Any
) -> Any:
    """``data[key]`` if it is a ``kind``; else a ValueError saying what is missing or expected.

    A tester's plan.json without ``objective`` was told only "cannot read the plan:
    'objective'" (a KeyError's words), and ``"movements": 5`` "'int' object is not iterable".
    ``default`` is taken for a key that plans of earlier versions lack.
    """
    if key not in data:
        if default:
            return default[0]
        raise ValueError(f"plan.json has no {key!r}; {_NOT_WHOLE}")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"plan.json's {key!r} is {_json_kind(value)}, not {expected}")
    return value


def _json_kind(value: Any) -> str:
    """``5 (a number)``, ``[…] (a list)``: a JSON value as the words of an error show it."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    kind = kinds.get(type(value)) or (
        "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "null"
    )
    return f"{json.dumps(value)[:40]} ({kind})"


_AMOUNTS = frozenset({"tonnes", "pax", "required_t", "short_t", "below_t"})
"""Fields of the records that are amounts (tonnes, people): never negative in a plan.

A tester's plan.json with a movement's ``tonnes`` edited to -5 was read, and ``routes
--plan`` reported "5.0 t drawn on site" at a place holding nothing (exit 0). supplyline
writes each to the gram, only where it is more than :data:`~supplyline.planning.extract.TOL`.
"""


def _records(cls: type[Any], items: list[Any], **convert: Any) -> tuple[Any, ...]:
    """Each item of a plan.json list as a ``cls``, its fields of the types ``cls`` says.

    Amounts (:data:`_AMOUNTS`) must also be at least 0.
    """
    hints = typing.get_type_hints(cls)
    name = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    needed = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"{name} {i + 1} is {_json_kind(item)}, not an object (a record)")
        missing = [k for k in needed if k not in item]
        if missing:
            raise ValueError(f"{name} {i + 1} has no {missing[0]!r}; {_NOT_WHOLE}")
        values = {
            k: (convert[k](v) if k in convert and v is not None else v) for k, v in item.items()
        }
        for field, value in values.items():
            if field in hints and not _fits(value, hints[field]):
                raise ValueError(
                    f"{name} {i + 1}: {field} is {value!r}, not {_kind_of(hints[field])}"
                )
            if field in _AMOUNTS and isinstance(value, int | float) and value < 0:
                raise ValueError(
                    f"{name} {i + 1}: {field} is {value!r}, not a finite number >= 0 "
                    "(an amount is never negative)"
                )
        out.append(cls(**values))
    return tuple(out)


def _fits(value: Any, hint: Any) -> bool:
    """Whether a value read from JSON fits a record field's type (numbers finite).

    A tester's plan.json with "tonnes": "lots" read back, and failed later in arithmetic.
    """
    args = typing.get_args(hint)
    if args and type(None) in args:
        return value is None or any(_fits(value, a) for a in args if a is not type(None))
    if hint is float:
        return (
            isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        )
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    return True  # enums, tuples and dates are converted (and checked) by their own types


def _kind_of(hint: Any) -> str:
    names = {float: "a finite number", int: "a whole number", str: "text"}
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    return " or ".join(names.get(a, getattr(a, "__name__", str(a))) for a in args) + (
        " (or null)" if type(None) in typing.get_args(hint) else ""
    )


def _whole_set(folder: Path) -> None:
    """Make sure ``folder`` holds one plan's files, not a mix of two, before it is read.

    A swap of a killed process is undone (or finished) first, as the next write into the
    folder would do (:func:`~supplyline.io.swap_journal.recover_swaps`, with its warning);
    one still under way, or one that could not be undone, is refused. A tester's
    ``ledger propose`` read a folder a killed ``plan`` had left half old and half new.
    """
    recover_swaps(folder)
    left = unfinished_swaps(folder)
    if left:
        raise ConflictError(
            f"{folder}: a write of plan files into it is under way or was stopped halfway "
            f"({left[0].name}), so its files may be a mix of two plans: read it once the "
            "write is done, or write the plan again"
        )


def _json_of(path: Path) -> Any:
    """The JSON a plan file holds; a ScenarioError for a file that is not one.

    ``read_plan("out/movements.csv")`` said "Unexpected UTF-8 BOM (decode using
    utf-8-sig): line 1 column 1 (char 0)". A file that is not JSON at all is said to be
    no plan.json, by name; one that begins as JSON and breaks keeps its line and column.
    A byte-order mark an editor added is passed over.
    """

    def refused(message: str, line: int | None = None) -> ScenarioError:
        issue = Issue(file=str(path), message=message, line=line)
        return ScenarioError([issue], summary=f"{path} is not a readable supplyline plan")

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(
            f"{path.name} is not a plan.json written by supplyline: it is not UTF-8 text "
            "(give a plan's folder, or the plan.json in it)"
        ) from error
    try:
        return json.loads(text)
    except RecursionError as error:  # a tester's 100,000 nested lists
        raise refused("cannot read the plan: its JSON nests too deep for a plan") from error
    except json.JSONDecodeError as error:
        if text.lstrip().startswith(("{", "[")):  # JSON that went wrong: where
            raise refused(
                f"cannot read the plan: it is not valid JSON ({error.msg}, at column "
                f"{error.colno})",
                line=error.lineno,
            ) from error
        first = text.strip().split("\n", 1)[0][:40]
        begins = f"begins {first!r}" if first else "is empty"
        raise refused(
            f"{path.name} is not a plan.json written by supplyline: it {begins}, where a "
            "plan.json begins with '{' (give a plan's folder, or the plan.json in it)"
        ) from error


def _objective_parts(value: object) -> ObjectiveParts | None:
    """plan.json's ``objective_parts`` (an object of numbers) as a record; None if absent."""
    if value is None:
        return None
    return _records(ObjectiveParts, [value])[0]  # type: ignore[no-any-return]


def read_plan(path: str | Path) -> Plan:
    """Read a plan.json (or the folder holding one) written by :func:`write_plan`.

    A folder a killed write left half swapped is put back to one plan's files first.
    """
    return read_plan_file(path).plan


def read_plan_file(path: str | Path) -> PlanFile:
    """:func:`read_plan`, with the file read and the scenario fingerprints it records."""
    require(path, (str, os.PathLike), "the plan's path")
    path = Path(path)
    given = path
    with input_path(path):  # a name past 255 bytes raised a bare OSError
        if path.is_dir():
            path = path / "plan.json"
        loop = loop_trouble(path, "file" if path != given else "plan file or folder")
        if loop is not None:  # is_file() is False for a loop: it was "no plan file at loop"
            raise ScenarioError([Issue(file=str(path), message=loop)])
        _whole_set(path.parent)
        found = path.is_file()
    if not found:
        # a folder given, or a plan.json that is one: "no plan file at x/plan.json/plan.json"
        # read as a typo of ours
        folder = f" ({given} is a folder without a plan.json in it)" if given != path else ""
        raise NotFoundError(f"no plan file at {path}{folder}")
    data = _json_of(path)
    try:
        if not isinstance(data, dict):
            raise ValueError(f"it holds {_json_kind(data)}, not an object (a plan's keys)")
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"this is not a supplyline plan (format {data.get('format')!r})")
        if data.get("version") != PLAN_VERSION:
            raise ValueError(
                f"plan format version {data.get('version')!r} is not supported "
                f"(this supplyline reads version {PLAN_VERSION})"
            )
        objective = _get(data, "objective", (int, float, type(None)), "a number (or null)")
        records = {
            key: _get(data, key, list, "a list of records")
            for key in (
                "movements", "stocks", "deliveries", "shortfalls", "closures", "bottlenecks"
            )
        }  # fmt: skip
        fingerprint = _get(data, "scenario_id", (str, type(None)), "text (or null)", None)
        basis = _get(data, "plan_basis_id", (str, type(None)), "text (or null)", None)
        plan = Plan(
            scenario=_get(data, "scenario", str, "text"),
            start_date=dt.date.fromisoformat(_get(data, "start_date", str, "an ISO date")),
            horizon_days=_get(data, "horizon_days", int, "a whole number"),
            status=PlanStatus(_get(data, "status", str, "text")),
            objective=float("nan") if objective is None else float(objective),
            movements=_records(Movement, records["movements"], mode=Mode),
            stocks=_records(StockLevel, records["stocks"]),
            deliveries=_records(Delivery, records["deliveries"]),
            shortfalls=_records(Shortfall, records["shortfalls"]),
            closures=_records(Closure, [_stored(c) for c in records["closures"]]),
            bottlenecks=_records(
                Bottleneck,
                [
                    _renamed(b, rank, _explain_top(data))
                    for rank, b in enumerate(records["bottlenecks"], start=1)
                ],
                kind=ResourceKind,
                measuring=Measuring,
                days=tuple,
                extra_days=tuple,
                commodities=tuple,
                together_with=_joint_extras,
            ),
            stats=SolveStats(**_get(data, "stats", dict, "an object")),
            # plans written before the gaps were recorded have none
            target_gaps=_records(TargetGap, _get(data, "target_gaps", list, "a list", [])),
            # plans written before the objective's parts were recorded have none
            objective_parts=_objective_parts(data.get("objective_parts")),
        )
        return PlanFile(plan=plan, path=path, scenario_id=fingerprint, plan_basis_id=basis)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise ScenarioError(
            [Issue(file=str(path), message=f"cannot read the plan: {error}")],
            summary=f"{path} is not a readable supplyline plan",
        ) from error
