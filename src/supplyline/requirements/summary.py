"""Summaries of a Demand for people: totals by unit and commodity, by commodity and day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from supplyline.domain import Demand
from supplyline.types import day_label

__all__ = ["daily_rows", "totals_by_commodity", "totals_by_unit"]


def _arrival_label(day: int, horizon_days: int) -> str:
    """``C+N``, or what a unit that cannot be in place within the horizon shows.

    >>> _arrival_label(5, 30), _arrival_label(30, 30)
    ('C+5', 'after C+29')
    """
    return day_label(day) if day < horizon_days else f"after {day_label(horizon_days - 1)}"


def totals_by_unit(demand: Demand) -> list[dict[str, Any]]:
    """One row per unit × commodity: consumption, build-up and total tonnes over the horizon."""
    consumed = demand.consumption_t.sum(axis=2)
    built = demand.buildup_t.sum(axis=2)
    rows = []
    for u, unit in enumerate(demand.unit_ids):
        for c, com in enumerate(demand.commodity_ids):
            rows.append(
                {
                    "unit": unit,
                    "commodity": com,
                    "arrival_day": _arrival_label(int(demand.arrival_day[u]), demand.horizon_days),
                    "consumption_t": float(consumed[u, c]),
                    "buildup_t": float(built[u, c]),
                    "total_t": float(consumed[u, c] + built[u, c]),
                }
            )
    return rows


def totals_by_commodity(demand: Demand) -> list[dict[str, Any]]:
    """One row per commodity: total tonnes, and the peak day's tonnes with its day."""
    per_day = demand.total_t.sum(axis=0)  # [c, d]
    rows = []
    for c, com in enumerate(demand.commodity_ids):
        peak = int(np.argmax(per_day[c])) if per_day.shape[1] else 0
        rows.append(
            {
                "commodity": com,
                "total_t": float(per_day[c].sum()),
                "consumption_t": float(demand.consumption_t[:, c, :].sum()),
                "buildup_t": float(demand.buildup_t[:, c, :].sum()),
                "peak_day": day_label(peak),
                "peak_t": float(per_day[c, peak]) if per_day.shape[1] else 0.0,
            }
        )
    return rows


def daily_rows(demand: Demand) -> list[dict[str, Any]]:
    """Every non-zero unit × commodity × day, in the long form a spreadsheet wants."""
    total = demand.total_t
    u_idx, c_idx, d_idx = np.nonzero(total)
    rows = []
    for u, c, d in zip(u_idx.tolist(), c_idx.tolist(), d_idx.tolist(), strict=True):
        rows.append(
            {
                "unit": demand.unit_ids[u],
                "commodity": demand.commodity_ids[c],
                "day": d,
                "c_day": day_label(d),
                "date": (demand.start_date + dt.timedelta(days=d)).isoformat(),
                "consumption_t": float(demand.consumption_t[u, c, d]),
                "buildup_t": float(demand.buildup_t[u, c, d]),
                "total_t": float(total[u, c, d]),
            }
        )
    return rows
