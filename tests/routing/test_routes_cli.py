"""The `routes`, `reach` and `routes-bench` commands: outputs, exit codes, no traceback."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.io import load_scenario

_register_commands()
runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (with its error mapping) in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled bilateral exercise."""
    if not EXAMPLE.is_dir():
        pytest.skip("bundled example not available")
    return Path(shutil.copytree(EXAMPLE, tmp_path / "ex"))


def test_routes_writes_every_file(folder: Path, tmp_path: Path) -> None:
    """Routes --from-demand writes the seven files, and routes.csv rows add up to trucks.csv."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["routes", str(folder), "--day", "20", "--from-demand", "--time-limit", "1",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "depot_short.csv", "on_site.csv", "routes.csv", "routes.geojson", "routes.json",
        "trucks.csv", "unserved.csv",
    ]  # fmt: skip
    with (out / "routes.csv").open(encoding="utf-8-sig") as fh:
        stops = list(csv.DictReader(fh))
    with (out / "trucks.csv").open(encoding="utf-8-sig") as fh:
        trucks = list(csv.DictReader(fh))
    assert sum(float(s["tonnes"]) for s in stops) == pytest.approx(
        sum(float(t["tonnes"]) for t in trucks), abs=0.01
    )
    geo = json.loads((out / "routes.geojson").read_text())
    assert len([f for f in geo["features"] if f["properties"]["kind"] == "route"]) == len(trucks)


def test_routes_csv_on_stdout_carries_the_files_day_columns(folder: Path, tmp_path: Path) -> None:
    """``day, label, date`` first on every stdout row, as in the files (stdout had none)."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["routes", str(folder), "--day", "20", "--from-demand", "--time-limit", "1",
              "--out", str(out), "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = list(csv.reader(result.stdout.splitlines()))
    with (out / "trucks.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))
    assert printed[0][:3] == written[0][:3] == ["day", "label", "date"]
    assert len(printed) > 1
    assert {tuple(row[:3]) for row in printed[1:]} == {tuple(row[:3]) for row in written[1:]}


def test_routes_json_has_the_days_summary_and_the_files(folder: Path, tmp_path: Path) -> None:
    """A newcomer's program got rows only: no day, tonnes, km or files (plan's JSON has them)."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["routes", str(folder), "--day", "20", "--from-demand", "--time-limit", "1",
              "--out", str(out), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["summary"]["day"], data["removed_files"]) == (20, [])
    assert sorted(Path(f).name for f in data["files"]) == sorted(p.name for p in out.iterdir())
    trucked = sum(r["tonnes"] for r in data["rows"] if r["kind"] == "truck")
    assert data["summary"]["delivered_t"] == pytest.approx(trucked, abs=0.01)
    saved = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert saved["delivered_t"] == data["summary"]["delivered_t"]


def test_routes_day_outside_horizon_exits_2_and_writes_nothing(
    folder: Path, tmp_path: Path
) -> None:
    """--day beyond the horizon is a clear error (exit 2), no traceback, no output folder."""
    out = tmp_path / "out"
    proc = run_cli("routes", str(folder), "--day", "999", "--from-demand", "--out", str(out))
    assert proc.returncode == 2
    assert "--day 999 is C+999" in proc.stderr  # as typed first
    assert "after the horizon's last day" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not out.exists()


def test_routes_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    """A scenario folder that does not exist exits non-zero with a message, no traceback."""
    proc = run_cli("routes", str(tmp_path / "nope"), "--day", "1")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout


def test_reach_json_has_a_row_per_unit(folder: Path) -> None:
    """Reach --format json prints one row per unit with the verdict."""
    result = runner.invoke(app, ["reach", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    assert {r["ok"] for r in rows} <= {True, False}


def test_reach_flags_a_unit_when_trucks_are_cut(folder: Path) -> None:
    """With the forward depot's trucks gone and one railhead truck left, reach flags units.

    (One truck per group left was enough once the units were judged from the forward
    depot's three, where their goods are loaded, not from the railhead's one.)
    """
    fleet = folder / "fleet.csv"
    lines = fleet.read_text().splitlines()
    head = [ln for ln in lines if ln.startswith(("#", "id,"))]
    body = [ln.split(",") for ln in lines if not ln.startswith(("#", "id,"))]
    for row in body:
        row[4] = "1" if row[1] == "kar-tobe-rh" else "0"
    fleet.write_text("\n".join(head + [",".join(r) for r in body]) + "\n")
    result = runner.invoke(app, ["reach", str(folder)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "unit(s) flagged" in result.stdout
    assert "0 of 6" not in result.stdout


def test_routes_bench_prints_gap(bench_dir: Path) -> None:
    """routes-bench on C101 with a BKS value prints cost, vehicles and a gap >= 0."""
    result = runner.invoke(
        app, ["routes-bench", str(bench_dir / "solomon" / "C101.txt"), "--time-limit", "0.5",
              "--bks", "827.3", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["convention"] == "dimacs"
    assert row["gap_pct"] >= -1e-9


def test_routes_bench_vehicles_first_with_two_workers_serves_every_customer(
    bench_dir: Path,
) -> None:
    """--convention hierarchical --workers 2 on C101: a feasible run, fleet at least the BKS's."""
    result = runner.invoke(
        app, ["routes-bench", str(bench_dir / "solomon" / "C101.txt"), "--time-limit", "1",
              "--convention", "hierarchical", "--workers", "2", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["feasible"] is True
    assert row["vehicles"] >= 10  # C101's best-known fleet


def test_routes_bench_scores_a_sol_file_in_the_same_convention(bench_dir: Path) -> None:
    """--bks FILE.sol is re-scored: X-n101-k25.sol gives its published 27591."""
    x = bench_dir / "cvrplib_x"
    result = runner.invoke(
        app, ["routes-bench", str(x / "X-n101-k25.vrp"), "--time-limit", "0.3",
              "--bks", str(x / "X-n101-k25.sol"), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert (row["bks"], row["bks_vehicles"]) == (27591.0, 26)


def test_routes_bench_missing_instance_exits_3(tmp_path: Path) -> None:
    """An instance file that does not exist exits 3 (not found) without a traceback."""
    proc = run_cli("routes-bench", str(tmp_path / "nope.vrp"))
    assert proc.returncode == 3
    assert "no instance file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_routes_report_has_routes_and_reach_sections(folder: Path, tmp_path: Path) -> None:
    """Option --report writes the plan report with the convoy routes and the reach check."""
    html = tmp_path / "report.html"
    result = runner.invoke(
        app, ["routes", str(folder), "--day", "20", "--time-limit", "1", "--report", str(html)]
    )
    assert result.exit_code == 0, result.output
    text = html.read_text()
    assert 'id="convoy-routes"' in text
    assert 'id="reach-check"' in text


def test_routes_report_is_titled_for_the_day_and_in_words(folder: Path, tmp_path: Path) -> None:
    """The routes report is a "Routes report" of its day, its tables headed in words.

    It was titled "Plan report: …" and headed by the CSV's ``turns_per_truck``.
    """
    html = tmp_path / "report.html"
    args = ["routes", str(folder), "--day", "20", "--time-limit", "1", "--report", str(html)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = html.read_text()
    scenario = load_scenario(folder)
    day = scenario.start_date + dt.timedelta(days=20)
    title = f"Routes report: {scenario.name}, C+20 ({day.isoformat()})"
    assert f"<title>{title}</title>" in text.replace("&#39;", "'")
    assert "Plan report" not in text
    for raw in ("turns_per_truck", "depot_load_pct", "round_trip_h", "start_h", "supply_point"):
        assert f">{raw}<" not in text


@pytest.mark.parametrize(
    ("option", "value"),
    [("--seed", "-1"), ("--seed", str(2**32)), ("--time-limit", "inf")],
)
def test_routes_refuses_a_seed_pyvrp_cannot_take_and_an_endless_limit(
    folder: Path, option: str, value: str
) -> None:
    """A seed outside 32 bits crashed the router; ``inf`` seconds ran without end: exit 2."""
    result = runner.invoke(app, ["routes", str(folder), "--day", "14", option, value])
    assert result.exit_code == 2
    assert option in result.output


def test_routes_bench_bad_instance_or_bks_exits_2_with_file_and_line(tmp_path: Path) -> None:
    """A fractional demand, or a .sol naming an unknown customer, exits 2 with file:line."""
    inst = tmp_path / "tiny.txt"
    inst.write_text(
        "TINY\n\nVEHICLE\nNUMBER CAPACITY\n3 200\n\nCUSTOMER\nCUST NO. X Y\n\n"
        "0 40 50 0 0 1236 0\n1 45 68 {demand} 0 967 90\n2 45 70 30 0 870 90\n"
    )
    text = inst.read_text()
    sol = tmp_path / "unk.sol"
    sol.write_text("Route #1: 1 2 99999\n")
    inst.write_text(text.replace("{demand}", "10.5"))
    proc = run_cli("routes-bench", str(inst), "--time-limit", "0.1")
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert f"{inst}:11: customer 1: demand 10.5 must be a whole number" in proc.stderr
    inst.write_text(text.replace("{demand}", "10"))
    proc = run_cli("routes-bench", str(inst), "--time-limit", "0.1", "--bks", str(sol))
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)
    assert f"{sol}:1: customer 99999 is not in the instance" in proc.stderr
    proc = run_cli("routes-bench", str(inst), "--time-limit", "0.1", "--bks", "nan")
    assert (proc.returncode, "Traceback" in proc.stderr) == (2, False)


@pytest.mark.parametrize(
    ("option", "value"),
    [("--seed", "-1"), ("--time-limit", "inf"), ("--workers", "1000")],
)
def test_routes_bench_refuses_options_that_crash_or_never_end(
    tmp_path: Path, option: str, value: str
) -> None:
    """The same bounds as ``routes``; checked before the instance is read."""
    result = runner.invoke(app, ["routes-bench", str(tmp_path / "x.txt"), option, value])
    assert result.exit_code == 2
    assert option in result.output


def test_routes_bench_table_shows_cost_and_bks_to_a_tenth(bench_dir: Path) -> None:
    """A BKS of 827.3 reads 827.3 beside the cost to a tenth, not 827 beside 828.

    Above 100 the tables' shared rule shows whole numbers, and the gap could not be
    checked as read.
    """
    result = runner.invoke(
        app, ["routes-bench", str(bench_dir / "solomon" / "C101.txt"), "--time-limit", "0.5",
              "--bks", "827.3"],
        terminal_width=200,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tenths = re.findall(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d(?![\d])", result.stdout)
    assert "827.3" in tenths
    assert len(tenths) >= 2  # the cost, to a tenth, and the BKS
