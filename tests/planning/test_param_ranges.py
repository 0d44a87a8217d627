"""Each planning parameter is refused in its own range, with the value as it was given.

A tester's ``threads=10**13`` heard "threads(=1e+13) is out of range (at most 1e+12)",
though threads go from 1 to 1024, and ``explain_top=1000000000001`` heard "1e+12 is out of
range (at most 1e+12)": the bound of all records, and the value rounded onto it.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.planning import PlanParams, Weights
from supplyline.planning.params import (
    MAX_EXPLAIN,
    MAX_SECONDS,
    MAX_THREADS,
    MIN_SECONDS,
    WEIGHT_SPAN,
)

RANGES = {
    "threads": (1, MAX_THREADS, f"must be 1 to {MAX_THREADS:,}"),
    "explain_top": (0, MAX_EXPLAIN, f"must be 0 to {MAX_EXPLAIN:,}"),
    "time_limit_s": (0, MAX_SECONDS, f"to {MAX_SECONDS:,.0f}, or None"),
    "explain_time_s": (0, MAX_SECONDS, f"to {MAX_SECONDS:,.0f}, or None"),
}
COUNTS = ("threads", "explain_top")
huge_or_small_ints = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=10**11, max_value=10**13),
    st.sampled_from([MAX_THREADS + 1, MAX_EXPLAIN + 1, 10**12 + 1, -1, 0]),
)
huge_or_small_floats = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=MAX_SECONDS, max_value=1e13),
    st.sampled_from([MAX_SECONDS * (1 + 1e-15), 1e12 + 1, 1e13, -1e-300, 0.0]),
)


def _shown(message: str, name: str) -> str:
    said = re.match(rf"{name}\(=([^)]*)\)", message)
    assert said is not None, message
    return said.group(1)


@given(name=st.sampled_from(list(RANGES)), value=st.one_of(huge_or_small_ints))
def test_a_count_or_seconds_out_of_its_range_is_said_in_that_range(name: str, value: int) -> None:
    least, most, words = RANGES[name]
    inside = least <= value <= most and not (name not in COUNTS and value == 0)
    if inside:
        assert getattr(PlanParams(**{name: value}), name) == value
        return
    with pytest.raises(ArgumentError) as caught:
        PlanParams(**{name: value})
    message = str(caught.value)
    assert words in message
    assert "1e+12" not in message
    assert _shown(message, name) == str(value) or abs(value) > 10**24


@given(name=st.sampled_from(["time_limit_s", "explain_time_s"]), value=huge_or_small_floats)
def test_seconds_beyond_the_most_show_the_value_not_the_limit(name: str, value: float) -> None:
    if MIN_SECONDS <= value <= MAX_SECONDS:
        assert getattr(PlanParams(**{name: value}), name) == value
        return
    with pytest.raises(ArgumentError) as caught:
        PlanParams(**{name: value})
    message = str(caught.value)
    assert RANGES[name][2] in message
    if value > MAX_SECONDS or 0 < value < MIN_SECONDS:
        assert "is out of range" in message
        assert float(_shown(message, name)) == value != MAX_SECONDS


@given(
    name=st.sampled_from(["late_per_t_day", "shortfall_per_t", "move_per_t"]),
    value=st.one_of(huge_or_small_floats, huge_or_small_ints),
)
def test_a_weight_out_of_range_shows_the_value_and_the_weights_range(
    name: str, value: float
) -> None:
    if 0 <= value <= 1e12:
        given = {f.name: float(getattr(Weights(), f.name)) for f in fields(Weights)}
        positive = [v for v in {**given, name: float(value)}.values() if v > 0]
        if max(positive) > WEIGHT_SPAN * min(positive) * (1 + 1e-9):
            with pytest.raises(ArgumentError, match="more than 1e\\+14"):
                Weights(**{name: value})
        else:
            assert getattr(Weights(**{name: value}), name) == value
        return
    with pytest.raises(ArgumentError) as caught:
        Weights(**{name: value})
    message = str(caught.value)
    assert "(a finite number from 0 to 1e12)" in message
    shown = _shown(message, name)
    assert shown != "1e+12"
    # a whole number as written (2**53 + 1 is no float: compared as a float it was off by 1)
    exact = int(shown) if shown.lstrip("-").isdigit() else float(shown)
    assert exact == value or abs(value) > 10**24


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("threads = 10000000000000\n", "threads: 10000000000000 must be 1 to 1,024"),
        ("explain_top = 1000000000001\n", "explain_top: 1000000000001 must be 0 to 10,000"),
        ("time_limit_s = 1e13\n", "time_limit_s: 1e13 is out of range"),
        ("time_limit_s = 1e400\n", "time_limit_s: 1e400 is out of range"),
        ("time_limit_s = inf\n", "time_limit_s: inf is infinite"),
        (
            "time_limit_s = 0.0001\n",
            "time_limit_s: 0.0001 is out of range (a number of seconds from 0.001",
        ),
        ("explain_time_s = 1e-7\n", "explain_time_s: 1e-7 is out of range"),
        ("[weights]\nlate_per_t_day = 1e13\n", "weights.late_per_t_day: 1e13 is out of range"),
        ("[weights]\nmove_per_t = 1_000e10\n", "weights.move_per_t: 1_000e10 is out of range"),
        ("[weights]\nlate_per_t_day = -5\n", "weights.late_per_t_day: -5 is negative"),
    ],
)
def test_a_parameters_file_says_the_value_as_written_and_its_range(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    assert message in str(caught.value)


def test_weights_too_far_apart_for_the_solver_are_refused_with_what_would_do() -> None:
    """A tester's ``shortfall_per_t = 1e12`` planned "optimal" units out and back.

    The link costs fell below what HiGHS resolves against the largest cost, and the plan
    was 25,654 dearer than the one made with 1e7 (which it could have kept).
    """
    with pytest.raises(ArgumentError) as caught:
        Weights(shortfall_per_t=1e12)
    message = str(caught.value)
    assert "shortfall_per_t(=1e+12) is 5e+17 times hold_per_t_day(=2e-06)" in message
    assert "keep shortfall_per_t at most 2e+08, or hold_per_t_day at least 0.01" in message
    assert Weights(shortfall_per_t=2e8).shortfall_per_t == 2e8  # the most it says is kept
    assert Weights(shortfall_per_t=1e12, hold_per_t_day=0.01, move_per_t=0.1).move_per_t == 0.1
    assert Weights(hold_per_t_day=0, move_per_t=0).hold_per_t_day == 0  # 0 is not weighed


def test_a_parameters_file_with_weights_too_far_apart_says_so_at_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.toml"
    path.write_text("[weights]\nshortfall_per_t = 1e12\n")
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    assert f"{path}:2: weights.shortfall_per_t: 1e12 is 5e+17 times" in str(caught.value)
