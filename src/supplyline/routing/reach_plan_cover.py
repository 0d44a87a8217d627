"""What the movement plan holds at a cut-off unit's place going into the closure.

Without a plan, the reach check counts a unit's stock in days of its need from its
``days_of_supply`` (:mod:`~supplyline.routing.reach_cover`): a unit that deploys holds
nothing on its first day, so a closure then is flagged. A tester's al-inf-2 was flagged
"at most 0 days of supply held by then" for its road closed C+15–C+16, while the plan
stocked its area ua-3 on C+13–C+14 (``stocks.csv``: water, food, fuel, spares, medical, 6
days of each), ran 0 t short, and ``routes --day 16`` served everything. With a plan the
stock is the plan's: what it holds at the unit's place at the end of the day before the
closure, the unit's own stock and the place's store (``stocks.csv`` of ``plan``), good by
good, against what the unit eats on the days cut off.

A place's store serves every unit there: what each unit's own stock does not cover is
taken from it, shared by those gaps (two units at one camp, each short of its own, both
read ok only when the store holds both gaps). Nothing comes in while the place is cut off
by road; what other modes bring on those days is not counted (the safe side).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from supplyline.domain import Plan
from supplyline.types import CommodityId, LocationId, UnitId, day_label, said_together

__all__ = ["PlanHeld", "PlanStock", "plan_held", "plan_held_words"]

_TOL_T = 1e-6
"""Tonnes below which nothing is eaten or held."""

Eaten = Mapping[UnitId, Mapping[CommodityId, Sequence[float]]]
"""Each unit's consumption in tonnes, good by good, day by day."""


