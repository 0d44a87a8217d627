"""Helpers of the CLI tests: the bundled example, and the command run as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BILATERAL = ROOT / "examples" / "bilateral-exercise"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m supplyline`` (the real entry point, errors mapped to exit codes)."""
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
