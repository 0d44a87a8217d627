"""An allowed word's longer or shorter form (``airlift``, ``inland``) is offered as that word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.domain import LocationKind, Mode
from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue
from supplyline.io._enum_cells import parse_enum


@pytest.mark.parametrize(
    ("written", "meant"),
    [("airlift", "air"), ("airfreight", "air"), ("sealift", "sea"), ("inland", "inland_water"),
     ("roadway", "road"), ("raod", "road")],
)  # fmt: skip
def test_a_mode_by_prefix_is_offered(written: str, meant: str) -> None:
    """``airlift`` is told ``did you mean 'air'?``, as a slip of letters is."""
    said = rf"^'{written}' is not allowed \(did you mean '{meant}'\?; "
    with pytest.raises(BadValue, match=said):
        parse_enum(written, Mode)


def test_a_mode_in_links_csv_by_prefix_is_offered(folder: Path) -> None:
    """The tester's links.csv row with mode ``airlift`` says which mode it may mean."""
    edit(folder, "links.csv", ",road,,45,", ",airlift,,45,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert [str(i) for i in caught.value.issues] == [
        "links.csv:6: mode: 'airlift' is not allowed (did you mean 'air'?; one of: rail, road, "
        "air, sea, inland_water)",
        "links.csv: warning: links.csv has errors (mend them and validate again), and these "
        "need every row of it, so were not checked: rail gauges left empty where gauged rail "
        "meets; link distances against the map (and swapped coordinates); one-way roads with "
        "no way back; whether each unit can reach its destination; whether each destination "
        "can be supplied from the stocks (everything else was checked)",
    ]


@given(st.sampled_from([*Mode, *LocationKind]), st.text("abcdefghijklmnopqrstuvwxyz", max_size=6))
def test_a_value_with_letters_added_offers_a_value_it_starts_with(
    member: Mode | LocationKind, tail: str
) -> None:
    """Any allowed value with letters after it is either itself or offers an allowed value."""
    enum = type(member)
    text = member.value + tail + "x"
    try:
        parse_enum(text, enum)
    except BadValue as bad:
        said = str(bad)
        offered = said.split("did you mean '", 1)[1].split("'", 1)[0] if "did you" in said else ""
        assert offered in {m.value for m in enum}
        assert offered, said
