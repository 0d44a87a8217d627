"""The words for a reference to an id that does not exist: the ids most like it, then the rest.

One place for every "unknown …" message of a scenario (locations, links, units, commodities,
partners, vehicle classes, activity levels, planning-factor keys): a typo such as
``wm-garrisn`` is shown its likely intent first, rather than hidden behind the first eight
ids in alphabetical order.
"""

from __future__ import annotations

from collections.abc import Iterable

from supplyline.domain.near_ids import SearchBudget, near_ids, one_slip_apart, sorted_ids

__all__ = [
    "close_matches",
    "did_you_mean",
    "known_listed",
    "one_slip_apart",
    "searches_note",
    "unknown_reference",
]

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

    ``cutoff`` is difflib's similarity ratio below which a known id is not offered (ids
    one slip away, another letter case, leading zeros or a start are offered whatever
    their ratio: see :func:`~supplyline.domain.near_ids.near_ids`).

    >>> close_matches("wm-garrisn", ["camp-kestrel", "grenzfeld", "wm-garrison", "wm-airbase"])
    ['wm-garrison']
    >>> close_matches("Depot-1", ["depot-1", "depot-2", "port"])
    ['depot-1', 'depot-2']
    >>> close_matches("relief-op", ["bilateral-exercise", "relief-operation"])
    ['relief-operation']
    """
    return list(near_ids(ref, known, n=n, cutoff=cutoff).ids)


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
    loaded = known if isinstance(known, frozenset) else frozenset(known)
    faulty = frozenset(broken) - loaded
    near = near_ids(ref, loaded | faulty if faulty else loaded, cutoff=ID_CUTOFF)
    if not near.ids:  # past a load's budget, only ids one slip away were looked for
        return "" if near.whole else "no id is one slip from it"
    quoted = [
        repr(c) + (" (which has an error of its own)" if c in faulty else "") for c in near.ids
    ]
    either = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {either}?"


def searches_note(budget: SearchBudget) -> str | None:
    """Where a load's searches for ids like unknown ones stopped; None where they did not.

    Said once for the load, after its problems, not on each message past the stop: a
    tester's 300 misspelt homes read the same note on each of the last 50.

    >>> budget = SearchBudget(pairs=0, searches=250, cut_short={(1, "a"), (1, "b")})
    >>> print(searches_note(budget))  # doctest: +NORMALIZE_WHITESPACE
    ids less alike than one slip were looked for only for the first 250 unknown ids; the
    other 2 were offered only ids one slip from them
    >>> searches_note(SearchBudget(pairs=0)) is None
    True
    """
    if not budget.cut_short:
        return None
    return (
        f"ids less alike than one slip were looked for only for the first {budget.searches:,} "
        f"unknown ids; the other {len(budget.cut_short):,} were offered only ids one slip "
        "from them"
    )


def known_listed(known: Iterable[str], none_known: str = "none") -> str:
    """The first :data:`SHOWN_KNOWN` known ids in alphabetical order, ``…`` if there are more.

    ``none_known`` where there are none.

    >>> known_listed(["b", "a"]), known_listed([])
    ('a, b', 'none')
    """
    ids = sorted_ids(known)
    listed = ", ".join(ids[:SHOWN_KNOWN]) + (", …" if len(ids) > SHOWN_KNOWN else "")
    return listed or none_known


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
    known_set = known if isinstance(known, frozenset) else frozenset(known)
    listed = known_listed(known_set, none_known)
    guess = did_you_mean(ref, known_set, broken=broken)
    who = f"{entity} {entity_id!r}" if entity_id is not None else f"this {entity}"
    hint = f"{guess}; known: {listed}" if guess else f"known: {listed}"
    return f"{who} refers to unknown {kind} {ref!r} ({hint})"
