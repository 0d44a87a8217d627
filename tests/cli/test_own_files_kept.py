"""No file option replaces a file supplyline did not write, unless ``--force``.

A developer's ``plan --report mine.html`` and ``plan --mps mine.mps`` replaced files of
their own, exit 0. Now every single-file output (``plan --report``, ``--mps``, ``routes
--report``) refuses such a file with exit 8 before any work and keeps it; a file an
earlier run wrote (a report by its generator tag, a model by its generator line) is
replaced, as re-runs need; ``--force`` replaces anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
PLAN = ["plan", str(EXAMPLE), "--explain", "0"]
ROUTES = ["routes", str(EXAMPLE), "--day", "14", "--from-demand", "--time-limit", "0.01"]
OWN_REPORT = '<!DOCTYPE html>\n<meta name="generator" content="supplyline 0.0.1" />\nEARLIER-COPY\n'
OWN_MODEL = "* generator: supplyline 0.0.1\nNAME        EARLIER-COPY\nENDATA\n"


def _run(*args: str) -> tuple[int, str]:
    """Exit code and stderr (or the error's message) of a command, as ``python -m`` maps it."""
    _register_commands()
    done = CliRunner().invoke(app, list(args))
    if isinstance(done.exception, SupplylineError):
        return exit_code_for(done.exception), str(done.exception)
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        raise done.exception
    return done.exit_code, done.stderr


@pytest.mark.parametrize(
    ("command", "option", "name", "what", "lacks"),
    [
        (PLAN, "--report", "mine.html", "a report", "it has no <meta name"),
        (PLAN, "--mps", "mine.mps", "an MPS model", "its first line is not '* generator"),
        (ROUTES, "--report", "mine.html", "a report", "it has no <meta name"),
    ],
)
def test_a_file_of_the_users_is_refused_before_any_work_and_kept(
    tmp_path: Path, command: list[str], option: str, name: str, what: str, lacks: str
) -> None:
    """Exit 8 in the ledger's words; the file as it was, and no plan folder made."""
    mine = tmp_path / name
    mine.write_text("my own notes\n", encoding="utf-8")
    code, said = _run(*command, option, str(mine), "--out", str(tmp_path / "out"))
    assert (code, said.split(" (")[0]) == (
        8,
        f"cannot write {mine}: it exists and is not {what} supplyline wrote",
    )
    assert f"({lacks}" in said
    assert said.endswith(
        "so replacing it would lose it; choose another path, or give --force to replace it"
    )
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert not (tmp_path / "out").exists()  # refused before the work, not after it


def test_plan_replaces_a_report_and_a_model_supplyline_wrote(tmp_path: Path) -> None:
    """Files an earlier run wrote (an older version's) are replaced without --force."""
    report, model = tmp_path / "plan.html", tmp_path / "plan.mps"
    report.write_text(OWN_REPORT, encoding="utf-8")
    model.write_text(OWN_MODEL, encoding="utf-8")
    assert _run(*PLAN, "--report", str(report), "--mps", str(model))[0] == 0
    assert "EARLIER-COPY" not in report.read_text(encoding="utf-8")
    assert model.read_text(encoding="utf-8").splitlines()[1].startswith("* supplyline-plan: ")


def test_plan_with_force_replaces_files_of_the_users(tmp_path: Path) -> None:
    """--force asks to lose them: both are replaced by the plan's."""
    report, model = tmp_path / "mine.html", tmp_path / "mine.mps"
    for path in (report, model):
        path.write_text("my own notes\n", encoding="utf-8")
    code, _ = _run(*PLAN, "--report", str(report), "--mps", str(model), "--force")
    assert code == 0
    assert '<meta name="generator" content="supplyline' in report.read_text(encoding="utf-8")
    assert model.read_text(encoding="utf-8").startswith("* generator: supplyline ")


def test_routes_replaces_a_plans_report_and_with_force_a_users_file(tmp_path: Path) -> None:
    """A report supplyline wrote (a plan's) is replaced; a file of the user's with --force."""
    report, mine = tmp_path / "plan.html", tmp_path / "mine.html"
    report.write_text(OWN_REPORT, encoding="utf-8")
    mine.write_text("my own notes\n", encoding="utf-8")
    assert _run(*ROUTES, "--report", str(report))[0] == 0
    assert _run(*ROUTES, "--report", str(mine), "--force")[0] == 0
    for path in (report, mine):
        assert "supplyline-routes" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "options"), [(PLAN, "--out, --report or --mps"), (ROUTES, "--out or --report")]
)
def test_force_without_a_file_option_says_it_has_nothing_to_do(
    command: list[str], options: str
) -> None:
    """A note on stderr, not an error: the command runs and exits 0."""
    code, said = _run(*command, "--force")
    note = (
        f"note: --force has nothing to do: it lets {options} replace a file supplyline did "
        "not write, and none is given"
    )
    assert (code, note in " ".join(said.split())) == (0, True)


def test_the_model_of_a_run_without_a_plan_is_replaced_by_the_re_run(tmp_path: Path) -> None:
    """The model kept for another solver (exit 6) is supplyline's: the re-run replaces it."""
    model = tmp_path / "plan.mps"
    assert _run(*PLAN, "--mps", str(model), "--time-limit", "0.001")[0] == 6
    assert _run(*PLAN, "--mps", str(model))[0] == 0
    assert model.read_text(encoding="utf-8").splitlines()[1].startswith("* supplyline-plan: ")
