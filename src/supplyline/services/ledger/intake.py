"""A new support order: checked against its agreement before it exists.

Scope (commodities and services), period, reimbursement mode, price list and both
ceilings are checked here, inside the write transaction, so the total ceiling holds even
when several partners' users request at once (writers are serialised).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from supplyline.domain import Agreement, ReimbursementMode, did_you_mean
from supplyline.domain.agreements import other_currency_only
from supplyline.domain.amounts import amount_problem, money_text, round_money, unit_price_text
from supplyline.errors import ArgumentError, NotFoundError
from supplyline.services.db.tables import OrderRow
from supplyline.services.ledger.errors import LedgerRuleError, OutsidePeriodError
from supplyline.services.ledger.orders import MILLI, ZERO, positive
from supplyline.services.ledger.reconcile import check_committed
from supplyline.services.ledger.views import (
    MONEY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    Actor,
    ItemKind,
    OrderStatus,
    largest_amount,
)

__all__ = ["committed_value", "create_order", "request_words"]


def request_words(
    receiver: str, item: str, agreement_id: str, agreements: Sequence[Agreement]
) -> str:
    """A request of a batch as its maker sees it: the item, the partners, the agreement.

    A failed batch said ``requests[0] (food under an-hg-relief)``: an index into a list the
    user of ``propose --submit`` never saw. The provider is the agreement's other party,
    where ``agreements`` has it.

    >>> request_words("hostgov", "food", "an-hg-relief", [])
    'the request for food by hostgov under agreement an-hg-relief'
    """
    parties = next((a.parties for a in agreements if a.id == agreement_id), ())
    providers = [p for p in parties if p != receiver]
    source = f" from {' and '.join(providers)}" if providers else ""
    return f"the request for {item}{source} by {receiver} under agreement {agreement_id}"


def committed_value(session: Session, agreement_id: str, currency: str) -> Decimal:
    """What an agreement's orders in ``currency`` hold against its total ceiling.

    All but rejected and cancelled ones, both ways: the one sum a request and a proposal
    count.
    """
    live = [s.value for s in (OrderStatus.REJECTED, OrderStatus.CANCELLED)]
    values = session.execute(
        select(OrderRow.value).where(
            OrderRow.agreement_id == agreement_id,
            OrderRow.currency == currency,
            OrderRow.status.not_in(live),
        )
    ).scalars()
    return sum(values, ZERO)


def _refuse_item(agreement: Agreement, item: str) -> NoReturn:
    """Refuse an item outside the scope: a typo of one in it as an unknown name, else a rule.

    ``--item watr`` was told it is outside the scope (exit 5, a rule of the agreement),
    with ``water`` only somewhere in the list: an id one slip off is offered what it meant
    and is an unknown name (NotFoundError, exit 3), as a mistyped ``--agreement`` is. An
    item like none in scope (``fuel`` under a relief agreement) breaks the agreement's rule.
    """
    in_scope = sorted(agreement.commodities | agreement.services)
    scope = ", ".join(in_scope) or "nothing"
    hint = did_you_mean(item, in_scope)
    if hint:
        raise NotFoundError(
            f"no item {item!r} in agreement {agreement.id}'s scope ({hint}; in scope: {scope})"
        )
    raise LedgerRuleError(f"{item!r} is outside agreement {agreement.id}'s scope ({scope})")


def _unit_price_unused(unit_price: Decimal | None) -> str:
    """What a request refused for a commodity's missing price says of its unit price.

    A unit price is for a service, which has no price list; a commodity costs its
    agreement's list price. A tester's ``--unit-price 250`` for a commodity without a price
    was told only that the price list lacks one, as if the option had not been given.

    >>> _unit_price_unused(Decimal("250"))
    ' (--unit-price does not stand in for a price: it is for services, which have no price list; drop it)'
    """  # noqa: E501
    if unit_price is None:
        return ""
    return (
        " (--unit-price does not stand in for a price: it is for services, which have no price "
        "list; drop it)"
    )


def _list_price(
    agreement: Agreement, item: str, mode: ReimbursementMode, unit_price: Decimal | None
) -> Decimal:
    """The price per tonne a commodity's order is valued at: its agreement's list price.

    An order replaced in kind under an agreement without a ceiling needs none (it is
    repaid in tonnes, and nothing counts its value): without one it is worth 0 (a tester's
    ``gfr-man-sharing``, in kind only and with no price list, refused every request).
    """
    currency = agreement.currency
    price = agreement.order_price(item)
    if price is None:
        if agreement.can_value(item, mode):
            if unit_price is None:
                return ZERO
            raise LedgerRuleError(
                f"{item} is requested under agreement {agreement.id} at no price (it has none "
                f"for {item}, and an order replaced in kind needs none where no ceiling counts "
                "its value): drop --unit-price, which is for services"
            )
        why = other_currency_only(agreement, item) or (
            f"agreement {agreement.id} has no price for {item} in {currency}; "
            "add one to its price list"
            + (" (its ceilings count each order's value, in kind too)" if mode is _IN_KIND else "")
        )
        raise LedgerRuleError(why + _unit_price_unused(unit_price))
    if unit_price is not None and unit_price != price.per_t:  # equal: a check, kept
        raise LedgerRuleError(
            f"{item} costs {unit_price_text(price.per_t)} {currency}/t under agreement "
            f"{agreement.id}, not {unit_price_text(unit_price)} (a commodity is requested "
            "at its agreement's list price: drop --unit-price, which is for services)"
        )
    return price.per_t


_IN_KIND = ReimbursementMode.REPLACEMENT_IN_KIND


def _check_scope(
    agreement: Agreement, actor: Actor, item: str, on: dt.date, mode: ReimbursementMode
) -> tuple[str, ItemKind]:
    if actor.partner not in agreement.parties:
        raise NotFoundError(f"no agreement {agreement.id!r} to which {actor.partner} is a party")
    provider = next(p for p in agreement.parties if p != actor.partner)
    if item in agreement.commodities:
        kind = ItemKind.COMMODITY
    elif item in agreement.services:
        kind = ItemKind.SERVICE
    else:
        _refuse_item(agreement, item)
    if not agreement.valid_from <= on <= agreement.valid_to:
        raise OutsidePeriodError(
            agreement.id, on, valid_from=agreement.valid_from, valid_to=agreement.valid_to
        )
    if mode not in agreement.reimbursement_modes:
        modes = ", ".join(m.value for m in agreement.reimbursement_modes)
        raise LedgerRuleError(
            f"agreement {agreement.id} allows reimbursement by {modes}, not {mode}"
        )
    return provider, kind


def create_order(
    session: Session,
    agreement: Agreement,
    actor: Actor,
    now: dt.datetime,
    *,
    item: str,
    quantity: Decimal,
    needed_on: dt.date,
    mode: ReimbursementMode,
    unit_price: Decimal | None,
    note: str,
) -> OrderRow:
    """Check a request against the agreement (scope, period, mode, price, ceilings); add it."""
    provider, kind = _check_scope(agreement, actor, item, needed_on, mode)
    positive("quantity", quantity, MILLI)
    currency = agreement.currency
    if kind is ItemKind.COMMODITY:
        per_unit = _list_price(agreement, item, mode, unit_price)
    else:
        if unit_price is None:
            raise LedgerRuleError(f"a request for the service {item!r} needs a unit price")
        if not unit_price.is_finite() or unit_price < 0:  # the value's range: ArgumentError
            raise ArgumentError(f"unit price(={unit_price}) must be a finite amount >= 0")
        # a price to 5 decimals was rounded into the row, but not into the order's value
        if (problem := amount_problem(unit_price, UNIT_PRICE_DECIMALS)) is not None:
            raise ArgumentError(f"unit price(={unit_price}) {problem}")
        per_unit = unit_price
    raw_value = quantity * per_unit
    if raw_value > largest_amount(MONEY_DECIMALS):
        raise LedgerRuleError(
            f"order value {money_text(raw_value)} {currency} is above the largest the ledger "
            f"stores ({money_text(largest_amount(MONEY_DECIMALS))} {currency})"
        )
    value = round_money(raw_value)
    if agreement.ceiling_per_order is not None and value > agreement.ceiling_per_order:
        raise LedgerRuleError(
            f"order value {money_text(value)} {currency} is above agreement {agreement.id}'s "
            f"ceiling of {money_text(agreement.ceiling_per_order)} {currency} per order"
        )
    if agreement.ceiling_total is not None:
        committed = committed_value(session, agreement.id, currency)
        check_committed(session, agreement.id, currency, committed)  # as its events say it
        if committed + value > agreement.ceiling_total:
            raise LedgerRuleError(
                f"order value {money_text(value)} {currency} would take agreement "
                f"{agreement.id} to {money_text(committed + value)} {currency}, above its total "
                f"ceiling of {money_text(agreement.ceiling_total)} {currency} "
                f"({money_text(committed)} already committed)"
            )
    row = OrderRow(
        agreement_id=agreement.id,
        provider=provider,
        receiver=actor.partner,
        item=item,
        item_kind=kind.value,
        quantity=quantity,
        unit_price=per_unit.quantize(Decimal("0.0001")),
        currency=currency,
        value=value,
        mode=mode.value,
        needed_on=needed_on,
        status=OrderStatus.REQUESTED.value,
        version=1,
        issued_qty=ZERO,
        received_qty=ZERO,
        billed_amount=ZERO,
        billed_qty=ZERO,
        due_on=None,
        settled_amount=ZERO,
        settled_qty=ZERO,
        requested_by=actor.user,
        note=note,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row
