"""Line-located checks of standard instance and solution files (the reader's guard).

The ``vrplib`` reader gives arrays without line numbers and, for Solomon files, turns a
value it cannot read as a whole number (``10.5``, ``nan``) into ``-1`` without a word.
This module finds the line of every VRPLIB value (:mod:`.solomon` reads Solomon files with
theirs) and checks each value a planner could get wrong, so that a bad file is refused
with ``file:line`` before the solver sees it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from supplyline.errors import Issue

__all__ = [
    "MAX_ABS_COORD",
    "MAX_AMOUNT",
    "MAX_TIME",
    "VEHICLES_PER_CUSTOMER",
    "SourceLines",
    "check_instance",
    "check_routes",
    "vrplib_lines",
]

MAX_ABS_COORD = 1e7
"""Largest coordinate accepted (absolute value); beyond it distances lose their meaning."""
MAX_AMOUNT = 1e12
"""Largest demand or capacity accepted."""
MAX_TIME = 1e9
"""Largest ready time, due date or service time accepted."""
VEHICLES_PER_CUSTOMER = 10
"""A fleet larger than this many vehicles per customer (or than 1000) is refused."""

_SECTIONS = {
    "NODE_COORD_SECTION": "node_coord",
    "DEMAND_SECTION": "demand",
    "TIME_WINDOW_SECTION": "time_window",
    "SERVICE_TIME_SECTION": "service_time",
}


@dataclass(slots=True)
class SourceLines:
    """Where each value of an instance is written (1-based line numbers, None if unknown)."""

    vehicles: int | None = None
    capacity: int | None = None
    nodes: dict[str, dict[int, int]] = field(default_factory=dict)
    """Per data key (``node_coord``, ``demand``…), node index (0 = depot) to its line."""

    def node(self, key: str, index: int) -> int | None:
        """The line holding ``key`` of node ``index``."""
        return self.nodes.get(key, {}).get(index)


def _numbered(path: Path) -> Iterator[tuple[int, str]]:
    yield from enumerate(path.read_text(errors="replace").splitlines(), start=1)


def vrplib_lines(path: Path) -> SourceLines:
    """The line of the header values and of every node row of a VRPLIB file."""
    lines = SourceLines()
    section: str | None = None
    for number, text in _numbered(path):
        stripped = text.strip()
        head = re.match(r"^([A-Z_]+)\s*:", stripped)
        if head:
            section = None
            if head.group(1) == "CAPACITY":
                lines.capacity = number
            elif head.group(1) == "VEHICLES":
                lines.vehicles = number
            continue
        if stripped.upper().endswith("_SECTION") or stripped.upper() == "EOF":
            section = _SECTIONS.get(stripped.upper())
            continue
        tokens = stripped.split()
        if section and tokens:
            try:
                node_id = int(tokens[0])
            except ValueError:
                continue
            lines.nodes.setdefault(section, {})[node_id - 1] = number
    return lines


def _whole(value: float) -> bool:
    return math.isfinite(value) and value == math.floor(value)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if _whole(value) and abs(value) < 1e16 else f"{value:g}"


class _Found:
    """Issues of one file, each at its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[Issue] = []

    def bad(self, line: int | None, message: str) -> None:
        self.issues.append(Issue(file=str(self.path), line=line, message=message))


def _check_fleet(data: dict[str, Any], lines: SourceLines, customers: int, found: _Found) -> None:
    if "vehicles" in data:
        v = float(data["vehicles"])
        cap = max(VEHICLES_PER_CUSTOMER * customers, 1000)
        if not _whole(v) or v < 1:
            found.bad(
                lines.vehicles, f"vehicle number {_fmt(v)} must be a whole number of at least 1"
            )
        elif v > cap:
            found.bad(lines.vehicles, f"vehicle number {_fmt(v)} is absurd for {customers} "
                                      f"customers (at most {cap} accepted)")  # fmt: skip
    if "capacity" in data:
        c = float(data["capacity"])
        if not _whole(c) or not 0 < c <= MAX_AMOUNT:
            found.bad(lines.capacity, f"vehicle capacity {_fmt(c)} must be a whole number above 0 "
                                      f"(at most {MAX_AMOUNT:g})")  # fmt: skip


def _capacity(data: dict[str, Any]) -> float | None:
    """The vehicles' capacity when it is one the router takes, else None (said elsewhere)."""
    c = float(data.get("capacity", math.nan))
    return c if _whole(c) and 0 < c <= MAX_AMOUNT else None


