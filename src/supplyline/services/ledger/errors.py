"""The ledger's one error of its own: a request that breaks a rule of the ledger or agreement.

It is a :class:`~supplyline.errors.ConflictError` (the request conflicts with the
agreement or with the order's state), so faces map it without knowing it exists.
"""

from __future__ import annotations

from supplyline.errors import ConflictError

__all__ = ["LedgerRuleError"]


class LedgerRuleError(ConflictError):
    """Outside the agreement's scope, period, modes or ceilings; over a quantity; a bad amount."""
