"""The fewest truck-loads for a delivery, mixing its commodities, and when to use them.

Loads filled most urgent commodity first (:func:`~supplyline.routing.loads.pack_grams`)
can need one load more than the delivery's weight and volume do, where commodities'
volumes differ: a tester's 21.75 t of water (1 m³/t), rations (3 m³/t) and medical
stores (8 m³/t) for 12 t trucks of 20 m³ went as 12 t of water, 8.667 t and 1.083 t
(three stops, 40 km more) where two loads carry it all (39 m³ in 40). That order matters
only when trucks are short, so :func:`fewest_grams` packs the fewest loads (every
commodity in the same proportion in each, each load but the last full by weight or
volume) and :func:`room_for_all` says, before the search, whether the day's trucks have
the hours and trips for the loads so packed; when they have not, the most urgent goes
first as before.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supplyline.domain.rounding import apportion

__all__ = ["LoadNeed", "fewest_count", "fewest_grams", "room_for_all"]


def _litres(load: Mapping[str, int], per_g: Mapping[str, float]) -> float:
    """Litres of a load of grams, at ``per_g`` litres a gram."""
    return sum(g * per_g.get(c, 0.0) for c, g in load.items())


def fewest_grams(
    grams: Mapping[str, int],
    most_g: int,
    most_l: int | None,
    litres_per_kg: Mapping[str, float],
) -> list[dict[str, int]] | None:
    """``grams`` in as few loads as weight and volume allow, each mixing every commodity.

    As many loads as the delivery's grams over ``most_g`` and its litres over ``most_l``
    ask for, rounded up; each load but the last takes the same share of every commodity
    left, as much as fills the load by weight or by volume, and the last what remains.
    None when rounding to the gram leaves the last load a gram or a millilitre over (the
    caller keeps its own packing).

    >>> loads = fewest_grams({"water": 15_000_000, "rations": 6_000_000, "med": 750_000},
    ...     12_000_000, 20_000, {"water": 1.0, "rations": 3.0, "med": 8.0})
    >>> [sum(x.values()) for x in loads], [x["water"] for x in loads]
    ([11153846, 10596154], [7692308, 7307692])
    """
    per_g = {c: litres_per_kg.get(c, 0.0) / 1000 for c in grams}
    left = {c: g for c, g in sorted(grams.items()) if g > 0}
    n = fewest_count(grams, most_g, most_l, litres_per_kg)
    if n is None:
        return None
    loads: list[dict[str, int]] = []
    for _ in range(n - 1):
        have_g, have_l = sum(left.values()), _litres(left, per_g)
        share = most_g / have_g if have_g else 1.0
        if most_l is not None and have_l > 0:
            share = min(share, most_l / have_l)
        if share >= 1:
            break
        exact = [g * share for g in left.values()]
        take = dict(zip(left, apportion(math.floor(sum(exact)), exact), strict=True))
        while most_l is not None and _litres(take, per_g) > most_l:  # rounding up a gram
            densest = max((c for c in take if take[c] > 0), key=lambda c: per_g[c])
            take[densest] -= 1
        loads.append({c: g for c, g in take.items() if g > 0})
        left = {c: g - take[c] for c, g in left.items()}
    last = {c: g for c, g in left.items() if g > 0}
    if sum(last.values()) > most_g or (most_l is not None and _litres(last, per_g) > most_l):
        return None
    return [*loads, last] if last else loads


def fewest_count(
    grams: Mapping[str, int],
    most_g: int,
    most_l: int | None,
    litres_per_kg: Mapping[str, float],
) -> int | None:
    """How many loads :func:`fewest_grams` packs ``grams`` in, worked out without packing.

    The delivery's grams over ``most_g`` and its litres over ``most_l``, rounded up: no
    packing has fewer. None for a truck of no room. A caller that only needs to know
    whether the trucks could bring that many asks this first: packing 1.2 million loads
    to find they cannot took a tester's day most of a minute.

    >>> fewest_count({"water": 15_000_000, "rations": 6_000_000}, 12_000_000, 20_000,
    ...     {"water": 1.0, "rations": 3.0})
    2
    """
    if most_g <= 0 or (most_l is not None and most_l <= 0):
        return None
    left = {c: g for c, g in sorted(grams.items()) if g > 0}
    n = max(1, math.ceil(sum(left.values()) / most_g - 1e-12))
    if most_l is not None:
        per_g = {c: litres_per_kg.get(c, 0.0) / 1000 for c in left}
        n = max(n, math.ceil(_litres(left, per_g) / most_l - 1e-12))
    return n


@dataclass(frozen=True, slots=True)
class LoadNeed:
    """What one request's loads ask of the trucks: loads, trips and hours."""

    loads: int
    most: int
    """The most trips a day the trucks able to carry one of its loads can make."""
    round_trip_h: float
    """The shortest round trip of those trucks to its unit, with the stop."""


def room_for_all(needs: Sequence[LoadNeed], truck_hours: float) -> bool:
    """Whether the trucks may carry every load: an estimate, made before the search.

    Each request's loads within its trips a day, and a trip of its own for every load
    within the trucks' hours together (``truck_hours``, every truck's drivers' hours
    within the day). On the safe side for small loads (a trip may serve several) and
    not for receiving windows beyond the request's own trip bound; the search is the
    judge, and :func:`~supplyline.routing.convoy.route_day` packs most urgent first
    again when it leaves a mixed load out.
    """
    if any(n.loads > n.most for n in needs):
        return False
    return sum(n.loads * n.round_trip_h for n in needs) <= truck_hours + 1e-9