def _check_amounts(data: dict[str, Any], lines: SourceLines, who: list[str], found: _Found) -> None:
    capacity = _capacity(data)
    for i, d in enumerate(np.asarray(data.get("demand", []), dtype=np.float64).reshape(-1)):
        line = lines.node("demand", i)
        if not math.isfinite(d) or d < 0:
            found.bad(line, f"{who[i]}: demand {_fmt(d)} must be 0 or more")
        elif not _whole(d):
            found.bad(line, f"{who[i]}: demand {_fmt(d)} must be a whole number "
                            "(the router counts loads in whole units)")  # fmt: skip
        elif d > MAX_AMOUNT:
            found.bad(line, f"{who[i]}: demand {_fmt(d)} is above {MAX_AMOUNT:g}")
        elif capacity is not None and d > capacity:
            where = "" if lines.capacity is None else f" (line {lines.capacity})"
            found.bad(line, f"{who[i]}: demand {_fmt(d)} is more than the vehicle capacity "
                            f"{_fmt(capacity)}{where}: no vehicle can carry it")  # fmt: skip


def _check_times(data: dict[str, Any], lines: SourceLines, who: list[str], found: _Found) -> None:
    n = len(who)
    if "time_window" in data:
        windows = np.asarray(data["time_window"], dtype=np.float64).reshape(n, 2)
        for i, (ready, due) in enumerate(windows):
            line = lines.node("time_window", i)
            if not all(math.isfinite(t) and 0 <= t <= MAX_TIME for t in (ready, due)):
                found.bad(line, f"{who[i]}: ready time {_fmt(ready)} and due date {_fmt(due)} "
                                f"must be between 0 and {MAX_TIME:g}")  # fmt: skip
            elif ready > due:
                found.bad(line, f"{who[i]}: ready time {_fmt(ready)} is after its due date "
                                f"{_fmt(due)}")  # fmt: skip
    if "service_time" in data:
        service = np.broadcast_to(np.asarray(data["service_time"], dtype=np.float64), (n,))
        for i, s in enumerate(service):
            if not (math.isfinite(s) and 0 <= s <= MAX_TIME):
                found.bad(lines.node("service_time", i), f"{who[i]}: service time {_fmt(s)} "
                          f"must be between 0 and {MAX_TIME:g}")  # fmt: skip


def check_instance(path: Path, data: dict[str, Any], lines: SourceLines) -> list[Issue]:
    """Every value of a read instance that the router cannot take, located in the file."""
    found = _Found(path)
    coords = np.asarray(data["node_coord"], dtype=np.float64)
    n = coords.shape[0]
    _check_fleet(data, lines, n - 1, found)
    if n < 2:
        found.bad(lines.node("node_coord", 0), "the instance has no customers: the depot is "
                  "its only node, so there is nothing to route")  # fmt: skip
    who = ["the depot", *(f"customer {i}" for i in range(1, n))]
    for i, (x, y) in enumerate(coords):
        if not all(math.isfinite(z) and abs(z) <= MAX_ABS_COORD for z in (x, y)):
            found.bad(lines.node("node_coord", i), f"{who[i]}: coordinates ({_fmt(x)}, "
                      f"{_fmt(y)}) must be finite numbers within ±{MAX_ABS_COORD:g}")  # fmt: skip
    _check_amounts(data, lines, who, found)
    _check_times(data, lines, who, found)
    return found.issues


def check_routes(path: Path, routes: list[tuple[int, list[int]]], customers: int) -> list[Issue]:
    """Issues of solution routes (``(line, customers)``) against an instance's customers.

    Every customer must be a number of the instance (1 … ``customers``) and be visited
    exactly once over all routes.
    """
    issues: list[Issue] = []
    seen: dict[int, int] = {}
    for line, route in routes:
        for c in route:
            if not 1 <= c <= customers:
                msg = f"customer {c} is not in the instance (customers are 1 to {customers})"
                issues.append(Issue(file=str(path), line=line, message=msg))
            elif c in seen:
                msg = f"customer {c} is visited again (first on line {seen[c]})"
                issues.append(Issue(file=str(path), line=line, message=msg))
            else:
                seen[c] = line
    if not issues and len(seen) != customers:
        missing = sorted(set(range(1, customers + 1)) - set(seen))
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        msg = f"the solution visits {len(seen)} of {customers} customers (missing: {shown})"
        issues.append(Issue(file=str(path), message=msg))
    return issues
