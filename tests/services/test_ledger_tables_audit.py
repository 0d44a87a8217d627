"""verify holds every row of the ledger's tables against the events, and names what differs.

Each test makes a ledger through the API, edits a table behind its back with SQL (as
``sqlite3`` would), and checks verify's verdict and words, or what another read says.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import DEU, NLD, make_agreement
from sqlalchemy import text

from supplyline.errors import DamagedDataError, ScenarioError
from supplyline.services.ledger import Ledger, open_ledger
from supplyline.services.settings import get_settings


def _life(ledger: Ledger) -> None:
    """Order 1: cash, billed 3802.00, 1000.00 settled; order 2: in kind, billed 2 t."""
    ledger.add_agreement(NLD, make_agreement())
    one = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D("4"))
    ledger.accept(DEU, one.id)
    ledger.issue(DEU, one.id, D("4"))
    ledger.receive(NLD, one.id)
    ledger.bill(DEU, one.id)
    ledger.settle(NLD, one.id, amount=D("1000"))
    two = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="water", quantity=D("2"), mode="replacement_in_kind"
    )
    ledger.accept(DEU, two.id)
    ledger.issue(DEU, two.id, D("2"))
    ledger.receive(NLD, two.id)
    ledger.bill(DEU, two.id, due_on=dt.date(2030, 1, 31))


def _sql(ledger: Ledger, *statements: str) -> None:
    with ledger.db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _sqlite_only(ledger: Ledger) -> None:
    if ledger.db.is_postgres:
        pytest.skip("PostgreSQL's NUMERIC columns cannot hold such a value")


@pytest.fixture
def lived(ledger: Ledger) -> Ledger:
    """A ledger with the two orders of :func:`_life`."""
    _life(ledger)
    return ledger


def test_an_untouched_ledger_verifies(lived: Ledger) -> None:
    """Rows written by the API match the events' replay exactly."""
    assert lived.verify().ok


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            "UPDATE ledger_order SET provider='NLD', receiver='DEU' WHERE id=1",
            "order 1: provider is 'NLD' in the table but 'DEU' by the events (set by event 2, "
            "request)",
        ),
        (
            "UPDATE ledger_order SET mode='replacement_in_kind' WHERE id=1",
            "order 1: mode is 'replacement_in_kind' in the table but 'cash'",
        ),
        ("UPDATE ledger_order SET currency='USD' WHERE id=1", "currency is 'USD'"),
        ("UPDATE ledger_order SET quantity='5.000', value='4752.50' WHERE id=1", "quantity"),
        (
            "UPDATE ledger_order_line SET amount='3802.00' WHERE kind='settlement'",
            "order 1's line 4 (settlement): amount is '3802.00' in the table but '1000.00'",
        ),
        (
            "UPDATE ledger_price SET per_t='1.0000' WHERE commodity='fuel'",
            "agreement NLD-DEU-1's price of fuel in EUR: per_t is '1.0000'",
        ),
        (
            "UPDATE ledger_agreement SET ceiling_total='99999999.00'",
            "agreement NLD-DEU-1: ceiling_total is '99999999.00' in the table but empty",
        ),
        (
            "DELETE FROM ledger_order_line WHERE order_id=1",
            "order 1's line 1 (issue) made by event 4, issue is missing from the table",
        ),
        (
            "INSERT INTO ledger_order_line (order_id, kind, amount, partner, user_name, note, at) "
            "VALUES (1, 'settlement', '2802.00', 'NLD', 'jan', '', '2025-01-01 00:00:00')",
            "order 1's line 8 (settlement) is in the line table but no event made it",
        ),
    ],
)
def test_an_edited_row_is_named(lived: Ledger, edit: str, words: str) -> None:
    """An edit of an order, line, price or agreement row fails verify, naming what differs."""
    _sql(lived, edit)
    report = lived.verify()
    assert not report.ok
    assert words in str(report)


def test_a_deleted_order_is_named_with_its_request(lived: Ledger) -> None:
    """Deleting order 1 and its lines (its debt gone) is named, with the event that made it."""
    _sql(
        lived,
        "DELETE FROM ledger_order_line WHERE order_id=1",
        "DELETE FROM ledger_order WHERE id=1",
    )
    report = lived.verify()
    assert (report.ok, report.bad_seq) == (False, 2)
    assert "order 1 made by event 2, request is missing from the table" in str(report)


def test_garbage_in_an_amount_is_tampering_not_a_crash(lived: Ledger) -> None:
    """'abc' in an order's value: verify names table, row, column and value."""
    _sqlite_only(lived)
    _sql(lived, "UPDATE ledger_order SET value='abc' WHERE id=1")
    report = lived.verify()
    assert not report.ok
    assert "order 1's value 'abc' is not an amount (table ledger_order, column value)" in str(
        report
    )


@pytest.mark.parametrize(
    "read",
    [
        lambda led: led.orders(NLD),
        lambda led: led.statement(NLD),
        lambda led: led.balances(DEU),
        lambda led: led.order(NLD, 1),
        lambda led: led.settle(NLD, 1, amount=D("1")),
    ],
)
def test_garbage_stops_other_calls_with_a_named_cell(lived: Ledger, read: object) -> None:
    """Reads and writes that meet 'abc' raise DamagedDataError naming the cell."""
    _sqlite_only(lived)
    _sql(lived, "UPDATE ledger_order SET value='abc' WHERE id=1")
    with pytest.raises(DamagedDataError, match=r"order 1's value 'abc' is not an amount: the "):
        read(lived)  # type: ignore[operator]


