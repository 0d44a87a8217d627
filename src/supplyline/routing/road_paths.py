"""Shortest road km between many places: one search from each junction, not each place.

Why a module of its own: :func:`~supplyline.routing.roads.road_matrix` ran a Dijkstra
search from every place it was asked for: on a generated single-trip day of 5,000 units,
4-9 s of the 9-15 s the matrix took before the search began (10,000 units: 40 s). Most
such places are *leaves*: roads join them to one other place only (a unit's site at the
end of its track). Every way out of a leaf starts on its road to that place, so the
leaf's row is that road's km plus its neighbour's row, with no search of its own; the
ways *into* it end on the road from its neighbour, which the other places' searches
count already (the columns are theirs, number for number). Only the junctions asked
for, and the places the leaves hang on, are searched from: a search each, whatever
number of leaves hang on them.

A leaf's km is its road plus the rest of the way; its own search added the same roads
in another order, so the two may differ in the last binary digit of a float (1e-16
relative), far below the model's decametres and whole seconds.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

__all__ = ["leaf_parents", "shortest_km"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_NONE = -1
_BLOCK_ROWS = 512
"""Rows of the matrix made at a time: a block's temporary stays small (4 MB a 1,000 places)."""


def leaf_parents(graph: csr_matrix) -> IntArray:
    """For each node, the one node its arcs join it to (either way), else ``-1``.

    A node joined to two or more others, or to none, is no leaf; nor is one whose only
    neighbour is a leaf too (two places joined only to each other: the pair is searched
    from, or a leaf's row would be made of its neighbour's, itself made of the leaf's).
    A road from a place to itself leads nowhere and is not counted.

    >>> g = csr_matrix(([1.0, 1.0, 2.0], ([0, 1, 2], [1, 0, 1])), shape=(4, 4))
    >>> leaf_parents(g).tolist()  # 0 and 2 hang on 1; 3 has no road
    [1, -1, 1, -1]
    """
    n = graph.shape[0]
    joined = (graph != 0).astype(np.int8)
    joined = (joined + joined.T).tocsr()
    joined.setdiag(0)
    joined.eliminate_zeros()
    degree = np.diff(joined.indptr)
    parent = np.full(n, _NONE, dtype=np.int64)
    one = np.flatnonzero(degree == 1)
    parent[one] = joined.indices[joined.indptr[one]]
    parent[one[degree[parent[one]] == 1]] = _NONE  # a pair joined only to each other
    return parent


def shortest_km(graph: csr_matrix, wanted: IntArray) -> FloatArray:
    """Shortest km from each ``wanted`` node to each (inf where no path), 0 on the diagonal.

    ``graph`` is directed, one arc per (from, to) with its km (> 0). Searched from the
    wanted junctions and the nodes the wanted leaves hang on (:func:`leaf_parents`); a
    leaf's row is its arc to its neighbour plus the neighbour's row (inf with no such
    arc: a one-way road into a dead end leads nowhere out of it).
    """
    n = len(wanted)
    if not n:
        return np.zeros((0, 0))
    parent = leaf_parents(graph)[wanted]
    leaf = parent != _NONE
    sources, at = np.unique(np.where(leaf, parent, wanted), return_inverse=True)
    searched = dijkstra(graph, directed=True, indices=sources)[:, wanted]
    # the first arc of each row: a leaf's to its neighbour, none (0 km) for a junction
    first = np.zeros(n)
    rows = np.flatnonzero(leaf)
    if rows.size:
        arc = np.asarray(graph[wanted[rows], parent[rows]], dtype=np.float64).reshape(-1)
        # no arc out of a leaf (0 in the sparse graph, whose km are all > 0): no way out
        first[rows] = np.where(arc == 0, np.inf, arc)
    # each row its source's plus its first arc (x + 0.0 is x: a junction's row is its
    # search's, number for number), a block of rows at a time: one pass over the matrix
    at = at.reshape(-1)
    out = np.empty((n, n))
    for start in range(0, n, _BLOCK_ROWS):
        block = slice(start, start + _BLOCK_ROWS)
        np.add(searched[at[block]], first[block, None], out=out[block])
    np.fill_diagonal(out, 0.0)
    return out
