"""The Demand result: what every unit needs, by commodity and day, in tonnes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from supplyline.domain.fields import named_fields, whole_number
from supplyline.errors import ArgumentError, require, require_list
from supplyline.types import CommodityId, UnitId

if TYPE_CHECKING:
    from supplyline.domain.scenario import Scenario

__all__ = ["MAX_TONNES", "Demand", "held_at_start", "to_deliver"]

MAX_TONNES = 1e12
"""Tonnes a day, or held, above which a demand figure is taken for a mistake (HiGHS refuses
1e30): the planner refuses a demand beyond it, and validate a scenario that would make one."""

FloatArray = npt.NDArray[np.float64]


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Demand:
    """Daily requirements of every unit.

    Arrays are indexed ``[unit, commodity, day]`` in the order of ``unit_ids`` and
    ``commodity_ids``. ``consumption_t`` is what the unit uses each day at its destination
    (zero before it arrives); ``buildup_t`` is the change in the stock it should hold, its
    days-of-supply target: the whole target on arrival, then its rise (or fall, negative)
    as the unit's rate of consumption changes. Both are in tonnes.

    A value, as the other records are: its arrays are read-only (a tester's
    ``d.consumption_t[:] = 0`` silently changed the next plan), copied from what the
    caller passed unless that is already a read-only array of its own (so the caller's
    array stays writable); anything shaped like an array of numbers is taken (a list, an
    int array), anything else is an :class:`~supplyline.errors.ArgumentError`. Two demands
    are equal when their dates, ids and arrays are (``np.array_equal``). A Demand is *not*
    hashable: a hash would read every cell of arrays that may hold millions, and a dict
    keyed by demands is no use the project has; key by the scenario instead. It pickles
    and deep-copies to an equal, read-only demand.
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
        require(self.start_date, dt.date, "start_date")
        object.__setattr__(self, "horizon_days", whole_number(self.horizon_days, "horizon_days"))
        for name in ("unit_ids", "commodity_ids"):
            ids = require_list(getattr(self, name), str, name)
            object.__setattr__(self, name, tuple(ids))
        shape = (len(self.unit_ids), len(self.commodity_ids), self.horizon_days)
        for name in ("consumption_t", "buildup_t"):
            taken = _read_only(getattr(self, name), np.float64, name)
            if taken.shape != shape:
                raise ArgumentError(
                    f"{name} has shape {taken.shape}, expected {shape} (units, commodities, days)"
                )
            object.__setattr__(self, name, taken)
        arrival = _read_only(self.arrival_day, np.int64, "arrival_day")
        if arrival.shape != (len(self.unit_ids),):
            raise ArgumentError(
                f"arrival_day has shape {arrival.shape}: it needs one entry per unit, "
                f"({len(self.unit_ids)},)"
            )
        object.__setattr__(self, "arrival_day", arrival)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Demand):
            return NotImplemented
        return (
            self.start_date == other.start_date
            and self.horizon_days == other.horizon_days
            and self.unit_ids == other.unit_ids
            and self.commodity_ids == other.commodity_ids
            and all(
                np.array_equal(getattr(self, name), getattr(other, name))
                for name in ("arrival_day", "consumption_t", "buildup_t")
            )
        )

    __hash__ = None  # type: ignore[assignment]  # see the class docstring

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its fields; unpickled read-only again (numpy's pickles come back writable)."""
        return (_demand_of, ({f.name: getattr(self, f.name) for f in fields(self)},))

    def __repr__(self) -> str:
        return (
            f"Demand(start_date={self.start_date.isoformat()}, horizon_days={self.horizon_days}, "
            f"{len(self.unit_ids)} units, {len(self.commodity_ids)} commodities, "
            f"total_t={float(self.total_t.sum()):.6g})"
        )

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


def _read_only(value: object, dtype: type[np.generic], name: str) -> npt.NDArray[Any]:
    """``value`` as a read-only array of ``dtype``: a copy, unless it is one already.

    A read-only array that owns its data is taken as it is (``compute_requirements``
    hands its own over so, without a copy); any other is copied, so that the caller's
    array stays the caller's.
    """
    if (
        isinstance(value, np.ndarray)
        and value.dtype == dtype
        and not value.flags.writeable
        and value.flags.owndata
    ):
        return value
    try:
        given = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise ArgumentError(f"{name} must be an array of numbers: {exc}") from None
    whole = np.issubdtype(dtype, np.integer)
    kinds = "iu" if whole else "iuf"
    if given.dtype.kind == "f" and whole and np.all(np.mod(given, 1) == 0):
        kinds = "f"  # whole days given as floats
    if given.dtype.kind not in kinds or given.dtype == np.bool_:
        kind = "whole numbers" if whole else "numbers"
        raise ArgumentError(
            f"{name} must be an array of {kind}, not of {given.dtype} "
            f"({type(value).__name__} {value!r:.60})"
        )
    taken: npt.NDArray[Any] = np.array(given, dtype=dtype)  # a copy, always
    taken.setflags(write=False)
    return taken


def _demand_of(values: dict[str, Any]) -> Demand:
    """A Demand from its pickled fields, their arrays frozen in place (no second copy)."""
    for value in values.values():
        if isinstance(value, np.ndarray) and value.flags.owndata:
            value.setflags(write=False)
    return Demand(**values)


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
