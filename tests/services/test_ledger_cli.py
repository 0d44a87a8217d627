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
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from ledger_support import write_hand_plan
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.errors import SupplylineError
from supplyline.io import load_scenario

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
    """Without SUPPLYLINE_DATABASE_URL the ledger lives in ./supplyline.db (made by a write)."""
    env = {k: v for k, v in os.environ.items() if k != "SUPPLYLINE_DATABASE_URL"}
    subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", "agreements", "import", str(EXAMPLE),
         "--as", "westmark"],
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
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["kind"], r["amount"], r["balance"]) for r in rows] == [
        ("bill", "27550.00", "27550.00"),
        ("settlement", "-10000.00", "17550.00"),
    ]


def test_show_as_json_is_one_object_of_the_order_and_its_lines(session: Path) -> None:
    """``show --format json`` printed two arrays one after the other (not JSON)."""
    done = run(session, "ledger", "show", "1", "--as", "westmark", "--format", "json")
    shown = json.loads(done.stdout)
    assert (shown["order"]["id"], [ln["kind"] for ln in shown["lines"]]) == (
        1,
        ["issue", "receipt", "bill", "settlement"],
    )


def test_show_as_csv_is_one_table_of_lines_with_the_order_repeated(session: Path) -> None:
    """``show --format csv`` printed two tables with different headers in one stream."""
    done = run(session, "ledger", "show", "1", "--as", "westmark", "--format", "csv")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [(r["id"], r["status"], r["line_kind"], r["line_quantity"]) for r in rows] == [
        ("1", "billed", "issue", "20.000"),
        ("1", "billed", "receipt", "19.000"),
        ("1", "billed", "bill", ""),
        ("1", "billed", "settlement", ""),
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


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["balance", "--as", "westmak"], "names partner 'westmak' (did you mean 'westmark'?)"),
        (["orders", "--as", "nobody"], "no agreement in the ledger names partner 'nobody'"),
        (["orders", "--as", "westmark", "--agreement", "wm-os-hns-2052"], "did you mean"),
        (["statement", "--as", "westmark", "--with", "ostavia"], "did you mean 'ostravia'?"),
    ],
)
def test_an_unknown_name_to_read_by_is_not_found_with_what_was_meant(
    session: Path, args: list[str], said: str
) -> None:
    """A typo in --as, --agreement or --with listed nothing and exit 0; now exit 3.

    stdout, which had nothing, holds the failure record a program can parse, no listing.
    """
    done = run(session, "ledger", *args, "--format", "json")
    failure = json.loads(done.stdout)
    assert (done.returncode, said in done.stderr) == (3, True)
    assert (failure["status"], failure["exit_code"], said in failure["message"]) == (
        "error",
        3,
        True,
    )


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


def test_propose_on_a_plan_without_a_key_names_it(tmp_path: Path) -> None:
    """A plan.json cut short is exit 2 naming the key ("cannot read the plan: 'objective'")."""
    scenario = load_scenario(EXAMPLE)
    plan = Plan(
        scenario=scenario.name, start_date=scenario.start_date,
        horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
    )  # fmt: skip
    write_hand_plan(tmp_path / "plan", scenario, plan)
    path = tmp_path / "plan" / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({k: v for k, v in data.items() if k != "objective"}), "utf-8")
    done = run(tmp_path, "ledger", "propose", str(tmp_path / "plan"), "--scenario", str(EXAMPLE))
    assert done.returncode == 2
    assert "plan.json has no 'objective'; it is not a whole supplyline plan" in done.stderr


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
    write_hand_plan(tmp_path / "plan", scenario, plan)
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


