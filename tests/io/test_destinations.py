"""Outputs are checked before any work: a file for a folder, a clash, the scenario's files."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pytest

from supplyline.errors import OutputError
from supplyline.io.atomic import atomic_output_dir, move_into_place, scratch_file_for, writing
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


def test_outputs_may_not_overwrite_another_scenario(tmp_path: Path) -> None:
    """A tester's ``plan s1 --out victim``, victim another scenario, replaced its stocks.csv."""
    scenario, victim = tmp_path / "scenario", tmp_path / "victim"
    scenario.mkdir()
    victim.mkdir()
    (victim / "scenario.yaml").write_text("name: v\n")
    (victim / "stocks.csv").write_text("location,commodity\n")
    with pytest.raises(OutputError, match=r"would write the stocks\.csv of the scenario in"):
        check_outputs(scenario, ("the plan files", victim, ("movements.csv", "stocks.csv")))
    check_outputs(scenario, ("the plan files", victim, ("movements.csv",)))  # no clash
    (victim / "stocks.csv").unlink()  # optional: still the scenario's file to be
    with pytest.raises(OutputError, match=r"would write the stocks\.csv of the scenario in"):
        check_outputs(scenario, ("the plan files", victim, ("movements.csv", "stocks.csv")))


def test_a_folder_write_never_replaces_a_scenarios_files(tmp_path: Path) -> None:
    """Through the API (``write_plan``) as through the CLI: nothing moves, nothing is lost."""
    (tmp_path / "scenario.yaml").write_text("name: v\n")
    (tmp_path / "stocks.csv").write_text("mine\n")

    def write_plan_like() -> None:
        with atomic_output_dir(tmp_path) as scratch:
            (scratch / "movements.csv").write_text("a")
            (scratch / "stocks.csv").write_text("plan")

    with pytest.raises(
        OutputError, match=r"holds a scenario, and stocks\.csv would be taken as its own"
    ):
        write_plan_like()
    assert (tmp_path / "stocks.csv").read_text() == "mine\n"
    assert not (tmp_path / "movements.csv").exists()
    (tmp_path / "stocks.csv").unlink()  # a scenario without the optional stocks.csv
    with pytest.raises(OutputError, match=r"stocks\.csv would be taken as its own"):
        write_plan_like()
    assert not (tmp_path / "stocks.csv").exists()
    with atomic_output_dir(tmp_path, replaces_scenario=True) as scratch:  # init --force
        (scratch / "stocks.csv").write_text("new")
    assert (tmp_path / "stocks.csv").read_text() == "new"


def test_an_empty_output_path_is_refused() -> None:
    """``write_plan("", ...)`` wrote every plan file into the current folder."""
    with pytest.raises(OutputError, match="empty path"), atomic_output_dir(""):
        pass


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


HEX = "0123456789abcdef" * 2
"""The random part of a scratch name: 32 hex digits."""


def test_a_write_removes_only_its_targets_scratch_of_dead_processes(
    tmp_path: Path, dead_pid: int
) -> None:
    """``.out-<dead pid>-<hex>`` goes; a live process's, another target's, look-alikes stay."""
    dead = tmp_path / f".out-{dead_pid}-{HEX}"
    dead.mkdir()
    (dead / "movements.csv").write_text("half")
    kept = [
        f".out-{os.getpid()}-{HEX}",  # a write in progress (this process)
        f".out-5-{dead_pid}-{HEX}",  # the scratch of target "out-5"
        f".output-{dead_pid}-{HEX}",
        f".out-{dead_pid}-{HEX}.csv",
        f".out-{dead_pid}-{HEX[:-1]}",
        f"out-{dead_pid}-{HEX}",
    ]
    for name in kept:
        (tmp_path / name).mkdir()
    with atomic_output_dir(tmp_path / "out") as scratch:
        assert scratch.name.startswith(f".out-{os.getpid()}-")
        (scratch / "a.csv").write_text("a")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "out"])


