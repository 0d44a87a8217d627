"""Which columns of plan's, requirements', routes' and reach's tables a narrow terminal leaves out.

Each ranking lists, least important first, the columns a table may leave out before it
falls back to one record per block (:func:`~supplyline.cli.table_fit.narrowed_table`);
the columns it does not list (ids, day labels, the key figures) always stay. Kept together
so the choices can be read side by side, as the ledger's are in
:mod:`supplyline.cli.ledger_tables`. At 80 columns, a standard terminal, the reach check
printed each of six units as a block of fourteen lines once its ids no longer broke.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "BY_COMMODITY_DROP",
    "BY_UNIT_DROP",
    "FACTORS_DROP",
    "FACTORS_SOURCES_DROP",
    "ON_SITE_DROP",
    "PLAN_DROPS",
    "ROUTES_EVERY",
    "TRUCKS_DROP",
    "UNSERVED_DROP",
    "reach_drop",
]

PLAN_DROPS: Mapping[str, tuple[str, ...]] = {
    # mode, tonnes and pax stay: what moved how
    "moved_by_mode": ("movements", "tonne_km", "cost", "deploy_t"),
    # unit, required, closure and days late stay: is the unit there in time
    "unit_closure": (
        "moved_pax",
        "pax",
        "late_pax_days",
        "moved_t",
        "lift_t",
        "earliest",
        "late_t_days",
    ),
    # unit, commodity, short t, days and why stay
    "shortfalls": ("short_pct", "demand_t"),
    "targets": ("below_t_days",),
    # rank, kind, resource, days and what more capacity would buy stay
    "bottlenecks": ("then_limited_by", "one_more_saves", "capacity_or_supply", "removes_t"),
    # rank, resource and days stay: which link is closed when
    "closures": ("lifting_it_saves",),
}
"""Each of plan's sections (by its key in ``plan_shown.plan_sections``): what it leaves out first.

The closure's ``earliest`` is headed for people, so its heading is matched too."""

BY_UNIT_DROP = ("buildup_t", "consumption_t", "total_t")
"""Requirements by unit: unit, commodity, arrival and what is to deliver stay."""
BY_COMMODITY_DROP = ("buildup_t", "consumption_t", "peak_t", "total_t")
"""Requirements by commodity: commodity, to deliver and the peak day stay."""
FACTORS_DROP = ("source_note", "description", "source_url", "overridden")
"""Planning factors: key, value and unit stay."""
FACTORS_SOURCES_DROP = ("description", "source_url", "overridden")
"""Planning factors ``--sources``: the source notes asked for stay too, wrapped (a tester's
``factors water --sources`` showed none at 80-250 columns: they were left out first)."""

TRUCKS_DROP = ("start_h", "end_h", "stops", "trips")
"""Routes' trucks: truck, depot and the figures the day's headline adds up (km, tonnes,
cost) stay."""
ON_SITE_DROP = ("load_t", "link", "location")
"""Routes' tonnes drawn on site or arrived: unit, tonnes and how they came stay."""
UNSERVED_DROP = ("detail",)
"""Routes' tonnes not delivered: unit, tonnes and the reason stay."""
ROUTES_EVERY = "--out writes every column"
"""Where routes' tables have their every column: the files --out writes."""


def reach_drop(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """What the reach table leaves out first; unit, depot, daily t, capacity t and ok stay.

    The supply point goes first where it is every unit's depot (it then says nothing the
    depot does not), else after the figures derived from the others.

    >>> reach_drop([{"supply_point": "a", "depot": "a"}])[:2]
    ('supply_point', 'depot_load_pct')
    >>> reach_drop([{"supply_point": "a", "depot": "b"}])[:4]
    ('depot_load_pct', 'loads_needed', 'turns_per_truck', 'supply_point')
    """
    derived = ("depot_load_pct", "loads_needed", "turns_per_truck")
    rest = ("round_trip_h", "road_km")
    if all(r.get("supply_point") == r.get("depot") for r in rows):
        return ("supply_point", *derived, *rest)
    return (*derived, "supply_point", *rest)
