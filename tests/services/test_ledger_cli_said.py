"""What the ledger commands say of a slip (a typo, a unit, a comma) and of a partial submit.

A relief coordinator's findings: ``--item watr`` was a rule broken (exit 5) with ``water``
somewhere in a list; ``--as HopeAid`` was "no agreement … (known: none)" on ``request``
but "did you mean 'hopeaid'?" on ``balance``; ``--quantity 100t`` only "not a number";
and ``propose --submit`` left out its largest draft with exit 0 and no word after the
table. Each test runs the command in-process, errors mapped to exit codes as ``main`` maps
them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import ledger_run, write_hand_plan
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
AGREEMENT = "wm-os-hns-2025"


def _run(tmp: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a command on ``tmp/said.db``."""
    return ledger_run(tmp / "said.db", *args)


@pytest.fixture(scope="module")
def ledger_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger holding the example's agreement and one order westmark requested."""
    tmp = tmp_path_factory.mktemp("said")
    assert _run(tmp, "ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark")[0] == 0
    made = _run(tmp, "ledger", "request", "--as", "westmark", "--agreement", AGREEMENT,
                "--item", "fuel", "--quantity", "2", "--needed-on", "2025-08-01")  # fmt: skip
    assert made[0] == 0
    return tmp


@pytest.mark.parametrize(
    ("quantity", "said"),
    [
        ("100t", "'100t' has a unit in it: write 100 (a plain number for --quantity"),
        ("100 t", "'100 t' has a unit in it: write 100 ("),
        ("1,200", "'1,200' has a comma: write 1200 if it is a thousands separator, or 1.2 if"),
        ("1,5", "'1,5' has a decimal comma: write 1.5 ("),
        ("lots", "'lots' is not a number (a plain number for --quantity)"),
    ],
)
def test_a_quantity_not_plainly_a_number_is_said_in_the_loaders_words(
    ledger_dir: Path, quantity: str, said: str
) -> None:
    """``--quantity 100t`` and ``1,200`` get the scenario loader's advice, exit 2."""
    code, _out, err = _run(ledger_dir, "ledger", "request", "--as", "westmark", "--agreement",
                           AGREEMENT, "--item", "water", "--quantity", quantity)  # fmt: skip
    assert (code, said in " ".join(err.replace("│", " ").split())) == (2, True)


@pytest.mark.parametrize(
    ("item", "code", "said"),
    [
        ("watr", 3, "no item 'watr' in agreement wm-os-hns-2025's scope (did you mean 'water'?;"),
        ("Fuel", 3, "(did you mean 'fuel'?; in scope: food, fuel, fuelling, handling,"),
        ("medical", 5, "'medical' is outside agreement wm-os-hns-2025's scope (food, fuel,"),
    ],
)
def test_an_item_one_slip_off_is_unknown_and_one_outside_breaks_the_agreement(
    ledger_dir: Path, item: str, code: int, said: str
) -> None:
    """A typo of an item in scope is exit 3 with what was meant; another item stays exit 5."""
    done = _run(ledger_dir, "ledger", "request", "--as", "westmark", "--agreement", AGREEMENT,
                "--item", item, "--quantity", "1", "--needed-on", "2025-08-01")  # fmt: skip
    assert (done[0], said in done[2]) == (code, True)


@pytest.mark.parametrize(
    "command",
    [
        ["request", "--agreement", AGREEMENT, "--item", "fuel", "--quantity", "1"],
        ["accept", "1"],
        ["show", "1"],
        ["orders"],
        ["balance"],
        ["events"],
        ["agreements"],
    ],
)
def test_every_command_says_a_mistyped_partner_first(ledger_dir: Path, command: list[str]) -> None:
    """``--as Westmark`` is the same unknown partner, with what was meant, on every command."""
    code, out, err = _run(ledger_dir, "ledger", *command, "--as", "Westmark")
    assert (code, out, err) == (
        3,
        "",
        "no agreement in the ledger names partner 'Westmark' (did you mean 'westmark'?)",
    )


def _plan(tmp: Path, *deliveries: tuple[str, float]) -> Path:
    """A plan of the example delivering Ostravian (commodity, tonnes) to a Westmark unit."""
    scenario = load_scenario(EXAMPLE)
    unit = next(u for u in scenario.units if u.partner == "westmark")
    plan = Plan(
        scenario=scenario.name, start_date=scenario.start_date,
        horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
        deliveries=tuple(
            Delivery(unit=unit.id, location=unit.destination, commodity=item, day=20,
                     tonnes=tonnes, source_partner="ostravia")
            for item, tonnes in deliveries
        ),
    )  # fmt: skip
    write_hand_plan(tmp / "plan", scenario, plan)
    return tmp / "plan"


