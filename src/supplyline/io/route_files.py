"""A day's convoy routes on disk: CSV tables for spreadsheets, GeoJSON for a map.

``routes.csv`` has one row per stop (truck, trip, order, unit, hours, tonnes by
commodity, whether the leg's km is by road); ``trucks.csv`` one row per truck;
``unserved.csv`` every delivery no route brings, with the reason; ``on_site.csv`` what
units take at their own place without a truck (drawn from its stock, or in plan mode as it
lands there by air, rail or water: ``arrived_by`` and ``link``); ``depot_short.csv`` each depot
and commodity whose truck-loads ask more than the depot holds that day (with what it
holds and what they ask); ``routes.geojson`` the truck
paths as lines (straight between the places visited), the unserved units and the
on-site draws as points, each with the cells of its CSV row; ``routes.json`` the summary.
Hours are hours after midnight of the route's day; days show as date and C+N.

Tonnes are written to the gram, as the plan's files (the loads are whole grams: to the
kilogram, a tester's 5 g of iodine tablets on a truck read ``trace=0.000``, left out of the
stop's ``tonnes``), rounded so that they add up in every file: each unit's
day (stops, unserved and on-site parts together) to its total rounded, then each part's
commodities to the part's own total, by largest remainders
(:func:`~supplyline.domain.rounding.apportion_rows`), so that a truck-load at its payload
is not written over it. A stop's tonnes are the sum of its ``load_t``,
a truck's the sum of its stops', ``routes.json``'s totals the sums of the rows: a tester
found 13 × 7.845 = 101.985 t against a requirement of 101.981 t, each load rounded after
splitting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supplyline.domain.fingerprint import scenario_id
from supplyline.domain.rounding import apportion_rows, kilogram_parts
from supplyline.domain.routes import Routes
from supplyline.io.csv_out import write_csv
from supplyline.io.earlier_reports import content_id
from supplyline.io.file_names import ROUTE_FILES
from supplyline.io.geojson import feature_collection, path_geometry
from supplyline.types import LIST_SEPARATOR, day_label, gram_text, iso_date, to_gram

if TYPE_CHECKING:  # the command line's help names ROUTE_FILES: no scenario records for that
    from supplyline.domain import Scenario

__all__ = [
    "DAY_COLUMNS",
    "GRAMS_PER_T",
    "ROUTE_FILES",
    "Grams",
    "day_cells",
    "depot_short_rows",
    "grams",
    "on_site_rows",
    "route_rows",
    "routes_id",
    "truck_rows",
    "unserved_rows",
    "write_routes_files",
]


GRAMS_PER_T = 1_000_000
"""The route files write tonnes to the gram (6 decimals), as the plan's files."""


@dataclass(frozen=True, slots=True)
class Grams:
    """Every part of a day's routes in whole grams by commodity, adding up (see above)."""

    stops: tuple[tuple[dict[str, int], ...], ...]
    """Per route, per stop."""
    unserved: tuple[dict[str, int], ...]
    on_site: tuple[dict[str, int], ...]
    arrived: tuple[bool, ...]
    """Per ``on_site`` entry: whether it landed by air, rail or water (else drawn from stock)."""

    def stop_t(self, route: int, stop: int) -> float:
        """Tonnes of one stop: the sum of its commodities'."""
        return _t(sum(self.stops[route][stop].values()))

    def route_t(self, route: int) -> float:
        """Tonnes of one truck: the sum of its stops'."""
        return _t(sum(sum(s.values()) for s in self.stops[route]))

    def delivered_t(self) -> float:
        """Tonnes on all routes."""
        return _t(sum(sum(s.values()) for stops in self.stops for s in stops))

    def unserved_t(self) -> float:
        """Tonnes no route brings."""
        return _t(sum(sum(u.values()) for u in self.unserved))

    def on_site_t(self) -> float:
        """Tonnes drawn on site from the stock of the units' places."""
        return _t(
            sum(sum(d.values()) for d, a in zip(self.on_site, self.arrived, strict=True) if not a)
        )

    def arrived_t(self) -> float:
        """Tonnes taken at the units' places as they landed by air, rail or water."""
        return _t(
            sum(sum(d.values()) for d, a in zip(self.on_site, self.arrived, strict=True) if a)
        )


def _t(grams: int) -> float:
    return to_gram(grams / GRAMS_PER_T)


