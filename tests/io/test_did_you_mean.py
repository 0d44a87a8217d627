"""Allowed values and short ids offer what was likely meant, as long ids already did.

A tester's ``raod``, ``airport``, ``deopt`` and ``ja`` were told only the list of allowed
values, and the partner ``wfp`` listed ``wfr`` among the "known" without offering it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.domain import DemandUnit, LocationKind, Mode, SupplyClass
from supplyline.domain.references import close_matches, one_slip_apart
from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue, parse_bool
from supplyline.io._enum_cells import parse_enum

ENUMS = (LocationKind, Mode, SupplyClass, DemandUnit)


@pytest.mark.parametrize(
    ("value", "enum", "meant"),
    [
        ("raod", Mode, "road"),
        ("airport", LocationKind, "airfield"),
        ("deopt", LocationKind, "depot"),
        ("harbour", LocationKind, "port"),
        ("train", Mode, "rail"),
        ("Litre", DemandUnit, "L"),
        ("medicl", SupplyClass, "medical"),
    ],
)
def test_enum_offers_the_value_meant(value: str, enum: type, meant: str) -> None:
    """A slip or another word for an allowed value offers that value before the list."""
    with pytest.raises(BadValue, match=rf"^'{value}' is not allowed \(did you mean '{meant}'\?; "):
        parse_enum(value, enum)


def test_enum_offers_nothing_far_off() -> None:
    """A word like no allowed value is told the list alone."""
    with pytest.raises(BadValue, match=r"^'xyz' is not allowed \(one of: rail, road"):
        parse_enum("xyz", Mode)


@pytest.mark.parametrize(
    ("value", "meant"),
    [
        ("ja", "yes"),
        ("nein", "no"),
        ("oui", "yes"),
        ("ture", "true"),
        ("WAHR", "true"),
        ("FALSCH", "false"),
        ("VRAI", "true"),
        ("FAUX", "false"),
        ("FALSO", "false"),
        ("ONWAAR", "false"),
    ],
)
def test_yes_no_offers_the_word_meant(value: str, meant: str) -> None:
    """Yes or no in another language, or a slip of true/false, offers the file's word."""
    with pytest.raises(BadValue, match=rf"\(did you mean '{meant}'\?; true or false\)$"):
        parse_bool(value)


def _slips(word: str) -> st.SearchStrategy[str]:
    """Every single slip of ``word``: a letter dropped, doubled, changed, or two swapped."""
    i = st.integers(0, len(word) - 1)
    return st.one_of(
        i.map(lambda k: word[:k] + word[k + 1 :]),
        i.map(lambda k: word[:k] + word[k] + word[k:]),
        st.tuples(i, st.sampled_from("qxzj")).map(lambda p: word[: p[0]] + p[1] + word[p[0] + 1 :]),
        st.integers(0, max(0, len(word) - 2)).map(
            lambda k: word[:k] + word[k + 1 : k + 2] + word[k : k + 1] + word[k + 2 :]
        ),
    )


@given(st.sampled_from([(e, m.value) for e in ENUMS for m in e if len(m.value) > 2]).flatmap(
    lambda em: st.tuples(st.just(em[0]), st.just(em[1]), _slips(em[1]))
))  # fmt: skip
def test_any_one_slip_of_a_value_is_offered_it(case: tuple[type, str, str]) -> None:
    """Whatever single slip is made of an allowed value, the message offers that value."""
    enum, value, slip = case
    if slip.lower() == value.lower() or slip.lower() in {m.value.lower() for m in enum}:
        return  # no slip (a doubled letter swapped back), or another allowed value
    with pytest.raises(BadValue) as caught:
        parse_enum(slip, enum)
    guess = str(caught.value).split("; one of:")[0]
    assert f"'{value}'" in guess


@given(st.text("abcdefghij-", min_size=1, max_size=12).flatmap(lambda w: st.tuples(
    st.just(w), _slips(w)
)))  # fmt: skip
def test_one_slip_apart_finds_every_slip(pair: tuple[str, str]) -> None:
    """A word and any one slip of it are one slip apart, both ways round."""
    word, slip = pair
    assert one_slip_apart(word, slip) is (word != slip)
    assert one_slip_apart(slip, word) is (word != slip)


@pytest.mark.parametrize(("a", "b"), [("wfp", "gov"), ("ab", "ba-x"), ("depot", "port")])
def test_two_slips_are_not_one(a: str, b: str) -> None:
    """Words two or more slips apart are not offered by the slip rule."""
    assert not one_slip_apart(a, b)


def test_short_id_offered_its_neighbour() -> None:
    """A three-letter id one letter off a known one is offered it (difflib's ratio was 0.67)."""
    assert close_matches("wfp", ["aqua", "gov", "medaid", "wfr"]) == ["wfr"]


def test_unknown_short_partner_says_did_you_mean(folder: Path) -> None:
    """In a scenario, a stock owned by 'hme' is asked whether 'home' was meant."""
    edit(folder, "stocks.csv", "home-base,food,40,5,home", "home-base,food,40,5,hme")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    (issue,) = caught.value.issues
    assert "refers to unknown partner 'hme' (did you mean 'home'?; known: home, host)" in str(issue)


@given(
    stem=st.sampled_from(["", "depot-", "site-", "u"]),
    number=st.integers(0, 99_999),
    zeros=st.integers(1, 4),
)
def test_an_id_a_spreadsheet_dropped_the_leading_zeros_of_is_offered_them(
    stem: str, number: int, zeros: int
) -> None:
    """'42' for '0042', 'depot-7' for 'depot-007': the id with its zeros is offered first.

    A spreadsheet drops a number's leading zeros; a tester's '42' was offered nothing.
    """
    padded = f"{stem}{'0' * zeros}{number}"
    known = [padded, "field-camp", "home-base", f"{stem}{number + 1}x"]
    assert close_matches(f"{stem}{number}", known)[0] == padded


def test_a_column_without_its_unit_is_offered_the_one_with_it(folder: Path) -> None:
    """A header's 'distance' is asked whether 'distance_km' was meant."""
    edit(folder, "links.csv", ",distance_km,", ",distance,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = [str(i) for i in caught.value.issues if i.column == "distance"]
    assert said
    assert "unknown column 'distance' (did you mean 'distance_km'?; known columns:" in said[0]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("carry", "carries"),
        ("cargo", "carries"),
        ("Goods", "carries"),
        ("load", "payload_t"),
        ("capacity", "payload_t"),
        ("carrys", "carries"),
        ("payload", "payload_t"),
    ],
)
def test_a_fleet_column_under_another_word_is_offered_the_one_meant(
    folder: Path, written: str, meant: str
) -> None:
    """fleet.csv's 'carry' or 'cargo' is asked whether 'carries' was meant.

    A tester's 'carrys' and 'payload' were offered the column and 'carry' and 'cargo'
    only the list of known columns.
    """
    header = "id,depot,partner,vehicle_type,count,payload_t,"
    named = header.replace("payload_t", written) if meant == "payload_t" else header
    edit(folder, "fleet.csv", header, named if named != header else f"{written},{header}")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = [str(i) for i in caught.value.issues if i.column == written]
    assert said
    assert f"unknown column '{written}' (did you mean '{meant}'?; known columns:" in said[0]


def test_a_word_for_a_column_another_file_has_is_not_offered(folder: Path) -> None:
    """links.csv's 'cargo' is not offered 'carries', a column of fleet.csv only."""
    edit(folder, "links.csv", ",distance_km,", ",cargo,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = [str(i) for i in caught.value.issues if i.column == "cargo"]
    assert said
    assert "did you mean 'carries'" not in said[0]
