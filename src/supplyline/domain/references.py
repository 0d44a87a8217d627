"""The words for a reference to an id that does not exist: the ids most like it, then the rest.

One place for every "unknown …" message of a scenario (locations, links, units, commodities,
partners, vehicle classes, activity levels, planning-factor keys): a typo such as
``wm-garrisn`` is shown its likely intent first, rather than hidden behind the first eight
ids in alphabetical order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["close_matches", "did_you_mean", "one_slip_apart", "unknown_reference"]

SHOWN_KNOWN = 8
"""How many known ids a message lists (alphabetically, after the close matches)."""
ID_CUTOFF = 0.75
"""Similarity (difflib's ratio) an id must reach to be offered: a typo of a letter or two
(``wm-garrisn`` for ``wm-garrison``, 0.95; ``grenzfled``, 0.89) is offered, a sibling id
(``wm-airbase`` for ``wm-garrisn``, 0.6) is not."""


def close_matches(
    ref: str, known: Iterable[str], *, n: int = 3, cutoff: float = ID_CUTOFF
) -> list[str]:
    """The known ids most like ``ref``, closest first (letter case aside), at most ``n``.

    ``cutoff`` is difflib's similarity ratio below which a known id is not offered.

    >>> close_matches("wm-garrisn", ["camp-kestrel", "grenzfeld", "wm-garrison", "wm-airbase"])
    ['wm-garrison']
    >>> close_matches("Depot-1", ["depot-1", "depot-2", "port"])
    ['depot-1', 'depot-2']
    >>> close_matches("relief-op", ["bilateral-exercise", "relief-operation"])
    ['relief-operation']
    """
    return list(_close_matches(ref, tuple(sorted(set(known))), n, cutoff))


_LEAST_START = 3
"""The fewest letters of an id's start offered as that id (``'w'`` for ``'wfp'`` is a guess)."""


@lru_cache(maxsize=4096)
def _close_matches(ref: str, known: tuple[str, ...], n: int, cutoff: float) -> tuple[str, ...]:
    # cached: rows that name the same missing id (every stock of a renamed depot) ask once;
    # difflib takes about 10 ms a question over 1,000 ids
    by_folded: dict[str, list[str]] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), []).append(k)
    want = ref.casefold()
    # one slip (a letter wrong, missing, extra, or two swapped) first: difflib's ratio
    # holds short ids to a letter in four, so a tester's 'wfp' was not offered 'wfr'
    slips = [f for f in by_folded if f != want and one_slip_apart(want, f)]
    folded = difflib.get_close_matches(want, list(by_folded), n=n, cutoff=cutoff)
    same = [want] if want in by_folded else []  # the same id in another letter case first
    # the same id but its leading zeros, which a spreadsheet drops from a number: '42' for
    # '0042' (a tester's was offered nothing: they differ by two letters of six)
    unpadded = _without_leading_zeros(want)
    padded = [f for f in by_folded if f != want and _without_leading_zeros(f) == unpadded]
    # the start of one id alone, as a name cut short: a tester's '--example relief-op' and
    # 'bilateral' were offered nothing (difflib's ratio is low against a long name)
    starts = [f for f in by_folded if f != want and f.startswith(want)]
    unique = len(starts) == 1 and len(want) >= _LEAST_START
    # not beside the id itself in another case: 'Fuel' is 'fuel', not also 'fuelling'
    started = starts if unique and not same else []
    ordered = list(dict.fromkeys(same + padded + started + slips + folded))
    return tuple([k for f in ordered for k in by_folded[f]][:n])


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


def did_you_mean(ref: str, known: Iterable[str], *, broken: Iterable[str] = ()) -> str:
    """``"did you mean 'x'?"`` (or ``'x' or 'y'``) for the ids most like ``ref``; ``""`` if none.

    ``broken`` are ids of rows that had errors of their own (so were not loaded): they are
    offered too, said as such. A tester's ``yrad`` was offered nothing, because the row of
    ``yard`` had an error.

    >>> did_you_mean("wm-garrisn", ["wm-garrison", "wm-railhead"])
    "did you mean 'wm-garrison'?"
    >>> did_you_mean("yrad", ["camp"], broken=["yard"])
    "did you mean 'yard' (which has an error of its own)?"
    """
    loaded = set(known)
    faulty = set(broken) - loaded
    close = close_matches(ref, loaded | faulty)
    if not close:
        return ""
    quoted = [repr(c) + (" (which has an error of its own)" if c in faulty else "") for c in close]
    either = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {either}?"


def unknown_reference(
    entity: str,
    entity_id: str | None,
    kind: str,
    ref: str,
    known: Iterable[str],
    *,
    broken: Iterable[str] = (),
    none_known: str = "none",
) -> str:
    """The words for a reference to an id that does not exist, the closest known ids first.

    ``broken``: ids of rows with errors, offered as :func:`did_you_mean` says.
    ``none_known``: what "known:" says when no id of the kind is known (the loader names
    the rows whose ids it refused).

    >>> unknown_reference("unit", "u1", "location", "nowhere", ["a", "b"])
    "unit 'u1' refers to unknown location 'nowhere' (known: a, b)"
    >>> unknown_reference("unit", "hq", "location", "wm-garrisn", ["camp", "wm-garrison"])
    "unit 'hq' refers to unknown location 'wm-garrisn' (did you mean 'wm-garrison'?; known: ...)"
    """
    known_list = sorted(set(known))
    listed = ", ".join(known_list[:SHOWN_KNOWN]) + (", …" if len(known_list) > SHOWN_KNOWN else "")
    guess = did_you_mean(ref, known_list, broken=broken)
    who = f"{entity} {entity_id!r}" if entity_id is not None else f"this {entity}"
    listed = listed or none_known
    hint = f"{guess}; known: {listed}" if guess else f"known: {listed}"
    return f"{who} refers to unknown {kind} {ref!r} ({hint})"
