"""The routing and scenario use-cases' arguments: a typed error naming them, before any work.

An API tester's round (2026-11-29): ``route_scenario_day(report="r.html")`` solved, then
said "cannot write the file /: it is a folder"; ``report=(path, print)`` solved, then
failed with a misleading OutputError; ``day="3"``, ``day=2.5`` and ``day=np.int64(3)``
failed deep inside; ``params={...}`` with an AttributeError; ``None`` for a folder inside
pathlib; ``reach_of(..., 2.0)`` with a plain ValueError; ``requests_from_demand`` with an
IndexError past the horizon and a KeyError for another scenario's demand.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import supplyline.services.planning as planning_service
import supplyline.services.routing as routing_service
from supplyline.errors import ArgumentError, ScenarioError, SupplylineError
from supplyline.io import DayText, load_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.reports import write_plan_report_with_reach
from supplyline.requirements import compute_requirements
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.ledger import draft_support_orders, scenario_agreements
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import (
    assess_reach,
    reach_for,
    reach_of,
    requests_from_demand,
    requests_from_plan,
    route_scenario_day,
)
from supplyline.services.scenarios import (
    assess_requirements,
    bundled_example,
    export_requirements,
    open_scenario,
)

EXAMPLE = Path(__file__).parents[2] / "examples" / "relief-operation"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the relief example (nothing may be written beside the repository's)."""
    shutil.copytree(EXAMPLE, tmp_path / "relief")
    return tmp_path / "relief"


def _writes_nothing(*_args: object) -> None:
    """A report writer of the right arguments that writes no file."""


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        pytest.param({"day": "3"}, r"day\(='3'\)", id="day-text"),
        pytest.param(
            {"day": "C+14"},
            r"day\(='C\+14'\) must be a whole number \(int\) or a supplyline.io.DayText, not str: "
            r"day=DayText\('C\+14'\) reads it",
            id="day-C+N",
        ),
        pytest.param({"day": 2.5}, r"day\(=2.5\)", id="day-float"),
        pytest.param({"day": True}, r"day\(=True\)", id="day-bool"),
        pytest.param({"params": {"time_limit_s": 1}}, "params must be a ConvoyParams", id="params"),
        pytest.param({"report": "r.html"}, r"report\(='r.html'\) must be a \(path", id="path"),
        pytest.param({"report": ("r.html", print)}, "'print' is a builtin", id="print"),
        pytest.param(
            {"report": ("r.html", write_plan_report_with_reach)},
            "does not take .* pass supplyline.reports.write_routes_report",
            id="plan-writer",
        ),
        pytest.param({"report": (None, _writes_nothing)}, "the report's path", id="path-None"),
        pytest.param({"folder": None}, "the scenario folder must be", id="folder-None"),
        pytest.param({"out": b"out"}, "the output folder must be", id="out-bytes"),
        pytest.param({"out": 5}, "the output folder must be", id="out-int"),
        pytest.param({"progress": 5}, "progress must be a function", id="progress-int"),
        pytest.param({"from_demand": "no"}, r"from_demand\(='no'\)", id="from_demand-text"),
    ],
)
def test_route_scenario_day_refuses_a_wrong_argument_before_any_work(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    changes: dict[str, Any],
    named: str,
) -> None:
    def no_work(*_a: object, **_k: object) -> None:
        raise AssertionError("the scenario was read before the arguments were checked")

    monkeypatch.setattr(routing_service, "assess_requirements", no_work)
    args: dict[str, Any] = {"folder": folder, "day": 3, "out": tmp_path / "out"}
    args.update(changes)
    if isinstance(args.get("report"), tuple) and args["report"][0] is not None:
        args["report"] = (tmp_path / args["report"][0], args["report"][1])
    with pytest.raises(ArgumentError, match=named):
        route_scenario_day(args.pop("folder"), **args)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "r.html").exists()


def test_route_scenario_day_takes_a_numpy_day_and_says_which_days_there_are(
    folder: Path, fast: ConvoyParams
) -> None:
    run = route_scenario_day(folder, day=np.int64(2), from_demand=True, params=fast)  # type: ignore[arg-type]
    assert run.routes.day == 2
    assert type(run.routes.day) is int
    with pytest.raises(ScenarioError, match=r"day 99 is outside the horizon .* choose 0 to"):
        route_scenario_day(folder, day=99, from_demand=True, params=fast)


@pytest.mark.parametrize("text", ["C+2", "2", "date"])
def test_route_scenario_day_reads_a_day_text_as_the_cli_does(
    folder: Path, fast: ConvoyParams, text: str
) -> None:
    """The DayText the message points at is read against the scenario's start: C+2 here."""
    if text == "date":
        text = (load_scenario(folder).start_date + dt.timedelta(days=2)).isoformat()
    run = route_scenario_day(folder, day=DayText(text), from_demand=True, params=fast)
    assert run.routes.day == 2


def test_a_report_writer_that_writes_nothing_is_named_and_nothing_is_written(
    folder: Path, tmp_path: Path, fast: ConvoyParams
) -> None:
    out, report = tmp_path / "out", tmp_path / "r.html"
    with pytest.raises(ArgumentError, match="'_writes_nothing' wrote no file"):
        route_scenario_day(
            folder, day=2, from_demand=True, params=fast, out=out, report=(report, _writes_nothing)
        )
    assert not out.exists()
    assert not report.exists()


@pytest.fixture(scope="module")
def relief() -> tuple[Any, Any]:
    scenario = load_scenario(EXAMPLE)
    return scenario, compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))


