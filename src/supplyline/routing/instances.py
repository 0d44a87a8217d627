"""Standard routing instances (VRPLIB ``.vrp``, Solomon ``.txt``) in and out of the router.

Users check the router on published instances with ``supplyline routes-bench``; the
benchmarks use the same import. Three objective conventions exist and must not be mixed
(see ``benchmarks/README`` of the shared data):

``dimacs``
    Solomon, distance only: each arc distance and travel time truncated to one decimal
    (``floor(10 d) / 10``). Solved exactly in tenths.
``hierarchical``
    Solomon, vehicles first then distance, full double precision. Solved in thousandths,
    travel times rounded *up* so that a schedule feasible in integers is feasible in exact
    arithmetic; a large fixed cost per vehicle makes fewer vehicles always better.
``cvrplib``
    VRPLIB/CVRPLIB: each arc distance rounded to the nearest integer (``nint``).

Reported costs are always recomputed from the routes in the convention's own arithmetic
(:func:`convention_cost`), never taken from the solver's scaled integers.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import vrplib

from supplyline.errors import Issue as _Issue
from supplyline.errors import NotFoundError, ScenarioError
from supplyline.routing.bench_checks import (
    check_instance,
    check_routes,
    vrplib_lines,
)
from supplyline.routing.conventions import Convention
from supplyline.routing.problem import NO_LIMIT, VehicleSpec, VrpProblem
from supplyline.routing.solomon import read_solomon

__all__ = [
    "BenchInstance",
    "Convention",
    "convention_arcs",
    "convention_cost",
    "exact_distances",
    "read_bks",
    "read_instance",
    "read_routes",
]

FloatArray = npt.NDArray[np.float64]

HIERARCHICAL_VEHICLE_COST = 10_000_000
"""Fixed cost per vehicle in hierarchical mode (thousandths): above any route's distance."""


_SCALE = {Convention.DIMACS: 10, Convention.HIERARCHICAL: 1000, Convention.CVRPLIB: 1}


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchInstance:
    """A published instance read for the router, with the raw data to re-score routes."""

    name: str
    convention: Convention
    problem: VrpProblem
    coords: FloatArray
    demand: npt.NDArray[np.int64]
    capacity: int
    ready: FloatArray
    due: FloatArray
    service: FloatArray
    fleet_size: int | None
    scale: int

    @property
    def num_customers(self) -> int:
        """Customers (nodes other than the depot)."""
        return int(self.coords.shape[0]) - 1


def _squared(coords: FloatArray) -> FloatArray:
    diff = coords[:, None, :] - coords[None, :, :]
    return np.asarray((diff**2).sum(axis=2), dtype=np.float64)


def exact_distances(coords: FloatArray) -> FloatArray:
    """Full-precision Euclidean distances between all points."""
    return np.asarray(np.sqrt(_squared(coords)), dtype=np.float64)


def convention_arcs(coords: FloatArray, convention: Convention) -> FloatArray:
    """Arc distances as the convention counts them.

    DIMACS truncation is computed as ``floor(sqrt(100 d²)) / 10`` so that an arc of exactly
    2.3 is not truncated to 2.2 by the rounding error of ``10 * sqrt(d²)``.
    """
    squared = _squared(coords)
    if convention is Convention.DIMACS:
        return np.asarray(np.floor(np.sqrt(100 * squared)) / 10, dtype=np.float64)
    if convention is Convention.CVRPLIB:
        return np.asarray(np.floor(np.sqrt(squared) + 0.5), dtype=np.float64)
    return np.asarray(np.sqrt(squared), dtype=np.float64)


def convention_cost(
    instance: BenchInstance, routes: list[list[int]] | tuple[tuple[int, ...], ...]
) -> float:
    """Total distance of ``routes`` (customer node lists) in the instance's convention."""
    arcs = convention_arcs(instance.coords, instance.convention)
    total = 0.0
    for route in routes:
        path = [0, *route, 0]
        total += float(sum(arcs[a, b] for a, b in itertools.pairwise(path)))
    return round(total, 6)


def _guess_format(path: Path) -> str:
    text = path.read_text(errors="replace")[:2000]
    if re.search(r"^\s*NAME\s*:", text, re.MULTILINE) or "NODE_COORD_SECTION" in text:
        return "vrplib"
    if "CUST NO." in text.upper() or "VEHICLE" in text.upper():
        return "solomon"
    return "vrplib" if path.suffix.lower() == ".vrp" else "solomon"


def _bad(path: Path, message: str) -> ScenarioError:
    return ScenarioError([_Issue(file=str(path), message=message)], summary=message)


def _raw(path: Path) -> tuple[dict[str, Any], str]:
    if not path.is_file():
        raise NotFoundError(f"no instance file {str(path)!r}")
    fmt = _guess_format(path)
    if fmt == "solomon":
        # vrplib turns a value it cannot read as an integer (10.5, nan) into -1 silently.
        data, lines, issues = read_solomon(path)
        if issues:
            raise ScenarioError(issues)
    else:
        try:
            data = vrplib.read_instance(path, instance_format=fmt)
        except Exception as error:  # vrplib raises bare ValueError/IndexError/KeyError
            raise _bad(path, f"cannot read {fmt} instance: {error}") from error
        lines = vrplib_lines(path)
    if "node_coord" not in data:
        raise _bad(path, "instance has no node coordinates (only EUC_2D instances are supported)")
    if "capacity" not in data:  # no default: an unknown capacity is not an unlimited one
        raise _bad(path, "instance has no 'CAPACITY : n' line: the vehicles' capacity is unknown")
    depots = np.atleast_1d(data.get("depot", np.array([0])))
    if depots.size != 1 or int(depots[0]) != 0:
        raise _bad(path, "only instances with a single depot listed first are supported")
    issues = check_instance(path, data, lines)
    if issues:
        raise ScenarioError(issues)
    return data, fmt


