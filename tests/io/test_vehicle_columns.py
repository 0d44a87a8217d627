"""units.csv's ``vehicles_<class>`` columns match their class whatever the letter case."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._vehicle_columns import class_of


@pytest.mark.parametrize("column", ["Vehicles_Truck", "VEHICLES_TRUCK", "vehicles_TRUCK"])
def test_a_class_column_in_another_letter_case_counts_that_class(folder: Path, column: str) -> None:
    """``Vehicles_Truck`` counts the class ``truck`` (as column names match in any case)."""
    edit(folder, "units.csv", ",vehicles_truck,", f",{column},")
    assert dict(load_scenario(folder).units[0].vehicles) == {"truck": 40}


def test_two_columns_of_one_class_are_refused(folder: Path) -> None:
    """``vehicles_truck`` and ``Vehicles_Truck`` in one header: which counts is not guessed."""
    edit(folder, "units.csv", ",vehicles_truck,", ",vehicles_truck,Vehicles_Truck,")
    edit(folder, "units.csv", ",450,40,", ",450,40,5,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert [str(i) for i in caught.value.issues] == [
        "units.csv:3: Vehicles_Truck: columns 'vehicles_truck' and 'Vehicles_Truck' both count "
        "vehicle class 'truck' (column names are matched whatever their letter case; keep one)"
    ]


def test_classes_equal_but_for_case_need_the_exact_id(folder: Path) -> None:
    """With classes ``truck`` and ``Truck`` (ids are case-sensitive), ``TRUCK`` is ambiguous."""
    edit(
        folder,
        "scenario.yaml",
        "  - id: truck\n",
        "  - {id: Truck, fuel_l_per_100km: 30, km_per_day: 50}\n  - id: truck\n",
    )
    edit(folder, "units.csv", ",vehicles_truck,", ",VEHICLES_TRUCK,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert "vehicle classes 'Truck' and 'truck' differ only in letter case" in str(
        caught.value.issues[0]
    )


@given(st.lists(st.from_regex(r"[a-zA-Z][a-zA-Z0-9_-]{0,8}", fullmatch=True), min_size=1))
def test_a_column_names_its_own_class_first_and_one_class_when_case_is_clear(
    classes: list[str],
) -> None:
    """Each class is found by its own id; by another case, when no other class shares it."""
    ids = tuple(dict.fromkeys(classes))
    for cls in ids:
        assert class_of(ids, cls) == [cls]
        same = [c for c in ids if c.casefold() == cls.casefold()]
        assert class_of(ids, cls.swapcase()) == (
            [cls.swapcase()] if cls.swapcase() in ids else same
        )


def test_the_known_columns_of_units_name_the_vehicle_columns(folder: Path) -> None:
    """An unknown column's list of known ones ends with vehicles_<class> and each class's.

    A tester's list left them out, though the template's header has ``vehicles_truck``.
    """
    edit(folder, "units.csv", ",personnel,", ",personnel,colour,")
    edit(folder, "units.csv", ",450,40,", ",450,red,40,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    (issue,) = caught.value.issues
    assert str(issue).endswith(
        "receive_close_h, priority, on_hand_days, and vehicles_<class> for each vehicle class "
        "(vehicles_truck))"
    )
