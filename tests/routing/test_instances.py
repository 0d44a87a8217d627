"""Standard instances: the published solutions re-score exactly, the router finds optima."""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from routing_validator import vrp_violations

from supplyline.errors import NotFoundError, ScenarioError
from supplyline.routing import (
    Convention,
    RouterParams,
    VehicleSpec,
    VrpProblem,
    convention_cost,
    read_instance,
    read_routes,
    solve_vrp,
)
from supplyline.routing.instances import convention_arcs, exact_distances

X_NAMES = [
    "X-n101-k25", "X-n120-k6", "X-n148-k46", "X-n181-k23", "X-n200-k36",
    "X-n228-k23", "X-n256-k16", "X-n303-k21", "X-n351-k40", "X-n401-k29",
]  # fmt: skip


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as fh:
        return {r["instance"]: r for r in csv.DictReader(fh)}


@pytest.mark.parametrize("name", X_NAMES)
def test_cvrplib_solution_costs_are_reproduced(bench_dir: Path, name: str) -> None:
    """Each X .sol re-scores to its published BKS with nint distances."""
    inst = read_instance(bench_dir / "cvrplib_x" / f"{name}.vrp")
    routes = read_routes(bench_dir / "cvrplib_x" / f"{name}.sol")
    bks = float(_csv(bench_dir / "cvrplib_x" / "x_bks.csv")[name]["bks_cost"])
    assert inst.convention is Convention.CVRPLIB
    assert convention_cost(inst, routes) == bks


def _sintef(bench_dir: Path) -> list[str]:
    folder = bench_dir / "solomon" / "sintef_solutions"
    return sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []


def test_sintef_solutions_are_reproduced_and_feasible(bench_dir: Path) -> None:
    """Every SINTEF Solomon solution has the published vehicles and distance (±0.01), feasibly."""
    table = _csv(bench_dir / "solomon" / "solomon_bks.csv")
    names = _sintef(bench_dir)
    assert len(names) >= 40
    for name in names:
        inst = read_instance(bench_dir / "solomon" / f"{name}.txt", "hierarchical")
        routes = read_routes(bench_dir / "solomon" / "sintef_solutions" / f"{name}.txt")
        row = table[name]
        assert len(routes) == int(row["hier_bks_vehicles"]), name
        assert convention_cost(inst, routes) == pytest.approx(
            float(row["hier_bks_distance"]), abs=0.011
        ), name
        dist = exact_distances(inst.coords)
        windows = list(zip(inst.ready, inst.due, strict=True))
        assert vrp_violations(
            inst.coords.tolist(), inst.demand.tolist(), inst.capacity, windows,
            inst.service.tolist(), routes, dist,
        ) == [], name  # fmt: skip


def test_dimacs_truncates_to_one_decimal() -> None:
    """DIMACS arcs: 5.0 stays 5.0, sqrt(2) = 1.414 becomes 1.4, sqrt(8) = 2.828 becomes 2.8."""
    pts = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0], [2.0, 2.0]])
    arcs = convention_arcs(pts, Convention.DIMACS)
    assert (arcs[0, 1], arcs[0, 2], arcs[0, 3]) == (5.0, 1.4, 2.8)


def _split_optimum(problem: VrpProblem) -> int:
    """Brute force: every order of the customers, split optimally into feasible routes."""
    dist, dur = problem.distance[0], problem.duration[0]
    cap = problem.vehicles[0].capacity[0]
    n = problem.num_nodes

    def route_ok(seq: tuple[int, ...]) -> bool:
        if sum(int(problem.demand[c, 0]) for c in seq) > cap:
            return False
        t, prev = 0, 0
        for c in (*seq, 0):
            t = max(t + int(dur[prev, c]), int(problem.tw_early[c]))
            if t > problem.tw_late[c]:
                return False
            t += int(problem.service[c])
            prev = c
        return True

    def cost(seq: tuple[int, ...]) -> int:
        path = (0, *seq, 0)
        return sum(int(dist[a, b]) for a, b in itertools.pairwise(path))

    best = math.inf
    for perm in itertools.permutations(range(1, n)):
        f = [0.0] + [math.inf] * len(perm)
        for j in range(1, len(perm) + 1):
            for i in range(j):
                seg = perm[i:j]
                if f[i] < math.inf and route_ok(seg):
                    f[j] = min(f[j], f[i] + cost(seg))
        best = min(best, f[-1])
    return int(best)


