"""Several processes at once, and a process killed mid-stream: the ledger stays whole.

Runs on SQLite and PostgreSQL. The clients are real processes (``spawn``), each with its
own connection pool, as separate users of the two partners would be.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal as D

import pytest
from ledger_support import DB_KINDS, DEU, NLD, fresh_database_url, make_agreement
from ledger_workers import race, run_worker, stream_until_killed
from sqlalchemy import text

from supplyline.services.ledger import Ledger, OrderStatus, open_ledger

pytestmark = pytest.mark.slow

CTX = mp.get_context("spawn")
WORKERS = 4
ORDERS = 300


def _reconciles(ledger: Ledger) -> bool:
    nld = {(b.agreement_id, b.unit): b.net for b in ledger.balances(NLD)}
    deu = {(b.agreement_id, b.unit): b.net for b in ledger.balances(DEU)}
    return {k: -v for k, v in nld.items()} == deu


@pytest.fixture(scope="module", params=DB_KINDS)
def crowd(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, list[tuple[int, list[str]]]]]:
    """A ledger after WORKERS processes drove ORDERS scripted orders at once (built once)."""
    for url in fresh_database_url(request.param, tmp_path_factory.mktemp("crowd")):
        ledger = open_ledger(url)
        ledger.add_agreement(NLD, make_agreement())
        with CTX.Pool(WORKERS) as pool:
            results = pool.starmap(
                run_worker, [(url, w, WORKERS, ORDERS, 1000 + w) for w in range(WORKERS)]
            )
        yield ledger, [item for worker in results for item in worker]
        ledger.db.dispose()


def test_no_order_is_duplicated_or_lost(crowd: tuple[Ledger, list[tuple[int, list[str]]]]) -> None:
    """Every scripted order exists exactly once, although every worker requested each."""
    ledger, _ = crowd
    notes = Counter(o.note for o in ledger.orders(NLD))
    assert notes == Counter(f"k={k}" for k in range(ORDERS))


def test_conflicting_decisions_leave_one_winner(
    crowd: tuple[Ledger, list[tuple[int, list[str]]]],
) -> None:
    """Each order was decided once: accepted orders ran their life, the others stopped."""
    ledger, results = crowd
    conflicts = sum(o.count("accept:conflict") + o.count("reject:conflict") for _, o in results)
    statuses = Counter(o.status for o in ledger.orders(NLD))
    assert conflicts > 0
    assert set(statuses) <= {OrderStatus.SETTLED, OrderStatus.REJECTED, OrderStatus.CANCELLED}


def test_every_transition_happened_exactly_once(
    crowd: tuple[Ledger, list[tuple[int, list[str]]]],
) -> None:
    """No retried action was applied twice: each order's events are distinct kinds, in order.

    A settled order logged request, accept, issue, receive, bill, settle; a cancelled one
    may have been accepted first (cancel is allowed until something is issued).
    """
    ledger, _ = crowd
    kinds: dict[int, list[str]] = {}
    with ledger.db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT order_id, kind FROM ledger_event WHERE order_id IS NOT NULL ORDER BY seq")
        ).all()
    for order_id, kind in rows:
        kinds.setdefault(order_id, []).append(kind)
    life = ["request", "accept", "issue", "receive", "bill", "settle"]
    allowed = {
        OrderStatus.SETTLED: [life],
        OrderStatus.REJECTED: [["request", "reject"]],
        OrderStatus.CANCELLED: [["request", "cancel"], ["request", "accept", "cancel"]],
    }
    assert all(kinds[o.id] in allowed[o.status] for o in ledger.orders(NLD))


def test_settled_orders_were_issued_and_paid_in_full(
    crowd: tuple[Ledger, list[tuple[int, list[str]]]],
) -> None:
    """No double issue or payment: every settled order moved its quantity and value once."""
    ledger, _ = crowd
    settled = ledger.orders(NLD, status=OrderStatus.SETTLED)
    assert settled
    assert all(
        (o.issued_qty, o.received_qty, o.settled_amount) == (o.quantity, o.quantity, o.value)
        for o in settled
    )


def test_balances_reconcile_and_the_chain_verifies_after_the_crowd(
    crowd: tuple[Ledger, list[tuple[int, list[str]]]],
) -> None:
    """After the crowd, both sides' balances are opposite and verify passes."""
    ledger, _ = crowd
    assert (_reconciles(ledger), ledger.verify().ok) == (True, True)


@pytest.mark.parametrize("pair", [("accept", "cancel")])
def test_two_conflicting_transitions_at_once_one_wins(
    nld_deu: Ledger, db_url: str, pair: tuple[str, str]
) -> None:
    """Two processes released together onto one order: exactly one succeeds, every time."""
    orders = [
        nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D(1)).id
        for _ in range(10)
    ]
    barrier = CTX.Manager().Barrier(2)
    with CTX.Pool(2) as pool:
        first, second = pool.starmap(
            race, [(db_url, orders, pair[0], barrier), (db_url, orders, pair[1], barrier)]
        )
    outcomes = Counter(frozenset((a, b)) for a, b in zip(first, second, strict=True))
    assert outcomes == Counter({frozenset({"ok", "conflict"}): len(orders)})


def test_a_killed_writer_leaves_a_ledger_that_verifies(nld_deu: Ledger, db_url: str) -> None:
    """SIGKILL mid-stream: the committed events verify, balances reconcile, work goes on."""
    child = CTX.Process(target=stream_until_killed, args=(db_url,))
    child.start()
    try:
        with nld_deu.db.engine.connect() as conn:
            for _ in range(600):
                if conn.execute(text("SELECT count(*) FROM ledger_event")).scalar_one() >= 60:
                    break
                conn.rollback()
                time.sleep(0.05)
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.join(timeout=30)
    after = nld_deu.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=D(1))
    report = nld_deu.verify()
    assert (child.exitcode, report.ok, _reconciles(nld_deu), after.status) == (
        -signal.SIGKILL,
        True,
        True,
        OrderStatus.REQUESTED,
    )
