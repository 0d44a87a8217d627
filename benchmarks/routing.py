"""Benchmark: supplyline's router against OR-Tools routing on Solomon VRPTW and CVRPLIB X.

Both solvers get the same time limit per instance, one after the other (2 cores; no
parallel jobs). supplyline's router is used through its own import
(``supplyline.routing.read_instance`` + ``solve_vrp``), exactly as ``routes-bench`` does.

An independent checker (this file: its own parser, its own arithmetic, no solver code)
re-scores every returned solution — capacity, time windows, every customer exactly once,
fleet size — and rejects infeasible ones. Before any solve it must reproduce the
published best-known costs from the ``.sol`` files (CVRPLIB X and SINTEF Solomon).

Modes: ``dimacs`` (Solomon, distance only, arcs truncated to one decimal),
``hierarchical`` (Solomon, vehicles first, exact distances) and ``cvrplib`` (X, nint).

    .venv/bin/python benchmarks/routing.py                      # everything, 10 s each
    .venv/bin/python benchmarks/routing.py --instances R1,X-n101 --time-limit 5
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
SOLOMON = DATA / "solomon"
XDIR = DATA / "cvrplib_x"


# ---------------------------------------------------------------- independent checker


@dataclass
class Raw:
    """An instance as the checker reads it, independently of the router's importer."""

    name: str
    coords: np.ndarray
    demand: np.ndarray
    capacity: int
    ready: np.ndarray
    due: np.ndarray
    service: np.ndarray
    fleet: int | None


def parse_solomon(path: Path) -> Raw:
    lines = [ln.split() for ln in path.read_text().splitlines() if ln.strip()]
    head = next(i for i, ln in enumerate(lines) if ln and ln[0] == "NUMBER")
    fleet, cap = int(lines[head + 1][0]), int(lines[head + 1][1])
    rows = [list(map(float, ln)) for ln in lines if len(ln) == 7 and ln[0].isdigit()]
    a = np.array(rows)
    return Raw(path.stem, a[:, 1:3], a[:, 3].astype(int), cap, a[:, 4], a[:, 5], a[:, 6], fleet)


def parse_vrplib(path: Path) -> Raw:
    text = path.read_text().replace("\r", "")
    cap = int(text.split("CAPACITY")[1].split(":")[1].split()[0])
    sec = text.split("NODE_COORD_SECTION")[1].split("DEMAND_SECTION")
    coords = np.array([list(map(float, ln.split()[1:3])) for ln in sec[0].strip().splitlines()])
    dem_txt = sec[1].split("DEPOT_SECTION")[0].strip().splitlines()
    demand = np.array([int(ln.split()[1]) for ln in dem_txt])
    n = len(coords)
    return Raw(path.stem, coords, demand, cap, np.zeros(n), np.full(n, np.inf), np.zeros(n), None)


def arcs(raw: Raw, mode: str) -> np.ndarray:
    dx = raw.coords[:, None, 0] - raw.coords[None, :, 0]
    dy = raw.coords[:, None, 1] - raw.coords[None, :, 1]
    sq = dx * dx + dy * dy
    if mode == "dimacs":
        return np.floor(np.sqrt(100.0 * sq)) / 10.0
    if mode == "cvrplib":
        return np.floor(np.sqrt(sq) + 0.5)
    return np.sqrt(sq)


def check(raw: Raw, routes: list[list[int]], mode: str) -> tuple[float | None, str]:
    """Cost in the mode's arithmetic, or None and the first violation found."""
    d = arcs(raw, mode)
    n = len(raw.coords)
    seen = [c for r in routes for c in r]
    if sorted(seen) != list(range(1, n)):
        missing = set(range(1, n)) - set(seen)
        return None, f"customers not served exactly once (missing {len(missing)})"
    if raw.fleet is not None and len(routes) > raw.fleet:
        return None, f"{len(routes)} routes > fleet {raw.fleet}"
    total = 0.0
    for r in routes:
        if raw.demand[r].sum() > raw.capacity:
            return None, f"route load {raw.demand[r].sum()} > capacity {raw.capacity}"
        t, prev = 0.0, 0
        for c in [*r, 0]:
            t = max(t + d[prev, c], raw.ready[c])
            if t > raw.due[c] + 1e-6:
                return None, f"late at node {c}: {t:.3f} > {raw.due[c]}"
            t += raw.service[c] if c else 0.0
            total += d[prev, c]
            prev = c
    return round(total, 6), ""


def read_sol(path: Path) -> list[list[int]]:
    out = []
    for ln in path.read_text().splitlines():
        if ln.strip().lower().startswith("route"):
            out.append([int(x) for x in ln.split(":", 1)[1].split()])
    return [r for r in out if r]


