"""requirements.json's ``factors_used`` gives each factor's source note, an override's too.

docs/planning-factors.md says an overridden factor's note reads "[scenario] user value, in
place of the default …" in ``factors --scenario`` and in ``factors_used``; ``factors_used``
had no note at all (nor the description), only the key, value, unit, overridden and URL.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from supplyline.services.scenarios import assess_requirements, export_requirements, list_factors

EXAMPLE = Path(__file__).parents[2] / "examples" / "bilateral-exercise"
WATER = "water.mil.unit_sustaining_temperate_lppd"


def test_an_override_is_noted_as_the_scenario_s_in_factors_used(tmp_path: Path) -> None:
    """The overridden factor's note and description are those ``factors --scenario`` gives."""
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(
        text.replace("planning_factors: {}", f"planning_factors: {{{WATER}: 30}}"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    export_requirements(assess_requirements(folder), out)
    used = json.loads((out / "requirements.json").read_text(encoding="utf-8"))["factors_used"]
    water = next(f for f in used if f["key"] == WATER)
    assert water["value"] == 30.0
    assert water["overridden"] is True
    assert water["source_note"].startswith("[scenario] user value, in place of the default 23.1 (")
    (listed,) = list_factors(WATER, folder).rows
    assert (water["description"], water["source_note"]) == (
        listed["description"],
        listed["source_note"],
    )
    others = [f for f in used if f["key"] != WATER]
    assert others, used  # the defaults keep their own notes
    assert all(f["source_note"].startswith("[") and not f["overridden"] for f in others)