def _exact_g(t: float) -> float:
    """Grams of ``t`` tonnes, to the milligram.

    A truck-load of whole grams (7.819 t, 7818999.999999999 g in floating point) stays
    whole, and so keeps its grams in the files.
    """
    return round(t * GRAMS_PER_T, 3)


def grams(routes: Routes) -> Grams:
    """The routes' tonnes in grams that add up, per unit, commodity and part.

    A unit's parts (its stops on every truck, what is not delivered, what it draws on site)
    share its day's total rounded to the gram, by largest remainders, and each part's
    commodities share the part's grams the same way (:func:`apportion_rows`). Every
    sum the files show then adds up to the gram, to the unit's total as requested,
    and a part is its exact total rounded down or up: an 8 t load at an 8 t payload is
    written 8.000 t (a relief truck read 8.001 t when each commodity was rounded across
    the parts).
    """
    parts: list[tuple[str, Mapping[str, float]]] = []
    for r in routes.routes:
        parts += [(s.unit, s.load_t) for s in r.stops]
    parts += [(u.unit, u.load_t) for u in routes.unserved]
    parts += [(d.unit, d.load_t) for d in routes.on_site]
    by_unit: dict[str, list[int]] = defaultdict(list)
    for i, (unit, _) in enumerate(parts):
        by_unit[unit].append(i)
    kg: list[dict[str, int]] = [{} for _ in parts]
    for members in by_unit.values():
        exact = [{c: _exact_g(t) for c, t in parts[i][1].items()} for i in members]
        for i, shares in zip(members, apportion_rows(exact), strict=True):
            kg[i] = shares
    it = iter(kg)
    return Grams(
        stops=tuple(tuple(next(it) for _ in r.stops) for r in routes.routes),
        unserved=tuple(next(it) for _ in routes.unserved),
        on_site=tuple(next(it) for _ in routes.on_site),
        arrived=tuple(d.arrived for d in routes.on_site),
    )


def _loads(load: Mapping[str, int]) -> str:
    """Tonnes by commodity from grams, as every CSV writes figures: ``food=7.5;trace=0.000005``."""
    return LIST_SEPARATOR.join(f"{c}={gram_text(g / GRAMS_PER_T)}" for c, g in sorted(load.items()))


def route_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per stop, in truck and visiting order."""
    kg = grams(routes)
    rows = []
    for n, r in enumerate(routes.routes):
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
                    "tonnes": kg.stop_t(n, seq - 1),
                    "volume_m3": None if s.volume_m3 is None else round(s.volume_m3, 3),
                    "load_t": _loads(kg.stops[n][seq - 1]),
                    "leg_km": round(s.distance_from_previous_km, 2),
                    "leg_by_road": s.leg_by_road,
                }
            )
    return rows


def truck_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per truck on the road: when, how far, how much, at what cost."""
    kg = grams(routes)
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
            "tonnes": kg.route_t(n),
            "payload_t": r.payload_t,
            "cost": round(r.cost, 2),
        }
        for n, r in enumerate(routes.routes)
    ]


def unserved_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per delivery (or part of one) that no route brings, with the reason."""
    kg = grams(routes).unserved
    return [
        {
            "unit": u.unit,
            "location": u.location,
            "tonnes": _t(sum(kg[n].values())),
            "load_t": _loads(kg[n]),
            "reason": str(u.reason),
            "detail": u.detail,
        }
        for n, u in enumerate(routes.unserved)
    ]


def on_site_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per unit served at its own place without a truck, and how.

    Drawn from the place's stock (``arrived_by`` and ``link`` empty), or, in plan mode,
    one row per link that landed the goods there that day (``arrived_by``: ``air``,
    ``rail``, ``sea``, ``inland_water``); ``detail`` says which in words.
    """
    kg = grams(routes).on_site
    return [
        {
            "unit": d.unit,
            "location": d.location,
            "tonnes": _t(sum(kg[n].values())),
            "load_t": _loads(kg[n]),
            "arrived_by": d.mode.value if d.mode is not None else "",
            "link": d.link,
            "detail": d.how,
        }
        for n, d in enumerate(routes.on_site)
    ]


