"""Which units cannot deploy is searched once per home, and once per scenario.

``plan --out`` asked :func:`cannot_deploy` five times (headline, stdout's closure rows,
deployment.csv, plan.json, the report), and each call searched the links from every
unit's home, unit by unit: 3 s a call for 2,000 units from one home on a 1,000-place
network. The scenario now keeps the answer, and each home is searched once. The
reference below is the search it replaced.
"""

from __future__ import annotations

import dataclasses
import pickle

from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Scenario
from supplyline.domain.deploy_ways import (
    _carrying,
    adjacency,
    cannot_deploy,
    kept_out_by_zero,
    reach_over,
)
from supplyline.planning.examples import one_link


def _cannot_deploy_unit_by_unit(s: Scenario) -> dict[str, str]:
    """``cannot_deploy`` as it was: the links searched from each unit's home in turn."""
    every_link = adjacency(s)
    ways = {what: adjacency(s, _carrying(s, what)) for what in ("people", "tonnes")}
    out = {
        unit.id: f"no route from {unit.home!r} to {unit.destination!r}"
        for unit in s.units
        if unit.deploys and unit.destination not in reach_over(every_link, [unit.home])
    }
    for unit in s.units:
        if not unit.deploys or unit.destination not in reach_over(every_link, [unit.home]):
            continue
        for what, amount in (("people", unit.personnel), ("tonnes", unit.deployment_lift_t)):
            if amount > 0 and unit.destination not in reach_over(ways[what], [unit.home]):
                out[unit.id] = f"no way for its {'people' if what == 'people' else 'equipment'}"
                break
    return out


@st.composite
def many_units(draw: st.DrawFn) -> Scenario:
    """A random network whose units are copied, some sent from another home or elsewhere."""
    scenario: Scenario = draw(scenarios())[0]
    places = [loc.id for loc in scenario.locations]
    units = []
    for k in range(draw(st.integers(1, 6))):
        for unit in scenario.units:
            units.append(
                dataclasses.replace(
                    unit,
                    id=f"{unit.id}-{k}",
                    name=f"{unit.name}-{k}",
                    home=draw(st.sampled_from([unit.home, *places])),
                    destination=draw(st.sampled_from([unit.destination, *places])),
                )
            )
    return dataclasses.replace(scenario, units=tuple(units))


@SETTINGS
@given(many_units())
def test_searching_once_per_home_finds_what_searching_per_unit_found(scenario: Scenario) -> None:
    """The same units, the same words, in the same order."""
    found = cannot_deploy(scenario)
    assert list(found.items()) == list(_cannot_deploy_unit_by_unit(scenario).items())
    assert {u: w for u, w in found.items() if w.startswith("no way")} == {
        u: f"no way for its {w}" for u, w in kept_out_by_zero(scenario).items()
    }


@SETTINGS
@given(scenarios())
def test_the_scenario_keeps_what_cannot_deploy_finds(drawn: tuple[Scenario, Demand]) -> None:
    """Asked twice, the scenario answers with the one mapping it found, equal to a search."""
    scenario = drawn[0]
    first = scenario.units_without_way
    assert scenario.units_without_way is first
    assert first == cannot_deploy(scenario)


def test_a_pickled_scenario_leaves_what_it_found_behind() -> None:
    """Its answer is made again once unpickled, as its indexes by id are."""
    scenario = one_link()[0]
    assert scenario.units_without_way == {}
    copied = pickle.loads(pickle.dumps(scenario))
    assert "units_without_way" not in vars(copied)
    assert copied.units_without_way == {}
