"""Where the supply's least shortfall falls: the place-days no transport capacity can serve.

A tester's yard handled 5 t of fuel a day, against a refinery's 3,000 t for 300 t eaten;
every fuel row of C+18–C+39 read "capacity and supply: … at least 1.88 t of fuel in all":
the 1.88 t was one distant unit's shortfall on C+3, before any fuel could reach it (its
own stock ran out first), and nothing about the supply limited the later days. The floor
was counted for the units together and said on every row of theirs.

So the floor is split where it falls. In the maximum flow that counts it (supply, each
source place and day, to the places by the first day it can be there, held there, to what
their units eat each day: :meth:`~supplyline.planning.supply_floor.SupplyFloor.
least_short_together`), the place-days the source cannot reach in the residual graph are
those whose every supply is used up: each place's days up to some day (goods are held
forward, never back). Any plan, whatever the transport capacities, serves them no more than
the supply that can reach them, so their units are short there of at least what they eat
less that supply; all the floor falls on them, and on none else. Split into the parts no
supply links (by the graph's edges), each part's shortfall is a floor of its own, and the
parts' floors add up to the whole: a row is explained by the supply only where it falls in
a part with some (:class:`FloorParts`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components

from supplyline.planning.model import IntArray
from supplyline.planning.tallies import tonnes_by

__all__ = ["FloorParts", "floor_parts"]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class FloorParts:
    """The parts of the supply's floor: place-days no plan can serve in full, and how short.

    ``part`` is ``[fed place, day]``: the part the place-day is in, or -1 where some plan
    serves it in full (the supply leaves room there, whatever else is short).
    """

    fed: IntArray
    """The places with units, by index (``part``'s rows)."""
    part: IntArray
    short_t: FloatArray
    """``[part]``: the least tonnes short in all on its place-days, whatever the capacities."""
    way_t: FloatArray
    """``[part]``: of them, what is eaten on its days before anything can be there (the way's)."""

    def at(self, v: int, day: int) -> int:
        """The part place ``v``'s ``day`` is in, or -1 (none, or no units at ``v``)."""
        i = int(np.searchsorted(self.fed, v))
        if i == len(self.fed) or int(self.fed[i]) != v:
            return -1
        return int(self.part[i, day])

    def places(self, part: int, n_places: int) -> BoolArray:
        """``[location]``: the places with a day in ``part``."""
        mask = np.zeros(n_places, dtype=bool)
        mask[self.fed[(self.part == part).any(axis=1)]] = True
        return mask


def floor_parts(
    *,
    graph: csr_matrix,
    flow: csr_matrix,
    at: IntArray,
    rows: IntArray,
    fed: IntArray,
    tonnes: tuple[FloatArray, FloatArray, FloatArray],
    started: BoolArray,
) -> FloorParts:
    """The parts of the floor, from the maximum flow that counts it.

    ``graph`` and ``flow`` in steps, node 0 the source and 1 the sink; ``at`` the
    ``[fed place, day]`` nodes and ``rows`` the supply's (source place × day); ``tonnes``
    what each row gives, what each place-day's units eat and bring on arrival, in tonnes
    as counted (the row's and the stock's rounded up to steps: the floor stays a floor);
    ``started`` ``[fed place, day]``: goods (or the units' own stock) can be there by then.
    """
    given, eaten, own = tonnes
    n = graph.shape[0]
    residual = (graph.astype(np.int64) - flow.astype(np.int64)).tocsr()
    residual.data = (residual.data > 0).astype(np.int8)
    residual.eliminate_zeros()
    served = np.zeros(n, dtype=bool)
    served[breadth_first_order(residual, 0, directed=True, return_predecessors=False)] = True
    served[:2] = True  # the source and the sink are in no part
    edges = graph.tocoo()
    inside = ~served[edges.row] & ~served[edges.col]
    linked = coo_matrix(
        (np.ones(int(inside.sum()), dtype=np.int8), (edges.row[inside], edges.col[inside])), (n, n)
    )
    _, label = connected_components(linked, directed=False)
    label = np.where(served, -1, label)
    parts, part_of = np.unique(label[label >= 0], return_inverse=True)
    compact = np.full(n, -1, dtype=np.int64)
    compact[label >= 0] = part_of
    part = compact[at]
    in_part = part >= 0
    short = tonnes_by(part[in_part], (eaten - own)[in_part], len(parts))
    row_part = compact[rows]
    short -= tonnes_by(row_part[row_part >= 0], given[row_part >= 0], len(parts))
    early = in_part & ~started
    way = tonnes_by(part[early], eaten[early], len(parts))
    return FloorParts(
        fed=fed,
        part=part,
        short_t=np.maximum(short, 0.0),
        way_t=way,
    )