def read_instance(path: str | Path, convention: Convention | str | None = None) -> BenchInstance:
    """Read a VRPLIB ``.vrp`` or Solomon ``.txt`` instance for the router.

    Without ``convention``, Solomon files use ``dimacs`` and VRPLIB files ``cvrplib``.

    Raises
    ------
    NotFoundError
        When the file does not exist.
    ScenarioError
        When it is not an instance the router can read.
    """
    path = Path(path)
    data, fmt = _raw(path)
    conv = Convention(convention) if convention else None
    if conv is None:
        conv = Convention.DIMACS if fmt == "solomon" else Convention.CVRPLIB
    coords = np.asarray(data["node_coord"], dtype=np.float64)
    n = coords.shape[0]
    demand = (
        np.asarray(data.get("demand", np.zeros(n)), dtype=np.float64).astype(np.int64).reshape(n)
    )
    capacity = int(float(data["capacity"]))
    windows = np.asarray(data.get("time_window", [[0, math.inf]] * n), dtype=np.float64)
    service = np.broadcast_to(np.asarray(data.get("service_time", 0.0), dtype=np.float64), (n,))
    fleet = int(data["vehicles"]) if "vehicles" in data else None
    scale = _SCALE[conv]
    exact = exact_distances(coords)
    if conv is Convention.HIERARCHICAL:
        dist = np.round(exact * scale).astype(np.int64)
        dur = np.ceil(exact * scale - 1e-9).astype(np.int64)
    else:
        dist = np.round(convention_arcs(coords, conv) * scale).astype(np.int64)
        dur = dist
    finite_due = np.isfinite(windows[:, 1])
    tw_late = np.full(n, NO_LIMIT, dtype=np.int64)
    tw_late[finite_due] = np.round(windows[finite_due, 1] * scale).astype(np.int64)
    tw_early = np.round(windows[:, 0] * scale).astype(np.int64)
    serv = np.round(service * scale).astype(np.int64)
    serv[0] = 0
    vehicle = VehicleSpec(
        name="vehicle",
        count=min(fleet, n - 1) if fleet is not None else n - 1,  # more could never be used
        capacity=(capacity,),
        fixed_cost=HIERARCHICAL_VEHICLE_COST if conv is Convention.HIERARCHICAL else 0,
        tw_early=int(tw_early[0]),
        tw_late=int(tw_late[0]),
    )
    problem = VrpProblem(
        num_depots=1,
        demand=demand.reshape(n, 1),
        tw_early=tw_early,
        tw_late=tw_late,
        service=serv,
        distance=(dist,),
        duration=(dur,),
        vehicles=(vehicle,),
        coords=coords,
        names=tuple(str(i) for i in range(n)),
    )
    return BenchInstance(
        name=str(data.get("name", path.stem)),
        convention=conv,
        problem=problem,
        coords=coords,
        demand=demand,
        capacity=capacity,
        ready=windows[:, 0].copy(),
        due=windows[:, 1].copy(),
        service=np.asarray(service, dtype=np.float64).copy(),
        fleet_size=fleet,
        scale=scale,
    )


_ROUTE = re.compile(r"^\s*Route\s*#?\s*\d+\s*:(.*)$", re.IGNORECASE)


def _route_lines(path: Path) -> list[tuple[int, list[int]]]:
    if not path.is_file():
        raise NotFoundError(f"no solution file {str(path)!r}")
    routes = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        match = _ROUTE.match(line)
        if match:
            try:
                route = [int(tok) for tok in match.group(1).split()]
            except ValueError as error:
                msg = f"route line {line.strip()!r} is not a list of customer numbers"
                raise ScenarioError([_Issue(file=str(path), line=number, message=msg)]) from error
            if route:
                routes.append((number, route))
    if not routes:
        raise _bad(path, "no 'Route ...: c1 c2 ...' line in the solution file")
    return routes


def read_routes(path: str | Path, *, customers: int | None = None) -> list[list[int]]:
    """Routes of a solution file (CVRPLIB ``Route #k: ...`` or SINTEF ``Route k : ...``).

    Customers are numbered as in the instance (the depot is 0 and never listed). With
    ``customers``, every route must use customers ``1 … customers`` and visit each once.

    Raises
    ------
    NotFoundError
        When the file does not exist.
    ScenarioError
        When it holds no route, or (with ``customers``) names an unknown customer or does
        not visit every customer exactly once.
    """
    path = Path(path)
    routes = _route_lines(path)
    if customers is not None:
        issues = check_routes(path, routes, customers)
        if issues:
            raise ScenarioError(issues)
    return [route for _, route in routes]


def read_bks(bks: str, instance: BenchInstance) -> tuple[float, int | None]:
    """A best-known value and its vehicles: a number, or a solution file re-scored.

    A solution file is scored in the instance's own convention (so a comparison never
    mixes conventions) and must visit each of its customers exactly once.

    Examples
    --------
    >>> read_bks("827.3", None)
    (827.3, None)

    Raises
    ------
    ScenarioError
        When the value is not a positive finite number, or the file is not a solution
        of this instance.
    NotFoundError
        When it is neither a number nor an existing file.
    """
    try:
        value = float(bks)
    except ValueError:
        pass
    else:
        if not (math.isfinite(value) and value > 0):
            msg = f"{bks!r} is not a best-known cost (a finite number above 0)"
            raise ScenarioError([_Issue(file="--bks", message=msg)])
        return value, None
    path = Path(bks)
    if not path.is_file():
        raise NotFoundError(f"--bks {bks!r} is neither a number nor an existing solution file")
    routes = read_routes(path, customers=instance.num_customers)
    return convention_cost(instance, routes), len(routes)
