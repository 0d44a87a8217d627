"""The ledger's errors of its own: a rule broken, and a ledger changed behind its back.

:class:`LedgerRuleError` is a :class:`~supplyline.errors.ConflictError` (the request
conflicts with the agreement or with the order's state), and :class:`TamperedLedgerError`
a :class:`~supplyline.errors.DamagedDataError`, so faces map them without knowing they
exist.
"""

from __future__ import annotations

import datetime as dt

from supplyline.domain.agreements import period_words
from supplyline.errors import ConflictError, DamagedDataError

__all__ = ["LedgerRuleError", "OutsidePeriodError", "TamperedLedgerError"]


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


class TamperedLedgerError(DamagedDataError):
    """An order's row or lines differ from what its events record: edited outside supplyline.

    Raised before a write that would read them, so that the edit is not carried into the
    new event (which copies the order's totals) and made to look like supplyline's own.
    """
