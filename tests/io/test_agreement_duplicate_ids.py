"""A duplicate agreement id is said whatever else is wrong with either entry.

A tester's second ``dup-1``, whose price was negative, was reported for its price alone:
the entry failed, so its id was never compared with the first's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io.template import write_template

ENTRY = """\
- id: dup-1
  parties: [home, host]
  valid_from: 2025-05-15
  valid_to: 2025-07-31
  commodities: [water]
  prices:
    water: "{price}"
"""
LINES = ENTRY.count("\n")


@settings(max_examples=12, deadline=None)
@given(first_bad=st.booleans(), second_bad=st.booleans(), copies=st.integers(2, 3))
def test_the_duplicate_is_said_with_both_lines(
    first_bad: bool, second_bad: bool, copies: int
) -> None:
    """Each later copy is named at its line with the first's, beside any price error."""
    bad = [first_bad] + [second_bad] * (copies - 1)
    text = "".join(ENTRY.format(price="-4.50" if b else "4.50") for b in bad)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_template(Path(tmp) / "scenario")
        (folder / "agreements.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError) as caught:
            load_scenario(folder)
    issues = [i for i in caught.value.issues if i.file == "agreements.yaml"]
    duplicates = [(i.line, i.column, i.message) for i in issues if "duplicate" in i.message]
    assert duplicates == [
        (
            1 + n * LINES,
            f"[{n}].id",
            "duplicate agreement id 'dup-1' (first on line 1; ids must be unique)",
        )
        for n in range(1, copies)
    ]
    negatives = [i.line for i in issues if "is negative" in i.message]
    assert negatives == [(n + 1) * LINES for n, b in enumerate(bad) if b]
