"""Options of `plan`, `routes` and `requirements` as the docs describe them, and what they say."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import BILATERAL, run
from typer.testing import CliRunner

import supplyline.planning.highs as highs_module
from supplyline.cli.app import _register_commands, app
from supplyline.cli.paths import HTML_SUFFIXES, MPS_SUFFIXES, output_file
from supplyline.domain import PlanStatus
from supplyline.io.route_files import ROUTE_FILES
from supplyline.planning import Method, highs_version
from supplyline.planning import hedge as hedge_module
from supplyline.planning.best_response import Responses
from supplyline.planning.highs import HighsSession, Solution
from supplyline.services.planning import available_methods
from supplyline.services.scenarios import REQUIREMENTS_FILES, bundled_example

_register_commands()
runner = CliRunner()

B = str(BILATERAL)
HTML_RULE = "an HTML report's name must end in .html or .htm"


def _words(text: str) -> str:
    """Text as words only: rich wraps lines and draws boxes wherever the width says."""
    return " ".join(text.replace("│", " ").split())


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the bilateral exercise, which a test may edit."""
    return Path(shutil.copytree(BILATERAL, tmp_path / "scenario"))


def test_a_method_this_highs_lacks_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Exit 2 naming HiGHS's version and the methods it has, before any work."""
    monkeypatch.setattr(highs_module, "available_methods", lambda: (Method.AUTO, Method.SIMPLEX))
    result = runner.invoke(app, ["plan", B, "--out", str(tmp_path / "o"), "--method", "pdlp"])
    assert result.exit_code == 2, result.output
    said = _words(result.output)
    assert "Invalid value for '--method': this HiGHS build" in said
    assert f"({highs_version()}) has no PDLP solver; the methods it has: auto, simplex" in said
    assert list(tmp_path.iterdir()) == []


def test_hipo_runs_where_highs_has_it_and_is_a_usage_error_where_not(tmp_path: Path) -> None:
    """Detected from the installed HiGHS, not written down: exit 0 with it, 2 without."""
    done = run("plan", B, "--out", tmp_path / "o", "--method", "hipo", "--explain", "0")
    assert "Traceback" not in done.stderr
    if Method.HIPO in available_methods():
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "o" / "plan.json").is_file()
    else:
        assert done.returncode == 2, done.stderr
        assert "has no HiPO solver" in _words(done.stderr)
        assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("option", "name", "message"),
    [
        ("--report", "plan.json", f"{HTML_RULE}, not 'plan.json'"),
        ("--report", "report", f"{HTML_RULE}, not 'report'"),
        ("--mps", "model.txt", "an MPS file's name must end in .mps, not 'model.txt'"),
        (  # only the ending: a tester was told it must end in .mps, not '.mps'
            "--mps",
            ".mps",
            "an MPS file's name must end in .mps with a name before it, e.g. plan.mps",
        ),
        (
            "--report",
            ".HTML",
            "an HTML report's name must end in .HTML with a name before it, e.g. plan.HTML",
        ),
    ],
)
def test_plan_refuses_a_report_or_model_with_another_suffix(
    option: str, name: str, message: str, tmp_path: Path
) -> None:
    """``--report out/plan/plan.json`` replaced an earlier plan with HTML: now exit 2."""
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / name).write_text('{"earlier": true}')
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", B, "--out", str(out), option, str(earlier / name)])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}': {message}" in _words(result.output)
    assert (earlier / name).read_text() == '{"earlier": true}'
    assert not out.exists()


def test_routes_refuses_a_report_that_is_not_html(tmp_path: Path) -> None:
    """The same rule for the routes report, shared with plan's --report and --mps."""
    target = tmp_path / "routes.json"
    result = runner.invoke(app, ["routes", B, "--day", "14", "--report", str(target)])
    assert result.exit_code == 2, result.output
    assert HTML_RULE in _words(result.output)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("suffixes", "name"),
    [(HTML_SUFFIXES, "r.html"), (HTML_SUFFIXES, "R.HTM"), (MPS_SUFFIXES, "model.MPS")],
)
def test_a_suffix_is_matched_in_any_case(suffixes: tuple[str, ...], name: str) -> None:
    """``PLAN.HTML`` and ``model.MPS`` are fine."""
    assert output_file("a file", suffixes, "f")(name) == Path(name)


