"""Check of the solver set-up on the Kennington PDS and KEN multicommodity-flow LPs.

The Kennington problems (netlib ``lp/data/kennington``) are military logistics
multicommodity network-flow LPs, the family the movement plan belongs to. Each MPS file is
decompressed, read by highspy, solved with HiGHS (defaults and the methods supplyline
uses), and its objective compared with the published optimum in
``kennington_optima.csv``. A mismatch means the solver set-up, not the model, is wrong.

Run: ``.venv/bin/python benchmarks/kennington.py [--problems PDS-02,KEN-07]
[--methods defaults,simplex,ipm] [--time-limit 300] [--dir DIR]``. By default the small
four (PDS-02, PDS-06, KEN-07, KEN-11) with HiGHS defaults; add PDS-10/PDS-20 by name.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import datetime as dt
import os
import platform
import tempfile
import time
from pathlib import Path

DATA = Path("/work/shared/benchmarks/kennington")
METHODS = {
    "defaults": {},
    "simplex": {"solver": "simplex"},
    "ipm": {"solver": "ipm", "run_crossover": "on"},
    "ipm-nocrossover": {"solver": "ipm", "run_crossover": "off"},
    "hipo": {"solver": "hipo", "run_crossover": "on"},
}


def _highs() -> object:
    """A silent Highs instance: the library's own (it hides the banner of a process's first)."""
    from supplyline.planning.highs import new_highs

    return new_highs()


def solve(mps: Path, method: str, time_limit: float) -> tuple[str, float, float, float, int]:
    """Read and solve one problem: (status, objective, read s, solve s, columns)."""
    h = _highs()
    h.setOptionValue("time_limit", float(time_limit))  # type: ignore[attr-defined]
    for key, value in METHODS[method].items():
        h.setOptionValue(key, value)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / mps.name.removesuffix(".bz2")
        began = time.perf_counter()
        plain.write_bytes(bz2.decompress(mps.read_bytes()))
        h.readModel(str(plain))  # type: ignore[attr-defined]
        read_s = time.perf_counter() - began
    began = time.perf_counter()
    h.run()  # type: ignore[attr-defined]
    solve_s = time.perf_counter() - began
    status = h.modelStatusToString(h.getModelStatus())  # type: ignore[attr-defined]
    objective = float(h.getInfo().objective_function_value)  # type: ignore[attr-defined]
    columns = int(h.getNumCol())  # type: ignore[attr-defined]
    return status, objective, read_s, solve_s, columns


def main(argv: list[str] | None = None) -> None:
    """Solve the chosen problems with the chosen methods; print figures and agreement."""
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--problems", default="PDS-02,PDS-06,KEN-07,KEN-11")
    parser.add_argument("--methods", default="defaults")
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--dir", type=Path, default=DATA)
    args = parser.parse_args(argv)
    with (args.dir / "kennington_optima.csv").open(newline="", encoding="utf-8") as f:
        optima = {row["name"]: row for row in csv.DictReader(f)}
    wanted = [p.strip().upper() for p in args.problems.split(",") if p.strip()]
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for name in wanted:
        if name not in optima:
            parser.error(f"unknown problem {name!r}; known: {', '.join(optima)}")
    for method in methods:
        if method not in METHODS:
            parser.error(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    print(
        f"# Kennington LPs, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; time limit {args.time_limit:.0f} s"
    )
    head = (
        "problem",
        "method",
        "columns",
        "status",
        "read s",
        "solve s",
        "objective",
        "published",
        "rel. diff",
    )
    print("  ".join(head))
    worst = 0.0
    for name in wanted:
        row = optima[name]
        published = float(row["optimal_value_netlib"])
        for method in methods:
            status, objective, read_s, solve_s, columns = solve(
                args.dir / row["file"], method, args.time_limit
            )
            rel = abs(objective - published) / abs(published)
            if status == "Optimal":
                worst = max(worst, rel)
            print(
                f"{name}  {method}  {columns:,}  {status}  {read_s:.2f}  {solve_s:.2f}  "
                f"{objective:.10e}  {published:.7e}  {rel:.1e}",
                flush=True,
            )
    # the published optima have 8 significant digits: agreement to 1e-7 is all one can ask
    verdict = "agree" if worst <= 1e-7 else "DISAGREE"
    print(f"# worst relative difference of an optimal solve: {worst:.1e} ({verdict} to 1e-7)")


if __name__ == "__main__":
    main()
