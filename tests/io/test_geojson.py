"""GeoJSON lines run the short way: a path across ±180° is cut there (RFC 7946, 3.1.9).

A path with no length has no geometry, and a line from a place on the antimeridian starts
at the sign of the side it goes to (see ``test_network_geojson.py`` for the places).
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from supplyline.io.geojson import antimeridian_sides, path_geometry

LON = st.one_of(st.floats(-180.0, 180.0), st.sampled_from([-180.0, 180.0, -179.5, 179.5, 0.0]))
POINT = st.tuples(LON, st.floats(-89.0, 89.0))


def _place(point: tuple[float, float]) -> tuple[float, float]:
    """A point with the antimeridian written one way (180 and −180 are one meridian)."""
    lon, lat = point
    return (-180.0 if lon == 180.0 else lon, lat)


def _parts(geometry: dict[str, object]) -> list[list[list[float]]]:
    coordinates = geometry["coordinates"]
    assert isinstance(coordinates, list)
    return [coordinates] if geometry["type"] == "LineString" else coordinates


@given(st.lists(POINT, min_size=2, max_size=8))
def test_no_drawn_step_is_longer_than_half_the_world(points: list[tuple[float, float]]) -> None:
    """Every step spans 180° of longitude or less, each part is a line, and the path is whole."""
    geometry = path_geometry(points)
    if geometry is None:
        assert len({_place(p) for p in points}) == 1  # only a path that does not move
        return
    parts = _parts(geometry)
    for part in parts:
        assert len(part) >= 2
        for (lon0, lat0), (lon1, lat1) in pairwise(part):
            assert abs(lon1 - lon0) <= 180.0
            assert (lon0, lat0) != (lon1, lat1)  # GEOS calls a line with a repeat invalid
    # every place of the path is on the line, in order
    visited = [_place((c[0], c[1])) for part in parts for c in part]
    at = 0
    for point in points:
        at = visited.index(_place(point), at)


def test_a_truck_path_across_the_antimeridian_is_cut_there() -> None:
    """Each crossing is a cut, and the parts meet at the same latitude."""
    geometry = path_geometry([(178.0, -18.0), (-179.0, -17.0), (178.5, -17.5)])
    assert geometry is not None
    assert geometry["type"] == "MultiLineString"
    first, middle, last = geometry["coordinates"]
    assert (first[0], first[-1][0]) == ([178.0, -18.0], 180.0)
    assert (middle[0][0], middle[1], middle[-1][0]) == (-180.0, [-179.0, -17.0], -180.0)
    assert (last[0][0], last[-1]) == (180.0, [178.5, -17.5])
    assert first[-1][1] == middle[0][1]  # the parts meet
    assert middle[-1][1] == last[0][1]


def test_a_path_that_does_not_move_has_no_geometry() -> None:
    """Two places at one spot give null, not a line of two equal points (invalid in GEOS)."""
    assert path_geometry([(-179.5, -12.1), (-179.5, -12.1)]) is None
    assert path_geometry([(180.0, 5.0), (-180.0, 5.0)]) is None  # one meridian, two ways


def test_a_place_on_the_antimeridian_goes_to_the_side_of_most_of_its_links() -> None:
    """Two links east (negative) and one west put the place at −180."""
    sides = antimeridian_sides(
        {"x": 180.0, "e1": -179.0, "e2": -178.0, "w": 179.0},
        [("x", "e1"), ("e2", "x"), ("x", "w")],
    )
    assert sides == {"x": -180.0, "e1": -179.0, "e2": -178.0, "w": 179.0}


def test_places_joined_only_on_the_antimeridian_follow_the_first() -> None:
    """A chain of places on the antimeridian takes the first's sign, whatever each wrote."""
    sides = antimeridian_sides({"a": -180.0, "b": 180.0, "c": 180.0}, [("b", "a"), ("b", "c")])
    assert sides == {"a": -180.0, "b": -180.0, "c": -180.0}