def depot_short_rows(routes: Routes) -> list[dict[str, Any]]:
    """One row per depot and commodity whose truck-loads ask more than the depot holds.

    ``held_t`` + ``short_t`` is ``asked_t`` as written, to the kilogram
    (:func:`~supplyline.domain.rounding.kilogram_parts`): each rounded alone, they read a
    kilogram apart.
    """
    rows = []
    for d in routes.depot_short:
        held, short, asked = kilogram_parts(d.held_t, d.short_t)
        rows.append(
            {
                "depot": d.depot,
                "commodity": d.commodity,
                **day_cells(routes, d.day),
                "held_t": held,
                "asked_t": asked,
                "short_t": short,
                "detail": d.message,
            }
        )
    return rows


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
_ON_SITE_COLS = ["unit", "location", "tonnes", "load_t", "arrived_by", "link", "detail"]
DAY_COLUMNS = ("day", "label", "date")
"""A day's columns in every routes CSV, named and ordered as in a plan's files."""
_DEPOT_SHORT_COLS = [
    "depot", "commodity", *DAY_COLUMNS, "held_t", "asked_t", "short_t", "detail"
]  # fmt: skip


def day_cells(routes: Routes, day: int | None = None) -> dict[str, Any]:
    """``day``, ``label`` and ``date`` of ``day`` (the routes' own by default), as plans name them.

    Every routes CSV and every GeoJSON feature carries them: a tester appending several
    days' ``routes.csv``, or loading each day's GeoJSON as a layer, lost which day a row was.
    """
    day = routes.day if day is None else day
    date = routes.date + dt.timedelta(days=day - routes.day)
    return {"day": day, "label": day_label(day), "date": iso_date(date)}


