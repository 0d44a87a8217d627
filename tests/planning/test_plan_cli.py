"""The `plan` command: files, summary, formats, and clean failures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli import plan_cmds
from supplyline.cli.app import _register_commands, app
from supplyline.io.plan_files import PLAN_FILES, REACH_FILE, read_plan
from supplyline.io.writer import write_scenario
from supplyline.planning.examples import gauge_break

_register_commands()
runner = CliRunner()


@pytest.fixture(scope="module")
def planned(bilateral_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`supplyline plan` run once on the bilateral example (with --mps and --report)."""
    base = tmp_path_factory.mktemp("cli")
    result = runner.invoke(
        app,
        [
            "plan",
            str(bilateral_dir),
            "--out",
            str(base / "out"),
            "--mps",
            str(base / "model.mps"),
            "--report",
            str(base / "plan.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    return base, result.stdout


def test_plan_writes_every_file(planned: tuple[Path, str]) -> None:
    """OUT holds all the plan files; the MPS and the report are where they were asked."""
    base, _ = planned
    assert sorted(p.name for p in (base / "out").iterdir()) == sorted((*PLAN_FILES, REACH_FILE))
    assert (base / "model.mps").stat().st_size > 0
    assert (base / "plan.html").read_text(encoding="utf-8").lstrip().startswith("<!")


def test_plan_help_names_every_file_plan_writes(planned: tuple[Path, str]) -> None:
    """`plan --help` names each file that `plan --out` wrote, and no file it did not.

    The help named 8 files while 9 were written (reach.csv was missing).
    """
    base, _ = planned
    written = {p.name for p in (base / "out").iterdir()}
    result = runner.invoke(app, ["plan", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    named = set(re.findall(r"[a-z_]+\.(?:csv|json|geojson)\b", result.stdout))
    assert named == written


def test_plan_csvs_open_in_a_spreadsheet_and_the_json_files_have_no_mark(
    planned: tuple[Path, str],
) -> None:
    """Every CSV starts with UTF-8's byte-order mark; JSON and GeoJSON have none.

    Excel reads a CSV as UTF-8 only with the mark; JSON must not have one.
    """
    base, _ = planned
    for path in (base / "out").iterdir():
        starts_marked = path.read_bytes().startswith(b"\xef\xbb\xbf")
        assert starts_marked == (path.suffix == ".csv"), path.name


def test_plan_summary_names_status_closure_and_bottlenecks(planned: tuple[Path, str]) -> None:
    """The printed summary has the status, the closure table and the top bottlenecks."""
    _, out = planned
    assert "plan optimal" in out
    assert "Unit closure" in out
    assert "Top bottlenecks" in out
    assert "Grenzfeld" in out


def test_the_closure_tables_say_their_earliest_day_is_capacities_aside(
    planned: tuple[Path, str],
    bilateral_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Table and report head it "capacities aside"; JSON keeps deployment.csv's ``earliest_label``.

    The table's "earliest" C+13 read as a contradiction of validate's "can all be at
    'ta-north' on C+15 at the earliest", which counts the capacities.
    """
    base, _ = planned
    html = (base / "plan.html").read_text(encoding="utf-8")
    assert "earliest possible (capacities aside)" in html
    monkeypatch.setattr(plan_cmds.console, "width", 160)  # the heading whole on its line
    plan = ["plan", str(bilateral_dir), "--out", str(tmp_path / "o"), "--explain", "0"]
    result = runner.invoke(app, plan)
    assert result.exit_code == 0, result.output
    assert "earliest (capacities aside)" in " ".join(result.stdout.split())
    result = runner.invoke(app, [*plan, "--format", "json"])
    assert result.exit_code == 0, result.output
    closure = json.loads(result.stdout)["unit_closure"]
    assert closure
    assert all("earliest_label" in row and "capacities" not in " ".join(row) for row in closure)


def test_mps_of_ids_alike_once_made_safe_is_written_with_their_names(tmp_path: Path) -> None:
    """Locations ``x_1`` and ``xé1`` (one MPS name when accents became ``_``): --mps works.

    The names keep the accent, and the NAME line is the scenario's name.
    """
    from supplyline.io import write_template

    folder = write_template(tmp_path / "scenario")
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        text = text.replace("host-depot", "x_1").replace("field-camp", "xé1")
        path.write_text(text, encoding="utf-8")
    mps = tmp_path / "model.mps"
    result = runner.invoke(
        app,
        ["plan", str(folder), "--out", str(tmp_path / "o"), "--mps", str(mps), "--explain", "0"],
    )
    assert result.exit_code == 0, result.output
    text = mps.read_text(encoding="utf-8")
    # under the plan's identity comment (supplyline.io.earlier_reports.tag_model)
    assert "\nNAME        My_operation\n" in text
    assert "\n E  balance|food|xé1|d3\n" in text
    assert "\n E  balance|food|x_1|d3\n" in text


def test_plan_json_format_is_machine_readable(bilateral_dir: Path, tmp_path: Path) -> None:
    """--format json prints one JSON document with the summary and the sections."""
    result = runner.invoke(
        app,
        [
            "plan",
            str(bilateral_dir),
            "--out",
            str(tmp_path / "o"),
            "--format",
            "json",
            "--explain",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["status"] == "optimal"
    assert read_plan(tmp_path / "o").status.value == "optimal"


def test_plan_of_a_missing_folder_fails_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    """A bad scenario folder exits non-zero with a message, no traceback, and no OUT."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "supplyline",
            "plan",
            str(tmp_path / "nope"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "error" in proc.stderr.lower()
    assert not (tmp_path / "out").exists()


def test_plan_without_a_plan_in_the_time_limit_exits_6_and_writes_nothing(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """A limit far below any solve (1 ms for 18,654 columns): exit 6, advice, no OUT."""
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(bilateral_dir),
         "--out", str(tmp_path / "out"), "--time-limit", "0.001"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 6, proc.stderr
    assert "no plan within the time limit of 0.001 s" in proc.stderr
    assert "raise --time-limit" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_plan_without_a_plan_in_the_time_limit_keeps_the_asked_mps(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """The model is whole without a plan: the MPS is kept for another solver (it was dropped)."""
    proc = _plan_process(
        str(bilateral_dir), "--out", str(tmp_path / "out"), "--time-limit", "0.001",
        "--mps", str(tmp_path / "model.mps"),
    )  # fmt: skip
    assert proc.returncode == 6, proc.stderr
    assert "no plan written, only the model" in proc.stderr
    assert not (tmp_path / "out").exists()
    head = (tmp_path / "model.mps").read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith("* generator: supplyline ")  # a re-run replaces it
    assert head[1].startswith("* the last 4,360 rows (turn_back|…)")  # the model, whole
    assert head[2].startswith("NAME")  # no plan to name under it
    assert [p.name for p in tmp_path.iterdir()] == ["model.mps"]  # no scratch file left


def test_plan_rejects_an_mps_name_without_mps_suffix(bilateral_dir: Path, tmp_path: Path) -> None:
    """--mps must name a .mps file; nothing is written otherwise."""
    result = runner.invoke(
        app,
        [
            "plan",
            str(bilateral_dir),
            "--out",
            str(tmp_path / "o"),
            "--mps",
            str(tmp_path / "model.txt"),
        ],
    )
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_a_fallback_plan_is_written_with_a_warning(
    bilateral_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A solve stopped without a plan (simulated) gives the fallback plan, flagged."""
    from dataclasses import replace

    from supplyline.domain import PlanStatus
    from supplyline.planning.highs import HighsSession, Solution

    real_solve = HighsSession.solve

    def stopped(self: HighsSession, **kw: bool) -> Solution:
        return replace(real_solve(self, **kw), status=PlanStatus.NO_SOLUTION, x=None)

    monkeypatch.setattr(HighsSession, "solve", stopped)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(bilateral_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "plan feasible" in result.stdout
    assert "not proven the best plan" in " ".join(result.stdout.split())
    assert json.loads((out / "plan.json").read_text())["status"] == "feasible"
    # in JSON too (it carried only the status): a program reading it is warned as well
    result = runner.invoke(app, ["plan", str(bilateral_dir), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert len(warnings) == 1
    assert "not proven the best plan" in warnings[0]


def _plan_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_outputs_that_cannot_go_where_asked_exit_8_before_solving(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """--out on a file, a report on the plan folder, --out on the scenario: exit 8, no files.

    Checked before the solve, so nothing is left half-written and the scenario is intact.
    """
    scenario = tmp_path / "scenario"
    shutil.copytree(bilateral_dir, scenario)  # in case the check ever fails
    (tmp_path / "f").write_text("x")
    out = tmp_path / "out"
    cases = [
        (["--out", str(tmp_path / "f")], "it is a file, not a folder"),
        (["--out", f"{out}.html", "--report", f"{out}.html"], "would both be"),
        (["--out", str(out), "--report", str(tmp_path / "f" / "r.html")], "is a file"),
        (["--out", str(scenario)], "into the scenario folder"),
    ]
    before = {p.name: p.read_bytes() for p in scenario.iterdir()}
    for args, message in cases:
        proc = _plan_process(str(scenario), *args)
        assert proc.returncode == 8, proc.stderr
        assert message in proc.stderr
        assert "Traceback" not in proc.stderr
        assert "solving" not in proc.stderr
        assert not out.exists()
    assert {p.name: p.read_bytes() for p in scenario.iterdir()} == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--time-limit", "inf", "not a number of seconds"),
        ("--time-limit", "nan", "nan is not a number of seconds"),
        ("--time-limit", "0", "0 is less than the least, 0.001 seconds"),
        ("--explain-time", "nan", "nan is not a number of seconds"),
        ("--threads", "5000", "5000 is above 1,024: give a whole number of solver threads"),
        ("--threads", "0", "0 is below 1: give a whole number of solver threads from 1"),
        ("--explain", "-1", "-1 is below 0: give a whole number of bottlenecks to measure"),
    ],
)
def test_plan_refuses_an_endless_limit_and_absurd_threads(
    bilateral_dir: Path, tmp_path: Path, option: str, value: str, message: str
) -> None:
    """``inf`` seconds (was a worse plan at once) and more than 1,024 threads: exit 2.

    ``nan`` was "Input should be greater than or equal to 0.001" (pydantic's words).
    """
    result = runner.invoke(
        app, ["plan", str(bilateral_dir), "--out", str(tmp_path / "o"), option, value]
    )
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())  # however rich wraps
    assert not (tmp_path / "o").exists()


def test_an_approximate_method_is_said_to_be_approximate(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """Interior point without crossover stops off a vertex: the summary says what that means.

    It called the split flows and round trips such a plan carries "numerical noise": a
    tester's had 7.1 people of a unit driven out and back on one day, no noise.
    """
    result = runner.invoke(
        app,
        ["plan", str(bilateral_dir), "--out", str(tmp_path / "o"), "--method", "ipm-nocrossover"],
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())  # however rich wraps it
    assert "not at a vertex" in said
    assert "round trips (out and back on one day)" in said
    assert "noise" not in said


def test_a_scenario_without_trucks_skips_the_reach_check(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """No fleet.csv (it is optional): the reach check says it was skipped, flags nobody."""
    scenario = tmp_path / "no-fleet"
    shutil.copytree(bilateral_dir, scenario)
    (scenario / "fleet.csv").unlink()
    result = runner.invoke(app, ["plan", str(scenario), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "reach check: skipped (no trucks in fleet.csv)" in result.stdout
    assert "beyond what their trucks can sustain" not in result.stdout
    # `reach` lists the units, checked against nothing (it marked every one "NO")
    result = runner.invoke(app, ["reach", str(scenario), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert {(r["ok"], r["reason"]) for r in rows} == {(None, "not checked: no trucks in fleet.csv")}


def test_a_plan_no_capacity_limits_says_so(tmp_path: Path) -> None:
    """No bottleneck: the summary says so (it left the section out, the report did not)."""
    files = {
        "scenario.yaml": "name: ample\nstart_date: 2025-06-01\nhorizon_days: 5\n"
        "partners:\n  - {id: A, name: Alpha}\ncommodities:\n  - id: food\n"
        "    supply_class: general\n    priority: 3\n    demand_unit: kg\n"
        "    per_person_per_day: 1000\n",
        "locations.csv": "id,name,partner,kind,lat,lon\nD,D,A,depot,50.0,10.5\n"
        "U,U,A,unit_area,50.0,12.0\n",
        "links.csv": "id,from,to,mode,distance_km,transit_days,cost_per_t\nl1,D,U,road,100,0,1\n",
        "stocks.csv": "location,commodity,initial_t\nD,food,1000\n",
        "units.csv": "id,name,partner,home,destination,personnel\nu1,u1,A,U,U,10\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "0 t short" in " ".join(result.stdout.split())
    assert "no capacity limits the plan" in result.stdout


def test_json_files_keep_names_as_written_not_escaped(tmp_path: Path) -> None:
    """plan.json, network.geojson and ``--format json`` show ``Łódź``, not an escape."""
    from supplyline.io import write_template

    folder = write_template(tmp_path / "scenario")
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8").replace("field-camp", "łódź-camp")
        text = text.replace("bn-1", "łódź-bn-1")  # the unit's id is in every summary
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out), "--explain", "0"])
    assert result.exit_code == 0, result.output
    for name in ("plan.json", "network.geojson"):
        text = (out / name).read_text(encoding="utf-8")
        assert "łódź-camp" in text, name
        assert "\\u0142" not in text, name
    shown = runner.invoke(
        app, ["plan", str(folder), "--out", str(tmp_path / "o2"), "--format", "json"]
    )
    assert shown.exit_code == 0, shown.output
    assert "łódź-bn-1" in shown.stdout_bytes.decode("utf-8")
    assert "\\u0142" not in shown.stdout


def test_json_on_stdout_is_utf8_under_a_latin1_locale(tmp_path: Path) -> None:
    """A Latin-1 terminal cannot show ``ł``: the JSON still comes out whole, in UTF-8."""
    import os

    from supplyline.io import write_template

    folder = write_template(tmp_path / "scenario")
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8").replace("field-camp", "łódź-camp")
        text = text.replace("bn-1", "łódź-bn-1")  # the unit's id is in every summary
        path.write_text(text, encoding="utf-8")
    plan = ["plan", str(folder), "--out", str(tmp_path / "o"), "--format", "json"]
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", *plan, "--explain", "0"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "łódź-bn-1".encode() in proc.stdout  # as written, not escaped
    json.loads(proc.stdout.decode("utf-8"))


def test_the_csv_summary_is_long_form_one_value_per_cell(tmp_path: Path) -> None:
    """section, item, field, value: no packed ``key=value`` cells, no ``None``, no float noise."""
    import csv
    import io

    from supplyline.services.scenarios import bundled_example

    relief = str(bundled_example("relief-operation"))
    result = runner.invoke(
        app, ["plan", relief, "--out", str(tmp_path / "o"), "--format", "csv", "--explain", "2"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["section", "item", "field", "value"]
    assert all("=" not in r["value"] or r["field"] == "explanation" for r in rows)
    assert not any(r["value"] == "None" for r in rows)
    numbers = [r["value"] for r in rows if r["value"].replace(".", "", 1).isdigit()]
    assert all(len(v.partition(".")[2]) <= 6 for v in numbers)  # to the gram at most
    shorts = [(r["item"], r["field"]) for r in rows if r["section"] == "shortfalls"]
    assert len(shorts) == len(set(shorts))  # each record its own item: site-5 has three
    fields = {(r["section"], r["field"]) for r in rows}
    assert {("summary", "short_t"), ("bottlenecks", "explanation")} <= fields
    assert any(r["section"] == "shortfalls" and r["field"] == "demand_t" for r in rows)


def test_verbose_logs_what_the_plan_did(bilateral_dir: Path, tmp_path: Path) -> None:
    """A newcomer's -v added nothing to stderr (only the solver's rare fallbacks logged)."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "-v", "plan", str(bilateral_dir), "--out",
         str(tmp_path / "o"), "--explain", "0"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    info = [line for line in done.stderr.splitlines() if line.startswith("INFO ")]
    assert any("supplyline.services.scenarios: read " in line for line in info), info
    assert any(" columns × " in line and "plan optimal" in line for line in info), info
    assert any(line.endswith("network.geojson") and " wrote " in line for line in info), info


def test_verbose_routes_logs_the_plan_it_solved_and_the_routes(bilateral_dir: Path) -> None:
    """A tester's -v routes said nothing of the movement plan it solves first."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "-v", "routes", str(bilateral_dir), "--day", "14",
         "--time-limit", "1"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    info = [line for line in done.stderr.splitlines() if line.startswith("INFO ")]
    assert any("plan optimal: " in line for line in info), info
    assert any(": routes C+14 (plan): " in line for line in info), info


def test_plan_counts_the_files_in_out_and_names_the_report_and_model_elsewhere(
    tmp_path: Path,
) -> None:
    """A tester's 'wrote 9 files to n1/n2/n3, n1/r/plan.html' counted the report among eight."""
    scenario, _ = gauge_break()
    folder = write_scenario(scenario, tmp_path / "sc")
    out, report = tmp_path / "n1" / "n2" / "n3", tmp_path / "n1" / "r" / "plan.html"
    mps = tmp_path / "m.mps"
    args = ["plan", str(folder), "--out", str(out), "--explain", "0", "--report", str(report)]
    result = runner.invoke(app, [*args, "--mps", str(mps)])
    assert result.exit_code == 0, result.output
    said = "".join(result.stderr.split())  # long paths wrap anywhere
    wrote = f"wrote 9 files to {out}, the model to {mps} and the report to {report}"
    assert "".join(wrote.split()) in said
    inside = runner.invoke(app, [*args[:-1], str(out / "plan.html")])
    assert inside.exit_code == 0, inside.output
    assert "".join(f"wrote 10 files to {out}".split()) in "".join(inside.stderr.split())


def test_the_solver_options_help_says_where_their_default_comes_from() -> None:
    """--time-limit and --threads default to scenario.yaml's solver options; wall-clock seconds."""
    result = runner.invoke(app, ["plan", "--help"], env={"COLUMNS": "400"})
    said = " ".join(result.output.split())
    assert "(default: solver.time_limit_s in scenario.yaml, else no limit)" in said
    assert "(default: solver.threads in scenario.yaml, else HiGHS's choice)" in said
    assert "seconds of wall-clock time" in said
