"""A commodity no price values: requested in kind where nothing needs its value, else warned of.

The relief example's ``gfr-man-sharing`` permits replacement in kind only and has no price
list: ``validate`` said OK, the import stored it, and every request was refused (``has no
price for food in USD``), ``propose --submit`` too. An order replaced in kind is repaid,
billed and balanced in tonnes, so it needs a price only where a ceiling counts its value;
without one it is requested at no price. Where an order the agreement permits does need a
price it lacks (``mer-gfr-warehousing``, cash, priced fuel only), ``validate`` and the
agreements import warn at the agreement's commodities.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ledger_support import drafted, ledger_run, make_agreement

from supplyline.domain import Agreement, Price, ReimbursementMode
from supplyline.errors import Severity
from supplyline.io import load_scenario_with_warnings
from supplyline.services.ledger import Actor, Ledger, LedgerRuleError

RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
IN_KIND = ReimbursementMode.REPLACEMENT_IN_KIND
GFR, MAN = Actor(partner="gfr", user="ana"), Actor(partner="man", user="ben")


def _sharing(**terms: Any) -> Agreement:
    """An agreement like the example's ``gfr-man-sharing``: in kind only, no price list."""
    return make_agreement(
        "gfr-man-sharing", ("gfr", "man"), **{"modes": (IN_KIND,), "prices": (), **terms}
    )


def _ask(ledger: Ledger, **extra: object) -> int:
    on = dt.date(2025, 4, 1)
    order = ledger.request(
        MAN, agreement_id="gfr-man-sharing", item="fuel", quantity="12", needed_on=on, **extra
    )  # type: ignore[arg-type]
    return order.id


def test_an_in_kind_order_needs_no_price_where_no_ceiling_counts_its_value(ledger: Ledger) -> None:
    ledger.add_agreement(MAN, _sharing())
    order_id = _ask(ledger)
    ledger.accept(GFR, order_id)
    ledger.issue(GFR, order_id)
    ledger.receive(MAN, order_id)
    ledger.bill(GFR, order_id, quantity="12", due_on=dt.date(2025, 9, 1))
    ledger.settle(MAN, order_id, quantity="5")
    order = ledger.order(GFR, order_id)
    assert (order.unit_price, order.value, order.mode) == (0, 0, IN_KIND)
    [owed] = ledger.balances(GFR)
    assert (owed.unit, owed.net) == ("t fuel", Decimal("7.000"))
    assert ledger.verify().ok


def test_an_in_kind_order_under_a_ceiling_still_needs_a_price(ledger: Ledger) -> None:
    ledger.add_agreement(MAN, _sharing(ceiling_total=Decimal("1000.00")))
    with pytest.raises(LedgerRuleError, match="its ceilings count each order's value, in kind"):
        _ask(ledger)
    assert ledger.orders(MAN) == []


def test_a_cash_order_without_a_price_is_still_refused(ledger: Ledger) -> None:
    ledger.add_agreement(MAN, _sharing(modes=(ReimbursementMode.CASH, IN_KIND)))
    with pytest.raises(LedgerRuleError, match="has no price for fuel in EUR"):
        _ask(ledger)
    assert ledger.order(MAN, _ask(ledger, mode=IN_KIND)).value == 0  # in kind, asked for


def test_a_unit_price_for_an_unpriced_in_kind_commodity_is_refused(ledger: Ledger) -> None:
    ledger.add_agreement(MAN, _sharing())
    with pytest.raises(LedgerRuleError, match=r"at no price .* drop --unit-price"):
        _ask(ledger, unit_price="250")


