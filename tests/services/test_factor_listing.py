"""The factors listing of a scenario carries what its load warns of, as validate finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.errors import ScenarioError
from supplyline.io import write_template
from supplyline.services.scenarios import list_factors, open_scenario


def _with_override(tmp_path: Path, key: str) -> Path:
    folder = write_template(tmp_path / "scenario")
    yaml = folder / "scenario.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(
            "planning_factors: {}", f"planning_factors: {{{key}: 2.2}}"
        ),
        encoding="utf-8",
    )
    return folder


def test_an_unused_override_key_is_warned_of_at_its_line(tmp_path: Path) -> None:
    """The listing's warnings are validate's: the key's line and the known keys like it.

    A key more than one slip from every default is a new factor no rate names yet: a
    warning (one slip off, ``…_kg_pd``, is an error now: the plan would take the default).
    """
    folder = _with_override(tmp_path, "food.mil.ration_3mre_kg_per_day")
    listing = list_factors("ration", folder)
    assert listing.warnings == open_scenario(folder).warnings
    [warning] = [w for w in listing.warnings if "3mre_kg_per_day" in w.message]
    assert (warning.file, warning.column) == (
        "scenario.yaml",
        "planning_factors.food.mil.ration_3mre_kg_per_day",
    )
    assert warning.line is not None
    assert (
        "planning_factors" in (folder / "scenario.yaml").read_text().splitlines()[warning.line - 1]
    )
    assert "known keys like it: food.mil.ration_3mre_kg_ppd" in warning.message


def test_an_override_key_one_slip_off_a_default_is_an_error(tmp_path: Path) -> None:
    """``…_kg_pd`` for ``…_kg_ppd``: the listing refuses it as validate does, at its line."""
    folder = _with_override(tmp_path, "food.mil.ration_3mre_kg_pd")
    with pytest.raises(ScenarioError, match=r"did you mean food\.mil\.ration_3mre_kg_ppd\?"):
        list_factors("ration", folder)


def test_a_known_override_key_gives_no_warning_and_is_marked(tmp_path: Path) -> None:
    """A key spelt right is listed as overridden, with nothing to warn of."""
    listing = list_factors("ration_3mre", _with_override(tmp_path, "food.mil.ration_3mre_kg_ppd"))
    assert listing.warnings == ()
    assert [(r["key"], r["value"], r["overridden"]) for r in listing.rows] == [
        ("food.mil.ration_3mre_kg_ppd", 2.2, True)
    ]


def test_without_a_scenario_the_defaults_have_no_warnings() -> None:
    """The bare listing is the shipped defaults, none overridden."""
    listing = list_factors()
    assert listing.rows
    assert listing.warnings == ()
    assert not any(r["overridden"] for r in listing.rows)


def test_a_pattern_that_matches_nothing_says_so_with_what_can_be_matched() -> None:
    """No rows, and ``nothing_matched`` offers the word meant and the keys' first parts."""
    listing = list_factors("watr")
    assert listing.rows == []
    assert listing.nothing_matched.startswith(
        "no planning factor's key or description contains 'watr' (did you mean 'water'?; "
        "keys begin with air, bog, container,"
    )
    assert list_factors("water").nothing_matched == ""
