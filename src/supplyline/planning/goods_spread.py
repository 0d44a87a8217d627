"""Where goods can be on each day, from given places and days: the model's rules of motion.

Capacities aside (any positive tonnes capacity lets goods through), as the LP moves them:
transit plus the destination's dwell, nothing departs on a day its arc is closed, goods
wait only where there is storage (anywhere, with the stores lifted).
:mod:`~supplyline.planning.unreachable` spreads each commodity from its stocks;
:mod:`~supplyline.planning.supply_floor` spreads each source's day of supply on its own,
stores lifted, to count what can arrive where by when.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem

__all__ = ["spread_over_days"]

BoolArray = npt.NDArray[np.bool_]


def spread_over_days(
    p: Problem, arc_open: BoolArray, there: BoolArray, *, capacities_lifted: bool = False
) -> BoolArray:
    """``there`` (``[row, location, day]``, changed in place) with every place goods reach.

    A row is one set of goods followed on its own (a commodity from all its stocks, or one
    source's supply of one day); ``arc_open`` (``[arc, day]``) says on which days an arc may
    be left. ``capacities_lifted``: as where every capacity is lifted (the supply's count):
    goods may wait at every place, a store of 0 too, and pass a place that handles 0 t/day;
    both are capacities the bottlenecks offer to raise. With a yard of 0 t/day lifted for
    the stores only, a unit behind it and a closed road read "with the road reopened and
    whatever the transport capacities, … still short of 100 t", where the road reopened and
    the yard raised left it 20 t short.
    """
    net, days = p.net, p.days
    usable = (net.arc_cap_t > 0) if capacities_lifted else net.arc_carries(people=False)
    delay = net.arc_delay
    can_wait = np.ones(len(net.location_ids), dtype=bool) if capacities_lifted else net.storage > 0
    for t in range(days):
        same_day = np.flatnonzero(usable & (delay == 0) & arc_open[:, t])
        while same_day.size:  # moves that arrive the day they leave, until none adds a place
            k, i = np.nonzero(there[:, net.arc_from[same_day], t])
            new = ~there[k, net.arc_to[same_day[i]], t]
            if not new.any():
                break
            there[k[new], net.arc_to[same_day[i[new]]], t] = True
        later = np.flatnonzero(usable & (delay > 0) & arc_open[:, t] & (t + delay < days))
        k, i = np.nonzero(there[:, net.arc_from[later], t])
        arcs = later[i]
        there[k, net.arc_to[arcs], t + delay[arcs]] = True
        if t + 1 < days:
            there[:, can_wait, t + 1] |= there[:, can_wait, t]
    return there