class PlanStock:
    """The plan's end-of-day stock at the places asked, by (place, unit or None, good, day).

    Built once for a check: the reach check asks it for every run of cut-off days.
    """

    def __init__(self, plan: Plan, places: Collection[LocationId]) -> None:
        """Index ``plan.stocks`` at ``places`` (a unit's own stock, and the place's store)."""
        wanted = set(places)
        self._t: dict[tuple[LocationId, UnitId | None, CommodityId, int], float] = defaultdict(
            float
        )
        for s in plan.stocks:
            if s.location in wanted:
                self._t[(s.location, s.unit, s.commodity, s.day)] += s.tonnes

    def tonnes(
        self, place: LocationId, unit: UnitId | None, commodity: CommodityId, day: int
    ) -> float:
        """Tonnes held at the end of ``day`` (0 where the plan lists none)."""
        return self._t.get((place, unit, commodity, day), 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanHeld:
    """What the plan holds for a unit going into a run of cut-off days: the good that matters.

    Short of any, the good it is most tonnes short of (a tester's unit-day 37.5 t short of
    water was said to hold 0 days of fuel, 0.02 t short: both 0 days, fuel first by name);
    short of none, its least-held good.
    """

    place: LocationId
    day: int
    """The day before the closure, at whose end the stock is counted."""
    commodity: CommodityId
    """The good that lasts the fewest days (empty: it eats nothing then)."""
    held_t: float
    """Tonnes of it the unit can draw on: its own stock and its share of the store."""
    eaten_t: float
    """Tonnes of it the unit eats on the days cut off."""
    days_cut: int
    """The days cut off with demand."""
    also_short: tuple[CommodityId, ...] = ()
    """The other goods it runs short of on those days, the most tonnes short first."""

    @property
    def held_days(self) -> float:
        """``held_t`` in days of what it eats a day while cut off."""
        if self.eaten_t <= _TOL_T:
            return float(self.days_cut)
        return self.held_t / (self.eaten_t / self.days_cut)

    @property
    def covered(self) -> bool:
        """Whether the stock lasts through the days cut off."""
        return self.held_t >= self.eaten_t - _TOL_T


def plan_held(
    stock: PlanStock,
    place: LocationId,
    unit: UnitId,
    at_place: Sequence[UnitId],
    first_cut: int,
    run_days: Sequence[int],
    eaten: Eaten,
) -> PlanHeld:
    """What ``unit`` holds at ``place`` by the end of ``first_cut - 1`` for ``run_days``.

    ``at_place`` are the units at the place (``unit`` among them), cut off on the same
    days: the store's tonnes are shared by what their own stocks do not cover.

    >>> from supplyline.domain import Plan, PlanStatus, StockLevel
    >>> import datetime as dt
    >>> p = Plan(scenario="s", start_date=dt.date(2026, 1, 1), horizon_days=4,
    ...          status=PlanStatus.OPTIMAL, objective=0.0,
    ...          stocks=(StockLevel(location="A", commodity="water", day=1, tonnes=5.0),))
    >>> h = plan_held(PlanStock(p, ["A"]), "A", "U", ["U"], 2, [2, 3],
    ...               {"U": {"water": [2.0, 2.0, 2.0, 2.0]}})
    >>> (h.held_days, h.covered)
    (2.5, True)
    """
    before = first_cut - 1
    goods = {c for c, by_day in eaten.get(unit, {}).items() if _sum(by_day, run_days) > _TOL_T}
    held_goods: list[PlanHeld] = []
    for c in sorted(goods):
        own = {v: stock.tonnes(place, v, c, before) for v in at_place}
        need = {v: _sum(eaten.get(v, {}).get(c, ()), run_days) for v in at_place}
        gaps = {v: max(0.0, need[v] - own[v]) for v in at_place}
        store = stock.tonnes(place, None, c, before)
        all_gaps = sum(gaps.values())
        share = store * gaps[unit] / all_gaps if all_gaps > _TOL_T else 0.0
        held = PlanHeld(
            place=place,
            day=before,
            commodity=c,
            held_t=own[unit] + share,
            eaten_t=need[unit],
            days_cut=len(run_days),
        )
        held_goods.append(held)
    short = sorted(
        (h for h in held_goods if not h.covered),
        key=lambda h: (-(h.eaten_t - h.held_t), h.held_days, h.commodity),
    )
    if short:
        return replace(short[0], also_short=tuple(h.commodity for h in short[1:]))
    if held_goods:
        return min(held_goods, key=lambda h: (h.held_days, h.commodity))
    return PlanHeld(
        place=place, day=before, commodity="", held_t=0.0, eaten_t=0.0, days_cut=len(run_days)
    )


def _sum(by_day: Sequence[float], days: Sequence[int]) -> float:
    """Tonnes eaten on ``days``."""
    return float(sum(by_day[d] for d in days if d < len(by_day)))


def plan_held_words(held: PlanHeld) -> str:
    """``holds 6 days of food at ua-3 by C+14 (the plan's stock), cut off 2 days: ok``.

    Short, the tonnes too: ``holds 1.2 days of water at A by C+4 (the plan's stock: 5 t,
    its own and A's store, of the 8 t it eats on the days cut off; short of fuel too), cut
    off 2 days: short``: the good most tonnes short, the others short named after it, the
    tonnes said together (one count of decimals). The days are rounded down to 0.1: never
    more than it holds.
    """
    days = math.floor(held.held_days * 10 + 1e-6) / 10
    cut = f"{held.days_cut} {'day' if held.days_cut == 1 else 'days'}"
    said = f"{days:g} {'day' if 0 < days <= 1 else 'days'}"
    where = f"at {held.place} by {day_label(held.day)}"
    if not held.commodity:
        return f"eats nothing {where} (the plan's stock), cut off {cut}: ok"
    if held.covered:
        return f"holds {said} of {held.commodity} {where} (the plan's stock), cut off {cut}: ok"
    stock, eaten = said_together(held.held_t, held.eaten_t)
    return (
        f"holds {said} of {held.commodity} {where} (the plan's stock: "
        f"{stock} t, its own and {held.place}'s store, of the "
        f"{eaten} t it eats on the days cut off"
        f"{_also_short(held.also_short)}), cut off {cut}: short"
    )


def _also_short(goods: Sequence[CommodityId]) -> str:
    """``; short of fuel too``: the other goods short on the same days, named briefly."""
    if not goods:
        return ""
    names = ", ".join(goods[:-1]) + " and " + goods[-1] if len(goods) > 1 else goods[0]
    return f"; short of {names} too"
