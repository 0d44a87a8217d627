"""Road legs a truck can drive and come back from: the convoy router's rule, by day.

The movement plan moved goods over any link direction open on the day they left. A truck
must come back, though: a tester's one-way road into a place whose only road out was
closed on C+1–C+2 carried 41.2 t in the plan on those days, which ``routes`` then
reported ``road_closed`` ("no open road back from A to …"), where the plan could have
stocked the place ahead, as it does for a place cut off both ways.

So the plan follows the router's rule (:mod:`supplyline.routing.roads`, "Cut off by road"
in docs/routing.md): a truck leaves a place only over a road leading out of it (a two-way
road leads both ways, a one-way road from its ``from`` to its ``to`` only), and on a day
when roads lead out of a place and none of them is driven (each judged, as ``routes``
judges it for the goods of that day, on the day they left: that day less its
``transit_days``; a road of capacity 0 on no day), no truck leaves it. A road
leg that *arrives* at such a place on such a day (its arrival day: departure +
``transit_days``, before a yard's dwell, as ``movements.csv`` dates it) cannot be
driven: the plan gives it no capacity on its departure day.

Why the arrival day: ``routes`` routes a plan's road leg on the day it arrives, as a
round trip from a fleet depot within that day over the roads open that day, and a place
no truck can leave that day is ``road_closed`` there. For a leg of ``transit_days`` 0
that is its departure day. A truck on a longer leg would in truth come back on later
days, which the one-day convoy model does not see; the plan checks the day ``routes``
drives the goods. (The way *in* needs no rule: ``routes`` judges the leg's own road on
the day its goods left, when the plan found it open, even if it closes behind them.)

Only road links carry trucks: rail, sea, air and inland-water legs are left as they are,
and so are a unit's own lift and people (``deploy:…`` flows: the unit's vehicles stay
with it, and ``routes`` does not route them); the caller applies the rule to goods only.
A place that roads lead into but none out of, on any day (a one-way dead end), is not
stranded by this rule, as the router does not strand it: it estimates the way back as
the great circle × its detour factor, the scenario being silent on that road. ``validate``
warns of such a place (:func:`supplyline.domain.link_checks.check_one_way_dead_ends`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["no_road_out", "truck_open"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def no_road_out(
    arc_from: IntArray,
    arc_transit: IntArray,
    arc_road: BoolArray,
    arc_open: BoolArray,
    places: int,
) -> BoolArray:
    """``[place, day]``: roads lead out of the place, and none is driven that day.

    ``arc_open`` is ``[arc, day]``, an arc open to what leaves on the days its link is
    (none on any day for a link that carries no tonnes); each road arc leads out of its
    ``arc_from``. A road out is driven on day ``N`` when it was open on ``N − transit``
    (C+0 before the start), as ``routes`` judges a road for the goods of day ``N``
    (:func:`supplyline.routing.roads.drives`).

    >>> import numpy as np
    >>> # one-way roads 0 → 1 (open) and 1 → 0 (closed on day 1); place 2 has no road
    >>> opened = np.array([[True, True], [True, False]])
    >>> no_road_out(np.array([0, 1]), np.array([0, 0]), np.array([True, True]), opened, 3).tolist()
    [[False, False], [False, True], [False, False]]
    >>> # with a day in transit, the road back closed on day 1 is not driven on day 2
    >>> opened = np.array([[True] * 3, [True, False, True]])
    >>> no_road_out(np.array([0, 1]), np.array([0, 1]), np.array([True, True]), opened, 2)[1]
    array([False, False,  True])
    """
    road = np.flatnonzero(arc_road)
    days = arc_open.shape[1]
    left = np.maximum(np.arange(days)[None, :] - arc_transit[road][:, None], 0)
    driven = np.take_along_axis(arc_open[road], left, axis=1)  # [road arc, day driven]
    arc, day = np.nonzero(driven)  # each road driven on a day: a way out that day
    open_count = np.bincount(arc_from[road][arc] * days + day, minlength=places * days)
    open_count = open_count.reshape(places, days)
    leads_out = np.bincount(arc_from[road], minlength=places) > 0
    out: BoolArray = leads_out[:, None] & (open_count == 0)
    return out


def truck_open(
    arc_from: IntArray,
    arc_to: IntArray,
    arc_transit: IntArray,
    arc_road: BoolArray,
    arc_open: BoolArray,
    places: int,
    arc_carries: BoolArray,
) -> BoolArray:
    """``[arc, day]``: ``arc_open``, less road arcs arriving where no truck can leave.

    A road arc leaving on day ``t`` arrives on ``t + transit``; it is closed on ``t`` if
    no road out of its far end is driven on that arrival day (:func:`no_road_out`). An
    arc that does not carry (``arc_carries`` False: capacity 0) is closed on every day,
    as ``routes`` closes such a road. Arcs arriving after the horizon and arcs of other
    modes keep ``arc_open``. Numpy over arcs × days; ``arc_open`` itself is returned (not
    a copy) when no arc is closed, so that the builder can skip it.

    >>> import numpy as np
    >>> # 0 → 1 one way (2 days' transit) and 1 → 0 one way, closed on day 2
    >>> arcs = np.array([0, 1]), np.array([1, 0]), np.array([2, 0]), np.array([True, True])
    >>> opened = np.array([[True] * 4, [True, True, False, True]])
    >>> truck_open(*arcs, opened, 2, np.array([True, True])).tolist()
    [[False, True, True, True], [True, True, False, True]]
    """
    if not arc_carries.all():
        arc_open = arc_open & arc_carries[:, None]
    if arc_open.all() or not arc_road.any():
        return arc_open
    days = arc_open.shape[1]
    cut = no_road_out(arc_from, arc_transit, arc_road, arc_open, places)
    road = np.flatnonzero(arc_road)
    transit = arc_transit[road]
    arrive = np.arange(days)[None, :] + transit[:, None]  # [road arc, departure day]
    # days after the horizon: nothing arrives there in the plan, and nothing is barred
    after = np.zeros((places, int(transit.max(initial=0))), dtype=bool)
    blocked = np.concatenate((cut, after), axis=1)[arc_to[road][:, None], arrive]
    if not blocked.any():
        return arc_open
    out = arc_open.copy()
    out[road] &= ~blocked
    return out
