"""A keyed retry of the same amount written another way replays the first result.

A tester typed back what a table showed, ``--quantity 10.000`` for an order requested as
``10``, with the same ``--key``: it was refused as "a different request" (exit 5), while
``010`` and ``1e1`` were taken. The key is now kept with the amounts as the ledger stores
them, so every spelling of one amount is one request, and another amount still conflicts.
Keys kept before, with the amounts as typed, still find their request.
"""

from __future__ import annotations

import itertools
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import BILATERAL, DEU, NLD, ledger_run

from supplyline.errors import ArgumentError, ConflictError
from supplyline.services.ledger import Ledger
from supplyline.services.ledger import writing as writing_module

_KEYS = itertools.count()


def _spell(amount: D, how: str) -> Any:
    """``amount`` written one of the ways a person or a script writes it."""
    plain = format(amount.normalize(), "f")
    spelled: dict[str, Any] = {
        "plain": plain,
        "stored": str(amount.quantize(D("0.001"))),
        "padded": str(amount.quantize(D("0.0001"))),
        "exponent": f"{amount.normalize():E}",
        "decimal": D(plain + ("" if "." in plain else ".0")),
        "float": float(amount),
    }
    return spelled[how]


_HOWS = ["plain", "stored", "padded", "exponent", "decimal", "float"]


def _request(ledger: Ledger, quantity: Any, key: str) -> int:
    order = ledger.request(
        NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=quantity, idempotency_key=key
    )
    return order.id


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amount=st.decimals(min_value=D("0.001"), max_value=D("100000"), places=3),
    first=st.sampled_from(_HOWS),
    again=st.sampled_from(_HOWS),
    other=st.decimals(min_value=D("0.001"), max_value=D("100000"), places=3),
)
def test_any_spelling_of_the_same_amount_replays_and_another_amount_conflicts(
    nld_deu: Ledger, amount: D, first: str, again: str, other: D
) -> None:
    key = f"req-{next(_KEYS)}"
    made = _request(nld_deu, _spell(amount, first), key)
    assert _request(nld_deu, _spell(amount, again), key) == made
    if other != amount:
        with pytest.raises(ConflictError, match="different request"):
            _request(nld_deu, _spell(other, again), key)


def _received(ledger: Ledger, key: str) -> int:
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="water", quantity="8")
    ledger.accept(DEU, order.id)
    ledger.issue(DEU, order.id, 4, idempotency_key=key)
    return order.id


@pytest.mark.parametrize("again", [4.0, D("4.0"), "4.000", "4E+0", "+4"])
def test_an_issue_retried_with_its_quantity_written_otherwise_replays(
    nld_deu: Ledger, again: Any
) -> None:
    order_id = _received(nld_deu, "iss-1")
    done = nld_deu.issue(DEU, order_id, again, idempotency_key="iss-1")
    assert done.issued_qty == D("4")
    assert len(nld_deu.order(DEU, order_id).lines) == 1
    with pytest.raises(ConflictError, match="different request"):
        nld_deu.issue(DEU, order_id, "4.001", idempotency_key="iss-1")


def test_a_settlement_retried_with_its_amount_written_otherwise_replays(nld_deu: Ledger) -> None:
    order_id = _received(nld_deu, "iss-2")
    nld_deu.receive(NLD, order_id)
    nld_deu.bill(DEU, order_id)
    once = nld_deu.settle(NLD, order_id, amount=10, idempotency_key="set-1")
    again = nld_deu.settle(NLD, order_id, amount="10.00", idempotency_key="set-1")
    assert again.settled_amount == once.settled_amount == D("10.00")
    assert again.version == once.version
    with pytest.raises(ConflictError, match="different request"):
        nld_deu.settle(NLD, order_id, amount="10.01", idempotency_key="set-1")


@pytest.mark.parametrize(
    ("typed", "retried"),
    [
        ("10", "10.000"),
        ("10.000", "10"),
        ("10.0", "10.0"),
        ("10", "1E+1"),
        ("10.50", "10.50"),
        ("10.5", "10.500"),
    ],
)
def test_a_key_kept_before_with_the_amount_as_typed_still_replays(
    nld_deu: Ledger, monkeypatch: pytest.MonkeyPatch, typed: str, retried: str
) -> None:
    """A ledger written before this change kept the digest of the amount as it was typed."""
    with monkeypatch.context() as before:
        before.setattr(writing_module, "spellings", lambda request: (dict(request), []))
        made = _request(nld_deu, D(typed), "old-1")
    assert _request(nld_deu, D(retried), "old-1") == made
    assert len(nld_deu.orders(NLD)) == 1
    with pytest.raises(ConflictError, match="different request"):
        _request(nld_deu, D("11"), "old-1")
    assert nld_deu.verify().ok


