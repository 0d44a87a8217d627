"""Time opening a scenario folder as ``validate`` and ``plan`` do, on operations of real shape.

A tester's corridor-M with a fleet (500 locations, 1,240 links, 461 of them one-way
roads) took about 1.6 s to load, 0.95 s of it in the check of one-way roads into dead
ends, which looked through every road once per one-way road. ``benchmarks/loading.py``
times a random tree of two-way roads, where that check has nothing to do; this times:

* the synthetic corridors of ``_synthetic.py`` (seed 1) with 20 rigid 12 t trucks at
  every hub, as the tester's ``corridor-*-df`` folders, written with ``write_scenario``;
* the bundled examples;
* any scenario folders given on the command line.

For each, the best of --repeat runs of ``open_scenario`` (read, check, arrival and
capacity warnings), and of two of its parts on the loaded scenario: the domain's
``check_scenario`` and, within it, ``check_one_way_dead_ends``.

With ``--start``, the command line's start instead: wall seconds of fresh processes of
``supplyline --help``, ``--version``, ``plan --help`` and ``validate`` of the bilateral
example, best of --repeat; with ``--before SRC`` also those of another source tree's
``src`` folder (the commit before a change), the two run in turn, so that both see the
same load of a shared machine.

With ``--big``, the commands a planner runs on the folders given, in fresh processes:
wall seconds and peak resident memory of ``validate FOLDER`` and ``requirements FOLDER
-o OUT``, best of --repeat, with ``--before SRC`` for the other tree too, in turn; the
requirements files of the two trees are compared byte for byte. A tester's 40,000 units
(``requirements``) and 200,000 links (``validate``) are the sizes this was made for.

Usage: python benchmarks/load.py [FOLDER ...] [--sizes S,I,M] [--repeat 3] [--quick]
       python benchmarks/load.py --start [--before OTHER/src] [--repeat 7]
       python benchmarks/load.py --big FOLDER ... [--before OTHER/src] [--repeat 1]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from _synthetic import SIZES, generate, with_fleet
from _timing import best
from supplyline.domain import Mode, check_scenario
from supplyline.domain.link_checks import check_one_way_dead_ends
from supplyline.io import write_scenario
from supplyline.services.scenarios import open_scenario

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SRC = Path(__file__).resolve().parents[1] / "src"
START_COMMANDS = (
    ("--help",),
    ("--version",),
    ("plan", "--help"),
    ("validate", str(EXAMPLES / "bilateral-exercise")),
)
"""What ``--start`` times: the help and version (which need no solver), and a command."""


def timed(name: str, folder: Path, repeat: int) -> None:
    """Print the sizes of the scenario in ``folder`` and the seconds of its load and checks."""
    opened = open_scenario(folder)
    s = opened.scenario
    one_way = sum(1 for x in s.links if x.mode is Mode.ROAD and not x.bidirectional)
    t_open = best(lambda: open_scenario(folder), repeat)
    t_checks = best(lambda: check_scenario(s), repeat)
    t_one_way = best(lambda: check_one_way_dead_ends(s), repeat)
    print(
        f"{name:20s} {len(s.locations):4d} locations {len(s.links):5d} links "
        f"({one_way:4d} one-way roads) {len(s.fleet):3d} fleet groups {len(opened.warnings):3d} "
        f"warnings | open {t_open:7.3f} s, check_scenario {t_checks:7.3f} s, "
        f"one-way check {t_one_way:7.4f} s"
    )


def run_cli(src: Path, args: tuple[str, ...]) -> float:
    """Run ``python -m supplyline ARGS`` in a fresh process on the source tree ``src``.

    Returns the process's CPU seconds (user and system): on a shared machine they move
    less with the load than the wall seconds do.
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed_start(before: Path | None, repeat: int) -> None:
    """Print the best of ``repeat`` starts of each command, of ``before`` and this tree, in turn.

    Wall seconds, then CPU seconds in brackets.
    """
    trees = {"before": before, "now": SRC} if before is not None else {"now": SRC}
    for args in START_COMMANDS:
        wall: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(repeat):
            for name, src in trees.items():
                assert src is not None
                used: list[float] = []
                wall[name].append(best(partial(_start_into, used, src, args), 1))
                cpu[name] += used
        said = ", ".join(
            f"{name} {min(wall[name]):.3f} s ({min(cpu[name]):.3f} s CPU)" for name in trees
        )
        shown = " ".join("EXAMPLE" if a.startswith("/") else a for a in args)
        print(f"supplyline {shown:24s} {said}")


