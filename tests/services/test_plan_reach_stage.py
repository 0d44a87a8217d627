"""``plan`` names the reach check after the solve as a stage of its own.

The check grew with the square of the horizon (a 3,660-day plan still ran at 80 s after
a 6 s solve) and the progress display said ``explaining bottlenecks`` all the while. It
says what the ``reach`` command says: ``checking the reach of N unit(s)``.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.services.planning import plan_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


def test_the_reach_check_has_its_own_stage_after_the_solve_and_before_the_files() -> None:
    """After every solve stage and before the files: 'checking the reach of 6 unit(s)'."""
    heard: list[str] = []
    plan_scenario(EXAMPLE, None, progress=heard.append)
    assert "checking the reach of 6 unit(s)" in heard
    at = heard.index("checking the reach of 6 unit(s)")
    assert heard.index("extracting the plan") < at
    assert at == len(heard) - 1  # no files asked for: the check is the last stage
