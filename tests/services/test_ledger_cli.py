"""The ``supplyline ledger`` and ``db`` commands.

The CLI only translates, so these tests check the translation: exit codes, messages
without tracebacks, formats, the statement file; the rules are tested on the service.
Most run in-process (Typer's runner, errors mapped as ``main`` maps them); two run a
real ``python -m supplyline`` process, as a user would.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.errors import SupplylineError
from supplyline.io import load_scenario
from supplyline.io.plan_files import write_plan

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
AGREEMENT = "wm-os-hns-2025"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(tmp: Path, *args: str) -> Ran:
    """Run a command in-process on ``tmp/cli.db``, mapping errors to exit codes like ``main``."""
    _register_commands()
    result = CliRunner().invoke(
        app, [*args, "--db", f"sqlite:///{tmp / 'cli.db'}"], env={"USER": "tester"}
    )
    if isinstance(result.exception, SupplylineError):
        return Ran(exit_code_for(result.exception), result.stdout, str(result.exception))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_process(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m supplyline`` in ``tmp`` with its database there."""
    env = {**os.environ, "SUPPLYLINE_DATABASE_URL": f"sqlite:///{tmp / 'cli.db'}", "USER": "tester"}
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        cwd=tmp,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CLI database with the example's agreement and one order settled by the CLI."""
    tmp = tmp_path_factory.mktemp("cli")
    steps = [
        ["ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark"],
        ["ledger", "request", "--as", "westmark", "--agreement", AGREEMENT, "--item", "fuel",
         "--quantity", "20", "--needed-on", "2025-08-01", "--key", "r1"],
        ["ledger", "accept", "1", "--as", "ostravia"],
        ["ledger", "issue", "1", "--as", "ostravia", "--quantity", "20"],
        ["ledger", "receive", "1", "--as", "westmark", "--quantity", "19",
         "--condition", "damaged"],
        ["ledger", "bill", "1", "--as", "ostravia"],
        ["ledger", "settle", "1", "--as", "westmark", "--amount", "10000"],
    ]  # fmt: skip
    for step in steps:
        done = run(tmp, *step)
        assert done.returncode == 0, done.stderr
    return tmp


def test_db_upgrade_creates_then_reports_current(tmp_path: Path) -> None:
    """The first ``db upgrade`` creates the schema; the second says it is current."""
    first, second = run(tmp_path, "db", "upgrade"), run(tmp_path, "db", "upgrade")
    assert ("from empty to revision 0001" in first.stdout, "already at" in second.stdout) == (
        True,
        True,
    )


def test_the_default_database_is_a_file_in_the_current_directory(tmp_path: Path) -> None:
    """Without SUPPLYLINE_DATABASE_URL the ledger lives in ./supplyline.db."""
    env = {k: v for k, v in os.environ.items() if k != "SUPPLYLINE_DATABASE_URL"}
    subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", "verify"],
        cwd=tmp_path, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert (tmp_path / "supplyline.db").is_file()


def test_balance_as_json_shows_what_is_owed(session: Path) -> None:
    """Westmark owes Ostravia the value of 19 t of fuel less the 10,000 EUR it paid."""
    done = run(session, "ledger", "balance", "--as", "westmark", "--format", "json")
    rows = json.loads(done.stdout)
    assert [(r["counterparty"], r["unit"], r["net"]) for r in rows] == [
        ("ostravia", "EUR", "-17550.00")
    ]


def test_statement_csv_file_matches_the_printed_balance(session: Path) -> None:
    """``statement -o`` writes the CSV; its last balance is Ostravia's receivable."""
    out = session / "out" / "statement.csv"
    run(session, "ledger", "statement", "--as", "ostravia", "-o", str(out))
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["kind"], r["amount"], r["balance"]) for r in rows] == [
        ("bill", "27550.00", "27550.00"),
        ("settlement", "-10000.00", "17550.00"),
    ]


def test_a_wrong_party_gets_exit_4_and_no_traceback(session: Path) -> None:
    """Ostravia may not confirm a receipt: exit code 4, one clear line."""
    done = run_process(session, "ledger", "receive", "1", "--as", "ostravia")
    assert (done.returncode, "Traceback" in done.stderr) == (4, False)
    assert "only the receiver (westmark) may receive order 1" in done.stderr


def test_bad_numbers_are_refused_before_anything_happens(session: Path) -> None:
    """A quantity that is not a number is a usage error (exit 2) naming the option."""
    done = run(session, "ledger", "issue", "1", "--as", "ostravia", "--quantity", "lots")
    assert (done.returncode, "'lots' is not a number" in done.stderr) == (2, True)


def test_a_partner_outside_sees_an_empty_list(session: Path) -> None:
    """A partner with no agreement sees no orders."""
    done = run(session, "ledger", "orders", "--as", "nobody", "--format", "json")
    assert json.loads(done.stdout) == []


def test_verify_names_the_edited_event_and_fails(tmp_path: Path, session: Path) -> None:
    """After one event row is edited, ``ledger verify`` exits 1 and names that event."""
    copy = tmp_path / "cli.db"
    with sqlite3.connect(session / "cli.db") as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the file alone may miss what is still in the WAL
    engine = create_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE ledger_event SET partner = 'ostravia' WHERE seq = 2"))
    engine.dispose()
    done = run(tmp_path, "ledger", "verify")
    assert (done.returncode, "event 2:" in done.stderr) == (1, True)


def test_propose_drafts_the_orders_a_plan_implies(tmp_path: Path) -> None:
    """A plan delivering Ostravian fuel to a Westmark unit drafts one order under the MLSA."""
    scenario = load_scenario(EXAMPLE)
    unit = next(u for u in scenario.units if u.partner == "westmark")
    plan = Plan(
        scenario=scenario.name,
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        deliveries=(
            Delivery(unit=unit.id, location=unit.destination, commodity="fuel", day=20,
                     tonnes=12.5, source_partner="ostravia"),
        ),
    )  # fmt: skip
    write_plan(tmp_path / "plan", scenario, plan)
    done = run(
        tmp_path, "ledger", "propose", str(tmp_path / "plan"), "--scenario", str(EXAMPLE),
        "--submit", "--as", "westmark", "--format", "json",
    )  # fmt: skip
    rows = json.loads(done.stdout)
    assert [(r["provider"], r["quantity_t"], r["agreement"], r["submitted"]) for r in rows] == [
        ("ostravia", "12.500", AGREEMENT, "order 1")
    ]
    assert scenario.start_date + dt.timedelta(days=20) == dt.date.fromisoformat(
        rows[0]["needed_on"]
    )
