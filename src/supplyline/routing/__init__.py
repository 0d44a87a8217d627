"""Last-mile convoy routing with PyVRP, the reach check, and standard-instance import.

Only :mod:`supplyline.routing.solver` imports PyVRP; everything else builds or reads the
solver-neutral :class:`~supplyline.routing.problem.VrpProblem`.

Each public name is imported from its module on first use (:func:`__getattr__`): imported
here at once, they put PyVRP into every command's start that takes a routing option,
``--help`` included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.routing.conventions import Convention
    from supplyline.routing.instances import (
        BenchInstance,
        convention_cost,
        read_instance,
        read_routes,
    )
    from supplyline.routing.problem import (
        RouterParams,
        VehicleSpec,
        VrpProblem,
        VrpRoute,
        VrpSolution,
    )
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

_HOMES = {
    **dict.fromkeys(
        ["BenchInstance", "convention_cost", "read_instance", "read_routes"],
        "instances",
    ),
    **dict.fromkeys(
        ["RouterParams", "VehicleSpec", "VrpProblem", "VrpRoute", "VrpSolution"], "problem"
    ),
    "Convention": "conventions",
    "solve_vrp": "solver",
}
"""The module of this package that defines each public name."""


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