def test_propose_submitted_by_the_provider_is_refused_storing_nothing(tmp_path: Path) -> None:
    """``--submit --as ostravia`` on westmark's drafts: exit 4 naming who may, no event.

    It imported the agreement and recorded an event, and requested nothing (each row
    "westmark requests this, not ostravia").
    """
    scenario = load_scenario(EXAMPLE)
    unit = next(u for u in scenario.units if u.partner == "westmark")
    plan = Plan(
        scenario=scenario.name, start_date=scenario.start_date,
        horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
        deliveries=(
            Delivery(unit=unit.id, location=unit.destination, commodity="fuel", day=20,
                     tonnes=12.5, source_partner="ostravia"),
        ),
    )  # fmt: skip
    write_hand_plan(tmp_path / "plan", scenario, plan)
    assert run(tmp_path, "db", "upgrade").returncode == 0
    done = run(
        tmp_path, "ledger", "propose", str(tmp_path / "plan"), "--scenario", str(EXAMPLE),
        "--submit", "--as", "ostravia",
    )  # fmt: skip
    assert (done.returncode, _events(tmp_path)) == (4, 0)
    assert "the plan's requests are westmark's to make: run with --as westmark" in done.stderr


def test_propose_submitted_with_only_uncovered_drafts_is_refused_making_nothing(
    tmp_path: Path,
) -> None:
    """``--submit --as westmark`` where no agreement covers westmark's drafts: exit 5, no file.

    It made the ledger, entered the agreement with an event, exited 0 and requested
    nothing. The error names each draft in the words of its note.
    """
    scenario = load_scenario(EXAMPLE)
    unit = next(u for u in scenario.units if u.partner == "westmark")
    plan = Plan(
        scenario=scenario.name, start_date=scenario.start_date,
        horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
        deliveries=(
            Delivery(unit=unit.id, location=unit.destination, commodity="spares", day=20,
                     tonnes=3.0, source_partner="ostravia"),
        ),
    )  # fmt: skip
    write_hand_plan(tmp_path / "plan", scenario, plan)
    done = run(
        tmp_path, "ledger", "propose", str(tmp_path / "plan"), "--scenario", str(EXAMPLE),
        "--submit", "--as", "westmark",
    )  # fmt: skip
    on = scenario.start_date + dt.timedelta(days=20)
    assert (done.returncode, (tmp_path / "cli.db").exists()) == (5, False)
    assert (
        f"westmark has nothing to request from this plan: no agreement covers ostravia "
        f"supplying westmark with spares on {on} (it needs an agreement between ostravia "
        f"and westmark with spares in its scope, valid on {on}); nothing was stored"
    ) in done.stderr


def _events(tmp: Path) -> int:
    with sqlite3.connect(tmp / "cli.db") as conn:
        return int(conn.execute("SELECT count(*) FROM ledger_event").fetchone()[0])


REQUEST = ["ledger", "request", "--as", "westmark", "--agreement", AGREEMENT,
           "--needed-on", "2025-08-01"]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([*REQUEST, "--item", "fuel", "--quantity", "1e30"], "at most 999,999,999,999,999.999"),
        ([*REQUEST, "--item", "fuel", "--quantity", "1e400"], "at most 999,999,999,999,999.999"),
        ([*REQUEST, "--item", "fuel", "--quantity", "-5"], "must be more than 0 (got -5)"),
        ([*REQUEST, "--item", "fuel", "--quantity", "0"], "must be more than 0 (got 0)"),
        ([*REQUEST, "--item", "fuel", "--quantity", "-0"], "must be more than 0 (got -0)"),
        ([*REQUEST, "--item", "fuel", "--quantity", "0.0000001"],
         "for --quantity: at most 3 decimals (got 0.0000001)"),
        ([*REQUEST, "--item", "transport", "--quantity", "1", "--unit-price", "1e30"],
         "at most 99,999,999,999,999.9999"),
        ([*REQUEST, "--item", "transport", "--quantity", "1", "--unit-price", "-1"],
         "for --unit-price: must be 0 or more (got -1)"),
        (["ledger", "issue", "1", "--as", "ostravia", "--quantity", "1e400"], "at most"),
        (["ledger", "receive", "1", "--as", "westmark", "--quantity", "-1"],
         "for --quantity: must be 0 or more (got -1)"),
        (["ledger", "bill", "1", "--as", "ostravia", "--amount", "1e400"],
         "at most 9,999,999,999,999,999.99"),
        (["ledger", "bill", "1", "--as", "ostravia", "--amount", "-3"], "0 or more (got -3)"),
        (["ledger", "settle", "1", "--as", "westmark", "--amount", "1e400"],
         "at most 9,999,999,999,999,999.99"),
        (["ledger", "settle", "1", "--as", "westmark", "--amount", "-3"],
         "for --amount: must be more than 0 (got -3)"),
        (["ledger", "settle", "1", "--as", "westmark", "--amount", "0.001"],
         "for --amount: at most 2 decimals"),
    ],
)  # fmt: skip
def test_impossible_amounts_are_usage_errors_and_change_nothing(
    session: Path, args: list[str], message: str
) -> None:
    """Negative, zero, too precise or beyond-storage amounts: exit 2, said in option words."""
    before = _events(session)
    done = run(session, *args)
    assert (done.returncode, message in " ".join(done.stderr.replace("│", " ").split())) == (
        2,
        True,
    ), done.stderr
    assert _events(session) == before