@pytest.mark.parametrize(
    ("call", "error", "named"),
    [
        pytest.param(lambda s, d: reach_of(s, d, 2.0), ArgumentError, r"availability\(=2.0\)"),
        pytest.param(lambda s, d: reach_of(s, d, 0), ArgumentError, r"availability\(=0\)"),
        pytest.param(lambda s, d: reach_of(s, d, "x"), ArgumentError, r"availability\(='x'\)"),
        pytest.param(lambda s, d: reach_for(str(EXAMPLE), d), ArgumentError, "the scenario must"),
        pytest.param(lambda s, d: reach_for(s, None), ArgumentError, "the demand must"),
        pytest.param(
            lambda s, d: requests_from_demand(s, d, 999), ArgumentError, "day 999 is outside"
        ),
        pytest.param(lambda s, d: requests_from_demand(s, d, -1), ArgumentError, "day -1 is"),
        pytest.param(lambda s, d: requests_from_demand(s, d, 2.5), ArgumentError, r"day\(=2.5\)"),
        pytest.param(
            lambda s, d: requests_from_demand(s, one_link()[1], 0),
            ScenarioError,
            "does not fit",
            id="another-scenario's-demand",
        ),
        pytest.param(lambda s, d: reach_of(s, one_link()[1], 0.8), ScenarioError, "does not fit"),
        pytest.param(lambda s, d: requests_from_plan(s, None, 0), ArgumentError, "the plan must"),
        pytest.param(
            lambda s, d: requests_from_plan(s, plan_movements(*one_link()), 0),
            ScenarioError,
            "the plan was not made for this scenario",
            id="another-scenario's-plan",
        ),
        pytest.param(lambda s, d: draft_support_orders(None, s), ArgumentError, "the plan must"),
    ],
)
def test_the_routing_helpers_refuse_a_wrong_argument_by_name(
    relief: tuple[Any, Any],
    call: Callable[[Any, Any], object],
    error: type[SupplylineError],
    named: str,
) -> None:
    with pytest.raises(error, match=named):
        call(*relief)


def test_the_routing_helpers_take_a_numpy_day(relief: tuple[Any, Any]) -> None:
    scenario, demand = relief
    assert requests_from_demand(scenario, demand, np.int64(5)) == requests_from_demand(  # type: ignore[arg-type]
        scenario, demand, 5
    )
    plan = plan_movements(*one_link())
    assert requests_from_plan(one_link()[0], plan, np.int32(2)) == requests_from_plan(  # type: ignore[arg-type]
        one_link()[0], plan, 2
    )


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: assess_requirements(None), id="assess_requirements"),
        pytest.param(lambda: assess_requirements(load_scenario(EXAMPLE)), id="a-Scenario"),
        pytest.param(lambda: open_scenario(123), id="open_scenario"),
        pytest.param(lambda: assess_reach(None), id="assess_reach"),
        pytest.param(lambda: scenario_agreements(None), id="scenario_agreements"),
        pytest.param(lambda: PlanParams.from_file(None), id="PlanParams.from_file"),
        pytest.param(lambda: export_requirements(None, "out"), id="export_requirements"),
        pytest.param(lambda: bundled_example(None), id="bundled_example"),
        pytest.param(lambda: plan_scenario(None, "out"), id="plan_scenario"),
    ],
)
def test_none_or_a_scenario_where_a_path_goes_is_an_argument_error(
    call: Callable[[], object],
) -> None:
    with pytest.raises(ArgumentError, match="must be a"):
        call()


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        pytest.param({"params": {"time_limit_s": 5}}, "params must be a PlanParams", id="dict"),
        pytest.param({"params": "fast"}, "params must be a PlanParams", id="params-text"),
        pytest.param({"out": b"out"}, "the output folder must be", id="out-bytes"),
        pytest.param({"mps": 5}, "the MPS file must be", id="mps-int"),
        pytest.param({"progress": 5}, "progress must be a function", id="progress-int"),
        pytest.param({"on_warnings": 5}, "on_warnings must be a function", id="on_warnings"),
    ],
)
def test_plan_scenario_refuses_a_wrong_argument_before_any_work(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    changes: dict[str, Any],
    named: str,
) -> None:
    """Each is refused before the scenario is read, and nothing is written.

    ``params={...}`` failed with an AttributeError ('method'), ``out=b"out"`` and
    ``mps=5`` inside pathlib, ``progress=5`` / ``on_warnings=5`` once the scenario was read.
    (``out=None`` is no mistake: no plan files, as ``plan`` without ``--out``.)
    """

    def no_work(*_a: object, **_k: object) -> None:
        raise AssertionError("the scenario was read before the arguments were checked")

    monkeypatch.setattr(planning_service, "assess_requirements", no_work)
    args: dict[str, Any] = {"out": tmp_path / "out", **changes}
    with pytest.raises(ArgumentError, match=named):
        plan_scenario(folder, args.pop("out"), **args)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda f: assess_requirements(f, progress=5), id="assess_requirements"),
        pytest.param(lambda f: assess_reach(f, progress="x"), id="assess_reach"),
    ],
)
def test_a_progress_that_cannot_be_called_is_an_argument_error(
    folder: Path, call: Callable[[Path], object]
) -> None:
    with pytest.raises(ArgumentError, match="progress must be a function"):
        call(folder)


def test_an_empty_parameters_path_is_refused_clearly() -> None:
    """``from_file("")`` said "bad planning parameters in  | : cannot be read: Is a directory"."""
    with pytest.raises(ArgumentError, match="the parameters file is an empty path"):
        PlanParams.from_file("")
