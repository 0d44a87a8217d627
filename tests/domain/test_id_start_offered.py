"""The start of one id alone is offered as that id, first: a name cut short is meant.

A tester's ``demo --example relief-op`` and ``--example bilateral`` were offered nothing
(difflib's ratio is low against a long name), where a misspelling was offered the name.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import close_matches, did_you_mean

EXAMPLES = ["bilateral-exercise", "relief-operation"]


@pytest.mark.parametrize(
    ("cut", "meant"),
    [
        ("relief-op", "relief-operation"),
        ("bilateral", "bilateral-exercise"),
        ("Bil", "bilateral-exercise"),
    ],
)
def test_an_examples_start_is_offered(cut: str, meant: str) -> None:
    """A start of three letters or more of one example's name is offered as it."""
    assert did_you_mean(cut, EXAMPLES) == f"did you mean {meant!r}?"


def test_a_start_shared_by_two_ids_or_too_short_is_no_guess() -> None:
    """``site`` begins three ids and ``b`` is one letter: neither is taken for one id."""
    assert close_matches("site", ["site-stadium", "site-harbour", "site-kestel"]) == []
    assert did_you_mean("b", EXAMPLES) == ""


def test_the_id_itself_in_another_case_is_not_joined_by_ids_it_begins() -> None:
    """``Fuel`` is ``fuel``: ``fuelling``, which it begins, is not offered beside it."""
    assert did_you_mean("Fuel", ["food", "fuel", "fuelling"]) == "did you mean 'fuel'?"


@given(
    name=st.from_regex(r"[a-z][a-z\-]{5,20}", fullmatch=True),
    others=st.lists(st.from_regex(r"[a-z][a-z\-]{0,20}", fullmatch=True), max_size=8),
    cut=st.integers(3, 20),
)
def test_a_unique_start_is_offered_first(name: str, others: list[str], cut: int) -> None:
    """Whatever else is known, an id's start that begins it alone puts it first."""
    start = name[: min(cut, len(name) - 1)]
    known = [o for o in others if not o.startswith(start)] + [name]
    assert close_matches(start, known)[0] == name
