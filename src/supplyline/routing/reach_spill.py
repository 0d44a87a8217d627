"""How a unit's goods spill from the nearest depot holding them to the next.

``routes`` gives each commodity of a delivery to the nearest depot holding it while that
depot has some and its trucks have hours, then to the next holder in the same order
(:func:`~supplyline.routing.depot_stock.allocate`). Reach judged each good on its
nearest holder for all its tonnes, whatever that depot held or however few its trucks:
adding 1 t of fuel at a depot with one truck next door moved a unit's whole 30 t/day of
fuel onto that truck, and an ok unit was flagged (the hypothesis tests of
``tests/routing/test_reach_stock_shares.py`` had to be narrowed to stock of a day's
need and trucks to spare).

Here a good's daily tonnes are split across its holders, in routes' order, each
limited by what it holds over the horizon (``stocks.csv``, and with a plan what the plan
brings in: a day of need is what the stock check asks of it,
:func:`~supplyline.routing.reach_goods.goods_elsewhere`) and by its trucks' tonnes a day
for the unit (the estimate of :mod:`~supplyline.routing.reach_trucks`). It is a small
linear programme (HiGHS through :func:`scipy.optimize.linprog`, as
:mod:`~supplyline.routing.depot_flow` does), whose costs rank, per tonne:

1. within what a holder holds, nearest first;
2. beyond what it holds, where its trucks have room (a stock matter, left to the plan's
   shortfalls and ``routes``' ``depot_short`` as before), nearest first;
3. what the holders do not hold a day (their stock spread over the horizon), on the
   trucks of the unit's serving depot (``carriers``), where the holders' trucks have no
   room: as a good no depot holds is counted there (``routes`` gives neither: it is
   ``depot_short``, a stock matter). What the holders hold a day their own trucks must
   carry, else it is short of trucks, as ``routes`` finds it;
4. on no truck at all: the rest, which goes to the good's first holder (``routes``
   counts what none can give against the first depot), whose trucks are then short.

Tier 3 keeps the verdict from hanging on who holds a little of a good: before, 1 t of
food added at a depot 138 km away with one truck made it the food's only holder, and the
unit's 4 t/day of food, carried on its serving depot's trucks while none held it, all
went on that one truck, and an ok unit was flagged.

A depot's stock is not shared out between the units here (each unit may take all of
it): a first version that gave each unit what a depot holds a day over the horizon
(held ÷ days) spread the relief example's water over three depots per site, each unit
taking a depot's whole daily rate, and overloaded vardo's trucks.

Because the tiers are ranked by costs rather than taken greedily, more stock or one
more holder can only lower what is left to a worse tier: a unit whose goods fit on the
trucks keeps fitting when stock is added where its holder's trucks carry it. Stock added
at a holder whose trucks cannot carry it is short of trucks, as in ``routes``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from supplyline.errors import SolverError
from supplyline.types import CommodityId, LocationId

__all__ = ["spill_goods"]

_TIERS = (1.0, 1e3)
"""The cost of a tonne within what a holder holds, and beyond it."""
_CARRIED = 1e4
"""The cost of a tonne on the trucks of a depot that does not hold it."""
_NO_TRUCK = 1e6
"""The cost of a tonne on no truck."""
_RANK = 1e-2
"""A holder's place in routes' order, as a small cost on top of its tier."""
_DUST_T = 1e-9


def spill_goods(
    needed: Mapping[CommodityId, float],
    holders: Mapping[CommodityId, Sequence[LocationId]],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    room_t: Mapping[LocationId, float],
    carriers: Sequence[LocationId] = (),
    days: int = 1,
) -> dict[LocationId, dict[CommodityId, float]]:
    """Each good's tonnes a day split across the depots holding it, by depot.

    ``needed`` are the unit's tonnes a day by good, ``holders`` each good's depots in
    routes' order, ``held_t`` what each holds over the horizon, ``room_t`` what each
    depot's trucks carry to the unit a day, ``carriers`` the depots whose trucks may
    carry what the holders do not hold a day (their stock over the ``days`` of the
    horizon), in routes' order (a good with no holder goes to these; at least one of the
    two is not empty).

    >>> spill_goods({"fuel": 30.0}, {"fuel": ["DA", "DB"]},
    ...             {("DA", "fuel"): 1.0, ("DB", "fuel"): 400.0}, {"DA": 7.5, "DB": 90.0})
    {'DA': {'fuel': 1.0}, 'DB': {'fuel': 29.0}}
    """
    goods = sorted(c for c, t in needed.items() if t > 0)
    ways = {c: [*holders[c], *(d for d in carriers if d not in holders[c])] for c in goods}
    if all(len(ways[c]) == 1 for c in goods):
        one: dict[LocationId, dict[CommodityId, float]] = defaultdict(dict)
        for c in goods:
            one[ways[c][0]][c] = needed[c]
        return dict(one)
    cols, x = _solve(needed, goods, holders, held_t, room_t, ways, days)
    short = len(cols)
    out: dict[LocationId, dict[CommodityId, float]] = defaultdict(dict)
    for j, (c, d, _) in enumerate(cols):
        if x[j] > _DUST_T:
            out[d][c] = out[d].get(c, 0.0) + float(x[j])
    for i, c in enumerate(goods):
        if x[short + i] > _DUST_T:  # on no truck: on the first holder's, which fall short
            first = ways[c][0]
            out[first][c] = out[first].get(c, 0.0) + float(x[short + i])
    for c in goods:  # the solver's tolerance: the parts add up to the need
        got = sum(part.get(c, 0.0) for part in out.values())
        if got <= _DUST_T:  # dust: on its first holder
            for part in out.values():
                part.pop(c, None)
            out[ways[c][0]][c] = needed[c]
            continue
        for part in out.values():
            if c in part:
                part[c] *= needed[c] / got
    return dict(out)


def _solve(
    needed: Mapping[CommodityId, float],
    goods: Sequence[CommodityId],
    holders: Mapping[CommodityId, Sequence[LocationId]],
    held_t: Mapping[tuple[LocationId, CommodityId], float],
    room_t: Mapping[LocationId, float],
    ways: Mapping[CommodityId, Sequence[LocationId]],
    days: int,
) -> tuple[list[tuple[CommodityId, LocationId, int]], np.ndarray[Any, Any]]:
    """The linear programme's columns (good, depot, tier) and its tonnes, then the goods short.

    Rows: each good's tonnes add up to its need; each depot's on its trucks' room; each
    good's on other carriers' trucks at most what its holders do not hold a day (over
    ``days``). ``ways`` are each good's holders then the other carriers.
    """
    depots = sorted({d for c in goods for d in ways[c]})
    cols: list[tuple[CommodityId, LocationId, int]] = []  # (good, depot, tier)
    cost: list[float] = []
    bounds: list[tuple[float, float | None]] = []
    for c in goods:
        for rank, d in enumerate(holders[c]):
            have = max(0.0, held_t.get((d, c), 0.0))
            caps = (have, None)
            for tier, (price, cap) in enumerate(zip(_TIERS, caps, strict=True)):
                cols.append((c, d, tier))
                cost.append(price * (1 + _RANK * rank))
                bounds.append((0.0, cap))
        others = [d for d in ways[c] if d not in holders[c]]
        for rank, d in enumerate(others):
            cols.append((c, d, len(_TIERS)))
            cost.append(_CARRIED * (1 + _RANK * rank))
            bounds.append((0.0, None))
    short = len(cols)
    cost += [_NO_TRUCK] * len(goods)
    bounds += [(0.0, None)] * len(goods)
    eq = np.zeros((len(goods), len(cost)))
    ub = np.zeros((len(depots) + len(goods), len(cost)))
    for j, (c, d, tier) in enumerate(cols):
        eq[goods.index(c), j] = 1.0
        ub[depots.index(d), j] = 1.0
        if tier == len(_TIERS):
            ub[len(depots) + goods.index(c), j] = 1.0
    for i in range(len(goods)):
        eq[i, short + i] = 1.0
    from scipy.optimize import linprog  # here: 0.2 s of import that --help and validate skip

    beyond = [  # what the holders do not hold a day: on other trucks at most this
        max(0.0, needed[c] - sum(max(0.0, held_t.get((d, c), 0.0)) for d in holders[c]) / days)
        for c in goods
    ]
    result = linprog(
        np.array(cost),
        A_ub=ub,
        b_ub=np.array([*(max(0.0, room_t.get(d, 0.0)) for d in depots), *beyond]),
        A_eq=eq,
        b_eq=np.array([needed[c] for c in goods]),
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:  # always feasible (all on no truck) and bounded: a failure
        raise SolverError(f"HiGHS could not split a unit's goods between depots: {result.message}")
    return cols, np.asarray(result.x)
