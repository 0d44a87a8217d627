"""A cell shaped like thousands grouped with a point (``1.200``) is read as a decimal, and warned.

A tester's ``deployment_lift_t`` ``1.200`` was read as 1.2 t, ``capacity_t_per_day``
``1.800`` as 1.8 t/day and ``distance_km`` ``1.180`` as 1.18 km, and ``validate`` said
nothing. The point stays a decimal point (the docs say so), but the load now says how it
read the cell and what to write if the point groups thousands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario_with_warnings
from supplyline.io._cells import BadValue, parse_in_range, parse_int
from supplyline.io._point_groups import point_grouped_cell

CAPACITY = parse_in_range(FIELD_RANGES["link"]["capacity_t_per_day"])
"""A column up to 1,000,000: every grouped reading of the tests below is in its range."""


def _warned(text: str) -> bool:
    value = CAPACITY(text)
    return (
        point_grouped_cell("links.csv", 3, "capacity_t_per_day", text, value, CAPACITY) is not None
    )


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@given(st.integers(min_value=1000, max_value=999_999))
def test_any_number_grouped_with_a_point_is_warned(number: int) -> None:
    """1.000 to 999.999: read as a decimal, kept for a warning with its grouped reading."""
    text = _grouped(number)
    cell = point_grouped_cell("links.csv", 3, "capacity_t_per_day", text, CAPACITY(text), CAPACITY)
    assert cell is not None
    assert cell.read_as == number / 1000
    assert cell.grouped == str(number)


@given(
    st.integers(min_value=0, max_value=10**6 - 1),
    st.text(alphabet="0123456789", min_size=1, max_size=6).filter(lambda d: len(d) != 3),
)
def test_a_plain_decimal_of_other_than_three_decimals_is_not_warned(
    whole: int, decimals: str
) -> None:
    """``1.2``, ``12.50``, ``1.2345``: no grouping has these shapes."""
    assert not _warned(f"{whole}.{decimals}")


@given(
    st.one_of(st.just(0), st.integers(min_value=1000, max_value=999_999)),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)
def test_three_decimals_after_a_zero_or_four_digits_are_not_warned(
    whole: int, decimals: str
) -> None:
    """``0.125`` (a leading 0 never groups) and ``1200.500`` (a group has three digits)."""
    assert not _warned(f"{whole}.{decimals}")


@pytest.mark.parametrize("text", ["52.080", "-23.660"])
def test_a_grouped_reading_the_column_refuses_is_not_warned(text: str) -> None:
    """A latitude of 52.080 is no thousands: 52080 is no latitude."""
    lat = parse_in_range(FIELD_RANGES["location"]["lat"])
    assert point_grouped_cell("locations.csv", 3, "lat", text, lat(text), lat) is None


def test_a_whole_number_column_refuses_it_with_its_grouped_reading() -> None:
    """``personnel`` ``1.200``: refused, and told to write 1200 if the point groups."""
    with pytest.raises(BadValue, match=r"^'1\.200' is not a whole number: if it is 1200 with a"):
        parse_int("1.200", hi=10_000_000, unit="people")


def test_two_groups_are_refused_as_thousands() -> None:
    """``1.200.000`` is no decimal: refused with the number to write."""
    with pytest.raises(
        BadValue, match=r"'1\.200\.000' has points as thousands separators: write 1200000"
    ):
        CAPACITY("1.200.000")


def test_the_testers_capacity_is_warned_at_its_cell(folder: Path) -> None:
    """The warning names file, line and column, the reading, and what to write."""
    edit(folder, "links.csv", "1435,420,2,,1200,", "1435,420,2,,1.800,")
    _, warnings = load_scenario_with_warnings(folder)
    said = [str(w) for w in warnings if "grouping" in w.message]
    assert len(said) == 1
    assert said[0].startswith("links.csv:")
    assert (
        ": capacity_t_per_day: warning: '1.800' is read as 1.8 (a point is always a decimal "
        in said[0]
    )
    assert said[0].endswith("if it is 1800 with a point grouping the thousands, write 1800")


def test_many_cells_of_a_file_are_one_line_with_a_count(folder: Path) -> None:
    """Four cells or more of one file: one warning, the first three cells and the count."""
    edit(folder, "links.csv", "1435,420,2,,1200,600,", "1435,1.420,2,,1.200,1.600,")
    edit(folder, "links.csv", ",45,,300,500,", ",1.045,,300,500,")
    _, warnings = load_scenario_with_warnings(folder)
    said = [w for w in warnings if "grouped with a point" in w.message]
    assert len(said) == 1
    assert said[0].severity is Severity.WARNING
    assert said[0].file == "links.csv"
    assert said[0].message.startswith("4 cells are shaped like thousands grouped with a point")
    assert "'1.420' is read as 1.42" in said[0].message
    assert "and 1 more" in said[0].message
    assert "1.420 as 1420" in said[0].message


def test_the_warning_is_said_beside_errors(folder: Path) -> None:
    """A load that fails still says how it read the grouped cell."""
    edit(folder, "links.csv", "1435,420,2,,1200,", "1435,420,2,,1.800,")
    edit(folder, "units.csv", ",450,40,", ",4x0,40,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_with_warnings(folder)
    assert any("'1.800' is read as 1.8" in i.message for i in caught.value.issues)