def reproduce_bks(solomon_bks: dict[str, dict[str, str]], x_bks: dict[str, dict[str, str]]) -> bool:
    ok = True
    print("== checker reproduces published best-known solutions ==")
    for name, row in x_bks.items():
        cost, why = check(
            parse_vrplib(XDIR / f"{name}.vrp"), read_sol(XDIR / f"{name}.sol"), "cvrplib"
        )
        good = cost is not None and abs(cost - float(row["bks_cost"])) < 1e-6
        ok &= good
        print(
            f"  {name:12s} .sol cost {cost}  BKS {row['bks_cost']}  "
            f"{'ok' if good else 'MISMATCH ' + why}"
        )
    n_sol = 0
    for name, row in solomon_bks.items():
        sol = SOLOMON / "sintef_solutions" / f"{name}.txt"
        if not sol.exists():
            continue
        n_sol += 1
        routes = read_sol(sol)
        cost, why = check(parse_solomon(SOLOMON / f"{name}.txt"), routes, "hierarchical")
        good = (
            cost is not None
            and abs(cost - float(row["hier_bks_distance"])) < 0.011
            and len(routes) == int(row["hier_bks_vehicles"])
        )
        ok &= good
        if not good:
            print(
                f"  {name}: SINTEF {len(routes)} veh {cost} vs {row['hier_bks_vehicles']} veh "
                f"{row['hier_bks_distance']}: MISMATCH {why}"
            )
    print(
        f"  Solomon SINTEF solutions: {n_sol} re-scored, "
        f"{'all match' if ok else 'see mismatches'} (vehicles exact, distance within 0.01)"
    )
    return ok


# ---------------------------------------------------------------- solvers


def run_supplyline(
    path: Path, mode: str, limit: float, seed: int, workers: int = 1
) -> tuple[list[list[int]], float]:
    from supplyline.routing import RouterParams, read_instance, solve_vrp

    t0 = time.perf_counter()
    inst = read_instance(path, mode)
    params = RouterParams(
        time_limit_s=limit,
        seed=seed,
        vehicles_first=mode == "hierarchical",
        workers=workers,
        no_improvement=None,  # as routes-bench: the whole time limit
    )
    sol = solve_vrp(inst.problem, params)
    routes = [list(r.visits) for r in sol.routes] if sol.feasible else []
    return routes, time.perf_counter() - t0


def run_bare_pyvrp(path: Path, mode: str, limit: float, seed: int) -> tuple[list[list[int]], float]:
    """What a user would write with PyVRP alone (pyvrp.read; Solomon via Model by hand)."""
    import pyvrp
    from pyvrp.stop import MaxRuntime

    t0 = time.perf_counter()
    if path.suffix == ".vrp":
        data = pyvrp.read(path, round_func="round")
    else:
        raw = parse_solomon(path)
        m = pyvrp.Model()
        sc = 10
        locs = [m.add_location(x=float(x), y=float(y)) for x, y in raw.coords]
        depot = m.add_depot(locs[0], tw_early=0, tw_late=int(raw.due[0] * sc))
        m.add_vehicle_type(
            raw.fleet or 25,
            capacity=raw.capacity,
            start_depot=depot,
            end_depot=depot,
            tw_early=0,
            tw_late=int(raw.due[0] * sc),
        )
        for i in range(1, len(locs)):
            m.add_client(
                locs[i],
                delivery=int(raw.demand[i]),
                service_duration=int(raw.service[i] * sc),
                tw_early=int(raw.ready[i] * sc),
                tw_late=int(raw.due[i] * sc),
            )
        d = (arcs(raw, "dimacs") * sc).round().astype(int)
        for i, a in enumerate(locs):
            for j, b in enumerate(locs):
                m.add_edge(a, b, int(d[i, j]), int(d[i, j]))
        data = m.data()
    res = pyvrp.solve(data, MaxRuntime(limit), seed=seed, display=False, collect_stats=False)
    routes = [[a.idx + 1 for a in r.schedule() if a.is_client()] for r in res.best.routes()]
    return routes, time.perf_counter() - t0


