"""A unit or activity level built in Python is refused naming the unit, the field and the range.

A script's unit with ``vehicles={"light": -2}`` was told ``vehicles of class light(=-2)
must be >= 0``; ``available_day=-1`` ``available_day(=-1) must be >= 0``; periods out of
order ``activity periods must start on increasing days``; ``activity_levels={"surge":
-1.0}`` ``must be 0 to 10.0``: none said which unit, and most not what is allowed, where
units.csv and scenario.yaml say both.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.scenario import Scenario
from supplyline.domain.units import ActivityPeriod, Unit
from supplyline.errors import ArgumentError


def _unit(**changes: Any) -> Unit:
    """Unit 'bn-1' with ``changes`` (its other fields sound)."""
    fields: dict[str, Any] = {
        "id": "bn-1", "name": "1st Battalion", "partner": "p", "home": "h",
        "destination": "d", "personnel": 400,
    }  # fmt: skip
    return Unit(**{**fields, **changes})


def _periods(*days: int) -> tuple[ActivityPeriod, ...]:
    levels = ("low", "high", "surge", "normal")
    return tuple(ActivityPeriod(start_day=d, level=levels[n % 4]) for n, d in enumerate(days))


UNIT_MISTAKES = [
    pytest.param(
        {"vehicles": {"light": -2}},
        "unit 'bn-1': vehicles['light']: -2 is negative (a whole number from 0 to 100,000 "
        "vehicles)",
        id="negative-vehicles",
    ),
    pytest.param(
        {"vehicles": {"light": 2.5}},
        "unit 'bn-1': vehicles['light'](=2.5) must be a whole number, not float",
        id="fractional-vehicles",
    ),
    pytest.param(
        {"available_day": -1},
        "unit 'bn-1': available_day: -1 is C-1, before the horizon's first day C+0 (a whole "
        "number of days from 0, C+0 being the scenario's start_date)",
        id="available-before-start",
    ),
    pytest.param(
        {"available_day": "3"},
        "unit 'bn-1': available_day(='3') must be a whole number, not str",
        id="available-as-text",
    ),
    pytest.param(
        {"available_day": 5, "required_day": 3},
        "unit 'bn-1': required_day 3 is before available_day 5 (a day on or after it)",
        id="required-before-available",
    ),
    pytest.param(
        {"activity": _periods(5, 2)},
        "unit 'bn-1': activity[1]: the period from day 2 ('high') does not start after day 5 "
        "(activity[0]'s; list the periods in increasing day order)",
        id="periods-out-of-order",
    ),
    pytest.param(
        {"activity": _periods(0, 7, 7)},
        "unit 'bn-1': activity[2]: the period from day 7 ('surge') does not start after day 7 "
        "(activity[1]'s; list the periods in increasing day order)",
        id="periods-on-one-day",
    ),
    pytest.param(
        {"receive_open_h": 18.0, "receive_close_h": 6.0},
        "unit 'bn-1': receiving window 18.0-6.0 h must satisfy 0 <= open < close <= 24 "
        "(receive_open_h before receive_close_h)",
        id="window-closes-before-it-opens",
    ),
]


@pytest.mark.parametrize(("changes", "message"), UNIT_MISTAKES)
def test_a_units_mistake_names_the_unit_the_field_and_what_it_takes(
    changes: dict[str, Any], message: str
) -> None:
    """Each mistake of a unit built in Python is said in full, the unit first."""
    with pytest.raises(ArgumentError, match=f"^{re.escape(message)}$"):
        _unit(**changes)


@given(
    count=st.integers(min_value=-(10**12), max_value=-1),
    cls=st.sampled_from(["light", "heavy", "bowser"]),
)
def test_any_negative_vehicle_count_is_said_with_its_class_and_range(count: int, cls: str) -> None:
    """Every negative count names the unit, the class and the whole-number range."""
    with pytest.raises(ArgumentError) as caught:
        _unit(vehicles={cls: count})
    assert str(caught.value) == (
        f"unit 'bn-1': vehicles[{cls!r}]: {count} is negative "
        "(a whole number from 0 to 100,000 vehicles)"
    )


@given(days=st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=6))
def test_periods_not_increasing_name_the_first_out_of_order(days: list[int]) -> None:
    """Periods whose days do not increase name the first one that does not start later."""
    bad = next((n for n in range(1, len(days)) if days[n] <= days[n - 1]), None)
    if bad is None:
        assert [p.start_day for p in _unit(activity=_periods(*days)).activity] == days
        return
    with pytest.raises(ArgumentError) as caught:
        _unit(activity=_periods(*days))
    assert str(caught.value).startswith(
        f"unit 'bn-1': activity[{bad}]: the period from day {days[bad]} "
    )
    assert f"does not start after day {days[bad - 1]}" in str(caught.value)


def _scenario(levels: dict[str, Any]) -> Scenario:
    return Scenario(
        name="s", start_date=dt.date(2026, 3, 1), horizon_days=10, activity_levels=levels
    )


LEVEL_MISTAKES = [
    pytest.param(
        {"surge": -1.0},
        "activity_levels['surge']: -1.0 is negative (a number from 0 to 10 × normal)",
        id="negative",
    ),
    pytest.param(
        {"exercise": 12.5},
        "activity_levels['exercise']: 12.5 is too large (a number from 0 to 10 × normal)",
        id="too-large",
    ),
    pytest.param(
        {"": 1.0},
        "activity_levels: the level name '' is empty (a short name such as 'exercise', mapped "
        "to its multiplier of normal)",
        id="empty-name",
    ),
]


@pytest.mark.parametrize(("levels", "message"), LEVEL_MISTAKES)
def test_an_activity_levels_mistake_names_the_level_and_the_range(
    levels: dict[str, Any], message: str
) -> None:
    """Each level refused is named, with the range scenario.yaml's activity_levels takes."""
    with pytest.raises(ArgumentError, match=f"^{re.escape(message)}$"):
        _scenario(levels)
