"""The mutual-support ledger: agreements, support orders and their life, who owes whom.

Open one with :func:`open_ledger`; act through :class:`Ledger` as an :class:`Actor`.

The names are loaded on first use (PEP 562), so that importing this package for its
small value types (``Actor``, ``OrderStatus``…) does not import SQLAlchemy: every
``supplyline`` command starts faster for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.services.ledger.accounts import Balance, StatementLine
    from supplyline.services.ledger.audit import AuditEvent, VerifyReport
    from supplyline.services.ledger.errors import LedgerRuleError, TamperedLedgerError
    from supplyline.services.ledger.propose import (
        DraftOrder,
        check_submitter,
        draft_support_orders,
        drafts_against_ledger,
        request_drafts,
    )
    from supplyline.services.ledger.scenario_files import propose_from_files, scenario_agreements
    from supplyline.services.ledger.service import ImportResult, Ledger, open_ledger
    from supplyline.services.ledger.views import (
        Actor,
        Condition,
        ItemKind,
        LineKind,
        OrderLine,
        OrderRequest,
        OrderStatus,
        Requested,
        SupportOrder,
    )

_WHERE = {
    "Actor": "views",
    "AuditEvent": "audit",
    "Balance": "accounts",
    "Condition": "views",
    "DraftOrder": "propose",
    "ImportResult": "service",
    "ItemKind": "views",
    "Ledger": "service",
    "LedgerRuleError": "errors",
    "LineKind": "views",
    "OrderLine": "views",
    "OrderRequest": "views",
    "OrderStatus": "views",
    "StatementLine": "accounts",
    "Requested": "views",
    "SupportOrder": "views",
    "TamperedLedgerError": "errors",
    "VerifyReport": "audit",
    "check_submitter": "propose",
    "draft_support_orders": "propose",
    "drafts_against_ledger": "propose",
    "open_ledger": "service",
    "propose_from_files": "scenario_files",
    "request_drafts": "propose",
    "scenario_agreements": "scenario_files",
}

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
    "OrderRequest",
    "OrderStatus",
    "Requested",
    "StatementLine",
    "SupportOrder",
    "TamperedLedgerError",
    "VerifyReport",
    "check_submitter",
    "draft_support_orders",
    "drafts_against_ledger",
    "open_ledger",
    "propose_from_files",
    "request_drafts",
    "scenario_agreements",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals(), _WHERE)
