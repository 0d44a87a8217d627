"""A solver-neutral vehicle-routing instance and its solution, in integer units.

Both the scenario's convoy routing and the VRPLIB/Solomon importer build a
:class:`VrpProblem`; :func:`supplyline.routing.solver.solve_vrp` is the one place that
turns it into a PyVRP model. Keeping the instance as plain arrays lets the tests and the
benchmarks check a solution without any solver code.

Node ``0 .. num_depots-1`` are depots, the rest are clients. All numbers are integers in
units the builder chooses (the scenario uses metres, seconds and kilograms/litres; the
benchmarks use the published convention's scaled distances).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from numbers import Integral

import numpy as np
import numpy.typing as npt

from supplyline.domain.fields import check_fields, number_problem
from supplyline.errors import ArgumentError
from supplyline.routing.search_stop import STOP_AFTER_NO_IMPROVEMENT
from supplyline.routing.seeds import seed_problem

__all__ = [
    "STOP_AFTER_NO_IMPROVEMENT",
    "IntArray",
    "RouterParams",
    "VehicleSpec",
    "VrpProblem",
    "VrpRoute",
    "VrpSolution",
]

IntArray = npt.NDArray[np.int64]

NO_LIMIT = int(np.iinfo(np.int64).max)
"""Stands for "unbounded" in windows, durations and capacities."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VehicleSpec:
    """``count`` identical vehicles based at depot ``depot`` (a node index)."""

    name: str
    count: int
    capacity: tuple[int, ...]
    depot: int = 0
    fixed_cost: int = 0
    unit_distance_cost: int = 1
    tw_early: int = 0
    tw_late: int = NO_LIMIT
    max_duration: int = NO_LIMIT
    profile: int = 0
    """Index of the distance/duration matrices this vehicle uses."""
    reload: bool = False
    """Whether the vehicle may come back to its depot to load again (several trips)."""

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"count(={self.count}) must be >= 0")
        if any(c < 0 for c in self.capacity):
            raise ValueError(f"capacity(={self.capacity}) must be >= 0")
        if self.fixed_cost < 0 or self.unit_distance_cost < 0:
            raise ValueError("costs must be >= 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class VrpProblem:
    """One routing instance: depots, clients with demands and windows, vehicles, matrices."""

    num_depots: int
    demand: IntArray
    """``[node, dimension]`` delivery amounts (depot rows are zero)."""
    tw_early: IntArray
    tw_late: IntArray
    service: IntArray
    distance: tuple[IntArray, ...]
    """One ``[node, node]`` matrix per profile."""
    duration: tuple[IntArray, ...]
    vehicles: tuple[VehicleSpec, ...]
    prize: IntArray | None = None
    """When set, clients are optional and skipping one costs its prize; else all required."""
    coords: npt.NDArray[np.float64] | None = None
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._check_arrays()
        for v in self.vehicles:
            if len(v.capacity) != self.dimensions:
                raise ValueError(f"vehicle {v.name} has {len(v.capacity)} capacity dimensions")
            if not 0 <= v.depot < self.num_depots:
                raise ValueError(f"vehicle {v.name} depot {v.depot} is not a depot node")
            if not 0 <= v.profile < len(self.distance):
                raise ValueError(f"vehicle {v.name} profile {v.profile} does not exist")

    def _check_arrays(self) -> None:
        n = self.num_nodes
        if self.num_depots < 1:
            raise ValueError("a routing problem needs at least one depot")
        if self.demand.ndim != 2 or self.demand.shape[0] != n:
            raise ValueError(f"demand has shape {self.demand.shape}, expected ({n}, dims)")
        for name in ("tw_early", "tw_late", "service"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"{name} needs one entry per node ({n})")
        if len(self.distance) != len(self.duration) or not self.distance:
            raise ValueError("need as many duration as distance matrices, at least one")
        for mat in (*self.distance, *self.duration):
            if mat.shape != (n, n):
                raise ValueError(f"matrix has shape {mat.shape}, expected ({n}, {n})")
        if self.prize is not None and self.prize.shape != (n,):
            raise ValueError("prize needs one entry per node")

    @property
    def num_nodes(self) -> int:
        """Depots plus clients."""
        return int(self.tw_early.shape[0])

    @property
    def num_clients(self) -> int:
        """Clients (nodes that are not depots)."""
        return self.num_nodes - self.num_depots

    @property
    def dimensions(self) -> int:
        """Load dimensions (weight, volume, ...)."""
        return int(self.demand.shape[1])


@dataclass(frozen=True, slots=True, kw_only=True)
class VrpRoute:
    """One vehicle's route: the nodes it visits and when it starts serving each."""

    vehicle: int
    """Index into ``VrpProblem.vehicles``."""
    visits: tuple[int, ...]
    """Client nodes in order; a depot node in the middle is a reload."""
    service_start: tuple[int, ...]
    """Start of service at each visit, same order as ``visits``."""
    arrival: tuple[int, ...]
    """Arrival at each visit (before any wait for the window)."""
    start: int
    end: int
    distance: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VrpSolution:
    """What the solver returned, in the problem's units."""

    routes: tuple[VrpRoute, ...]
    unserved: tuple[int, ...]
    """Client nodes on no route."""
    feasible: bool
    cost: int
    distance: int
    runtime_s: float
    iterations: int
    build_s: float = 0.0
    extract_s: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def num_vehicles(self) -> int:
        """Vehicles used."""
        return len(self.routes)


@dataclass(frozen=True, slots=True, kw_only=True)
class RouterParams:
    """Knobs of the router; ``time_limit_s`` bounds the search, ``seed`` fixes it.

    ``max_iterations`` makes a run reproducible regardless of machine speed (the tests
    use it); ``no_improvement`` stops a search that has stopped finding better routes; the
    first limit reached stops the search. A search stopped by either gives the same routes
    on any machine for a seed; one stopped by the time limit, what that time reached.
    """

    time_limit_s: float = 10.0
    seed: int = 0
    """From 0 to :data:`~supplyline.routing.seeds.MAX_SEED` (PyVRP's unsigned 32 bits), as
    the CLI's ``--seed``; outside it an ArgumentError when the params are made."""
    max_iterations: int | None = None
    no_improvement: int | None = STOP_AFTER_NO_IMPROVEMENT
    """Stop after this many iterations without a better solution (None: never, the whole
    time limit: ``routes-bench``, whose published figures are for the full time)."""
    num_neighbours: int | None = None
    """Granular neighbourhood size; None: 30 without time windows, else PyVRP's 50."""
    history_length: int | None = None
    """Late-acceptance history; None: 100 without time windows, else PyVRP's 300."""
    vehicles_first: bool = False
    """Spend most of the time removing vehicles first (single vehicle type only), then
    minimise distance with the smallest fleet found; for hierarchical objectives."""
    workers: int = 1
    """Processes for the vehicles-first search: independent seeds, the best kept (POSIX
    fork only; elsewhere one). Use at most the free cores: the time limit is wall-clock."""

    def __post_init__(self) -> None:
        """Refuse a bad knob as an ArgumentError when the params are built.

        A plain ValueError (``time_limit_s=-1``, ``workers=0``) escaped a script's
        ``except SupplylineError``; a string where a number goes failed inside the solver.
        """
        if isinstance(self.seed, Integral) and (problem := seed_problem(self.seed)) is not None:
            raise ArgumentError(f"seed(={self.seed}) {problem}")  # before the fields' 1e12 bound
        check_fields(self)
        if (problem := seed_problem(self.seed)) is not None:  # a whole float, made an int
            raise ArgumentError(f"seed(={self.seed}) {problem}")
        if not self.time_limit_s > 0:  # NaN too
            raise ArgumentError(
                f"time_limit_s(={self.time_limit_s}) "
                f"{number_problem(self.time_limit_s, above_zero=True)} (a number of seconds > 0)"
            )
        for name in ("max_iterations", "no_improvement", "num_neighbours", "history_length"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ArgumentError(f"{name}(={value}) must be >= 1 (or None)")
        if self.workers < 1:
            raise ArgumentError(f"workers(={self.workers}) must be >= 1")