def test_a_huge_amount_is_refused_by_the_process_without_a_traceback(session: Path) -> None:
    """As a user runs it: exit 2 and the largest amount allowed, no ``InvalidOperation``."""
    done = run_process(session, *REQUEST, "--item", "fuel", "--quantity", "1e30")
    assert (done.returncode, "Traceback" in done.stderr) == (2, False)
    assert "999,999,999,999,999.999" in " ".join(done.stderr.replace("│", " ").split())


@pytest.mark.parametrize("command", ["accept", "show", "cancel"])
def test_an_order_number_beyond_any_is_not_found(session: Path, command: str) -> None:
    """An order id too large for the database is an order that does not exist (exit 3)."""
    done = run(session, "ledger", command, "99999999999999999999999", "--as", "ostravia")
    assert (done.returncode, "no order 99999999999999999999999" in done.stderr) == (3, True)


def test_statement_output_that_cannot_be_written_is_refused(tmp_path: Path, session: Path) -> None:
    """A folder, a path under a file, a scenario's own file: exit 8, nothing written."""
    a_file = tmp_path / "afile"
    a_file.write_text("keep\n", encoding="utf-8")
    scenario = tmp_path / "scenario"
    scenario.mkdir()
    (scenario / "scenario.yaml").write_text("name: x\n", encoding="utf-8")
    (scenario / "units.csv").write_text("id\n", encoding="utf-8")
    for target, message in [
        (tmp_path, "it is a folder"),
        (a_file / "x.csv", "is a file, not a folder"),
        (scenario / "units.csv", "would overwrite the units.csv of the scenario"),
    ]:
        done = run(session, "ledger", "statement", "--as", "ostravia", "-o", str(target))
        assert (done.returncode, message in done.stderr) == (8, True), done.stderr
    assert a_file.read_text(encoding="utf-8") == "keep\n"
    assert (scenario / "units.csv").read_text(encoding="utf-8") == "id\n"


def test_importing_agreements_as_an_unknown_partner_is_refused(tmp_path: Path) -> None:
    """A partner the scenario does not know is not found (exit 3), as for ``request``."""
    run(tmp_path, "db", "upgrade")  # a ledger to list, so that the listing shows it empty
    done = run(tmp_path, "ledger", "agreements", "import", str(EXAMPLE), "--as", "nobody")
    assert (done.returncode, "no partner 'nobody' in the scenario" in done.stderr) == (3, True)
    listed = run(tmp_path, "ledger", "agreements", "--as", "westmark", "--format", "json")
    said = " ".join(listed.stderr.split())
    assert (listed.returncode, said) == (
        3,
        "no agreement in this ledger names 'westmark' "
        "(the ledger is empty: import agreements first)",
    )


