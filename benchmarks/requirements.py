"""Time the requirements computation at 10,000 units × 20 commodities × 180 days.

Prints sizes, seconds (best of --repeat runs), peak memory, and the ratio against a
per-unit loop (the obvious way to write it: one small numpy computation per unit, for
the consumption and the days-of-supply build-up alike), both measured in this run.

Usage: python benchmarks/requirements.py [--units 10000] [--commodities 20] [--days 180]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import time
import tracemalloc

import numpy as np

from supplyline.domain import (
    ActivityPeriod,
    Commodity,
    DemandUnit,
    Location,
    LocationKind,
    Partner,
    Scenario,
    SupplyClass,
    Unit,
    VehicleClass,
)
from supplyline.domain.targets import held_from
from supplyline.io.factors import default_factors
from supplyline.requirements import activity_matrix, compute_requirements
from supplyline.requirements.compute import _targets
from supplyline.requirements.rates import resolve_rates


def synthetic(n_units: int, n_commodities: int, n_days: int, seed: int = 7) -> Scenario:
    """A seeded scenario with varied personnel, vehicles, arrival days and activity."""
    rng = np.random.default_rng(seed)
    classes = tuple(
        VehicleClass(
            id=f"v{k}",
            name=f"class {k}",
            fuel_l_per_100km=float(10 + 10 * k),
            km_per_day=float(50 + 25 * k),
        )
        for k in range(4)
    )
    commodities = []
    for c in range(n_commodities):
        kind = c % 4
        commodities.append(
            Commodity(
                id=f"c{c}",
                name=f"commodity {c}",
                supply_class=SupplyClass.GENERAL,
                demand_unit=DemandUnit.L if kind in (1, 3) else DemandUnit.KG,
                per_person_per_day="food.wfp.full_ration_net_kg_ppd"
                if kind == 0
                else (float(rng.uniform(1, 30)) if kind == 1 else None),
                per_vehicle_per_day=float(rng.uniform(0.5, 5)) if kind == 2 else None,
                vehicle_fuel=kind == 3,
                kg_per_demand_unit=0.84 if kind == 3 else 1.0,
                activity_scaled=bool(c % 2),
            )
        )
    levels = ["low", "normal", "high", "surge"]
    units = []
    for u in range(n_units):
        required = int(rng.integers(0, n_days // 3))
        starts = sorted({required, *rng.integers(required, n_days, 3).tolist()})
        units.append(
            Unit(
                id=f"u{u}",
                name=f"unit {u}",
                partner="p",
                home="x",
                destination="x",
                personnel=int(rng.integers(50, 1500)),
                vehicles={f"v{k}": int(rng.integers(0, 60)) for k in range(4)},
                available_day=0,
                required_day=required,
                days_of_supply=float(rng.integers(0, 10)),
                activity=tuple(
                    ActivityPeriod(start_day=s, level=levels[int(rng.integers(0, 4))])
                    for s in starts
                ),
            )
        )
    return Scenario(
        name="bench",
        start_date=dt.date(2027, 1, 1),
        horizon_days=n_days,
        partners=(Partner(id="p", name="P"),),
        commodities=tuple(commodities),
        vehicle_classes=classes,
        units=tuple(units),
        locations=(
            Location(id="x", name="X", partner="p", kind=LocationKind.UNIT_AREA, lat=0.0, lon=0.0),
        ),
    )


def per_unit_loop(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """The peer: the same consumption and days-of-supply build-up, one unit at a time.

    The build-up goes through the same steps (targets over the days ahead, falling no
    faster than eaten, day-to-day changes) on one unit's arrays.
    """
    factors = default_factors()
    rates = resolve_rates(scenario, factors)
    act = activity_matrix(scenario)
    classes = [k.id for k in scenario.vehicle_classes]
    n_d = scenario.horizon_days
    out = np.zeros((len(scenario.units), len(scenario.commodities), n_d))
    build = np.zeros_like(out)
    for u, unit in enumerate(scenario.units):
        veh = np.array([unit.vehicles.get(k, 0) for k in classes], dtype=float)
        personal = unit.personnel * rates.per_person_kg
        flat = np.where(rates.scaled, 0.0, personal)
        scaled = np.where(rates.scaled, personal, 0.0) + veh.sum() * rates.per_vehicle_kg
        scaled = scaled + rates.fuel_kg @ veh
        present = (np.arange(n_d) >= unit.required_day).astype(float)
        out[u] = (np.outer(flat, present) + np.outer(scaled, present * act[u])) / 1000
        if unit.days_of_supply > 0 and unit.required_day < n_d:
            basis = np.stack([present, present * act[u]])[None]  # [1, 2, day]
            kg_to_t = np.stack([flat, scaled], axis=1)[None] / 1000.0  # [1, commodity, 2]
            target = _targets(basis, kg_to_t, np.array([unit.days_of_supply]))
            build[u] = held_from(target, out[u][None], np.array([unit.required_day]))[0]
    return out, build


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--units", type=int, default=10_000, help="units in the synthetic scenario")
    parser.add_argument("--commodities", type=int, default=20, help="commodities")
    parser.add_argument("--days", type=int, default=180, help="days in the horizon")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each, best kept")
    args = parser.parse_args()

    scenario = synthetic(args.units, args.commodities, args.days)
    factors = default_factors()
    compute_requirements(scenario, factors)  # warm-up: imports, caches

    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        demand = compute_requirements(scenario, factors)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    compute_requirements(scenario, factors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    t0 = time.perf_counter()
    reference, reference_build = per_unit_loop(scenario)
    loop_s = time.perf_counter() - t0
    assert np.allclose(reference, demand.consumption_t), "peer disagrees with the vectorised result"
    assert np.allclose(reference_build, demand.buildup_t), "peer's build-up disagrees"

    cells = args.units * args.commodities * args.days
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, date {dt.date.today()}"
    )
    print(
        f"size: {args.units} units x {args.commodities} commodities x {args.days} days "
        f"= {cells:,} cells"
    )
    print(
        f"compute_requirements: best {min(times):.3f} s, median "
        f"{sorted(times)[len(times) // 2]:.3f} s over {args.repeat} runs"
    )
    print(
        f"peak traced memory: {peak / 2**20:.0f} MiB "
        f"(process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)"
    )
    print(
        f"peer (per-unit loop, same result): {loop_s:.3f} s -> "
        f"vectorised is {loop_s / min(times):.1f}x faster"
    )
    print(f"total demand: {demand.total_t.sum():,.0f} t")


if __name__ == "__main__":
    main()
