"""A price in another currency than its agreement's is stored but cannot be requested yet.

A liaison officer priced fuel in USD on a EUR agreement (as docs/scenario-format.md shows):
``validate`` and ``agreements import`` said nothing, and every request for fuel then failed
("has no price for fuel in EUR"). Both now warn at the price's line; the load goes on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import Severity
from supplyline.io import load_scenario_with_warnings

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
    assert "cannot be requested yet" in said[0].message
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
    assert f"agreements.yaml:{_fuel_line(folder)}: [0].prices: warning:" in result.stderr
    assert "1 added (wm-os-hns-2025)" in result.stdout
