"""Fixtures for the planning tests: hand-made tiny scenarios and the bundled examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain import Demand, Scenario
from supplyline.services.scenarios import assess_requirements, bundled_example


@pytest.fixture(scope="session")
def bilateral() -> tuple[Scenario, Demand]:
    """The bundled bilateral exercise and its requirements (loaded once per session)."""
    result = assess_requirements(bundled_example("bilateral-exercise"))
    return result.opened.scenario, result.demand


@pytest.fixture(scope="session")
def relief() -> tuple[Scenario, Demand]:
    """The bundled relief operation and its requirements (loaded once per session)."""
    result = assess_requirements(bundled_example("relief-operation"))
    return result.opened.scenario, result.demand


@pytest.fixture(scope="session")
def bilateral_dir() -> Path:
    """The folder of the bundled bilateral exercise."""
    return bundled_example("bilateral-exercise")
