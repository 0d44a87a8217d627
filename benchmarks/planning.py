"""Benchmark of the movement-plan LP against two peers, on seeded synthetic operations.

For each family (corridor, mesh) and size (S, I; M on request) it runs, each in a fresh
process so that peak memory is its own:

* **ours** — ``plan_movements`` end to end (prune, build, solve, extract, bottlenecks);
* **naive** — the full time-expanded LP (every arc × flow × day, ``prune=False``), built by
  the same builder and solved with HiGHS defaults (what the issue calibrated);
* **pyomo** — the same LP (our pruned rows and columns) built as a Pyomo model, one
  ``Constraint`` rule per row, and solved through Pyomo's appsi HiGHS interface (S and I).
  The build ratio is timed side by side in that process, timeit-style: each build
  repeated 5 times in a row, best kept; the first (cold) builds are printed too;
* with ``--gains``, the speed measures apart: pruning alone (naive model, our solver
  choice), solver choice alone (pruned model, HiGHS defaults), objective scaling alone
  (ours with ``PlanParams(scale_objective=False)``), the block start alone (ours with
  ``PlanParams(block_start=False)``: a cold dual simplex), starting flows of the same
  shape from one another (``PlanParams(alike_start=False)``: every flow apart cold), and
  with ``--methods``
  every HiGHS method on the pruned model, and our choice with presolve off.

"End-to-end" compares like with like: build + solve + extract for ours (the bottleneck
explanation, which re-solves, is shown apart as "explain s"), build + solve for the peers.
A build ends when HiGHS holds the model (the hand-over counts, for ours and the naive
peer); our extraction starts when HiGHS has the solution (copying it out counts).

Run: ``.venv/bin/python benchmarks/planning.py [--sizes S,I] [--families corridor,mesh]
[--time-limit 300] [--skip-pyomo] [--gains] [--methods] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import math
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _instance(family: str, size: str, seed: int) -> tuple[Any, Any]:
    from _synthetic import SIZES, generate

    return generate(family, SIZES[size], seed)


WARM_RERUN_BELOW_S = 60.0
"""Plans that took less than this are planned a second time in the same process."""


def job_ours(
    family: str,
    size: str,
    seed: int,
    time_limit: float,
    method: str,
    prune: bool = True,
    presolve: bool = True,
    scale_objective: bool = True,
    block_start: bool = True,
    alike_start: bool = True,
) -> Row:
    """Our planner end to end, as a user runs it (or with one speed measure turned off)."""
    from dataclasses import replace

    from supplyline.planning.params import PlanParams
    from supplyline.planning.solve import plan_movements

    scenario, demand = _instance(family, size, seed)
    base = _peak_mb()
    params = PlanParams(
        time_limit_s=time_limit,
        method=method,
        prune=prune,
        presolve=presolve,
        scale_objective=scale_objective,
        block_start=block_start,
        alike_start=alike_start,
    )
    began = time.perf_counter()
    plan = plan_movements(scenario, demand, params)
    wall = time.perf_counter() - began
    st = plan.stats
    explain = float(getattr(st, "explain_s", 0.0))
    # the same plan again in this process, as a server plans (bottlenecks left out: they
    # come after extraction and change none of the shares); skipped for long runs
    warm_share = None
    if wall < WARM_RERUN_BELOW_S and plan.status.value == "optimal":
        again = plan_movements(scenario, demand, replace(params, explain_top=0)).stats
        warm_share = (again.build_s + again.extract_s) / (
            again.build_s + again.solve_s + again.extract_s
        )
    return {
        "warm_share": warm_share,
        "highs_part_s": _highs_part(plan_params=params, scenario=scenario, demand=demand)
        if wall < WARM_RERUN_BELOW_S and method == "auto" and prune
        else None,
        "run": ("ours" if method == "auto" else f"ours {method}")
        + ("" if prune else " full")
        + ("" if presolve else " no-presolve")
        + ("" if scale_objective else " unscaled")
        + ("" if block_start else " cold")
        + ("" if alike_start else " flows cold"),
        "status": plan.status.value,
        "cols": st.columns,
        "rows": st.rows,
        "nnz": st.nonzeros,
        "build_s": st.build_s,
        "solve_s": st.solve_s,
        "start_s": st.start_s,
        "extract_s": st.extract_s,
        "explain_s": explain,
        "plan_s": st.build_s + st.solve_s + st.extract_s,
        "wall_s": wall,
        "peak_mb": _peak_mb(),
        "base_mb": base,
        "objective": plan.objective,
        "method": st.method,
        "short_t": plan.total_short_t,
        "demand_t": float(demand.total_t.sum()),
    }


def _highs_part(*, plan_params: Any, scenario: Any, demand: Any) -> float:
    """Seconds HiGHS itself takes to take our model and hand a solution's values back.

    Part of our build (``passModel`` copies the arrays in) and our extraction (the values
    come back as a Python list: HiGHS issue #1590), whatever builds the model: the floor
    under the build + extract share. Measured after the plan, in the same process, on a
    new HiGHS (warm code: at least what the plan paid), with a zero solution set to copy.
    """
    import highspy
    import numpy as np

    from supplyline.planning.assemble import build_model, prepare
    from supplyline.planning.highs import new_highs, pass_lp

    model = build_model(prepare(scenario, demand, plan_params))
    h = new_highs()
    began = time.perf_counter()
    pass_lp(h, model)
    handover = time.perf_counter() - began
    solution = highspy.HighsSolution()
    solution.col_value = np.zeros(model.num_cols)
    h.setSolution(solution)
    began = time.perf_counter()
    values = h.getSolution().col_value
    np.fromiter(values, dtype=np.float64, count=len(values))
    return handover + time.perf_counter() - began


def _highs_solve(
    model: Any, options: dict[str, Any], time_limit: float
) -> tuple[str, float, float, float]:
    """Solve an LpModel with plain highspy and the given options.

    Returns status, objective, solve seconds and hand-over seconds (``passModel``, which
    ends the build here as in ours).

    The LP is handed over exactly as the planner hands it (``pass_lp``), unscaled, to a
    silent instance; only the options differ.
    """
    from supplyline.planning.highs import new_highs, pass_lp

    h = new_highs()
    h.setOptionValue("time_limit", float(time_limit))
    for key, value in options.items():
        h.setOptionValue(key, value)
    began = time.perf_counter()
    pass_lp(h, model)
    handed = time.perf_counter()
    h.run()
    elapsed = time.perf_counter() - handed
    status = h.modelStatusToString(h.getModelStatus())
    objective = h.getInfo().objective_function_value
    return status, float(objective), elapsed, handed - began


def job_highs(family: str, size: str, seed: int, time_limit: float, prune: bool) -> Row:
    """Build with or without pruning, and solve with HiGHS defaults (only a time limit)."""
    from supplyline.planning.params import PlanParams
    from supplyline.planning.solve import build

    scenario, demand = _instance(family, size, seed)
    base = _peak_mb()
    began = time.perf_counter()
    _, model = build(scenario, demand, PlanParams(prune=prune))
    build_s = time.perf_counter() - began
    status, objective, solve_s, pass_s = _highs_solve(model, {}, time_limit)
    build_s += pass_s
    return {
        "run": "pruned defaults" if prune else "naive",
        "status": status,
        "cols": model.num_cols,
        "rows": model.num_rows,
        "nnz": model.num_nonzeros,
        "build_s": build_s,
        "solve_s": solve_s,
        "plan_s": build_s + solve_s,
        "wall_s": build_s + solve_s,
        "peak_mb": _peak_mb(),
        "base_mb": base,
        "objective": objective,
    }


BUILD_REPEATS = 5


def _pyomo_model(
    pyo: Any,
    model: Any,
    indptr: list[int],
    index: list[int],
    value: list[float],
    lower: list[float],
    upper: list[float],
    row_lo: list[float],
    row_up: list[float],
    cost: list[float],
) -> Any:
    """Our LP as a Pyomo ConcreteModel: one Constraint rule per row, as a Pyomo user writes it."""
    import numpy as np

    m = pyo.ConcreteModel()
    m.J = pyo.RangeSet(0, model.num_cols - 1)
    m.R = pyo.RangeSet(0, model.num_rows - 1)
    m.x = pyo.Var(m.J, bounds=lambda _, j: (lower[j], None if math.isinf(upper[j]) else upper[j]))

    def row_rule(mm: Any, i: int) -> Any:
        start, end = indptr[i], indptr[i + 1]
        if start == end:
            return pyo.Constraint.Skip
        expr = pyo.quicksum(value[k] * mm.x[index[k]] for k in range(start, end))
        lo, up = row_lo[i], row_up[i]
        if lo == up:
            return expr == lo
        return (None if math.isinf(lo) else lo, expr, None if math.isinf(up) else up)

    m.c = pyo.Constraint(m.R, rule=row_rule)
    nz = np.flatnonzero(model.cost).tolist()
    m.obj = pyo.Objective(expr=pyo.quicksum(cost[j] * m.x[j] for j in nz) + model.offset)
    return m


def job_pyomo(family: str, size: str, seed: int, time_limit: float) -> Row:
    """The same LP built as a Pyomo model and solved through Pyomo's appsi HiGHS."""
    import pyomo.environ as pyo

    from supplyline.planning.params import PlanParams
    from supplyline.planning.solve import build

    scenario, demand = _instance(family, size, seed)
    began = time.perf_counter()
    _, model = build(scenario, demand, PlanParams())
    ours_first = time.perf_counter() - began
    base = _peak_mb()
    csr = model.matrix.tocsr()
    indptr, index, value = csr.indptr.tolist(), csr.indices.tolist(), csr.data.tolist()
    lower, upper = model.col_lower.tolist(), model.col_upper.tolist()
    row_lo, row_up = model.row_lower.tolist(), model.row_upper.tolist()
    cost = model.cost.tolist()
    # timeit-style, side by side in this process: each build repeated BUILD_REPEATS times
    # in a row, best kept (the first build of each is reported too, cold)
    ours_best = pyomo_best = pyomo_first = math.inf
    for _ in range(BUILD_REPEATS):
        began = time.perf_counter()
        build(scenario, demand, PlanParams())
        ours_best = min(ours_best, time.perf_counter() - began)
    for i in range(BUILD_REPEATS):
        began = time.perf_counter()
        m = _pyomo_model(pyo, model, indptr, index, value, lower, upper, row_lo, row_up, cost)
        took = time.perf_counter() - began
        pyomo_first = took if i == 0 else pyomo_first
        pyomo_best = min(pyomo_best, took)
    from pyomo.contrib.appsi.solvers.highs import Highs

    solver = Highs()

    solver.config.time_limit = time_limit
    solver.config.load_solution = False
    began = time.perf_counter()
    solver.set_instance(m)  # Pyomo's hand-over of the model to HiGHS
    handover_s = time.perf_counter() - began
    for key in solver.update_config:  # nothing changed since: do not look for changes
        if key.startswith(("check_", "update_")):
            setattr(solver.update_config, key, False)
    began = time.perf_counter()
    result = solver.solve(m)
    solve_s = time.perf_counter() - began
    optimal = str(result.termination_condition).rsplit(".", 1)[-1]
    return {
        "run": "pyomo",
        "status": optimal,
        "handover_s": handover_s,
        "ours_build_best_s": ours_best,
        "ours_build_first_s": ours_first,
        "pyomo_build_first_s": pyomo_first,
        "cols": model.num_cols,
        "rows": model.num_rows,
        "nnz": model.num_nonzeros,
        "build_s": pyomo_best,
        "solve_s": solve_s,
        "plan_s": pyomo_best + handover_s + solve_s,
        "wall_s": pyomo_best + handover_s + solve_s,
        "peak_mb": _peak_mb(),
        "base_mb": base,
        "objective": float(result.best_feasible_objective)
        if result.best_feasible_objective is not None
        else float("nan"),
    }


def _isolated(fn: Callable[..., Row], *args: Any) -> Row:
    """Run one job in a fresh process (its own peak memory; a crash does not stop the rest)."""
    context = mp.get_context("spawn")
    began = time.perf_counter()
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            row = pool.submit(fn, *args).result()
        except Exception as error:  # report and go on: one failed peer is a figure too
            row = {"run": fn.__name__.removeprefix("job_"), "status": f"failed: {error!r}"}
    print(
        f"  … {row['run']}: {row['status']} ({time.perf_counter() - began:.0f} s)", file=sys.stderr
    )
    return row


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f} %"


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return f"{value:,.{digits}f}" if abs(value) < 1e9 else f"{value:.6e}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


