"""A script's mistakes get typed errors that say what is wrong, not a quiet wrong plan.

A tester (round 4) planned NaN, negative and foreign demand through the API and got
"optimal" plans with nothing short and nothing delivered; other mistakes raised bare
ValueError, TypeError or FileNotFoundError without naming the file.
"""

from __future__ import annotations

import dataclasses
import types
from pathlib import Path

import numpy as np
import pytest

from supplyline.errors import ArgumentError, OutputError, ScenarioError
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, demand_on_arrival, plan_movements, write_mps
from supplyline.planning.examples import one_link


def _columns(error: ScenarioError) -> list[str | None]:
    return [issue.column for issue in error.issues]


@pytest.mark.parametrize("bad", [np.nan, -5.0, np.inf, 1e30])
def test_demand_that_is_not_finite_tonnes_is_refused(bad: float) -> None:
    scenario, demand = one_link()
    consumption = demand.consumption_t.copy()
    consumption[0, 0, 2] = bad
    wrong = dataclasses.replace(demand, consumption_t=consumption)
    with pytest.raises(ScenarioError, match=r"not tonnes from 0 to 1e\+12") as caught:
        plan_movements(scenario, wrong)
    assert _columns(caught.value) == ["consumption_t"]
    assert "on day 2" in str(caught.value)


def test_demand_for_another_scenario_names_each_way_it_does_not_fit() -> None:
    scenario, demand = one_link(days=6)
    other = dataclasses.replace(
        demand,
        horizon_days=7,
        commodity_ids=("water",),
        consumption_t=np.zeros((1, 1, 7)),
        buildup_t=np.zeros((1, 1, 7)),
        arrival_day=np.array([99]),
    )
    for call in (plan_movements, demand_on_arrival):
        with pytest.raises(ScenarioError) as caught:
            call(scenario, other)
        assert _columns(caught.value) == ["horizon_days", "commodity_ids", "arrival_day"]
        assert "no commodity 'water' in the scenario" in str(caught.value)


def test_a_factor_override_that_is_not_a_number_of_0_or_more_is_refused() -> None:
    with pytest.raises(ScenarioError) as caught:
        factors_for({"food.a": float("nan"), "food.b": -1.0, "food.c": 2.0})
    assert _columns(caught.value) == ["food.a", "food.b"]


@pytest.mark.parametrize(
    "overrides",
    [[("water", 1.0)], "water", [], 5, (("water", 1.0),)],
    ids=["list", "text", "empty-list", "int", "tuple"],
)
def test_factor_overrides_that_are_not_a_mapping_are_an_argument_error(overrides: object) -> None:
    """A list or a text failed with an AttributeError ('items'); an empty list passed silently."""
    with pytest.raises(ArgumentError, match=r"the factor overrides \(factor key: value\) must be"):
        factors_for(overrides)  # type: ignore[arg-type]


def test_factor_overrides_may_be_any_mapping() -> None:
    """A scenario's own overrides (a read-only mapping) are taken as a dict is."""
    key = "water.sphere.total_min_lppd"
    frozen = types.MappingProxyType({key: 20.0})
    assert factors_for(frozen).value(key) == factors_for({key: 20.0}).value(key) == 20.0


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("time_limit = 5\n", "time_limit", r"unknown key \(did you mean 'time_limit_s'\?; known"),
        ("bogus = 5\n", "bogus", r"unknown key \(known: alike_start"),
        ('time_limit_s = "10"\n', "time_limit_s", '"10" is text, not a number'),
        ("threads = true\n", "threads", "true is a truth value, not a whole number"),
        ('method = "fast"\n', "method", r'"fast" is not a method \(one of: auto, simplex'),
        ("[weights]\nlate_per_t = 5\n", "weights.late_per_t", "unknown key .did you mean"),
        (
            "target_gap_per_t_day = 500\n",
            "target_gap_per_t_day",
            r"unknown key \(did you mean \[weights\] target_gap_per_t_day\?; known: alike_start",
        ),
        (
            "[weights]\nthreads = 2\n",
            "weights.threads",
            r"unknown key \(did you mean threads at the top, before \[weights\]\?; known",
        ),
        ('[weights]\nlate_per_t_day = "x"\n', "weights.late_per_t_day", '"x" is text, not a'),
        ("threads = 5000\n", "threads", "5000 must be 1 to 1,024"),
        ("time_limit_s = -1\n", "time_limit_s", "or leave the key out for no limit"),
        ("[weights]\nlate_per_t_day = -5\n", "weights.late_per_t_day", "-5 is negative"),
        ("x = [\n", None, "is not valid TOML"),
    ],
)
def test_a_parameters_file_names_the_file_and_key_of_its_mistake(
    tmp_path: Path, text: str, column: str | None, message: str
) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError, match=message) as caught:
        PlanParams.from_file(path)
    (issue,) = caught.value.issues
    assert (issue.file, issue.column) == (str(path), column)


def test_a_missing_parameters_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot be read"):
        PlanParams.from_file(tmp_path / "none.toml")


@pytest.mark.parametrize(("name", "message"), [("m.txt", "must end in .mps")])
def test_an_mps_file_that_cannot_be_written_is_an_output_error(
    tmp_path: Path, name: str, message: str
) -> None:
    scenario, demand = one_link()
    with pytest.raises(OutputError, match=message):
        write_mps(scenario, demand, tmp_path / name)


def test_a_scenario_built_in_python_is_checked_as_a_loaded_one() -> None:
    """A tester's unit bound for an unknown place crashed with a bare KeyError."""
    scenario, demand = one_link()
    unit = dataclasses.replace(scenario.units[0], destination="nowhere")
    with pytest.raises(ScenarioError, match="refers to unknown location 'nowhere'"):
        plan_movements(dataclasses.replace(scenario, units=(unit,)), demand)


def test_a_plan_is_not_written_or_reported_over_another_scenario(tmp_path: Path) -> None:
    """A tester's report of one plan over another scenario showed 0 tonne-km."""
    from supplyline.io.plan_files import write_plan
    from supplyline.reports import render_plan_report

    scenario, demand = one_link()
    plan = plan_movements(scenario, demand)
    other = dataclasses.replace(scenario, name="other", horizon_days=scenario.horizon_days)
    with pytest.raises(ScenarioError, match="not made for this scenario"):
        write_plan(tmp_path / "out", other, plan)
    assert not (tmp_path / "out").exists()
    with pytest.raises(ScenarioError, match="not made for this scenario"):
        render_plan_report(other, demand, plan)


def test_every_mistake_of_a_parameters_file_is_said_at_its_line(tmp_path: Path) -> None:
    """A tester's file with a bad time limit and an unknown weight heard of the first only."""
    path = tmp_path / "plan.toml"
    path.write_text(
        'time_limit_s = "fast"\nthreads = 0\nexplain_top = 2\n[weights]\nshortfall = -1\n'
        "late_per_t_day = -5\n"
    )
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    said = [(i.line, i.column) for i in caught.value.issues]
    assert said == [
        (1, "time_limit_s"),
        (2, "threads"),
        (5, "weights.shortfall"),
        (6, "weights.late_per_t_day"),
    ]
