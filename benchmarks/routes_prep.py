"""Time what ``supplyline routes`` does before the search: fitting the loads to trucks and roads.

On a tester's 100-unit corridor (500 locations, 1,240 links) ``routes --time-limit 2``
spent 7-11 s before its 2 s search, nearly all of it naming the closed roads of each
request a truck type cannot reach (``round_trip_blockers``), recomputed per request
(now built once per scenario and day, :mod:`supplyline.routing.road_sets`).
This times that stage as ``route_day`` runs it: the day's road matrix (``road_matrix``)
and the loads fitted to the trucks (``plan_chunks``, which rules out and explains the
requests no truck type serves), best of --repeat runs, on:

* the synthetic corridors S, I and M of ``_synthetic.py`` (seed 1), each given a fleet of
  20 rigid 12 t trucks at every hub (as the tester's ``corridor-*-df`` folders), routed
  on ``--day`` from the generator's demand;
* the bundled examples (bilateral C+5, C+14; relief C+0, C+6), from their own demand.

Prints sizes, seconds and the process's peak memory. The search itself is not timed
(``benchmarks/routing.py`` does that).

Usage: python benchmarks/routes_prep.py [--sizes S,I,M] [--day 20] [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import resource
import time
from collections.abc import Sequence
from pathlib import Path

from _synthetic import SIZES, generate, with_fleet
from supplyline.domain import Demand, Mode, Scenario
from supplyline.routing.loads import plan_chunks
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.roads import road_matrix
from supplyline.services.routing import requests_from_demand
from supplyline.services.scenarios import assess_requirements

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def prepare(scenario: Scenario, requests: Sequence[DeliveryRequest], day: int) -> tuple[int, int]:
    """What ``route_day`` does before the search; returns (loads, requests left out)."""
    groups = [g for g in scenario.fleet if g.count > 0]
    ids = [*(g.depot for g in groups), *(r.location for r in requests)]
    km = road_matrix(scenario, ids, day=day)
    chunks, unserved, _ = plan_chunks(
        requests, groups, km, scenario, multi_trip=True, day=day, pinned=[None] * len(requests)
    )
    return len(chunks), len(unserved)


def timed(scenario: Scenario, demand: Demand, day: int, repeat: int) -> tuple[str, float]:
    """Sizes in words and the best seconds of ``repeat`` runs of :func:`prepare`."""
    requests = requests_from_demand(scenario, demand, day)
    best = float("inf")
    loads = left = 0
    for _ in range(repeat):
        fresh = dataclasses.replace(scenario)  # a new object: nothing of the last run cached
        t0 = time.perf_counter()
        loads, left = prepare(fresh, requests, day)
        best = min(best, time.perf_counter() - t0)
    roads = sum(1 for x in scenario.links if x.mode is Mode.ROAD)
    sizes = (
        f"{len(scenario.locations):4d} locations {roads:5d} roads {len(scenario.fleet):3d} "
        f"fleet groups {len(requests):4d} requests -> {loads:4d} loads, {left:3d} left out"
    )
    return sizes, best


def main() -> None:
    """Parse the options, time each instance, print a line each."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--sizes", default="S,I,M", help="synthetic corridor sizes")
    parser.add_argument("--day", type=int, default=20, help="day routed on the corridors")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each, best kept")
    parser.add_argument(
        "--quick", action="store_true", help="corridor S and one example, one run each"
    )
    args = parser.parse_args()
    sizes = ["S"] if args.quick else [s for s in args.sizes.split(",") if s]
    repeat = 1 if args.quick else args.repeat
    print(f"python {platform.python_version()}, {platform.machine()}; best of {repeat}")
    for name in sizes:
        scenario, demand = generate("corridor", SIZES[name], 1)
        sizes_said, secs = timed(with_fleet(scenario), demand, args.day, repeat)
        print(f"{'corridor-' + name:18s} C+{args.day:<3d} {sizes_said}  {secs:7.3f} s")
    examples = [("bilateral-exercise", (5, 14)), ("relief-operation", (0, 6))]
    for folder, days in examples[:1] if args.quick else examples:
        assessed = assess_requirements(EXAMPLES / folder)
        for day in days[:1] if args.quick else days:
            sizes_said, secs = timed(assessed.opened.scenario, assessed.demand, day, repeat)
            print(f"{folder:18s} C+{day:<3d} {sizes_said}  {secs:7.3f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
