"""An order and its lines as rows: the columns ``orders``, ``show`` and the transitions print.

Split from :mod:`supplyline.cli.ledger_cmds` with :mod:`supplyline.cli.ledger_options`:
the rule for which field is a column, and how each is written, lives in one place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from supplyline.cli.ledger_options import console, money, tonnes
from supplyline.cli.output import Amount, OutputFormat, emit_rows
from supplyline.domain import ReimbursementMode
from supplyline.services.ledger.views import actor_text
from supplyline.types import iso_date

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from supplyline.services.ledger import Actor, Ledger, OrderLine, SupportOrder
    from supplyline.services.ledger.audit import AuditEvent

ORDER_COLUMNS = [
    "id",
    "agreement",
    "provider",
    "receiver",
    "item",
    "quantity",
    "value",
    "currency",
    "mode",
    "needed_on",
    "status",
    "version",
    "issued",
    "received",
    "billed",
    "settled",
]
ORDER_COLUMNS_DROPPED = ("version", "mode", "agreement", "needed_on", "received", "issued",
                         "settled", "billed", "currency")  # fmt: skip
"""What a narrow terminal leaves out of the orders table, first to last (id, parties, item,
quantity, value and status stay)."""
MACHINE_ORDER_COLUMNS = [*ORDER_COLUMNS, "billed_unit"]
"""CSV and JSON give ``billed`` and ``settled`` as numbers and their unit (``t`` for
replacement in kind, else the currency) in a column of its own; a table writes the
unit beside the number."""


def order_row(order: SupportOrder) -> dict[str, Any]:
    """An order's fields, amounts with the decimals the ledger keeps (for every format)."""
    in_kind = order.mode is ReimbursementMode.REPLACEMENT_IN_KIND
    return {
        "id": order.id,
        "agreement": order.agreement_id,
        "provider": order.provider,
        "receiver": order.receiver,
        "item": order.item,
        "quantity": tonnes(order.quantity),
        "value": value_cell(order.value, order.mode, order.unit_price),
        "currency": order.currency,
        "mode": order.mode.value,
        "needed_on": iso_date(order.needed_on),
        "status": order.status.value,
        "version": order.version,
        "issued": tonnes(order.issued_qty),
        "received": tonnes(order.received_qty),
        "billed": tonnes(order.billed_qty, "t") if in_kind else money(order.billed_amount),
        "settled": tonnes(order.settled_qty, "t") if in_kind else money(order.settled_amount),
        "billed_unit": "t" if in_kind else order.currency,
    }


def value_cell(
    value: Decimal, mode: ReimbursementMode | None, unit_price: Decimal | None
) -> Amount:
    """An order's or a draft's value; ``in kind`` in a table where no price values its tonnes.

    An order replaced in kind under an agreement with no price for it, and no ceiling, is
    repaid in tonnes and worth nothing in money (:meth:`~supplyline.domain.Agreement.needs_price`);
    ``propose``'s table wrote its draft ``0.00`` while ``orders`` wrote ``in kind``.
    """
    shown = money(value)
    in_kind = mode is ReimbursementMode.REPLACEMENT_IN_KIND and unit_price == 0
    return replace(shown, words="in kind") if in_kind else shown


def show_order(ledger: Ledger, actor: Actor, order: SupportOrder, fmt: OutputFormat) -> None:
    """The order a transition left: ``show``'s fields, as a table or one row of CSV or JSON.

    The transitions printed the listing's fields only, so ``reject --note`` answered with
    neither the note nor the decision that ``show`` gives.
    """
    row = shown_row(ledger, actor, order)
    if fmt is OutputFormat.TABLE:
        emit_rows(field_rows(row), ["field", "value"], fmt, console=console,
                  title=f"order {order.id}")  # fmt: skip
    else:
        emit_rows([row], MACHINE_SHOWN_COLUMNS, fmt, console=console)


def field_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """``show``'s fields of one order, a row each, every amount exact (to the cent).

    One order's figures are those a user types back: ``bill`` printed 543.75 EUR as
    ``value 544``, ``settle --amount 544`` was refused (only 543.75 outstanding), and after
    ``--amount 543`` the order read ``billed 544``, ``settled 543`` with 0.75 owed.
    """
    return [{"field": k, "value": _field_value(row[k])} for k in SHOWN_ORDER_COLUMNS]


def _field_value(value: Any) -> Any:
    """An amount exact, a list (the decisions) as one line of its values, ``; `` between."""
    if isinstance(value, Amount):
        return replace(value, exact=True)
    if isinstance(value, list):
        return "; ".join(value)
    return value


def shown_row(ledger: Ledger, actor: Actor, order: SupportOrder) -> dict[str, Any]:
    """An order's fields with its note and decisions, read from its events (as ``show``)."""
    return {**order_row(order), **order_notes(order, ledger.order_events(actor, order.id))}


LINE_COLUMNS = ["line", "kind", "at", "by", "quantity", "amount", "condition", "due_on", "note"]


def line_row(ln: OrderLine) -> dict[str, Any]:
    """One issue, receipt, bill or settlement of an order, as ``show`` prints it.

    Its amounts are exact, as the order's fields above them (:func:`field_rows`): the
    money to the cent and the tonnes to the kilogram however large. They were a column
    that adds up, whole from 100 unless one of them had decimals, so that one ``show``
    read ``billed 217,500.00`` over a bill line of ``217,500``, and a settlement of
    ``17,500`` beside one of ``50.00``.
    """
    return {
        "line": ln.id,
        "kind": ln.kind.value,
        "at": ln.at.isoformat(timespec="seconds"),
        "by": actor_text(ln.partner, ln.user),
        "quantity": None if ln.quantity is None else tonnes(ln.quantity, exact=True),
        "amount": None if ln.amount is None else money(ln.amount),
        "condition": ln.condition.value if ln.condition else None,
        "due_on": iso_date(ln.due_on) if ln.due_on else None,
        "note": ln.note,
    }


SHOWN_ORDER_COLUMNS = [*ORDER_COLUMNS, "note", "decisions"]
"""``show``'s fields of the order: the listing's, and the notes it was made and decided with."""
MACHINE_SHOWN_COLUMNS = [*MACHINE_ORDER_COLUMNS, "note", "decisions"]
_DECISIONS = ("accept", "reject", "cancel")


def order_notes(order: SupportOrder, events: Sequence[AuditEvent]) -> dict[str, Any]:
    """The request's note, and each acceptance's, rejection's or cancellation's, with who.

    Notes were stored and never shown: a provider's ``reject --note "no fuel to spare"``
    left the receiver with a bare ``rejected``. ``decisions`` reads ``reject by
    hans@DEU: no fuel to spare``. A list: a table writes it ``; `` between two, a CSV cell
    ``;`` between, as every CSV's list cells (it was one text, ``"; "`` in the CSV too), and
    JSON as a list.
    """
    said = [
        f"{e.kind} by {actor_text(e.partner, e.user)}: {e.note}"
        for e in events
        if e.kind in _DECISIONS and e.note
    ]
    return {"note": order.note, "decisions": said}
