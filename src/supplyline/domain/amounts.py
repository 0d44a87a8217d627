"""How large an exact amount may be, and to how many decimals: the ledger's storage bound.

The ledger keeps every amount in a ``NUMERIC(AMOUNT_DIGITS, decimals)`` column (text of
the same digits on SQLite), so money to the cent goes up to 9,999,999,999,999,999.99.
The tables (``services.db.tables``) and the records that hold amounts (:class:`Price`,
:class:`Agreement`, the ledger's orders) take the bound from here, so the two cannot
drift apart: a record the ledger could not store is refused when it is built
(:class:`~supplyline.errors.ArgumentError`), not by the database at the end of a write.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

from supplyline.domain.fields import check_value
from supplyline.errors import ArgumentError

__all__ = [
    "AMOUNT_DIGITS",
    "MONEY_DECIMALS",
    "QUANTITY_DECIMALS",
    "UNIT_PRICE_DECIMALS",
    "amount_problem",
    "amount_text",
    "check_amount",
    "check_amounts",
    "largest_amount",
    "money_text",
    "quantity_text",
    "round_money",
    "unit_price_text",
    "value_of",
]

AMOUNT_DIGITS = 18
"""Digits in all of an amount the ledger stores (its columns' precision)."""
QUANTITY_DECIMALS = 3
"""Tonnes (or service units) are kept to the kilogram."""
MONEY_DECIMALS = 2
"""Money is kept to the cent."""
UNIT_PRICE_DECIMALS = 4
"""Prices per tonne (or per service unit) are kept to 1/100 of a cent."""


def round_money(amount: Decimal) -> Decimal:
    """Money to the cent, halves rounded up (away from zero), as accountants round.

    The one place the ledger rounds money it computes (an order's value, the value
    received that a bill may reach, a draft's value): Python's default, half to even,
    made 0.375 t at 3.80 worth 1.42 where an invoice says 1.43, while ``propose``
    already rounded its quantities half up.

    >>> round_money(Decimal("1.425")), round_money(Decimal("0.475")), round_money(Decimal("2"))
    (Decimal('1.43'), Decimal('0.48'), Decimal('2.00'))
    """
    return amount.quantize(Decimal(1).scaleb(-MONEY_DECIMALS), rounding=ROUND_HALF_UP)


def value_of(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """What ``quantity`` is worth at ``unit_price``: the product, to the cent, half up.

    >>> value_of(Decimal("0.375"), Decimal("3.80"))
    Decimal('1.43')
    """
    return round_money(quantity * unit_price)


def largest_amount(decimals: int) -> Decimal:
    """The largest amount the ledger stores with ``decimals`` decimals.

    >>> largest_amount(MONEY_DECIMALS)
    Decimal('9999999999999999.99')
    """
    return Decimal(10) ** (AMOUNT_DIGITS - decimals) - Decimal(1).scaleb(-decimals)


def amount_problem(value: Decimal, decimals: int, *, places: bool = True) -> str | None:
    """Why the ledger cannot store finite ``value`` with ``decimals`` decimals, or None.

    ``places=False`` asks about the size only (a record may hold more decimals than the
    ledger keeps; the ledger says so when asked to store it).

    >>> amount_problem(Decimal("1.255"), MONEY_DECIMALS)
    'has more decimal places than 0.01'
    >>> amount_problem(Decimal("1e16"), MONEY_DECIMALS)
    'is above the largest the ledger stores (9,999,999,999,999,999.99)'
    """
    most = largest_amount(decimals)
    if abs(value) > most:
        return f"is above the largest the ledger stores ({most:,})"
    quantum = Decimal(1).scaleb(-decimals)
    if places and value != value.quantize(quantum):
        return f"has more decimal places than {quantum}"
    return None


def check_amount(value: Decimal | None, name: str, decimals: int) -> None:
    """Refuse finite ``value`` (None passes) if it is beyond the ledger's bound (ArgumentError).

    Records reach it through :func:`check_amounts`, which makes their fields Decimals
    first: ``Price(per_t=Decimal("1e30"))`` was taken, then refused by the database
    (PostgreSQL) or stored beyond the column (SQLite).
    """
    if value is None or not value.is_finite():
        return
    if (problem := amount_problem(value, decimals, places=False)) is not None:
        raise ArgumentError(f"{name}(={value}) {problem}")


def check_amounts(record: object, amounts: Iterable[tuple[str, int]], *, prefix: str = "") -> None:
    """Take each named field of ``record`` as an exact amount, within the ledger's bound.

    The one path of every record that holds amounts (``Price``, ``Agreement``, the
    ledger's orders, lines, drafts and requests): each field in ``amounts`` (its name and
    the decimals the ledger keeps of it) is converted in place as
    :func:`~supplyline.domain.fields.check_fields` converts a Decimal field (text, an
    int, a float by its shortest form; None stays None), then bounded with
    :func:`check_amount`; anything else is an ArgumentError naming the field
    (``prefix`` + its name). A tester's ``OrderLine(amount=1e30)`` failed with an
    AttributeError ('float' object has no attribute 'is_finite').
    """
    for name, decimals in amounts:
        value = getattr(record, name)
        taken = check_value(value, Decimal | None, prefix + name)
        if taken is not value:
            object.__setattr__(record, name, taken)
        check_amount(taken, prefix + name, decimals)


def amount_text(value: Decimal, decimals: int) -> str:
    """An exact amount as one order's views and the ledger's messages write it.

    To exactly ``decimals``, a half away from zero, thousands separated, never ``-0.00``:
    the figure ``show`` prints and ``settle --amount`` takes. The one spelling of the
    CLI's single-order views (``cli.cells.amount_text``) and the services' messages, which
    may not import the CLI: a settlement refused said ``cannot settle 60000 EUR on order 1:
    only 52225.00 EUR is outstanding``, its two amounts in two forms, beside ``show``'s
    ``52,225.00``.

    >>> amount_text(Decimal("60000"), MONEY_DECIMALS), amount_text(Decimal("-0.004"), 2)
    ('60,000.00', '0.00')
    >>> amount_text(Decimal("1.0005"), QUANTITY_DECIMALS), amount_text(Decimal("1e30"), 2)
    ('1.001', '1,000,000,000,000,000,000,000,000,000,000.00')
    """
    digits = Context(prec=max(28, value.adjusted() + decimals + 2))  # 1e30 is said too
    rounded = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, digits)
    return f"{rounded.copy_abs() if rounded.is_zero() else rounded:,.{decimals}f}"  # not -0.00


def money_text(value: Decimal) -> str:
    """Money to the cent, as :func:`amount_text` writes it.

    >>> money_text(Decimal("52225"))
    '52,225.00'
    """
    return amount_text(value, MONEY_DECIMALS)


def quantity_text(value: Decimal) -> str:
    """A quantity to the kilogram (tonnes, or a service's units), as :func:`amount_text`.

    >>> quantity_text(Decimal("80")), quantity_text(Decimal("71.077"))
    ('80.000', '71.077')
    """
    return amount_text(value, QUANTITY_DECIMALS)


def unit_price_text(per_t: Decimal) -> str:
    """A price per tonne as the scenario writes it: to the cent, or finer where it is.

    >>> unit_price_text(Decimal("1450")), unit_price_text(Decimal("4200.1234"))
    ('1,450.00', '4,200.1234')
    """
    cents = per_t.quantize(Decimal("0.01"))
    return f"{cents:,}" if cents == per_t else f"{per_t.normalize():,f}"