def run_ortools(raw: Raw, mode: str, limit: float) -> tuple[list[list[int]], float]:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    t0 = time.perf_counter()
    n = len(raw.coords)
    exact = arcs(raw, "hierarchical")
    if mode == "hierarchical":
        sc, dist = 1000, np.round(exact * 1000).astype(int)
        dur = np.ceil(exact * 1000 - 1e-9).astype(int)
    else:
        sc = 10 if mode == "dimacs" else 1
        dist = dur = np.round(arcs(raw, mode) * sc).astype(int)
    if raw.fleet is not None:
        vehicles = raw.fleet
    else:  # no fleet limit in CVRPLIB: a generous multiple of the capacity bound
        vehicles = math.ceil(raw.demand.sum() / raw.capacity * 1.2) + 2
    manager = pywrapcp.RoutingIndexManager(n, vehicles, 0)
    model = pywrapcp.RoutingModel(manager)
    arc = model.RegisterTransitMatrix(dist.tolist())
    model.SetArcCostEvaluatorOfAllVehicles(arc)
    dem = model.RegisterUnaryTransitVector(raw.demand.astype(int).tolist())
    model.AddDimensionWithVehicleCapacity(dem, 0, [raw.capacity] * vehicles, True, "Load")
    if np.isfinite(raw.due).any():
        serv = np.round(raw.service * sc).astype(int)
        serv[0] = 0
        horizon = int(raw.due[0] * sc)
        tmat = (dur + serv[:, None]).tolist()
        model.AddDimension(model.RegisterTransitMatrix(tmat), horizon, horizon, False, "Time")
        tdim = model.GetDimensionOrDie("Time")
        for node in range(1, n):
            tdim.CumulVar(manager.NodeToIndex(node)).SetRange(
                int(raw.ready[node] * sc), int(raw.due[node] * sc)
            )
        for v in range(vehicles):
            tdim.CumulVar(model.Start(v)).SetRange(0, horizon)
            tdim.CumulVar(model.End(v)).SetRange(0, horizon)
    if mode == "hierarchical":
        model.SetFixedCostOfAllVehicles(10_000_000)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        if np.isfinite(raw.due).any()
        else routing_enums_pb2.FirstSolutionStrategy.SAVINGS
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(limit * 1000))
    sol = model.SolveWithParameters(params)
    routes: list[list[int]] = []
    if sol is not None:
        for v in range(vehicles):
            idx, r = model.Start(v), []
            idx = sol.Value(model.NextVar(idx))
            while not model.IsEnd(idx):
                r.append(manager.IndexToNode(idx))
                idx = sol.Value(model.NextVar(idx))
            if r:
                routes.append(r)
    return routes, time.perf_counter() - t0


# ---------------------------------------------------------------- driver


@dataclass
class Row:
    """One solver's result on one instance in one mode."""

    instance: str
    cls: str
    mode: str
    solver: str
    vehicles: int | None
    distance: float | None
    gap_pct: float | None
    bks_vehicles: int | None
    bks_distance: float
    seconds: float
    rejected: str


def evaluate(
    raw: Raw, routes: list[list[int]], mode: str, bks_v: int | None, bks_d: float
) -> tuple:
    if not routes:
        return None, None, None, "no solution"
    cost, why = check(raw, routes, mode)
    if cost is None:
        return None, None, None, why
    return len(routes), cost, 100.0 * (cost - bks_d) / bks_d, ""


def load_bks() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    with (SOLOMON / "solomon_bks.csv").open() as fh:
        sol = {r["instance"]: r for r in csv.DictReader(fh)}
    with (XDIR / "x_bks.csv").open() as fh:
        xb = {r["instance"]: r for r in csv.DictReader(fh)}
    return sol, xb


def jobs(sol_bks: dict, x_bks: dict, modes: list[str], wanted: list[str]) -> list[tuple]:
    out = []
    keep = lambda name: not wanted or any(name.upper().startswith(w.upper()) for w in wanted)  # noqa: E731
    for mode in ("dimacs", "hierarchical"):
        if mode in modes:
            for name, r in sol_bks.items():
                if keep(name):
                    bv = int(r["distmin_vehicles"] if mode == "dimacs" else r["hier_bks_vehicles"])
                    bd = float(
                        r["distmin_best_known"]
                        if mode == "dimacs"
                        else r["hier_best_known_distance"]
                    )
                    out.append((name, r["class"], mode, SOLOMON / f"{name}.txt", bv, bd))
    if "cvrplib" in modes:
        for name, r in x_bks.items():
            if keep(name):
                out.append(
                    (
                        name,
                        "X",
                        "cvrplib",
                        XDIR / f"{name}.vrp",
                        int(r["bks_routes"]),
                        float(r["bks_cost"]),
                    )
                )
    return out


