"""What `factors`, `init` and `demo` say when a lookup finds nothing or a folder is refused.

A hostile-input tester's findings: `factors zzzunknown` printed an empty "0 planning
factors" table and exited 0; `init` into a non-empty folder said "1 error(s) in the input"
(exit 2) and into an unwritable one "Operation not permitted"; `demo --example nope` named
the paths it looked in but not the examples there are.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from cli_helpers import ROOT, run
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_factor_pattern_that_matches_nothing_is_not_found(fmt: str) -> None:
    """Nothing matched: said with what can be matched, exit 3 in every format.

    stdout is empty for a table, and the failure record for JSON or CSV (it was empty in
    every format: a program had nothing to parse).
    """
    done = run("factors", "zzzunknown", "--format", fmt)
    assert done.returncode == 3, done.stderr
    if fmt == "table":
        assert done.stdout == ""
    elif fmt == "json":
        assert json.loads(done.stdout)["exit_code"] == 3
    else:
        assert done.stdout.startswith("status,exit_code,")
    assert "no planning factor's key or description contains 'zzzunknown'" in done.stderr
    assert "keys begin with air, bog, container" in done.stderr
    assert "`supplyline factors` lists all" in done.stderr


def test_the_factors_doc_says_what_stdout_has_when_nothing_matches() -> None:
    """docs/planning-factors.md said "nothing on stdout, with --format json or csv too"."""
    doc = " ".join((ROOT / "docs" / "planning-factors.md").read_text(encoding="utf-8").split())
    assert "nothing on stdout, with `--format json` or `csv` too" not in doc
    assert "with `--format json` or `csv` stdout has the failure record" in doc


def test_a_factor_pattern_one_slip_off_is_offered_the_word() -> None:
    """`factors watr` is offered `water`, a part of many keys."""
    done = run("factors", "watr")
    assert done.returncode == 3
    assert "(did you mean 'water'?; keys begin with" in done.stderr


def test_init_into_a_non_empty_folder_is_an_output_refused(tmp_path: Path) -> None:
    """Exit 8 with the folder named, as `plan --out` refuses a destination; nothing written."""
    (tmp_path / "mine.txt").write_text("mine")
    done = run("init", tmp_path)
    assert done.returncode == 8, done.stderr
    assert done.stderr.startswith(
        f"error: cannot write the template into {tmp_path}: the folder is not empty"
    )
    assert "error(s) in the input" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_init_into_a_folder_that_takes_no_files_says_no_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An immutable parent (EPERM, as `chattr +i` gives) is said in every command's words."""
    locked = tmp_path / "imm"
    locked.mkdir()
    real_open = Path.open

    def immutable(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.parent == locked and "r" not in mode:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", immutable)
    _register_commands()
    result = CliRunner().invoke(app, ["init", str(locked / "new")])
    assert result.exit_code == 1  # CliRunner sees the OutputError; the entry point maps it
    error = result.exception
    assert type(error).__name__ == "OutputError"
    assert str(error) == f"cannot write {locked / 'new'}: no permission to write into {locked}"
    assert list(locked.iterdir()) == []


def test_an_unknown_example_lists_the_examples_there_are(tmp_path: Path) -> None:
    """`demo --example nope` names the bundled examples (and offers the one meant if near)."""
    done = run("demo", "--example", "nope", "--out", tmp_path / "d")
    assert done.returncode == 2
    said = " ".join(done.stderr.replace("│", " ").split())
    assert "the examples: bilateral-exercise, relief-operation; looked in" in said
    near = run("demo", "--example", "relief-operatoin", "--out", tmp_path / "d")
    assert "did you mean 'relief-operation'?" in " ".join(near.stderr.replace("│", " ").split())
    cut = run("demo", "--example", "relief-op", "--out", tmp_path / "d")  # a name's start
    assert "did you mean 'relief-operation'?" in " ".join(cut.stderr.replace("│", " ").split())
