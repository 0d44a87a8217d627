"""A bottleneck is a capacity the plan uses to the full, whatever the duals say.

PDLP's duals are approximate: a tester's gauge-break plan with it named the fuel supply
at H (1,000 t/day) as a bottleneck while the plan drew 60 t a day from it.
"""

from __future__ import annotations

import numpy as np

from supplyline.domain import ResourceKind
from supplyline.planning.build import build_model, prepare
from supplyline.planning.examples import gauge_break
from supplyline.planning.highs import HighsSession
from supplyline.planning.params import PlanParams
from supplyline.planning.resources import candidates


def test_a_price_on_a_capacity_with_room_left_is_no_bottleneck() -> None:
    scenario, demand = gauge_break()
    params = PlanParams(explain_top=0)
    problem = prepare(scenario, demand, params)
    model = build_model(problem)
    session = HighsSession(model, params)
    sol = session.solve()
    duals = session.duals()
    assert sol.x is not None
    assert duals is not None
    row_dual, col_dual = duals
    kinds = {run.kind for run in candidates(problem, model, row_dual, col_dual, sol.x)}
    assert kinds == {ResourceKind.HANDLING}  # the yard, as the example is made
    # price every supply column as a solver's noise would: the supplies have room left
    sup = model.cols["supply"]
    span = slice(sup.start, sup.start + sup.size)
    assert (sol.x[span] < model.col_upper[span] - 1.0).all()
    noisy = col_dual.copy()
    noisy[span] = -1e6
    priced = candidates(problem, model, row_dual, noisy, sol.x)
    assert ResourceKind.SUPPLY not in {run.kind for run in priced}
    # the same price on a supply the plan uses to the full makes it one
    full = sol.x.copy()
    full[span] = model.col_upper[span]
    assert np.isfinite(model.col_upper[span]).all()
    priced = candidates(problem, model, row_dual, noisy, full)
    assert ResourceKind.SUPPLY in {run.kind for run in priced}
