"""What every ``ledger`` command shares: its Typer groups, options and option values.

Split from :mod:`supplyline.cli.ledger_cmds` (at 598 lines) so that the commands, the
order's rows (:mod:`supplyline.cli.ledger_order_view`) and the options each have a module:
``--as``, ``--user``, ``--key``, ``--note``; amounts and dates read as the ledger keeps
them (a mistake is exit 2 in the option's words); the ledger a ``--db`` names.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from typer.core import TyperCommand

from supplyline.cli.app import app
from supplyline.cli.choice_options import choice_option
from supplyline.cli.number_options import whole_number
from supplyline.cli.output import Amount
from supplyline.domain import ReimbursementMode
from supplyline.errors import ArgumentError, quoted
from supplyline.io import date_from_text, decimal_from_text
from supplyline.services.ledger import Actor, Condition, OrderStatus
from supplyline.services.ledger.accounts import unit_decimals
from supplyline.services.ledger.arguments import KEY_RULE, NOTE_RULE, key_problem, note_problem
from supplyline.services.ledger.views import (
    MONEY_DECIMALS,
    NO_USER,
    QUANTITY_DECIMALS,
    USER_RULE,
    largest_amount,
    user_problem,
)
from supplyline.types import MAX_KEY_LEN, MAX_USER_LEN

if TYPE_CHECKING:  # the service (and SQLAlchemy) load only when a ledger command runs
    from typer._click.core import Context as ClickContext  # what parse_args is given

    from supplyline.services.ledger import Ledger

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


def _text_option(
    problem_of: Callable[[str], str | None], rule: str, *, empty: str = ""
) -> Callable[[str | None], str | None]:
    """A Typer ``parser`` for text the ledger keeps: a mistake is exit 2 saying ``rule``.

    ``problem_of`` is the API's own check (``key_problem``, ``user_problem``,
    ``note_problem``), so the command line and a script refuse the same text; ``empty``
    is said after the rule of an empty value (what leaving the option out does).
    """

    def parse(value: str | None) -> str | None:
        if value is None:  # the option left out
            return None
        if (problem := problem_of(value)) is not None:
            after = empty if empty and not value.strip() else ""
            raise typer.BadParameter(f"{quoted(value)} {problem}: {rule}{after}")
        return value

    return parse


AsOpt = Annotated[str, typer.Option("--as", help="The partner you act for (e.g. NLD).")]
UserOpt = Annotated[
    str | None,
    typer.Option(
        "--user",
        help=f"Your user name, up to {MAX_USER_LEN} characters (default: $USER).",
        parser=_text_option(user_problem, USER_RULE, empty=" (leave --user out to use $USER)"),
    ),
]
KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--key",
        help=f"Idempotency key (1 to {MAX_KEY_LEN} characters): a retry with the same key "
        "does nothing twice.",
        parser=_text_option(key_problem, KEY_RULE),
    ),
]
VersionOpt = Annotated[
    int | None,
    typer.Option(
        "--if-version",
        help="Act only if the order is still at this version (1, 2, …).",
        parser=whole_number(least=1, what="an order version"),
    ),
]
NoteOpt = Annotated[
    str,
    typer.Option(
        "--note",
        help="A note kept with the record (it may have several lines).",
        parser=_text_option(note_problem, NOTE_RULE),
    ),
]
OrderArg = Annotated[
    int,
    typer.Argument(
        help="The order number (1, 2, …).",
        metavar="ORDER",
        parser=whole_number(least=1, what="an order number"),
    ),
]


class OrderCommand(TyperCommand):
    """A command taking an order number, which reads ``-1`` as one (to refuse it in words).

    Click took ``ledger accept -1`` for an option: ``No such option: -1``. A token like a
    negative number that follows no option is moved past ``--``, where it is the order
    number, and refused as one (``-1 is below 1: give an order number, a whole number from
    1``); after an option (``--quantity -5``) it stays that option's value.
    """

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        """Move a negative-looking order number past ``--`` before Click reads options."""
        if "--" not in args:
            loose = [
                i
                for i, arg in enumerate(args)
                if _NEGATIVE.fullmatch(arg) and (i == 0 or not args[i - 1].startswith("-"))
            ]
            if loose:
                moved = [args[i] for i in loose]
                args = [a for i, a in enumerate(args) if i not in loose] + ["--", *moved]
        return super().parse_args(ctx, args)


_NEGATIVE = re.compile(r"-[0-9][0-9.]*")
"""A token Click would read as an option that reads as a negative number (``-1``, ``-2.0``)."""
STATUS_OPTION = choice_option(OrderStatus, "--status", what="an order status")
MODE_OPTION = choice_option(ReimbursementMode, "--mode", what="a reimbursement mode")
CONDITION_OPTION = choice_option(Condition, "--condition", what="a condition")


def user_name(user: str | None) -> str:
    """Who acts, without a partner: ``--user``, else $USER, else :data:`NO_USER`."""
    return user or os.environ.get("USER") or os.environ.get("USERNAME") or NO_USER


def actor_from(partner: str, user: str | None) -> Actor:
    """Who acts: ``--as`` and ``--user`` (default $USER, else :data:`NO_USER`: the partner)."""
    name = user_name(user)
    try:
        return Actor(partner=partner, user=name)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--as/--user") from error


def decimal_option(text: str | None, name: str) -> Decimal | None:
    """An option's number, told in the loader's words when it is not one (exit 2)."""
    if text is None:
        return None
    try:  # the loader's words: a unit, a comma, a letter O, 1_000, full-width digits
        value = decimal_from_text(text, f"a plain number for {name}")
    except ArgumentError as bad:
        raise typer.BadParameter(str(bad), param_hint=name) from None
    if not value.is_finite():
        raise typer.BadParameter(f"{text!r} is not a finite number", param_hint=name)
    return value


def amount_option(
    text: str | None, name: str, *, decimals: int, zero_ok: bool = False
) -> Decimal | None:
    """A number the ledger can store: > 0 (or >= 0), at most ``decimals`` decimals, not huge.

    A mistake is the user's (exit 2), said in the option's words; click names the option
    (``Invalid value for --quantity: at most 3 decimals``: it was named twice).
    """
    value = decimal_option(text, name)
    if value is None:
        return None
    if value < 0 or (value == 0 and not zero_ok):
        least = "0 or more" if zero_ok else "more than 0"
        raise typer.BadParameter(f"must be {least} (got {text})", param_hint=name)
    most = largest_amount(decimals)
    if value > most:
        raise typer.BadParameter(
            f"too large: the ledger stores at most {most:,} (got {text})",
            param_hint=name,
        )
    if value.quantize(Decimal(1).scaleb(-decimals)) != value:
        raise typer.BadParameter(f"at most {decimals} decimals (got {text})", param_hint=name)
    return value + 0  # -0 and 0 alike: the plain value


def date_option(text: str | None, name: str) -> dt.date | None:
    """An option's date as the scenario files write it; a time of day is exit 2."""
    if text is None:
        return None
    try:  # the files' parser: a time of day, an impossible date are said as such
        return date_from_text(text)
    except ArgumentError as bad:
        raise typer.BadParameter(str(bad), param_hint=name) from None


