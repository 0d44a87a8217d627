"""The most that can move from one place to another in a day, every capacity to itself.

A lower bound on the days a unit's lift takes, whatever the other units do: a tester gave a
unit 10,000,000 t of lift behind a 300 t/day yard; it could never close, yet nothing said
so, and the plan gave it the yard while three units that could close did not.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.planning.network import NetworkArrays

__all__ = ["most_per_day"]

STEPS_PER_UNIT = 10
"""Capacities are counted in tenths of a tonne (or of a person), rounded up: the bound
stays a bound."""
UNLIMITED_STEPS = 10**8
"""What an unlimited capacity counts as: ten million tonnes a day, above any lift."""


def _steps(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    scaled = np.ceil(np.minimum(values * STEPS_PER_UNIT, UNLIMITED_STEPS))
    return scaled.astype(np.int64)


def most_per_day(net: NetworkArrays, home: int, dest: int, *, people: bool) -> float:
    """Tonnes (or people) a day that can get from ``home`` to ``dest`` at most.

    A maximum flow over the links that carry them (capacity per day) through places whose
    handling bounds what passes (loaded at ``home``, unloaded at ``dest``); outage days
    aside, so that it is an upper bound.
    """
    n = len(net.location_ids)
    usable = net.arc_carries(people=people)
    cap = net.arc_cap_pax if people else net.arc_cap_t
    handling = net.handling_pax if people else net.handling
    places = np.arange(n)
    # place v is v (arriving) → n + v (leaving), bounded by its handling
    tails = np.concatenate([places, n + net.arc_from[usable]])
    heads = np.concatenate([n + places, net.arc_to[usable]])
    steps = np.concatenate([_steps(handling), _steps(cap[usable])])
    graph = csr_matrix((steps, (tails, heads)), shape=(2 * n, 2 * n), dtype=np.int64)
    graph.sum_duplicates()  # parallel links add up (in 64 bits: 22 unlimited ones overflowed)
    np.minimum(graph.data, UNLIMITED_STEPS, out=graph.data)
    graph = csr_matrix(graph, dtype=np.int32)
    flow = maximum_flow(graph, home, n + dest).flow_value
    return float(flow) / STEPS_PER_UNIT
