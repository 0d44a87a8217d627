"""``-v plan`` logs how many threads HiGHS was given, beside the method and times.

A tester's ``supplyline -v plan DIR --threads N`` logged method, objective and times,
but not the threads: now "threads 2 (of 2 cores)", or "threads: HiGHS's default" when
none were asked.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario
from supplyline.services.run_log import threads_words

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
QUICK = PlanParams(explain_top=0)
"""No bottleneck measured: the log line is the claim, not the bottlenecks."""


def _plan_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "supplyline.services.run_log" and r.getMessage().startswith("plan ")
    ]


@pytest.mark.parametrize(
    ("threads", "said"),
    [
        pytest.param(1, "threads 1 (of {cores} core", id="one-asked"),
        pytest.param(None, "threads: HiGHS's default", id="none-asked"),
    ],
)
def test_the_plan_log_line_says_the_threads(
    threads: int | None, said: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The one plan line says the threads given, of the machine's cores."""
    with caplog.at_level(logging.INFO, logger="supplyline.services.run_log"):
        plan_scenario(EXAMPLE, None, params=QUICK, threads=threads)
    (line,) = _plan_lines(caplog)
    assert f", {said.format(cores=os.cpu_count() or 1)}" in line


@pytest.mark.parametrize(
    ("asked", "given", "cores", "said"),
    [
        (2, 2, 2, "threads 2 (of 2 cores)"),
        (1, 1, 1, "threads 1 (of 1 core)"),
        (999, 2, 2, "threads 2 (of 2 cores; 999 asked)"),
        (None, 0, 4, "threads: HiGHS's default"),
    ],
)
def test_threads_words(asked: int | None, given: int, cores: int, said: str) -> None:
    """More threads asked than given are said too: HiGHS gets at most one per core."""
    assert threads_words(asked, given, cores) == said
