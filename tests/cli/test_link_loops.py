"""A path that is a symbolic link loop is said as one, not as missing or as a dangling link.

``Path.exists()`` is False for a loop: a tester's ``plan loop`` was told "loop: does not
exist", and ``--out loop`` "a link to a missing folder".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import BILATERAL, run

from supplyline.errors import OutputError, ScenarioError
from supplyline.io import load_scenario
from supplyline.io.destinations import check_file_target, check_folder_target


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """``loop``, a link to itself."""
    (tmp_path / "loop").symlink_to("loop")
    return tmp_path / "loop"


def test_the_scenario_reader_says_a_loop(loop: Path) -> None:
    """load_scenario of a loop: the loop named, not "does not exist"."""
    with pytest.raises(ScenarioError, match="a symbolic link loop") as raised:
        load_scenario(loop)
    assert "does not exist" not in str(raised.value)


def test_a_loop_on_the_way_to_the_scenario_is_named(loop: Path) -> None:
    """A folder under a loop: the link that loops is the one named."""
    with pytest.raises(ScenarioError, match=rf"a symbolic link loop at {loop}"):
        load_scenario(loop / "x")


def test_an_output_folder_that_loops_is_said(loop: Path) -> None:
    """check_folder_target of a loop: 'loop: a symbolic link loop', not a missing folder."""
    with pytest.raises(OutputError, match=rf"^{loop}: a symbolic link loop") as raised:
        check_folder_target(loop)
    assert "missing" not in str(raised.value)


def test_an_output_file_below_a_loop_names_the_loop(loop: Path) -> None:
    """A report under a loop: the loop is named as the link to mend."""
    with pytest.raises(OutputError, match=rf"{loop} is a symbolic link loop"):
        check_file_target(loop / "plan.html")


def test_plan_says_a_scenario_folder_loop(loop: Path) -> None:
    """`supplyline plan loop`: exit 2, the loop said, no traceback."""
    done = run("plan", loop)
    assert done.returncode == 2, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr
    assert "Traceback" not in done.stderr


def test_plan_out_a_loop_is_refused_before_any_work(loop: Path) -> None:
    """`plan --out loop`: exit 8, the loop said, nothing written beside it."""
    before = sorted(os.listdir(loop.parent))
    done = run("plan", BILATERAL, "--out", loop)
    assert done.returncode == 8, done.stderr
    assert f"{loop}: a symbolic link loop" in done.stderr
    assert sorted(os.listdir(loop.parent)) == before
