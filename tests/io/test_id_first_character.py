"""An id that starts with ``_ - . :`` is told to start with a letter or digit.

A tester's ``-u1`` was told "has characters ids cannot have: '-' (U+002D HYPHEN-MINUS)
(letters, digits and _ - . : only, …)": the hyphen is allowed, only not first. A character
no id may have anywhere is still named as one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.types import ID_PATTERN, id_problem


def _errors_with(tmp_path: Path, relief_dir: Path, site: str) -> list[str]:
    """The load's errors, the relief example's ``site-ridge`` written ``site``."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    edit(folder, "locations.csv", "site-ridge,Site 6", f"{site},Site 6")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues if i.severity is Severity.ERROR]


@pytest.mark.parametrize("first", ["-", "_"])
def test_a_bad_first_character_is_said_as_such(
    first: str, tmp_path: Path, relief_dir: Path
) -> None:
    """``-site-ridge`` and ``_site-ridge``: must start with a letter or digit, not it."""
    (error,) = _errors_with(tmp_path, relief_dir, f"{first}site-ridge")
    assert error.startswith(
        f"locations.csv:16: id: id '{first}site-ridge' must start with a letter or digit, "
        f"not '{first}'"
    )
    assert "characters ids cannot have" not in error


def test_a_character_no_id_may_have_is_named(tmp_path: Path, relief_dir: Path) -> None:
    """``-site@ridge``: the '@' is said, which no place in an id allows, not the '-'."""
    (error,) = _errors_with(tmp_path, relief_dir, "-site@ridge")
    assert error.startswith(
        "locations.csv:16: id: id '-site@ridge' has characters ids cannot have: '@' "
        "(U+0040 COMMERCIAL AT) (letters, digits and _ - . : only, starting with a letter "
        "or digit)"
    )


@given(
    first=st.sampled_from("_-.:"),
    rest=st.text(alphabet="ab1_-.:é", max_size=20),
)
def test_allowed_characters_after_a_punctuation_mark_are_told_the_start(
    first: str, rest: str
) -> None:
    """Whatever follows, an id of allowed characters is refused for its start alone."""
    assert not ID_PATTERN.fullmatch(first + rest)
    assert id_problem(first + rest) == f"must start with a letter or digit, not {first!r}"