def test_an_import_that_cannot_be_stored_whole_stores_nothing(tmp_path: Path) -> None:
    """A second agreement priced to 5 decimals: exit 2 at its line, and the first is not kept.

    It was exit 5 with ``agreements[1]: …`` and no line, while a negative price was exit 2
    at its line: the loader checks the decimals now, as it checks the other fields.
    """
    scenario = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, scenario)
    yaml_file = scenario / "agreements.yaml"
    text_ = yaml_file.read_text(encoding="utf-8")
    second = (
        text_.split("\n", 1)[1].replace(AGREEMENT, "wm-os-2").replace('"4200.00"', '"4200.12345"')
    )
    yaml_file.write_text(text_ + second, encoding="utf-8")
    run(tmp_path, "db", "upgrade")  # a ledger to list, so that the listing shows it empty
    line = 1 + (text_ + second).splitlines().index(next(
        ln for ln in second.splitlines() if "4200.12345" in ln
    ))  # fmt: skip
    done = run_process(tmp_path, "ledger", "agreements", "import", str(scenario), "--as=westmark")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert (
        f"agreements.yaml:{line}: [1].prices.food: price of 'food': '4200.12345' has more decimal "
        "places than 0.0001 (an amount from 0 to 99,999,999,999,999.9999)"
    ) in done.stderr
    listed = run(tmp_path, "ledger", "agreements", "--as", "westmark", "--format", "json")
    said = " ".join(listed.stderr.split())
    assert (listed.returncode, said) == (
        3,
        "no agreement in this ledger names 'westmark' "
        "(the ledger is empty: import agreements first)",
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ceiling_total", '"9999999999999999.99"', None),  # the ledger's bound: taken
        ("ceiling_total", '"10000000000000000.00"',
         "'10000000000000000.00' is too large (an amount from more than 0 to "
         "9,999,999,999,999,999.99)"),
        ("ceiling_per_order", '"150000.001"',
         "'150000.001' has more decimal places than 0.01"),
    ],
)  # fmt: skip
def test_an_agreements_ceilings_are_read_to_the_ledgers_bound(
    tmp_path: Path, key: str, value: str, message: str | None
) -> None:
    """agreements.yaml has the ledger's bound (it refused a ceiling the API stores) and cents."""
    scenario = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, scenario)
    yaml_file = scenario / "agreements.yaml"
    lines = yaml_file.read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith(f"{key}:"))
    lines[at] = f"  {key}: {value}"
    yaml_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run(tmp_path, "ledger", "agreements", "import", str(scenario), "--as", "westmark")
    if message is None:
        assert done.returncode == 0, done.stderr
    else:
        expected = f"agreements.yaml:{at + 1}: [0].{key}: {message}"
        assert (done.returncode, expected in done.stderr) == (2, True), done.stderr


def _through_bill(tmp: Path, mode: str, *bill: str) -> None:
    """Import the example's agreement and take one fuel order of 5 t to its bill."""
    steps = [
        ["ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark"],
        ["ledger", "request", "--as", "westmark", "--agreement", AGREEMENT, "--item", "fuel",
         "--quantity", "5", "--needed-on", "2025-08-01", "--mode", mode],
        ["ledger", "accept", "1", "--as", "ostravia"],
        ["ledger", "issue", "1", "--as", "ostravia", "--quantity", "5"],
        ["ledger", "receive", "1", "--as", "westmark"],
        ["ledger", "bill", "1", "--as", "ostravia", *bill],
    ]  # fmt: skip
    for step in steps:
        done = run(tmp, *step)
        assert done.returncode == 0, done.stderr


