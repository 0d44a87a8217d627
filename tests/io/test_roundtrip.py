"""Writing a scenario and reading it back gives the same scenario."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from io_strategies import scenarios

from supplyline.domain import Scenario
from supplyline.io import load_scenario, write_scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_write_then_load_is_identity(scenario: Scenario) -> None:
    """load(write(s)) == s for random valid scenarios (floats, money, sets, text)."""
    with tempfile.TemporaryDirectory() as tmp:
        assert load_scenario(write_scenario(scenario, tmp)) == scenario


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_write_is_stable(scenario: Scenario) -> None:
    """Writing a loaded scenario again gives byte-identical files."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        write_scenario(scenario, one)
        write_scenario(load_scenario(one), two)
        for name in ("scenario.yaml", "units.csv", "links.csv", "agreements.yaml"):
            assert (Path(one) / name).read_bytes() == (Path(two) / name).read_bytes()
