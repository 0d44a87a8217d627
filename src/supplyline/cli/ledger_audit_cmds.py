"""Commands ``ledger balance|statement|events|verify|propose`` and ``db upgrade``.

Registered by :mod:`supplyline.cli.ledger_cmds`; the sub-Typers and options they share are
:mod:`supplyline.cli.ledger_options`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from supplyline.cli.app import FLAG_METAVAR
from supplyline.cli.database_option import DbOpt
from supplyline.cli.force_option import ForceOpt, keep_users_files
from supplyline.cli.ledger_options import (
    AsOpt,
    UserOpt,
    actor_from,
    console,
    db_app,
    err,
    in_unit,
    ledger_app,
    ledger_at,
    tonnes,
    user_name,
)
from supplyline.cli.ledger_order_view import value_cell
from supplyline.cli.ledger_tables import (
    BALANCE_SHAPE,
    EVENTS_SHAPE,
    STATEMENT_SHAPE,
    emit_ledger_rows,
    emit_shaped,
    with_csv_times,
)
from supplyline.cli.output import FmtOpt, OutputFormat, emit_rows, machine_row
from supplyline.cli.paths import PATH_METAVAR, output_file_path
from supplyline.domain.rounding import said_difference
from supplyline.io.atomic import move_into_place, scratch_file_for, writing
from supplyline.io.csv_out import CSV_ENCODING, write_rows
from supplyline.services.ledger.accounts import unit_decimals
from supplyline.services.ledger.views import actor_text
from supplyline.staged_file import said_by_the_file_system
from supplyline.types import day_range_list, day_ranges, iso_date

if TYPE_CHECKING:
    pass

WithOpt = Annotated[str | None, typer.Option("--with", help="Only with this partner.")]


@ledger_app.command("balance")
def balance_cmd(
    partner: AsOpt,
    counterparty: WithOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """What your partner and each counterparty owe each other, per agreement and unit.

    Positive 'net' means the counterparty owes you. Units are a currency, or tonnes of a
    commodity for replacement in kind.
    """
    rows = []
    for b in ledger_at(db, read_only=True).balances(
        actor_from(partner, user), counterparty=counterparty
    ):
        figures = (b.receivable, b.payable, b.net)
        shown = said_difference(b.receivable, b.payable, _places(figures, unit_decimals(b.unit)))
        receivable, payable, net = (
            in_unit(exact, b.unit, shown=said) for exact, said in zip(figures, shown, strict=True)
        )
        rows.append(
            {
                "counterparty": b.counterparty,
                "agreement": b.agreement_id,
                "unit": b.unit,
                "receivable": receivable,
                "payable": payable,
                "net": net,
                "next_due": iso_date(b.next_due) if b.next_due else None,
            }
        )
    cols = ["counterparty", "agreement", "unit", "receivable", "payable", "net", "next_due"]
    emit_shaped(rows, cols, fmt, BALANCE_SHAPE, console=console, title=f"balances of {partner}")


def _places(figures: Sequence[Decimal], decimals: int) -> tuple[int, int, int]:
    """The decimals a table shows each of a balance's tonnes to: none from 100 up.

    Money is shown to the cent (:func:`~supplyline.cli.ledger_options.money`). Tonnes
    receivable and payable are then rounded so that, as read, they differ by the net as it
    reads alone (:func:`~supplyline.domain.rounding.said_difference`): a tester's ``1,001``
    receivable and ``200`` payable stood beside a net of ``800``.
    """
    a, b, c = (0 if abs(f) >= 100 else decimals for f in figures)
    return a, b, c


STATEMENT_COLUMNS = [
    "at",
    "order",
    "agreement",
    "counterparty",
    "kind",
    "item",
    "unit",
    "amount",
    "balance",
    "note",
]


def _write_csv_atomically(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    """Write to a scratch file beside ``path`` and move it into place: all or nothing."""
    scratch = scratch_file_for(path)  # named like every other output's (see io.atomic)
    try:
        with writing(path), scratch.open("x", newline="", encoding=CSV_ENCODING) as handle:
            write_rows(handle, columns, rows)
        move_into_place(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)


_ANY_OUTPUT_FILE = output_file_path("a file name for the CSV statement", "statement.csv")


def statement_file_path(value: str | Path) -> Path:
    """``statement -o``'s file: a file path (not a folder) ending in ``.csv`` (any case).

    Checked as the option is parsed, before any ledger is opened (exit 2): ``-o stm.xlsx``
    wrote CSV under a spreadsheet's name and exited 0, where ``plan --report`` and
    ``--mps`` refuse a suffix not theirs. A folder that is there, or a path the system
    will not look at (a loop, an unsearchable folder on its way: it raised a traceback), is
    left to :func:`~supplyline.io.destinations.check_file_target`, which says it (exit 8).

    >>> statement_file_path("out/stm.CSV")
    PosixPath('out/stm.CSV')
    """
    path = _ANY_OUTPUT_FILE(value)
    if path.suffix.lower() != ".csv" and not said_by_the_file_system(path):
        raise typer.BadParameter(
            f"statement files are CSV: give a .csv path (not {path.name!r}, e.g. "
            f"{path.with_suffix('.csv')})"
        )
    return path


@ledger_app.command("statement")
def statement_cmd(
    partner: AsOpt,
    counterparty: WithOpt = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Also write CSV here (a statement written before is replaced; any other "
            "file only with --force; missing folders are made).",
            parser=statement_file_path,
            metavar=PATH_METAVAR,
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Your partner's statement: every bill and settlement, signed from your side.

    The last balance with a counterparty in a unit is minus the same figure on the
    counterparty's statement: the two reconcile to zero.
    """
    from supplyline.io.own_files import csv_output

    statement = csv_output(",".join(STATEMENT_COLUMNS), "a statement")
    keep_users_files([(output, statement)], force=force, options="-o", err=err)
    lines = ledger_at(db, read_only=True).statement(
        actor_from(partner, user), counterparty=counterparty
    )
    rows = [
        {
            "at": ln.at.isoformat(timespec="seconds"),
            "order": ln.order_id,
            "agreement": ln.agreement_id,
            "counterparty": ln.counterparty,
            "kind": ln.kind.value,
            "item": ln.item,
            "unit": ln.unit,
            "amount": in_unit(ln.amount, ln.unit),
            "balance": in_unit(ln.balance, ln.unit),
            "note": ln.note,
        }
        for ln in lines
    ]
    if output is not None:  # its times as every ledger CSV's (with_csv_times), as stdout's
        csv_rows = with_csv_times(rows, STATEMENT_SHAPE.times)
        _write_csv_atomically(output, [machine_row(r) for r in csv_rows], STATEMENT_COLUMNS)
        err.print(f"wrote {output}", markup=False, highlight=False)
    emit_shaped(
        rows,
        STATEMENT_COLUMNS,
        fmt,
        STATEMENT_SHAPE,
        console=console,
        title=f"statement of {partner}",
    )


