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
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from supplyline.domain.fields import check_value, whole_number
from supplyline.errors import require
from supplyline.services.ledger.views import Actor

__all__ = [
    "actor_arg",
    "amount_arg",
    "date_arg",
    "member_arg",
    "optional_amount_arg",
    "order_id_arg",
    "text_arg",
    "version_arg",
]

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
    """The version an order is expected at, or None (text was a ConflictError: "1" != 1)."""
    return None if expected_version is None else whole_number(expected_version, "expected_version")


def amount_arg(value: object, what: str) -> Decimal:
    """An exact amount: a Decimal, or an int, a float or text taken as one (``"40"``, 40.5)."""
    amount: Decimal = check_value(value, Decimal, what)
    return amount


def optional_amount_arg(value: object, what: str) -> Decimal | None:
    """An exact amount as :func:`amount_arg` takes it, or None."""
    return None if value is None else amount_arg(value, what)


def date_arg(value: object, what: str) -> dt.date | None:
    """A date (not a datetime, not text), or None."""
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
