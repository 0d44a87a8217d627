"""A scenario built in Python is held to the ranges its files take: one set of limits.

A tester's unit with ``deployment_lift_t=1e11`` planned ("optimal 0.0
1679999925956785.0") where ``write_scenario`` refused it, units.csv taking at most
10,000,000 t. Each record now refuses a number out of its file's range as it is built
(tests/io/test_constructors_refuse_as_files.py); an agreement's amount with more decimals
than the ledger keeps, which the records took and ``validate`` refused, is refused as it is
built too (tests/domain/test_agreement_price_list.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from supplyline.domain import Scenario
from supplyline.errors import ArgumentError, ScenarioError
from supplyline.io import load_scenario, write_scenario
from supplyline.io.factors import factors_for
from supplyline.requirements import compute_requirements

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"


@functools.cache
def _example() -> Scenario:
    return load_scenario(EXAMPLE)


def _python_verdict(scenario: Scenario) -> set[str]:
    """The fields ``compute_requirements`` names as wrong (empty: accepted)."""
    try:
        compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    except ScenarioError as error:
        return {i.column.rsplit(": ", 1)[-1].rsplit(".", 1)[-1] for i in error.issues}
    return set()


def _files_verdict(scenario: Scenario) -> set[str]:
    """The columns the loader names as wrong once ``write_scenario`` wrote it (empty: loads)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            write_scenario(scenario, tmp)
        except ArgumentError as error:
            if "would not load back" not in str(error):
                raise  # loaded back otherwise: not a verdict on a range
            return set(re.findall(r"[\s.]([a-z_0-9]+): ", str(error).split(": ", 1)[1]))
    return set()


LIFT_SAID = "deployment_lift_t: 100000000000.0 is too large (a number from 0 to 10,000,000 t)"


def test_lift_of_1e11_refused_as_the_unit_is_built() -> None:
    """The tester's case: the unit itself refuses the lift beyond units.csv's range.

    It planned "optimal" once, then was refused by ``compute_requirements`` and
    ``plan_movements``; now before either, naming the unit, in units.csv's words.
    """
    unit = _example().units[0]
    with pytest.raises(ArgumentError) as raised:
        dataclasses.replace(unit, deployment_lift_t=1e11)
    assert str(raised.value) == f"unit 'wm-hq': {LIFT_SAID}"


def test_lift_of_1e11_refused_by_units_csv_in_the_same_words(tmp_path: Path) -> None:
    """The files' way in says the same range, at units.csv's line and column."""
    write_scenario(_example(), tmp_path / "s")
    units = tmp_path / "s" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("wm-hq,"))
    header = next(line for line in lines if line.startswith("id,")).split(",")
    cells = lines[at].split(",")
    cells[header.index("deployment_lift_t")] = "1e11"
    lines[at] = ",".join(cells)
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(tmp_path / "s")
    (issue,) = raised.value.issues
    assert (issue.file, issue.column) == ("units.csv", "deployment_lift_t")
    assert issue.message.split(" is ", 1)[1] == LIFT_SAID.split(" is ", 1)[1]


@pytest.mark.parametrize(
    ("field", "amount"),
    [("per_t", Decimal("4200.123456789")), ("ceiling_total", Decimal("1500000.001"))],
)
def test_amount_with_more_decimals_than_the_file_takes(field: str, amount: Decimal) -> None:
    """An agreement's amount the ledger cannot keep is refused as it is built, as the file does.

    The record took it, and only ``validate`` (and agreements.yaml) refused it.
    """
    agreement = _example().agreements[0]
    record = agreement.prices[0] if field == "per_t" else agreement
    with pytest.raises(ArgumentError, match=rf"{re.escape(str(amount))} has more decimal places"):
        dataclasses.replace(record, **{field: amount})


def test_horizon_range_is_the_files() -> None:
    """Scenario's own check of horizon_days says the loader's range (1 to 3,660 days)."""
    with pytest.raises(ArgumentError, match=r": horizon_days: 3661 is too large \(a whole number"):
        dataclasses.replace(_example(), horizon_days=3661)
