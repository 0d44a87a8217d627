"""Records made column by column equal the records the class itself makes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Delivery, Mode, Movement, StockLevel
from supplyline.domain.columns import from_columns

names = st.text(min_size=1, max_size=8)
tonnes = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(
    st.lists(
        st.tuples(names, names, names, st.sampled_from(list(Mode)), st.integers(0, 400), tonnes),
        max_size=30,
    )
)
def test_movements_from_columns_equal_movements_from_the_class(
    rows: list[tuple[str, str, str, Mode, int, float]],
) -> None:
    expected = [
        Movement(
            link=link,
            origin=a,
            destination=b,
            mode=mode,
            commodity="fuel",
            departure_day=day,
            arrival_day=day + 2,
            tonnes=q,
        )
        for link, a, b, mode, day, q in rows
    ]
    made = from_columns(
        Movement,
        {
            "link": [r[0] for r in rows],
            "origin": [r[1] for r in rows],
            "destination": [r[2] for r in rows],
            "mode": [r[3] for r in rows],
            "commodity": ["fuel"] * len(rows),
            "departure_day": [r[4] for r in rows],
            "arrival_day": [r[4] + 2 for r in rows],
            "tonnes": [r[5] for r in rows],
        },
    )
    assert made == expected
    assert [hash(m) for m in made] == [hash(m) for m in expected]


@given(st.lists(st.tuples(names, st.one_of(st.none(), names), tonnes), max_size=20))
def test_defaults_and_optional_fields(rows: list[tuple[str, str | None, float]]) -> None:
    made = from_columns(
        Delivery,
        {
            "unit": [r[0] for r in rows],
            "location": ["A"] * len(rows),
            "commodity": ["water"] * len(rows),
            "day": [1] * len(rows),
            "tonnes": [r[2] for r in rows],
        },
    )
    assert all(d.source_partner is None for d in made)
    assert [d.unit for d in made] == [r[0] for r in rows]


def test_made_records_stay_frozen() -> None:
    (stock,) = from_columns(
        StockLevel, {"location": ["A"], "commodity": ["fuel"], "day": [0], "tonnes": [1.0]}
    )
    with pytest.raises(AttributeError):
        stock.tonnes = 2.0  # type: ignore[misc]


def test_caller_mistakes_are_refused() -> None:
    with pytest.raises(ValueError, match="no field 'tons'"):
        from_columns(StockLevel, {"tons": [1.0]})
    with pytest.raises(ValueError, match="differ in length"):
        from_columns(StockLevel, {"location": ["A"], "day": [1, 2]})
    with pytest.raises(ValueError, match="no default"):
        from_columns(StockLevel, {"location": ["A"]})

    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="__post_init__"):
        from_columns(Checked, {"value": [1]})

    @dataclass
    class Loose:
        value: int

    with pytest.raises(TypeError, match="frozen dataclass with slots"):
        from_columns(Loose, {"value": [1]})