def test_a_submit_that_leaves_a_draft_out_says_so_after_the_table(tmp_path: Path) -> None:
    """One draft above the per-order ceiling: exit 0, and a line on stderr saying which, why.

    It only showed in a wrapped cell of the table.
    """
    plan = _plan(tmp_path, ("food", 20.0), ("fuel", 200.0))
    code, out, err = _run(tmp_path, "ledger", "propose", str(plan), "--scenario", str(EXAMPLE),
                          "--submit", "--as", "westmark", "--format", "json")  # fmt: skip
    assert (code, [r["submitted"] for r in json.loads(out)]) == (
        0,
        [
            "order 1",
            "290,000.00 EUR is above the agreement's per-order ceiling of 150,000.00 EUR; "
            "split it or raise the ceiling",
        ],
    )
    assert err == (
        "requested 1 of westmark's 2 drafts (order 1); not requested: fuel (290,000.00 EUR is "
        "above the agreement's per-order ceiling of 150,000.00 EUR; split it or raise the "
        "ceiling)\n"
    )


def test_a_retried_submit_says_which_orders_were_already_there(tmp_path: Path) -> None:
    """A retry, then one with a new draft: new orders counted apart from those already there.

    A tester's retry said ``requested 2 of westmark's 6 drafts (orders 1, 2)`` of two orders
    the first submit had made.
    """
    first = _plan(tmp_path, ("food", 20.0))
    args = ["--scenario", str(EXAMPLE), "--submit", "--as", "westmark", "--format", "json"]
    _run(tmp_path, "ledger", "propose", str(first), *args)
    code, out, err = _run(tmp_path, "ledger", "propose", str(first), *args)
    assert (code, [r["submitted"] for r in json.loads(out)], err) == (
        0,
        ["already requested as order 1"],
        "requested 0 of westmark's 1 drafts; 1 already requested before (order 1)\n",
    )
    more = _plan(tmp_path / "more", ("food", 20.0), ("water", 10.0))
    code, out, err = _run(tmp_path, "ledger", "propose", str(more), *args)
    assert (code, [r["submitted"] for r in json.loads(out)], err) == (
        0,
        ["already requested as order 1", "order 2"],
        "requested 1 of westmark's 2 drafts (order 2); 1 already requested before (order 1)\n",
    )


def test_a_submit_of_a_plan_without_drafts_is_refused_storing_nothing(tmp_path: Path) -> None:
    """No cross-partner delivery: exit 5 before the ledger is made (it entered agreements)."""
    plan = _plan(tmp_path)
    code, _out, err = _run(tmp_path, "ledger", "propose", str(plan), "--scenario", str(EXAMPLE),
                           "--submit", "--as", "westmark")  # fmt: skip
    assert (code, (tmp_path / "said.db").exists()) == (5, False)
    assert err.startswith("the plan delivers no partner's stock to another partner's unit")
    assert err.endswith("nothing was stored (no agreement imported, no order made)")


@pytest.mark.parametrize(
    "command",
    [
        ["propose", "{plan}", "--scenario", str(EXAMPLE), "--submit"],
        ["agreements", "import", str(EXAMPLE)],
    ],
)
def test_a_mistyped_partner_of_a_scenario_is_offered_what_it_meant(
    tmp_path: Path, command: list[str]
) -> None:
    """``--as Westmark`` on a submit was "the plan's requests are westmark's" (exit 4)."""
    plan = _plan(tmp_path, ("food", 20.0))
    args = [str(plan) if a == "{plan}" else a for a in command]
    code, _out, err = _run(tmp_path, "ledger", *args, "--as", "Westmark")
    assert (code, (tmp_path / "said.db").exists()) == (3, False)
    assert f"no partner 'Westmark' in the scenario {EXAMPLE} (did you mean 'westmark'?;" in err


@pytest.mark.parametrize("columns", ["80", "160", "40"])
def test_an_orders_table_never_breaks_an_id_a_party_or_a_state(
    ledger_dir: Path, columns: str
) -> None:
    """Each order's id, parties and status stand whole on one line of the table, at any width.

    At 80 columns they broke into one- and two-letter columns (``s/e/t/t/l/e/d``); the
    least important columns are left out, and said, or each order is a block of its own.
    """
    _register_commands()
    db = f"sqlite:///{ledger_dir / 'said.db'}"
    listed = CliRunner().invoke(app, ["ledger", "orders", "--as", "westmark", "--db", db,
                                      "--format", "json"])  # fmt: skip
    shown = subprocess.run(  # a process of its own: rich takes COLUMNS as it starts
        [sys.executable, "-m", "supplyline", "ledger", "orders", "--as", "westmark", "--db", db],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": columns, "USER": "t"},
        timeout=120, check=True,
    )  # fmt: skip
    lines = shown.stdout.splitlines()
    assert max(map(len, lines)) <= int(columns)
    for order in json.loads(listed.stdout):
        words = [str(order[k]) for k in ("provider", "receiver", "status")]
        if columns == "40":  # one order a block: each field on a line of its own
            assert f"order {order['id']}" in shown.stdout
            assert all(any(w in line.split() for line in lines) for w in words)
        else:
            row = [line.split() for line in lines if line.split()[:1] == [str(order["id"])]]
            assert len(row) == 1
            assert set(words) <= set(row[0])
    assert ("not shown at 80 columns: version, mode" in shown.stdout) == (columns == "80")
