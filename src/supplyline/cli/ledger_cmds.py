"""Commands ``ledger …`` (the mutual-support ledger) and ``db upgrade``.

Every ledger command acts as a user of a partner: ``--as PARTNER`` (required) and
``--user NAME`` (default: $USER). ``--db URL`` overrides ``SUPPLYLINE_DATABASE_URL``.
The commands translate; the rules live in :mod:`supplyline.services.ledger`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from supplyline.cli.app import app
from supplyline.cli.choice_options import choice_option
from supplyline.cli.database_option import DbOpt
from supplyline.cli.ledger_tables import (
    AGREEMENTS_SHAPE,
    LINES_SHAPE,
    emit_ledger_rows,
    emit_shaped,
)
from supplyline.cli.output import (
    Amount,
    FmtOpt,
    OutputFormat,
    emit_rows,
    machine_row,
    machine_value,
    write_json,
)
from supplyline.domain import ReimbursementMode
from supplyline.errors import ArgumentError
from supplyline.io import date_from_text, number_text_problem
from supplyline.services.ledger import Actor, Condition, OrderStatus
from supplyline.services.ledger.views import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    largest_amount,
)

if TYPE_CHECKING:  # the service (and SQLAlchemy) load only when a ledger command runs
    from supplyline.services.ledger import Ledger, OrderLine, SupportOrder

console = Console()
err = Console(stderr=True)

ledger_app = typer.Typer(
    name="ledger",
    help="The mutual-support ledger: agreements, orders, balances, audit.",
    no_args_is_help=True,
)
agreements_app = typer.Typer(help="List the agreements you are a party to, or import some.")
db_app = typer.Typer(
    name="db", help="The database: create or upgrade its schema.", no_args_is_help=True
)
app.add_typer(ledger_app, name="ledger", rich_help_panel="Support between partners")
app.add_typer(db_app, name="db", rich_help_panel="Support between partners")
ledger_app.add_typer(agreements_app, name="agreements")

AsOpt = Annotated[str, typer.Option("--as", help="The partner you act for (e.g. NLD).")]
UserOpt = Annotated[str | None, typer.Option("--user", help="Your user name (default: $USER).")]
KeyOpt = Annotated[
    str | None,
    typer.Option("--key", help="Idempotency key: a retry with the same key does nothing twice."),
]
VersionOpt = Annotated[
    int | None,
    typer.Option("--if-version", help="Act only if the order is still at this version."),
]
NoteOpt = Annotated[str, typer.Option("--note", help="A note kept with the record.")]
OrderArg = Annotated[int, typer.Argument(help="The order number.")]
STATUS_OPTION = choice_option(OrderStatus, "--status", what="an order status")
MODE_OPTION = choice_option(ReimbursementMode, "--mode", what="a reimbursement mode")
CONDITION_OPTION = choice_option(Condition, "--condition", what="a condition")

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


def actor_from(partner: str, user: str | None) -> Actor:
    """Who acts: ``--as`` and ``--user`` (default $USER)."""
    name = user or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    try:
        return Actor(partner=partner, user=name)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--as/--user") from error


def _decimal(text: str | None, name: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:  # in the loader's words: a unit, a comma, a letter O
        problem = number_text_problem(text, f"a plain number for {name}")
        said = problem or f"{text!r} is not a number"
        raise typer.BadParameter(said, param_hint=name) from None
    if not value.is_finite():
        raise typer.BadParameter(f"{text!r} is not a finite number", param_hint=name)
    return value


def _amount(text: str | None, name: str, *, decimals: int, zero_ok: bool = False) -> Decimal | None:
    """A number the ledger can store: > 0 (or >= 0), at most ``decimals`` decimals, not huge.

    A mistake is the user's (exit 2), said in the option's words.
    """
    value = _decimal(text, name)
    if value is None:
        return None
    if value < 0 or (value == 0 and not zero_ok):
        least = "0 or more" if zero_ok else "more than 0"
        raise typer.BadParameter(f"{name} must be {least} (got {text})", param_hint=name)
    most = largest_amount(decimals)
    if value > most:
        raise typer.BadParameter(
            f"{name} is too large: the ledger stores at most {most:,} (got {text})",
            param_hint=name,
        )
    if value.quantize(Decimal(1).scaleb(-decimals)) != value:
        raise typer.BadParameter(
            f"{name} has at most {decimals} decimals (got {text})", param_hint=name
        )
    return value + 0  # -0 and 0 alike: the plain value


def _date(text: str | None, name: str) -> dt.date | None:
    if text is None:
        return None
    try:  # the files' parser: a time of day, an impossible date are said as such
        return date_from_text(text)
    except ArgumentError as bad:
        raise typer.BadParameter(str(bad), param_hint=name) from None


def ledger_at(db: str | None, *, create: bool = False) -> Ledger:
    """The ledger at ``--db`` or the configured URL, upgraded if need be.

    Only the commands that can start a ledger (``agreements import``, ``propose --submit``)
    create a missing SQLite file; the others could only find nothing in it (exit 3).
    """
    from supplyline.services.ledger.service import open_ledger

    return open_ledger(db, create=create)


def tonnes(value: Decimal, unit: str = "") -> Amount:
    """A quantity as the ledger keeps it: to the kilogram (``29.505``), in tables too."""
    return Amount(value, QUANTITY_DECIMALS, unit)


def money(value: Decimal) -> Amount:
    """Money as the ledger keeps it: to the cent (``1.00``, not ``1``), in tables too."""
    return Amount(value, MONEY_DECIMALS)


def _order_row(order: SupportOrder) -> dict[str, Any]:
    in_kind = order.mode is ReimbursementMode.REPLACEMENT_IN_KIND
    return {
        "id": order.id,
        "agreement": order.agreement_id,
        "provider": order.provider,
        "receiver": order.receiver,
        "item": order.item,
        "quantity": tonnes(order.quantity),
        "value": money(order.value),
        "currency": order.currency,
        "mode": order.mode.value,
        "needed_on": order.needed_on.isoformat(),
        "status": order.status.value,
        "version": order.version,
        "issued": tonnes(order.issued_qty),
        "received": tonnes(order.received_qty),
        "billed": tonnes(order.billed_qty, "t") if in_kind else money(order.billed_amount),
        "settled": tonnes(order.settled_qty, "t") if in_kind else money(order.settled_amount),
        "billed_unit": "t" if in_kind else order.currency,
    }


def _show(order: SupportOrder, fmt: OutputFormat) -> None:
    """One order: a field/value table for people, one row of CSV or JSON for programs."""
    row = _order_row(order)
    if fmt is OutputFormat.TABLE:
        pairs = [{"field": k, "value": row[k]} for k in ORDER_COLUMNS]
        emit_rows(pairs, ["field", "value"], fmt, console=console, title=f"order {order.id}")
    else:
        emit_rows([row], MACHINE_ORDER_COLUMNS, fmt, console=console)


# -- agreements ------------------------------------------------------------------------------


@agreements_app.callback(invoke_without_command=True)
def agreements_cmd(
    ctx: typer.Context,
    partner: Annotated[str | None, typer.Option("--as", help="The partner you act for.")] = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """List the agreements your partner is a party to ('import DIR' adds a scenario's)."""
    if ctx.invoked_subcommand is not None:
        return
    if partner is None:
        raise typer.BadParameter("say which partner you act for", param_hint="--as")
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "parties": " & ".join(a.parties),
            "valid": f"{a.valid_from}..{a.valid_to}",
            "scope": ", ".join(sorted(a.commodities | a.services)),
            "modes": ", ".join(sorted(m.value for m in a.reimbursement_modes)),
            "currency": a.currency,
            "ceiling_per_order": None
            if a.ceiling_per_order is None
            else money(a.ceiling_per_order),
            "ceiling_total": None if a.ceiling_total is None else money(a.ceiling_total),
        }
        for a in ledger_at(db).agreements(actor_from(partner, user))
    ]
    cols = [
        "id",
        "name",
        "parties",
        "valid",
        "scope",
        "modes",
        "currency",
        "ceiling_per_order",
        "ceiling_total",
    ]
    emit_shaped(rows, cols, fmt, AGREEMENTS_SHAPE, console=console, title="agreements")


