"""When a plan has each deploying unit at its destination, and the fallback's bounds from it.

Why: the fallback (:mod:`supplyline.planning.fallback`) mixes flows solved apart, so a
goods flow's own optimum feeds a camp on the days its unit could first be there, whether
or not the mix moves the unit's people. A tester's bilateral plan under ``--time-limit
0.4`` fed wm-inf-1 320 t with none of its 420 people arrived, and said 0 t short. The LP
has no row that ties a delivery to the plan's own arrival (its consumption starts on a
day fixed before the solve, :mod:`supplyline.planning.arrival`, which is why the optimum
may still feed a unit that a capacity holds back); the optimum simply has no reason to
leave a unit at home. The fallback does, so it is held to it here: a deploying unit is
*there* from the first day its people (its equipment, for a unit without people) stand
at its destination in the plan (:data:`PRESENT_SHARE`), and nothing is
delivered to it before. What it would have eaten before then is short, as the unit's
rows count it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.network import FlowKind

__all__ = [
    "PRESENT_SHARE",
    "Presence",
    "early_deliveries",
    "fed_before_there",
    "held_to_presence",
    "presence_of",
]

FloatArray = npt.NDArray[np.float64]

PRESENT_SHARE = 1e-9
"""A unit is there on a day when more than this share of its people has arrived: below it
is a solver's rounding, not a person. Small, since the mix feeds a unit at most the share
of it that is there: a trickle of people brings a trickle of goods."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Presence:
    """For each unit of the model (its ``u``): the flow whose arrival puts it there.

    ``flow[u]`` is a deployment flow's number, -1 for a unit in place (nothing to wait
    for); ``arrived[u]`` its ``arrived`` columns (one per day from the first it can
    arrive), ``days[u]`` their days, ``amount[u]`` the people (or tonnes) to arrive.
    """

    flow: IntArray
    amount: FloatArray
    arrived: tuple[IntArray, ...]
    days: tuple[IntArray, ...]
    horizon_days: int

    def first_days(self, x: FloatArray) -> IntArray:
        """The first day each unit is there in ``x`` (``horizon_days`` if never; 0 in place)."""
        out = np.zeros(len(self.flow), dtype=np.int64)
        for u in np.flatnonzero(self.flow >= 0):
            there = x[self.arrived[u]] > PRESENT_SHARE * self.amount[u]
            out[u] = int(self.days[u][there][0]) if there.any() else self.horizon_days
        return out


def presence_of(problem: Problem, model: LpModel) -> Presence:
    """Which flow's arrival puts each of the model's units at its destination.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning.assemble import build_model, prepare
    >>> from supplyline.planning.params import PlanParams
    >>> problem = prepare(*one_link(), PlanParams())
    >>> presence_of(problem, build_model(problem)).flow.tolist()  # a unit already in place
    [-1]
    """
    flows = problem.flows
    scenario_unit = {unit.id: i for i, unit in enumerate(problem.scenario.units)}
    n = len(problem.demand.unit_ids)
    flow = np.full(n, -1, dtype=np.int64)
    amount = np.zeros(n)
    arrived_block = model.cols.get("arrived")
    empty = np.empty(0, dtype=np.int64)
    arrived: list[IntArray] = [empty] * n
    days: list[IntArray] = [empty] * n
    for u, unit_id in enumerate(problem.demand.unit_ids):
        mine = np.flatnonzero(flows.unit == scenario_unit.get(unit_id, -2))
        if len(mine) == 0 or arrived_block is None:
            continue
        people = mine[flows.kind[mine] == FlowKind.DEPLOY_PAX]
        f = int(people[0]) if len(people) else int(mine[0])
        flow[u], amount[u] = f, float(flows.amount[f])
        at = np.flatnonzero(arrived_block["f"] == f)
        order = np.argsort(arrived_block["t"][at], kind="stable")
        arrived[u] = arrived_block.index[at[order]]
        days[u] = arrived_block["t"][at[order]].astype(np.int64)
    return Presence(
        flow=flow,
        amount=amount,
        arrived=tuple(arrived),
        days=tuple(days),
        horizon_days=problem.days,
    )


def _deliveries(model: LpModel) -> tuple[IntArray, IntArray, IntArray]:
    """The ``deliver`` columns, their units and their days (empty without any)."""
    block = model.cols.get("deliver")
    if block is None or block.size == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    return block.index, block["u"].astype(np.int64), block["t"].astype(np.int64)


def early_deliveries(model: LpModel, presence: Presence, first: IntArray) -> IntArray:
    """The ``deliver`` columns of days before their unit is there (``first``, by unit)."""
    cols, units, days = _deliveries(model)
    return cols[days < first[units]]


def fed_before_there(model: LpModel, presence: Presence, x: FloatArray) -> float:
    """Tonnes ``x`` delivers to units before they are there (0 for an honest plan)."""
    early = early_deliveries(model, presence, presence.first_days(x))
    return float(np.sum(np.maximum(x[early], 0.0)))


def held_to_presence(model: LpModel, presence: Presence, x: FloatArray) -> LpModel:
    """``model`` with bounds that keep a plan improved from ``x`` as present and as fed.

    Nothing is delivered to a unit before it is there in ``x``, and no unit is any less
    there on any day than in ``x`` (its arrived people kept as a floor), so those days
    stay valid whatever the flows do next. ``x`` meets these bounds when it delivers
    nothing early (:func:`fed_before_there`); a plan that meets them meets the model's.
    """
    lower, upper = model.col_lower.copy(), model.col_upper.copy()
    upper[early_deliveries(model, presence, presence.first_days(x))] = 0.0
    for u in np.flatnonzero(presence.flow >= 0):
        cols = presence.arrived[u]
        lower[cols] = np.clip(x[cols], lower[cols], upper[cols])
    return replace(model, col_lower=lower, col_upper=upper)
