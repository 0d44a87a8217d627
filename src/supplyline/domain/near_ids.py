"""The known ids most like a reference, found without comparing it to every id in turn.

:mod:`supplyline.domain.references` words a reference to an unknown id; this module finds
the ids to offer. A tester's units.csv with 1,000 misspelt homes among 1,000 locations took
16 s to validate (2 min at 5,000): each miss was compared with every id by difflib, a
million comparisons. Here the ids of a kind are indexed once, so that the ids one slip
away, the same id in another letter case or with its leading zeros, and the id a reference
is the start of are looked up, not searched for; the ids that difflib finds alike are
searched among ids of a length that can reach the cutoff, and only where a bound (their
longest common subsequence, computed bit-parallel) says difflib's ratio may reach it. The
ids offered are those a comparison with every id would offer.

A load of a scenario bounds the searches (:func:`searches_bounded`): past
:data:`SEARCH_PAIRS` comparisons, a reference is offered only the ids it finds by look-up
(:attr:`Near.whole` is false), and the load says once, after its problems, where the
searches stopped (:class:`SearchBudget`): a tester's 300 misspelt homes read the same
note on each of the last 50 messages.
"""

from __future__ import annotations

import difflib
import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "SEARCH_PAIRS",
    "Near",
    "SearchBudget",
    "near_ids",
    "one_slip_apart",
    "searches_bounded",
    "sorted_ids",
]

SEARCH_PAIRS = 250_000
"""How many (reference, known id) pairs one load compares, at most: about 1.5 s of work
where every id is alike (``lco-00001`` among ``loc-00000`` to ``loc-04999``), less where
lengths or the bound pass most ids over. Every unknown id of a scenario written by hand is
searched in full: 250 unknown ids among 1,000 locations, or 2,500 among 100."""

_LEAST_START = 3
"""The fewest letters of an id's start offered as that id (``'w'`` for ``'wfp'`` is a guess)."""
_MEMO_SIZE = 4096
"""How many searches one index remembers (rows naming one missing id ask once)."""


@dataclass(frozen=True, slots=True)
class Near:
    """The known ids most like a reference, closest first, and whether the search was whole."""

    ids: tuple[str, ...]
    whole: bool = True
    """Whether every known id was considered; false past a load's budget, where only the
    ids found by look-up are offered (:func:`searches_bounded`)."""


@dataclass(slots=True)
class SearchBudget:
    """What is left of one load's comparisons, and what its searches did: read it after."""

    pairs: int
    searches: int = 0
    """References searched in full."""
    asked: set[tuple[int, str, int, float]] = field(default_factory=set)
    """The searches charged (index, folded reference, n, cutoff): a repeat is free."""
    cut_short: set[tuple[int, str]] = field(default_factory=set)
    """The references (index, folded reference) offered only the ids found by look-up."""


_BUDGET: ContextVar[SearchBudget | None] = ContextVar("supplyline_search_budget", default=None)


