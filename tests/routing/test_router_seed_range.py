"""``RouterParams`` takes the seeds the CLI's ``--seed`` takes, and refuses the rest as it does.

A tester's ``RouterParams(seed=-1)`` was taken: ``route_scenario_day`` solved the plan, then
PyVRP failed with a bare TypeError. ``seed=2**32`` likewise; only seeds above 1e12 were
refused. The CLI refused both ("give a seed, a whole number from 0 to 4,294,967,295").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.errors import ArgumentError
from supplyline.routing import RouterParams
from supplyline.routing.convoy import ConvoyParams
from supplyline.routing.seeds import MAX_SEED, derived_seed
from supplyline.services.routing import route_scenario_day

RELIEF = Path(__file__).parents[2] / "examples" / "relief-operation"
CLI_WORDS = "give a seed, a whole number from 0 to 4,294,967,295"
"""What ``routes --seed -1`` says (tests/cli/test_seed_option.py)."""


@pytest.mark.parametrize("seed", [-1, 2**32, 2**32 + 7, 2**40, 2**64])
def test_a_seed_outside_the_cli_range_is_refused_in_its_words(seed: int) -> None:
    """ArgumentError at construction, in the words the CLI's ``--seed`` uses."""
    with pytest.raises(ArgumentError, match=f"seed\\(={seed}\\) is out of range: {CLI_WORDS}"):
        RouterParams(seed=seed)


@pytest.mark.parametrize("seed", [True, 1.5, "3"])
def test_a_seed_of_the_wrong_kind_is_refused(seed: object) -> None:
    """A bool, a fraction or text is an ArgumentError naming the seed."""
    with pytest.raises(ArgumentError, match=r"seed\(="):
        RouterParams(seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [0, 2**32 - 1])
def test_the_ends_of_the_range_route_a_day(seed: int) -> None:
    """Seeds 0 and 2**32-1 are taken and reach PyVRP: the day is routed."""
    params = ConvoyParams(router=RouterParams(time_limit_s=5.0, max_iterations=50, seed=seed))
    run = route_scenario_day(RELIEF, day=3, from_demand=True, params=params)
    assert run.routes.routes


def test_a_float_seed_that_is_whole_is_taken_as_an_int() -> None:
    """``seed=7.0`` is 7, as a record's whole float is; ``2.0**32`` is still refused."""
    assert RouterParams(seed=7.0).seed == 7  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=CLI_WORDS):
        RouterParams(seed=2.0**32)  # type: ignore[arg-type]


@pytest.mark.parametrize(("seed", "offset"), [(MAX_SEED, 1), (MAX_SEED - 3, 7919 * 5), (0, 0)])
def test_derived_seeds_stay_in_range(seed: int, offset: int) -> None:
    """A portfolio worker's seed (``seed + k * 7919``) wraps round instead of leaving the range."""
    assert 0 <= derived_seed(seed, offset) <= MAX_SEED
