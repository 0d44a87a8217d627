"""Time writing requirements_daily.csv: the block writer against the row-by-row one it replaced.

Both write the same seeded synthetic demand (the requirements benchmark's scenario, 500
units x 20 commodities x 180 days by default, about 1.5 M rows) in one run, side by side;
the script checks that their files are byte for byte the same, then prints rows, seconds,
rows per second, the peak memory each writer adds, and the ratios. Each writer runs in a
fresh forked process, which starts from the same demand in memory: its peak resident
memory (``ru_maxrss``) less what it had at the start is what the writing took, measured
without tracing's slowdown of the timed run.

Usage: python benchmarks/requirements_write.py [--units 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from requirements import synthetic  # the requirements benchmark's seeded scenario
from supplyline.domain import Demand, to_deliver
from supplyline.io.csv_out import to_gram, write_csv
from supplyline.io.factors import default_factors
from supplyline.io.requirements_daily import DAILY_COLUMNS, write_daily_csv
from supplyline.requirements import compute_requirements, daily_rows

Writer = Callable[[Path, Demand, np.ndarray], object]


def row_by_row(path: Path, demand: Demand, deliver: np.ndarray) -> None:
    """The writer before: a dictionary per row, through csv's DictWriter."""
    write_csv(
        path,
        DAILY_COLUMNS,
        (
            {k: (to_gram(v) if isinstance(v, float) else v) for k, v in row.items()}
            for row in daily_rows(demand, deliver)
        ),
        ignore_extra=True,
    )


def in_blocks(path: Path, demand: Demand, deliver: np.ndarray) -> None:
    """The writer now (supplyline.io.requirements_daily)."""
    write_daily_csv(path, demand, deliver)


def _measure(writer: Writer, path: Path, demand: Demand, deliver: np.ndarray, out: Any) -> None:
    began_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    writer(path, demand, deliver)
    seconds = time.perf_counter() - began
    out.put((seconds, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - began_kib) / 1024))


def measured(
    writer: Writer, path: Path, demand: Demand, deliver: np.ndarray
) -> tuple[float, float]:
    """Seconds, and MiB of peak resident memory added, of one run in a forked process."""
    fork = mp.get_context("fork")
    out = fork.SimpleQueue()
    child = fork.Process(target=_measure, args=(writer, path, demand, deliver, out))
    child.start()
    seconds, mib = out.get()
    child.join()
    return seconds, mib


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--units", type=int, default=500, help="units in the synthetic scenario")
    parser.add_argument("--commodities", type=int, default=20, help="commodities")
    parser.add_argument("--days", type=int, default=180, help="days in the horizon")
    args = parser.parse_args()

    scenario = synthetic(args.units, args.commodities, args.days)
    demand = compute_requirements(scenario, default_factors())
    deliver = to_deliver(scenario, demand)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.csv", Path(tmp) / "new.csv"
        old_s, old_mib = measured(row_by_row, old, demand, deliver)
        new_s, new_mib = measured(in_blocks, new, demand, deliver)
        same = old.read_bytes() == new.read_bytes()
        rows = new.read_bytes().count(b"\r\n") - 1
        size_mib = new.stat().st_size / 2**20
    assert same, "the two writers' files differ"
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, date {dt.date.today()}"
    )
    print(
        f"size: {args.units} units x {args.commodities} commodities x {args.days} days: "
        f"{rows:,} rows, {size_mib:,.0f} MiB; files byte for byte the same"
    )
    for name, seconds, mib in (
        ("row by row (before)", old_s, old_mib),
        ("in blocks (now)", new_s, new_mib),
    ):
        print(
            f"{name:20} {seconds:7.2f} s  {rows / seconds:12,.0f} rows/s  "
            f"peak memory +{mib:,.0f} MiB"
        )
    print(f"ratio: in blocks is {old_s / new_s:.1f}x faster, {old_mib / new_mib:.0f}x less memory")


if __name__ == "__main__":
    main()
