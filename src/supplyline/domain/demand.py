"""The Demand result: what every unit needs, by commodity and day, in tonnes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.types import CommodityId, UnitId

__all__ = ["Demand"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Demand:
    """Daily requirements of every unit.

    Arrays are indexed ``[unit, commodity, day]`` in the order of ``unit_ids`` and
    ``commodity_ids``. ``consumption_t`` is what the unit uses each day at its destination
    (zero before it arrives); ``buildup_t`` is the one-time stock it must receive on arrival
    to hold its days-of-supply target. Both are in tonnes.
    """

    start_date: dt.date
    horizon_days: int
    unit_ids: tuple[UnitId, ...]
    commodity_ids: tuple[CommodityId, ...]
    consumption_t: FloatArray
    buildup_t: FloatArray
    arrival_day: npt.NDArray[np.int64]
    """Day each unit is assumed in place and starts consuming: its required day, or the
    first day its people can be at its destination if later (``planning.arrival``)."""

    def __post_init__(self) -> None:
        shape = (len(self.unit_ids), len(self.commodity_ids), self.horizon_days)
        for name in ("consumption_t", "buildup_t"):
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected {shape}")
        if self.arrival_day.shape != (len(self.unit_ids),):
            raise ValueError("arrival_day needs one entry per unit")

    @property
    def total_t(self) -> FloatArray:
        """Consumption plus build-up, ``[unit, commodity, day]``."""
        return self.consumption_t + self.buildup_t

    def unit_index(self, unit_id: UnitId) -> int:
        """Position of a unit in the arrays."""
        return self.unit_ids.index(unit_id)

    def commodity_index(self, commodity_id: CommodityId) -> int:
        """Position of a commodity in the arrays."""
        return self.commodity_ids.index(commodity_id)
