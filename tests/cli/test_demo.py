"""`supplyline demo`, the main job of `make demo`, runs end to end.

It calls the plan command as a function, not through Typer: a new option of ``plan``
(``--fair-share``) reached it as Typer's option object and broke `make demo` on a clean
clone while every other test passed.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app


def test_the_demo_plans_the_bundled_example_and_writes_its_report(tmp_path: Path) -> None:
    _register_commands()
    out = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "plan optimal" in result.output
    assert (out / "plan.html").stat().st_size > 10_000
    assert (out / "movements.csv").is_file()


def test_an_unknown_example_is_a_bad_option(tmp_path: Path) -> None:
    """`demo --example bogus` exited 3 (not found); a bad option value is 2, as any."""
    _register_commands()
    result = CliRunner().invoke(app, ["demo", "--example", "bogus", "--out", str(tmp_path)])
    assert result.exit_code == 2


def test_init_refuses_a_plans_folder_even_with_force(tmp_path: Path) -> None:
    """`init out/plan --force` replaced a plan's stocks.csv and left half of each."""
    from cli_helpers import run

    (tmp_path / "stocks.csv").write_text("the plan's\n")
    done = run("init", tmp_path, "--force")
    assert done.returncode == 8, done.stderr
    assert (tmp_path / "stocks.csv").read_text() == "the plan's\n"


def test_a_terminal_that_cannot_show_a_dash_gets_no_traceback(tmp_path: Path) -> None:
    """A latin-1 terminal: `plan` wrote its files, then failed on "–" with a traceback."""
    import os
    import subprocess
    import sys

    from cli_helpers import BILATERAL

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--out", str(tmp_path / "o")],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")[-500:]
    assert b"Traceback" not in done.stderr
    assert b"C+3?C+11" in done.stdout  # the dash it cannot show, replaced


def test_init_prints_a_command_that_works_when_pasted(tmp_path: Path) -> None:
    """A folder with a space prints its validate command quoted, and that command runs."""
    import shlex

    from cli_helpers import run

    folder = tmp_path / "opé ration" / "séisme"
    done = run("init", folder)
    assert done.returncode == 0, done.stderr
    command = done.stdout.split("check it with: ", 1)[1].strip()
    argv = shlex.split(command)
    assert argv == ["supplyline", "validate", str(folder)]
    assert run(*argv[1:]).returncode == 0


def test_a_plan_html_of_the_users_stops_the_demo_before_any_work(tmp_path: Path) -> None:
    """`demo` over the user's plan.html printed step 1's table, then offered a --force it lacked."""
    from cli_helpers import run

    (tmp_path / "plan.html").write_text("<html>mine</html>\n")
    done = run("demo", "--example", "relief-operation", "--out", tmp_path)
    assert done.returncode == 8, done.stderr
    assert done.stderr.strip() == (
        f"error: cannot write {tmp_path / 'plan.html'}: it exists and is not a report "
        'supplyline wrote (it has no <meta name="generator" content="supplyline …"> tag), so '
        "replacing it would lose it; choose another path, or give --force to replace it"
    )
    assert "What is needed" not in done.stdout  # no step began
    assert (tmp_path / "plan.html").read_text() == "<html>mine</html>\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]


def test_demo_force_replaces_the_users_plan_html(tmp_path: Path) -> None:
    """The --force the message offers is one demo has: the demo runs and writes its report."""
    _register_commands()
    (tmp_path / "plan.html").write_text("<html>mine</html>\n")
    result = CliRunner().invoke(
        app, ["demo", "--example", "relief-operation", "--out", str(tmp_path), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert "supplyline" in (tmp_path / "plan.html").read_text()[:4096]
    assert (tmp_path / "plan.json").is_file()
