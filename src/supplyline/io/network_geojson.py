"""The plan's ``network.geojson``: places and links with what the plan moves through them.

Locations are Points, links are lines (:func:`~supplyline.io.geojson.path_geometry`),
each with the figures a GIS user styles by and compares: a link's capacities against the
tonnes and people planned on it, a place's handling against what is unloaded and loaded
there. A place's figures are counted as the plan's handling rows count them (unloaded on
the day a movement arrives, loaded on the day it leaves), so that the busiest day's
figure reads straight against ``handling_t_per_day``: a tonne that passes through a yard
is unloaded there once and loaded there once, never two tonnes of one "throughput".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from supplyline.domain import Plan, Scenario
from supplyline.io._day_cells import format_outage_days
from supplyline.io.csv_out import to_gram
from supplyline.io.geojson import antimeridian_sides, feature_collection, path_geometry

__all__ = ["network_geojson"]


@dataclass(slots=True)
class _Handled:
    """What one place unloads or loads: in all, and by day."""

    total: float = 0.0
    by_day: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, day: int, amount: float) -> None:
        self.total += amount
        self.by_day[day] += amount

    def busiest(self) -> float:
        return max(self.by_day.values(), default=0.0)


def _place_figures(plan: Plan) -> dict[str, dict[str, _Handled]]:
    """Per place, ``arrived_t``, ``departed_t``, ``arrived_pax`` and ``departed_pax``."""
    handled: dict[str, dict[str, _Handled]] = defaultdict(lambda: defaultdict(_Handled))
    for m in plan.movements:
        handled[m.destination]["arrived_t"].add(m.arrival_day, m.tonnes)
        handled[m.origin]["departed_t"].add(m.departure_day, m.tonnes)
        handled[m.destination]["arrived_pax"].add(m.arrival_day, m.pax)
        handled[m.origin]["departed_pax"].add(m.departure_day, m.pax)
    return handled


_PLACE_FIGURES = ("arrived_t", "departed_t", "arrived_pax", "departed_pax")
"""A place's totals over the plan; each has a ``busiest_day_`` twin (see docs/planning.md)."""


def network_geojson(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """Locations as points and links as lines, with the tonnes and people planned on them.

    Amounts are rounded as in the CSV files (:func:`~supplyline.io.csv_out.to_gram`), so
    the two agree. A place at longitude ±180 is written on the side its links go to
    (:func:`~supplyline.io.geojson.antimeridian_sides`), so that each line starts and ends
    on its places' Points; a link between two places at the same coordinates has a ``null``
    geometry (``validate`` warns of it). A property null on every feature (no place with a
    ``handling_pax_per_day``, no link with a ``gauge_mm``) is left out of the file
    (:func:`~supplyline.io.geojson.feature_collection`), so that GDAL and QGIS type each
    number they read as a number.
    """
    per_link: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    pax: dict[str, float] = defaultdict(float)
    for m in plan.movements:
        # keyed as movements.csv names them: a unit's lift is "deploy:<unit>", an id no
        # commodity may have (it was "deploy", which a commodity could be called too)
        per_link[m.link][m.commodity] += m.tonnes
        pax[m.link] += m.pax
    handled = _place_figures(plan)
    lons = antimeridian_sides(
        {loc.id: loc.lon for loc in scenario.locations},
        ((link.origin, link.destination) for link in scenario.links),
    )
    features: list[dict[str, Any]] = []
    for loc in scenario.locations:
        figures = handled.get(loc.id, {})
        each = {name: figures.get(name, _Handled()) for name in _PLACE_FIGURES}
        amounts = {name: to_gram(h.total) for name, h in each.items()}
        amounts |= {f"busiest_day_{name}": to_gram(h.busiest()) for name, h in each.items()}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lons[loc.id], loc.lat]},
                "properties": {
                    "id": loc.id,
                    "name": loc.name,
                    "partner": loc.partner,
                    "kind": loc.kind.value,
                    "handling_t_per_day": loc.handling_t_per_day,
                    "handling_pax_per_day": loc.handling_pax_per_day,
                    "storage_t": loc.storage_t,
                    **amounts,
                },
            }
        )
    for link in scenario.links:
        a, b = scenario.location(link.origin), scenario.location(link.destination)
        tonnes = per_link.get(link.id, {})
        features.append(
            {
                "type": "Feature",
                "geometry": path_geometry([(lons[a.id], a.lat), (lons[b.id], b.lat)]),
                "properties": {
                    "id": link.id,
                    "mode": link.mode.value,
                    "from": link.origin,
                    "to": link.destination,
                    "gauge_mm": link.gauge_mm,
                    "bidirectional": link.bidirectional,
                    "distance_km": link.distance_km,
                    "transit_days": link.transit_days,
                    "capacity_t_per_day": link.capacity_t_per_day,
                    "capacity_pax_per_day": link.capacity_pax_per_day,
                    "cost_per_t": link.cost_per_t,
                    "cost_per_pax": link.cost_per_pax,
                    "outage_days": format_outage_days(link.outage_days),
                    "planned_t": to_gram(sum(tonnes.values())),
                    "planned_pax": to_gram(pax.get(link.id, 0.0)),
                    "planned_t_by_commodity": {k: to_gram(v) for k, v in tonnes.items()},
                },
            }
        )
    return feature_collection(features, name=f"{plan.scenario} plan")