def test_an_order_in_kind_at_no_price_reads_in_kind_in_a_table(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    assert ledger_run(db, "ledger", "agreements", "import", str(RELIEF), "--as", "man")[0] == 0
    ask = ["ledger", "request", "--as", "man", "--agreement", "gfr-man-sharing", "--item", "food"]
    code, shown, said = ledger_run(db, *ask, "--quantity", "12", "--needed-on", "2025-04-01")
    assert code == 0, said
    assert any(line.split("│")[1:3] == [" value     ", " in kind             "]
               for line in shown.splitlines()), shown  # fmt: skip
    code, csv, _ = ledger_run(db, "ledger", "orders", "--as", "gfr", "--format", "csv")
    assert code == 0
    assert ',"food",12.000,0.00,"USD","replacement_in_kind",' in csv  # a number, as ever


def _with_agreements(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "relief"
    shutil.copytree(RELIEF, folder)
    (folder / "agreements.yaml").write_text(text, encoding="utf-8")
    return folder


_CASH_FUEL_ONLY = """\
- id: mer-gfr-warehousing
  name: Government warehousing
  parties: [meridia, gfr]
  valid_from: 2025-03-09
  valid_to: 2025-12-31
  commodities: [food, shelter, fuel]
  reimbursement_modes: [cash]
  currency: USD
  prices: {fuel: "1180.00"}
"""


def test_validate_warns_at_the_commodities_of_an_agreement_that_cannot_value_them(
    tmp_path: Path,
) -> None:
    _, warnings = load_scenario_with_warnings(_with_agreements(tmp_path, _CASH_FUEL_ONLY))
    said = [w for w in warnings if w.file == "agreements.yaml"]
    assert [(w.line, w.column, w.severity) for w in said] == [
        (6, "[0].commodities", Severity.WARNING)
    ]
    assert said[0].message.startswith(
        "agreement 'mer-gfr-warehousing' has no USD price for 'food' and 'shelter': an order "
        "reimbursed by cash needs one"
    )


@pytest.mark.parametrize(
    ("terms", "warned"),
    [
        ("  reimbursement_modes: [replacement_in_kind]\n", False),
        ('  reimbursement_modes: [replacement_in_kind]\n  ceiling_total: "900.00"\n', True),
        ("  reimbursement_modes: [equal_value_exchange, replacement_in_kind]\n", True),
    ],
)
def test_an_in_kind_agreement_is_warned_of_only_where_its_value_counts(
    tmp_path: Path, terms: str, warned: bool
) -> None:
    text = _CASH_FUEL_ONLY.replace("  reimbursement_modes: [cash]\n", terms)
    _, warnings = load_scenario_with_warnings(_with_agreements(tmp_path, text))
    assert [w.line for w in warnings if w.file == "agreements.yaml"] == ([6] if warned else [])


def test_the_bundled_examples_price_what_their_agreements_need(tmp_path: Path) -> None:
    for example in RELIEF.parent.iterdir():
        _, warnings = load_scenario_with_warnings(example)
        assert [w.message for w in warnings if w.file == "agreements.yaml"] == [], example


def test_the_import_says_the_warning(tmp_path: Path) -> None:
    folder = _with_agreements(tmp_path, _CASH_FUEL_ONLY)
    code, out, said = ledger_run(
        tmp_path / "l.db", "ledger", "agreements", "import", str(folder), "--as", "gfr"
    )
    assert code == 0
    assert "agreements.yaml:6: [0].commodities: warning: agreement 'mer-gfr-warehousing'" in said
    assert "1 added (mer-gfr-warehousing)" in out


def test_a_draft_in_kind_at_no_price_can_be_requested() -> None:
    scenario, _ = load_scenario_with_warnings(RELIEF)
    [draft] = drafted(scenario, "site-6", "food", "gfr")
    assert (draft.agreement_id, draft.unit_price, draft.value, draft.note) == (
        "gfr-man-sharing",
        0,
        0,
        "",
    )


def test_a_price_list_still_prices_an_in_kind_order(ledger: Ledger) -> None:
    price = Price(commodity="fuel", currency="EUR", per_t=Decimal("400"))
    ledger.add_agreement(MAN, _sharing(prices=(price,)))
    assert ledger.order(MAN, _ask(ledger)).value == Decimal("4800.00")
