"""What a script or a command line types is read alike, and a mistake is said in one voice.

A tester's ``request(quantity="12 t")`` was told text is not an exact amount (it is);
``needed_on="2025-13-01"`` only that it ``must be a date``; ``--quantity 1_000`` was 1000
and ``３０`` 30; ``settle --amount 100 --quantity 5`` on a cash order said ``settle an
amount``; ``accept -1`` said ``No such option: -1``; a SQLite URL's ``?mode=ro`` printed a
raw SAWarning; an unreachable PostgreSQL server said only ``connection failed``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ledger_support import DEU, NLD
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import ArgumentError, StorageError
from supplyline.services.db.engine import Database, url_problem
from supplyline.services.ledger import Ledger
from supplyline.services.ledger.arguments import amount_arg, date_arg
from supplyline.services.ledger.errors import LedgerRuleError


def _request(ledger: Ledger, **given: object) -> object:
    args: dict[str, object] = {"agreement_id": "NLD-DEU-1", "item": "fuel", "quantity": D(2)}
    return ledger.request(NLD, **{**args, **given})  # type: ignore[arg-type]


def test_text_with_a_unit_is_said_in_the_command_lines_words(nld_deu: Ledger) -> None:
    """``"12 t"``: ``has a unit in it: write 12``, not "must be … text …, not str"."""
    with pytest.raises(ArgumentError, match=r"'12 t' has a unit in it: write 12 ") as caught:
        _request(nld_deu, quantity="12 t")
    assert "not str" not in str(caught.value)


@pytest.mark.parametrize("text", ["1_000", "1_0", "３０", "١٢", "５"])
def test_underscores_and_other_digits_are_refused_by_the_api(text: str) -> None:
    """As the scenario loader and the options refuse them (they were 1000, 30, 12)."""
    with pytest.raises(ArgumentError, match=r"is not a number|digits other than 0-9"):
        amount_arg(text, "quantity")


@given(number=st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_is_the_decimal_it_prints_as(number: float) -> None:
    """Any finite float is taken as its repr (0.1 is 0.1), which reads back as the float."""
    amount = amount_arg(number, "quantity")
    assert amount == D(repr(number))
    assert float(amount) == number


def test_a_date_is_taken_as_iso_text_and_a_wrong_one_said_why() -> None:
    """``"2025-08-01"`` is that day; ``"2025-13-01"`` says there is no month 13."""
    assert date_arg("2025-08-01", "needed_on") == dt.date(2025, 8, 1)
    with pytest.raises(ArgumentError, match=r"needed_on\(='2025-13-01'\): .*no month 13"):
        date_arg("2025-13-01", "needed_on")


def _billed(ledger: Ledger, mode: str) -> int:
    order = _request(ledger, mode=mode)
    order_id: int = order.id  # type: ignore[attr-defined]
    ledger.accept(DEU, order_id)
    ledger.issue(DEU, order_id, D(2))
    ledger.receive(NLD, order_id)
    ledger.bill(DEU, order_id, due_on=dt.date(2030, 1, 1) if mode != "cash" else None)
    return order_id


@pytest.mark.parametrize(
    ("mode", "amount", "quantity", "drop"),
    [
        ("cash", D(100), D(1), "drop --quantity"),
        ("replacement_in_kind", D(100), D(1), "drop --amount"),
    ],
)
def test_settling_with_the_wrong_figure_says_which_to_drop(
    nld_deu: Ledger, mode: str, amount: D, quantity: D, drop: str
) -> None:
    """A cash order given both says drop --quantity (it said "settle an amount")."""
    order_id = _billed(nld_deu, mode)
    with pytest.raises(LedgerRuleError, match=drop):
        nld_deu.settle(NLD, order_id, amount=amount, quantity=quantity)


def _cli(*args: str) -> tuple[int, str]:
    _register_commands()
    done = CliRunner().invoke(app, list(args), env={"USER": "tester", "COLUMNS": "300"})
    return done.exit_code, done.output


@pytest.mark.parametrize("order", ["-1", "-2.0", "0", "x"])
@pytest.mark.parametrize("command", ["accept", "show", "issue"])
def test_an_order_number_is_a_whole_number_from_1(order: str, command: str) -> None:
    """``accept -1`` is an order number refused as one (it was ``No such option: -1``)."""
    code, said = _cli("ledger", command, order, "--as", "NLD", "--db", "sqlite:///none.db")
    assert code == 2
    assert "an order number, a whole number from 1" in said
    assert "No such option" not in said


@pytest.mark.parametrize("text", ["1_000", "３０", "١٢"])
def test_quantity_options_refuse_underscores_and_other_digits(text: str) -> None:
    """Exit 2 in the loader's words (``1_000`` was 1000, ``３０`` 30)."""
    code, said = _cli(
        "ledger", "issue", "1", "--as", "NLD", "--quantity", text, "--db", "sqlite:///none.db"
    )
    assert code == 2
    assert "is not a number" in said or "digits other than 0-9" in said


def test_a_sqlite_url_with_a_query_is_refused_in_words() -> None:
    """``?mode=ro`` is a bad URL said so (it was a raw SAWarning, and ignored)."""
    problem = url_problem("sqlite:////x/l.db?mode=ro")
    assert problem is not None
    assert "takes no options in its URL (?mode=ro)" in problem


def test_an_unreachable_postgres_server_says_what_to_check() -> None:
    """The URL without its password, and host, port, that the server runs."""
    db = Database("postgresql://bob:secret@127.0.0.1:1/nowhere", busy_timeout_s=1)
    try:
        with pytest.raises(StorageError) as caught, db.session(write=False):
            pass
    finally:
        db.dispose()
    said = str(caught.value)
    assert said.startswith("cannot connect to the PostgreSQL database ")
    assert "bob:***@127.0.0.1:1/nowhere" in said
    assert "secret" not in said
    assert "check the host and port in the URL, that the server runs" in said
