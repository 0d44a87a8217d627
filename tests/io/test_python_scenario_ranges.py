"""A scenario built in Python is held to the ranges its files take: one set of limits.

A tester's unit with ``deployment_lift_t=1e11`` planned ("optimal 0.0
1679999925956785.0") where ``write_scenario`` refused it, units.csv taking at most
10,000,000 t. ``compute_requirements`` and ``plan_movements`` now refuse exactly what the
loader refuses, naming the record and the field.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from supplyline.domain import Scenario
from supplyline.domain.field_ranges import (
    FIELD_RANGES,
    SECTION_ENTITIES,
    VEHICLES_RANGE,
    FieldRange,
)
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario, write_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, plan_movements
from supplyline.requirements import compute_requirements

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


@functools.cache
def _example() -> Scenario:
    return load_scenario(EXAMPLE)


_KINDS = {
    "location": "locations",
    "link": "links",
    "unit": "units",
    "stock": "stocks",
    "fleet": "fleet",
    "commodity": "commodities",
    "vehicle class": "vehicle_classes",
    "solver": "solver",
    "routing": "routing",
}
"""The scenario's attribute for each entry of FIELD_RANGES: a tuple of records, or one
section (``solver``, ``routing``) that scenario.yaml holds once."""


def _record_index(entity: str, field: str) -> int:
    """The record of the example that can hold ``field`` at all (a rail link's gauge…)."""
    records = getattr(_example(), _KINDS[entity])
    if field == "gauge_mm":
        return next(i for i, r in enumerate(records) if r.gauge_mm is not None)
    if field == "on_hand_days":
        return next(i for i, r in enumerate(records) if r.in_place)
    return 0


def _values(allowed: FieldRange) -> st.SearchStrategy[Any]:
    """Values in, at and beyond a field's range, of the kind its record takes."""
    edges = [allowed.lo, allowed.hi, allowed.hi * 10, 1e11, allowed.lo - 1]
    if allowed.whole:
        ints = st.integers(int(allowed.lo) - 2, int(allowed.hi) * 3)
        return st.one_of(ints, st.sampled_from([int(e) for e in edges]))
    floats = st.floats(allowed.lo - 1, allowed.hi * 3, allow_nan=False)
    return st.one_of(floats, st.sampled_from(edges))


_FIELDS = [
    (entity, field)
    for entity, ranges in FIELD_RANGES.items()
    if entity != "scenario"  # its record refuses what the file refuses (test_horizon_…)
    for field in ranges
]


@st.composite
def _changed(draw: st.DrawFn) -> tuple[Scenario, str]:
    """The example with one field of one record set to a drawn value; and that field."""
    entity, field = draw(st.sampled_from([*_FIELDS, ("unit", "vehicles_heavy")]))
    base = _example()
    kind = _KINDS[entity]
    try:
        if entity in SECTION_ENTITIES:
            value = draw(_values(FIELD_RANGES[entity][field]))
            section = dataclasses.replace(getattr(base, kind), **{field: value})
            return dataclasses.replace(base, **{kind: section}), field
        records = list(getattr(base, kind))
        at = _record_index(entity, field)
        if field.startswith("vehicles_"):
            count = draw(_values(VEHICLES_RANGE))
            vehicles = {**records[at].vehicles, "heavy": count}
            records[at] = dataclasses.replace(records[at], vehicles=vehicles)
        else:
            value = draw(_values(FIELD_RANGES[entity][field]))
            records[at] = dataclasses.replace(records[at], **{field: value})
        changed = dataclasses.replace(base, **{kind: tuple(records)})
    except ArgumentError:
        assume(False)  # the record itself refuses it, before either way in
        raise  # unreachable: assume(False) stops the example
    return changed, field


def _python_verdict(scenario: Scenario) -> set[str]:
    """The fields ``compute_requirements`` names as wrong (empty: accepted)."""
    try:
        compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    except ScenarioError as error:
        # "unit 'u1': deployment_lift_t", or a section's "routing.detour_factor"
        return {i.column.rsplit(": ", 1)[-1].rsplit(".", 1)[-1] for i in error.issues}
    return set()


def _files_verdict(scenario: Scenario) -> set[str]:
    """The columns the loader names as wrong once ``write_scenario`` wrote it (empty: loads)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            write_scenario(scenario, tmp)
        except ArgumentError as error:
            if "would not load back" not in str(error):
                raise  # loaded back otherwise: not a verdict on a range
            return set(re.findall(r"[\s.]([a-z_0-9]+): ", str(error).split(": ", 1)[1]))
    return set()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(_changed())
def test_python_scenario_refused_exactly_when_its_files_are(case: tuple[Scenario, str]) -> None:
    """Same verdict both ways in, and the same field named, for any value of any field."""
    scenario, field = case
    python, files = _python_verdict(scenario), _files_verdict(scenario)
    assert bool(python) == bool(files), (field, python, files)
    if python:
        assert field in python
        assert field in files


def _lift_1e11() -> Scenario:
    base = _example()
    unit = dataclasses.replace(base.units[0], deployment_lift_t=1e11)
    return dataclasses.replace(base, units=(unit, *base.units[1:]))


LIFT_SAID = (
    "scenario 'Steppe Bridge bilateral exercise (fictional)': unit 'wm-hq': "
    "deployment_lift_t: "
    "100000000000.0 is too large (a number from 0 to 10,000,000 t)"
)


def test_lift_of_1e11_refused_by_compute_requirements() -> None:
    """The tester's case: the lift beyond units.csv's range is a ScenarioError naming the unit."""
    scenario = _lift_1e11()
    with pytest.raises(ScenarioError) as raised:
        compute_requirements(scenario, factors_for(None))
    assert [str(i) for i in raised.value.issues] == [LIFT_SAID]


def test_lift_of_1e11_refused_by_plan_movements() -> None:
    """``plan_movements`` refuses it before any solve (it planned "optimal" before)."""
    scenario = _lift_1e11()
    demand = compute_requirements(_example(), factors_for(None))
    with pytest.raises(ScenarioError, match=re.escape(LIFT_SAID)):
        plan_movements(scenario, demand, PlanParams(time_limit_s=5, explain_top=0))


def test_lift_of_1e11_refused_by_write_scenario_naming_the_column() -> None:
    """The files' way in says the same range, at units.csv's line and column."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        pytest.raises(ArgumentError, match=r"units\.csv:\d+: deployment_lift_t: .* too large"),
    ):
        write_scenario(_lift_1e11(), tmp)


@pytest.mark.parametrize(
    ("field", "amount"),
    [("per_t", Decimal("4200.123456789")), ("ceiling_total", Decimal("1500000.001"))],
)
def test_amount_with_more_decimals_than_the_file_takes(field: str, amount: Decimal) -> None:
    """An agreement's amount the ledger cannot keep is refused both ways, as agreements.yaml."""
    base = _example()
    agreement = base.agreements[0]
    if field == "per_t":
        price = dataclasses.replace(agreement.prices[0], per_t=amount)
        agreement = dataclasses.replace(agreement, prices=(price, *agreement.prices[1:]))
        named = "prices"
    else:
        agreement = dataclasses.replace(agreement, ceiling_total=amount)
        named = field
    scenario = dataclasses.replace(base, agreements=(agreement, *base.agreements[1:]))
    assert named in _python_verdict(scenario)
    assert named in _files_verdict(scenario)


def test_horizon_range_is_the_files() -> None:
    """Scenario's own check of horizon_days says the loader's range (1 to 3,660 days)."""
    with pytest.raises(ArgumentError, match=r": horizon_days: 3661 is too large \(a whole number"):
        dataclasses.replace(_example(), horizon_days=3661)
