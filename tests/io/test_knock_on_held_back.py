"""An entry or section dropped for its own error holds back the references it would explain."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario


def issues_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues]


@pytest.mark.parametrize("reserved", ["deploy:fuel", "DEPLOY:fuel", "deploy-pax:fuel"])
def test_a_reserved_commodity_id_is_not_followed_by_unknown_commodity(
    folder: Path, reserved: str
) -> None:
    """``- id: deploy:fuel`` is one error: stocks and agreements naming fuel wait for it."""
    edit(folder, "scenario.yaml", "  - id: fuel\n", f"  - id: {reserved}\n")
    (issue,) = issues_of(folder)
    assert issue.startswith(f"scenario.yaml:27: commodities[2].id: commodity id {reserved!r}")


def test_activity_levels_written_as_a_list_is_not_followed_by_unknown_level(folder: Path) -> None:
    """activity_levels as a list is one error: units.csv's 'exercise' is not called unknown."""
    edit(folder, "scenario.yaml", "  exercise: 1.8", "  - exercise: 1.8")
    assert issues_of(folder) == [
        "scenario.yaml:42: activity_levels: activity_levels must be a mapping of key: value "
        "lines, not a list ([{exercise: 1.8}])"
    ]


def test_a_well_formed_section_still_has_its_unknown_levels_said(folder: Path) -> None:
    """A level missing from a well-formed activity_levels is still said (nothing was lost)."""
    edit(folder, "scenario.yaml", "  exercise: 1.8", "  drill: 1.8")
    (issue,) = issues_of(folder)
    assert "refers to unknown activity level 'exercise'" in issue
