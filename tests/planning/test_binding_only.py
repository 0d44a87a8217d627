"""A bottleneck is a capacity the plan uses to the full, whatever the duals say.

PDLP's duals are approximate: a tester's gauge-break plan with it named the fuel supply
at H (1,000 t/day) as a bottleneck while the plan drew 60 t a day from it.
"""

from __future__ import annotations

import numpy as np

from supplyline.domain import Demand, ResourceKind, Scenario
from supplyline.planning.arrival import demand_on_arrival
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import gauge_break
from supplyline.planning.highs import HighsSession
from supplyline.planning.network import FlowKind
from supplyline.planning.params import PlanParams
from supplyline.planning.resources import Run, candidates, commodities_using


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


def test_a_store_is_said_to_hold_goods_never_a_units_lift(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """A unit's own lift waits anywhere without using the store.

    An auditor's yard was said to limit "deployment, food and water" where the unit's lift
    only waited.
    """
    scenario, demand = bilateral
    params = PlanParams(explain_top=0)
    problem = prepare(scenario, demand_on_arrival(scenario, demand), params)
    model = build_model(problem)
    x = HighsSession(model, params).solve().x
    assert x is not None
    st = model.cols["stock"]
    held = x[st.start : st.start + st.size] > 1e-6
    lift = problem.flows.kind[st["f"]] != FlowKind.GOODS
    waiting = np.flatnonzero(held & lift)
    assert len(waiting)  # the lift waits somewhere in this plan (a yard's dwell)
    for j in waiting[:20].tolist():
        v, t = int(st["v"][j]), int(st["t"][j])
        run = Run(
            kind=ResourceKind.STORAGE, key=("storage", v), days=[t], value=1.0, rows=[], cols=[]
        )
        assert "deployment" not in commodities_using(problem, model, x, run)