@contextmanager
def searches_bounded(pairs: int = SEARCH_PAIRS) -> Iterator[SearchBudget]:
    """Within, the searches for ids like unknown ones compare at most ``pairs`` pairs in all.

    Outside any such block a search is always whole: a Python caller asking once is
    answered in full. The loader bounds each load, so that thousands of unknown ids among
    thousands of known ones take seconds, not minutes; the budget yielded says, after the
    block, how many references were searched in full and how many were cut short, for the
    load to say once.

    >>> depots = ["depot-north", "depot-nord", "depot-south"]
    >>> with searches_bounded(0) as budget:
    ...     near_ids("depot-nort", depots)
    Near(ids=('depot-north', 'depot-nord'), whole=False)
    >>> budget.searches, len(budget.cut_short)
    (0, 1)
    >>> near_ids("depot-nort", depots)
    Near(ids=('depot-north', 'depot-nord', 'depot-south'), whole=True)
    """
    budget = SearchBudget(pairs)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def near_ids(ref: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.75) -> Near:
    """The known ids most like ``ref``, closest first (letter case aside), at most ``n``.

    First the same id in another letter case, then it with leading zeros (``42`` for
    ``0042``), then the one known id it is the start of (three letters or more), then the
    ids one slip away (:func:`one_slip_apart`), then those difflib's ratio finds alike, at
    least ``cutoff``.

    >>> near_ids("wm-garrisn", ["camp-kestrel", "wm-garrison", "wm-airbase"]).ids
    ('wm-garrison',)
    """
    index = _index(known if isinstance(known, frozenset) else frozenset(known))
    want = ref.casefold()
    looked_up = index.looked_up(want)
    if len(index.originals(looked_up)) >= n:  # difflib's can only come after these
        return Near(tuple(index.originals(looked_up)[:n]))
    pairs = index.pairs(len(want), cutoff)
    budget = _BUDGET.get()
    if pairs and budget is not None and (id(index), want, n, cutoff) not in budget.asked:
        # charged whether or not remembered, so that where a load stops is its own doing
        if budget.pairs < pairs:
            budget.cut_short.add((id(index), want))
            return Near(tuple(index.originals(looked_up)), whole=False)
        budget.pairs -= pairs
        budget.searches += 1
        budget.asked.add((id(index), want, n, cutoff))
    alike = () if not pairs else index.memo.get((want, n, cutoff))
    if alike is None:
        alike = index.alike(want, n, cutoff)
        if len(index.memo) >= _MEMO_SIZE:
            index.memo.clear()
        index.memo[want, n, cutoff] = alike
    ordered = list(dict.fromkeys(looked_up + list(alike)))
    return Near(tuple(index.originals(ordered)[:n]))


def sorted_ids(known: Iterable[str]) -> tuple[str, ...]:
    """The distinct ids of ``known`` in order, sorted once for every message that lists them.

    >>> sorted_ids(["b", "a", "b"])
    ('a', 'b')
    """
    return _index(known if isinstance(known, frozenset) else frozenset(known)).ids


@dataclass(slots=True)
class _Index:
    """One set of known ids, arranged for the look-ups and searches of :func:`near_ids`."""

    ids: tuple[str, ...]
    by_folded: dict[str, list[str]] = field(default_factory=dict)
    """The ids by their letter-case-folded form, in the order of :attr:`ids`."""
    rank: dict[str, int] = field(default_factory=dict)
    """Each folded id's place in :attr:`by_folded`: look-ups are offered in that order."""
    folded_sorted: list[str] = field(default_factory=list)
    by_unpadded: dict[str, list[str]] = field(default_factory=dict)
    by_deletion: dict[str, list[str]] = field(default_factory=dict)
    """Each folded id under itself and under each form of it with one letter deleted: two
    ids one slip apart share a key (a letter wrong: the same letter deleted from both)."""
    by_length: dict[int, list[tuple[str, dict[str, int]]]] = field(default_factory=dict)
    """Folded ids by length, each with the bit masks of its letters for :func:`_lcs_length`."""
    memo: dict[tuple[str, int, float], tuple[str, ...]] = field(default_factory=dict)

    def originals(self, folded: list[str]) -> list[str]:
        """The ids written as they were, of folded ids, in that order."""
        return [k for f in folded for k in self.by_folded[f]]

    def looked_up(self, want: str) -> list[str]:
        """The folded ids found for ``want`` without a search, in the order offered."""
        same = [want] if want in self.by_folded else []  # the same id in another letter case
        # the same id but its leading zeros, which a spreadsheet drops from a number: '42'
        # for '0042' (a tester's was offered nothing: they differ by two letters of six)
        padded = [f for f in self.by_unpadded.get(_without_leading_zeros(want), ()) if f != want]
        # the start of one id alone, as a name cut short: a tester's 'relief-op' and
        # 'bilateral' were offered nothing (difflib's ratio is low against a long name);
        # not beside the id itself in another case: 'Fuel' is 'fuel', not also 'fuelling'
        at = bisect_left(self.folded_sorted, want)
        starts = [f for f in self.folded_sorted[at : at + 3] if f.startswith(want) and f != want]
        started = starts if len(starts) == 1 and len(want) >= _LEAST_START and not same else []
        # one slip first: difflib's ratio holds short ids to a letter in four, so a tester's
        # 'wfp' was not offered 'wfr'
        shared = {f for key in _deletions(want) for f in self.by_deletion.get(key, ())}
        slips = sorted((f for f in shared if one_slip_apart(want, f)), key=self.rank.__getitem__)
        return list(dict.fromkeys(same + padded + started + slips))

    def pairs(self, length: int, cutoff: float) -> int:
        """How many ids a search for an id of ``length`` compares: those long enough."""
        return sum(
            len(ids) for size, ids in self.by_length.items() if _may_reach(length, size, cutoff)
        )

    def alike(self, want: str, n: int, cutoff: float) -> tuple[str, ...]:
        """What ``difflib.get_close_matches(want, folded ids, n, cutoff)`` returns, sooner.

        Only ids whose length and longest common subsequence with ``want`` let its ratio
        reach ``cutoff`` are given to difflib: its matching blocks are a common subsequence.
        """
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(want)
        scored: list[tuple[float, str]] = []
        for size, ids in self.by_length.items():
            if not _may_reach(len(want), size, cutoff):
                continue
            total = len(want) + size
            for folded, masks in ids:
                if 2.0 * _lcs_length(want, masks, size) / total < cutoff:
                    continue
                matcher.set_seq1(folded)
                ratio = matcher.ratio()
                if ratio >= cutoff:
                    scored.append((ratio, folded))
        return tuple(x for _, x in heapq.nlargest(n, scored))


