"""Summaries of a Demand for people: totals by unit and commodity, by commodity and day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand, Scenario, held_at_start, to_deliver
from supplyline.domain.rounding import gram_parts
from supplyline.types import day_label, iso_date, to_gram

FloatArray = npt.NDArray[np.float64]

__all__ = ["daily_rows", "grand_totals", "totals_by_commodity", "totals_by_unit"]


def grand_totals(scenario: Scenario, demand: Demand) -> dict[str, float]:
    """Consumption, build-up, their sum, what units in place hold at the start, and to deliver.

    A planner met three "demand" totals (requirements, the plan's deliveries, the report's
    demand) and could not tell them apart: the requirements' total holds the build-up of
    units already in place, which the plan takes as on hand and never delivers. The
    build-up sums to the targets at the horizon's end (a target rises and falls with the
    unit's rate), and may be less than what units hold at the start: it is said apart
    (a tester read "build-up 1.9 t, 5.7 t of it held").
    """
    consumption, buildup, total = gram_parts(
        float(demand.consumption_t.sum()), float(demand.buildup_t.sum())
    )
    return {
        "consumption_t": consumption,
        "buildup_t": buildup,
        "total_t": total,
        "on_hand_t": to_gram(float(held_at_start(scenario, demand).sum())),
        # what the plan is asked to bring: its delivered, short and build-up not delivered
        # add up to this (a tester summed the table's column to reconcile them)
        "to_deliver_t": to_gram(float(to_deliver(scenario, demand).sum())),
    }


def _arrival(demand: Demand, u: int) -> dict[str, Any]:
    """A unit's arrival as day, label and date.

    A unit not in place within the horizon has no day or date and the label ``after C+N``.

    >>> import datetime as dt
    >>> d = Demand(start_date=dt.date(2025, 3, 1), horizon_days=30, unit_ids=("a", "b"),
    ...            commodity_ids=(), consumption_t=np.zeros((2, 0, 30)),
    ...            buildup_t=np.zeros((2, 0, 30)), arrival_day=np.array([5, 30]))
    >>> _arrival(d, 0), _arrival(d, 1)["arrival_label"]
    ({'arrival_day': 5, 'arrival_label': 'C+5', 'arrival_date': '2025-03-06'}, 'after C+29')
    """
    day, horizon = int(demand.arrival_day[u]), demand.horizon_days
    if day >= horizon:
        label = f"after {day_label(horizon - 1)}"
        return {"arrival_day": None, "arrival_label": label, "arrival_date": None}
    date = demand.start_date + dt.timedelta(days=day)
    return {"arrival_day": day, "arrival_label": day_label(day), "arrival_date": iso_date(date)}


def _parts(consumption: float, buildup: float) -> dict[str, float]:
    """Consumption, build-up and total to the gram, the two adding up to the total."""
    consumption_t, buildup_t, total_t = gram_parts(consumption, buildup)
    return {"consumption_t": consumption_t, "buildup_t": buildup_t, "total_t": total_t}


def totals_by_unit(demand: Demand, deliver: FloatArray | None = None) -> list[dict[str, Any]]:
    """One row per unit × commodity: arrival, consumption, build-up and total tonnes.

    The arrival is the day the unit starts consuming at its destination (its required
    day, or the first day its people can be there). With ``deliver``
    (:func:`~supplyline.domain.to_deliver`), ``to_deliver_t`` is what must reach it, net of
    what a unit in place already holds. Consumption and build-up add up to the total to
    the gram (:func:`~supplyline.domain.rounding.gram_parts`), here and in every summary.
    """
    consumed = demand.consumption_t.sum(axis=2)
    built = demand.buildup_t.sum(axis=2)
    delivered = None if deliver is None else deliver.sum(axis=2)
    rows = []
    for u, unit in enumerate(demand.unit_ids):
        arrival = _arrival(demand, u)  # once per unit, not per commodity
        for c, com in enumerate(demand.commodity_ids):
            rows.append(
                {
                    "unit": unit,
                    "commodity": com,
                    **arrival,
                    **_parts(float(consumed[u, c]), float(built[u, c])),
                    **(
                        {}
                        if delivered is None
                        else {"to_deliver_t": to_gram(float(delivered[u, c]))}
                    ),
                }
            )
    return rows


def totals_by_commodity(demand: Demand, deliver: FloatArray | None = None) -> list[dict[str, Any]]:
    """One row per commodity: total tonnes, and the peak day's tonnes with its day.

    With ``deliver`` (:func:`~supplyline.domain.to_deliver`), ``to_deliver_t`` too, and the
    peak is of what must reach the units: a tester sizing transport read a C+0 peak of
    338 t of water where 142.5 t had to move (the sites held the rest) and the peak was
    157.5 t on C+4.
    """
    per_day = (demand.total_t if deliver is None else deliver).sum(axis=0)  # [c, d]
    rows = []
    for c, com in enumerate(demand.commodity_ids):
        # the first day within half a gram of the most: on a plateau, where it starts (a
        # tester's food, 21.645 t every day from C+3, peaked on C+12 by rounding noise)
        peak = int(np.argmax(per_day[c] >= per_day[c].max() - 5e-7)) if per_day.shape[1] else 0
        parts = _parts(
            float(demand.consumption_t[:, c, :].sum()), float(demand.buildup_t[:, c, :].sum())
        )
        rows.append(
            {
                "commodity": com,
                "total_t": parts["total_t"],
                "consumption_t": parts["consumption_t"],
                "buildup_t": parts["buildup_t"],
                **({} if deliver is None else {"to_deliver_t": to_gram(float(per_day[c].sum()))}),
                "peak_day": day_label(peak),
                "peak_t": to_gram(float(per_day[c, peak])) if per_day.shape[1] else 0.0,
            }
        )
    return rows


def daily_rows(demand: Demand, deliver: FloatArray | None = None) -> list[dict[str, Any]]:
    """Every non-zero unit × commodity × day, in the long form a spreadsheet wants.

    With ``deliver``, ``to_deliver_t`` as in :func:`totals_by_unit`.
    """
    u_idx, c_idx, d_idx = np.nonzero((demand.consumption_t != 0) | (demand.buildup_t != 0))
    rows = []
    for u, c, d in zip(u_idx.tolist(), c_idx.tolist(), d_idx.tolist(), strict=True):
        rows.append(
            {
                "unit": demand.unit_ids[u],
                "commodity": demand.commodity_ids[c],
                "day": d,
                "label": day_label(d),
                "date": iso_date(demand.start_date + dt.timedelta(days=d)),
                **_parts(float(demand.consumption_t[u, c, d]), float(demand.buildup_t[u, c, d])),
                **({} if deliver is None else {"to_deliver_t": to_gram(float(deliver[u, c, d]))}),
            }
        )
    return rows
