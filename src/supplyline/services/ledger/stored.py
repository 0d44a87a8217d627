"""The ledger's rows as the database holds them, cell by cell, read without trusting them.

The ORM's column types assume that only supplyline wrote the tables: a value such as
``'abc'`` in an amount column, typed in with ``sqlite3``, made them fail with a
``decimal.InvalidOperation`` traceback. This module reads the raw cells of the order,
line, agreement, price and idempotency tables and parses each one itself, so that :mod:`audit` can
compare them with what the events recorded and name a damaged cell (table, row, column,
value) as tampering, and the read side can say which cell stopped it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Table, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from supplyline.domain import ReimbursementMode
from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    QUANTITY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    amount_problem,
)
from supplyline.errors import DamagedDataError, SupplylineError
from supplyline.services.db import Database
from supplyline.services.db.tables import (
    AgreementRow,
    IdempotencyRow,
    OrderLineRow,
    OrderRow,
    PriceRow,
)
from supplyline.services.ledger.views import Condition, ItemKind, LineKind, OrderStatus

__all__ = ["TABLES", "BadCell", "Damage", "StoredRow", "first_damage", "stored_rows", "undamaged"]


class BadCell(ValueError):
    """A stored cell that supplyline could not have written; the message says why."""


Parser = Callable[[Any], Any]


def _amount(decimals: int, what: str) -> Parser:
    def parse(raw: Any) -> Decimal:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            raise BadCell(f"is not {what}")
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            raise BadCell(f"is not {what}") from None
        if not value.is_finite():
            raise BadCell(f"is not {what}")
        if (problem := amount_problem(value, decimals)) is not None:
            raise BadCell(problem)
        return value.quantize(Decimal(1).scaleb(-decimals))

    return parse


def _whole(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise BadCell("is not a whole number")
    return raw


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise BadCell("is not text")
    return raw


def _one_of(values: list[str]) -> Parser:
    def parse(raw: Any) -> str:
        if raw not in values:
            raise BadCell(f"is not one of {', '.join(values)}")
        return str(raw)

    return parse


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else _no()
    except ValueError:
        raise BadCell("is not a date") from None


def _time(raw: Any) -> dt.datetime:
    if isinstance(raw, dt.datetime):
        moment = raw
    else:
        try:
            moment = dt.datetime.fromisoformat(raw) if isinstance(raw, str) else _no()
        except ValueError:
            raise BadCell("is not a time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _no() -> Any:
    raise ValueError


MONEY = _amount(MONEY_DECIMALS, "an amount")
QUANTITY = _amount(QUANTITY_DECIMALS, "a quantity")
PRICE = _amount(UNIT_PRICE_DECIMALS, "a price")
MODES = _one_of([m.value for m in ReimbursementMode])


@dataclass(frozen=True, slots=True, kw_only=True)
class Spec:
    """How to read one table: its key, how to name a row, and each column's parser."""

    table: Table
    key: tuple[str, ...]
    columns: dict[str, Parser]
    nullable: frozenset[str]
    name: Callable[[dict[str, Any]], str]


def _order_name(row: dict[str, Any]) -> str:
    return f"order {row['id']}"


def _line_name(row: dict[str, Any]) -> str:
    return f"order {row['order_id']}'s line {row['id']} ({row['kind']})"


