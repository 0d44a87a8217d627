"""``ledger request --unit-price`` on a commodity says the option is for services (t128).

A tester's ``--unit-price 250`` on a commodity without a price was told only ``agreement
ag-b has no price for spares in USD; add one to its price list`` (exit 5), as if the
option had not been given; ``settle`` says which option to drop, and so does a request.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import BILATERAL, BILATERAL_AGREEMENT, ledger_run

REQUEST = ("ledger", "request", "--as", "westmark", "--agreement", BILATERAL_AGREEMENT,
           "--quantity", "2", "--needed-on", "2025-08-01")  # fmt: skip


@pytest.fixture(scope="module")
def ledger_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger holding the example's agreement with fuel left out of its price list."""
    tmp = tmp_path_factory.mktemp("unit-price")
    scenario = Path(shutil.copytree(BILATERAL, tmp / "scenario"))
    agreements = scenario / "agreements.yaml"
    text = agreements.read_text(encoding="utf-8")
    unpriced = "\n".join(line for line in text.splitlines() if "fuel: " not in line)
    agreements.write_text(unpriced + "\n", encoding="utf-8")
    imported = ledger_run(tmp / "l.db", "ledger", "agreements", "import", str(scenario),
                          "--as", "westmark")  # fmt: skip
    assert imported[0] == 0, imported
    return tmp


def _events(tmp: Path) -> int:
    with sqlite3.connect(tmp / "l.db") as conn:
        return int(conn.execute("SELECT count(*) FROM ledger_event").fetchone()[0])


def test_the_testers_unit_price_on_an_unpriced_commodity_is_said_and_nothing_stored(
    ledger_dir: Path,
) -> None:
    """`supplyline ledger request --unit-price` on an unpriced commodity: exit 5, said."""
    before = _events(ledger_dir)
    env = {**os.environ, "SUPPLYLINE_DATABASE_URL": f"sqlite:///{ledger_dir / 'l.db'}"}
    proc = subprocess.run(
        [sys.executable, "-m", "supplyline", *REQUEST, "--item", "fuel", "--unit-price", "250"],
        capture_output=True, text=True, env={**env, "USER": "tester"}, timeout=120, check=False,
    )  # fmt: skip
    assert (proc.returncode, proc.stderr.strip()) == (
        5,
        f"error: agreement {BILATERAL_AGREEMENT} has no price for fuel in EUR; add one to its "
        "price list (--unit-price does not stand in for a price: it is for services, which have "
        "no price list; drop it)",
    )
    assert _events(ledger_dir) == before


def test_a_unit_price_other_than_a_commoditys_list_price_says_to_drop_it(
    ledger_dir: Path,
) -> None:
    """A priced commodity given another unit price is told the option is for services."""
    code, _, said = ledger_run(ledger_dir / "l.db", *REQUEST, "--item", "food",
                               "--unit-price", "250")  # fmt: skip
    assert (code, said) == (
        5,
        f"food costs 4,200.00 EUR/t under agreement {BILATERAL_AGREEMENT}, not 250.00 (a "
        "commodity is requested at its agreement's list price: drop --unit-price, which is "
        "for services)",
    )


@pytest.mark.parametrize(
    ("item", "unit_price", "value"),
    [("food", "4200", "8400.00"), ("road transport", "12.5", "25.00")],
)
def test_a_unit_price_that_is_used_is_taken(
    ledger_dir: Path, item: str, unit_price: str, value: str
) -> None:
    """A service's unit price prices it; a commodity's equal to its list price is a check."""
    code, out, said = ledger_run(ledger_dir / "l.db", *REQUEST, "--item", item,
                                 "--unit-price", unit_price, "--format", "csv")  # fmt: skip
    assert code == 0, said
    assert f",{value}," in out.splitlines()[1]
