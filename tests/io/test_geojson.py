"""GeoJSON lines run the short way: a path across ±180° is cut there (RFC 7946, 3.1.9)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from supplyline.io.geojson import path_geometry

POINT = st.tuples(st.floats(-179.5, 179.5), st.floats(-89.0, 89.0))


@given(st.lists(POINT, min_size=2, max_size=8))
def test_no_drawn_step_is_longer_than_half_the_world(points: list[tuple[float, float]]) -> None:
    geometry = path_geometry(points)
    parts = (
        [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    )
    for part in parts:
        assert len(part) >= 2
        for (lon0, _), (lon1, _) in pairwise(part):
            assert abs(lon1 - lon0) <= 180.0
    # every place of the path is on the line, in order
    visited = [tuple(c) for part in parts for c in part]
    at = 0
    for point in points:
        at = visited.index(point, at)


def test_a_truck_path_across_the_antimeridian_is_cut_there() -> None:
    geometry = path_geometry([(178.0, -18.0), (-179.0, -17.0), (178.5, -17.5)])
    assert geometry["type"] == "MultiLineString"
    first, middle, last = geometry["coordinates"]
    assert (first[0], first[-1][0]) == ([178.0, -18.0], 180.0)
    assert (middle[0][0], middle[1], middle[-1][0]) == (-180.0, [-179.0, -17.0], -180.0)
    assert (last[0][0], last[-1]) == (180.0, [178.5, -17.5])
    assert first[-1][1] == middle[0][1]  # the parts meet
    assert middle[-1][1] == last[0][1]
