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
import hashlib
import json
import pickle
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from io_strategies import scenarios

from supplyline.domain import Scenario, plan_basis_id, scenario_id
from supplyline.domain.fingerprint import NOT_PLANNED, _canonical, fingerprints
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


@settings(max_examples=200, deadline=None)
@given(_scenario_and_changed())
def test_the_plan_basis_changes_with_all_but_what_no_plan_reads(
    pair: tuple[Scenario, Scenario | None],
) -> None:
    """``plan_basis_id`` differs where a field but the fleet, agreements and routing does.

    So another fleet, agreement or routing option keeps a plan usable (``routes --plan``,
    ``ledger propose``), and any other change does not.
    """
    scenario, changed = pair
    if changed is None:
        return  # nothing changed (a None had no other value of its kind drawn here)
    planned = [f.name for f in dataclasses.fields(Scenario) if f.name not in NOT_PLANNED]
    same = all(getattr(changed, n) == getattr(scenario, n) for n in planned)
    assert (plan_basis_id(changed) == plan_basis_id(scenario)) == same


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_another_fleet_agreements_and_routing_keep_the_plan_basis(scenario: Scenario) -> None:
    """The fleet and the agreements each one short, the detour factor another: one basis.

    The whole scenario's fingerprint differs, as its output files must tell.
    """
    detour = scenario.routing.detour_factor
    other = dataclasses.replace(
        scenario,
        fleet=scenario.fleet[:-1],
        agreements=scenario.agreements[:-1],
        routing=dataclasses.replace(scenario.routing, detour_factor=2.0 if detour < 2 else 1.5),
    )
    assert plan_basis_id(other) == plan_basis_id(scenario)
    assert scenario_id(other) != scenario_id(scenario)


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_both_fingerprints_at_once_are_each_alone(scenario: Scenario) -> None:
    """:func:`fingerprints` (what a run computes once) is the two functions' digests."""
    assert fingerprints(scenario) == (scenario_id(scenario), plan_basis_id(scenario))


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_the_fingerprint_is_spelt_as_files_written_before_record_it(scenario: Scenario) -> None:
    """The digest of the whole record as one JSON text, as before the fields were spelt apart.

    So that plan.json and routes.json files written before still match their scenario.
    """
    text = json.dumps(
        _canonical(scenario), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert scenario_id(scenario) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def test_spellings_of_one_value_have_one_fingerprint() -> None:
    """A whole float and its int, -0.0 and 0.0 are equal values: one fingerprint."""
    base = Scenario(name="My operation", start_date=dt.date(2026, 1, 1), horizon_days=30)
    levels = dict(base.activity_levels)
    first = next(iter(levels))
    as_int = dataclasses.replace(base, activity_levels=FrozenMap({**levels, first: 1}))
    as_float = dataclasses.replace(base, activity_levels=FrozenMap({**levels, first: 1.0}))
    assert scenario_id(as_int) == scenario_id(as_float)
