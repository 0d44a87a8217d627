"""A request outside its agreement's period says where its day came from, and how to give one.

A tester typed no ``--needed-on`` and read ``error: 2026-11-30 is outside agreement
wm-os-hns-2025's period``: a date they never gave.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.cli.ledger_agreement_view import agreement_row
from supplyline.errors import SupplylineError
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


def _run(db: str, *args: str) -> tuple[int, str]:
    """Exit code and message of one command in-process, errors mapped as ``main`` maps them."""
    _register_commands()
    result = CliRunner().invoke(app, [*args, "--db", db], env={"USER": "tester"})
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), f"error: {result.exception}"
    return result.exit_code, result.output


def _request(db: str, *more: str) -> tuple[int, str]:
    return _run(db, "ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025",
                "--item", "fuel", "--quantity", "5", *more)  # fmt: skip


def test_todays_default_is_said_with_the_option_and_the_period(tmp_path: Path) -> None:
    """No --needed-on, today outside 2025-07-15 to 2025-09-30: the message names both (exit 5)."""
    db = f"sqlite:///{tmp_path / 'l.db'}"
    assert _run(db, "ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark")[0] == 0
    code, said = _request(db)
    assert code == 5
    assert said.rstrip().endswith(
        "(today, the default of --needed-on: give --needed-on a date in its period, "
        "2025-07-15 to 2025-09-30)"
    )


def test_a_typed_day_outside_the_period_is_said_as_it_was(tmp_path: Path) -> None:
    """--needed-on 2026-01-01: the day the user gave, and the period, no word of a default."""
    db = f"sqlite:///{tmp_path / 'l.db'}"
    _run(db, "ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark")
    code, said = _request(db, "--needed-on", "2026-01-01")
    assert (code, said.strip()) == (
        5,
        "error: 2026-01-01 is outside agreement wm-os-hns-2025's period (2025-07-15 to 2025-09-30)",
    )


def test_the_period_reads_alike_in_both_refusals_and_the_agreements_table(tmp_path: Path) -> None:
    """One form of the period in the two refusals and in ``ledger agreements``.

    A tester read ``within 2026-04-06–2026-05-31`` in one error, ``(2026-04-06 to
    2026-05-31)`` in another; the table said ``2026-04-06..2026-05-31``.
    """
    db = f"sqlite:///{tmp_path / 'l.db'}"
    _run(db, "ledger", "agreements", "import", str(EXAMPLE), "--as", "westmark")
    period = "2025-07-15 to 2025-09-30"
    assert period in _request(db)[1]
    assert f"({period})" in _request(db, "--needed-on", "2026-01-01")[1]
    # the table's row (JSON and CSV give the two dates apart: valid_from, valid_to)
    [agreement] = load_scenario(EXAMPLE).agreements
    assert agreement_row(agreement, machine=False)["valid"] == period
