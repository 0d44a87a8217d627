"""Agreements a ledger holds are read back as they were entered, whatever rule came later."""

from __future__ import annotations

from decimal import Decimal

from ledger_support import NLD, make_agreement

from supplyline.services.ledger import Ledger


def test_an_agreement_stored_before_the_ceiling_rule_still_reads(ledger: Ledger) -> None:
    """A total below the per-order ceiling, entered before Agreement refused it, reads as stored.

    Refusing it on the way out would lock its partners out of their ledger; the ledger's
    rules hold with it (no order above the total).
    """
    old = make_agreement(ceiling_per_order=Decimal("1000.00"))
    object.__setattr__(old, "ceiling_total", Decimal("500.00"))  # as an earlier version built it
    ledger.import_agreements(NLD, [old])
    assert [(a.ceiling_per_order, a.ceiling_total) for a in ledger.agreements(NLD)] == [
        (Decimal("1000.00"), Decimal("500.00"))
    ]
