"""Every benchmark script starts: its imports resolve and its options parse.

benchmarks/requirements.py imported two private functions that had moved to
``supplyline.domain.targets``, and failed at its first line for a session before anyone
ran it; nothing in the suite imports the benchmarks, so nothing said so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py") if not p.name.startswith("_"))


def test_the_benchmarks_are_found() -> None:
    """The planning, routing and requirements benchmarks at least.

    A glob that found none would pass every test below.
    """
    assert {"planning.py", "routing.py", "requirements.py"} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_benchmark_starts_and_says_its_options(script: Path) -> None:
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, str(BENCHMARKS)]))}
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCHMARKS,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:"), done.stdout
    assert "Traceback" not in done.stderr