def ledger_at(db: str | None, *, create: bool = False, read_only: bool = False) -> Ledger:
    """The ledger at ``--db`` or the configured URL, upgraded if need be.

    Only the commands that can start a ledger (``agreements import``, ``propose --submit``)
    create a missing SQLite file; the others could only find nothing in it (exit 3). The
    commands that only read (``read_only``) open a SQLite file read-only, so that a ledger
    in a read-only file or folder reads.
    """
    from supplyline.services.ledger.service import open_ledger

    return open_ledger(db, create=create, read_only=read_only)


def tonnes(value: Decimal, unit: str = "", *, exact: bool = False) -> Amount:
    """A quantity as the ledger keeps it: to the kilogram (``29.505``), in tables too.

    ``exact``: one order's figure, to the kilogram however large
    (:attr:`~supplyline.cli.cells.Amount.exact`).
    """
    return Amount(value, QUANTITY_DECIMALS, unit, exact=exact)


def money(value: Decimal) -> Amount:
    """Money as the ledger keeps it: to the cent in every table, however large.

    ``5,519.05`` and ``151,180.40``, never ``5,519`` (:attr:`~supplyline.cli.cells.Amount.exact`):
    the tables had shown money whole from 100, so that ``ledger orders`` read ``value 5,519``
    where ``show`` read ``5,519.05 EUR``, a balance ``receivable 2,500 | payable 0.00``, and
    a draft's value ``151,180`` beside its note's ``151,180.40 EUR``. A planner and a
    finance officer read cents: a column of money is one column of cents.
    """
    return Amount(value, MONEY_DECIMALS, exact=True)


def in_unit(value: Decimal, unit: str, *, shown: Decimal | None = None) -> Amount:
    """A balance's or a statement's figure in its ``unit``: a currency, or ``t ITEM`` owed in kind.

    Money is to the cent, as :func:`money`; tonnes keep the quantities' rule of a column
    that adds up (:attr:`~supplyline.cli.cells.Amount.summed`), ``shown`` being what a table
    shows in place of ``value`` rounded alone.

    >>> in_unit(Decimal("2500"), "EUR").exact, in_unit(Decimal("2500"), "t fuel").exact
    (True, False)
    """
    if unit_decimals(unit) == MONEY_DECIMALS:  # summed: tonnes beside it keep their rule
        return Amount(value, MONEY_DECIMALS, exact=True, summed=True)
    return Amount(value, QUANTITY_DECIMALS, shown=shown, summed=True)
