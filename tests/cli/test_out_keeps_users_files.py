"""``--out`` replaces only files supplyline wrote there, unless ``--force``.

A tester's ``plan … --out DIR`` into a folder of their own replaced its ``stocks.csv`` and
``plan.json`` with the plan's, exit 0. Now a file of an output's name that supplyline did
not write (known by the group's summary beside it, ``plan.json`` for the plan files) stops
the command with exit 8 before any work, naming every such file, and nothing is written;
a folder an earlier run wrote is written over as before; ``--force`` replaces them; the
scenario's own folder is refused even with ``--force``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from cli_helpers import run as _cli

from supplyline.errors import OutputError
from supplyline.io.file_names import SCENARIO_FILES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
PLAN = ["plan", "--explain", "0", "--format", "json"]
ROUTES = ["routes", "--day", "14", "--from-demand", "--time-limit", "0.01", "--format", "json"]


def _digests(folder: Path) -> dict[str, str]:
    """Each file of ``folder`` (hidden ones too) by name, as a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _planners_folder(tmp_path: Path) -> Path:
    """A planner's own data folder: the example's tables without its scenario.yaml."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    (data / "scenario.yaml").unlink()
    return data


@pytest.mark.parametrize(
    ("command", "name"), [(PLAN, "stocks.csv"), (PLAN, "plan.json"), (ROUTES, "routes.csv")]
)
def test_a_users_file_of_an_outputs_name_stops_the_run(
    tmp_path: Path, command: list[str], name: str
) -> None:
    """Exit 8, the file named with the way out, and the folder byte for byte as it was."""
    data = _planners_folder(tmp_path)
    (data / name).write_text("mine\n", encoding="utf-8")
    before = _digests(data)
    done = _cli(command[0], EXAMPLE, *command[1:], "--out", data)
    said = " ".join(done.stderr.split())
    assert (done.returncode, str(data / name) in said, "give --force" in said) == (8, True, True)
    assert _digests(data) == before


def test_a_planners_stocks_csv_is_kept(tmp_path: Path) -> None:
    """The worst case: the scenario's tables in a folder without scenario.yaml."""
    data = _planners_folder(tmp_path)
    before = (data / "stocks.csv").read_bytes()
    done = _cli(*PLAN[:1], EXAMPLE, *PLAN[1:], "--out", data)
    assert (done.returncode, (data / "stocks.csv").read_bytes()) == (8, before)


def test_force_replaces_them_and_a_re_run_needs_no_force(tmp_path: Path) -> None:
    """With --force the plan is written; written so, the folder is supplyline's to write again."""
    data = _planners_folder(tmp_path)
    forced = _cli(*PLAN[:1], EXAMPLE, *PLAN[1:], "--out", data, "--force")
    again = _cli(*PLAN[:1], EXAMPLE, *PLAN[1:], "--out", data)
    assert (forced.returncode, again.returncode) == (0, 0)
    assert '"format": "supplyline-plan"' in (data / "plan.json").read_text(encoding="utf-8")


def test_the_scenario_folder_is_refused_even_with_force(tmp_path: Path) -> None:
    """Its own files are never replaced: exit 8, every file as it was."""
    scenario = tmp_path / "sc"
    shutil.copytree(EXAMPLE, scenario)
    before = _digests(scenario)
    done = _cli(*PLAN[:1], scenario, *PLAN[1:], "--out", scenario, "--force")
    assert (done.returncode, _digests(scenario)) == (8, before)
    assert set(before) <= set(SCENARIO_FILES)


def test_requirements_offers_another_folder(tmp_path: Path) -> None:
    """The requirements command has no --force: the way out it names is another folder."""
    out = tmp_path / "rq"
    out.mkdir()
    (out / "requirements.json").write_text("{}\n", encoding="utf-8")
    done = _cli("requirements", EXAMPLE, "--out", out)
    said = " ".join(done.stderr.split())
    assert (done.returncode, "move it away or choose another folder" in said) == (8, True)
    assert (out / "requirements.json").read_text(encoding="utf-8") == "{}\n"


def test_the_python_writer_refuses_too(tmp_path: Path) -> None:
    """check_outputs, as plan_scenario calls it, says it in the API's words."""
    from supplyline.io.destinations import check_outputs
    from supplyline.io.file_names import PLAN_OUT_FILES

    out = tmp_path / "o"
    out.mkdir()
    (out / "movements.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"movements\.csv is a file .* pass force=True"):
        check_outputs(EXAMPLE, ("the plan files", out, PLAN_OUT_FILES))
    check_outputs(EXAMPLE, ("the plan files", out, PLAN_OUT_FILES), force=True)
