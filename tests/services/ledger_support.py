"""Shared test data of the ledger tests: actors and a standard agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from supplyline.domain import Agreement, Price, ReimbursementMode
from supplyline.services.ledger import Actor

NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")
FRA = Actor(partner="FRA", user="marie")


def make_agreement(
    agreement_id: str = "NLD-DEU-1",
    parties: tuple[str, str] = ("NLD", "DEU"),
    *,
    modes: frozenset[ReimbursementMode] = frozenset(ReimbursementMode),
    ceiling_per_order: Decimal | None = None,
    ceiling_total: Decimal | None = None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    valid_to: dt.date = dt.date(2099, 12, 31),
) -> Agreement:
    """A mutual agreement on fuel and water (priced) and transport (a service)."""
    return Agreement(
        id=agreement_id,
        name=f"MLSA {agreement_id}",
        parties=parties,
        valid_from=valid_from,
        valid_to=valid_to,
        commodities=frozenset({"fuel", "water"}),
        services=frozenset({"transport"}),
        reimbursement_modes=modes,
        prices=(
            Price(commodity="fuel", currency="EUR", per_t=Decimal("950.50")),
            Price(commodity="water", currency="EUR", per_t=Decimal("12.25")),
        ),
        currency="EUR",
        ceiling_per_order=ceiling_per_order,
        ceiling_total=ceiling_total,
    )