@agreements_app.command("import")
def agreements_import_cmd(
    folder: Annotated[Path, typer.Argument(help="Scenario folder with agreements.yaml.")],
    partner: AsOpt,
    user: UserOpt = None,
    db: DbOpt = None,
) -> None:
    """Enter a scenario's agreements to which your partner is a party (again: a no-op)."""
    from supplyline.services.ledger.propose import scenario_agreements

    agreements = scenario_agreements(folder, partner=partner)
    result = ledger_at(db, create=True).import_agreements(actor_from(partner, user), agreements)
    console.print(
        f"agreements: {len(result.added)} added{_listed(result.added)}, "
        f"{len(result.unchanged)} already there{_listed(result.unchanged)}, "
        f"{len(result.skipped)} not {partner}'s{_listed(result.skipped)}",
        markup=False,
        highlight=False,
    )


def _listed(ids: Sequence[str]) -> str:
    """`` (a, b)`` after a count, so each id list sits beside the count it belongs to.

    The import's summary put the added ids after the count of those not the partner's,
    where they read as the ones refused.
    """
    return f" ({', '.join(ids)})" if ids else ""


# -- orders ----------------------------------------------------------------------------------


@ledger_app.command("orders")
def orders_cmd(
    partner: AsOpt,
    user: UserOpt = None,
    db: DbOpt = None,
    status: Annotated[OrderStatus | None, STATUS_OPTION] = None,
    agreement: Annotated[str | None, typer.Option("--agreement")] = None,
    counterparty: Annotated[
        str | None, typer.Option("--with", help="Only with this partner.")
    ] = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """List the orders your partner is a party to."""
    orders = ledger_at(db).orders(
        actor_from(partner, user), status=status, agreement_id=agreement, counterparty=counterparty
    )
    columns = ORDER_COLUMNS if fmt is OutputFormat.TABLE else MACHINE_ORDER_COLUMNS
    emit_ledger_rows([_order_row(o) for o in orders], columns, fmt, console=console,
                     title="orders", drop=ORDER_COLUMNS_DROPPED, record="order", key="id",
                     every="`ledger show ID` or --format csv gives every column")  # fmt: skip


@ledger_app.command("show")
def show_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Show one order and its issues, receipts, bills and settlements.

    A table for people shows the order, then its lines. JSON is one object,
    '{"order": {...}, "lines": [...]}'; CSV is one table, a row per line with the
    order's fields repeated before the line's ('line_kind', 'line_quantity'…), and
    one row with empty line fields for an order without lines.
    """
    order = ledger_at(db).order(actor_from(partner, user), order_id)
    lines = [_line_row(ln) for ln in order.lines]
    if fmt is OutputFormat.TABLE:
        _show(order, fmt)
        title = f"order {order.id}: lines"
        emit_shaped(lines, LINE_COLUMNS, fmt, LINES_SHAPE, console=console, title=title)
    elif fmt is OutputFormat.JSON:
        row = _order_row(order)
        order_fields = {c: machine_value(row[c]) for c in MACHINE_ORDER_COLUMNS}
        write_json({"order": order_fields, "lines": [machine_row(ln) for ln in lines]})
    else:
        row = _order_row(order)
        named = [{f"line_{k}" if k != "line" else k: v for k, v in ln.items()} for ln in lines]
        rows = [{**row, **ln} for ln in named] or [row]
        columns = [
            *MACHINE_ORDER_COLUMNS,
            *(f"line_{c}" if c != "line" else c for c in LINE_COLUMNS),
        ]
        emit_rows(rows, columns, fmt, console=console)


LINE_COLUMNS = ["line", "kind", "at", "by", "quantity", "amount", "condition", "due_on", "note"]


def _line_row(ln: OrderLine) -> dict[str, Any]:
    return {
        "line": ln.id,
        "kind": ln.kind.value,
        "at": ln.at.isoformat(timespec="seconds"),
        "by": f"{ln.user}@{ln.partner}",
        "quantity": None if ln.quantity is None else tonnes(ln.quantity),
        "amount": None if ln.amount is None else money(ln.amount),
        "condition": ln.condition.value if ln.condition else None,
        "due_on": ln.due_on.isoformat() if ln.due_on else None,
        "note": ln.note,
    }


@ledger_app.command("request")
def request_cmd(
    partner: AsOpt,
    agreement: Annotated[str, typer.Option("--agreement", help="The agreement's id.")],
    item: Annotated[str, typer.Option("--item", help="A commodity or service in its scope.")],
    quantity: Annotated[str, typer.Option("--quantity", help="Tonnes (or service units).")],
    needed_on: Annotated[
        str | None, typer.Option("--needed-on", help="Date (default today).")
    ] = None,
    mode: Annotated[ReimbursementMode | None, MODE_OPTION] = None,
    unit_price: Annotated[str | None, typer.Option("--unit-price", help="For services.")] = None,
    note: NoteOpt = "",
    key: KeyOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Ask the other party of an agreement for support (you are the receiver)."""
    qty = _amount(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    assert qty is not None
    price = _amount(unit_price, "--unit-price", decimals=UNIT_PRICE_DECIMALS, zero_ok=True)
    needed = _date(needed_on, "--needed-on")  # options first: a bad one is exit 2 before the db
    order = ledger_at(db).request(
        actor_from(partner, user),
        agreement_id=agreement,
        item=item,
        quantity=qty,
        needed_on=needed,
        mode=mode,
        unit_price=price,
        note=note,
        idempotency_key=key,
    )
    _show(order, fmt)


def _simple(action: str, doc: str) -> None:
    def command(
        order_id: OrderArg,
        partner: AsOpt,
        note: NoteOpt = "",
        key: KeyOpt = None,
        if_version: VersionOpt = None,
        user: UserOpt = None,
        db: DbOpt = None,
        fmt: FmtOpt = OutputFormat.TABLE,
    ) -> None:
        ledger = ledger_at(db)
        actor = actor_from(partner, user)
        if action == "accept":
            order = ledger.accept(
                actor, order_id, note=note, expected_version=if_version, idempotency_key=key
            )
        elif action == "reject":
            order = ledger.reject(
                actor, order_id, reason=note, expected_version=if_version, idempotency_key=key
            )
        else:
            order = ledger.cancel(
                actor, order_id, reason=note, expected_version=if_version, idempotency_key=key
            )
        _show(order, fmt)

    command.__doc__ = doc
    ledger_app.command(action)(command)


_simple("accept", "Accept a requested order (provider).")
_simple("reject", "Reject a requested order (provider); --note says why.")
_simple("cancel", "Cancel an order before anything is issued (either party).")


@ledger_app.command("issue")
def issue_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    quantity: Annotated[str, typer.Option("--quantity", help="Tonnes issued now.")],
    note: NoteOpt = "",
    key: KeyOpt = None,
    if_version: VersionOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Issue (part of) an accepted order (provider)."""
    qty = _amount(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    assert qty is not None
    _show(
        ledger_at(db).issue(
            actor_from(partner, user),
            order_id,
            qty,
            note=note,
            expected_version=if_version,
            idempotency_key=key,
        ),
        fmt,
    )


@ledger_app.command("receive")
def receive_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    quantity: Annotated[
        str | None, typer.Option("--quantity", help="What arrived (default: as issued).")
    ] = None,
    condition: Annotated[Condition, CONDITION_OPTION] = Condition.SERVICEABLE,
    issue_line: Annotated[
        int | None, typer.Option("--issue-line", help="Which issue (default: oldest open).")
    ] = None,
    note: NoteOpt = "",
    key: KeyOpt = None,
    if_version: VersionOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Confirm receipt of an issue (receiver), with the quantity and condition found."""
    got = _amount(quantity, "--quantity", decimals=QUANTITY_DECIMALS, zero_ok=True)
    _show(
        ledger_at(db).receive(
            actor_from(partner, user),
            order_id,
            quantity=got,
            condition=condition,
            issue_line=issue_line,
            note=note,
            expected_version=if_version,
            idempotency_key=key,
        ),
        fmt,
    )


@ledger_app.command("bill")
def bill_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    amount: Annotated[
        str | None, typer.Option("--amount", help="Money (default: value received).")
    ] = None,
    quantity: Annotated[
        str | None, typer.Option("--quantity", help="In kind: tonnes to replace.")
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            help="Replacement in kind only, and required there: the date by which the "
            "tonnes are to be returned (no default).",
        ),
    ] = None,
    note: NoteOpt = "",
    key: KeyOpt = None,
    if_version: VersionOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Bill what was received (provider): an amount, or a quantity to replace by a date.

    Cash and equal-value exchange: --amount (default: the value received), no --due.
    Replacement in kind: --quantity (default: what was received) and --due, required.
    """
    money = _amount(amount, "--amount", decimals=MONEY_DECIMALS, zero_ok=True)
    qty = _amount(quantity, "--quantity", decimals=QUANTITY_DECIMALS, zero_ok=True)
    due_on = _date(due, "--due")  # options first: a bad one is exit 2 before the db
    _show(
        ledger_at(db).bill(
            actor_from(partner, user),
            order_id,
            amount=money,
            quantity=qty,
            due_on=due_on,
            note=note,
            expected_version=if_version,
            idempotency_key=key,
        ),
        fmt,
    )


@ledger_app.command("settle")
def settle_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    amount: Annotated[
        str | None, typer.Option("--amount", help="Paid (default: all outstanding).")
    ] = None,
    quantity: Annotated[
        str | None, typer.Option("--quantity", help="In kind: tonnes replaced.")
    ] = None,
    note: NoteOpt = "",
    key: KeyOpt = None,
    if_version: VersionOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Settle a bill (receiver): cash paid, tonnes replaced, or equal value given (--note what)."""
    money = _amount(amount, "--amount", decimals=MONEY_DECIMALS)
    qty = _amount(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    _show(
        ledger_at(db).settle(
            actor_from(partner, user),
            order_id,
            amount=money,
            quantity=qty,
            note=note,
            expected_version=if_version,
            idempotency_key=key,
        ),
        fmt,
    )


def _register_more() -> None:
    """The balance, statement, audit and propose commands live in a module of their own."""
    from supplyline.cli import ledger_audit_cmds  # noqa: F401


_register_more()
