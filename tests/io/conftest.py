"""Fixtures of the io tests: the bundled examples, and a fresh template folder to break."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supplyline.io import write_template

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def bilateral_dir() -> Path:
    """The bundled bilateral-exercise example folder (read-only)."""
    return EXAMPLES / "bilateral-exercise"


@pytest.fixture(scope="session")
def relief_dir() -> Path:
    """The bundled relief-operation example folder (read-only)."""
    return EXAMPLES / "relief-operation"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fresh copy of the `init` template, which a test may break as it likes."""
    return write_template(tmp_path / "scenario")


@pytest.fixture
def dead_pid() -> int:
    """The process id of a child that has ended and been waited for (no process has it)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=60)
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
    return child.pid