TABLES: dict[str, Spec] = {
    "agreement": Spec(
        table=AgreementRow.__table__,  # type: ignore[arg-type]
        key=("id",),
        columns={
            **dict.fromkeys(("id", "name", "party_a", "party_b", "currency"), _text),
            **dict.fromkeys(("commodities", "services", "reimbursement_modes"), _text),
            "valid_from": _date,
            "valid_to": _date,
            "ceiling_per_order": MONEY,
            "ceiling_total": MONEY,
            "created_at": _time,
        },
        nullable=frozenset({"ceiling_per_order", "ceiling_total"}),
        name=lambda row: f"agreement {row['id']}",
    ),
    "price": Spec(
        table=PriceRow.__table__,  # type: ignore[arg-type]
        key=("agreement_id", "commodity", "currency"),
        columns={"agreement_id": _text, "commodity": _text, "currency": _text, "per_t": PRICE},
        nullable=frozenset(),
        name=lambda r: (
            f"agreement {r['agreement_id']}'s price of {r['commodity']} in {r['currency']}"
        ),
    ),
    "order": Spec(
        table=OrderRow.__table__,  # type: ignore[arg-type]
        key=("id",),
        columns={
            "id": _whole,
            "version": _whole,
            **dict.fromkeys(
                ("agreement_id", "provider", "receiver", "item", "currency", "requested_by"), _text
            ),
            "note": _text,
            "item_kind": _one_of([k.value for k in ItemKind]),
            "mode": MODES,
            "status": _one_of([s.value for s in OrderStatus]),
            "quantity": QUANTITY,
            "unit_price": PRICE,
            "value": MONEY,
            **dict.fromkeys(("issued_qty", "received_qty", "billed_qty", "settled_qty"), QUANTITY),
            "billed_amount": MONEY,
            "settled_amount": MONEY,
            "needed_on": _date,
            "due_on": _date,
            "created_at": _time,
            "updated_at": _time,
        },
        nullable=frozenset({"due_on"}),
        name=_order_name,
    ),
    "line": Spec(
        table=OrderLineRow.__table__,  # type: ignore[arg-type]
        key=("id",),
        columns={
            "id": _whole,
            "order_id": _whole,
            "kind": _one_of([k.value for k in LineKind]),
            "ref_line": _whole,
            "quantity": QUANTITY,
            "amount": MONEY,
            "condition": _one_of([c.value for c in Condition]),
            "mode": MODES,
            "due_on": _date,
            "partner": _text,
            "user_name": _text,
            "note": _text,
            "at": _time,
        },
        nullable=frozenset({"ref_line", "quantity", "amount", "condition", "mode", "due_on"}),
        name=_line_name,
    ),
    "idempotency": Spec(
        table=IdempotencyRow.__table__,  # type: ignore[arg-type]
        key=("partner", "key"),
        columns={
            **dict.fromkeys(("partner", "key", "request_hash", "kind"), _text),
            "order_id": _whole,
            "agreement_id": _text,
            "event_seq": _whole,
            "created_at": _time,
        },
        nullable=frozenset({"order_id", "agreement_id"}),
        name=lambda row: f"{row['partner']}'s idempotency key {row['key']!r}",
    ),
}
"""The tables whose rows the events determine, by the name :mod:`audit` gives them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Damage:
    """A cell supplyline could not have written: where it is, what it holds, and why."""

    table: str
    row: str
    column: str
    raw: Any
    reason: str

    def __str__(self) -> str:
        if self.raw is None:
            return f"{self.row}'s {self.column} is empty"
        return f"{self.row}'s {self.column} {self.raw!r} {self.reason}"

    @property
    def where(self) -> str:
        """The table and column, for the person who will look at the database."""
        return f"table {self.table}, column {self.column}"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredRow:
    """One row: its key, its name for people, its parsed cells, and any damaged ones."""

    key: tuple[Any, ...]
    name: str
    cells: dict[str, Any]
    damage: tuple[Damage, ...]


def stored_rows(
    session: Session,
    what: str,
    where: ColumnElement[bool] | None = None,
    only: tuple[str, ...] | None = None,
) -> Iterator[StoredRow]:
    """Every row of one of :data:`TABLES` (those ``where`` holds), its cells parsed.

    The damaged cells are reported in :attr:`StoredRow.damage`. ``only`` names the
    columns to read (with the key's): a check of a few columns of many rows need not
    parse the rest.
    """
    spec = TABLES[what]
    names = list(spec.columns) if only is None else [*spec.key, *only]
    parsers = {name: spec.columns[name] for name in names}
    columns = [type_coerce(spec.table.c[name], NullType()).label(name) for name in parsers]
    order = [spec.table.c[k] for k in spec.key]
    query = select(*columns).order_by(*order)
    if where is not None:
        query = query.where(where)
    for raw in session.execute(query).mappings():
        cells: dict[str, Any] = {}
        damage: list[Damage] = []
        name = spec.name(dict(raw))
        for column, parse in parsers.items():
            value = raw[column]
            if value is None:
                cells[column] = None
                if column not in spec.nullable:
                    damage.append(_damage(spec, name, column, value, "is empty"))
                continue
            try:
                cells[column] = parse(value)
            except BadCell as bad:
                cells[column] = value
                damage.append(_damage(spec, name, column, value, str(bad)))
        key = tuple(raw[k] for k in spec.key)
        yield StoredRow(key=key, name=name, cells=cells, damage=tuple(damage))


def _damage(spec: Spec, name: str, column: str, raw: Any, reason: str) -> Damage:
    return Damage(table=spec.table.name, row=name, column=column, raw=raw, reason=reason)


def first_damage(session: Session) -> Damage | None:
    """The first damaged cell of the ledger's tables, or None if every cell reads.

    Besides cells that do not parse, a line without the amount or quantity its kind
    needs (a settlement of a cash order with no amount) is damaged: the statement
    failed on it with an AssertionError.
    """
    modes: dict[Any, str] = {}
    for what in ("agreement", "price", "order", "idempotency"):
        for row in stored_rows(session, what):
            if row.damage:
                return row.damage[0]
            if what == "order":
                modes[row.key[0]] = row.cells["mode"]
    for row in stored_rows(session, "line"):
        if row.damage:
            return row.damage[0]
        needed = _needed_amount(row.cells, modes.get(row.cells["order_id"]))
        if needed is not None and row.cells[needed] is None:
            return _damage(TABLES["line"], row.name, needed, None, "is empty")
    return None


def _needed_amount(cells: dict[str, Any], order_mode: str | None) -> str | None:
    """The column a line cannot do without: quantity of an issue or receipt, and so on."""
    kind = cells["kind"]
    if kind in (LineKind.ISSUE.value, LineKind.RECEIPT.value):
        return "quantity"
    if order_mode is None:
        return None
    return "quantity" if order_mode == ReimbursementMode.REPLACEMENT_IN_KIND.value else "amount"


@contextmanager
def undamaged(db: Database) -> Iterator[None]:
    """Say which stored cell stopped the block, if a damaged one did; re-raise anything else.

    The ORM's types fail on a cell typed in with ``sqlite3`` (``decimal.InvalidOperation``
    on ``'abc'``, an ``AssertionError`` on a settlement without its amount): a traceback
    with exit 1, the exit of "tampering found". If such a failure leaves the block and
    :func:`first_damage` finds a damaged cell, it becomes a :class:`DamagedDataError`
    naming it; if no cell is damaged, the failure is a bug and goes on as it was.
    """
    try:
        yield
    except SupplylineError:
        raise
    except (ArithmeticError, ValueError, TypeError, KeyError, AssertionError) as error:
        with db.session(write=False) as session:
            damage = first_damage(session)
        if damage is None:
            raise
        raise DamagedDataError(
            f"{damage}: the database was edited outside supplyline; run `supplyline ledger verify`"
        ) from error