def test_the_command_line_replays_what_its_table_shows(tmp_path: Path) -> None:
    """The tester's steps: the retry types back the table's ``10.000`` and ``100.00``."""
    db = tmp_path / "l.db"
    assert (
        ledger_run(db, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark")[0] == 0
    )
    ask = ["ledger", "request", "--as", "westmark", "--agreement", "wm-os-hns-2025"]
    ask += ["--item", "fuel", "--needed-on", "2025-08-20", "--key", "K", "--format", "csv"]
    code, first, _ = ledger_run(db, *ask, "--quantity", "10")
    assert code == 0
    code, again, said = ledger_run(db, *ask, "--quantity", "10.000")
    assert (code, again) == (0, first), said
    order = first.splitlines()[1].split(",")[0]
    for step in (["accept"], ["issue", "--quantity", "10"], ["bill"]):
        assert ledger_run(db, "ledger", step[0], order, "--as", "ostravia", *step[1:])[0] == 0
        if step[0] == "issue":
            assert ledger_run(db, "ledger", "receive", order, "--as", "westmark")[0] == 0
    pay = ["ledger", "settle", order, "--as", "westmark", "--key", "S", "--format", "csv"]
    code, paid, _ = ledger_run(db, *pay, "--amount", "100")
    assert code == 0
    code, again, said = ledger_run(db, *pay, "--amount", "100.00")
    assert (code, again) == (0, paid), said


@pytest.mark.parametrize("retried", ["10", "10.000", "1e1", "10.0", 10.0, "010"])
def test_an_old_key_of_a_request_replays_any_spelling_of_its_amounts(
    nld_deu: Ledger, monkeypatch: pytest.MonkeyPatch, retried: Any
) -> None:
    """The tester's old ledger: request 10.0, issue 4.50, bill 30.0, each under a key."""
    with monkeypatch.context() as before:
        before.setattr(writing_module, "spellings", lambda request: (dict(request), []))
        made = _request(nld_deu, "10.0", "old-10.0")
        nld_deu.accept(DEU, made)
        nld_deu.issue(DEU, made, "4.50", idempotency_key="oi1")
        nld_deu.receive(NLD, made)
        nld_deu.bill(DEU, made, amount="30.0", idempotency_key="ob1")
    version = nld_deu.order(NLD, made).version
    assert _request(nld_deu, retried, "old-10.0") == made
    for issued in ["4.5", "4.500", 4.5, "45e-1"]:
        assert nld_deu.issue(DEU, made, issued, idempotency_key="oi1").issued_qty == D("4.5")
    for billed in ["30", "30.00", 30, "3E+1"]:
        assert nld_deu.bill(DEU, made, amount=billed, idempotency_key="ob1").version == version
    assert nld_deu.order(NLD, made).version == version  # nothing done twice
    for retry in (
        lambda: _request(nld_deu, "10.001", "old-10.0"),
        lambda: nld_deu.issue(DEU, made, "4.49", idempotency_key="oi1"),
        lambda: nld_deu.bill(DEU, made, amount="30.01", idempotency_key="ob1"),
    ):
        with pytest.raises(ConflictError, match="different request"):
            retry()
    assert nld_deu.verify().ok


def test_an_amount_the_ledger_cannot_store_is_refused_as_such_under_a_used_key(
    nld_deu: Ledger,
) -> None:
    """An amount checked before the key is looked up: as without a key, an ArgumentError.

    A tester's ``Decimal("10.0004")`` under a used key was a ConflictError.
    """
    made = _request(nld_deu, "10", "used")
    with pytest.raises(ArgumentError, match=r"quantity\(=10.0004\) has more decimal places"):
        _request(nld_deu, D("10.0004"), "used")
    nld_deu.accept(DEU, made)
    nld_deu.issue(DEU, made, "10", idempotency_key="iss")
    with pytest.raises(ArgumentError, match=r"more decimal places than 0\.001"):
        nld_deu.issue(DEU, made, "9.9999", idempotency_key="iss")
    nld_deu.receive(NLD, made, idempotency_key="rec")
    with pytest.raises(ArgumentError, match=r"more decimal places than 0\.001"):
        nld_deu.receive(NLD, made, quantity="1.0001", idempotency_key="rec")
    nld_deu.bill(DEU, made, amount="10", idempotency_key="bil")
    with pytest.raises(ArgumentError, match="must be a finite amount >= 0"):
        nld_deu.bill(DEU, made, amount="-1", idempotency_key="bil")
    nld_deu.settle(NLD, made, amount="5", idempotency_key="set")
    with pytest.raises(ArgumentError, match=r"amount\(=5.001\) has more decimal places"):
        nld_deu.settle(NLD, made, amount="5.001", idempotency_key="set")
    assert len(nld_deu.events(NLD)) == 7  # agreement, request, 5 steps: nothing more
