"""A delivery packed in truck-loads, most urgent first, counted in runs of like loads.

Why a module of its own: the packing was a loop that made every load, one by one, and
:mod:`~supplyline.routing.loads` then a record of each: a tester's unit of 12,009 t for
vans of 0.01 t was 1.2 million loads before any search began, ``routes --time-limit 2``
took 69 s and 1.6 GB (``route_day`` of 1e7 t: 119 s, 3.2 GB, in step with the tonnes).
Loads alike follow one another (full loads of one commodity, then what mixes at a
commodity's end), so :func:`pack_runs` gives each load once with how many times it
comes, in a few steps for each commodity, whatever the tonnes; the caller makes records
of the loads the trucks can bring at most and counts the rest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from supplyline.domain.rounding import apportion

__all__ = ["Run", "next_load", "pack_grams", "pack_runs", "request_grams"]

Run = tuple[dict[str, int], int]
"""A load (grams by commodity) and how many such loads come one after another."""


def pack_runs(
    load_t: Mapping[str, float],
    order: Sequence[str],
    most_g: int,
    most_l: int | None = None,
    litres_per_kg: Mapping[str, float] | None = None,
) -> list[Run]:
    """``load_t`` in loads of whole grams, of at most ``most_g`` (and ``most_l`` litres).

    The request's grams are its total rounded, shared between its commodities by largest
    remainders, so the loads add up to it to the gram. Each load takes as much as fits
    of the first commodity of ``order`` not yet loaded, then of the next (filling what a
    bulky one leaves of the payload with denser ones), so every load but the last is
    full and the first ones carry the first commodities: when trucks are short, the last
    loads, the least urgent, stay. ``litres_per_kg`` (m³ per tonne) counts each
    commodity's volume; without ``most_l`` only the weight counts. A gram that alone is
    more than ``most_l`` goes in a load of its own (no truck sized so carries it: the
    caller finds none). Equal loads (before) drove a 10 t bowser with 5.05 t of a 10.1 t
    day and left the other 5.05 t.

    A load is taken again, unchanged, while each commodity it takes of has that much
    left: the run is counted at once (how many times each can give its part), not load
    by load.

    >>> pack_runs({"water": 25.0, "gen": 5.1}, ["water", "gen"], 10**7)
    [({'water': 10000000}, 2), ({'water': 5000000, 'gen': 5000000}, 1), ({'gen': 100000}, 1)]
    """
    names = sorted(load_t)
    left = request_grams(load_t)
    ordered = [*dict.fromkeys(c for c in order if c in left), *(c for c in names if c not in order)]
    runs: list[Run] = []
    while any(left.values()):
        load = next_load(left, ordered, most_g, most_l, litres_per_kg)
        # the same load comes again while every part of it is left whole: a part that
        # took what was left of a commodity (less than its room) comes once
        times = min(left[c] // take for c, take in load.items())
        for c, take in load.items():
            left[c] -= take * times
        runs.append((load, times))
    return runs or [(dict.fromkeys(names, 0), 1)]


def next_load(
    left: Mapping[str, int],
    ordered: Sequence[str],
    most_g: int,
    most_l: int | None = None,
    litres_per_kg: Mapping[str, float] | None = None,
) -> dict[str, int]:
    """The next load of :func:`pack_runs`, of the grams ``left`` by commodity, in ``ordered``.

    As much as fits of the first commodity left, then of the next, by weight and (where
    a commodity has litres a kilogram) volume; a gram that alone is more than ``most_l``
    alone in a load.

    >>> next_load({"water": 25_000_000, "gen": 5_100_000}, ["water", "gen"], 10**7)
    {'water': 10000000}
    """
    density = litres_per_kg or {}
    load: dict[str, int] = {}
    grams, litres = 0, 0.0
    for c in ordered:
        per_g = density.get(c, 0.0) / 1000
        room = most_g - grams
        if most_l is not None and per_g > 0:
            room = min(room, math.floor((most_l - litres) / per_g + 1e-9))
        take = min(left[c], max(0, room))
        if take == 0 and not load and left[c] > 0:
            take = 1  # a gram no truck sized so holds: alone, for the caller to refuse
        if take > 0:
            load[c] = take
            grams, litres = grams + take, litres + take * per_g
    return load


def pack_grams(
    load_t: Mapping[str, float],
    order: Sequence[str],
    most_g: int,
    most_l: int | None = None,
    litres_per_kg: Mapping[str, float] | None = None,
) -> list[dict[str, int]]:
    """:func:`pack_runs`' loads one by one: for a delivery of few loads, or a test.

    >>> pack_grams({"water": 5.0, "gen": 5.1}, ["water", "gen"], 10**7)
    [{'water': 5000000, 'gen': 5000000}, {'gen': 100000}]
    >>> pack_grams({"food": 3.0, "fuel": 3.0}, ["food", "fuel"], 4 * 10**6, 2_000, {"food": 2.0})
    [{'food': 1000000, 'fuel': 3000000}, {'food': 1000000}, {'food': 1000000}]
    """
    runs = pack_runs(load_t, order, most_g, most_l, litres_per_kg)
    return [dict(load) for load, times in runs for _ in range(times)]


def request_grams(load_t: Mapping[str, float]) -> dict[str, int]:
    """``load_t`` in whole grams by commodity, adding up to its total rounded to the gram.

    >>> request_grams({"a": 0.0000004, "b": 0.0000004})
    {'a': 1, 'b': 0}
    """
    names = sorted(load_t)
    exact = [load_t[c] * 10**6 for c in names]
    return dict(zip(names, apportion(max(0, round(sum(exact))), exact), strict=True))
