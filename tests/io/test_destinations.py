"""Outputs are checked before any work: a file for a folder, a clash, the scenario's files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from supplyline.errors import OutputError
from supplyline.io.atomic import atomic_output_dir, move_into_place, writing
from supplyline.io.destinations import check_file_target, check_folder_target, check_outputs


def test_a_folder_may_exist_or_not(tmp_path: Path) -> None:
    """An existing folder and a new one (with missing parents) are fine."""
    check_folder_target(tmp_path)
    check_folder_target(tmp_path / "new" / "deeper")


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    """A file where the folder (or one of its parents) should be is refused by name."""
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        check_folder_target(tmp_path / "f")
    with pytest.raises(OutputError, match=r"f is a file, not a folder"):
        check_folder_target(tmp_path / "f" / "sub")
    with pytest.raises(OutputError, match=r"f is a file, not a folder"):
        check_file_target(tmp_path / "f" / "report.html")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    """A report or MPS path that names a folder is refused."""
    with pytest.raises(OutputError, match="it is a folder"):
        check_file_target(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused(tmp_path: Path) -> None:
    """No permission to write: said before any work, naming the folder."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="no permission"):
            check_folder_target(locked / "plan")
        with pytest.raises(OutputError, match="no permission"):
            check_file_target(locked / "plan.html")
    finally:
        locked.chmod(0o755)


def test_outputs_may_not_clash_with_each_other(tmp_path: Path) -> None:
    """A report on a plan file, on the output folder, or on the MPS file is refused."""
    scenario, out = tmp_path / "scenario", tmp_path / "out"
    scenario.mkdir()
    folder = ("the plan files", out, ("movements.csv", "plan.json"))
    check_outputs(scenario, folder, {"the report": out / "plan.html", "the MPS file": None})
    with pytest.raises(OutputError, match="the report and the plan files"):
        check_outputs(scenario, folder, {"the report": out / "movements.csv"})
    with pytest.raises(OutputError, match="the report and the folder of the plan files"):
        check_outputs(scenario, folder, {"the report": out})
    same = tmp_path / "m"
    with pytest.raises(OutputError, match="the MPS file and the report"):
        check_outputs(scenario, None, {"the report": same, "the MPS file": same})


def test_outputs_may_not_overwrite_the_scenario(tmp_path: Path) -> None:
    """The scenario folder itself, or one of its files (even through '..'), is refused."""
    scenario = tmp_path / "scenario"
    scenario.mkdir()
    with pytest.raises(OutputError, match="into the scenario folder"):
        check_outputs(scenario, ("the plan files", scenario / "x" / "..", ("stocks.csv",)))
    with pytest.raises(OutputError, match=r"overwrite the scenario's own links\.csv"):
        check_outputs(scenario, None, {"the report": scenario / "links.csv"})
    check_outputs(scenario, None, {"the report": scenario / "plan.html"})  # not a scenario file


def test_atomic_writes_name_the_target_not_the_scratch_file(tmp_path: Path) -> None:
    """A file system error at writing time is an OutputError about the user's path."""
    (tmp_path / "f").write_text("x")
    with (
        pytest.raises(OutputError, match=r"cannot write .*f"),
        atomic_output_dir(tmp_path / "f") as scratch,
    ):
        (scratch / "a.csv").write_text("a")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]  # no scratch folder left
    done = tmp_path / "done.txt"
    done.write_text("d")
    with pytest.raises(OutputError, match="cannot write"):
        move_into_place(done, tmp_path / "f" / "x.txt")


def test_a_file_beside_scenario_yaml_is_the_scenarios(tmp_path: Path) -> None:
    """Any output (a ledger statement, say) that would replace a scenario file is refused."""
    (tmp_path / "scenario.yaml").write_text("name: x\n")
    with pytest.raises(OutputError, match=r"overwrite the units\.csv of the scenario"):
        check_file_target(tmp_path / "units.csv")
    check_file_target(tmp_path / "statement.csv")


def test_a_full_disk_while_writing_names_the_output(tmp_path: Path) -> None:
    """A file system error inside a writer becomes an OutputError about that output."""
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with (
        pytest.raises(OutputError, match=r"cannot write the report r\.html: No space left"),
        writing("the report r.html"),
    ):
        raise full


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    """Outputs are renamed into place: onto /dev/null that made it a plain file (as root)."""
    with pytest.raises(OutputError, match="not a regular file"):
        check_file_target("/dev/null")
    done = tmp_path / "r.html"
    done.write_text("r")
    with pytest.raises(OutputError, match="not a regular file"):
        move_into_place(done, "/dev/null")
    assert Path("/dev/null").is_char_device()
