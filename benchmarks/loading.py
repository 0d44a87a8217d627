"""Time loading and checking a large scenario folder, against parsing it without checks.

Builds a seeded synthetic scenario (by default 1,000 locations, 3,000 links, 2,000
units, 2,000 stocks), writes it with ``write_scenario``, and prints sizes, seconds (best
of --repeat runs) and peak memory of ``load_scenario_with_warnings`` and of
``write_scenario``, beside two peers measured in the same run on the same files:
the floor of parsing with no checks at all (``csv.DictReader`` + ``yaml.safe_load``) and,
when installed, ``pandas.read_csv`` + ``yaml.safe_load``.

Usage: python benchmarks/loading.py [--units 2000] [--locations 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from _timing import best
from supplyline.domain import (
    ActivityPeriod,
    Commodity,
    DemandUnit,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
    VehicleClass,
    check_scenario,
)
from supplyline.io import SCENARIO_FILES, load_scenario_with_warnings, write_scenario
from supplyline.services.scenarios import open_scenario


def synthetic(n_units: int, n_locations: int, seed: int = 11) -> Scenario:
    """A connected, valid scenario: a random tree of road links plus extra random links."""
    rng = np.random.default_rng(seed)
    locs = tuple(
        Location(
            id=f"loc-{i}",
            name=f"Location {i}",
            partner="host" if i % 3 else "visitor",
            kind=LocationKind.DEPOT if i % 10 == 0 else LocationKind.UNIT_AREA,
            lat=float(rng.uniform(30, 60)),
            lon=float(rng.uniform(-10, 80)),
            handling_t_per_day=float(rng.uniform(100, 2000)),
            storage_t=None,
        )
        for i in range(n_locations)
    )
    links = []
    for i in range(1, n_locations):
        j = int(rng.integers(0, i))
        links.append((f"loc-{j}", f"loc-{i}"))
    for _ in range(2 * n_locations):
        a, b = rng.choice(n_locations, size=2, replace=False)
        links.append((f"loc-{a}", f"loc-{b}"))
    link_objs = tuple(
        Link(
            id=f"link-{k}",
            origin=a,
            destination=b,
            mode=Mode.ROAD,
            distance_km=float(rng.uniform(5, 500)),
            transit_days=int(rng.integers(0, 3)),
            capacity_t_per_day=float(rng.uniform(50, 1000)),
            cost_per_t=float(rng.uniform(1, 20)),
            bidirectional=True,
            outage_days=frozenset(int(d) for d in rng.choice(90, size=int(rng.integers(0, 3)))),
        )
        for k, (a, b) in enumerate(links)
    )
    commodities = tuple(
        Commodity(
            id=f"c{k}",
            name=f"Commodity {k}",
            supply_class=SupplyClass.GENERAL,
            demand_unit=DemandUnit.KG,
            per_person_per_day=float(rng.uniform(0.1, 3)) if k else "food.mil.ration_3mre_kg_ppd",
        )
        for k in range(10)
    )
    units = tuple(
        Unit(
            id=f"unit-{u}",
            name=f"Unit {u}",
            partner="visitor",
            home="loc-0",
            destination=f"loc-{int(rng.integers(1, n_locations))}",
            personnel=int(rng.integers(50, 1000)),
            vehicles={"truck": int(rng.integers(0, 60))},
            available_day=0,
            required_day=int(rng.integers(0, 30)),
            deployment_lift_t=float(rng.uniform(0, 500)),
            activity=(
                ActivityPeriod(start_day=0, level="low"),
                ActivityPeriod(start_day=30, level="high"),
            ),
            days_of_supply=3.0,
        )
        for u in range(n_units)
    )
    stocks = tuple(
        Stock(
            location=f"loc-{i}", commodity=f"c{k}", initial_t=1000.0, replenishment_t_per_day=50.0
        )
        for i in range(0, n_locations, 5)
        for k in range(10)
    )
    return Scenario(
        name="loading benchmark",
        start_date=dt.date(2025, 1, 1),
        horizon_days=90,
        partners=(Partner(id="host", name="Host"), Partner(id="visitor", name="Visitor")),
        commodities=commodities,
        vehicle_classes=(
            VehicleClass(id="truck", name="Truck", fuel_l_per_100km=30.0, km_per_day=60.0),
        ),
        locations=locs,
        links=link_objs,
        units=units,
        stocks=stocks,
    )


def parse_stdlib(folder: Path) -> int:
    """Parse every file with no checks: csv.DictReader and yaml.safe_load."""
    rows = 0
    for name in SCENARIO_FILES:
        path = folder / name
        if name.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                rows += sum(1 for _ in csv.DictReader(fh))
        else:
            yaml.safe_load(path.read_text(encoding="utf-8"))
    return rows


def parse_pandas(folder: Path) -> int:
    """Parse every file with pandas.read_csv (and yaml.safe_load), no checks."""
    import pandas as pd  # an optional peer

    rows = 0
    for name in SCENARIO_FILES:
        path = folder / name
        if name.endswith(".csv"):
            rows += len(pd.read_csv(path))
        else:
            yaml.safe_load(path.read_text(encoding="utf-8"))
    return rows


def peak_mib(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--locations", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = synthetic(args.units, args.locations)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "big"
        t_write = best(lambda: write_scenario(scenario, folder), args.repeat)
        size = sum((folder / n).stat().st_size for n in SCENARIO_FILES)
        loaded, warnings = load_scenario_with_warnings(folder)
        assert loaded == scenario, "round trip failed"
        t_load = best(lambda: load_scenario_with_warnings(folder), args.repeat)
        mem_load = peak_mib(lambda: load_scenario_with_warnings(folder))
        t_checks = best(lambda: check_scenario(loaded), args.repeat)
        # what `validate` and `plan` open: also the arrival and capacity warnings
        t_open = best(lambda: open_scenario(folder), args.repeat)
        t_stdlib = best(lambda: parse_stdlib(folder), args.repeat)
        try:
            t_pandas: float | None = best(lambda: parse_pandas(folder), args.repeat)
        except ImportError:
            t_pandas = None
    print(f"machine: {platform.machine()} {platform.python_version()}, date {dt.date.today()}")
    print(
        f"scenario: {len(scenario.locations):,} locations, {len(scenario.links):,} links, "
        f"{len(scenario.units):,} units, {len(scenario.stocks):,} stocks; "
        f"files {size / 2**20:.1f} MiB; {len(warnings)} warnings"
    )
    print(f"load_scenario_with_warnings: {t_load:.3f} s (best of {args.repeat})")
    print(f"  peak memory (tracemalloc): {mem_load:.0f} MiB")
    print(f"  of which domain check_scenario: {t_checks:.3f} s")
    print(f"open_scenario (validate's load, with arrival and capacity warnings): {t_open:.3f} s")
    print(f"write_scenario:              {t_write:.3f} s")
    print(f"peer csv.DictReader+yaml:    {t_stdlib:.3f} s, load/peer = {t_load / t_stdlib:.1f}x")
    if t_pandas is not None:
        print(
            f"peer pandas.read_csv+yaml:   {t_pandas:.3f} s, load/peer = {t_load / t_pandas:.1f}x"
        )
    else:
        print("peer pandas.read_csv: not installed (pip install pandas)")


if __name__ == "__main__":
    main()