def test_an_empty_settlement_amount_stops_the_statement(lived: Ledger) -> None:
    """A settlement whose amount was emptied is named, not an AssertionError."""
    _sqlite_only(lived)
    _sql(lived, "UPDATE ledger_order_line SET amount=NULL WHERE kind='settlement'")
    with pytest.raises(DamagedDataError, match=r"line 4 \(settlement\)'s amount is empty"):
        lived.statement(NLD)
    assert "amount is empty in the table but '1000.00'" in str(lived.verify())


def test_a_bad_busy_timeout_is_a_person_s_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """SUPPLYLINE_DATABASE_BUSY_TIMEOUT_S=abc is a ScenarioError (exit 2) that names it."""
    monkeypatch.setenv("SUPPLYLINE_DATABASE_BUSY_TIMEOUT_S", "abc")
    get_settings.cache_clear()
    try:
        with pytest.raises(ScenarioError, match="SUPPLYLINE_DATABASE_BUSY_TIMEOUT_S='abc' is not"):
            get_settings()
    finally:
        get_settings.cache_clear()


_COLUMNS = {
    "ledger_order": [
        ("provider", "'FRA'"),
        ("receiver", "'FRA'"),
        ("agreement_id", "'NLD-DEU-1x'"),
        ("item", "'water'"),
        ("item_kind", "'service'"),
        ("quantity", "'4.001'"),
        ("unit_price", "'950.5100'"),
        ("currency", "'USD'"),
        ("value", "'3802.01'"),
        ("mode", "'equal_value_exchange'"),
        ("needed_on", "'2030-01-01'"),
        ("status", "'settled'"),
        ("version", "9"),
        ("issued_qty", "'3.000'"),
        ("received_qty", "'3.000'"),
        ("billed_amount", "'1.00'"),
        ("billed_qty", "'1.000'"),
        ("due_on", "'2030-01-01'"),
        ("settled_amount", "'3802.00'"),
        ("settled_qty", "'1.000'"),
        ("requested_by", "'mallory'"),
        ("note", "'x'"),
        ("created_at", "'2020-01-01 00:00:00.000000'"),
        ("updated_at", "'2020-01-01 00:00:00.000000'"),
    ],
    "ledger_order_line": [
        ("order_id", "2"),
        ("kind", "'bill'"),
        ("ref_line", "7"),
        ("quantity", "'0.001'"),
        ("amount", "'0.01'"),
        ("condition", "'damaged'"),
        ("mode", "'cash'"),
        ("due_on", "'2030-01-01'"),
        ("partner", "'FRA'"),
        ("user_name", "'mallory'"),
        ("note", "'x'"),
        ("at", "'2020-01-01 00:00:00.000000'"),
    ],
    "ledger_agreement": [
        ("name", "'other'"),
        ("party_a", "'FRA'"),
        ("valid_from", "'2001-01-01'"),
        ("valid_to", "'2098-01-01'"),
        ("commodities", "'[\"fuel\"]'"),
        ("services", "'[]'"),
        ("reimbursement_modes", "'[\"cash\"]'"),
        ("currency", "'USD'"),
        ("ceiling_per_order", "'1.00'"),
        ("ceiling_total", "'1.00'"),
        ("created_at", "'2020-01-01 00:00:00.000000'"),
    ],
    "ledger_price": [("per_t", "'1.0000'"), ("commodity", "'oil'"), ("currency", "'USD'")],
}
_CELLS = [(table, column, value) for table, cols in _COLUMNS.items() for column, value in cols]


@pytest.fixture(scope="module")
def lived_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite file of :func:`_life`, made once and copied for each example.

    A path, not the file's bytes: Hypothesis writes its arguments out when an example
    fails, and 375 kB of bytes hid the failure behind a warning about their size.
    """
    path = tmp_path_factory.mktemp("life") / "ledger.db"
    led = open_ledger(f"sqlite:///{path}")
    _life(led)
    led.db.dispose()
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cell=st.sampled_from(_CELLS),
    row=st.integers(1, 4),
)
def test_any_single_cell_edit_is_caught(
    lived_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
    cell: tuple[str, str, str],
    row: int,
) -> None:
    """Any one cell of an order, line, agreement or price set to another valid value fails.

    The edit is made with Python's sqlite3, outside supplyline, as a person would; the
    foreign-key pragma is set before any statement, since SQLite ignores it inside a
    transaction (an agreement_id edited inside one failed its key instead).
    """
    table, column, value = cell
    path = tmp_path_factory.mktemp("edit") / "ledger.db"
    shutil.copyfile(lived_file, path)
    where = "rowid = (SELECT min(rowid) FROM " + table + f") + {row - 1}"
    raw = sqlite3.connect(path)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        changed = raw.execute(
            f"UPDATE {table} SET {column} = {value} WHERE {where} AND {column} IS NOT {value}"
        ).rowcount
        raw.commit()
    finally:
        raw.close()
    led = open_ledger(f"sqlite:///{path}")
    try:
        report = led.verify()
        assert report.ok is (changed == 0), (changed, str(report))
    finally:
        led.db.dispose()
