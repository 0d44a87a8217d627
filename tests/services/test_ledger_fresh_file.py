"""A ledger file made for a first write that fails is not left behind, empty.

``propose --submit`` over a total ceiling said "nothing was stored" and left a new,
migrated, empty ledger file, which later commands took for a ledger.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ledger_support import NLD, make_agreement

from supplyline.domain import Agreement
from supplyline.services.ledger import LedgerRuleError, OrderRequest, open_ledger
from supplyline.services.ledger.fresh import kept_only_if_written

OVER = OrderRequest(agreement_id="NLD-DEU-1", item="fuel", quantity=Decimal(1000))
"""950,500 EUR of fuel: above the ceilings of :func:`_tight`."""


def _tight() -> Agreement:
    """The NLD–DEU agreement with ceilings of 1,000 EUR an order and 2,000 in total."""
    return make_agreement(ceiling_per_order=Decimal(1000), ceiling_total=Decimal(2000))


def _fail_first_write(url: str) -> None:
    """Open (creating) the ledger and make a batch that breaks a ceiling."""
    with (
        pytest.raises(LedgerRuleError, match="nothing was stored"),
        kept_only_if_written(open_ledger(url)) as ledger,
    ):
        ledger.request_all(NLD, [OVER], agreements=[_tight()])


def test_a_new_file_is_removed_when_nothing_was_stored(tmp_path: Path) -> None:
    """No ledger file, no write-ahead log, no shared-memory file after the failure."""
    _fail_first_write(f"sqlite:///{tmp_path / 'new.db'}")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_ledger_is_kept_when_a_write_fails(tmp_path: Path) -> None:
    """A ledger that was there (empty or not) stays, as it was."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    open_ledger(url).db.dispose()
    _fail_first_write(url)
    assert (tmp_path / "old.db").is_file()


def test_a_new_file_with_a_write_in_it_is_kept(tmp_path: Path) -> None:
    """A failure after something was stored (here: the agreement) keeps the file."""
    url = f"sqlite:///{tmp_path / 'new.db'}"

    def agreement_then_too_much() -> None:
        with kept_only_if_written(open_ledger(url)) as ledger:
            ledger.import_agreements(NLD, [_tight()])
            ledger.request_all(NLD, [OVER])

    with pytest.raises(LedgerRuleError, match="above"):
        agreement_then_too_much()
    assert [a.id for a in open_ledger(url, create=False).agreements(NLD)] == ["NLD-DEU-1"]
