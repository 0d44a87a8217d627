"""The ids offered for an unknown one are found by look-up and bounded search, as before.

A tester's 1,000 misspelt unit homes among 1,000 locations took 16 s to validate (2 min at
5,000): each was compared with every id by difflib. The index must offer what the
comparison with every id offered, and a load must stop searching, and say so, past its
budget.
"""

from __future__ import annotations

import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import did_you_mean, unknown_reference
from supplyline.domain import near_ids as near_module
from supplyline.domain.near_ids import near_ids, one_slip_apart, searches_bounded
from supplyline.domain.references import searches_note

ids = st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9_.\-]{0,12}", fullmatch=True)
alike_ids = st.from_regex(r"(loc|lco|lo|l0c)-0{0,3}[0-9]{1,3}", fullmatch=True)


def _every_id_compared(ref: str, known: list[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    """The ids offered before the index: ``ref`` compared with every known id in turn."""
    by_folded: dict[str, list[str]] = {}
    for k in sorted(set(known)):
        by_folded.setdefault(k.casefold(), []).append(k)
    want = ref.casefold()
    slips = [f for f in by_folded if f != want and one_slip_apart(want, f)]
    folded = difflib.get_close_matches(want, list(by_folded), n=n, cutoff=cutoff)
    same = [want] if want in by_folded else []

    def unpad(text: str) -> str:
        return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text)

    padded = [f for f in by_folded if f != want and unpad(f) == unpad(want)]
    starts = [f for f in by_folded if f != want and f.startswith(want)]
    started = starts if len(starts) == 1 and len(want) >= 3 and not same else []
    ordered = list(dict.fromkeys(same + padded + started + slips + folded))
    return [k for f in ordered for k in by_folded[f]][:n]


@settings(max_examples=200)
@given(st.lists(ids, max_size=40), ids)
def test_the_index_offers_what_comparing_every_id_offered(known: list[str], ref: str) -> None:
    """Whatever the ids, the index offers the ids, in the order, that comparing all did."""
    assert list(near_ids(ref, known).ids) == _every_id_compared(ref, known)


@settings(max_examples=200)
@given(st.lists(alike_ids, max_size=60), alike_ids, st.sampled_from([0.6, 0.75, 0.9]))
def test_among_ids_all_alike_the_offers_are_the_same(
    known: list[str], ref: str, cutoff: float
) -> None:
    """Ids much alike (``loc-001``, ``lco-01``), where the bounds prune least, offer the same."""
    assert list(near_ids(ref, known, cutoff=cutoff).ids) == _every_id_compared(
        ref, known, cutoff=cutoff
    )


LOCATIONS = frozenset(f"loc-{i:05d}" for i in range(400))


def test_a_load_stops_searching_past_its_budget_and_says_so_once() -> None:
    """Past the budget, an unknown id is offered only the ids one slip away.

    The note is the budget's, said once by the load, not by each message past the stop.
    """
    with searches_bounded(pairs=2 * len(LOCATIONS)) as budget:
        first = [did_you_mean(f"lco-{i:05d}", LOCATIONS) for i in range(3)]
        missed = did_you_mean("xyz-00003", LOCATIONS)
    assert first[0] == "did you mean 'loc-00000', 'loc-00300' or 'loc-00200'?"
    assert first[2] == "did you mean 'loc-00002'?"
    assert missed == "no id is one slip from it"
    assert (budget.searches, len(budget.cut_short)) == (2, 2)
    assert searches_note(budget) == (
        "ids less alike than one slip were looked for only for the first 2 unknown ids; "
        "the other 2 were offered only ids one slip from them"
    )


def test_outside_a_load_every_search_is_whole() -> None:
    """A Python caller asking outside a load is answered in full, however many it asks."""
    said = [did_you_mean(f"lco-{i:05d}", LOCATIONS) for i in range(0, 400, 50)]
    assert all("looked for only" not in s and s.count("'loc-") == 3 for s in said)


def test_the_pairs_a_load_compares_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """5,000 misspelt ids among 5,000 compare at most the budget's pairs, not 25 million."""
    compared: list[int] = []
    lcs = near_module._lcs_length

    def counted(a: str, masks: dict[str, int], size: int) -> int:
        compared.append(1)
        return lcs(a, masks, size)

    monkeypatch.setattr(near_module, "_lcs_length", counted)
    known = frozenset(f"loc-{i:05d}" for i in range(5000))
    with searches_bounded(pairs=20_000):
        said = [
            unknown_reference("unit", f"u{i}", "location", f"lco-{i:05d}", known)
            for i in range(0, 5000, 5)
        ]
    assert 0 < len(compared) <= 20_000
    assert said[-1].startswith(
        "unit 'u4995' refers to unknown location 'lco-04995' (did you mean 'loc-04995'?; known: "
    )


def test_a_repeated_unknown_id_is_searched_once() -> None:
    """Rows naming one missing id (every stock of a renamed depot) cost one search."""
    with searches_bounded(pairs=len(LOCATIONS)):
        said = {did_you_mean("lco-00007", LOCATIONS) for _ in range(5)}
    assert said == {"did you mean 'loc-00007', 'loc-00307' or 'loc-00300'?"}
