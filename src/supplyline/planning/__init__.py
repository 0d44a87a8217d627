"""The optimal movement plan: a time-expanded multicommodity flow LP on HiGHS.

The public API is small: :func:`plan_movements` turns a ``Scenario`` and its ``Demand``
into a ``Plan`` (movements, stocks, deliveries traced to the partner whose stock they came
from, shortfalls, unit closures and a bottleneck report); :class:`PlanParams` holds the
knobs; :func:`build` and :func:`write_mps` expose the model itself (benchmarks, ``--mps``).
See docs/planning.md for the formulation.
"""

from __future__ import annotations

from supplyline.planning.arrival import demand_on_arrival
from supplyline.planning.build import Problem
from supplyline.planning.highs import highs_version
from supplyline.planning.model import LpModel
from supplyline.planning.params import MAX_THREADS, Method, PlanParams, Weights
from supplyline.planning.solve import Progress, build, plan_movements, write_mps

__all__ = [
    "MAX_THREADS",
    "LpModel",
    "Method",
    "PlanParams",
    "Problem",
    "Progress",
    "Weights",
    "build",
    "demand_on_arrival",
    "highs_version",
    "plan_movements",
    "write_mps",
]