def _dated(routes: Routes, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a routes CSV, each with the day's columns first."""
    cells = day_cells(routes)
    return [{**cells, **row} for row in rows]


def routes_geojson(scenario: Scenario, routes: Routes) -> dict[str, Any]:
    """Truck paths as LineStrings, unserved units and on-site draws as Points (lon/lat).

    Each feature has its ``kind`` and the day's columns, then the cells of the CSV row it
    stands for, named and valued as there, so that a GIS join of the layer on a CSV
    matches: a ``route`` is its truck's ``trucks.csv`` row (with ``units``, the units in
    visiting order, and ``by_road``), an ``unserved`` Point its ``unserved.csv`` row, an
    ``on_site`` or ``arrived`` Point its ``on_site.csv`` row. An arrived Point had carried
    ``mode`` for the CSV's ``arrived_by``, and an on-site one no ``detail``. A path with a
    leg across the antimeridian is a MultiLineString cut there.
    """
    where = scenario.location_by_id
    day = day_cells(routes)

    def point(location: str) -> dict[str, Any]:
        return {"type": "Point", "coordinates": [where[location].lon, where[location].lat]}

    features: list[dict[str, Any]] = []
    for r, truck in zip(routes.routes, truck_rows(routes), strict=True):
        features.append(
            {
                "type": "Feature",
                "geometry": path_geometry([(where[x].lon, where[x].lat) for x in r.path]),
                "properties": {
                    "kind": "route",
                    **day,
                    **truck,
                    "units": [s.unit for s in r.stops],
                    "by_road": all(s.leg_by_road for s in r.stops),
                },
            }
        )
    for u, row in zip(routes.unserved, unserved_rows(routes), strict=True):
        features.append(
            {
                "type": "Feature",
                "geometry": point(u.location),
                "properties": {"kind": "unserved", **day, **row},
            }
        )
    for d, row in zip(routes.on_site, on_site_rows(routes), strict=True):
        kind = "arrived" if d.arrived else "on_site"
        features.append(
            {
                "type": "Feature",
                "geometry": point(d.location),
                "properties": {"kind": kind, **day, **row},
            }
        )
    return feature_collection(features)


def routes_id(routes: Routes) -> str:
    """The routes' identity: a digest of every row, in routes.json and in their report.

    It ties a report to the route files it describes, so that route files written over
    these remove their report when it is in the folder
    (:mod:`supplyline.io.earlier_reports`). The search's seconds are left out, as the
    solve's timings are of ``plan_id``: a re-run that found the same routes removed the
    report of the earlier one ("removed out/routes.html, the report of the earlier routes").
    """
    summary = _summary(routes)
    del summary["solve_s"]  # how long the search took, not what it found
    return content_id(
        {
            "summary": summary,
            "routes": route_rows(routes),
            "unserved": unserved_rows(routes),
            "on_site": on_site_rows(routes),
        }
    )


def routes_summary(routes: Routes, *, fingerprint: str | None = None) -> dict[str, Any]:
    """The figures of the day in one mapping (``routes.json``): tonnes as the files add up.

    ``routes_id`` is :func:`routes_id`; ``plan_id`` and ``flows_id`` the plan's the deliveries
    came from (null from demand); ``scenario_id`` is ``fingerprint``, the scenario's
    (:func:`~supplyline.domain.scenario_id`; left out where not given).
    """
    summary = _summary(routes)  # the identities near the top, where a reader finds them fast
    return {
        "scenario": summary.pop("scenario"),
        **({} if fingerprint is None else {"scenario_id": fingerprint}),
        "routes_id": routes_id(routes),
        "plan_id": summary.pop("plan_id"),
        "flows_id": summary.pop("flows_id"),
        **summary,
    }


def _road_kg(routes: Routes, kg: Grams) -> dict[tuple[str, str, str], int]:
    """Each road direction's loaded grams: those of the stops riding over it, as written.

    A road's tonnes rounded on their own read a unit off the stops driven over it
    (10.668 t beside 4.513 + 6.156 t); summed from the stops' grams they add up.
    """
    out: dict[tuple[str, str, str], int] = defaultdict(int)
    for n, r in enumerate(routes.routes):
        for i, s in enumerate(r.stops):
            for way in s.roads:
                out[way] += sum(kg.stops[n][i].values())
    return out


def _summary(routes: Routes) -> dict[str, Any]:
    kg = grams(routes)
    road_kg = _road_kg(routes, kg)
    return {
        "scenario": routes.scenario,
        "day": routes.day,
        "label": day_label(routes.day),
        "date": iso_date(routes.date),
        "status": str(routes.status),
        "source": routes.source,
        "plan_id": routes.plan_id,
        "flows_id": routes.flows_id,
        "trucks": len(routes.routes),
        "delivered_t": kg.delivered_t(),
        "unserved_t": kg.unserved_t(),
        "on_site_t": kg.on_site_t(),
        "arrived_t": kg.arrived_t(),
        "distance_km": round(routes.total_distance_km, 2),
        "cost": round(routes.total_cost, 2),
        "solve_s": round(routes.solve_s, 3),
        "notes": list(routes.notes),
        # the depots' stocks: checked against what (empty: not checked), and the excesses
        "depot_stock_basis": routes.depot_stock_basis,
        "depot_short": [
            {k: v for k, v in row.items() if k not in ("label", "date")}
            for row in depot_short_rows(routes)
        ],
        # the loaded tonnes over each road, by direction, on the day they set out on it, beside
        # the plan's own that the trucks do not carry, against its capacity (None: no limit)
        "road_loads": [
            {
                "link": r.link,
                "from": r.origin,
                "to": r.destination,
                "departure_day": r.departure_day,
                "tonnes": _t(road_kg.get((r.link, r.origin, r.destination), 0)),
                "plan_t": to_gram(r.plan_t),
                "capacity_t_per_day": r.capacity_t_per_day,
            }
            for r in routes.road_loads
        ],
    }


def write_routes_files(
    folder: str | Path, scenario: Scenario, routes: Routes, *, fingerprint: str | None = None
) -> list[Path]:
    """Write every routes file into ``folder`` (which must exist); return their paths.

    ``fingerprint``: ``scenario``'s (:func:`~supplyline.domain.scenario_id`) where the
    caller has it; else computed here. ``routes.json`` records it.
    """
    folder = Path(folder)
    paths = [folder / name for name in ROUTE_FILES]
    write_csv(paths[0], [*DAY_COLUMNS, *_ROUTE_COLS], _dated(routes, route_rows(routes)))
    write_csv(paths[1], [*DAY_COLUMNS, *_TRUCK_COLS], _dated(routes, truck_rows(routes)))
    write_csv(paths[2], [*DAY_COLUMNS, *_UNSERVED_COLS], _dated(routes, unserved_rows(routes)))
    write_csv(paths[3], [*DAY_COLUMNS, *_ON_SITE_COLS], _dated(routes, on_site_rows(routes)))
    write_csv(paths[4], _DEPOT_SHORT_COLS, depot_short_rows(routes))
    paths[5].write_text(
        json.dumps(routes_geojson(scenario, routes), indent=1, ensure_ascii=False), encoding="utf-8"
    )
    paths[6].write_text(
        json.dumps(
            routes_summary(routes, fingerprint=fingerprint or scenario_id(scenario)),
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return paths
