"""The command line's numbers read as a person writes them, and no other way.

``--threads 1.0`` was refused though a day takes ``6.0``; ``--time-limit ５`` (a full-width
digit) and ``--time-limit 1_0`` were taken, as Python's ``float`` takes them.
"""

from __future__ import annotations

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from supplyline.cli.number_options import seconds, whole_number
from supplyline.types import days_text

count = whole_number(least=0, most=10_000, what="things")
secs = seconds(least=0.001, most=1e6, leave_out="leave it out")


def _refused(parse: object, text: str) -> str:
    with pytest.raises(typer.BadParameter) as caught:
        parse(text)  # type: ignore[operator]
    return str(caught.value)


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["", ".", ".0", ".000"]))
def test_a_whole_number_may_be_written_with_a_point_as_days_are(n: int, point: str) -> None:
    assert count(f"{n}{point}") == n


@given(st.integers(min_value=0, max_value=9_999), st.integers(min_value=1, max_value=9))
def test_a_number_with_a_fraction_is_not_a_whole_number(n: int, tenth: int) -> None:
    assert "is not a whole number of things" in _refused(count, f"{n}.{tenth}")


@given(
    st.text(
        alphabet=st.characters(categories=["Nd"]).filter(lambda c: not "0" <= c <= "9"),
        min_size=1,
        max_size=3,
    )
)
def test_digits_of_other_scripts_are_refused_as_seconds_and_counts(digits: str) -> None:
    """Python's float("５") is 5.0; a person typing seconds means ASCII digits."""
    assert "is not a number of seconds (write it in the digits 0-9" in _refused(secs, digits)
    assert "is not a whole number" in _refused(count, digits)


@pytest.mark.parametrize("text", ["1_0", "0x10", "1e", "1..2", "+-1", "1 0", "٣"])
def test_seconds_that_python_or_nobody_would_read_are_refused(text: str) -> None:
    assert "is not a number of seconds" in _refused(secs, text)


@given(st.floats(min_value=0.001, max_value=1e6))
def test_seconds_written_as_python_writes_them_are_read_back(value: float) -> None:
    assert secs(repr(value)) == value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("1e400", "1e400 is more than the most, 1,000,000 seconds"),
        ("-1e400", "is less than the least"),
        ("nan", "nan is not a number of seconds (leave it out)"),
        ("9" * 5000, "is above 10,000"),
    ],
)
def test_numbers_beyond_a_float_or_an_int_are_said_as_out_of_range(text: str, said: str) -> None:
    parse = count if text.startswith("9") else secs
    assert said in _refused(parse, text)


def test_a_count_of_days_has_its_thousands_apart() -> None:
    """The capacity warning said "take 33334 days"."""
    assert days_text(33_334) == "33,334 days"