HASH_SHOWN = 16
"""Hex digits of a hash a table shows (then ``…``); CSV and JSON give all 64."""


@ledger_app.command("events")
def events_cmd(
    partner: AsOpt,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
    head: Annotated[
        bool,
        typer.Option(
            "--head",
            help="Print only the chain head: the last event's number and full SHA-256, "
            "to compare with the other partner's copy.",
            metavar=FLAG_METAVAR,
        ),
    ] = False,
) -> None:
    """The audit events about your partner's agreements and orders.

    A table shortens each hash to its first 16 hex digits (…); CSV and JSON give all 64.
    """
    ledger = ledger_at(db, read_only=True)
    actor = actor_from(partner, user)
    if head:
        seq, digest = ledger.head()
        if fmt is OutputFormat.TABLE:
            console.print(f"head: event {seq} {digest or '(no events)'}", markup=False)
        else:
            emit_rows([{"seq": seq, "hash": digest}], ["seq", "hash"], fmt, console=console)
        return
    table = fmt is OutputFormat.TABLE
    rows = [
        {
            "seq": e.seq,
            "at": e.at,
            "by": actor_text(e.partner, e.user),
            "kind": e.kind,
            "agreement": e.agreement_id,
            "order": e.order_id,
            "note": e.note,
            "hash": e.hash[:HASH_SHOWN] + "…" if table else e.hash,
        }
        for e in ledger.events(actor)
    ]
    cols = ["seq", "at", "by", "kind", "agreement", "order", "note", "hash"]
    emit_shaped(rows, cols, fmt, EVENTS_SHAPE, console=console, title="audit events")


@ledger_app.command("verify")
def verify_cmd(db: DbOpt = None) -> None:
    """Check the audit chain: exit 1 naming the first edited, deleted or reordered event."""
    report = ledger_at(db, read_only=True).verify()
    if report.ok:
        console.print(str(report), markup=False, highlight=False)
        return
    err.print(str(report), style="bold red", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code=1)


