"""Commands ``ledger …`` (the mutual-support ledger) and ``db upgrade``.

Every ledger command acts as a user of a partner: ``--as PARTNER`` (required) and
``--user NAME`` (default: $USER). ``--db URL`` overrides ``SUPPLYLINE_DATABASE_URL``.
The commands translate; the rules live in :mod:`supplyline.services.ledger`. Their
options are :mod:`supplyline.cli.ledger_options`'s, an order's rows
:mod:`supplyline.cli.ledger_order_view`'s; ``balance``, ``statement``, ``events``,
``verify``, ``propose`` and ``db upgrade`` are :mod:`supplyline.cli.ledger_audit_cmds`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supplyline.cli.database_option import DbOpt
from supplyline.cli.id_sample import sampled_ids
from supplyline.cli.ledger_agreement_view import (
    AGREEMENT_COLUMNS,
    MACHINE_AGREEMENT_COLUMNS,
    agreement_row,
)
from supplyline.cli.ledger_options import (
    CONDITION_OPTION,
    MODE_OPTION,
    STATUS_OPTION,
    AsOpt,
    KeyOpt,
    NoteOpt,
    OrderArg,
    OrderCommand,
    UserOpt,
    VersionOpt,
    actor_from,
    agreements_app,
    amount_option,
    console,
    date_option,
    err,
    ledger_app,
    ledger_at,
)
from supplyline.cli.ledger_order_view import (
    LINE_COLUMNS,
    MACHINE_ORDER_COLUMNS,
    MACHINE_SHOWN_COLUMNS,
    ORDER_COLUMNS,
    ORDER_COLUMNS_DROPPED,
    field_rows,
    line_row,
    order_row,
    show_order,
    shown_row,
)
from supplyline.cli.ledger_tables import (
    AGREEMENTS_SHAPE,
    LINES_SHAPE,
    emit_ledger_rows,
    emit_shaped,
    with_csv_times,
)
from supplyline.cli.output import (
    FmtOpt,
    OutputFormat,
    emit_rows,
    machine_row,
    machine_value,
    write_json,
)
from supplyline.cli.paths import scenario_folder_argument
from supplyline.cli.warnings import print_warnings
from supplyline.domain import ReimbursementMode
from supplyline.domain.agreements import period_words
from supplyline.services.ledger import Condition, OrderStatus
from supplyline.services.ledger.errors import LedgerRuleError, OutsidePeriodError
from supplyline.services.ledger.views import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
)

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
    machine = fmt is not OutputFormat.TABLE  # CSV and JSON: each value apart
    rows = [
        agreement_row(a, machine=machine)
        for a in ledger_at(db, read_only=True).agreements(actor_from(partner, user))
    ]
    cols = MACHINE_AGREEMENT_COLUMNS if machine else AGREEMENT_COLUMNS
    emit_shaped(rows, cols, fmt, AGREEMENTS_SHAPE, console=console, title="agreements")


@agreements_app.command("import")
def agreements_import_cmd(
    folder: Annotated[
        Path, scenario_folder_argument("Scenario folder with agreements.yaml, or that file.")
    ],
    partner: AsOpt,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Enter a scenario's agreements to which your partner is a party (again: a no-op).

    The summary counts them and names a few of each kind; ``--format json`` or ``csv``
    lists every id (what the summary says then goes to stderr).
    """
    from supplyline.io.agreement_files import agreement_sources, agreements_folder
    from supplyline.services.ledger.scenario_files import agreements_with_warnings

    folder = agreements_folder(folder)  # quake/agreements.yaml is read as quake/
    agreements, warnings = agreements_with_warnings(folder, partner=partner)
    print_warnings(warnings, err)
    from supplyline.services.ledger.fresh import kept_only_if_written

    with kept_only_if_written(ledger_at(db, create=True)) as ledger:  # no empty file left
        result = ledger.import_agreements(
            actor_from(partner, user), agreements, sources=agreement_sources(folder)
        )
    # each id list sits beside the count it belongs to: the added ids once came after the
    # count of those not the partner's, where they read as the ones refused
    summary = (
        f"agreements: {len(result.added):,} added{sampled_ids(result.added)}, "
        f"{len(result.unchanged):,} already there{sampled_ids(result.unchanged)}, "
        f"{len(result.skipped):,} not {partner}'s{sampled_ids(result.skipped)}"
    )
    if fmt is OutputFormat.TABLE:
        console.print(summary, markup=False, highlight=False)
        return
    err.print(summary, markup=False, highlight=False)
    if fmt is OutputFormat.JSON:
        write_json(
            {
                "added": list(result.added),
                "unchanged": list(result.unchanged),
                "skipped": list(result.skipped),
            }
        )
        return
    rows = [
        {"agreement": agreement_id, "result": kind}
        for kind, ids in (
            ("added", result.added),
            ("unchanged", result.unchanged),
            ("skipped", result.skipped),
        )
        for agreement_id in ids
    ]
    emit_rows(rows, ["agreement", "result"], fmt, console=console)


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
    orders = ledger_at(db, read_only=True).orders(
        actor_from(partner, user), status=status, agreement_id=agreement, counterparty=counterparty
    )
    columns = ORDER_COLUMNS if fmt is OutputFormat.TABLE else MACHINE_ORDER_COLUMNS
    emit_ledger_rows([order_row(o) for o in orders], columns, fmt, console=console,
                     title="orders", drop=ORDER_COLUMNS_DROPPED, record="order", key="id",
                     every="`ledger show ID` or --format csv gives every column")  # fmt: skip


