"""The ledger's error of its own: a request that breaks a rule of the ledger or agreement.

It is a :class:`~supplyline.errors.ConflictError` (the request conflicts with the
agreement or with the order's state), so faces map it without knowing it exists.
"""

from __future__ import annotations

import datetime as dt

from supplyline.domain.agreements import period_words
from supplyline.errors import ConflictError

__all__ = ["LedgerRuleError", "OutsidePeriodError"]


class LedgerRuleError(ConflictError):
    """Outside the agreement's scope, period, modes or ceilings; over a quantity; a bad amount."""


class OutsidePeriodError(LedgerRuleError):
    """A request needed on a day outside its agreement's period; the dates kept for a face.

    A face that chose the day itself (the CLI's ``--needed-on``, by default today) says so
    in its own words: a tester who typed no date read only ``2026-11-30 is outside agreement
    wm-os-hns-2025's period`` and had to guess where 2026-11-30 came from.

    >>> period = {"valid_from": dt.date(2025, 6, 1), "valid_to": dt.date(2025, 7, 15)}
    >>> str(OutsidePeriodError("a-1", dt.date(2026, 11, 30), **period))
    "2026-11-30 is outside agreement a-1's period (2025-06-01 to 2025-07-15)"
    """

    def __init__(
        self, agreement_id: str, on: dt.date, *, valid_from: dt.date, valid_to: dt.date
    ) -> None:
        super().__init__(
            f"{on} is outside agreement {agreement_id}'s period "
            f"({period_words(valid_from, valid_to)})"
        )
        self.agreement_id = agreement_id
        self.on = on
        self.valid_from = valid_from
        self.valid_to = valid_to
