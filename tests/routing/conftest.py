"""Fixtures for the routing tests: fast, reproducible router settings and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.routing import RouterParams
from supplyline.routing.convoy import ConvoyParams

BENCH = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"


@pytest.fixture(scope="session")
def fast() -> ConvoyParams:
    """Convoy params that stop after a few hundred iterations (reproducible, well under 1 s)."""
    return ConvoyParams(router=RouterParams(time_limit_s=5.0, max_iterations=300, seed=1))


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    """The shared benchmark folder (Solomon, CVRPLIB X); tests needing it skip without it."""
    if not BENCH.is_dir():
        pytest.skip("shared benchmark data not available")
    return BENCH
