"""An output path that is a link to nothing is refused before any work, saying where it points.

A tester's ``--out dangle`` (a link to a folder that did not exist) failed only after the
whole solve, with "cannot write dangle: File exists".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import OutputError
from supplyline.io.destinations import check_file_target, check_folder_target

BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"

_register_commands()
runner = CliRunner()


def test_an_output_folder_linked_to_nothing_is_refused(tmp_path: Path) -> None:
    """--out as a link to a missing folder: refused, naming the link and where it points."""
    (tmp_path / "dangle").symlink_to(tmp_path / "nowhere")
    with pytest.raises(
        OutputError, match=r"dangle: it is a link to a missing folder \(.*nowhere\)"
    ):
        check_folder_target(tmp_path / "dangle")


@pytest.mark.parametrize("name", ["plan.html", "model.mps"])
def test_an_output_file_linked_to_nothing_is_refused(tmp_path: Path, name: str) -> None:
    """--report and --mps as a link to a missing file: refused, saying where it points."""
    (tmp_path / name).symlink_to(tmp_path / "gone" / name)
    with pytest.raises(OutputError, match=rf"it is a link to a missing file \(.*gone/{name}\)"):
        check_file_target(tmp_path / name)


def test_a_link_to_nothing_on_the_way_is_refused(tmp_path: Path) -> None:
    """A file or folder under a link to a missing folder: the link is named."""
    (tmp_path / "d").symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match=r"d is a link to a missing folder"):
        check_file_target(tmp_path / "d" / "m.mps")
    with pytest.raises(OutputError, match=r"d is a link to a missing folder"):
        check_folder_target(tmp_path / "d" / "sub")


def test_a_link_to_a_folder_that_exists_is_fine(tmp_path: Path) -> None:
    """A link to an existing folder takes the output like the folder itself."""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    check_folder_target(tmp_path / "link")
    check_file_target(tmp_path / "link" / "plan.html")


@pytest.mark.parametrize("option", ["--out", "--report", "--mps"])
def test_plan_refuses_a_link_to_nothing_before_reading_the_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    """``plan`` stops with OutputError (exit 8) before the scenario is even read."""
    import supplyline.services.planning as planning

    def no_work(*_: object, **__: object) -> None:
        raise AssertionError("the plan was started")

    monkeypatch.setattr(planning, "assess_requirements", no_work)
    name = {"--out": "dangle", "--report": "r.html", "--mps": "m.mps"}[option]
    (tmp_path / name).symlink_to(tmp_path / "nowhere")
    result = runner.invoke(app, ["plan", str(BILATERAL), option, str(tmp_path / name)])
    assert isinstance(result.exception, OutputError), result.output
    assert "is a link to a missing" in str(result.exception)
    assert str(tmp_path / "nowhere") in str(result.exception)
