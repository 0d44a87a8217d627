"""A custom activity level with a bad value, named by a unit, is the loader's error everywhere.

The ``init`` template's ``exercise: 1.8`` made ``-1.8`` (``8:exercise`` in units.csv): the
loader said ``scenario.yaml:42: activity_levels.exercise: -1.8 is negative``, but the
arrival checks it runs for the commands read the lost level and every command ended in a
``KeyError: 'exercise'`` traceback (exit 1; ``plan --format json`` printed nothing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io.template import write_template
from supplyline.services.scenarios import open_scenario

GOOD = "  exercise: 1.8\n"


def _with_exercise(folder: Path, value: str) -> Path:
    """The ``init`` template with the ``exercise`` level (used by bn-1) set to ``value``."""
    write_template(folder, force=True)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert GOOD in text
    yaml.write_text(text.replace(GOOD, f"  exercise: {value}\n"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["requirements"],
        ["reach"],
        ["plan"],
    ],
    ids=" ".join,
)
def test_each_command_says_the_levels_line_and_exits_2(tmp_path: Path, command: list[str]) -> None:
    """Each command says the level's error on its line, exits 2, no traceback, no files."""
    folder = _with_exercise(tmp_path / "s", "-1.8")
    out = tmp_path / "out"
    extra = ["--out", str(out)] if command[0] in {"plan", "requirements"} else []
    done = run(*command, folder, *extra)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "scenario.yaml:42: activity_levels.exercise: -1.8 is negative" in done.stderr
    assert not out.exists()


def test_plan_for_programs_gives_the_error_as_json(tmp_path: Path) -> None:
    """``plan --format json`` prints the error (it printed nothing after a traceback)."""
    done = run("plan", _with_exercise(tmp_path / "s", "-1.8"), "--format", "json")
    assert done.returncode == 2, done.stderr
    said = json.loads(done.stdout)
    assert (said["exit_code"], said["file"], said["line"]) == (2, "scenario.yaml", 42)
    assert said["column"] == "activity_levels.exercise"


@pytest.mark.parametrize("value", ["abc", ".nan", "1e9", '""'])
def test_other_bad_values_are_said_too(tmp_path: Path, value: str) -> None:
    """Text, NaN, a huge number and an empty value crashed alike; each is now said."""
    done = run("validate", _with_exercise(tmp_path / "s", value))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "scenario.yaml:42: activity_levels.exercise:" in done.stderr


_BAD_LEVELS = st.one_of(
    st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False).map(repr),
    st.floats(min_value=10.001, max_value=1e300).map(repr),
    st.sampled_from([".nan", ".inf", "-.inf", "abc", '""', "[1]", "{a: 1}", "null", "true"]),
)


@settings(max_examples=25)
@given(value=_BAD_LEVELS)
def test_any_bad_level_a_unit_names_is_a_scenario_error(
    tmp_path_factory: pytest.TempPathFactory, value: str
) -> None:
    """Opening a scenario as the commands do raises ScenarioError naming line 42, never more."""
    folder = _with_exercise(tmp_path_factory.mktemp("s"), value)
    with pytest.raises(ScenarioError) as raised:
        open_scenario(folder)
    assert any(
        i.file == "scenario.yaml" and i.line == 42 and i.column == "activity_levels.exercise"
        for i in raised.value.issues
    ), raised.value.issues
