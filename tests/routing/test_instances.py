"""Standard instances: the published solutions re-score exactly, the router finds optima."""

from __future__ import annotations

import csv
import itertools
import math
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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
from supplyline.routing.instances import convention_arcs, exact_distances, read_bks

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


SOLOMON = """TINY

VEHICLE
NUMBER     CAPACITY
{vehicles}  {capacity}

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      40         50          0          0       1236          0
    1      {x}         68         {demand}        {ready}        967         {service}
    2      45         70         30        825        870         90
"""
GOOD = {"vehicles": "3", "capacity": "200", "x": "45", "demand": "10", "ready": "912",
        "service": "90"}  # fmt: skip


def _solomon(folder: Path, **values: str) -> Path:
    path = folder / "tiny.txt"
    path.write_text(SOLOMON.format(**{**GOOD, **values}))
    return path


def test_a_clean_solomon_file_is_read(tmp_path: Path) -> None:
    """The tiny Solomon file reads with its values, fleet and float-free demands."""
    inst = read_instance(_solomon(tmp_path))
    assert (inst.num_customers, inst.fleet_size, inst.capacity) == (2, 3, 200)
    assert inst.demand.tolist() == [0, 10, 30]
    assert inst.problem.vehicles[0].count == 2  # more vehicles than customers is never used


@pytest.mark.parametrize(
    ("values", "line", "words"),
    [
        ({"capacity": "-5"}, 5, "vehicle capacity -5 must be a whole number above 0"),
        ({"vehicles": "0"}, 5, "vehicle number 0 must be a whole number of at least 1"),
        ({"vehicles": "99999999999"}, 5, "vehicle number 99999999999 is absurd for 2 customers"),
        ({"x": "nan"}, 11, r"customer 1: coordinates \(nan, 68\) must be finite"),
        ({"x": "inf"}, 11, r"customer 1: coordinates \(inf, 68\) must be finite"),
        ({"x": "1e300"}, 11, r"coordinates \(1e\+300, 68\) must be finite numbers within"),
        ({"demand": "10.5"}, 11, "customer 1: demand 10.5 must be a whole number"),
        ({"demand": "-10"}, 11, "customer 1: demand -10 must be 0 or more"),
        ({"service": "-1"}, 11, "customer 1: service time -1 must be between 0 and"),
        ({"ready": "999"}, 11, "customer 1: ready time 999 is after its due date 967"),
        ({"demand": "ten"}, 11, "demand 'ten' is not a number"),
    ],
)
def test_bad_solomon_values_are_refused_with_their_line(
    tmp_path: Path, values: dict[str, str], line: int, words: str
) -> None:
    """Each value the router cannot take is a ScenarioError naming the file's line."""
    path = _solomon(tmp_path, **values)
    with pytest.raises(ScenarioError, match=words) as caught:
        read_instance(path)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line) == (str(path), line)


@settings(max_examples=60, deadline=None)
@given(demand=st.floats(allow_nan=True, allow_infinity=True))
def test_any_demand_is_read_exactly_or_refused_on_its_line(demand: float) -> None:
    """A demand is kept as written when a whole number from 0 to the capacity, else refused.

    Refused at its line, 11: a demand above the vehicles' capacity (200) too, since no
    vehicle could carry it (it had been read, and the router found no solution).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = _solomon(Path(folder), demand=repr(demand))
        ok = math.isfinite(demand) and 0 <= demand <= 200 and demand == int(demand)
        if ok:
            assert read_instance(path).demand[1] == int(demand)
        else:
            with pytest.raises(ScenarioError) as caught:
                read_instance(path)
            assert [i.line for i in caught.value.issues] == [11]


@settings(max_examples=60, deadline=None)
@given(x=st.floats(allow_nan=True, allow_infinity=True))
def test_any_coordinate_is_read_exactly_or_refused(x: float) -> None:
    """A coordinate is kept as written when finite and within ±1e7, else refused at line 11."""
    with tempfile.TemporaryDirectory() as folder:
        path = _solomon(Path(folder), x=repr(x))
        if math.isfinite(x) and abs(x) <= 1e7:
            assert read_instance(path).coords[1, 0] == x
        else:
            with pytest.raises(ScenarioError, match="coordinates") as caught:
                read_instance(path)
            assert [i.line for i in caught.value.issues] == [11]


def test_vrplib_values_are_refused_with_their_line(tmp_path: Path) -> None:
    """A .vrp with a fractional demand and a negative capacity names both lines."""
    path = tmp_path / "t.vrp"
    path.write_text(
        "NAME : t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : -5\n"
        "NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nDEMAND_SECTION\n1 0\n2 1.5\n3 1\n"
        "DEPOT_SECTION\n1\n-1\nEOF\n"
    )
    with pytest.raises(ScenarioError) as caught:
        read_instance(path)
    assert [(i.line, i.message.split(":")[0]) for i in caught.value.issues] == [
        (5, "vehicle capacity -5 must be a whole number above 0 (at most 1e+12)"),
        (12, "customer 1"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Route #1: 1 99999\nRoute #2: 2\n", 1, "customer 99999 is not in the instance"),
        ("Route #1: 1 2\nRoute #2: 0\n", 2, "customer 0 is not in the instance"),
        ("Route #1: 1\nRoute #2: 2 1\n", 2, r"customer 1 is visited again \(first on line 1\)"),
        ("Route #1: 1\n", None, r"the solution visits 1 of 2 customers \(missing: 2\)"),
    ],
)
def test_a_solution_must_visit_each_customer_once(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    """With ``customers``, unknown, repeated or missing customers are refused (file:line)."""
    path = tmp_path / "s.sol"
    path.write_text(text)
    assert read_routes(path)  # without the instance the file is only parsed
    with pytest.raises(ScenarioError, match=words) as caught:
        read_routes(path, customers=2)
    assert [i.line for i in caught.value.issues] == [line]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-3", "1e999"])
def test_a_numeric_bks_must_be_a_positive_finite_cost(tmp_path: Path, value: str) -> None:
    """--bks nan, inf, 0 or negative is a ScenarioError, a positive number is kept."""
    inst = read_instance(_solomon(tmp_path))
    with pytest.raises(ScenarioError, match="is not a best-known cost"):
        read_bks(value, inst)
    assert read_bks("827.3", inst) == (827.3, None)


def test_a_bks_file_is_scored_and_checked(tmp_path: Path) -> None:
    """A .sol --bks gives its cost and vehicles; one naming an unknown customer is refused."""
    inst = read_instance(_solomon(tmp_path))
    good, bad = tmp_path / "good.sol", tmp_path / "bad.sol"
    good.write_text("Route #1: 1 2\n")
    bad.write_text("Route #1: 1 2 7\n")
    assert read_bks(str(good), inst) == (convention_cost(inst, [[1, 2]]), 1)
    with pytest.raises(ScenarioError, match="customer 7 is not in the instance"):
        read_bks(str(bad), inst)
