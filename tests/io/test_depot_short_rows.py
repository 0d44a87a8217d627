"""``depot_short.csv``'s figures add up as written: ``held_t`` + ``short_t`` = ``asked_t``.

Each was rounded to the kilogram alone, and a tester's row read a kilogram off.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.routes import DepotShort, Routes, RouteStatus
from supplyline.io.route_files import depot_short_rows

TONNES = st.floats(min_value=0.0, max_value=5_000.0, allow_nan=False, allow_infinity=False)


def _rows(pairs: list[tuple[float, float]]) -> list[dict[str, object]]:
    """The rows of records held the less and asked the more of each pair (never equal)."""
    shorts = tuple(
        DepotShort(depot="D", commodity="food", day=1, held_t=min(a, b), asked_t=max(a, b))
        for a, b in pairs
    )
    routes = Routes(
        scenario="s",
        day=1,
        date=dt.date(2026, 2, 1),
        status=RouteStatus.SOLVED,
        depot_short=shorts,
    )
    return depot_short_rows(routes)


@given(st.lists(st.tuples(TONNES, TONNES).filter(lambda p: p[0] != p[1]), min_size=1, max_size=5))
def test_held_and_short_add_up_to_asked_as_written(pairs: list[tuple[float, float]]) -> None:
    """Written to the kilogram, held + short is asked, each within a kilogram of exact."""
    for row, (a, b) in zip(_rows(pairs), pairs, strict=True):
        held, asked, short = (Decimal(str(row[k])) for k in ("held_t", "asked_t", "short_t"))
        assert held + short == asked
        assert abs(float(asked) - max(a, b)) <= 0.0005 + 1e-9
        assert abs(float(short) - abs(a - b)) <= 0.0015


def test_two_halves_rounded_alone_no_longer_gain_a_kilogram() -> None:
    """0.0014 t held of 0.0028 t asked: alone 0.001 + 0.001 beside 0.003; now they add up."""
    (row,) = _rows([(0.0014, 0.0028)])
    assert (row["held_t"], row["short_t"], row["asked_t"]) == (0.001, 0.002, 0.003)
