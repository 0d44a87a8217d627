"""Timing shared by the benchmark scripts: the best of several runs, as each reports."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["best"]


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The fewest seconds of ``repeat`` runs of ``fn`` (the least disturbed by other work)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)
