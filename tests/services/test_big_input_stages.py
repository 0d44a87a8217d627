"""The stages a big input's load and requirements announce, so that no terminal is silent.

A tester's ``requirements`` of 200,000 units said one line, then nothing for 87 s, and
``validate`` of 200,000 links nothing for a minute. The thresholds of "big" are lowered
here so that the bundled example, read in a blink, says every stage a big folder says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.io import progress_tenths
from supplyline.services.scenarios import (
    assess_requirements,
    bundled_example,
    check_scenario,
    export_requirements,
)

READING = [
    "reading scenario.yaml",
    "reading locations.csv",
    "reading locations.csv (100 % of the rows)",
    "reading links.csv",
    "reading units.csv",
    "reading units.csv (100 % of the rows)",
    "checking the scenario (references, ranges, reach)",
]
"""What reading a big folder says, in order (among the tenths of each table's rows)."""


@pytest.fixture
def everything_big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file and every loop counted big, as 200,000 rows are."""
    monkeypatch.setattr(progress_tenths, "BIG_ROWS", 1)
    monkeypatch.setattr(progress_tenths, "BIG_BYTES", 1)


def _in_order(said: list[str], expected: list[str]) -> bool:
    """Whether ``expected`` are all among ``said``, in that order."""
    at = iter(said)
    return all(any(stage == heard for heard in at) for stage in expected)


@pytest.mark.usefixtures("everything_big")
def test_requirements_of_a_big_folder_say_every_stage(tmp_path: Path) -> None:
    """Loading, each file's rows, the checks, the totals and each file written: in order."""
    said: list[str] = []
    result = assess_requirements(bundled_example(), progress=said.append)
    export_requirements(result, tmp_path / "req", progress=said.append)
    expected = [
        "loading scenario",
        *READING,
        "fingerprinting the scenario",
        "computing requirements",
        "totalling the requirements by unit",
        "writing requirements_daily.csv (100 % of the units)",
        "writing requirements_by_unit.csv",
        "writing requirements.json",
    ]
    assert _in_order(said, expected), said


@pytest.mark.usefixtures("everything_big")
def test_validating_a_big_folder_says_its_stages_without_a_fingerprint() -> None:
    """``validate``'s load says what it reads and checks, and fingerprints nothing."""
    said: list[str] = []
    check_scenario(bundled_example(), progress=said.append)
    assert _in_order(said, READING), said
    assert "fingerprinting the scenario" not in said


def test_a_small_folder_says_only_the_main_stages(tmp_path: Path) -> None:
    """At the real thresholds the example's log keeps its few lines: no reading, no tenths."""
    said: list[str] = []
    result = assess_requirements(bundled_example(), progress=said.append)
    export_requirements(result, tmp_path / "req", progress=said.append)
    assert said[:2] == ["loading scenario", "computing requirements"], said
    assert not [s for s in said if s.startswith(("reading", "checking", "writing requirements."))]
