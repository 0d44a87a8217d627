r"""The text the ledger keeps from a caller: keys, notes, users and versions, checked first.

A tester (t125) found that a note or an idempotency key could hold an escape sequence or a
U+202E, which ids and names refuse (an ``\x1b[31m`` reached the terminal of whoever ran
``ledger show``); that a user of 150 characters was stored by SQLite but is past the
``user_name`` column's 100, which PostgreSQL refused in the write (exit 7); that
``expected_version=-1`` was a ConflictError ("you expected -1"); and that an over-long key
was quoted cut in the middle of its quote. Each is an ``ArgumentError`` now, before any
transaction, naming the argument and the rule. These run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ledger_support import DEU, NLD

from supplyline.errors import ArgumentError, quoted
from supplyline.services.ledger import Actor, Ledger, OrderRequest, OrderStatus
from supplyline.types import MAX_KEY_LEN, MAX_USER_LEN

AGREEMENT = "NLD-DEU-1"
Call = Callable[[Ledger, int], object]


def _request(**more: object) -> Callable[[Ledger, int], object]:
    return lambda ledger, _order: ledger.request(
        NLD, agreement_id=AGREEMENT, item="fuel", quantity=Decimal(2), **more
    )


def _batch(ledger: Ledger, _order: int) -> object:
    wanted = OrderRequest(agreement_id=AGREEMENT, item="fuel", quantity=1, note="a\x07")
    return ledger.request_all(NLD, [wanted])


BAD: dict[str, tuple[Call, str]] = {  # a call, and the pattern of what it is told
    "note-escape": (
        lambda ledger, order: ledger.accept(DEU, order, note="a\x1b[31mb"),
        r"note\(='a\\x1b\[31mb'\) has the control character U\+001B .*: a note may have several",
    ),
    "reason-bidi": (
        lambda ledger, order: ledger.reject(DEU, order, reason="\u202eevil"),
        r"reason\(=.*\) has the text-direction control U\+202E",
    ),
    "note-lone-cr": (_request(note="a\rb"), r"note\(=.*\) has the control character U\+000D"),
    "key-bidi": (
        lambda ledger, order: ledger.cancel(NLD, order, idempotency_key="k\u202e1"),
        r"idempotency_key\(=.*\) has the text-direction .*: an idempotency key is 1 to 200",
    ),
    "key-line-break": (_request(idempotency_key="k\n1"), r"\(U\+000A\): a key is one line"),
    "version-minus-1": (
        lambda ledger, order: ledger.accept(DEU, order, expected_version=-1),
        r"expected_version\(=-1\) is below 1: an order's versions count from 1",
    ),
    "version-0": (
        lambda ledger, order: ledger.accept(DEU, order, expected_version=0),
        r"expected_version\(=0\) is below 1",
    ),
    "batch-note": (_batch, r"requests\[0\]\.note\(=.*\) has the control character U\+0007"),
}


@pytest.mark.parametrize(("call", "said"), list(BAD.values()), ids=list(BAD))
def test_a_bad_note_key_or_version_is_refused_before_anything_is_written(
    nld_deu: Ledger, call: Call, said: str
) -> None:
    """An ArgumentError naming the argument and the rule; the ledger is as it was."""
    order = nld_deu.request(NLD, agreement_id=AGREEMENT, item="fuel", quantity=Decimal(1))
    before = len(nld_deu.events(NLD))
    with pytest.raises(ArgumentError, match=said):
        call(nld_deu, order.id)
    assert len(nld_deu.events(NLD)) == before
    assert [o.status for o in nld_deu.orders(NLD)] == [OrderStatus.REQUESTED]


def test_a_user_and_a_key_as_long_as_their_columns_are_kept(nld_deu: Ledger) -> None:
    """The limits are the columns' own: at them, every database stores the text whole."""
    longest = Actor(partner="NLD", user="u" * MAX_USER_LEN)
    key = "k" * MAX_KEY_LEN
    order = nld_deu.request(
        longest, agreement_id=AGREEMENT, item="fuel", quantity=Decimal(1), idempotency_key=key
    )
    again = nld_deu.request(
        longest, agreement_id=AGREEMENT, item="fuel", quantity=Decimal(1), idempotency_key=key
    )
    assert (again.id, nld_deu.order(NLD, order.id).requested_by) == (order.id, longest.user)
    assert nld_deu.events(NLD)[-1].user == longest.user
    assert nld_deu.verify().ok


def test_a_user_past_the_column_is_refused_saying_the_limit() -> None:
    """It was stored by SQLite and refused by PostgreSQL in the write, a database error."""
    with pytest.raises(ArgumentError) as refused:
        Actor(partner="NLD", user="u" * (MAX_USER_LEN + 1))
    assert "is 101 characters long: a user name is 1 to 100 characters" in str(refused.value)


def test_a_note_keeps_its_lines_and_tabs(nld_deu: Ledger) -> None:
    """A note is a note of several lines, as a CSV cell keeps them (LF, or CR LF)."""
    note = "from the north depot\r\npier 2\n\tgate 3"
    order = nld_deu.request(
        NLD, agreement_id=AGREEMENT, item="fuel", quantity=Decimal(1), note=note
    )
    assert nld_deu.order(DEU, order.id).note == note


@given(st.text(), st.integers(min_value=4, max_value=80))
def test_a_shortened_quote_is_still_closed(text: str, limit: int) -> None:
    """``quoted`` never cuts a quote open (``'kkkk…kkk`` read as never closed)."""
    shown = quoted(text, limit)
    assert shown[0] == shown[-1]
    assert shown[0] in "'\""
    assert shown == repr(text) or (len(shown) == limit and shown[-2] == "…")
