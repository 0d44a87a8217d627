"""Where goods on hand in a store with a storage limit may go to make room there.

Reachability pruning (:func:`~supplyline.planning.network.reach`) keeps a flow only on the
days and places from which it can still reach a demand. A plan may need more: a tester's
depot of ``storage_t`` 10 held 10 t of fuel, and 9 t of food could reach it only on C+0,
for a unit there on C+3. The best plan sends 9 t of fuel to a warehouse with no limit on
C+0, where no demand for fuel is, and keeps the food; with no columns for fuel at the
warehouse (nor, in the naive model, any stock at the horizon's end) the plan said "optimal",
9 t short.

Only goods on hand at the start in such a store need this. Take an optimal plan and follow
each tonne back from where it ends undelivered to where it was drawn: a tonne drawn from a
day's replenishment, or from what is on hand in a store with no limit, can be left undrawn
instead, and the plan stays feasible (every capacity row counts it with a coefficient of 1
or not at all) and costs no more. Only what was on hand in a limited store counts the other
way in its storage row (:func:`~supplyline.planning.assemble.on_hand_room`): drawn and moved
away, it frees room there. So such a flow may go wherever it can still be stored on the
horizon's last day, and be left there; every other bound stays as
:func:`~supplyline.planning.network.reach` makes it. A scenario with no stock on hand in a
limited store (the benchmarks' synthetic families) builds the model it built before.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from supplyline.domain import Scenario
from supplyline.planning.network import FlowKind, Flows, NetworkArrays, Reach, days_from, days_to

__all__ = ["on_hand_room", "with_room_to_move"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def on_hand_room(scenario: Scenario, net: NetworkArrays) -> tuple[FloatArray, FloatArray]:
    """Each place's stock on hand on day 0 (every commodity), and its room net of it.

    The room is ``storage_t`` less what is on hand, or 0 where more is on hand than
    ``storage_t`` (``validate`` warns of it): the store's room is then what is on hand, on
    every day (the larger of the two).
    """
    pos = {loc_id: i for i, loc_id in enumerate(net.location_ids)}
    on_hand = np.zeros(len(net.location_ids))
    for st in scenario.stocks:
        if st.location in pos:
            on_hand[pos[st.location]] += st.initial_t
    return on_hand, np.maximum(net.storage, on_hand) - on_hand


def _crowding(scenario: Scenario, net: NetworkArrays, flows: Flows) -> list[list[int]]:
    """Of each flow, the places with a storage limit that hold some of it on hand on day 0."""
    pos = {loc_id: i for i, loc_id in enumerate(net.location_ids)}
    goods_flow = {
        name: f
        for f, name in enumerate(flows.names)
        if flows.kind[f] == FlowKind.GOODS  # goods flows are named as their commodity
    }
    limited = np.isfinite(net.storage)
    crowded: list[list[int]] = [[] for _ in flows.names]
    for st in scenario.stocks:
        f = goods_flow.get(st.commodity)
        if f is not None and st.initial_t > 0 and limited[pos[st.location]]:
            crowded[f].append(pos[st.location])
    return crowded


def with_room_to_move(
    scenario: Scenario, net: NetworkArrays, flows: Flows, bounds: Reach, *, pruned: bool
) -> Reach:
    """``bounds`` widened so that goods on hand in a limited store may leave it for good.

    A flow on hand in such a store may be, from its earliest day there, at every place it
    can be moved to from that store, up to the last day from which it can still get to a
    place that stores goods (``storage_t`` empty or above 0, or something on hand) by the
    horizon's last day, and may be left at such a place at the end (``Reach.rests``); in
    the store itself, up to the last day it can leave it for one. A flow with nowhere to go
    keeps its bounds. ``pruned`` False (the naive model: ``bounds`` prune nothing) lets it
    be left anywhere that stores goods.
    """
    crowded = _crowding(scenario, net, flows)
    moves = np.array([len(c) > 0 for c in crowded], dtype=bool)
    if not moves.any():
        return bounds
    stores = (net.storage > 0) | (on_hand_room(scenario, net)[0] > 0)
    if not pruned:
        return replace(bounds, rests=moves[:, None] & stores[None, :])
    last = scenario.horizon_days - 1
    usable = net.arc_cap_t > 0
    moved = _days_moved(net, usable, crowded)
    to_store = days_to(net, usable, np.flatnonzero(stores)).min(axis=0, initial=np.inf)
    # a place it is moved to, then on to a store: it may be there until it must go on
    through = np.where(moved + to_store[None, :] <= last, last - to_store[None, :], -1)
    # its own store, until it must leave for another store (or back to this one); kept
    # there to the end, it would be as good undrawn: a tester's junk that could go nowhere
    # else had columns for nothing, and the bottleneck report's duals shifted
    leave = np.full(len(net.location_ids), np.inf)
    arcs = np.flatnonzero(usable)
    np.minimum.at(leave, net.arc_from[arcs], net.arc_delay[arcs] + to_store[net.arc_to[arcs]])
    home = np.full(moved.shape, -1.0)
    for f, places in enumerate(crowded):
        home[f, places] = np.where(leave[places] <= last, last - leave[places], -1)
    latest = np.maximum(bounds.latest, np.maximum(through, home))
    return replace(bounds, latest=latest.astype(np.int64), rests=(moved <= last) & stores[None, :])


def _days_moved(net: NetworkArrays, usable: BoolArray, crowded: list[list[int]]) -> FloatArray:
    """``[flow, location]``: the fewest days from the flow's crowded stores, one arc or more."""
    leave = np.flatnonzero(usable & np.isin(net.arc_from, np.concatenate(crowded)))
    heads = np.unique(net.arc_to[leave])
    apart = days_from(net, usable, heads)  # [head, location]
    moved = np.full((len(crowded), len(net.location_ids)), np.inf)
    for f, places in enumerate(crowded):
        for a in leave[np.isin(net.arc_from[leave], places)].tolist():
            via = net.arc_delay[a] + apart[np.searchsorted(heads, net.arc_to[a])]
            np.minimum(moved[f], via, out=moved[f])
    return moved