@pytest.mark.parametrize(
    ("command", "names"),
    [(["routes", "--help"], ROUTE_FILES), (["requirements", "--help"], REQUIREMENTS_FILES)],
)
def test_help_names_every_file_the_writer_writes(
    command: list[str], names: tuple[str, ...]
) -> None:
    """The --out help comes from the writer's list of files (routes.json was missing)."""
    result = runner.invoke(app, command, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = _words(result.output)
    for name in names:
        assert name in said


def test_requirements_into_the_scenario_folder_exits_8_and_writes_nothing(
    scenario: Path,
) -> None:
    """As plan and routes do: the scenario's own folder is refused, before any work."""
    before = sorted(p.name for p in scenario.iterdir())
    done = run("requirements", scenario, "--out", scenario)
    assert done.returncode == 8, done.stderr
    assert "the requirements files would go into the scenario folder" in _words(done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout == ""  # refused before the table was worked out
    assert sorted(p.name for p in scenario.iterdir()) == before


def test_no_plan_within_the_limit_of_scenario_yaml_says_to_change_scenario_yaml(
    scenario: Path, tmp_path: Path
) -> None:
    """The limit came from scenario.yaml: leaving --time-limit out would not help."""
    yaml = scenario / "scenario.yaml"
    yaml.write_text(
        yaml.read_text().replace("solver: {time_limit_s: 120}", "solver: {time_limit_s: 0.001}")
    )
    done = run("plan", scenario, "--out", tmp_path / "out", "--explain", "0")
    assert done.returncode == 6, done.stderr
    said = _words(done.stderr)
    assert (
        "no plan within the time limit of 0.001 s, from scenario.yaml's solver.time_limit_s" in said
    )
    assert "raise solver.time_limit_s in scenario.yaml or remove it" in said
    assert "leave it out" not in said
    assert not (tmp_path / "out").exists()


def _stopped(monkeypatch: pytest.MonkeyPatch, status: PlanStatus = PlanStatus.NO_SOLUTION) -> None:
    """The solve stops at the limit: without a plan (the fallback is made), or with one."""
    real_solve = HighsSession.solve

    def stopped(self: HighsSession) -> Solution:
        solution = real_solve(self)
        if status is PlanStatus.NO_SOLUTION:
            return replace(solution, status=status, x=None)
        return replace(solution, status=status)

    monkeypatch.setattr(HighsSession, "solve", stopped)


def _responding(monkeypatch: pytest.MonkeyPatch, flows: int | None) -> None:
    """The fallback's best responses end after ``flows`` flows (None: as they really do)."""
    if flows is None:
        return
    real = hedge_module.best_responses

    def cut(model: Any, part: Any, start: Any, x: Any, **kwargs: Any) -> Responses:
        if flows == 0:
            return Responses(x=x, flows=len(start.flows), responded=0)
        made = real(model, part, start, x, **kwargs)
        return replace(made, responded=min(flows, made.responded))

    monkeypatch.setattr(hedge_module, "best_responses", cut)


@pytest.mark.parametrize(
    ("responded", "said", "not_said"),
    [
        pytest.param(
            None,
            "do-nothing plan within every capacity, then gives each flow in turn its best plan "
            "given the others'",
            "keep their part of the mix",
            id="every flow responded",
        ),
        pytest.param(
            3,
            "flows in turn their best plan given the others' (the rest keep their part of the mix)",
            "gives each flow",
            id="some flows responded",
        ),
        pytest.param(
            0,
            "do-nothing plan within every capacity (no flow could take its best plan given the "
            "others' before the time limit)",
            "gives each flow",
            id="no flow responded",
        ),
    ],
)
def test_a_fallback_plan_is_described_as_it_was_made(
    responded: int | None,
    said: str,
    not_said: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The warning says whether the flows improved on the mix, from what the run recorded."""
    _stopped(monkeypatch)
    _responding(monkeypatch, responded)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", B, "--out", str(out), "--explain", "0"])
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    assert "plan feasible" in words
    assert said in words
    assert not_said not in words
    if responded:
        assert f"then gives {responded} of the " in words
    assert "not proven the best plan" in words
    assert json.loads((out / "plan.json").read_text())["status"] == "feasible"


def test_the_solvers_own_unproven_plan_is_not_called_a_mix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """HiGHS stopped with a plan of its own: no word of flows, mixes or best responses."""
    _stopped(monkeypatch, PlanStatus.FEASIBLE)
    result = runner.invoke(app, ["plan", B, "--out", str(tmp_path / "o"), "--explain", "0"])
    assert result.exit_code == 0, result.output
    words = _words(result.stdout)
    assert "it is the solver's last plan, which keeps every capacity" in words
    assert "mix" not in words
    assert "given the others'" not in words


def test_a_stopped_plan_does_not_say_that_no_capacity_limits_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A plan not proven best has no bottlenecks: its report says why, as the terminal does.

    A tester's relief plan stopped by the limit was 4,677 t short, and its report said "No
    capacity limits the plan" (the optimum is 1.3 t short).
    """
    _stopped(monkeypatch, PlanStatus.FEASIBLE)
    report = tmp_path / "r.html"
    relief = str(bundled_example("relief-operation"))
    result = runner.invoke(
        app, ["plan", relief, "--out", str(tmp_path / "o"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "bottlenecks: not computed" in _words(result.stdout)
    html = report.read_text(encoding="utf-8")
    assert "Bottlenecks: not computed" in html
    assert "No capacity limits the plan" not in html


def test_the_scenarios_warnings_come_before_the_solve_not_after_it(tmp_path: Path) -> None:
    """A planner learns that the input looks wrong before waiting for a long solve."""
    folder = Path(shutil.copytree(BILATERAL, tmp_path / "scenario"))
    units = folder / "units.csv"
    header = next(
        line for line in units.read_text(encoding="utf-8").splitlines() if line.startswith("id,")
    )
    units.write_text(header + "\n", encoding="utf-8")
    done = run("plan", folder, "--out", tmp_path / "o", "--explain", "0")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    warned = next(i for i, line in enumerate(lines) if "no units" in line)
    solving = next(i for i, line in enumerate(lines) if "solving" in line)
    assert warned < solving
    assert sum("no units" in line for line in lines) == 1  # said once


@pytest.mark.parametrize("seconds", ["nan", "inf", "0", "-3"])
def test_explain_time_must_be_seconds(tmp_path: Path, seconds: str) -> None:
    out = tmp_path / "o"
    result = runner.invoke(app, ["plan", B, "--out", str(out), "--explain-time", seconds])
    assert result.exit_code == 2, result.output
    assert "--explain-time" in _words(result.output)
    assert not out.exists()


def test_explain_time_is_the_measuring_budget_the_plan_records(tmp_path: Path) -> None:
    out = tmp_path / "o"
    args = ["plan", B, "--out", str(out), "--explain", "1", "--explain-time", "45"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    stats = json.loads((out / "plan.json").read_text(encoding="utf-8"))["stats"]
    assert (stats["explain_top"], stats["explain_budget_s"]) == (1, 45.0)


def test_a_fallback_plan_says_how_many_units_it_leaves_undeployed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A tester's fallback came within 5 % of the optimum's cost and closed 6 of 14 units.

    The warning said only that "shortfalls and lateness may be larger".
    """
    _stopped(monkeypatch)
    _responding(monkeypatch, 0)  # the mix alone: units left part-way
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", B, "--out", str(out), "--explain", "0"])
    assert result.exit_code == 0, result.output
    closures = json.loads((out / "plan.json").read_text(encoding="utf-8"))["closures"]
    never = sum(1 for c in closures if c["closure_day"] is None)
    assert never > 0
    assert (
        f"In it {never} of {len(closures)} deploying unit(s) do not close within the horizon"
        in _words(result.stdout)
    )
    person_days = sum(c["late_pax_days"] for c in closures)
    assert person_days >= 0.5  # the bilateral units' people wait too
    assert f"and {person_days:,.0f} person-days late in all" in _words(result.stdout)


def test_more_threads_than_cores_get_a_note(tmp_path: Path) -> None:
    """A tester's --threads 999 on 2 cores solved in 9.7 s against 0.20 s, and nothing said why."""
    cores = os.cpu_count() or 1
    for threads, noted in ((cores + 1, True), (1, False)):
        out = tmp_path / f"t{threads}"
        args = ["plan", B, "--out", str(out), "--explain", "0", "--threads", str(threads)]
        args += ["--format", "json"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        warnings = json.loads(result.stdout)["warnings"]
        said = [w for w in warnings if "solver threads asked on a machine with" in w]
        assert bool(said) == noted, warnings
        if noted:
            assert said[0].startswith(
                f"note: {threads} solver threads asked on a machine with {cores} core(s): "
                f"HiGHS was given {cores}"
            )


def test_highs_is_given_at_most_one_thread_a_core() -> None:
    """A QA tester's --threads 999 --time-limit 2 solved for 7-9 s, past its limit."""
    from supplyline.io import load_scenario
    from supplyline.io.factors import factors_for
    from supplyline.planning import PlanParams
    from supplyline.planning.assemble import build_model, prepare
    from supplyline.planning.highs import HighsSession, usable_threads
    from supplyline.requirements import compute_requirements

    cores = os.cpu_count() or 1
    assert [usable_threads(n) for n in (1, cores, cores + 1, 999)] == [1, cores, cores, cores]
    scenario = load_scenario(B)
    params = PlanParams(threads=999)
    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    model = build_model(prepare(scenario, demand, params))
    session = HighsSession(model, params)
    assert session._h.getOptionValue("threads")[1] == cores


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nan", "nan is not a number of seconds"),
        ("0", "0 is less than the least, 0.01 seconds"),
        ("1e9", "1e9 is more than the most, 86,400 seconds"),
    ],
)
def test_routes_time_limit_mistakes_say_what_is_wrong(value: str, message: str) -> None:
    """``routes --time-limit nan`` said "Input should be less than or equal to 86400"."""
    result = runner.invoke(app, ["routes", B, "--day", "3", "--time-limit", value])
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())


def test_the_scenarios_warnings_are_in_the_json_and_csv_summaries(tmp_path: Path) -> None:
    """A program reading stdout never saw what validate warns of (stderr had it)."""
    result = runner.invoke(
        app, ["plan", B, "--out", str(tmp_path / "j"), "--explain", "0", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    said = json.loads(result.stdout)["scenario_warnings"]
    assert said
    assert {w["file"] for w in said} == {"units.csv"}
    assert {"file", "line", "column", "severity", "message"} == set(said[0])
    long = runner.invoke(
        app, ["plan", B, "--out", str(tmp_path / "c"), "--explain", "0", "--format", "csv"]
    )
    assert long.exit_code == 0, long.output
    assert long.stdout.count('"scenario_warnings",') == 5 * len(said)  # text cells quoted


def test_a_solver_failure_keeps_the_mps_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An auditor's ipm-nocrossover run ended 'Unknown' (exit 6), and the MPS was gone too."""
    from supplyline.errors import SolverError
    from supplyline.services.planning import plan_scenario

    def failed(self: HighsSession) -> Solution:
        raise SolverError("HiGHS ended with status 'Unknown'; the plan cannot be trusted")

    monkeypatch.setattr(HighsSession, "solve", failed)
    out, mps = tmp_path / "out", tmp_path / "model.mps"
    with pytest.raises(SolverError, match="Unknown"):
        plan_scenario(BILATERAL, out, mps=mps)
    assert mps.stat().st_size > 0
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--explain", "1000000000001", "1000000000001 is above 10,000: give a whole number"),
        ("--time-limit", "1e13", "1e13 is more than the most, 1,000,000 seconds"),
        ("--explain-time", "1e13", "1e13 is more than the most, 1,000,000 seconds"),
    ],
)
def test_plans_huge_numbers_are_usage_errors_in_the_options_words(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    """They exited 1 with "explain_top(=1e+12) is out of range (at most 1e+12)"."""
    out = tmp_path / "o"
    result = runner.invoke(app, ["plan", B, "--out", str(out), option, value])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.replace("│", " ").split())
    assert not out.exists()
