"""The Demand result: what every unit needs, by commodity and day, in tonnes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from supplyline.errors import ArgumentError, require
from supplyline.types import CommodityId, UnitId

if TYPE_CHECKING:
    from supplyline.domain.scenario import Scenario

__all__ = ["Demand", "held_at_start", "to_deliver"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Demand:
    """Daily requirements of every unit.

    Arrays are indexed ``[unit, commodity, day]`` in the order of ``unit_ids`` and
    ``commodity_ids``. ``consumption_t`` is what the unit uses each day at its destination
    (zero before it arrives); ``buildup_t`` is the change in the stock it should hold, its
    days-of-supply target: the whole target on arrival, then its rise (or fall, negative)
    as the unit's rate of consumption changes. Both are in tonnes.
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
                raise ArgumentError(
                    f"{name} has shape {getattr(self, name).shape}, expected {shape}"
                )
        if self.arrival_day.shape != (len(self.unit_ids),):
            raise ArgumentError("arrival_day needs one entry per unit")

    @property
    def target_t(self) -> FloatArray:
        """The days-of-supply target each unit should hold at the end of each day, ``[u, c, d]``."""
        target: FloatArray = np.cumsum(self.buildup_t, axis=2)
        return target

    @property
    def target_on_arrival_t(self) -> FloatArray:
        """The target on each unit's arrival day, ``[unit, commodity]`` (0 if never in place)."""
        n_u, n_c, n_d = self.buildup_t.shape
        day = np.asarray(self.arrival_day, dtype=np.int64).reshape(n_u)
        inside = day < n_d
        out: FloatArray = np.zeros((n_u, n_c))
        out[inside] = self.target_t[np.flatnonzero(inside), :, day[inside]]
        return out

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


def _check_pair(scenario: Scenario, demand: Demand) -> None:
    """Raise ArgumentError unless ``demand`` is a Demand made for ``scenario``.

    A tester's arguments swapped, or None, failed as bare AttributeErrors; a demand of 5
    days over a scenario of 7 was taken.
    """
    from supplyline.domain.scenario import Scenario  # it imports this module's neighbours

    require(scenario, Scenario, "the scenario")
    require(demand, Demand, "the demand")
    unknown = sorted(set(demand.unit_ids) - {u.id for u in scenario.units})
    if demand.horizon_days != scenario.horizon_days or unknown:
        raise ArgumentError(
            f"the demand was not made for the scenario {scenario.name!r}: "
            + (f"units {', '.join(unknown[:3])} are not its" if unknown else "")
            + ("; " if unknown and demand.horizon_days != scenario.horizon_days else "")
            + (
                f"its {demand.horizon_days} days are not the scenario's {scenario.horizon_days}"
                if demand.horizon_days != scenario.horizon_days
                else ""
            )
        )


def held_at_start(scenario: Scenario, demand: Demand) -> FloatArray:
    """Tonnes each unit already in place holds when it starts consuming, ``[unit, commodity]``.

    A unit in place holds its ``on_hand_days`` at its mean consumption over that many days
    from its arrival (the rate its days-of-supply target is set at), or, without them, its
    days-of-supply target on that day. A deploying unit holds nothing: its target is
    delivered.
    """
    _check_pair(scenario, demand)
    n_u, n_c, n_d = demand.consumption_t.shape
    units = [scenario.unit(u) for u in demand.unit_ids]
    as_target = np.array([u.in_place and u.on_hand_days is None for u in units], dtype=bool)
    held: FloatArray = demand.target_on_arrival_t * as_target[:, None]
    days = np.array([(u.on_hand_days or 0.0) if u.in_place else 0.0 for u in units])
    start = np.asarray(demand.arrival_day, dtype=np.int64).reshape(n_u)
    given = np.flatnonzero((days > 0) & (start < n_d))
    if given.size:
        span = np.minimum(np.ceil(days[given]).astype(np.int64), n_d - start[given])
        cum = np.concatenate(
            [np.zeros((given.size, n_c, 1)), np.cumsum(demand.consumption_t[given], axis=2)],
            axis=2,
        )
        rows = np.arange(given.size)
        used = cum[rows, :, start[given] + span] - cum[rows, :, start[given]]
        held[given] = used / span[:, None] * days[given][:, None]
    return held


def to_deliver(scenario: Scenario, demand: Demand) -> FloatArray:
    """What must reach each unit each day, ``[unit, commodity, day]``, net of what it holds.

    Consumption and build-up, less what a unit in place holds at the start
    (:func:`held_at_start`), which it eats first. A docs tester's relief sites, starting
    with nothing (``on_hand_days`` 0) or with their buffer, got the same requirements
    and the same convoys on C+0 (941 t), though the buffer was already there.
    """
    eaten_so_far = np.cumsum(demand.total_t, axis=2)
    held = held_at_start(scenario, demand)[:, :, None]
    beyond = np.maximum(eaten_so_far - held, 0.0)
    need: FloatArray = np.diff(beyond, axis=2, prepend=0.0)
    need[np.abs(need) < 1e-12] = 0.0
    return need
