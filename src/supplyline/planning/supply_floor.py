"""The least shortfall the supply allows: what no reopened closure can lessen.

A tester's unit was short of water on C+20, and the cause named the closure of its road;
re-planned with the road open, it was as short: its depot's replenishment, shared with
five other units, could not have covered the day anyway. The closure moved the shortfall
to other days, it did not make it.

So before a closure is blamed, the supply is counted: each source's stock on day 0 and
its replenishment on every day is followed on its own through the network (capacities
aside, with the closures to blame reopened: :func:`~supplyline.planning.goods_spread.
spread_over_days`), which gives the most tonnes that can have reached a set of places by
each day. Units there cannot consume more by a day than has reached them by then, so
their total shortfall is at least the largest gap, over the days, between what they
consume up to that day and what can have reached them (their own stock on hand when they
arrive counted in). Where the plan is already that
short, no plan with those closures reopened is less short there: the closure is not the
cause. The count overstates the supply (every stock's replenishment on every day, all of
it free for these places, no capacity or storage limit: goods may wait at any place, a
store of 0 too, as the bottlenecks may raise it), so the floor is never above the
truth, and a closure it clears may still be blamed wrongly only where capacities or other
units hold it back (which the cause's "as far as capacities allow" says).

A days-of-supply target is a level held each day, so a target gap is counted by the day
(:meth:`SupplyFloor.least_missed`): what the units have eaten and what they hold by a day
both came from what can have reached them by then, so their shortfall so far plus their gap
that day is at least what they eat and hold as target, less that. Where the supply leaves
them short in all, their gaps are weighed in all (:meth:`SupplyFloor.least_below`,
:mod:`~supplyline.planning.target_floor`).

It costs one spread per set of closures reopened, with a row per source place and day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.assemble import Problem
from supplyline.planning.catch_up import most_reaching_t
from supplyline.planning.floor_parts import FloorParts, floor_parts
from supplyline.planning.goods_spread import spread_over_days
from supplyline.planning.model import IntArray
from supplyline.planning.tallies import tonnes_by
from supplyline.planning.target_floor import least_below_t_days

__all__ = ["Floor", "SupplyFloor"]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

MOST_STEPS = 2**31 - 1
"""The largest capacity scipy's ``maximum_flow`` can hold: it keeps them in int32, and a
larger one wraps round, silently. In grams, a tester's 30,590 t of water (28,899 t eaten)
did: the most the units could eat came out as 847 t, and a plan 54.8 t short read "not
enough Water is in stock for every unit … at least 28,051 t in all"."""


@dataclass(frozen=True, slots=True)
class Floor:
    """The least shortfall some units can have, in tonnes."""

    total_t: float
    """Over the horizon."""
    after_first_t: float
    """Of it, on days goods can reach them: what the supply leaves short, not the way."""


@dataclass(frozen=True, slots=True)
class _Counted:
    """A maximum flow of the supply to what is eaten (in steps), and what it was built from.

    ``at`` ``[fed place, day]`` and ``rows`` (source place × day) are node indices; the
    tonnes as counted (a row's and a stock's rounded up to whole steps).
    """

    graph: csr_matrix
    flow: csr_matrix
    most_t: float
    at: IntArray
    rows: IntArray
    fed: IntArray
    given_t: FloatArray
    eaten: FloatArray
    own_t: FloatArray
    started: BoolArray


