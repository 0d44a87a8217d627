"""A tester's findings on the words of input mistakes: each said as a person reads it.

An empty scenario path read the current folder; a long id's quote was never closed; a 2 MB
cell was blamed on the quotes; a day typed ``40`` was said as the date it stands for,
as if a date had been typed; a key written twice in ``--params`` gave tomllib's "Cannot
overwrite a value", naming neither the key nor where it was first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario
from supplyline.io._cells import show
from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario

BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
EMPTY = r"'' is empty: give a scenario folder \(\. is the current folder\)"


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BILATERAL, tmp_path / "bilateral"))


def _said(folder: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return str(caught.value)


@pytest.mark.parametrize("read", [load_scenario, lambda p: plan_scenario(p, None)])
def test_an_empty_path_is_refused_in_the_clis_words(read: object) -> None:
    """``''`` read the current folder and listed its missing files; it is refused instead."""
    with pytest.raises(ArgumentError, match=EMPTY):
        read("")  # type: ignore[operator]


def test_a_long_value_cut_short_keeps_its_closing_quote() -> None:
    """``'wwww…`` read as a quote never closed; the cut text ends ``…'``."""
    said = show("w" * 100)
    assert said.endswith("…'")
    assert said.startswith("'w")
    assert len(said) == 40
    assert show("short") == "'short'"


def test_a_long_id_is_quoted_whole(tmp_path: Path) -> None:
    """The too-long id in links.csv is said with its quote closed."""
    folder = _copy(tmp_path)
    links = folder / "links.csv"
    links.write_text(links.read_text().replace("r-garrison,wm-garrison", "r-garrison," + "w" * 80))
    said = _said(folder)
    assert "id 'www" in said
    assert "…' is too long (at most 64 characters)" in said


def test_a_huge_cell_is_said_too_long_not_a_quote_problem(tmp_path: Path) -> None:
    """A 2 MB name: its line and column, "longer than", nothing about quotes."""
    folder = _copy(tmp_path)
    places = folder / "locations.csv"
    places.write_text(places.read_text().replace("Lindau Barracks", "L" * 2_000_000))
    said = _said(folder)
    assert "locations.csv:4: name: a cell is longer than 1,048,576 characters" in said
    assert "quote" not in said
    assert "field limit" not in said


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("40", "units.csv:5: required_day: 40 is C+40 (2025-09-13), after the horizon's"),
        ("C+40", "units.csv:5: required_day: C+40 is 2025-09-13, after"),
        ("2025-09-13", "units.csv:5: required_day: 2025-09-13 is C+40, after"),
    ],
)
def test_a_day_past_the_horizon_is_said_as_written_first(
    tmp_path: Path, written: str, said: str
) -> None:
    """What the user typed comes first (a date typed is said once, as typed)."""
    folder = _copy(tmp_path)
    units = folder / "units.csv"
    units.write_text(units.read_text().replace("10,0,13,240,", f"10,0,{written},240,", 1))
    assert said in _said(folder)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("time_limit_s = 5\nthreads = 1\ntime_limit_s = 6\n",
         "p.toml:3: key 'time_limit_s' appears twice (keep one; the first is on line 1)"),
        ("[weights]\nlate_per_t_day = 1\nlate_per_t_day = 2\n",
         "p.toml:3: key 'weights.late_per_t_day' appears twice (keep one; the first is on line 2)"),
    ],
)  # fmt: skip
def test_a_key_written_twice_in_params_is_named(tmp_path: Path, text: str, said: str) -> None:
    """As the YAML reader says it: the key, and the line it was first written on."""
    path = tmp_path / "p.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    assert said in str(caught.value)
    assert "Cannot overwrite" not in str(caught.value)
