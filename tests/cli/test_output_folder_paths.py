"""``--report`` and ``--mps`` given a folder path say it is one, the slash kept.

A tester's ``plan sc/r2 --report mps/`` (a folder there, or a new ``mps/newfolder/``) was
told "an HTML report's name must end in .html or .htm, not 'mps'", where the Python call
said it is a folder: the options now follow the API's rule
(:func:`supplyline.staged_file.check_file_name`), as ``ledger statement -o newdir/`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import OutputError
from supplyline.planning.highs import check_mps_path

_register_commands()
runner = CliRunner()


def _words(text: str) -> str:
    """Text as words only: rich wraps lines and draws boxes wherever the width says."""
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize(("option", "example"), [("--report", "plan.html"), ("--mps", "model.mps")])
@pytest.mark.parametrize("typed", ["mps/", "mps/newfolder/"])
def test_a_folder_path_is_said_as_one(
    option: str, example: str, typed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit 2: ``mps/ is a folder path: give a file name, e.g. mps/plan.html``; nothing made."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mps").mkdir()
    result = runner.invoke(app, ["plan", str(BILATERAL), "--out", "o", option, typed])
    assert result.exit_code == 2, result.output
    said = _words(result.output)
    folder = typed.rstrip("/")
    assert (
        f"Invalid value for '{option}': {typed} is a folder path: give a file name, e.g. " in said
    )
    assert f"e.g. {folder}/{example}" in said
    assert "must end in" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mps"]
    assert list((tmp_path / "mps").iterdir()) == []


def test_an_existing_folder_typed_without_its_slash_is_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--report mps`` (a folder there): it is a folder, not a name without .html.

    An output that cannot go where asked, as ``--out`` onto a file: exit 8 before any work.
    """
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mps").mkdir()
    result = runner.invoke(app, ["plan", str(BILATERAL), "--out", "o", "--report", "mps"])
    assert isinstance(result.exception, OutputError), result.output
    assert str(result.exception) == "cannot write the file mps: it is a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mps"]


def test_the_api_says_the_same() -> None:
    """``check_mps_path("mps/")``, which ``plan_scenario(mps=…)`` calls, in the CLI's words."""
    with pytest.raises(OutputError, match=r"^mps/ is a folder path: give a file name, e\.g\. "):
        check_mps_path("mps/")
