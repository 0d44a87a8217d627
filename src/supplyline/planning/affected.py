"""Which goods a re-solve with more of a resource changes the outcome of.

A bottleneck's sentence said that a road "keeps out fuel, spares and food" where the only
unit behind it lacked none of them: in the equally good re-solve with the road raised they
merely moved earlier, through it. What a resource keeps out is named only where the
re-solve changes that good's shortfall or days-of-supply gap, or, for ``deployment``, the
lift arriving late (:func:`affected_goods`).

>>> from dataclasses import replace
>>> from supplyline.planning.examples import one_link
>>> from supplyline.planning.assemble import prepare
>>> from supplyline.planning.extract import Outcome
>>> from supplyline.planning.params import PlanParams
>>> p = prepare(*one_link(), PlanParams())
>>> none = Outcome(short_t=0.0, short_by={}, late_days={}, closure_day={}, late_t_days=0.0,
...                late_pax_days=0.0, transport_cost=0.0)
>>> sorted(affected_goods(p, none, replace(none, short_t=1.0, short_by={(0, 0): 1.0})))
['food']
"""

from __future__ import annotations

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import Outcome
from supplyline.types import GRAM_T

__all__ = ["CHANGED_T", "DEPLOYMENT", "affected_goods"]

CHANGED_T = GRAM_T
"""A change below a gram (or a gram-day), what the files give, is no effect.

A kilogram said a 1 kg/day link "limits fuel and spares" where at a thousand times the
goods the same link limited the spares alone: the words changed with the scale."""
DEPLOYMENT = "deployment"
"""How the bottleneck report names the units' own lift among the goods."""


def affected_goods(p: Problem, base: Outcome, after: Outcome) -> frozenset[str]:
    """The goods whose shortfall or target gap differ between ``base`` and ``after``.

    With :data:`DEPLOYMENT` where the lift (tonnes or people) arriving late differs. Closure
    days alone do not count: two equally good plans may close a unit on different days.
    """
    names = p.demand.commodity_ids
    changed: set[str] = set()
    for before, now in ((base.short_by, after.short_by), (base.gap_by, after.gap_by)):
        for key in before.keys() | now.keys():
            if abs(before.get(key, 0.0) - now.get(key, 0.0)) > CHANGED_T:
                changed.add(names[key[1]])
    late = (base.late_t_days - after.late_t_days, base.late_pax_days - after.late_pax_days)
    if any(abs(d) > CHANGED_T for d in late):
        changed.add(DEPLOYMENT)
    return frozenset(changed)
