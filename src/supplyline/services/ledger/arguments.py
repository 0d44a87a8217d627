"""The ledger's arguments checked and taken at its front door, before any transaction.

A tester's ``request(quantity=40)`` failed with an ``AttributeError`` ('int' object has
no attribute 'is_finite'), ``mode="cash"`` likewise, ``needed_on="2025-08-01"`` and
``order(actor, "x")`` with a bare ``TypeError``, and ``expected_version="1"`` with a
ConflictError saying "it is at version 1, you expected 1". Here each argument is taken
in the forms a script naturally has (an int, a float or numeric text for an amount; an
enum's value for its member; a numpy integer for an id), as a record's fields are
(:mod:`supplyline.domain.fields`); anything else is an
:class:`~supplyline.errors.ArgumentError` naming the argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from supplyline.domain import Agreement
from supplyline.domain.amounts import amount_problem
from supplyline.domain.fields import check_value, whole_number
from supplyline.errors import (
    ArgumentError,
    quoted,
    require,
    require_callable,
    require_list,
)
from supplyline.io import date_from_text, decimal_from_text
from supplyline.services.ledger.views import Actor
from supplyline.types import MAX_KEY_LEN, text_problem

__all__ = [
    "KEY_RULE",
    "MAX_KEY_LEN",
    "NOTE_RULE",
    "actor_arg",
    "agreements_arg",
    "amount_arg",
    "aware_time",
    "clock_arg",
    "date_arg",
    "flag_arg",
    "key_arg",
    "key_problem",
    "member_arg",
    "note_arg",
    "note_problem",
    "optional_amount_arg",
    "order_id_arg",
    "storable",
    "text_arg",
    "url_arg",
    "version_arg",
]

_UNIT_HOMES = {"quantity": "quantity is in tonnes"}
"""Where an amount argument's unit is said, for text given with one (``"12 t"``)."""

KEY_RULE = (
    f"an idempotency key is 1 to {MAX_KEY_LEN} characters on one line, with no control "
    "character and no text-direction control"
)
"""What :func:`key_problem` asks of a key, as a message about one ends."""
NOTE_RULE = (
    "a note may have several lines and tabs, but no other control character and no "
    "text-direction control (U+202A to U+202E, U+2066 to U+2069)"
)
"""What :func:`note_problem` asks of a note, as a message about one ends.

Notes keep their line breaks (a note is one quoted cell of a CSV, its line breaks kept);
an escape sequence (a tester's ``\\x1b[31m`` reached the terminal of whoever ran ``ledger
show``, table and CSV alike) or a U+202E (it turns what follows it on screen) is no part of
one, as it is none of an id's or a name's.
"""

E = TypeVar("E", bound=Enum)


def actor_arg(actor: object) -> Actor:
    """The :class:`Actor` every call takes (None failed as an ``AttributeError``)."""
    require(actor, Actor, "actor")
    assert isinstance(actor, Actor)  # for the type checker: require raised otherwise
    return actor


def order_id_arg(order_id: object) -> int:
    """An order number: an int or a numpy integer (numpy's failed in the audit's JSON)."""
    return whole_number(order_id, "order_id")


def version_arg(expected_version: object) -> int | None:
    """The version an order is expected at, or None (text was a ConflictError: "1" != 1).

    An order's first version is 1: ``expected_version=-1`` was a ConflictError, "it is at
    version 1, you expected -1", where no order could ever have been.
    """
    if expected_version is None:
        return None
    version = whole_number(expected_version, "expected_version")
    if version < 1:
        raise ArgumentError(
            f"expected_version(={version}) is below 1: an order's versions count from 1"
        )
    return version


def amount_arg(value: object, what: str) -> Decimal:
    """An exact amount: a Decimal, or an int, a float or text taken as one (``"40"``, 40.5).

    Text is read by the command line's reader, in its words (``quantity="12 t"`` was told
    it "must be an exact amount (Decimal, or text such as '4.50'), not str"; ``"1_000"``
    was 1000). A float is taken as the decimal it prints as (``repr``: 0.1 is 0.1, not
    0.1000000000000000055…), which is the float itself read back: a script's 30.5 means
    30.5.

    >>> amount_arg("12 t", "quantity")
    Traceback (most recent call last):
    ...
    supplyline.errors.ArgumentError: quantity(='12 t'): '12 t' has a unit in it: write 12 ...
    >>> amount_arg(0.1, "quantity")
    Decimal('0.1')
    """
    if isinstance(value, str):
        try:
            value = decimal_from_text(
                value, "a plain number", unit_home=_UNIT_HOMES.get(what, f"{what} is money")
            )
        except ArgumentError as bad:
            raise ArgumentError(f"{what}(={value!r}): {bad}") from None
    amount: Decimal = check_value(value, Decimal, what)
    return amount


def optional_amount_arg(value: object, what: str) -> Decimal | None:
    """An exact amount as :func:`amount_arg` takes it, or None."""
    return None if value is None else amount_arg(value, what)


