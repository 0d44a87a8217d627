"""Time ``routes --single-trip`` before its search on days of thousands of small units.

A tester's generated days of more than 5,000 units took 14-18 s before the search began,
in the road matrix and the fitting of the loads. This builds such a day (seeded): three
depots of twenty 4 t trucks (single trip, 10 h), hubs on a road chain from the depots,
each unit's site on its own track from a hub (one in ten has no road: its km is an
estimate), loads of 0.05-1 t of food and fuel. Then it times what ``route_day`` does
before the search, stage by stage: the day's road matrix (``road_matrix``), the loads
fitted to the trucks (``plan_chunks``), those offered within the trucks' day
(``within_caps``) and the search's model (``build_problem``).

Each size runs in a process of its own, so that its peak memory (the process's maximum
resident set) is its own. Prints sizes, seconds of each stage and in all, and peak MB.

Usage: python benchmarks/routes_many.py [--units 1000,5000,10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import subprocess
import sys
import time

import numpy as np

from supplyline.domain import (
    Commodity,
    FleetGroup,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    RoutingOptions,
    Scenario,
    SupplyClass,
    Unit,
)
from supplyline.routing.day_model import build_problem
from supplyline.routing.fleet_cap import within_caps
from supplyline.routing.loads import plan_chunks
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import road_matrix

DEPOTS = 3
UNITS_PER_HUB = 50
_GOODS = (("food", SupplyClass.FOOD, 2), ("fuel", SupplyClass.FUEL, 1))


def _place(pid: str, kind: LocationKind, lon: float, lat: float) -> Location:
    return Location(id=pid, name=pid, partner="A", kind=kind, lat=lat, lon=lon)


def _road(a: str, b: str, km: float) -> Link:
    return Link(
        id=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD, distance_km=km,
        transit_days=0, bidirectional=True,
    )  # fmt: skip


def day_of(units: int, seed: int) -> tuple[Scenario, list[DeliveryRequest]]:
    """The seeded day of ``units`` units around the depots, and each unit's request."""
    rng = np.random.default_rng(seed)
    hubs = max(4, units // UNITS_PER_HUB)
    places = [
        _place(f"D{i}", LocationKind.DEPOT, 10.0 + 0.3 * i, 50.0 + 0.2 * (i % 2))
        for i in range(DEPOTS)
    ]
    links: list[Link] = []
    at = rng.uniform((9.8, 49.7), (11.0, 50.5), size=(hubs, 2))
    for h, (lon, lat) in enumerate(at):
        places.append(_place(f"H{h}", LocationKind.HUB, float(lon), float(lat)))
        links.append(_road(f"D{h % DEPOTS}", f"H{h}", round(float(rng.uniform(5, 30)), 1)))
        if h:
            links.append(_road(f"H{h - 1}", f"H{h}", round(float(rng.uniform(5, 30)), 1)))
    people: list[Unit] = []
    asks: list[DeliveryRequest] = []
    for u in range(units):
        h = int(rng.integers(hubs))
        lon, lat = at[h] + rng.normal(0.0, 0.03, 2)
        places.append(_place(f"P{u}", LocationKind.UNIT_AREA, float(lon), float(lat)))
        if rng.random() < 0.9:
            links.append(_road(f"H{h}", f"P{u}", round(float(rng.uniform(1, 8)), 1)))
        people.append(
            Unit(id=f"U{u}", name=f"U{u}", partner="A", home=f"P{u}", destination=f"P{u}",
                 personnel=100, receive_open_h=6.0, receive_close_h=18.0)
        )  # fmt: skip
        load = {"food": rng.uniform(0.05, 0.6), "fuel": rng.uniform(0.0, 0.4)}
        tonnes = {c: round(float(t), 3) for c, t in load.items()}
        asks.append(DeliveryRequest(unit=f"U{u}", location=f"P{u}", load_t=tonnes))
    trucks = tuple(
        FleetGroup(
            id=f"T{d}",
            depot=f"D{d}",
            partner="A",
            vehicle_type="truck",
            count=20,
            payload_t=4.0,
            speed_kmh=50.0,
            fixed_cost=100.0,
            cost_per_km=1.0,
            max_route_hours=10.0,
        )
        for d in range(DEPOTS)
    )
    scenario = Scenario(
        name=f"many-{units}-{seed}",
        start_date=dt.date(2025, 6, 1),
        horizon_days=1,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=tuple(
            Commodity(id=c, name=c, supply_class=k, priority=p, per_person_per_day=1.0)
            for c, k, p in _GOODS
        ),
        locations=tuple(places),
        links=tuple(links),
        units=tuple(people),
        fleet=trucks,
        routing=RoutingOptions(detour_factor=1.3, service_minutes=10.0),
    )
    return scenario, asks


def one(units: int, seed: int) -> str:
    """The stages of one size, timed, as a line (run in a process of its own)."""
    scenario, asks = day_of(units, seed)
    groups = list(scenario.fleet)
    secs: dict[str, float] = {}
    t0 = time.perf_counter()
    km = road_matrix(scenario, [*(g.depot for g in groups), *(r.location for r in asks)], day=0)
    secs["matrix"] = time.perf_counter() - t0
    t = time.perf_counter()
    chunks, left, bounds = plan_chunks(
        asks, groups, km, scenario, multi_trip=False, day=0, pinned=[None] * len(asks)
    )
    secs["fit"] = time.perf_counter() - t
    t = time.perf_counter()
    service_h = scenario.routing.service_minutes / 60
    offered, _ = within_caps(chunks, bounds, groups, km, service_h)
    secs["offer"] = time.perf_counter() - t
    t = time.perf_counter()
    build_problem(scenario, asks, groups, offered, km, multi_trip=False)
    secs["model"] = time.perf_counter() - t
    total = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages = " ".join(f"{k} {v:6.2f}" for k, v in secs.items())
    return (
        f"{units:6d} units {len(scenario.locations):6d} places {len(chunks):6d} loads "
        f"{len(offered):5d} offered {len(left):3d} left out | {stages} | "
        f"all {total:6.2f} s  peak {peak:6.0f} MB"
    )


def main() -> None:
    """Parse the options; time each size in a child process, print a line each."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--units", default="1000,5000,10000", help="units (one load each)")
    parser.add_argument("--seed", type=int, default=1, help="the generated day's seed")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's size
    args = parser.parse_args()
    if args.one is not None:
        print(one(args.one, args.seed), flush=True)
        return
    print(f"python {platform.python_version()}, {platform.machine()}; seed {args.seed}")
    for n in (int(x) for x in args.units.split(",") if x):
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)]
        # its line only: a failing child's traceback goes to stderr as it comes
        print(subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout, end="")


if __name__ == "__main__":
    main()
