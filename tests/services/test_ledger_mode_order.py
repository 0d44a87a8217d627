"""An agreement's reimbursement modes keep the order they are written in.

The default mode of a request was the alphabetical first (``sorted(modes)[0]``) where the
docs say the first the agreement permits: ``[replacement_in_kind, equal_value_exchange]``
defaulted to equal value exchange.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ledger_support import NLD, make_agreement

from supplyline.domain import ReimbursementMode
from supplyline.io import load_scenario, write_scenario
from supplyline.services.ledger import Ledger

WRITTEN = (ReimbursementMode.REPLACEMENT_IN_KIND, ReimbursementMode.EQUAL_VALUE_EXCHANGE)


def test_a_request_without_a_mode_takes_the_first_written(ledger: Ledger) -> None:
    """No cash permitted: the order is repaid in kind, the first mode written."""
    ledger.add_agreement(NLD, make_agreement(modes=WRITTEN))
    order = ledger.request(NLD, agreement_id="NLD-DEU-1", item="fuel", quantity=1)
    assert order.mode is ReimbursementMode.REPLACEMENT_IN_KIND


def test_the_stored_agreement_reads_back_in_its_order(ledger: Ledger) -> None:
    """What the ledger stores and reads back, and what verify replays, keep the order."""
    ledger.add_agreement(NLD, make_agreement(modes=WRITTEN))
    [agreement] = ledger.agreements(NLD)
    assert (agreement.reimbursement_modes, ledger.verify().ok) == (WRITTEN, True)


def test_a_ledger_stored_in_alphabetical_order_still_reads_and_takes_the_same_terms(
    ledger: Ledger,
) -> None:
    """An older ledger's sorted row reads; the same modes in another order are no conflict."""
    ledger.add_agreement(NLD, make_agreement(modes=tuple(sorted(WRITTEN))))
    result = ledger.import_agreements(NLD, [make_agreement(modes=WRITTEN)])
    [agreement] = ledger.agreements(NLD)
    assert (result.unchanged, agreement.reimbursement_modes) == (
        ("NLD-DEU-1",),
        tuple(sorted(WRITTEN)),
    )


def test_agreements_yaml_keeps_the_order(tmp_path: Path) -> None:
    """A scenario written and loaded again keeps each agreement's modes as written."""
    scenario = load_scenario(
        Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
    )
    first, *others = scenario.agreements
    turned = tuple(reversed(first.reimbursement_modes))
    assert turned != tuple(sorted(turned))  # else the test could not tell
    again = replace(first, reimbursement_modes=turned)
    write_scenario(replace(scenario, agreements=(again, *others)), tmp_path / "s")
    assert load_scenario(tmp_path / "s").agreements[0].reimbursement_modes == turned
