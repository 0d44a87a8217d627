"""The mutual-support ledger: agreements, support orders and their life, who owes whom.

Open one with :func:`open_ledger`; act through :class:`Ledger` as an :class:`Actor`.
"""

from __future__ import annotations

from supplyline.services.ledger.accounts import Balance, StatementLine
from supplyline.services.ledger.audit import AuditEvent, VerifyReport
from supplyline.services.ledger.errors import LedgerRuleError
from supplyline.services.ledger.propose import (
    DraftOrder,
    draft_support_orders,
    propose_from_files,
    request_drafts,
    scenario_agreements,
)
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
    "DraftOrder",
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
    "draft_support_orders",
    "open_ledger",
    "propose_from_files",
    "request_drafts",
    "scenario_agreements",
]
