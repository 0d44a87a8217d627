"""The partners and the agreement the ledger CLI tests record orders under.

One mutual agreement NLD–DEU valid 2000–2099, priced per commodity, so that each test
states only what its own orders need: which goods, at what price.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
from supplyline.services.ledger import Actor, Ledger

NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")


def nld_deu_agreement(
    per_t: dict[str, str],
    *,
    agreement_id: str = "NLD-DEU-1",
    parties: tuple[str, str] = ("NLD", "DEU"),
) -> Agreement:
    """Agreement NLD-DEU-1 on the goods of ``per_t`` (EUR a tonne each), every mode allowed.

    ``agreement_id`` and ``parties`` name it and its partners otherwise.
    """
    return Agreement(
        id=agreement_id,
        name="MLSA",
        parties=parties,
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2099, 12, 31),
        commodities=frozenset(per_t),
        services=frozenset(),
        reimbursement_modes=frozenset(ReimbursementMode),
        prices=tuple(
            Price(commodity=c, currency="EUR", per_t=Decimal(p)) for c, p in per_t.items()
        ),
        currency="EUR",
    )


def billed_order(
    ledger: Ledger, receiver: Actor, provider: Actor, agreement_id: str, item: str
) -> int:
    """An order of 2 t of ``item`` requested, accepted, issued, received and billed: its id."""
    order = ledger.request(receiver, agreement_id=agreement_id, item=item, quantity=Decimal(2))
    ledger.accept(provider, order.id)
    ledger.issue(provider, order.id, Decimal(2))
    ledger.receive(receiver, order.id)
    ledger.bill(provider, order.id)
    return order.id


def ledger_in_chatham(db: str, *command: str) -> str:
    """A ledger command's stdout, as NLD, 200 columns wide, 13 hours 45 east of UTC.

    The time zone farthest from UTC on the hour's quarter, so that a time shown in the
    machine's zone, or cut to the minute, cannot pass for UTC.
    """
    env = {**os.environ, "COLUMNS": "200", "USER": "tester", "TZ": "Pacific/Chatham"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", *command, "--as", "NLD", "--db", db],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout
