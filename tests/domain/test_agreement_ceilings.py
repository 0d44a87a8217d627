"""An agreement's total ceiling is never below its per-order one, whichever way it is built.

The rule lived only in the agreements.yaml loader: ``Agreement(...)`` from Python and the
ledger's import took a total of 500 under a per-order ceiling of 1000, under which no
order could reach the per-order ceiling.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Agreement
from supplyline.domain.agreements import ceilings_problem
from supplyline.errors import ArgumentError

WORDS = (
    r"^ceiling_total \(500\.00\) is below ceiling_per_order \(1000\.00\): no order could "
    r"reach the per-order ceiling \(raise ceiling_total or lower ceiling_per_order\)$"
)


def _agreement(per_order: Decimal | None, total: Decimal | None) -> Agreement:
    return Agreement(
        id="wm-os-1",
        name="MLSA",
        parties=("westmark", "ostravia"),
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 12, 31),
        commodities=frozenset({"fuel"}),
        ceiling_per_order=per_order,
        ceiling_total=total,
    )


def test_building_an_agreement_refuses_a_total_below_the_per_order_ceiling() -> None:
    """``Agreement(...)`` from Python says what the YAML loader says, as an ArgumentError."""
    with pytest.raises(ArgumentError, match=WORDS):
        _agreement(Decimal("1000.00"), Decimal("500.00"))


def test_replacing_a_ceiling_is_checked_too() -> None:
    """``dataclasses.replace`` cannot lower the total under the per-order ceiling either."""
    with pytest.raises(ArgumentError, match=WORDS):
        dataclasses.replace(_agreement(Decimal("1000.00"), None), ceiling_total=Decimal("500.00"))


cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2)


@given(per_order=st.none() | cents, total=st.none() | cents)
def test_an_agreement_is_built_exactly_when_its_ceilings_are_in_order(
    per_order: Decimal | None, total: Decimal | None
) -> None:
    """Built if either ceiling is absent or the total is at least the per-order one."""
    in_order = per_order is None or total is None or total >= per_order
    if in_order:
        assert _agreement(per_order, total).ceiling_total == total
    else:
        with pytest.raises(ArgumentError) as refused:
            _agreement(per_order, total)
        assert str(refused.value) == ceilings_problem(per_order, total)
