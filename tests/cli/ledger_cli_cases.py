"""The partners and the agreement the ledger CLI tests record orders under.

One mutual agreement NLD–DEU valid 2000–2099, priced per commodity, so that each test
states only what its own orders need: which goods, at what price.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
from supplyline.services.ledger import Actor

NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")


def nld_deu_agreement(per_t: dict[str, str]) -> Agreement:
    """Agreement NLD-DEU-1 on the goods of ``per_t`` (EUR a tonne each), every mode allowed."""
    return Agreement(
        id="NLD-DEU-1",
        name="MLSA",
        parties=("NLD", "DEU"),
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
