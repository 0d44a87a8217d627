"""Two submits of one plan at once: the one that finds its keys taken says so.

Two ``ledger propose plan --submit`` runs started together both printed ``requested 2 of
westmark's 6 drafts (orders 1, 2)``, and both CSVs said ``order 1``, ``order 2``: the
idempotency keys held (two orders, not four), but the loser read "nothing requested
before" before the winner committed, then replayed the winner's orders and called them its
own. Here two threads, each with its own connection, read the ledger, wait for each
other, then submit; one of them must queue behind the other's transaction.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

from ledger_support import NLD, make_agreement

from supplyline.domain import Delivery, Partner, Plan, PlanStatus, Scenario, Unit
from supplyline.services.ledger import (
    Actor,
    DraftOrder,
    Ledger,
    SupportOrder,
    draft_support_orders,
    open_ledger,
    request_drafts,
)
from supplyline.services.ledger.propose import submitted_summary

START = dt.date(2025, 8, 1)


def _drafts() -> list[DraftOrder]:
    """Two drafts the NL battalion receives from DEU (fuel, water), both covered."""
    unit = Unit(id="nl-bn", name="NL bn", partner="NLD", home="x", destination="y", personnel=600)
    scenario = Scenario(
        name="bilateral",
        start_date=START,
        horizon_days=30,
        partners=(Partner(id="NLD", name="Netherlands"), Partner(id="DEU", name="Germany")),
        units=(unit,),
        agreements=(make_agreement(),),
    )
    deliveries = tuple(
        Delivery(unit="nl-bn", location="y", commodity=item, day=day, tonnes=8.0,
                 source_partner="DEU")
        for item, day in (("fuel", 3), ("water", 4))
    )  # fmt: skip
    plan = Plan(
        scenario="bilateral",
        start_date=START,
        horizon_days=30,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        deliveries=deliveries,
    )
    return list(draft_support_orders(plan, scenario))


class _ReadsThenWaits(Ledger):
    """A ledger whose submit, once it has read what was requested before, waits for another."""

    def __init__(self, url: str, barrier: threading.Barrier) -> None:
        super().__init__(open_ledger(url).db)
        self.barrier = barrier

    def keyed_orders(self, actor: Actor, prefix: str) -> list[tuple[str, SupportOrder]]:
        """What was requested before, read before the other submit has written anything."""
        found = super().keyed_orders(actor, prefix)
        self.barrier.wait(timeout=60)
        return found


def test_of_two_submits_at_once_one_requests_and_the_other_finds_them(
    ledger: Ledger, db_url: str
) -> None:
    """One says ``requested 2``; the other ``requested 0 …; 2 already requested before``."""
    ledger.add_agreement(NLD, make_agreement())
    drafts = _drafts()
    barrier = threading.Barrier(2)
    racers = [_ReadsThenWaits(db_url, barrier) for _ in range(2)]

    def submit(ledger: Ledger) -> tuple[str, list[str]]:
        outcome = request_drafts(ledger, NLD, drafts, key_prefix="propose:bilateral")
        return submitted_summary("NLD", outcome), [why for _d, _o, why in outcome]

    with ThreadPoolExecutor(max_workers=2) as pool:
        said = sorted(pool.map(submit, racers))
    for racer in racers:
        racer.db.dispose()
    assert said == [
        ("requested 0 of NLD's 2 drafts; 2 already requested before (orders 1, 2)",
         ["already requested as order 1", "already requested as order 2"]),
        ("requested 2 of NLD's 2 drafts (orders 1, 2)", ["", ""]),
    ]  # fmt: skip
