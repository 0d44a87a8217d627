"""Helpers of the CLI tests: the bundled example, and the command run as a user runs it."""

from __future__ import annotations

import signal
import subprocess
import sys
import weakref
from collections.abc import Mapping
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


def scenario_folder(folder: Path, files: Mapping[str, str]) -> Path:
    """``folder`` (made if need be) holding ``files``, each name's text: a scenario to run."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def press_ctrl_c_where_python_drops_it() -> None:
    """Ctrl+C inside a weakref callback, as the garbage collector may run one at any time.

    The SIGINT handler in force is called there as Python calls it on Ctrl+C; CPython
    hands the KeyboardInterrupt it raises to ``sys.unraisablehook`` ("Exception ignored
    in: …") and goes on as if nothing had been pressed.
    """

    class Drawn:
        """Something a report drew and let go."""

    handler = signal.getsignal(signal.SIGINT)
    assert callable(handler), handler
    drawn = Drawn()
    ref = weakref.ref(drawn, lambda _: handler(signal.SIGINT, None))
    del drawn  # the callback runs here
    assert ref() is None
