"""Road distances between locations: shortest paths over road links, else great circle.

Trucks drive on roads. Where the scenario gives road links, the distance between two
places is the shortest path over them (``scipy.sparse.csgraph.dijkstra``); where no road
path connects them, it is the great-circle distance times the scenario's detour factor,
and the matrix says so (``by_road`` is False) so that reports can flag the estimate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import Mode, Scenario
from supplyline.types import LocationId

__all__ = ["EARTH_RADIUS_KM", "RoadMatrix", "great_circle_km", "road_matrix"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), the usual choice for haversine distances."""

FloatArray = npt.NDArray[np.float64]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km.

    >>> round(great_circle_km(52.0, 13.0, 52.0, 14.0), 1)
    68.5
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _haversine_matrix(lat: FloatArray, lon: FloatArray) -> FloatArray:
    p, lam = np.radians(lat), np.radians(lon)
    dp = p[:, None] - p[None, :]
    dl = lam[:, None] - lam[None, :]
    a = np.sin(dp / 2) ** 2 + np.cos(p)[:, None] * np.cos(p)[None, :] * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))))


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadMatrix:
    """Distances in km between ``ids`` (row = from, column = to)."""

    ids: tuple[LocationId, ...]
    km: FloatArray
    by_road: npt.NDArray[np.bool_]
    """True where a road path exists; False where ``km`` is great circle × detour."""

    def index(self, location: LocationId) -> int:
        """Row/column of a location."""
        return self.ids.index(location)


def road_matrix(
    scenario: Scenario, ids: Sequence[LocationId], *, day: int | None = None
) -> RoadMatrix:
    """Distances between ``ids`` over the scenario's road links (open on ``day`` if given).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> m = road_matrix(s, [loc.id for loc in s.locations])
    >>> m.km.shape == (len(s.locations),) * 2
    True
    """
    ids = tuple(dict.fromkeys(ids))
    all_ids = list(dict.fromkeys([*ids, *(loc.id for loc in scenario.locations)]))
    pos = {loc: i for i, loc in enumerate(all_ids)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for link in scenario.links:
        if link.mode is not Mode.ROAD or (day is not None and not link.is_open(day)):
            continue
        for a, b in link.directions():
            if a in pos and b in pos:
                rows.append(pos[a])
                cols.append(pos[b])
                # a zero-length road still counts as connected: dijkstra drops explicit zeros
                vals.append(max(link.distance_km, 1e-9))
    n = len(all_ids)
    wanted = np.array([pos[i] for i in ids], dtype=np.int64)
    if vals:
        road = dijkstra(_min_graph(rows, cols, vals, n), directed=True, indices=wanted)
        road = road[:, wanted]
    else:
        road = np.full((len(ids), len(ids)), np.inf)
    np.fill_diagonal(road, 0.0)
    by_location = scenario.location_by_id
    lat = np.array([by_location[i].lat for i in ids], dtype=np.float64)
    lon = np.array([by_location[i].lon for i in ids], dtype=np.float64)
    estimate = _haversine_matrix(lat, lon) * scenario.routing.detour_factor
    by_road = np.isfinite(road)
    km = np.where(by_road, road, estimate)
    return RoadMatrix(ids=ids, km=np.asarray(km, dtype=np.float64), by_road=by_road)


def _min_graph(rows: list[int], cols: list[int], vals: list[float], n: int) -> csr_matrix:
    """A sparse graph keeping the shortest of parallel links (csr would add them up)."""
    best: dict[tuple[int, int], float] = {}
    for r, c, v in zip(rows, cols, vals, strict=True):
        if v < best.get((r, c), math.inf):
            best[(r, c)] = v
    keys = list(best)
    return csr_matrix(
        ([best[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])), shape=(n, n)
    )
