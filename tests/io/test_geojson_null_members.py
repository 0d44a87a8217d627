"""Every GeoJSON supplyline writes leaves out a property null on all its features.

GDAL, through which QGIS opens GeoJSON, types a field with no value on any feature as
String: a tester's ``handling_pax_per_day`` (null on every place of both bundled examples)
and ``gauge_mm`` (a scenario without rail) came into QGIS as text columns. Measured with
pyogrio on the relief example's network.geojson: ``gauge_mm`` and ``handling_pax_per_day``
typed ``object`` before; absent after, and every numeric property typed int or float.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Link, Location, LocationKind, Mode, Plan, PlanStatus, Scenario
from supplyline.io.geojson import feature_collection
from supplyline.io.network_geojson import network_geojson

START = dt.date(2025, 6, 1)
KEYS = st.sampled_from(["id", "gauge_mm", "tonnes", "detail"])
VALUES = st.one_of(st.none(), st.integers(0, 9), st.floats(0, 9), st.text(max_size=3))
FEATURES = st.lists(
    st.dictionaries(KEYS, VALUES).map(
        lambda props: {"type": "Feature", "geometry": None, "properties": props}
    ),
    max_size=6,
)


def _null_everywhere(features: list[dict[str, Any]]) -> set[str]:
    keys = {k for f in features for k in f["properties"]}
    return {k for k in keys if all(f["properties"].get(k) is None for f in features)}


@given(FEATURES)
def test_only_the_properties_null_on_every_feature_are_left_out(
    features: list[dict[str, Any]],
) -> None:
    """Each feature keeps every property that has a value on some feature, as it was."""
    gone = _null_everywhere(features)
    kept = feature_collection(features)["features"]
    assert [f["properties"] for f in kept] == [
        {k: v for k, v in f["properties"].items() if k not in gone} for f in features
    ]


@given(FEATURES)
def test_no_property_is_null_on_every_feature_written(features: list[dict[str, Any]]) -> None:
    """What GDAL would type String for want of a value is never in the collection."""
    assert _null_everywhere(feature_collection(features)["features"]) == set()


def test_the_collection_keeps_its_name_as_the_layer_name() -> None:
    """``name`` is the FeatureCollection's member (GDAL's layer name), and absent unasked."""
    assert feature_collection([], name="Sea plan") == {
        "type": "FeatureCollection",
        "name": "Sea plan",
        "features": [],
    }
    assert "name" not in feature_collection([])


def _network(gauge_mm: int | None) -> dict[str, Any]:
    """Two places without handling of people, joined by rail with or without a gauge."""
    places = tuple(
        Location(id=i, name=i, partner="P", kind=LocationKind.RAILHEAD, lat=50.0, lon=lon)
        for i, lon in (("a", 10.0), ("b", 11.0))
    )
    rail = Link(id="a-b", origin="a", destination="b", mode=Mode.RAIL, distance_km=80,
                transit_days=1, gauge_mm=gauge_mm)  # fmt: skip
    scenario = Scenario(name="Rail", start_date=START, horizon_days=3, locations=places,
                        links=(rail,))  # fmt: skip
    plan = Plan(scenario="Rail", start_date=START, horizon_days=3, status=PlanStatus.OPTIMAL,
                objective=0.0, movements=())  # fmt: skip
    return network_geojson(scenario, plan)


def test_network_geojson_leaves_out_what_no_place_or_link_has() -> None:
    """No place has ``handling_pax_per_day``, no link ``gauge_mm``: neither is written."""
    data = _network(gauge_mm=None)
    assert _null_everywhere(data["features"]) == set()
    written = {k for f in data["features"] for k in f["properties"]}
    assert {"gauge_mm", "handling_pax_per_day"}.isdisjoint(written)


def test_network_geojson_keeps_a_gauge_some_link_has() -> None:
    """A link with a gauge keeps the member, a number GDAL types as one."""
    link = next(f for f in _network(gauge_mm=1435)["features"] if f["properties"]["id"] == "a-b")
    assert link["properties"]["gauge_mm"] == 1435
