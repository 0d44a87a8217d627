"""An agreement as ``ledger agreements`` gives it: a table's words, CSV's and JSON's values.

A table is read by people: ``westmark & ostravia``, ``2025-07-15 to 2025-09-30``, a scope
joined by commas. CSV and JSON are read by programs, and give each value apart: the
parties, the scope and the modes as lists (a CSV cell joins a list's values with ``;``,
as every CSV supplyline writes, :func:`~supplyline.io.csv_out.csv_cell`), the period as
two ISO dates of their own (``valid_from``, ``valid_to``), bare cells a spreadsheet reads
as dates. A tester's CSV read ``"home & host"``, ``"2026-03-01 to 2026-03-31"`` and
``"fuel, handling, transport, water"``, where the README promised ``;`` between values.
"""

from __future__ import annotations

from typing import Any

from supplyline.cli.ledger_options import money
from supplyline.domain import Agreement
from supplyline.domain.agreements import period_words
from supplyline.types import iso_date

__all__ = ["AGREEMENT_COLUMNS", "MACHINE_AGREEMENT_COLUMNS", "agreement_row"]

AGREEMENT_COLUMNS = ["id", "name", "parties", "valid", "scope", "modes", "currency",
                     "ceiling_per_order", "ceiling_total"]  # fmt: skip
"""The table's columns: the period in words."""
MACHINE_AGREEMENT_COLUMNS = ["id", "name", "parties", "valid_from", "valid_to", "scope",
                             "modes", "currency", "ceiling_per_order", "ceiling_total"]  # fmt: skip
"""CSV's and JSON's columns: the period's two dates apart."""


def agreement_row(agreement: Agreement, *, machine: bool) -> dict[str, Any]:
    """One agreement's cells: for a table (words), or for CSV and JSON (``machine``: values).

    >>> import datetime as dt
    >>> a = Agreement(id="ag-1", name="A", parties=("home", "host"),
    ...               valid_from=dt.date(2026, 3, 1), valid_to=dt.date(2026, 3, 31),
    ...               commodities=frozenset({"water", "fuel"}))
    >>> agreement_row(a, machine=True)["parties"], agreement_row(a, machine=False)["valid"]
    (['home', 'host'], '2026-03-01 to 2026-03-31')
    """
    a = agreement
    parties = list(a.parties)
    scope = sorted(a.commodities | a.services)
    modes = [m.value for m in a.reimbursement_modes]
    if machine:
        listed: dict[str, Any] = {
            "parties": parties,
            "valid_from": iso_date(a.valid_from),
            "valid_to": iso_date(a.valid_to),
            "scope": scope,
            "modes": modes,
        }
    else:
        listed = {
            "parties": " & ".join(parties),
            "valid": period_words(a.valid_from, a.valid_to),
            "scope": ", ".join(scope),
            "modes": ", ".join(modes),
        }
    return {
        "id": a.id,
        "name": a.name,
        **listed,
        "currency": a.currency,
        "ceiling_per_order": None if a.ceiling_per_order is None else money(a.ceiling_per_order),
        "ceiling_total": None if a.ceiling_total is None else money(a.ceiling_total),
    }
