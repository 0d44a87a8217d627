"""A scenario's fingerprint: one for equal scenarios, another for any field changed.

Output files record it (``scenario_id``), and earlier files in a folder are judged by it
rather than by the scenario's name (:mod:`supplyline.io.earlier_outputs`): a tester's
edited scenario of the same name was planned beside the old one's requirements with no word.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import pickle
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from io_strategies import scenarios

from supplyline.domain import Scenario, scenario_id
from supplyline.domain.frozen_map import FrozenMap


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_equal_scenarios_have_one_fingerprint(scenario: Scenario) -> None:
    """A copy made by pickling (another object, equal) has the same fingerprint."""
    again = pickle.loads(pickle.dumps(scenario))
    assert again == scenario
    assert scenario_id(again) == scenario_id(scenario)


def _other(value: Any) -> Any:
    """A value of ``value``'s kind that differs from it (None: there is none to make here)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        others = [m for m in type(value) if m != value]
        return others[0] if others else None
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, int | Decimal):
        return value + 1
    if isinstance(value, float):
        return value + 1.0 if abs(value) < 1e15 else value * 2
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, tuple):
        return value[:-1] if value else None
    if isinstance(value, Mapping):
        return FrozenMap({**value, "another-key": 1.0})
    return None


def _changed(draw: st.DrawFn, record: Any) -> Any:
    """``record`` with one field, drawn at any depth, set to another value (None: none could be)."""
    names = [f.name for f in dataclasses.fields(record) if f.compare]
    name = draw(st.sampled_from(names))
    value = getattr(record, name)
    if dataclasses.is_dataclass(value):
        new = _changed(draw, value)
    elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        at = draw(st.integers(0, len(value) - 1))
        one = _changed(draw, value[at])
        new = None if one is None else (*value[:at], one, *value[at + 1 :])
        new = draw(st.sampled_from([new, value[:-1]])) if new is not None else value[:-1]
    else:
        new = _other(value)
    if new is None:
        return None
    changed = copy.copy(record)
    object.__setattr__(changed, name, new)  # past __post_init__: the digest, not the checks
    return changed


@st.composite
def _scenario_and_changed(draw: st.DrawFn) -> tuple[Scenario, Scenario | None]:
    scenario = draw(scenarios())
    return scenario, _changed(draw, scenario)


@settings(max_examples=200, deadline=None)
@given(_scenario_and_changed())
def test_any_field_changed_changes_the_fingerprint(pair: tuple[Scenario, Scenario | None]) -> None:
    """Whatever field is changed, at whatever depth (a unit's personnel), the digest differs."""
    scenario, changed = pair
    if changed is None or changed == scenario:
        return  # nothing changed (a None had no other value of its kind drawn here)
    assert scenario_id(changed) != scenario_id(scenario)


def test_spellings_of_one_value_have_one_fingerprint() -> None:
    """A whole float and its int, -0.0 and 0.0 are equal values: one fingerprint."""
    base = Scenario(name="My operation", start_date=dt.date(2026, 1, 1), horizon_days=30)
    levels = dict(base.activity_levels)
    first = next(iter(levels))
    as_int = dataclasses.replace(base, activity_levels=FrozenMap({**levels, first: 1}))
    as_float = dataclasses.replace(base, activity_levels=FrozenMap({**levels, first: 1.0}))
    assert scenario_id(as_int) == scenario_id(as_float)
