"""The router on a standard VRP instance (Solomon, CVRPLIB): its cost and gap to a BKS.

Apart from :mod:`supplyline.services.routing`, whose use-cases are a scenario's routes and
reach, so that module stays under the size where it is split by what it owns; it
re-exports :class:`BenchRun` and :func:`bench_instance` for its callers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supplyline.io.atomic import writing
from supplyline.io.own_files import BENCH_SOLUTION_GENERATOR
from supplyline.routing import Convention, RouterParams, read_instance, solve_vrp
from supplyline.routing.bench_routes import BenchRoute, bench_routes, solution_text
from supplyline.routing.instances import BenchInstance, convention_cost, read_bks
from supplyline.staged_file import move_into_place, scratch_file_for

__all__ = ["BenchRoute", "BenchRun", "bench_instance", "write_bench_solution"]

Progress = Callable[[str], None]
"""Told what the run is doing, as :mod:`supplyline.services.routing`'s progress is."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchRun:
    """The router on a standard instance: cost in the instance's convention, and the gap."""

    instance: str
    convention: Convention
    customers: int
    vehicles: int
    cost: float
    seconds: float
    feasible: bool
    bks: float | None = None
    bks_vehicles: int | None = None
    routes: tuple[BenchRoute, ...] = ()
    """The routes, in the instance's numbering and convention (re-checkable, re-scorable)."""

    @property
    def gap_pct(self) -> float | None:
        """Percent above the best-known value (None without one)."""
        if self.bks is None or not self.bks:
            return None
        return 100.0 * (self.cost - self.bks) / self.bks


def bench_instance(
    path: str | Path,
    *,
    time_limit_s: float,
    bks: str | None = None,
    convention: Convention | str | None = None,
    seed: int = 0,
    workers: int = 1,
    progress: Progress | None = None,
) -> BenchRun:
    """Solve a VRPLIB/Solomon instance with supplyline's router and compare with a BKS.

    ``bks`` is a number, or a solution file whose routes are re-scored in the same
    convention (so the comparison never mixes conventions). ``workers`` processes search
    at once in the vehicles-first (hierarchical) convention. ``progress`` hears when the
    instance is read and the search starts (a missing file had been "solving" first).
    """
    t0 = time.perf_counter()
    inst = read_instance(path, convention)
    bks_value, bks_vehicles = _bks(bks, inst)
    if progress is not None:
        progress(f"solving {inst.name} for {time_limit_s:g} s")
    vehicles_first = inst.convention is Convention.HIERARCHICAL
    # the whole time limit, no early stop: the published figures (README) are for it, and
    # a 100-customer instance still finds better routes late in its 10 s
    params = RouterParams(
        time_limit_s=time_limit_s,
        seed=seed,
        vehicles_first=vehicles_first,
        workers=workers,
        no_improvement=None,
    )
    sol = solve_vrp(inst.problem, params)
    depots = inst.problem.num_depots  # a depot in the middle would be a reload: none here
    routes = [[v for v in r.visits if v >= depots] for r in sol.routes]
    return BenchRun(
        instance=inst.name,
        convention=inst.convention,
        customers=inst.num_customers,
        vehicles=len(routes),
        cost=convention_cost(inst, routes),
        seconds=time.perf_counter() - t0,
        feasible=sol.feasible and not sol.unserved,
        bks=bks_value,
        bks_vehicles=bks_vehicles,
        routes=bench_routes(inst, routes),
    )


def write_bench_solution(run: BenchRun, path: str | Path) -> Path:
    """Write ``run``'s routes and cost as a CVRPLIB/Solomon solution file, whole or not at all.

    Its first line names supplyline, the instance and the convention the cost is in
    (:data:`~supplyline.io.own_files.BENCH_SOLUTION`). Written to a scratch file beside
    ``path`` and moved into place: a failure (a full disk) leaves any earlier file as it
    was, and is an OutputError naming ``path``.
    """
    path = Path(path)
    scratch = scratch_file_for(path)
    try:
        with writing(path), scratch.open("x", encoding="utf-8", newline="\n") as handle:
            head = f"{BENCH_SOLUTION_GENERATOR}, {run.instance}, {run.convention} convention"
            handle.write(solution_text(run.routes, run.cost, header=head))
        return move_into_place(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)


def _bks(bks: str | None, inst: BenchInstance) -> tuple[float | None, int | None]:
    """The checked best-known value and its vehicles (none without ``--bks``)."""
    return (None, None) if bks is None else read_bks(bks, inst)
