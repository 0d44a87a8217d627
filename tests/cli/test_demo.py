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
