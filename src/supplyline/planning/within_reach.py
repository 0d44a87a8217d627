"""The shortfalls and target gaps some capacity could change: goods could be there by then.

A unit short on a day no goods of its kind can have reached its place since it arrived
(too far, or closed links) is short whatever the capacities: its cause says so
(:mod:`~supplyline.planning.unreachable`), and no bottleneck's price buys any of it. An
unmeasured shadow price is read in the tier it serves
(:mod:`~supplyline.planning.price_reading`); read as a shortfall wherever the goods were
short at all, a tester's road binding on C+0–C+7 said "one more saves 0.33 t short"
where the only shortfall, C+0–C+1, came before any goods could arrive, and measured it
filled 35.98 t-days of targets. A place handling 0 t/day is a capacity, and lifted here,
as the causes lift it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import by_unit_commodity
from supplyline.planning.model import LpModel
from supplyline.planning.unreachable import handling_lifted, reachable

__all__ = ["WithinReach", "within_reach"]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class WithinReach:
    """Tonnes short and tonne-days below target by (demand unit, commodity), some capacity's.

    Those on days goods could have reached the unit's place: some capacity could change them.
    """

    short_by: dict[tuple[int, int], float]
    gap_by: dict[tuple[int, int], float]


def within_reach(p: Problem, m: LpModel, x: FloatArray) -> WithinReach:
    """What of the solution ``x`` falls on days goods could reach the units, closures in force.

    A day counts where goods of the kind can be at the unit's place on it or on an earlier
    day since the unit's arrival (held by the unit since), with every capacity aside.
    """
    there = reachable(handling_lifted(p) or p, p.net.arc_open_goods)  # [commodity, place, day]
    at_unit = there[:, p.unit_dest, :]  # [commodity, unit, day]
    before = np.arange(p.days)[None, :] < p.demand.arrival_day[:, None]
    reach: BoolArray = np.logical_or.accumulate(at_unit & ~before[None], axis=2)
    gaps = by_unit_commodity(m, x, "gap", reach) if "gap" in m.cols else {}
    return WithinReach(short_by=by_unit_commodity(m, x, "short", reach), gap_by=gaps)
