"""The optimal movement plan: a time-expanded multicommodity flow LP on HiGHS.

The public API is small: :func:`plan_movements` turns a ``Scenario`` and its ``Demand``
into a ``Plan`` (movements, stocks, deliveries traced to the partner whose stock they came
from, shortfalls, unit closures and a bottleneck report); :class:`PlanParams` holds the
knobs; :func:`build` and :func:`write_mps` expose the model itself (benchmarks, ``--mps``).
See docs/planning.md for the formulation.

Each public name is imported from its module on first use (:func:`__getattr__`): imported
here at once, they put HiGHS and the LP's modules into every command's start, ``--help``
and ``validate`` included, which need the parameters and the arrival checks only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.planning.arrival import demand_on_arrival
    from supplyline.planning.assemble import Problem
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

_HOMES = {
    "demand_on_arrival": "arrival",
    "Problem": "assemble",
    "highs_version": "highs",
    "LpModel": "model",
    "MAX_THREADS": "params",
    "Method": "params",
    "PlanParams": "params",
    "Weights": "params",
    "Progress": "solve",
    "build": "solve",
    "plan_movements": "solve",
    "write_mps": "solve",
}
"""The module of this package that defines each public name."""


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
