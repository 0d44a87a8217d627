r"""The order life cycle as data: which status may move to which, and who may move it.

::

    requested -accept-> accepted -issue-> issued -receive-> received -bill-> billed
        |   \-reject-> rejected    ^          |   \--issue more--^            |
        \-cancel-> cancelled <-cancel (while accepted, nothing issued)     settle
                                                            settled <--------/
                                           (a bill of zero goes straight to settled)

An order stays ``issued`` while an issue has no receipt; an issue received in part may be
received further (up to what was issued) until the order is billed. A partial settlement
keeps it ``billed``.
"""

from __future__ import annotations

from enum import StrEnum

from supplyline.services.ledger.views import OrderStatus

__all__ = ["ALLOWED_FROM", "ROLE_OF", "Action", "Role"]


class Action(StrEnum):
    """The transitions a partner can ask for."""

    REQUEST = "request"
    ACCEPT = "accept"
    REJECT = "reject"
    CANCEL = "cancel"
    ISSUE = "issue"
    RECEIVE = "receive"
    BILL = "bill"
    SETTLE = "settle"


class Role(StrEnum):
    """Which party of an order may take an action."""

    PROVIDER = "provider"
    RECEIVER = "receiver"
    EITHER = "either"


S = OrderStatus
ALLOWED_FROM: dict[Action, frozenset[OrderStatus]] = {
    Action.ACCEPT: frozenset({S.REQUESTED}),
    Action.REJECT: frozenset({S.REQUESTED}),
    Action.CANCEL: frozenset({S.REQUESTED, S.ACCEPTED}),
    Action.ISSUE: frozenset({S.ACCEPTED, S.ISSUED, S.RECEIVED}),
    Action.RECEIVE: frozenset({S.ISSUED, S.RECEIVED}),  # received: the rest of a part
    Action.BILL: frozenset({S.RECEIVED}),
    Action.SETTLE: frozenset({S.BILLED}),
}
"""The statuses from which each action is allowed (REQUEST creates the order)."""

ROLE_OF: dict[Action, Role] = {
    Action.REQUEST: Role.RECEIVER,
    Action.ACCEPT: Role.PROVIDER,
    Action.REJECT: Role.PROVIDER,
    Action.CANCEL: Role.EITHER,
    Action.ISSUE: Role.PROVIDER,
    Action.RECEIVE: Role.RECEIVER,
    Action.BILL: Role.PROVIDER,
    Action.SETTLE: Role.RECEIVER,
}
"""Who may take each action: the provider gives and bills, the receiver asks, confirms, pays."""
