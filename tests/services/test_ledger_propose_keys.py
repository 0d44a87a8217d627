"""A proposed order is keyed by what it is for, so a retry under new terms asks nothing twice.

A liaison officer raised a ceiling and submitted the plan again, as the docs advise (under
a new agreement id: terms are immutable), and every order was requested a second time:
the keys held the agreement id and the quantity.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledger_support import NLD, make_agreement

from supplyline.services.ledger import Ledger, OrderRequest
from supplyline.services.ledger.propose import DraftOrder, draft_key, request_drafts

PREFIX = "propose:bilateral"
DAY = dt.date(2030, 8, 16)


def _draft(item: str, quantity: str, agreement_id: str = "NLD-DEU-1") -> DraftOrder:
    """A covered draft of DEU supplying NLD, priced at 10 a tonne."""
    return DraftOrder(
        provider="DEU", receiver="NLD", item=item, quantity=Decimal(quantity), needed_on=DAY,
        agreement_id=agreement_id, units=("nl-1",), first_day=1, last_day=3,
        unit_price=Decimal(10), value=Decimal(quantity) * 10, currency="EUR",
    )  # fmt: skip


def test_a_retry_under_a_new_agreement_requests_only_what_was_not(nld_deu: Ledger) -> None:
    """Fuel requested under NLD-DEU-1; a retry under NLD-DEU-2 asks only for the water."""
    first = request_drafts(nld_deu, NLD, [_draft("fuel", "71.077")], key_prefix=PREFIX)
    nld_deu.add_agreement(NLD, make_agreement("NLD-DEU-2"))
    drafts = [_draft("fuel", "71.077", "NLD-DEU-2"), _draft("water", "5", "NLD-DEU-2")]
    again = request_drafts(nld_deu, NLD, drafts, key_prefix=PREFIX)
    orders = nld_deu.orders(NLD)
    assert [(o.item, o.agreement_id) for o in orders] == [
        ("fuel", "NLD-DEU-1"),
        ("water", "NLD-DEU-2"),
    ]
    assert [o.id if o else why for _d, o, why in again] == [first[0][1].id, orders[1].id]  # type: ignore[union-attr]


def test_a_key_of_the_old_form_is_read(nld_deu: Ledger) -> None:
    """An order a ledger holds under the old key (agreement and quantity in it) is found."""
    old_key = f"{PREFIX}:DEU:fuel:NLD-DEU-1:{DAY}:71.077"
    old = OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=Decimal("71.077"),
                       needed_on=DAY, idempotency_key=old_key)  # fmt: skip
    nld_deu.request_all(NLD, [old])
    nld_deu.add_agreement(NLD, make_agreement("NLD-DEU-2"))
    request_drafts(nld_deu, NLD, [_draft("fuel", "71.077", "NLD-DEU-2")], key_prefix=PREFIX)
    assert len(nld_deu.orders(NLD)) == 1


def test_a_changed_quantity_is_said_not_dropped(nld_deu: Ledger) -> None:
    """The plan now asks 80 t where 71.077 t was requested: said, nothing requested."""
    request_drafts(nld_deu, NLD, [_draft("fuel", "71.077")], key_prefix=PREFIX)
    [(_, order, why)] = request_drafts(nld_deu, NLD, [_draft("fuel", "80")], key_prefix=PREFIX)
    assert (order, why) == (
        None,
        "already requested as order 1 with 71.077 t; the plan now asks 80.000 t: request the "
        "difference by hand or cancel and propose again",
    )
    assert len(nld_deu.orders(NLD)) == 1


def test_a_cancelled_order_is_requested_again(nld_deu: Ledger) -> None:
    """Cancel and propose again, as the message advises: a new order, under a key of its own."""
    [(_d, order, _w)] = request_drafts(nld_deu, NLD, [_draft("fuel", "71.077")], key_prefix=PREFIX)
    assert order is not None
    nld_deu.cancel(NLD, order.id)
    [(_d, again, _w)] = request_drafts(nld_deu, NLD, [_draft("fuel", "80")], key_prefix=PREFIX)
    assert again is not None
    assert (again.id, again.quantity) == (order.id + 1, Decimal(80))


def test_the_key_names_what_the_order_is_for() -> None:
    """Scenario, provider, commodity and day: neither the agreement nor the quantity."""
    assert draft_key(PREFIX, _draft("fuel", "71.077")) == draft_key(
        PREFIX, _draft("fuel", "80", "NLD-DEU-2")
    )