@ledger_app.command("show", cls=OrderCommand)
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
    ledger = ledger_at(db, read_only=True)
    actor = actor_from(partner, user)
    order = ledger.order(actor, order_id)
    row = shown_row(ledger, actor, order)
    lines = [line_row(ln) for ln in order.lines]
    if fmt is OutputFormat.TABLE:
        emit_rows(field_rows(row), ["field", "value"], fmt, console=console,
                  title=f"order {order.id}")  # fmt: skip
        title = f"order {order.id}: lines"
        emit_shaped(lines, LINE_COLUMNS, fmt, LINES_SHAPE, console=console, title=title)
    elif fmt is OutputFormat.JSON:
        order_fields = {c: machine_value(row[c]) for c in MACHINE_SHOWN_COLUMNS}
        write_json({"order": order_fields, "lines": [machine_row(ln) for ln in lines]})
    else:
        named = [{f"line_{k}" if k != "line" else k: v for k, v in ln.items()} for ln in lines]
        rows = [{**row, **ln} for ln in named] or [row]
        columns = [
            *MACHINE_SHOWN_COLUMNS,
            *(f"line_{c}" if c != "line" else c for c in LINE_COLUMNS),
        ]
        times = [f"line_{c}" for c in LINES_SHAPE.times]  # as the statement's (with_csv_times)
        emit_rows(with_csv_times(rows, times), columns, fmt, console=console)


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
    qty = amount_option(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    assert qty is not None
    price = amount_option(unit_price, "--unit-price", decimals=UNIT_PRICE_DECIMALS, zero_ok=True)
    needed = date_option(
        needed_on, "--needed-on"
    )  # options first: a bad one is exit 2 before the db
    ledger, actor = ledger_at(db), actor_from(partner, user)
    try:
        order = ledger.request(
            actor,
            agreement_id=agreement,
            item=item,
            quantity=qty,
            needed_on=needed,
            mode=mode,
            unit_price=price,
            note=note,
            idempotency_key=key,
        )
    except OutsidePeriodError as outside:
        if needed is not None:
            raise
        raise LedgerRuleError(default_day_outside(outside)) from outside
    show_order(ledger, actor, order, fmt)


def default_day_outside(outside: OutsidePeriodError) -> str:
    """The period refusal of a request whose day no one typed: today, by ``--needed-on``'s default.

    >>> import datetime as dt
    >>> print(default_day_outside(OutsidePeriodError(
    ...     "a-1", dt.date(2026, 11, 30), valid_from=dt.date(2025, 6, 1),
    ...     valid_to=dt.date(2025, 7, 15))))
    2026-11-30 is outside agreement a-1's period (today, the default of --needed-on: give --needed-on a date in its period, 2025-06-01 to 2025-07-15)
    """  # noqa: E501
    return (
        f"{outside.on} is outside agreement {outside.agreement_id}'s period (today, the default "
        f"of --needed-on: give --needed-on a date in its period, "
        f"{period_words(outside.valid_from, outside.valid_to)})"
    )


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
        show_order(ledger, actor, order, fmt)

    command.__doc__ = doc
    ledger_app.command(action, cls=OrderCommand)(command)


_simple("accept", "Accept a requested order (provider).")
_simple("reject", "Reject a requested order (provider); --note says why.")
_simple("cancel", "Cancel an order before anything is issued (either party).")


@ledger_app.command("issue", cls=OrderCommand)
def issue_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    quantity: Annotated[
        str | None,
        typer.Option("--quantity", help="Tonnes issued now (default: what is left to issue)."),
    ] = None,
    note: NoteOpt = "",
    key: KeyOpt = None,
    if_version: VersionOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Issue (part of) an accepted order (provider): by default all that is left to issue.

    An order may be issued in parts (40 of 100 t, then the rest), never beyond what it
    ordered.
    """
    qty = amount_option(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    ledger, actor = ledger_at(db), actor_from(partner, user)
    order = ledger.issue(
        actor,
        order_id,
        qty,
        note=note,
        expected_version=if_version,
        idempotency_key=key,
    )
    show_order(ledger, actor, order, fmt)


@ledger_app.command("receive", cls=OrderCommand)
def receive_cmd(
    order_id: OrderArg,
    partner: AsOpt,
    quantity: Annotated[
        str | None,
        typer.Option("--quantity", help="What arrived (default: what is left of the issue)."),
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
    """Confirm receipt of (part of) an issue (receiver), with the quantity and condition found.

    An issue may be received in parts (60 of 100 t, then 40), never beyond what it issued,
    until the order is billed.
    """
    got = amount_option(quantity, "--quantity", decimals=QUANTITY_DECIMALS, zero_ok=True)
    ledger, actor = ledger_at(db), actor_from(partner, user)
    order = ledger.receive(
        actor,
        order_id,
        quantity=got,
        condition=condition,
        issue_line=issue_line,
        note=note,
        expected_version=if_version,
        idempotency_key=key,
    )
    show_order(ledger, actor, order, fmt)


@ledger_app.command("bill", cls=OrderCommand)
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
    money = amount_option(amount, "--amount", decimals=MONEY_DECIMALS, zero_ok=True)
    qty = amount_option(quantity, "--quantity", decimals=QUANTITY_DECIMALS, zero_ok=True)
    due_on = date_option(due, "--due")  # options first: a bad one is exit 2 before the db
    ledger, actor = ledger_at(db), actor_from(partner, user)
    order = ledger.bill(
        actor,
        order_id,
        amount=money,
        quantity=qty,
        due_on=due_on,
        note=note,
        expected_version=if_version,
        idempotency_key=key,
    )
    show_order(ledger, actor, order, fmt)


@ledger_app.command("settle", cls=OrderCommand)
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
    money = amount_option(amount, "--amount", decimals=MONEY_DECIMALS)
    qty = amount_option(quantity, "--quantity", decimals=QUANTITY_DECIMALS)
    ledger, actor = ledger_at(db), actor_from(partner, user)
    order = ledger.settle(
        actor,
        order_id,
        amount=money,
        quantity=qty,
        note=note,
        expected_version=if_version,
        idempotency_key=key,
    )
    show_order(ledger, actor, order, fmt)


def _register_more() -> None:
    """The balance, statement, audit and propose commands live in a module of their own."""
    from supplyline.cli import ledger_audit_cmds  # noqa: F401


_register_more()
