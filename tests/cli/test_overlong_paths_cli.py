"""A path the system will not look at (a name past 255 bytes) is said, never a traceback.

A tester's 300-character name to ``init``, ``validate``, ``plan --out``, ``requirements
--out``, ``plan --report`` and ``plan --mps`` ended each in ``OSError: [Errno 36] File name
too long`` (exit 1); ``load_scenario`` raised it bare. ``--out new/<300>/x`` passed the
checks, planned, then made ``new`` before the write failed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import OutputError, ScenarioError
from supplyline.io import load_scenario
from supplyline.io.destinations import check_file_target, check_folder_target
from supplyline.io.template import write_template
from supplyline.staged_file import check_file_path

LONG = "n" * 300
TOO_LONG = "File name too long (shorten it: a folder or file name may have at most 255 bytes)"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``init`` template, to plan."""
    return write_template(tmp_path_factory.mktemp("tpl") / "s")


@pytest.mark.parametrize(
    ("args", "said", "code"),
    [
        (["init", LONG], f"cannot write {LONG}: {TOO_LONG}", 8),
        (["init", f"new/{LONG}"], f"cannot write new/{LONG}: {TOO_LONG}", 8),
        (["validate", LONG], f"{LONG}: cannot be read: {TOO_LONG}", 2),
        (["plan", "{s}", "--out", LONG], f"cannot write {LONG}: {TOO_LONG}", 8),
        (["plan", "{s}", "--out", f"new/{LONG}/x"], f"cannot write new/{LONG}/x: {TOO_LONG}", 8),
        (["requirements", "{s}", "--out", LONG], f"cannot write {LONG}: {TOO_LONG}", 8),
        # an output that cannot go where asked, as --out's: exit 8 (it was 2, "Invalid value")
        (["plan", "{s}", "--report", f"{LONG}.html"], f"cannot write {LONG}.html: {TOO_LONG}", 8),
        (["plan", "{s}", "--mps", f"{LONG}.mps"], f"cannot write {LONG}.mps: {TOO_LONG}", 8),
        (
            ["plan", "{s}", "--report", f"new/{LONG}/r.html"],
            f"cannot write new/{LONG}/r.html: {TOO_LONG}",
            8,
        ),
    ],
    ids=lambda v: " ".join(v).replace(LONG, "<300>")[:40] if isinstance(v, list) else None,
)
def test_each_front_door_says_the_name_is_too_long(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario: Path,
    args: list[str],
    said: str,
    code: int,
) -> None:
    """The path and the reason on stderr, the typed error's exit code, nothing made."""
    monkeypatch.chdir(tmp_path)
    done = run(*(a.format(s=scenario) for a in args))
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert said in " ".join(done.stderr.replace("│", " ").split()) or said in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_load_scenario_raises_a_scenario_error_naming_the_path() -> None:
    """The Python API's load raised a bare OSError."""
    with pytest.raises(ScenarioError, match=f"{LONG}: cannot be read: File name too long"):
        load_scenario(LONG)


_NAMES = st.text(
    st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12
).map(lambda s: s * (256 // len(s.encode()) + 1))
"""A name past 255 bytes, of any characters a file name may hold."""


@settings(max_examples=40)
@given(
    name=_NAMES,
    where=st.sampled_from(["{n}", "a/{n}", "{n}/b", "a/{n}/b.csv"]),
    check=st.sampled_from([check_folder_target, check_file_target, check_file_path]),
)
def test_no_output_check_lets_an_oserror_out(name: str, where: str, check: object) -> None:
    """Every output check says a too-long path as an OutputError, never an OSError."""
    assert callable(check)
    path = os.path.join(os.path.realpath("/tmp"), where.format(n=name))
    with pytest.raises(OutputError, match="File name too long"):
        check(path)


@settings(max_examples=40)
@given(name=_NAMES, below=st.booleans())
def test_no_load_lets_an_oserror_out(name: str, below: bool) -> None:
    """Loading from a too-long path is a ScenarioError naming it."""
    path = f"/tmp/{name}/s" if below else f"/tmp/{name}"
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    assert raised.value.issues[0].file == path