def test_a_scratch_file_carries_the_pid_and_clears_dead_ones(tmp_path: Path, dead_pid: int) -> None:
    """A scratch file for model.mps is ``.model-<pid>-<hex>.mps``; a dead one's goes."""
    (tmp_path / f".model-{dead_pid}-{HEX}.mps").write_text("half")
    kept = [f".model-{os.getpid()}-{HEX}.mps", f".model-{dead_pid}-{HEX}.html"]
    for name in kept:
        (tmp_path / name).write_text("x")
    scratch = scratch_file_for(tmp_path / "sub" / "model.mps")
    assert scratch.parent == tmp_path
    assert re.fullmatch(rf"\.model-{os.getpid()}-[0-9a-f]{{32}}\.mps", scratch.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


CANNOT_CREATE = Path("/proc")
"""A folder that refuses new files to everyone, root included, whatever its permission bits."""
needs_proc = pytest.mark.skipif(not CANNOT_CREATE.is_dir(), reason="no /proc")


@needs_proc
@pytest.mark.parametrize(
    ("check", "target"),
    [
        pytest.param(check_file_target, CANNOT_CREATE / "report.html", id="file"),
        pytest.param(check_file_target, CANNOT_CREATE / "new" / "report.html", id="file in new"),
        pytest.param(check_folder_target, CANNOT_CREATE / "plan", id="folder"),
    ],
)
def test_a_folder_that_takes_no_files_is_found_by_trying_one(check: Any, target: Path) -> None:
    """Permission bits allow root everything (and /proc looks writable): a file is tried."""
    with pytest.raises(OutputError, match=rf"^cannot write {re.escape(str(target))}: /proc "):
        check(target)


def test_the_probe_is_a_scratch_file_and_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each probe is named as io.atomic names scratch files, and none is left behind."""
    import supplyline.io.destinations as destinations

    made: list[Path] = []

    def recorded(target: str | Path) -> Path:
        made.append(scratch_file_for(target))
        return made[-1]

    monkeypatch.setattr(destinations, "scratch_file_for", recorded)
    (tmp_path / "out").mkdir()
    scenario = tmp_path / "scenario"
    scenario.mkdir()
    check_outputs(
        scenario,
        ("the plan files", tmp_path / "out", ("plan.json",)),
        {"the report": tmp_path / "new" / "plan.html"},
    )
    assert [p.parent for p in made] == [tmp_path / "out", tmp_path, tmp_path]
    pattern = rf"\.(probe|out|plan)-{os.getpid()}-[0-9a-f]{{32}}(\.html)?"
    assert all(re.fullmatch(pattern, p.name) for p in made), made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "scenario"]
    assert list((tmp_path / "out").iterdir()) == []


@needs_proc
def test_a_failed_probe_leaves_nothing_either(tmp_path: Path) -> None:
    """A check that fails on the report still leaves the output folder's parent as it was."""
    with pytest.raises(OutputError, match="/proc"):
        check_outputs(
            tmp_path,
            ("the plan files", tmp_path / "out", ("plan.json",)),
            {"the report": CANNOT_CREATE / "plan.html"},
        )
    assert list(tmp_path.iterdir()) == []


def test_a_folder_where_an_output_file_goes_is_refused_before_any_work(tmp_path: Path) -> None:
    """A tester's earlier plan folder held a folder named movements.csv: found after solving."""
    out = tmp_path / "out"
    (out / "movements.csv").mkdir(parents=True)
    with pytest.raises(OutputError, match=r"movements\.csv: it is a folder"):
        check_outputs(tmp_path / "scenario", ("the plan files", out, ("movements.csv",)))
    check_outputs(tmp_path / "scenario", ("the plan files", out, ("stocks.csv",)))


def test_an_empty_output_folder_is_refused_by_the_checks_before_any_work() -> None:
    """route_scenario_day(out="") was refused only after planning and routing (11 s)."""
    with pytest.raises(OutputError, match="empty path"):
        check_folder_target("")