def _tiny(seed: int, windows: bool) -> VrpProblem:
    rng = np.random.default_rng(seed)
    n = 7
    xy = rng.integers(0, 50, size=(n, 2)).astype(float)
    d = np.round(exact_distances(xy)).astype(np.int64)
    demand = np.concatenate([[0], rng.integers(1, 6, size=n - 1)]).reshape(n, 1)
    early = np.zeros(n, dtype=np.int64)
    late = np.full(n, 10_000, dtype=np.int64)
    if windows:
        early[1:] = rng.integers(0, 80, size=n - 1)
        late[1:] = early[1:] + rng.integers(30, 120, size=n - 1)
    return VrpProblem(
        num_depots=1, demand=demand.astype(np.int64), tw_early=early, tw_late=late,
        service=np.full(n, 5, dtype=np.int64) * (np.arange(n) > 0), distance=(d,),
        duration=(d,), vehicles=(VehicleSpec(name="v", count=n - 1, capacity=(10,)),),
    )  # fmt: skip


@pytest.mark.parametrize("windows", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_router_finds_brute_force_optimum(seed: int, windows: bool) -> None:
    """On 6-customer instances the router's cost equals the brute-force optimum."""
    problem = _tiny(seed, windows)
    expected = _split_optimum(problem)
    sol = solve_vrp(problem, RouterParams(time_limit_s=5, max_iterations=500, seed=seed))
    assert sol.feasible
    assert sol.distance == expected


def test_routes_pass_the_independent_check_on_solomon(bench_dir: Path) -> None:
    """A short DIMACS solve of R101 gives routes the independent checker accepts."""
    inst = read_instance(bench_dir / "solomon" / "R101.txt")
    sol = solve_vrp(inst.problem, RouterParams(time_limit_s=5, max_iterations=300, seed=0))
    routes = [list(r.visits) for r in sol.routes]
    arcs = convention_arcs(inst.coords, Convention.DIMACS)
    windows = list(zip(inst.ready, inst.due, strict=True))
    violations = vrp_violations(
        inst.coords.tolist(), inst.demand.tolist(), inst.capacity, windows,
        inst.service.tolist(), routes, arcs,
    )  # fmt: skip
    assert violations == []


def test_missing_instance_is_not_found(tmp_path: Path) -> None:
    """A path that does not exist raises NotFoundError naming it."""
    with pytest.raises(NotFoundError, match="no instance file"):
        read_instance(tmp_path / "nope.vrp")


def test_garbage_instance_is_a_scenario_error(tmp_path: Path) -> None:
    """A file that is not an instance raises ScenarioError, not a vrplib traceback."""
    bad = tmp_path / "bad.vrp"
    bad.write_text("NAME : bad\nDIMENSION : three\nNODE_COORD_SECTION\n1 a b\n")
    with pytest.raises(ScenarioError, match="cannot read"):
        read_instance(bad)


def test_solution_file_without_routes_is_rejected(tmp_path: Path) -> None:
    """A .sol with no route lines raises ScenarioError."""
    sol = tmp_path / "x.sol"
    sol.write_text("Cost 12\n")
    with pytest.raises(ScenarioError, match="no 'Route"):
        read_routes(sol)


def test_vehicles_first_reaches_the_c101_fleet(bench_dir: Path) -> None:
    """Hierarchical mode on C101 (2 s) uses the best-known 10 vehicles, feasibly."""
    inst = read_instance(bench_dir / "solomon" / "C101.txt", "hierarchical")
    sol = solve_vrp(inst.problem, RouterParams(time_limit_s=2.0, seed=1, vehicles_first=True))
    routes = [list(r.visits) for r in sol.routes]
    windows = list(zip(inst.ready, inst.due, strict=True))
    assert len(routes) == 10
    assert vrp_violations(
        inst.coords.tolist(), inst.demand.tolist(), inst.capacity, windows,
        inst.service.tolist(), routes, exact_distances(inst.coords),
    ) == []  # fmt: skip