@ledger_app.command("propose")
def propose_cmd(
    plan: Annotated[Path, typer.Argument(help="plan.json, or the folder holding it.")],
    scenario: Annotated[Path, typer.Option("--scenario", help="The plan's scenario folder.")],
    submit: Annotated[
        bool, typer.Option("--submit", help="Request your partner's drafts.", metavar=FLAG_METAVAR)
    ] = False,
    partner: Annotated[str | None, typer.Option("--as", help="With --submit: you.")] = None,
    user: UserOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> None:
    """Draft the support orders a movement plan implies (one partner's stock to another's unit).

    Each draft names the agreement that covers it, or says that none does. With
    ``--submit --as PARTNER`` the drafts that PARTNER receives are requested (a second
    submit of the same plan requests nothing new).
    """
    from supplyline.services.ledger.propose import (
        check_submitter,
        drafts_against_ledger,
        preview_drafts,
        request_drafts,
        scenario_partner,
        submitted_summary,
    )
    from supplyline.services.ledger.scenario_files import propose_from_files

    if submit and partner is None:
        raise typer.BadParameter("--submit needs --as PARTNER (the receiving partner)")
    the_plan, the_scenario, drafts = propose_from_files(plan, scenario)
    key_prefix = f"propose:{the_plan.scenario}"
    made: dict[int, str] = {}
    summary = ""
    if submit:
        assert partner is not None
        scenario_partner(the_scenario, partner, scenario)  # a mistyped --as, as such
        check_submitter(partner, drafts)  # before the ledger is opened: no file made either
        from supplyline.io import agreement_sources
        from supplyline.services.ledger.fresh import kept_only_if_written

        actor = actor_from(partner, user)
        with kept_only_if_written(ledger_at(db, create=True)) as ledger:  # no empty file left
            # the total ceilings counted with what the ledger holds: over one, a draft is
            # said and left out, the others requested (it refused them all, exit 5)
            drafts = drafts_against_ledger(
                ledger, the_plan, the_scenario, user=actor.user, key_prefix=key_prefix
            )
            outcome = request_drafts(
                ledger,
                actor,
                drafts,
                key_prefix=key_prefix,
                agreements=the_scenario.agreements,
                sources=agreement_sources(scenario),
            )
        made = {
            i: ((why or f"order {o.id}") if o else why) for i, (_d, o, why) in enumerate(outcome)
        }
        summary = submitted_summary(partner, outcome)
    else:  # a preview counts the ledger's orders (with --db) against the total ceilings,
        # and says where all receivers' drafts together would cross one
        drafts, shared = preview_drafts(
            None if db is None else ledger_at(db, read_only=True),
            the_plan,
            the_scenario,
            user=user_name(user),
            key_prefix=key_prefix,
        )
        summary = "\n".join(shared)
    rows = [
        {
            "provider": d.provider,
            "receiver": d.receiver,
            "item": d.item,
            "quantity_t": tonnes(d.quantity),
            "needed_on": iso_date(d.needed_on),
            # the days that deliver it, a run each (C+3–C+4, C+7: it said C+3–C+7): a list,
            # as units, ";" between in CSV, a JSON array, ", " between in a table
            "days": day_range_list(d.days) if fmt is not OutputFormat.TABLE else day_ranges(d.days),
            # a list: CSV joins it with ";" (csv_cell), JSON gives it as one, a table with " "
            "units": list(d.units) if fmt is not OutputFormat.TABLE else " ".join(d.units),
            "agreement": d.agreement_id or "NONE",
            "value": None if d.value is None else value_cell(d.value, d.mode, d.unit_price),
            "currency": d.currency,
            "mode": None if d.mode is None else d.mode.value,
            "note": d.note,
            **({"submitted": made.get(i, "")} if submit else {}),
        }
        for i, d in enumerate(drafts)
    ]
    cols = [
        "provider",
        "receiver",
        "item",
        "quantity_t",
        "needed_on",
        "days",
        "units",
        "agreement",
        "value",
        "currency",
        "mode",
        "note",
    ] + (["submitted"] if submit else [])
    if not drafts:
        err.print(
            "the plan delivers no partner's stock to another partner's unit: "
            "no support orders to draft",
            markup=False,
            highlight=False,
        )
    emit_ledger_rows(rows, cols, fmt, console=console, title=f"support orders implied by {plan}",
                     drop=("mode", "days", "needed_on", "currency", "units", "agreement"),
                     record="draft")  # fmt: skip
    if summary:  # after the table, on stderr: plain even where stdout is a file or CSV
        err.print(summary, markup=False, highlight=False, soft_wrap=True)


@db_app.command("upgrade")
def db_upgrade_cmd(db: DbOpt = None) -> None:
    """Create the database or bring it to the latest schema (first use does this too)."""
    from supplyline.services.db import upgrade_database
    from supplyline.services.db.configured import database_at

    database = database_at(db)
    try:
        before, after = upgrade_database(database)
    finally:
        database.dispose()
    if before == after:
        console.print(f"database already at revision {after}", markup=False, highlight=False)
    else:
        console.print(
            f"database upgraded from {before or 'empty'} to revision {after}",
            markup=False,
            highlight=False,
        )
