"""A price in another currency than its agreement's is stored but cannot be requested.

A liaison officer priced fuel in USD on a EUR agreement (as docs/scenario-format.md shows):
``validate`` and ``agreements import`` said nothing, and every request for fuel then failed
("has no price for fuel in EUR"). Both now warn at the price's line; the load goes on. A
request for it, and a draft of it, say why plainly: the ledger converts no currency.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from ledger_support import drafted
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import Severity
from supplyline.io import load_scenario_with_warnings
from supplyline.services.ledger import LedgerRuleError, open_ledger
from supplyline.services.ledger.views import Actor

EXAMPLE = Path("examples/bilateral-exercise")


def _usd_fuel(tmp_path: Path, currency: str) -> Path:
    """The bilateral example with its fuel priced ``{per_t: ..., currency: <currency>}``."""
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "agreements.yaml"
    text = path.read_text(encoding="utf-8")
    priced = f'fuel: {{per_t: "1450.00", currency: {currency}}}'
    path.write_text(text.replace('fuel: "1450.00"', priced), encoding="utf-8")
    return folder


def _fuel_line(folder: Path) -> int:
    """The 1-based line of the fuel price in agreements.yaml."""
    lines = (folder / "agreements.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "per_t" in line)


def test_validate_warns_at_the_price_line(tmp_path: Path) -> None:
    folder = _usd_fuel(tmp_path, "USD")
    scenario, warnings = load_scenario_with_warnings(folder)
    said = [w for w in warnings if w.file == "agreements.yaml"]
    assert [(w.line, w.severity) for w in said] == [(_fuel_line(folder), Severity.WARNING)]
    assert "'fuel' is in USD, not the agreement's EUR" in said[0].message
    assert "cannot be requested (" in said[0].message
    assert "the ledger converts no currency" in said[0].message
    assert any(p.currency == "USD" for p in scenario.agreements[0].prices)  # still kept


def test_a_price_in_the_agreements_own_currency_is_not_warned_of(tmp_path: Path) -> None:
    _, warnings = load_scenario_with_warnings(_usd_fuel(tmp_path, "EUR"))
    assert [w for w in warnings if w.file == "agreements.yaml"] == []


def test_agreements_import_says_the_warning(tmp_path: Path) -> None:
    folder = _usd_fuel(tmp_path, "USD")
    _register_commands()
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    args = ["ledger", "agreements", "import", str(folder), "--as", "westmark", "--db", db]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"agreements.yaml:{_fuel_line(folder)}: [0].prices.fuel: warning:" in result.stderr
    assert "1 added (wm-os-hns-2025)" in result.stdout


USD_ONLY = (
    "agreement wm-os-hns-2025 prices fuel only in USD (1,450.00 USD/t), not in its own EUR: "
    "orders are priced in the agreement's currency and the ledger converts none, so fuel "
    "cannot be requested under it (an agreement with a EUR price for fuel, under a new id, can)"
)


def test_a_request_for_it_is_refused_naming_the_other_currency(tmp_path: Path) -> None:
    """The request names the USD price it cannot use, not "no price for fuel in EUR"."""
    scenario, _ = load_scenario_with_warnings(_usd_fuel(tmp_path, "USD"))
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    westmark = Actor(partner="westmark", user="jo")
    ledger.import_agreements(westmark, scenario.agreements)
    try:
        with pytest.raises(LedgerRuleError) as caught:
            ledger.request(westmark, agreement_id="wm-os-hns-2025", item="fuel",
                           quantity=Decimal(10), needed_on=dt.date(2025, 8, 1))  # fmt: skip
        assert str(caught.value) == USD_ONLY
        assert ledger.orders(westmark) == []
    finally:
        ledger.db.dispose()


def test_a_draft_of_it_notes_the_same(tmp_path: Path) -> None:
    """``propose`` notes a fuel draft under that agreement in the request's words."""
    scenario, _ = load_scenario_with_warnings(_usd_fuel(tmp_path, "USD"))
    [draft] = drafted(scenario, "wm-hq", "fuel", "ostravia")
    assert (draft.agreement_id, draft.value, draft.note) == ("wm-os-hns-2025", None, USD_ONLY)


def _terms(folder: Path, modes: str) -> Path:
    """``folder``'s agreement with ``modes`` and no ceilings (in kind then needs no price)."""
    path = folder / "agreements.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("[cash, replacement_in_kind, equal_value_exchange]", modes)
    kept = [line for line in text.splitlines(keepends=True) if "ceiling_" not in line]
    path.write_text("".join(kept), encoding="utf-8")
    return folder


def test_no_warning_where_every_mode_takes_it_at_no_price(tmp_path: Path) -> None:
    """A tester's ``ikonly-usdprice``: in kind only, no ceiling; the request was taken."""
    folder = _terms(_usd_fuel(tmp_path, "USD"), "[replacement_in_kind]")
    _, warnings = load_scenario_with_warnings(folder)
    assert [w.message for w in warnings if w.file == "agreements.yaml"] == []


def test_the_warning_names_the_modes_that_cannot_take_it(tmp_path: Path) -> None:
    folder = _terms(_usd_fuel(tmp_path, "USD"), "[replacement_in_kind, cash]")
    _, warnings = load_scenario_with_warnings(folder)
    [said] = [w.message for w in warnings if w.file == "agreements.yaml"]
    assert "an order of 'fuel' reimbursed by cash cannot be requested (" in said
    assert said.endswith("; by replacement_in_kind it is requested at no price)")