def _start_into(used: list[float], src: Path, args: tuple[str, ...]) -> None:
    """:func:`run_cli`, its CPU seconds appended to ``used`` (``best`` times the call)."""
    used.append(run_cli(src, args))


def run_measured(src: Path, args: tuple[str, ...]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of ``python -m supplyline ARGS`` on ``src``.

    The child's own peak (``wait4``), not the largest of all children so far.
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "supplyline", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, ["supplyline", *args])
    return wall, usage.ru_maxrss / 1024


def timed_big(folders: list[Path], before: Path | None, repeat: int) -> None:
    """Print ``validate`` and ``requirements -o`` of each folder, of ``before`` and now, in turn.

    Raises AssertionError if the two trees' requirements files differ in a byte.
    """
    trees = {"before": before, "now": SRC} if before is not None else {"now": SRC}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for command in ("validate", "requirements"):
                seen: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
                for turn in range(repeat):
                    for name, src in trees.items():
                        assert src is not None
                        out = Path(tmp) / f"{folder.name}-{name}-{turn}"
                        extra = ("-o", str(out)) if command == "requirements" else ()
                        seen[name].append(run_measured(src, (command, str(folder), *extra)))
                said = ", ".join(
                    f"{name} {min(w for w, _ in runs):.1f} s, "
                    f"{min(m for _, m in runs):.0f} MiB peak"
                    for name, runs in seen.items()
                )
                print(f"{command:12s} {folder.name:16s} {said}", flush=True)
            if before is not None:
                a, b = Path(tmp) / f"{folder.name}-before-0", Path(tmp) / f"{folder.name}-now-0"
                for file in sorted(p.name for p in a.iterdir()):
                    # in chunks: files read whole held 400 MB here, and the children forked
                    # after counted it in their peaks
                    same = filecmp.cmp(a / file, b / file, shallow=False)
                    assert same, f"{file} of {folder} differs between the two trees"
                print(f"{'':12s} {folder.name:16s} requirements files byte for byte the same")


def main() -> None:
    """Parse the options, time each folder, print a line each."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path, help="more scenario folders to time")
    parser.add_argument("--sizes", default="S,I,M", help="synthetic corridor sizes")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each, best kept")
    parser.add_argument("--quick", action="store_true", help="corridor S and one example, once")
    parser.add_argument(
        "--start", action="store_true", help="time the command line's start instead"
    )
    parser.add_argument(
        "--big", action="store_true", help="time validate and requirements of the folders given"
    )
    parser.add_argument(
        "--before", type=Path, help="with --start or --big: another tree's src folder, timed too"
    )
    args = parser.parse_args()
    if args.big:
        print(f"python {platform.python_version()}, {platform.machine()}; best of {args.repeat}")
        timed_big(args.folders, args.before, args.repeat)
        return
    if args.start:
        print(f"python {platform.python_version()}, {platform.machine()}; best of {args.repeat}")
        timed_start(args.before, args.repeat)
        return
    sizes = ["S"] if args.quick else [s for s in args.sizes.split(",") if s]
    repeat = 1 if args.quick else args.repeat
    print(f"python {platform.python_version()}, {platform.machine()}; best of {repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            scenario, _ = generate("corridor", SIZES[size], 1)
            folder = Path(tmp) / f"corridor-{size}-df"
            write_scenario(with_fleet(scenario), folder)
            timed(folder.name, folder, repeat)
    examples = ["bilateral-exercise", "relief-operation"]
    for name in examples[:1] if args.quick else examples:
        timed(name, EXAMPLES / name, repeat)
    for folder in args.folders:
        timed(folder.name, folder, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
