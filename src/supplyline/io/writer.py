"""Write a :class:`~supplyline.domain.Scenario` back to a scenario folder.

What is written loads back equal (``load_scenario(write_scenario(s, d)) == s`` for every
scenario the loader accepts): floats are written with ``repr`` (exact), money as text
(exact Decimal), sets in sorted order, every field explicitly (no reliance on defaults).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from supplyline.domain import Agreement, Commodity, Scenario
from supplyline.errors import ArgumentError, ScenarioError, require
from supplyline.io._cargo_cells import format_carries
from supplyline.io._day_cells import format_activity, format_outage_days
from supplyline.io._tables import (
    FLEET_COLUMNS,
    LINK_COLUMNS,
    LOCATION_COLUMNS,
    STOCK_COLUMNS,
    UNIT_COLUMNS,
)
from supplyline.io._vehicle_columns import VEHICLES_PREFIX
from supplyline.io.atomic import atomic_output_dir, check_not_over_other_files, writing
from supplyline.io.csv_out import formula_safe
from supplyline.io.loader import load_scenario

__all__ = ["scenario_texts", "write_scenario"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):  # numpy's floats too, whose repr names their type
        return repr(float(value))
    return str(value)


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([formula_safe(_cell(v)) for v in row])  # a name "=HYPERLINK(…)"
    return out.getvalue()


def _plain(data: Any) -> Any:
    """``data`` with numpy scalars (a scenario made in Python may hold them) as Python's."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    if isinstance(data, np.generic):
        return data.item()
    return data


