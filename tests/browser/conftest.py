"""Fixtures of the browser tests: the reports a user makes, and one Chromium to open them.

The reports are written by the real command line (``python -m supplyline plan|routes
--report``), all at once in parallel processes, once per test session (per worker under
xdist): the two bundled examples' plans, the bilateral example's routes on C+14, and the
plan of ``thin-road/``, a small scenario that falls short. One headless Chromium serves
every test of a worker.

Under ``make test`` (``scripts/chromium.sh`` exports ``SUPPLYLINE_TEST_CHROMIUM``) a
browser that is missing or will not start fails these tests with the reason; run by
hand on a machine without Chromium they are skipped, and the skip says why.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_pages import (
    WINDOW,
    BrowserFailed,
    BrowserMissing,
    PageVisit,
    fresh_profile,
    start_chromium,
    visit,
)
from browser_runs import RUNS, Report


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """Every report of :data:`RUNS`, written by ``python -m supplyline`` in parallel.

    Under xdist the workers share one set, written by the first to ask (the others wait
    on a lock): each worker writing its own took twice the CPU on a 2-core machine.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _write_reports(tmp_path_factory.mktemp("reports"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, above the workers'
    with (shared / "browser-reports.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        folder = shared / "browser-reports"
        done = folder / "written"
        if done.is_file():
            return _reports_in(folder)
        folder.mkdir(exist_ok=True)
        made = _write_reports(folder)
        done.touch()
        return made


def _reports_in(folder: Path) -> dict[str, Report]:
    """Where the reports of :data:`RUNS` are (or go) in ``folder``, and their files."""
    return {
        name: Report(name, scenario, folder / f"{name}.html", folder / name)
        for name, (_, scenario, _) in RUNS.items()
    }


def _write_reports(folder: Path) -> dict[str, Report]:
    """Run every command of :data:`RUNS` at once into ``folder``; wait for all to succeed."""
    made = _reports_in(folder)
    running = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "supplyline",
                command,
                str(scenario),
                "--out",
                str(made[name].out),
                "--report",
                str(made[name].html),
                "--format",
                "json",
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (command, scenario, options) in RUNS.items()
    }
    for name, process in running.items():
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{name}: exit {process.returncode}\n{err}"
        assert made[name].html.is_file(), f"{name}: no report written\n{err}"
    return made


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium (a selenium driver) for the session, with a fresh profile."""
    required = bool(os.environ.get("SUPPLYLINE_TEST_CHROMIUM"))
    profile = fresh_profile()
    problem: BrowserMissing | BrowserFailed | None = None
    try:
        driver = start_chromium(profile)
    except (BrowserMissing, BrowserFailed) as exc:
        problem = exc
        shutil.rmtree(profile)
    if isinstance(problem, BrowserMissing) and not required:
        pytest.skip(str(problem))
    if problem is not None:  # under `make test`, or installed and broken: a failure
        pytest.fail(f"the browser tests need a headless Chromium: {problem}", pytrace=False)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def opened(chromium: Any, reports: dict[str, Report]) -> Callable[[str], PageVisit]:
    """Open a report by name (once; later calls give the first visit's record)."""
    visits: dict[str, PageVisit] = {}

    def open_report(name: str) -> PageVisit:
        if name not in visits:
            visits[name] = visit(chromium, reports[name].html)
        return visits[name]

    return open_report


@pytest.fixture
def page(chromium: Any, reports: dict[str, Report]) -> Iterator[Callable[[str], Any]]:
    """Load a report by name for a test that acts on it; the window is put back after."""

    def load(name: str) -> Any:
        # from a blank page, as ``visit`` opens one: the same report again, straight after
        # ``opened`` showed it, once gave 3 of its 4 figures (a navigation to the page
        # already shown is a reload, and the driver returned before it had drawn)
        chromium.get("about:blank")
        chromium.get(reports[name].html.resolve().as_uri())
        return chromium

    yield load
    chromium.set_window_size(*WINDOW)
