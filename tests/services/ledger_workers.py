"""Code that runs in the child processes of the concurrency and crash tests.

Module-level functions, so that the ``spawn`` start method can import them by name.
"""

from __future__ import annotations

import random
from decimal import Decimal as D
from typing import Any

from supplyline.errors import ConflictError
from supplyline.services.ledger import Actor, Ledger, open_ledger

NLD_USERS = [Actor(partner="NLD", user=f"nld{i}") for i in range(4)]
DEU_USERS = [Actor(partner="DEU", user=f"deu{i}") for i in range(4)]


def parties(k: int, worker: int) -> tuple[Actor, Actor]:
    """(receiver, provider) of scripted order ``k``, as this worker's users."""
    nld, deu = NLD_USERS[worker % 4], DEU_USERS[worker % 4]
    return (nld, deu) if k % 2 == 0 else (deu, nld)


def drive(ledger: Ledger, k: int, worker: int, rng: random.Random) -> list[str]:
    """Take scripted order ``k`` as far through its life as this worker can.

    Every call carries an idempotency key derived from ``k``, so the other workers doing
    the same are retries of one request. The decision (accept, reject or cancel) is this
    worker's own random choice: different workers' choices conflict.
    """
    receiver, provider = parties(k, worker)
    item = "fuel" if k % 3 else "water"
    outcomes: list[str] = []
    order = ledger.request(
        receiver,
        agreement_id="NLD-DEU-1",
        item=item,
        quantity=D(k % 7 + 1),
        note=f"k={k}",
        idempotency_key=f"req-{k}",
    )
    decision = rng.choices(["accept", "reject", "cancel"], weights=[8, 1, 1])[0]
    try:
        if decision == "accept":
            ledger.accept(provider, order.id, idempotency_key=f"acc-{k}")
        elif decision == "reject":
            ledger.reject(provider, order.id, idempotency_key=f"rej-{k}")
        else:
            ledger.cancel(receiver, order.id, idempotency_key=f"can-{k}")
        outcomes.append(f"{decision}:ok")
    except ConflictError:
        outcomes.append(f"{decision}:conflict")
        if ledger.order(receiver, order.id).status.value != "accepted":
            return outcomes
    steps: list[tuple[str, Any]] = [
        (
            "issue",
            lambda: ledger.issue(provider, order.id, order.quantity, idempotency_key=f"iss-{k}"),
        ),
        ("receive", lambda: ledger.receive(receiver, order.id, idempotency_key=f"rcv-{k}")),
        ("bill", lambda: ledger.bill(provider, order.id, idempotency_key=f"bil-{k}")),
        ("settle", lambda: ledger.settle(receiver, order.id, idempotency_key=f"set-{k}")),
    ]
    for name, call in steps:
        try:
            call()
            outcomes.append(f"{name}:ok")
        except ConflictError:
            # another worker is between two steps of this order; leave it to them
            outcomes.append(f"{name}:conflict")
            break
    return outcomes


def run_worker(
    url: str, worker: int, workers: int, orders: int, seed: int
) -> list[tuple[int, list[str]]]:
    """One client process: drive its share of the scripted orders, in an order of its own.

    Order ``k`` belongs to workers ``k % workers`` and ``k % workers + 1``: two processes
    race on every order (requests retried, decisions conflicting).
    """
    rng = random.Random(seed)
    ledger = open_ledger(url)
    todo = [k for k in range(orders) if worker in (k % workers, (k % workers + 1) % workers)]
    rng.shuffle(todo)
    done = [(k, drive(ledger, k, worker, rng)) for k in todo]
    # a second pass finishes what conflicts left half-way (all retries, by key)
    unfinished = [k for k, outcome in done if outcome[-1].endswith(":conflict")]
    done += [(k, drive(ledger, k, worker, random.Random(seed + k))) for k in unfinished]
    ledger.db.dispose()
    return done


def race(url: str, order_ids: list[int], action: str, barrier: Any) -> list[str]:
    """Wait at the barrier before each order, then try one conflicting transition on it."""
    ledger = open_ledger(url)
    provider, receiver = Actor(partner="DEU", user="d"), Actor(partner="NLD", user="n")
    results = []
    for order_id in order_ids:
        barrier.wait(timeout=60)
        try:
            if action == "accept":
                ledger.accept(provider, order_id, expected_version=1)
            elif action == "reject":
                ledger.reject(provider, order_id, expected_version=1)
            else:
                ledger.cancel(receiver, order_id, expected_version=1)
            results.append("ok")
        except ConflictError:
            results.append("conflict")
    ledger.db.dispose()
    return results


def stream_until_killed(url: str) -> None:
    """Drive orders through their life forever (the crash test SIGKILLs this process)."""
    ledger = open_ledger(url)
    rng = random.Random(7)
    k = 0
    while True:
        drive(ledger, k, 0, rng)
        k += 1
