"""Extraction and Python's garbage collector: paused while records are made, then as found.

The records join the oldest generation at once (``gc.freeze`` then ``gc.unfreeze``), unless
the process holds frozen objects of its own, which must stay frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import numpy as np
import pytest

from supplyline.domain import Movement
from supplyline.planning.assemble import Problem, build_model, prepare
from supplyline.planning.examples import two_depots_one_hub
from supplyline.planning.extract import Records, extract
from supplyline.planning.highs import HighsSession
from supplyline.planning.model import LpModel
from supplyline.planning.params import PlanParams


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, LpModel, np.ndarray]:
    """A small plan with movements, solved once for the module."""
    p = prepare(*two_depots_one_hub(1), PlanParams())
    m = build_model(p)
    x = HighsSession(m, p.params).solve().x
    assert x is not None
    return p, m, x


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does to the collector is undone after it."""
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def _young_records() -> int:
    return sum(isinstance(o, Movement) for o in gc.get_objects(generation=0))


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.parametrize("enabled", [True, False])
def test_extraction_leaves_the_collector_on_or_off_as_it_was(
    solved: tuple[Problem, LpModel, np.ndarray], enabled: bool
) -> None:
    """A process that had the collector off still has it off afterwards, and on if on."""
    (gc.enable if enabled else gc.disable)()
    records = extract(*solved)
    assert records.movements
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector_restored")
def test_the_records_skip_the_young_generation(
    solved: tuple[Problem, LpModel, np.ndarray],
) -> None:
    """No young pass will look at the new records: they are in the oldest generation."""
    gc.collect()
    records: Records = extract(*solved)
    assert records.movements
    assert _young_records() == 0
    assert sum(isinstance(o, Movement) for o in gc.get_objects(generation=2)) >= len(
        records.movements
    )


@pytest.mark.usefixtures("collector_restored")
def test_objects_the_process_froze_stay_frozen(
    solved: tuple[Problem, LpModel, np.ndarray],
) -> None:
    """With objects of its own frozen, the process keeps them so; the records stay young."""
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    records = extract(*solved)
    assert gc.get_freeze_count() == frozen
    assert _young_records() == len(records.movements)
