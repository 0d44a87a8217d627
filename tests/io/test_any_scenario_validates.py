"""Every scenario the loader accepts validates, or says which unit it cannot count; never a crash.

The round-trip property only loads; ``validate`` and ``requirements`` go on to the arrival
and capacity warnings (a maximum flow, the widest way), where a link of 5e-324 t/day made
``ceil(20 / 5e-324)`` raise OverflowError. And a scenario of numbers each within its bound
(10,000,000 people, 607,357 L a person a day of 15 kg, 365 days of supply) validated, then
failed in ``plan`` with "demand: buildup_t ... not tonnes from 0 to 1e+12", naming no file.
"""

from __future__ import annotations

import tempfile

from hypothesis import HealthCheck, given, settings
from io_strategies import scenarios

from supplyline.domain import Scenario
from supplyline.errors import ScenarioError
from supplyline.io import write_scenario
from supplyline.io.factors import factors_for
from supplyline.planning.fits import check_demand_fits
from supplyline.requirements.sizes import demand_beyond_counting
from supplyline.services.scenarios import assess_requirements, open_scenario


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_valid_scenario_validates_and_its_demand_is_one_the_planner_takes(
    scenario: Scenario,
) -> None:
    """open_scenario (validate) succeeds and the requirements fit, or it names the unit.

    A unit that can never deploy is told so instead (it eats nothing where it never is).
    """
    beyond = demand_beyond_counting(scenario, factors_for(dict(scenario.factor_overrides)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_scenario(scenario, tmp)
        refused: ScenarioError | None = None
        try:
            open_scenario(folder)
        except ScenarioError as error:
            refused = error
        if refused is not None:
            errors = [i for i in refused.issues if "a plan can count" in i.message]
            assert errors, refused  # the strategy's scenarios pass every other check
            assert {(i.file, i.column) for i in errors} == {("units.csv", "personnel")}
            named = {i.message.split("'")[1] for i in errors}
            assert named <= {f.entity_id for f in beyond}
            return
        check_demand_fits(scenario, assess_requirements(folder).demand)
