"""Messages about unknown ids put the ids most like the typo first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import close_matches, did_you_mean, unknown_reference

LOCATIONS = [
    "camp-kestrel",
    "grenzfeld",
    "kar-tobe-af",
    "kar-tobe-rh",
    "os-central",
    "os-forward",
    "samar-jct",
    "ta-north",
    "ta-south",
    "temir",
    "wm-airbase",
    "wm-garrison",
    "wm-railhead",
]

ids = st.from_regex(r"[a-z0-9][a-z0-9_.:\-]{0,20}", fullmatch=True)


def test_a_typo_hidden_past_the_first_eight_is_offered_first() -> None:
    """'wm-garrisn' is shown 'wm-garrison', which the alphabetical list of 8 left out.

    A tester's unit home 'wm-garrisn' listed camp-kestrel, grenzfeld, … and not the id meant.
    """
    message = unknown_reference("unit", "wm-hq", "location", "wm-garrisn", LOCATIONS)
    assert message.startswith(
        "unit 'wm-hq' refers to unknown location 'wm-garrisn' "
        "(did you mean 'wm-garrison'?; known: camp-kestrel, grenzfeld, "
    )
    assert message.endswith(", …)")


@pytest.mark.parametrize(
    ("ref", "meant"),
    [
        ("wm-airbasee", ["wm-airbase"]),
        ("grenzfled", ["grenzfeld"]),
        ("WM-Garrison", ["wm-garrison"]),
        ("os_central", ["os-central"]),
        ("ta-nort", ["ta-north"]),
    ],
)
def test_close_matches_find_the_id_meant(ref: str, meant: list[str]) -> None:
    """A letter dropped, doubled or swapped, or another case, still finds the id, first."""
    assert close_matches(ref, LOCATIONS) == meant


@pytest.mark.parametrize("ref", ["nowhere", "bread", "x"])
def test_nothing_like_it_offers_nothing(ref: str) -> None:
    """An id unlike every known one is not given a far-fetched guess, only the list."""
    assert did_you_mean(ref, LOCATIONS) == ""
    assert "did you mean" not in unknown_reference("link", "l", "location", ref, LOCATIONS)


def test_no_known_ids_says_none() -> None:
    """With nothing of the kind defined, the message says 'known: none'."""
    assert unknown_reference("stock", "a/b", "commodity", "food", []).endswith("(known: none)")


def test_two_matches_are_offered_with_or() -> None:
    """Two close ids read as a question with 'or'."""
    assert did_you_mean("depot1", ["depot-1", "depot-2"]) == "did you mean 'depot-1' or 'depot-2'?"


@given(st.lists(ids, max_size=30), ids)
def test_offers_are_known_ids_and_few(known: list[str], ref: str) -> None:
    """Whatever the ids, only known ids are offered, at most three."""
    offered = close_matches(ref, known)
    assert len(offered) <= 3
    assert set(offered) <= set(known)


@given(st.lists(ids, max_size=30), ids.filter(lambda i: len(i) >= 6), st.data())
def test_a_letter_dropped_from_a_long_id_is_always_offered_something(
    known: list[str], meant: str, data: st.DataObject
) -> None:
    """A long id with one letter left out is close enough that some id is always offered.

    (The one meant, unless three others are at least as close.)
    """
    cut = data.draw(st.integers(0, len(meant) - 1))
    ref = meant[:cut] + meant[cut + 1 :]
    offered = close_matches(ref, [*known, meant])
    assert offered
    if ref not in known and meant not in offered:
        assert len(offered) == 3