_COLUMNS = (
    ("run", "run", 0),
    ("status", "status", 0),
    ("cols", "cols", 0),
    ("rows", "rows", 0),
    ("nnz", "nonzeros", 0),
    ("build_s", "build s", 3),
    ("solve_s", "solve s", 2),
    ("start_s", "of which start s", 2),
    ("extract_s", "extract s", 3),
    ("explain_s", "explain s", 2),
    ("handover_s", "hand-over s", 2),
    ("plan_s", "end-to-end s", 2),
    ("peak_mb", "peak MB", 0),
    ("objective", "objective", 2),
)


def _print_table(rows: list[Row]) -> None:
    cells = [[head for _, head, _ in _COLUMNS]]
    for r in rows:
        cells.append([_fmt(r.get(key), digits) for key, _, digits in _COLUMNS])
    widths = [max(len(row[i]) for row in cells) for i in range(len(_COLUMNS))]
    for n, row in enumerate(cells):
        print(
            "  "
            + "  ".join(
                c.rjust(w) if n and i > 1 else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def _ratio(num: float | None, den: float | None) -> str:
    if not num or not den:
        return "-"
    return f"{num / den:,.1f}×"


def _rel(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not (math.isfinite(a) and math.isfinite(b)):
        return None
    return abs(a - b) / max(1.0, abs(b))


def _instance_report(family: str, size: str, runs: list[Row], time_limit: float) -> Row:
    by = {r["run"]: r for r in runs}
    ours, naive, pyomo = by.get("ours", {}), by.get("naive", {}), by.get("pyomo", {})
    out: Row = {"instance": f"{family}-{size}"}
    if ours.get("status") not in ("optimal", "feasible"):
        print(f"  ours found no plan ({ours.get('status')}): no ratio can be taken")
        return out
    if ours.get("plan_s"):
        overhead = ours["build_s"] + ours["extract_s"]
        out["overhead_share"] = overhead / ours["plan_s"]
        print(
            f"  build + extract = {overhead:.3f} s = {100 * out['overhead_share']:.1f} % of "
            f"build+solve+extract in a fresh process (target ≤ 5 %); the same plan again in "
            f"that process: {_percent(ours.get('warm_share'))}; method {ours.get('method')}; "
            f"short {ours['short_t']:,.1f} t of {ours['demand_t']:,.1f} t demanded"
        )
        if ours.get("highs_part_s") is not None:
            part = ours["highs_part_s"]
            print(
                f"  of which HiGHS taking the model and handing the values back (no builder "
                f"avoids it; measured after, warm): {1000 * part:.1f} ms = "
                f"{100 * part / ours['plan_s']:.1f} % of the plan"
            )
    if naive.get("plan_s") and ours.get("plan_s"):
        done = naive["status"] == "Optimal"
        out["naive_speedup"] = naive["plan_s"] / ours["plan_s"]
        out["naive_done"] = done
        print(
            f"  naive / ours end-to-end: {'' if done else '≥ '}"
            f"{_ratio(naive['plan_s'], ours['plan_s'])} "
            f"(naive {naive['status']} in {naive['plan_s']:.1f} s"
            f"{'' if done else f', time limit {time_limit:.0f} s'}); columns "
            f"{_ratio(naive['cols'], ours['cols'])} fewer; objective rel. diff "
            f"{_fmt(_rel(naive.get('objective'), ours.get('objective')), 9)}"
        )
    if pyomo.get("build_s") and ours.get("build_s"):
        ours_build = pyomo.get("ours_build_best_s") or ours["build_s"]
        out["pyomo_build_ratio"] = pyomo["build_s"] / ours_build
        rel = _rel(pyomo.get("objective"), ours.get("objective"))
        out["pyomo_agrees"] = rel is not None and rel <= 1e-6
        with_handover = pyomo["build_s"] + pyomo.get("handover_s", 0.0)
        print(
            f"  pyomo build + hand-over to HiGHS / our build: "
            f"{_ratio(with_handover, ours_build)} (builds best of {BUILD_REPEATS} in a row each, "
            f"one process: pyomo {pyomo['build_s']:.3f} s, ours {ours_build:.4f} s; first "
            f"builds, cold: pyomo {pyomo.get('pyomo_build_first_s', math.nan):.3f} s, ours "
            f"{pyomo.get('ours_build_first_s', math.nan):.4f} s, "
            f"{_ratio(pyomo.get('pyomo_build_first_s'), pyomo.get('ours_build_first_s'))})"
        )
        print(
            f"  pyomo build / ours: {_ratio(pyomo['build_s'], ours_build)} "
            f"(target ≥ 50×); objective rel. diff {_fmt(rel, 9)} "
            f"({'agrees' if out['pyomo_agrees'] else 'DISAGREES'} to 1e-6)"
        )
    full_ours, pruned_defaults = by.get("ours full"), by.get("pruned defaults")
    if full_ours and full_ours.get("plan_s") and ours.get("plan_s"):
        print(
            f"  gain of pruning (same solver choice): {_ratio(full_ours['plan_s'], ours['plan_s'])}"
        )
    unscaled = by.get("ours unscaled")
    if unscaled and unscaled.get("plan_s") and ours.get("plan_s"):
        print(
            "  gain of objective scaling (same model and method): "
            f"{_ratio(unscaled['plan_s'], ours['plan_s'])}"
        )
    cold = by.get("ours cold")
    if cold and cold.get("plan_s") and ours.get("plan_s"):
        print(
            "  gain of the block start (same model and method, cold dual simplex): "
            f"{_ratio(cold['plan_s'], ours['plan_s'])}"
        )
    flows_cold = by.get("ours flows cold")
    if flows_cold and flows_cold.get("plan_s") and ours.get("plan_s"):
        print(
            "  gain of starting flows of the same shape from one another (block start "
            f"otherwise the same): {_ratio(flows_cold['plan_s'], ours['plan_s'])}"
        )
    if pruned_defaults and pruned_defaults.get("plan_s") and ours.get("plan_s"):
        print(
            f"  gain of solver choice (same pruned model): "
            f"{_ratio(pruned_defaults['plan_s'], ours['plan_s'])}"
        )
    return out


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default="S,I",
        help="comma-separated: S (50 places, 30 days), I (100, 60), M (500, 60)",
    )
    parser.add_argument(
        "--families",
        default="corridor,mesh",
        help="comma-separated: corridor (operations: long corridors, gauge breaks, road trees), "
        "mesh (dense road meshes, harder for the solver)",
    )
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds per solve")
    parser.add_argument("--skip-pyomo", action="store_true", help="leave out the Pyomo peer")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the naive LP peer")
    parser.add_argument("--gains", action="store_true", help="measure pruning and method apart")
    parser.add_argument("--methods", action="store_true", help="every HiGHS method, pruned")
    parser.add_argument("--seed", type=int, default=1, help="of the synthetic scenarios")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="plan with ours this many times, each in a fresh process, and judge build + "
        "extract by the median share (one fresh run varies by 2x on a shared machine)",
    )
    args = parser.parse_args(argv)
    args.sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    args.families = [f.strip() for f in args.families.split(",") if f.strip()]
    for s in args.sizes:
        if s not in ("S", "I", "M"):
            parser.error(f"unknown size {s!r} (S, I or M)")
    for f in args.families:
        if f not in ("corridor", "mesh"):
            parser.error(f"unknown family {f!r} (corridor or mesh)")
    return args


def _run_instance(family: str, size: str, args: argparse.Namespace) -> Row:
    scenario, demand = _instance(family, size, args.seed)
    arcs = sum(2 if link.bidirectional else 1 for link in scenario.links)
    deploying = sum(u.deploys for u in scenario.units)
    print(
        f"\n## {family}-{size}: {len(scenario.locations)} locations, {arcs} arcs "
        f"({len(scenario.links)} links), {len(demand.commodity_ids)} commodities, "
        f"{demand.horizon_days} days, {len(scenario.units)} units ({deploying} deploying)"
    )
    common = (family, size, args.seed, args.time_limit)
    runs = [_isolated(job_ours, *common, "auto")]
    if not args.skip_naive:
        runs.append(_isolated(job_highs, *common, False))
    if not args.skip_pyomo and size != "M":
        runs.append(_isolated(job_pyomo, *common))
    if args.gains:
        runs.append(_isolated(job_ours, *common, "auto", False))
        runs.append(_isolated(job_highs, *common, True))
        runs.append(_isolated(job_ours, *common, "auto", True, True, False))
        runs.append(_isolated(job_ours, *common, "auto", True, True, True, False))
        runs.append(_isolated(job_ours, *common, "auto", True, True, True, True, False))
    if args.methods:
        for method in ("simplex", "ipm", "ipm-nocrossover", "hipo"):
            runs.append(_isolated(job_ours, *common, method))
        runs.append(_isolated(job_ours, *common, "auto", True, False))
    _print_table(runs)
    report = _instance_report(family, size, runs, args.time_limit)
    if args.repeat > 1 and "overhead_share" in report:
        _repeat_ours(report, [_isolated(job_ours, *common, "auto") for _ in range(args.repeat - 1)])
    sys.stdout.flush()
    return report


def _repeat_ours(report: Row, again: list[Row]) -> None:
    """The share of build + extract over several fresh runs; the median is what is judged."""
    shares = [report["overhead_share"]] + [
        (r["build_s"] + r["extract_s"]) / r["plan_s"] for r in again if r.get("plan_s")
    ]
    report["overhead_share"] = statistics.median(shares)
    print(
        f"  build + extract over {len(shares)} fresh runs: "
        + ", ".join(f"{100 * x:.1f}" for x in sorted(shares))
        + f" %; median {100 * report['overhead_share']:.1f} % (judged)"
    )


def _verdict(targeted: bool, ok: bool, *, still_open: bool = False) -> str:
    if not targeted:
        return "reported"
    return "open" if still_open else ("met" if ok else "MISSED")


def _print_targets(summary: list[Row]) -> None:
    """Each target where the issue sets it; mesh figures are reported, not targeted."""
    print("\n## targets (mesh: reported, not targeted; naive / ours: a target on corridor-I)")
    for s in summary:
        targeted = s["instance"].startswith("corridor")
        share = s.get("overhead_share")
        parts = [s["instance"]]
        if share is not None:
            parts.append(
                f"build+extract {100 * share:.1f} % of end-to-end (≤ 5 %) "
                + _verdict(targeted, share <= 0.05)
            )
        if "pyomo_build_ratio" in s:
            r = s["pyomo_build_ratio"]
            parts.append(f"pyomo build / ours {r:,.1f}× (≥ 50×) {_verdict(targeted, r >= 50)}")
        if "naive_speedup" in s:
            r = s["naive_speedup"]
            bound = "" if s["naive_done"] else "≥ "
            if s["instance"] == "corridor-I":
                tag = _verdict(targeted, r >= 4, still_open=r < 4 and not s["naive_done"])
                parts.append(f"naive / ours {bound}{r:,.1f}× (≥ 4×) {tag}")
            else:
                parts.append(f"naive / ours {bound}{r:,.1f}× (reported)")
        print("  " + "; ".join(parts))


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run every instance and peer, print the figures."""
    from supplyline.planning import highs_version

    args = _parse(argv)
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# planning benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"# machine: {platform.machine()}, {os.cpu_count()} cores, {memory_gib:.0f} GiB; "
        f"Python {platform.python_version()}; HiGHS {highs_version()}"
    )
    print(
        f"# seed {args.seed}; time limit {args.time_limit:.0f} s per solve; each run in a "
        "fresh process; peak MB = that process's max RSS (Python, numpy and HiGHS)"
    )
    summary = [_run_instance(f, s, args) for f in args.families for s in args.sizes]
    _print_targets(summary)


if __name__ == "__main__":
    main()
