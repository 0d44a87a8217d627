"""A cut-off unit short of several goods is said short of the one it lacks most tonnes of.

A tester's ridge and ngo-team were said to hold "0 days of fuel" (0.02 t short) on a day
37.5 t short of water: every good held 0 days, and fuel came first by name.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Plan, PlanStatus, StockLevel
from supplyline.routing.reach_plan_cover import PlanStock, plan_held, plan_held_words

GOODS = ("food", "fuel", "water")


def _stock(held: dict[str, float]) -> PlanStock:
    """The unit U's own stock at A at the end of C+1, good by good."""
    plan = Plan(
        scenario="s",
        start_date=dt.date(2026, 1, 1),
        horizon_days=4,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        stocks=tuple(
            StockLevel(location="A", commodity=c, day=1, tonnes=t, unit="U")
            for c, t in held.items()
            if t > 0
        ),
    )
    return PlanStock(plan, ["A"])


def test_the_tester_s_day_names_water_and_fuel_after_it() -> None:
    """Nothing held; 37.5 t of water and 0.02 t of fuel eaten on C+2: water, then fuel."""
    eaten = {"U": {"water": [0.0, 0.0, 37.5, 0.0], "fuel": [0.0, 0.0, 0.02, 0.0]}}
    held = plan_held(_stock({}), "A", "U", ["U"], 2, [2], eaten)
    assert (held.commodity, held.also_short, held.covered) == ("water", ("fuel",), False)
    words = plan_held_words(held)
    assert words.startswith("holds 0 days of water at A by C+1")
    assert words.endswith("on the days cut off; short of fuel too), cut off 1 day: short")


@given(
    eats=st.tuples(*(st.floats(0.01, 50) for _ in GOODS)),
    holds=st.tuples(*(st.floats(0, 50) for _ in GOODS)),
)
def test_the_good_named_is_the_one_most_tonnes_short(
    eats: tuple[float, ...], holds: tuple[float, ...]
) -> None:
    """Short of any good, the one named lacks the most tonnes; the others short follow it."""
    eaten = {"U": {c: [0.0, 0.0, t, 0.0] for c, t in zip(GOODS, eats, strict=True)}}
    held = plan_held(_stock(dict(zip(GOODS, holds, strict=True))), "A", "U", ["U"], 2, [2], eaten)
    short = {c: e - h for c, e, h in zip(GOODS, eats, holds, strict=True) if h < e - 1e-6}
    if not short:
        assert held.covered
        return
    assert not held.covered
    assert short[held.commodity] == max(short.values())
    assert {held.commodity, *held.also_short} == set(short)
