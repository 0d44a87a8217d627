"""``--seed`` mistakes said in a person's words, not pydantic's.

A tester's ``routes --seed -1`` read "Input should be greater than or equal to 0" and
``--seed x`` "Input should be a valid integer, unable to parse string as an integer".
"""

from __future__ import annotations

import pytest
from cli_helpers import BILATERAL, run


@pytest.mark.parametrize("command", ["routes", "routes-bench"])
@pytest.mark.parametrize(
    ("seed", "said"),
    [
        ("-1", "-1 is below 0: give a seed, a whole number from 0 to 4,294,967,295"),
        ("x", "'x' is not a seed, a whole number from 0 to 4,294,967,295"),
        ("4294967296", "4294967296 is above 4,294,967,295"),
    ],
)
def test_a_bad_seed_is_said_as_what_it_is(command: str, seed: str, said: str) -> None:
    """Exit 2 with the range a seed may take; no word of the validator's."""
    done = run(command, BILATERAL, "--seed", seed)
    assert done.returncode == 2
    assert said in " ".join(done.stderr.replace("│", " ").split())
    assert "Input should" not in done.stderr