def test_in_kind_amounts_are_numbers_with_their_unit_apart_in_csv_and_json(tmp_path: Path) -> None:
    """``billed`` was ``"5.000 t"`` (text) where cash orders had a number; now 5.000 and ``t``."""
    _through_bill(tmp_path, "replacement_in_kind", "--due", "2025-09-15")
    as_csv = run(tmp_path, "ledger", "orders", "--as", "westmark", "--format", "csv")
    as_json = run(tmp_path, "ledger", "show", "1", "--as", "westmark", "--format", "json")
    row = next(csv.DictReader(as_csv.stdout.splitlines()))
    order = json.loads(as_json.stdout)["order"]
    assert [(r["billed"], r["settled"], r["billed_unit"]) for r in (row, order)] == [
        ("5.000", "0.000", "t"),
        ("5.000", "0.000", "t"),
    ]


def test_a_bill_of_nothing_never_reads_minus_zero_in_the_statement(tmp_path: Path) -> None:
    """A bill of 0.00 EUR signed from the receiver's side was written ``-0.00``."""
    _through_bill(tmp_path, "cash", "--amount", "0")
    done = run(tmp_path, "ledger", "statement", "--as", "westmark", "--format", "csv")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [(r["kind"], r["amount"], r["balance"]) for r in rows] == [("bill", "0.00", "0.00")]


def test_tables_show_money_to_the_cent_and_tonnes_to_the_kilogram(tmp_path: Path) -> None:
    """An order of 5 t read ``5`` beside ``29.500``; 0 EUR read ``0``."""
    _through_bill(tmp_path, "replacement_in_kind", "--due", "2025-09-15")
    done = run(tmp_path, "ledger", "show", "1", "--as", "westmark")
    cells = {cell.strip() for cell in done.stdout.split("│")}
    assert {"5.000", "5.000 t", "0.000 t"} <= cells


def test_events_give_full_hashes_to_programs_and_the_head_on_request(session: Path) -> None:
    """JSON cut hashes to 16 hex digits; ``--head`` gives the last event's full hash."""
    events = json.loads(run(session, "ledger", "events", "--as", "westmark", "-f", "json").stdout)
    head = json.loads(
        run(session, "ledger", "events", "--as", "westmark", "--head", "-f", "json").stdout
    )
    assert {len(e["hash"]) for e in events} == {64}
    assert head == [{"seq": events[-1]["seq"], "hash": events[-1]["hash"]}]


@pytest.mark.parametrize("given", ["newdir/", "newdir//"])
def test_a_statement_file_ending_in_a_slash_is_refused_as_a_folder(
    tmp_path: Path, session: Path, given: str
) -> None:
    """``-o newdir/`` wrote a file named ``newdir``; now exit 2, naming a file to give."""
    done = run(session, "ledger", "statement", "--as", "ostravia", "-o", f"{tmp_path}/{given}")
    said = "".join(c for c in done.stdout + done.stderr if c not in "│ \n")
    assert (done.returncode, "isafolderpath:giveafilename" in said) == (2, True)
    assert f"{tmp_path / 'newdir' / 'statement.csv'}".replace(" ", "") in said
    assert list(tmp_path.iterdir()) == []


def test_the_import_summary_lists_each_count_s_own_ids(tmp_path: Path) -> None:
    """Each id list follows the count it belongs to.

    The relief example's gfr is a party to two of its three agreements. The summary read
    "2 added, 0 already there, 1 not gfr's (gfr-man-sharing, mer-gfr-warehousing)",
    which named the added two as the ones refused.
    """
    relief = EXAMPLE.parent / "relief-operation"
    first = run(tmp_path, "ledger", "agreements", "import", str(relief), "--as", "gfr")
    again = run(tmp_path, "ledger", "agreements", "import", str(relief), "--as", "gfr")
    ours, other = "gfr-man-sharing, mer-gfr-warehousing", "mer-cw-water"
    assert " ".join(first.stdout.split()) == (  # as read: the console may wrap it
        f"agreements: 2 added ({ours}), 0 already there, 1 not gfr's ({other})"
    )
    assert " ".join(again.stdout.split()) == (
        f"agreements: 0 added, 2 already there ({ours}), 1 not gfr's ({other})"
    )