def summarise(rows: list[Row]) -> None:
    print(
        "\n== per class (mean gap over accepted solutions; hierarchical: vehicles vs BKS first) =="
    )
    print(
        f"{'mode':13s}{'class':6s}{'solver':12s}{'n':>4s}{'accepted':>9s}{'mean veh':>9s}"
        f"{'mean dist':>11s}{'mean gap%':>10s}{'worst gap%':>11s}{'=BKS veh':>9s}"
    )
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r.mode, r.cls, r.solver)].append(r)
        groups[(r.mode, "ALL", r.solver)].append(r)
    for (mode, cls, solver), rs in sorted(groups.items()):
        ok = [r for r in rs if not r.rejected]
        gaps = [r.gap_pct for r in ok if r.gap_pct is not None]
        same = sum(
            1
            for r in ok
            if r.vehicles is not None
            and r.bks_vehicles is not None
            and r.vehicles <= r.bks_vehicles
        )
        print(
            f"{mode:13s}{cls:6s}{solver:12s}{len(rs):4d}{len(ok):9d}"
            f"{statistics.mean([r.vehicles for r in ok]) if ok else float('nan'):9.2f}"
            f"{statistics.mean([r.distance for r in ok]) if ok else float('nan'):11.1f}"
            f"{statistics.mean(gaps) if gaps else float('nan'):10.2f}"
            f"{max(gaps) if gaps else float('nan'):11.2f}{same:9d}"
        )


def overhead(limit: float, seed: int, names: list[str]) -> None:
    print(
        f"\n== wrapper overhead vs bare PyVRP (same instance, same {limit:g} s limit, same seed) =="
    )
    for name in names:
        path = XDIR / f"{name}.vrp" if name.startswith("X") else SOLOMON / f"{name}.txt"
        mode = "cvrplib" if name.startswith("X") else "dimacs"
        raw = parse_solomon(path) if path.suffix == ".txt" else parse_vrplib(path)
        bare_routes, bare_s = run_bare_pyvrp(path, mode, limit, seed)
        ours_routes, ours_s = run_supplyline(path, mode, limit, seed)
        bc, _ = check(raw, bare_routes, mode)
        oc, _ = check(raw, ours_routes, mode)
        over = ours_s - bare_s
        ok = over <= max(0.5, 0.05 * bare_s)
        print(
            f"  {name:12s} bare {bare_s:7.3f} s cost {bc}   supplyline {ours_s:7.3f} s cost {oc}   "
            f"overhead {over:+.3f} s ({100 * over / bare_s:+.2f}%) {'ok' if ok else 'OVER TARGET'}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument(
        "--instances", default="", help="comma-separated name prefixes (R1,C201,X-n101)"
    )
    ap.add_argument("--modes", default="dimacs,hierarchical,cvrplib")
    ap.add_argument("--solvers", default="supplyline,ortools")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--workers",
        type=int,
        default=2,
        help="processes for the vehicles-first (hierarchical) search (the machine has 2 cores)",
    )
    ap.add_argument(
        "--overhead",
        default="R101,RC201,X-n401-k29",
        help="instances for the overhead check ('' to skip)",
    )
    ap.add_argument("--json", type=Path, help="also write every row as JSON here")
    args = ap.parse_args()
    print(
        f"routing benchmark  {time.strftime('%Y-%m-%d %H:%M:%S')}  "
        f"time limit {args.time_limit:g} s/instance, hierarchical workers {args.workers}"
    )
    sol_bks, x_bks = load_bks()
    if not reproduce_bks(sol_bks, x_bks):
        print("checker does not reproduce the published solutions: results not trustworthy")
        return 1
    wanted = [w for w in args.instances.split(",") if w]
    solvers = [s for s in args.solvers.split(",") if s]
    rows: list[Row] = []
    print(
        f"\n{'instance':12s}{'mode':13s}{'solver':12s}{'veh':>4s}{'bks veh':>8s}{'distance':>11s}"
        f"{'bks':>10s}{'gap%':>8s}{'secs':>7s}  rejected"
    )
    for name, cls, mode, path, bv, bd in jobs(sol_bks, x_bks, args.modes.split(","), wanted):
        raw = parse_solomon(path) if path.suffix == ".txt" else parse_vrplib(path)
        for solver in solvers:
            if solver == "supplyline":
                routes, secs = run_supplyline(path, mode, args.time_limit, args.seed, args.workers)
            else:
                routes, secs = run_ortools(raw, mode, args.time_limit)
            v, d, g, why = evaluate(raw, routes, mode, bv, bd)
            row = Row(name, cls, mode, solver, v, d, g, bv, bd, secs, why)
            rows.append(row)
            print(
                f"{name:12s}{mode:13s}{solver:12s}{v if v is not None else '-':>4}{bv:8d}"
                f"{d if d is not None else float('nan'):11.2f}{bd:10.2f}"
                f"{g if g is not None else float('nan'):8.2f}{secs:7.2f}  {why}",
                flush=True,
            )
    summarise(rows)
    if args.overhead:
        overhead(args.time_limit, args.seed, [n for n in args.overhead.split(",") if n])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average now {load} (1/5/15 min); "
          "time-limited solvers find less on a loaded machine")  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (RSS) of the benchmark process: {peak_mb:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