def _may_reach(length: int, size: int, cutoff: float) -> bool:
    """Whether ids of ``size`` letters may have a ratio of ``cutoff`` with one of ``length``.

    difflib's real_quick_ratio: at best, the shorter is all in the longer.
    """
    total = length + size
    return total > 0 and 2.0 * min(length, size) / total >= cutoff


@lru_cache(maxsize=8)
def _index(known: frozenset[str]) -> _Index:
    # cached: a load asks of one set of ids (its locations) once per unknown reference
    index = _Index(tuple(sorted(known)))
    for k in index.ids:
        index.by_folded.setdefault(k.casefold(), []).append(k)
    for at, folded in enumerate(index.by_folded):
        index.rank[folded] = at
        index.by_unpadded.setdefault(_without_leading_zeros(folded), []).append(folded)
        for key in _deletions(folded):
            index.by_deletion.setdefault(key, []).append(folded)
        index.by_length.setdefault(len(folded), []).append((folded, _letter_masks(folded)))
    index.folded_sorted = sorted(index.by_folded)
    return index


def _deletions(text: str) -> set[str]:
    """``text`` and each form of it with one letter deleted.

    >>> sorted(_deletions("abc"))
    ['ab', 'abc', 'ac', 'bc']
    """
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def _letter_masks(text: str) -> dict[str, int]:
    """For each letter of ``text``, the bits of the places it is at."""
    masks: dict[str, int] = {}
    for at, letter in enumerate(text):
        masks[letter] = masks.get(letter, 0) | (1 << at)
    return masks


def _lcs_length(a: str, masks: dict[str, int], size: int) -> int:
    """The length of the longest common subsequence of ``a`` and the id of ``masks``.

    Hyyrö's bit-parallel algorithm: a handful of integer operations a letter of ``a``.

    >>> _lcs_length("lco-1", _letter_masks("loc-1"), 5)
    4
    """
    full = (1 << size) - 1
    v = full
    for letter in a:
        u = v & masks.get(letter, 0)
        v = ((v + u) | (v - u)) & full
    return size - v.bit_count()


def _without_leading_zeros(text: str) -> str:
    """``text`` with the leading zeros of each number dropped: ``0042`` and ``42`` alike.

    >>> [_without_leading_zeros(text) for text in ("depot-007", "0042", "0")]
    ['depot-7', '42', '0']
    """
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text)


def one_slip_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter wrong, missing, extra, or two adjacent swapped.

    >>> one_slip_apart("wfp", "wfr"), one_slip_apart("raod", "road"), one_slip_apart("ab", "ba")
    (True, True, True)
    >>> one_slip_apart("wfp", "gov"), one_slip_apart("depot", "depot")
    (False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return short[i:] == long_[i + 1 :]