def storable(value: Decimal | None, what: str, decimals: int, *, zero: bool = False) -> None:
    """Refuse an amount the ledger could not take, before a key is looked up (ArgumentError).

    Finite, not negative (above zero unless ``zero``), within the ledger's bound and to
    ``decimals`` places: what the change itself checks, said the same way. Checked only
    there, ``quantity=Decimal("10.0004")`` under a key already used was told the key was
    used "for a different request" (a ConflictError); without a key, an ArgumentError.
    None (the amount left to the ledger) passes.

    >>> storable(Decimal("10.0004"), "quantity", 3)
    Traceback (most recent call last):
    ...
    supplyline.errors.ArgumentError: quantity(=10.0004) has more decimal places than 0.001
    """
    if value is None:
        return
    if not value.is_finite() or value < 0 or (value == 0 and not zero):
        raise ArgumentError(f"{what}(={value}) must be a finite amount {'>=' if zero else '>'} 0")
    if (problem := amount_problem(value, decimals)) is not None:
        raise ArgumentError(f"{what}(={value}) {problem}")


def date_arg(value: object, what: str) -> dt.date | None:
    """A date (not a datetime), ISO text of one (``"2025-08-01"``), or None.

    Text is read as the command line's ``--needed-on`` is, in its words: ``"2025-13-01"``
    was told only that it "must be a date (or None), not str".

    >>> date_arg("2025-08-01", "needed_on")
    datetime.date(2025, 8, 1)
    """
    if isinstance(value, str):
        try:
            return date_from_text(value)
        except ArgumentError as bad:
            raise ArgumentError(f"{what}(={value!r}): {bad}") from None
    day: dt.date | None = check_value(value, dt.date | None, what)
    return day


def member_arg(value: object, kind: type[E], what: str) -> E:
    """A member of the enum ``kind``, given as itself or as its value (``"cash"``)."""
    member: E = check_value(value, kind, what)
    return member


def text_arg(value: object, what: str) -> str:
    """Text (an id, an item, a note)."""
    require(value, str, what)
    assert isinstance(value, str)
    return value


def flag_arg(value: object, what: str) -> bool:
    """True or False (numpy's too): ``with_lines="no"`` was taken as true."""
    flag: bool = check_value(value, bool, what)
    return flag


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be an idempotency key, or None: the rule of ``--key`` and the API.

    >>> key_problem("req-1"), key_problem(""), key_problem("k" * 201)
    (None, 'is empty', 'is 201 characters long')
    """
    if not key:
        return "is empty"
    if len(key) > MAX_KEY_LEN:
        return f"is {len(key):,} characters long"
    return text_problem(key, what="a key")


def key_arg(key: object, what: str = "idempotency_key") -> str | None:
    """An idempotency key as :data:`KEY_RULE` says, or None.

    An empty or over-long key was a ConflictError, as if it collided with another call:
    it is the caller's value out of range. A control character or a U+202E was kept, and
    shown to the other partner in the event's payload.
    """
    if key is None:
        return None
    text = text_arg(key, what)
    if (problem := key_problem(text)) is not None:
        raise ArgumentError(f"{what}(={quoted(text)}) {problem}: {KEY_RULE}")
    return text


def note_problem(note: str) -> str | None:
    r"""Why ``note`` cannot be a note (or a reason), or None: :data:`NOTE_RULE`.

    >>> note_problem("from stock\npier 2") is None, note_problem("\u202eevil")[:32]
    (True, 'has the text-direction control U')
    """
    return text_problem(note, lines=True)


def note_arg(note: object, what: str = "note") -> str:
    """A note (or a reason) as :data:`NOTE_RULE` says: text, its line breaks kept."""
    text = text_arg(note, what)
    if (problem := note_problem(text)) is not None:
        raise ArgumentError(f"{what}(={quoted(text)}) {problem}: {NOTE_RULE}")
    return text


def agreements_arg(agreements: object) -> list[Agreement]:
    """The agreements to import, as a list, every one checked before any is stored.

    ``[agreement, None]`` stored the first, then failed with an ``AttributeError``
    (half an import); one Agreement, None or an id in place of the list failed as a
    bare TypeError or AttributeError.
    """
    return require_list(agreements, Agreement, "agreements")


def url_arg(url: object) -> str | None:
    """A database URL (or None for the configured one); an empty one is refused.

    ``open_ledger("")`` fell back on the default and quietly made ./supplyline.db.
    """
    if url is None:
        return None
    require(url, str, "the database URL")
    assert isinstance(url, str)
    if not url.strip():
        raise ArgumentError(
            "the database URL is empty: give one (sqlite:///path/to/ledger.db) "
            "or None for the configured one"
        )
    return url


def clock_arg(clock: object) -> Callable[[], dt.datetime] | None:
    """A clock: None, or a function returning timezone-aware datetimes (read once, here).

    ``clock=5`` failed with a bare TypeError, a naive clock with a plain ValueError, both
    only at the first write; now they are refused when the ledger is opened.
    """
    if clock is None:
        return None
    require_callable(clock, "clock")
    assert callable(clock)
    aware_time(clock())
    return clock


def aware_time(now: object) -> dt.datetime:
    """``now`` (a clock's reading) as a UTC datetime; an ArgumentError unless it is aware."""
    if not isinstance(now, dt.datetime):
        raise ArgumentError(
            f"the ledger's clock must return a datetime, not {type(now).__name__} {now!r:.60}"
        )
    if now.tzinfo is None or now.utcoffset() is None:
        raise ArgumentError(
            f"the ledger's clock must return timezone-aware times, not {now!r:.60} "
            "(use datetime.now(datetime.UTC))"
        )
    return now.astimezone(dt.UTC)