def _yaml(data: Any) -> str:
    return yaml.safe_dump(
        _plain(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def _commodity(c: Commodity) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "supply_class": c.supply_class.value,
        "priority": c.priority,
        "volume_m3_per_t": c.volume_m3_per_t,
        "demand_unit": c.demand_unit.value,
        "kg_per_demand_unit": c.kg_per_demand_unit,
        "per_person_per_day": c.per_person_per_day,
        "per_vehicle_per_day": c.per_vehicle_per_day,
        "vehicle_fuel": c.vehicle_fuel,
        "activity_scaled": c.activity_scaled,
    }


def _scenario_yaml(s: Scenario) -> str:
    data: dict[str, Any] = {
        "name": s.name,
        "description": s.description,
        "start_date": s.start_date,
        "horizon_days": s.horizon_days,
        "partners": [{"id": p.id, "name": p.name, "currency": p.currency} for p in s.partners],
        "commodities": [_commodity(c) for c in s.commodities],
        "vehicle_classes": [
            {
                "id": v.id,
                "name": v.name,
                "fuel_l_per_100km": v.fuel_l_per_100km,
                "km_per_day": v.km_per_day,
            }
            for v in s.vehicle_classes
        ],
        "activity_levels": dict(s.activity_levels),
        "planning_factors": dict(s.factor_overrides),
        "solver": {
            "time_limit_s": s.solver.time_limit_s,
            "threads": s.solver.threads,
            "fair_share": s.solver.fair_share,
        },
        "routing": {
            "detour_factor": s.routing.detour_factor,
            "service_minutes": s.routing.service_minutes,
        },
    }
    return "# supplyline scenario (written by supplyline)\n" + _yaml(data)


def _agreement(a: Agreement) -> dict[str, Any]:
    prices: dict[str, Any] = {}
    for p in a.prices:
        prices[p.commodity] = (
            str(p.per_t)
            if p.currency == a.currency
            else {"per_t": str(p.per_t), "currency": p.currency}
        )
    return {
        "id": a.id,
        "name": a.name,
        "parties": list(a.parties),
        "valid_from": a.valid_from,
        "valid_to": a.valid_to,
        "commodities": sorted(a.commodities),
        "services": sorted(a.services),
        "reimbursement_modes": [m.value for m in a.reimbursement_modes],  # as written
        "currency": a.currency,
        "prices": prices,
        "ceiling_per_order": None if a.ceiling_per_order is None else str(a.ceiling_per_order),
        "ceiling_total": None if a.ceiling_total is None else str(a.ceiling_total),
    }


def scenario_texts(s: Scenario) -> dict[str, str]:
    """The text of every file of the scenario folder, by file name."""
    classes = list(
        dict.fromkeys(
            [v.id for v in s.vehicle_classes] + sorted({c for u in s.units for c in u.vehicles})
        )
    )
    unit_columns = (
        list(UNIT_COLUMNS[:6]) + [VEHICLES_PREFIX + c for c in classes] + list(UNIT_COLUMNS[6:])
    )
    unit_rows = [
        [u.id, u.name, u.partner, u.home, u.destination, u.personnel]
        + [u.vehicles.get(c) for c in classes]
        + [
            u.available_day,
            u.required_day,
            u.deployment_lift_t,
            format_activity(u.activity),
            u.days_of_supply,
            u.receive_open_h,
            u.receive_close_h,
            u.priority,
            u.on_hand_days,
        ]
        for u in s.units
    ]
    # carries only where a group says it: a scenario without it writes the files it did
    carrying = any(g.carries or g.carries_anything for g in s.fleet)
    fleet_columns = [c for c in FLEET_COLUMNS if carrying or c != "carries"]
    fleet_rows = [
        [
            x.id,
            x.depot,
            x.partner,
            x.vehicle_type,
            x.count,
            x.payload_t,
            x.volume_m3,
            x.speed_kmh,
            x.fixed_cost,
            x.cost_per_km,
            x.max_route_hours,
        ]
        + ([format_carries(x.carries, anything=x.carries_anything)] if carrying else [])
        for x in s.fleet
    ]
    agreements = [_agreement(a) for a in s.agreements]
    return {
        "scenario.yaml": _scenario_yaml(s),
        "locations.csv": _csv(
            LOCATION_COLUMNS,
            (
                [
                    x.id,
                    x.name,
                    x.partner,
                    x.kind,
                    x.lat,
                    x.lon,
                    x.handling_t_per_day,
                    x.handling_pax_per_day,
                    x.storage_t,
                    x.dwell_days,
                ]
                for x in s.locations
            ),
        ),
        "links.csv": _csv(
            LINK_COLUMNS,
            (
                [
                    x.id,
                    x.origin,
                    x.destination,
                    x.mode,
                    x.gauge_mm,
                    x.distance_km,
                    x.transit_days,
                    None,
                    x.capacity_t_per_day,
                    x.capacity_pax_per_day,
                    x.cost_per_t,
                    x.cost_per_pax,
                    x.bidirectional,
                    format_outage_days(x.outage_days),
                ]
                for x in s.links
            ),
        ),
        "units.csv": _csv(unit_columns, unit_rows),
        "stocks.csv": _csv(
            STOCK_COLUMNS,
            (
                [x.location, x.commodity, x.initial_t, x.replenishment_t_per_day, x.owner]
                for x in s.stocks
            ),
        ),
        "fleet.csv": _csv(fleet_columns, fleet_rows),
        "agreements.yaml": "# mutual-support agreements (written by supplyline)\n"
        + _yaml(agreements),
    }


def write_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write ``scenario`` as a folder of files at ``path`` (created if needed); return the path.

    All the files or none: they are written into a scratch folder and moved into place
    together (a tester's folder got three files of seven when the fourth failed). Files
    of the same names are replaced; other files are left alone. A folder that cannot be
    written, or an empty path, raises :class:`~supplyline.errors.OutputError`.

    >>> import tempfile
    >>> from supplyline.io import load_scenario
    >>> s = load_scenario("examples/relief-operation")
    >>> with tempfile.TemporaryDirectory() as tmp:  # removed again, with the files
    ...     load_scenario(write_scenario(s, tmp)) == s
    True
    """
    require(scenario, Scenario, "the scenario")
    require(path, (str, os.PathLike), "the scenario folder")
    check_not_over_other_files(Path(path))
    texts = scenario_texts(scenario)
    with atomic_output_dir(path, replaces_scenario=True) as scratch:
        for name, text in texts.items():
            with writing(Path(path) / name):
                (scratch / name).write_text(text, encoding="utf-8", newline="")
        _loads_back(scenario, scratch)
    return Path(path)


def _loads_back(scenario: Scenario, folder: Path) -> None:
    """Raise ArgumentError unless the files in ``folder`` load back as ``scenario``.

    The loader is the one judge of a scenario folder: a tester's script wrote a unit bound
    for an unknown place over a good folder, which then did not load, and agreement parties
    with a line break loaded back without it. Checked before anything is moved into place.
    """
    try:
        loaded = load_scenario(folder)
    except ScenarioError as error:
        shown = "; ".join(str(i) for i in error.issues[:3])
        more = f" and {len(error.issues) - 3} more" if len(error.issues) > 3 else ""
        raise ArgumentError(
            f"the scenario would not load back from its files, so nothing was written: "
            f"{shown}{more}"
        ) from None
    if loaded != scenario:
        raise ArgumentError(
            "the scenario would load back otherwise from its files, so nothing was written: "
            f"{_first_difference(scenario, loaded)}"
        )


def _first_difference(given: Scenario, loaded: Scenario) -> str:
    """Where ``loaded`` first differs from ``given``: a field, or a record and its field."""
    for f in dataclasses.fields(given):
        mine, theirs = getattr(given, f.name), getattr(loaded, f.name)
        if mine == theirs:
            continue
        if isinstance(mine, tuple) and isinstance(theirs, tuple) and len(mine) == len(theirs):
            for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
                if a != b and dataclasses.is_dataclass(a):
                    field = next(
                        g.name
                        for g in dataclasses.fields(a)
                        if getattr(a, g.name) != getattr(b, g.name)
                    )
                    return (
                        f"{f.name}[{i}] ({getattr(a, 'id', i)!r}) {field} "
                        f"{getattr(a, field)!r} reads back as {getattr(b, field)!r}"
                    )
        return f"{f.name} {mine!r:.80} reads back as {theirs!r:.80}"
    return "in a way no field shows"
