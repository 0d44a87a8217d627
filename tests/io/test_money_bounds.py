"""The money bounds the docs give are the ones agreements.yaml is held to, and its messages say."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.domain.amounts import MONEY_DECIMALS, UNIT_PRICE_DECIMALS, largest_amount
from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


@pytest.mark.parametrize(
    ("old", "key", "decimals"),
    [
        ('water: "4.50"', "water", UNIT_PRICE_DECIMALS),
        ('ceiling_total: "250000.00"', "ceiling_total", MONEY_DECIMALS),
    ],
)
def test_the_docs_bound_is_the_largest_accepted_and_the_one_said(
    folder: Path, old: str, key: str, decimals: int
) -> None:
    """The largest amount loads, one step above is refused naming it, and the docs give it."""
    top = largest_amount(decimals)
    above = top + Decimal(1).scaleb(-decimals)
    edit(folder, "agreements.yaml", old, f'{key}: "{top}"')
    load_scenario(folder)
    edit(folder, "agreements.yaml", f'{key}: "{top}"', f'{key}: "{above}"')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    (issue,) = caught.value.issues
    lowest = "more than 0" if key == "ceiling_total" else "0"
    assert str(issue).endswith(f"is too large (an amount from {lowest} to {top:,})")
    assert f"{top:,}" in DOCS.read_text(encoding="utf-8")