@dataclass
class SupplyFloor:
    """The least shortfall of a commodity at some places, with some closures reopened.

    ``arc_open`` gives, for a set of closures (link indices) reopened, the days goods may
    leave each arc (``[arc, day]``); the spreads are cached per set.
    """

    p: Problem
    arc_open: Callable[[frozenset[int]], BoolArray]
    _first: dict[frozenset[int], IntArray] = field(default_factory=dict)

    def least_short(self, k: int, places: BoolArray, reopened: frozenset[int]) -> Floor:
        """The fewest tonnes of commodity ``k`` the units at ``places`` can be short in all.

        ``places`` is a ``[location]`` mask; only days a unit is there count (as the LP's).
        """
        given, eaten, _ = self._by_day(k, places, reopened)
        reached = np.cumsum(given)
        total = float(max(0.0, (eaten - reached).max(initial=0.0)))
        some = np.flatnonzero(given > 0)
        before = float(eaten[some[0] - 1]) if some.size and some[0] > 0 else 0.0
        return Floor(total_t=total, after_first_t=max(0.0, total - before) if some.size else 0.0)

    def least_missed(self, k: int, places: BoolArray, reopened: frozenset[int]) -> FloatArray:
        """``[day]``: the fewest tonnes the units at ``places`` miss by the end of each day.

        Missed is their shortfall of ``k`` so far plus what they hold below their
        days-of-supply target that day: what they have eaten and what they hold came from
        what can have reached them by then, so no plan misses less (what a target gap is
        weighed by: the units can hold more of their target only by eating less).
        """
        given, eaten, target = self._by_day(k, places, reopened)
        return np.maximum(0.0, eaten + target - np.cumsum(given))

    def least_missed_through(self, k: int, v: int, reopened: frozenset[int], day: int) -> float:
        """The fewest tonnes the units at ``v`` miss by the end of ``day``, capacities counted.

        As :meth:`least_missed`, with what can reach ``v`` by then bounded by the arcs'
        capacities too (:func:`~supplyline.planning.catch_up.most_reaching_t`): a day after
        a closure that the road is too small to catch up from.
        """
        p = self.p
        at_v = np.zeros(len(p.net.location_ids), dtype=bool)
        at_v[v] = True
        _, eaten, target = self._by_day(k, at_v, reopened)
        units = p.unit_dest == v
        own = float(p.on_hand_t[units, k][p.demand.arrival_day[units] <= day].sum())
        supply = np.zeros((len(p.net.location_ids), p.days))
        supply[self._source_places()] = self._supply(k).reshape(-1, p.days)
        most = most_reaching_t(p, self.arc_open(reopened), supply=supply, place=v, day=day)
        return max(0.0, float(eaten[day] + target[day]) - most - own)

    def _by_day(
        self, k: int, places: BoolArray, reopened: frozenset[int]
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """``[day]`` each: what can first reach ``places``, what is eaten by then, the target.

        The tonnes of ``k`` that can first reach the places that day (the units' own stock
        on hand when they arrive counted in), what their units eat up to and including it,
        and their days-of-supply target at its end.
        """
        p, days = self.p, self.p.days
        first = self._first_at(reopened)  # [row, location]: the first day it can be there
        came = np.where(places[None, :], first, days).min(axis=1)
        given = tonnes_by(came, self._supply(k), days + 1)[:days]
        units = places[p.unit_dest]
        arrival = p.demand.arrival_day[units]
        there = arrival < days  # what a unit has on hand when it arrives is its own supply
        given += tonnes_by(arrival[there], p.on_hand_t[units, k][there], days)
        present = np.arange(days)[None, :] >= arrival[:, None]
        eaten = np.cumsum((p.consumption_t[units, k, :] * present).sum(axis=0))
        target = (p.target_t[units, k, :] * present).sum(axis=0)
        return given, eaten, target

    def sharing(self, k: int, v: int, reopened: frozenset[int]) -> BoolArray:
        """``[location]``: the places whose units share ``v``'s supply of ``k``, ``v`` with them.

        A source's day of supply that can reach ``v`` can feed every place it reaches, whose
        other sources feed further places, and so on: the units there draw on one pool, and
        none of it can reach a unit elsewhere. A tester's depot of 4 t a day fed two camps;
        the one behind a closed road was said to be cut off, yet with the road open its
        shortfall only moved to the other camp (24 t short, 23 with the road open).
        """
        first = self._first_at(reopened)  # [row, location]
        reaches = (first < self.p.days) & (self._supply(k) > 0)[:, None]
        pool = np.zeros(first.shape[1], dtype=bool)
        pool[v] = True
        while True:
            rows = reaches[:, pool].any(axis=1)
            grown = pool | reaches[rows].any(axis=0)
            if (grown == pool).all():
                return pool
            pool = grown

    def sources(self, k: int, places: BoolArray, reopened: frozenset[int]) -> list[int]:
        """The places (by index) whose supply of ``k`` can reach any of ``places`` in time.

        Those the supply's count draws on: where it binds, one of them is the limit.
        """
        first = self._first_at(reopened)  # [row, location]
        reaches = (first < self.p.days) & (self._supply(k) > 0)[:, None]
        rows = reaches[:, places].any(axis=1).reshape(-1, self.p.days).any(axis=1)
        return [int(i) for i in self._source_places()[rows]]

    def least_short_together(self, k: int, places: BoolArray, reopened: frozenset[int]) -> Floor:
        """As :meth:`least_short`, the places' units sharing the supply, each where it arrives.

        Counted together in :meth:`least_short`, a day's supply that can reach one place
        feeds units at another it cannot reach in time (a tester's depot fed five units a
        day away and one two days away: the last day's water counted for all). So the most
        they can eat is a maximum flow, supply (each source place and day) to the places by
        the first day it can be there, held there as long as needed, to what the units eat
        each day; in whole steps of a gram or more, rounded up (never below the truth's:
        :func:`_step_t`). Of it, what is short after goods can first be at each place is the
        supply's, not the way's.
        """
        counted = self._counted(k, places, reopened)
        total = float(max(0.0, counted.eaten.sum() - counted.most_t))
        before = float(counted.eaten[~counted.started].sum())
        return Floor(total_t=total, after_first_t=max(0.0, total - before))

    def parts(self, k: int, places: BoolArray, reopened: frozenset[int]) -> FloorParts:
        """Where :meth:`least_short_together`'s floor falls: the place-days it leaves short.

        Said on the rows there alone (:mod:`~supplyline.planning.floor_parts`): a tester's
        rows of C+18–C+39 blamed the supply for one unit's 1.88 t short on C+3.
        """
        c = self._counted(k, places, reopened)
        return floor_parts(
            graph=c.graph,
            flow=c.flow,
            at=c.at,
            rows=c.rows,
            fed=c.fed,
            tonnes=(c.given_t, c.eaten, c.own_t),
            started=c.started,
        )

    def _counted(self, k: int, places: BoolArray, reopened: frozenset[int]) -> _Counted:
        """The maximum flow of :meth:`least_short_together`, with what it was built from."""
        days = self.p.days
        fed, eaten, own, _ = self._by_place(k, places)
        supply = self._supply(k)
        first = self._first_at(reopened)[:, fed]  # [row, fed place]
        row, i = np.nonzero((first < days) & (supply > 0)[:, None])
        # nodes: 0 the supply, 1 what is eaten, then a node per row, then per (place, day)
        source, sink, rows = 0, 1, 2 + np.arange(len(supply))
        at = 2 + len(supply) + np.arange(len(fed))[:, None] * days + np.arange(days)[None, :]
        step = _step_t(eaten)
        # no flow is more than all that is eaten, so no capacity need be either: all fit int32
        unlimited = int(_steps(eaten, step).sum())
        edges = (
            (np.full(len(rows), source), rows, _steps(supply, step)),
            (rows[row], at[i, first[row, i]], np.full(len(row), unlimited)),
            (np.full(at.size, source), at.ravel(), _steps(own.ravel(), step)),
            (at[:, :-1].ravel(), at[:, 1:].ravel(), np.full(at[:, :-1].size, unlimited)),
            (at.ravel(), np.full(at.size, sink), _steps(eaten.ravel(), step)),
        )
        tails, heads, caps = (np.concatenate(x) for x in zip(*edges, strict=True))
        n = 2 + len(supply) + at.size
        graph = csr_matrix((np.minimum(caps, unlimited).astype(np.int32), (tails, heads)), (n, n))
        flowed = maximum_flow(graph, source, sink)
        # before anything can be at a place, its units are short whatever the supply
        came = own > 0
        came[i, first[row, i]] = True
        return _Counted(
            graph=graph,
            flow=flowed.flow,
            most_t=flowed.flow_value * step,
            at=at,
            rows=rows,
            fed=fed,
            given_t=_steps(supply, step).astype(np.float64) * step,
            eaten=eaten,
            own_t=_steps(own, step).astype(np.float64) * step,
            started=np.maximum.accumulate(came, axis=1),
        )

    def least_below(
        self,
        k: int,
        places: BoolArray,
        reopened: frozenset[int],
        *,
        eaten_by: FloatArray,
        slack: FloatArray,
    ) -> float | None:
        """The fewest tonne-days the units at ``places`` can be below their targets of ``k``.

        Eating ``eaten_by`` by each day at least (less ``slack``), each day's supply
        counted at each place by the first day it can be there
        (:func:`~supplyline.planning.target_floor.least_below_t_days`; None where no plan
        eats that much).
        """
        fed, eaten, own, target = self._by_place(k, places)
        return least_below_t_days(
            supply=self._supply(k),
            first=self._first_at(reopened)[:, fed],
            eaten=eaten,
            target=target,
            own=own,
            eaten_by=eaten_by,
            slack=slack,
        )

    def _by_place(
        self, k: int, places: BoolArray
    ) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
        """The places in ``places`` with units, and ``[that place, day]`` for ``k`` there.

        What their units eat, the stock they bring on the day they arrive, their target;
        each only from the day a unit is there.
        """
        p, days = self.p, self.p.days
        units = places[p.unit_dest]
        arrival = p.demand.arrival_day[units]
        present = np.arange(days)[None, :] >= arrival[:, None]
        fed = np.unique(p.unit_dest[units])  # the places with units, in order
        slot = np.searchsorted(fed, p.unit_dest[units])  # each unit's place among them
        eaten = np.zeros((len(fed), days))
        np.add.at(eaten, slot, p.consumption_t[units, k, :] * present)
        target = np.zeros((len(fed), days))
        np.add.at(target, slot, p.target_t[units, k, :] * present)
        own = np.zeros((len(fed), days))
        there = arrival < days
        np.add.at(own, (slot[there], arrival[there]), p.on_hand_t[units, k][there])
        return np.asarray(fed, dtype=np.int64), eaten, own, target

    def _supply(self, k: int) -> FloatArray:
        """Tonnes of ``k`` given on each (source place, day), as the spread's rows."""
        p, days = self.p, self.p.days
        commodity = p.demand.commodity_ids[k]
        pos = {loc: i for i, loc in enumerate(p.net.location_ids)}
        given = np.zeros((len(pos), days))
        for st in p.scenario.stocks:
            if st.commodity == commodity:
                given[pos[st.location], :] += st.replenishment_t_per_day
                given[pos[st.location], 0] += st.initial_t
        return given[self._source_places()].ravel()

    def _source_places(self) -> IntArray:
        """Places with a stock of any commodity, by index: the spread's rows, by day."""
        pos = {loc: i for i, loc in enumerate(self.p.net.location_ids)}
        return np.array(sorted({pos[st.location] for st in self.p.scenario.stocks}), np.int64)

    def _first_at(self, reopened: frozenset[int]) -> IntArray:
        """``[source place × day, location]``: the first day that day's supply can be there.

        ``days`` where it never can.
        """
        if reopened not in self._first:
            p, days = self.p, self.p.days
            places = self._source_places()
            n_v = len(p.net.location_ids)
            seeds = np.zeros((len(places), days, n_v, days), dtype=bool)
            row, day = np.arange(len(places))[:, None], np.arange(days)[None, :]
            seeds[row, day, places[:, None], day] = True
            there = spread_over_days(  # stores and handlings of 0 too: "whatever the capacities"
                p, self.arc_open(reopened), seeds.reshape(-1, n_v, days), capacities_lifted=True
            )
            first = np.where(there.any(axis=2), there.argmax(axis=2), days)
            self._first[reopened] = first.astype(np.int64)
        return self._first[reopened]


def _step_t(eaten: FloatArray) -> float:
    """The tonnes in one step of the maximum flow: a gram, or more where grams overflow.

    More where all that is eaten, each cell rounded up, would be above :data:`MOST_STEPS`.

    Coarser steps, each capacity rounded up, only let more be eaten: the floor stays below
    the truth's, by at most a step for each ``eaten`` cell (a tester's 28,899 t of water
    eaten over 420 place-days: 27 g steps, the floor at most 11 kg low).
    """
    step = max(1e-6, float(eaten.sum()) / MOST_STEPS)
    while _steps(eaten, step).sum() > MOST_STEPS:
        step *= 2.0
    return step


def _steps(tonnes: FloatArray, step_t: float) -> IntArray:
    """Tonnes as whole steps of ``step_t``, rounded up: a flow of them is never less."""
    return np.ceil(np.asarray(tonnes, dtype=np.float64) / step_t).astype(np.int64)
