"""A request retried across midnight UTC is the same request (its default day is not hashed).

The ledger's concurrency test failed when its run crossed midnight: a request without
``needed_on`` was kept with the day it resolved to, so its retry a second later, on the
next day, was refused as "a different request".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from ledger_support import DEU, NLD, make_agreement

from supplyline.errors import ConflictError
from supplyline.services.ledger import Ledger, open_ledger

BEFORE = dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=dt.UTC)


class _Clock:
    """A clock the test moves."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock() -> _Clock:
    return _Clock(BEFORE)


@pytest.fixture
def timed(db_url: str, clock: _Clock) -> Iterator[Ledger]:
    opened = open_ledger(db_url, clock=clock)
    opened.add_agreement(NLD, make_agreement())
    opened.add_agreement(DEU, make_agreement())
    yield opened
    opened.db.dispose()


def _ask(ledger: Ledger, **extra: object) -> int:
    order = ledger.request(
        DEU,
        agreement_id="NLD-DEU-1",
        item="fuel",
        quantity=Decimal("5"),
        idempotency_key="req-1",
        **extra,  # type: ignore[arg-type]
    )
    return order.id


def test_a_retry_after_midnight_replays_the_order_of_the_day_before(
    timed: Ledger, clock: _Clock
) -> None:
    first = _ask(timed)
    clock.at = BEFORE + dt.timedelta(seconds=2)  # 00:00:01 the next day
    assert _ask(timed) == first
    (order,) = timed.orders(DEU)
    assert order.needed_on == BEFORE.date()  # the day it was asked on, not the retry's


def test_the_same_key_for_another_day_is_still_a_different_request(
    timed: Ledger, clock: _Clock
) -> None:
    _ask(timed)
    with pytest.raises(ConflictError, match="different request"):
        _ask(timed, needed_on=dt.date(2026, 12, 5))


def test_a_retry_without_the_day_of_a_request_that_gave_it_on_that_day_replays(
    timed: Ledger,
) -> None:
    """As before the change: the day asked for is the day it defaults to."""
    first = _ask(timed, needed_on=BEFORE.date())
    assert _ask(timed) == first
