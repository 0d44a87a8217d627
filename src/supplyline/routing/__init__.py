"""Last-mile convoy routing with PyVRP, the reach check, and standard-instance import.

Only :mod:`supplyline.routing.solver` imports PyVRP; everything else builds or reads the
solver-neutral :class:`~supplyline.routing.problem.VrpProblem`.
"""

from __future__ import annotations

from supplyline.routing.instances import (
    BenchInstance,
    Convention,
    convention_cost,
    read_instance,
    read_routes,
)
from supplyline.routing.problem import RouterParams, VehicleSpec, VrpProblem, VrpRoute, VrpSolution
from supplyline.routing.solver import solve_vrp

__all__ = [
    "BenchInstance",
    "Convention",
    "RouterParams",
    "VehicleSpec",
    "VrpProblem",
    "VrpRoute",
    "VrpSolution",
    "convention_cost",
    "read_instance",
    "read_routes",
    "solve_vrp",
]
