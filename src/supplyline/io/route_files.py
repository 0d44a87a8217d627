"""A day's convoy routes on disk: CSV tables for spreadsheets, GeoJSON for a map.

``routes.csv`` has one row per stop (truck, trip, order, unit, hours, tonnes by
commodity, whether the leg's km is by road); ``trucks.csv`` one row per truck;
``unserved.csv`` every delivery no route brings, with the reason; ``on_site.csv`` what
units draw from the stock of their own place (no truck); ``routes.geojson`` the truck
paths as lines (straight between the places visited), the unserved units and the
on-site draws as points; ``routes.json`` the summary.
Hours are hours after midnight of the route's day; days show as date and C+N.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from supplyline.domain import Scenario
from supplyline.domain.routes import Routes
from supplyline.io.csv_out import write_csv
from supplyline.io.geojson import path_geometry
from supplyline.types import day_label

__all__ = [
    "ROUTE_FILES",
    "on_site_rows",
    "route_rows",
    "truck_rows",
    "unserved_rows",
    "write_routes_files",
]

ROUTE_FILES = (
    "routes.csv",
    "trucks.csv",
    "unserved.csv",
    "on_site.csv",
    "routes.geojson",
    "routes.json",
)


def _loads(load: Mapping[str, float]) -> str:
    return ";".join(f"{c}={t:.3f}" for c, t in sorted(load.items()))


def route_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per stop, in truck and visiting order."""
    rows = []
    for r in routes.routes:
        for seq, s in enumerate(r.stops, start=1):
            rows.append(
                {
                    "truck": r.truck,
                    "fleet_group": r.fleet_group,
                    "vehicle_type": r.vehicle_type,
                    "depot": r.depot,
                    "trip": s.trip,
                    "stop": seq,
                    "unit": s.unit,
                    "location": s.location,
                    "arrival_h": round(s.arrival_h, 3),
                    "service_start_h": round(s.service_start_h, 3),
                    "departure_h": round(s.departure_h, 3),
                    "tonnes": round(s.tonnes, 3),
                    "volume_m3": round(s.volume_m3, 3),
                    "load_t": _loads(s.load_t),
                    "leg_km": round(s.distance_from_previous_km, 2),
                    "leg_by_road": s.leg_by_road,
                }
            )
    return rows


def truck_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per truck on the road: when, how far, how much, at what cost."""
    return [
        {
            "truck": r.truck,
            "fleet_group": r.fleet_group,
            "vehicle_type": r.vehicle_type,
            "depot": r.depot,
            "trips": r.trips,
            "stops": len(r.stops),
            "start_h": round(r.start_h, 3),
            "end_h": round(r.end_h, 3),
            "hours": round(r.duration_h, 3),
            "km": round(r.distance_km, 2),
            "tonnes": round(r.tonnes, 3),
            "payload_t": r.payload_t,
            "cost": round(r.cost, 2),
        }
        for r in routes.routes
    ]


def unserved_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per delivery (or part of one) that no route brings, with the reason."""
    return [
        {
            "unit": u.unit,
            "location": u.location,
            "tonnes": round(u.tonnes, 3),
            "load_t": _loads(u.load_t),
            "reason": str(u.reason),
            "detail": u.detail,
        }
        for u in routes.unserved
    ]


def on_site_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per unit that draws from the stock of its own place: served there, no truck."""
    return [
        {
            "unit": d.unit,
            "location": d.location,
            "tonnes": round(d.tonnes, 3),
            "load_t": _loads(d.load_t),
        }
        for d in routes.on_site
    ]


_ROUTE_COLS = [
    "truck", "fleet_group", "vehicle_type", "depot", "trip", "stop", "unit", "location",
    "arrival_h", "service_start_h", "departure_h", "tonnes", "volume_m3", "load_t", "leg_km",
    "leg_by_road",
]  # fmt: skip
_TRUCK_COLS = [
    "truck", "fleet_group", "vehicle_type", "depot", "trips", "stops", "start_h", "end_h",
    "hours", "km", "tonnes", "payload_t", "cost",
]  # fmt: skip
_UNSERVED_COLS = ["unit", "location", "tonnes", "load_t", "reason", "detail"]
_ON_SITE_COLS = ["unit", "location", "tonnes", "load_t"]


def routes_geojson(scenario: Scenario, routes: Routes) -> dict[str, Any]:
    """Truck paths as LineStrings, unserved units and on-site draws as Points (lon/lat).

    A path with a leg across the antimeridian is a MultiLineString cut there.
    """
    where = scenario.location_by_id
    features: list[dict[str, Any]] = []
    for r in routes.routes:
        points = [(where[x].lon, where[x].lat) for x in r.path]
        features.append(
            {
                "type": "Feature",
                "geometry": path_geometry(points),
                "properties": {
                    "kind": "route",
                    "truck": r.truck,
                    "depot": r.depot,
                    "trips": r.trips,
                    "km": round(r.distance_km, 2),
                    "tonnes": round(r.tonnes, 3),
                    "units": [s.unit for s in r.stops],
                    "by_road": all(s.leg_by_road for s in r.stops),
                },
            }
        )
    for u in routes.unserved:
        loc = where[u.location]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": {
                    "kind": "unserved",
                    "unit": u.unit,
                    "tonnes": round(u.tonnes, 3),
                    "reason": str(u.reason),
                    "detail": u.detail,
                },
            }
        )
    for d in routes.on_site:
        loc = where[d.location]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": {
                    "kind": "on_site",
                    "unit": d.unit,
                    "tonnes": round(d.tonnes, 3),
                    "load_t": _loads(d.load_t),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def routes_summary(routes: Routes) -> dict[str, Any]:
    """The figures of the day in one mapping (``routes.json``)."""
    return {
        "scenario": routes.scenario,
        "day": routes.day,
        "day_label": day_label(routes.day),
        "date": routes.date.isoformat(),
        "status": str(routes.status),
        "source": routes.source,
        "trucks": len(routes.routes),
        "delivered_t": round(routes.delivered_t, 3),
        "unserved_t": round(routes.unserved_t, 3),
        "on_site_t": round(routes.on_site_t, 3),
        "distance_km": round(routes.total_distance_km, 2),
        "cost": round(routes.total_cost, 2),
        "solve_s": round(routes.solve_s, 3),
        "notes": list(routes.notes),
    }


def write_routes_files(folder: str | Path, scenario: Scenario, routes: Routes) -> list[Path]:
    """Write every routes file into ``folder`` (which must exist); return their paths."""
    folder = Path(folder)
    paths = [folder / name for name in ROUTE_FILES]
    write_csv(paths[0], _ROUTE_COLS, route_rows(routes))
    write_csv(paths[1], _TRUCK_COLS, truck_rows(routes))
    write_csv(paths[2], _UNSERVED_COLS, unserved_rows(routes))
    write_csv(paths[3], _ON_SITE_COLS, on_site_rows(routes))
    paths[4].write_text(
        json.dumps(routes_geojson(scenario, routes), indent=1, ensure_ascii=False), encoding="utf-8"
    )
    paths[5].write_text(
        json.dumps(routes_summary(routes), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return paths
