"""The mutual-support ledger: agreements, support orders and their life, who owes whom.

Open one with :func:`open_ledger`; act through :class:`Ledger` as an :class:`Actor`.
"""

from __future__ import annotations

from supplyline.services.ledger.accounts import Balance, StatementLine
from supplyline.services.ledger.audit import AuditEvent, VerifyReport
from supplyline.services.ledger.errors import LedgerRuleError
from supplyline.services.ledger.service import ImportResult, Ledger, open_ledger
from supplyline.services.ledger.views import (
    Actor,
    Condition,
    ItemKind,
    LineKind,
    OrderLine,
    OrderStatus,
    SupportOrder,
)

__all__ = [
    "Actor",
    "AuditEvent",
    "Balance",
    "Condition",
    "ImportResult",
    "ItemKind",
    "Ledger",
    "LedgerRuleError",
    "LineKind",
    "OrderLine",
    "OrderStatus",
    "StatementLine",
    "SupportOrder",
    "VerifyReport",
    "open_ledger",
]
