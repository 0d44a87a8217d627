"""A unit of another dimension is never offered by its letters; an empty day-list item is an error.

A hostile-input tester's ``demand_unit: lb`` was offered ``did you mean 'L'?`` (litres for
pounds), and an outage list ``12;;13`` passed without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.domain import DemandUnit
from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue
from supplyline.io._day_cells import parse_activity, parse_outage_days
from supplyline.io._enum_cells import parse_enum


@pytest.mark.parametrize(
    ("written", "said"),
    [("lb", "lb, a unit of mass, is not accepted: use kg or t"),
     ("Pounds", "Pounds, a unit of mass, is not accepted: use kg or t"),
     ("g", "g, a unit of mass, is not accepted: use kg or t"),
     ("gal", "gal, a unit of volume, is not accepted: use L"),
     ("m3", "m3, a unit of volume, is not accepted: use L")],
)  # fmt: skip
def test_a_unit_not_accepted_is_told_those_of_its_dimension(written: str, said: str) -> None:
    """A known unit of mass or volume is told which units of its kind are accepted."""
    with pytest.raises(BadValue) as caught:
        parse_enum(written, DemandUnit)
    assert str(caught.value) == f"{written!r} is not allowed ({said}; one of: kg, L, t)"


@pytest.mark.parametrize(
    ("written", "meant"), [("litre", "L"), ("lt", "L"), ("kgg", "kg"), ("tonnes", "t")]
)
def test_a_spelling_of_an_accepted_unit_is_still_offered(written: str, meant: str) -> None:
    """A unit's own spellings and near slips keep their did-you-mean."""
    with pytest.raises(BadValue, match=rf"\(did you mean '{meant}'\?; one of"):
        parse_enum(written, DemandUnit)


@given(st.text(alphabet="abcdefhijmnopqrsuvwxyz", min_size=2, max_size=2))
def test_a_one_letter_unit_is_offered_only_to_a_word_it_begins(written: str) -> None:
    """``L`` or ``t`` is one slip from any two-letter word: offered only to ``l…``/``t…``."""
    with pytest.raises(BadValue) as caught:
        parse_enum(written, DemandUnit)
    assert "did you mean 'L'" not in str(caught.value)
    assert "did you mean 't'" not in str(caught.value)


def test_the_testers_pounds_are_said_at_their_key(folder: Path) -> None:
    """``demand_unit: lb`` in scenario.yaml: no litres offered, kg or t said."""
    edit(folder, "scenario.yaml", "demand_unit: kg", "demand_unit: lb")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    [issue] = caught.value.issues
    assert str(issue.column).endswith(".demand_unit")
    assert "use kg or t" in issue.message
    assert "'L'?" not in issue.message


@pytest.mark.parametrize(
    ("written", "number", "meant"),
    [("12;;13", "2 of 3", "12;13"), ("3-5;10;", "3 of 3", "3-5;10"), (";4", "1 of 2", "4")],
)
def test_an_empty_item_of_an_outage_list_is_refused(written: str, number: str, meant: str) -> None:
    """An empty item between ';' is a day lost or a stray ';': said, with what to write."""
    with pytest.raises(BadValue) as caught:
        parse_outage_days(written, None)
    assert str(caught.value) == (
        f"{written!r} has an empty item (number {number}): a day is missing, or remove the "
        f"extra ';' (write {meant})"
    )


@pytest.mark.parametrize("blank", ["", " ", ";", " ; "])
def test_a_cell_of_blanks_alone_has_no_outage(blank: str) -> None:
    """No day at all is no outage, as an empty cell always was."""
    assert parse_outage_days(blank, None) == frozenset()


def test_an_empty_item_of_an_activity_schedule_is_refused() -> None:
    """The other day list, ``0:normal;;7:high``, says the same."""
    with pytest.raises(BadValue, match=r"has an empty item \(number 2 of 3\)"):
        parse_activity("0:normal;;7:high", None)


def test_the_testers_outage_list_is_said_at_its_line_and_column(folder: Path) -> None:
    """links.csv's ``12;;13`` is an error at its row and the outage_days column."""
    text = (folder / "links.csv").read_text(encoding="utf-8")
    rows = text.splitlines()
    at = next(i for i, row in enumerate(rows) if row.startswith("road-1,"))
    edit(folder, "links.csv", rows[at], rows[at].rsplit(",", 1)[0] + ",12;;13")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    [issue] = [i for i in caught.value.issues if i.severity is Severity.ERROR]
    assert (issue.file, issue.line, issue.column) == ("links.csv", at + 1, "outage_days")
    assert issue.message.startswith("'12;;13' has an empty item")
