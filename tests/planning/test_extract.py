"""Rounding a solution's values for the plan's records: to the gram, never ``-0.0``.

A value a hair below zero (``-1e-9`` people, solver noise) rounds to ``-0.0``, which
plan.json and the CLI would show as ``-0.0`` / ``-0.00``.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning import Method, PlanParams, plan_movements
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import late_unit
from supplyline.planning.extract import _closures, _r, _rounded
from supplyline.planning.highs import HighsSession
from supplyline.planning.summary import headline

VALUES = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.sampled_from(
    [-0.0, -1e-9, -4.9e-7, -5e-7]
)


def _signs(values: list[float]) -> list[float]:
    return [math.copysign(1.0, v) for v in values if v == 0.0]


@given(VALUES)
def test_one_value_rounds_to_the_gram_without_negative_zero(x: float) -> None:
    """``_r`` is ``round(x, 6)``, and a zero is +0.0."""
    assert _r(x) == round(x, 6)
    assert _signs([_r(x)]) in ([], [1.0])


@given(st.lists(VALUES, max_size=20))
def test_values_round_to_the_gram_without_negative_zero(xs: list[float]) -> None:
    """``_rounded`` is ``np.round(·, 6)`` as Python floats, and every zero is +0.0."""
    out = _rounded(np.array(xs, dtype=np.float64))
    assert out == np.round(np.array(xs, dtype=np.float64), 6).tolist()
    assert all(type(v) is float for v in out)
    assert set(_signs(out)) <= {1.0}


def test_a_hair_below_zero_is_written_as_zero() -> None:
    """The tester's ``"moved_pax": -0.0``: a tiny negative is 0.0 in JSON."""
    assert repr(_r(-1e-9)) == "0.0"
    assert [repr(v) for v in _rounded(np.array([-1e-9, -0.0]))] == ["0.0", "0.0"]


def test_a_late_units_lift_is_counted_in_tonne_days_and_person_days() -> None:
    """A planner had to count late tonne-days from movements.csv to check a claim in them.

    The late unit's 20 t and 10 people are required on C+1 and can arrive on C+5: four
    days late, 80 t-days and 40 person-days, as the objective and the bottleneck words
    count them.
    """
    plan = plan_movements(*late_unit())
    (closure,) = plan.closures
    assert (closure.closure_day, closure.late_t_days, closure.late_pax_days) == (5, 80.0, 40.0)
    head = headline(plan)
    assert (head["late_t_days"], head["late_pax_days"]) == (80.0, 40.0)


def test_noise_off_a_vertex_does_not_delay_a_closure() -> None:
    """Noise off a vertex is no lift still on the way.

    A tester's ipm-nocrossover plan had 399.99997 of 400 t there on C+16 and 10 g a day
    arriving until C+19: it said the unit closed 3 days later than the simplex plan did.
    Off a vertex a unit is there when all but a ten-thousandth of it is; at a vertex
    the solver's own values are exact, and a ten-millionth is all that is let pass.
    """
    for method, closes_on in ((Method.IPM_NO_CROSSOVER, 5), (Method.SIMPLEX, 7)):
        scenario, demand = late_unit()
        problem = prepare(scenario, demand, PlanParams(method=method))
        model = build_model(problem)
        x = HighsSession(model, PlanParams()).solve().x
        assert x is not None
        b = model.cols["arrived"]
        need = problem.flows.amount[b["f"]]
        noisy = x.copy()
        trickle = (b["t"] >= 5) & (b["t"] < 7)  # still arriving on C+5 and C+6
        noisy[b.start + np.flatnonzero(trickle)] -= 3e-5 * need[trickle]
        (closure,) = _closures(problem, model, noisy)
        assert closure.closure_day == closes_on, method
