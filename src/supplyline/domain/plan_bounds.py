"""What a plan's movements carry together, against what the scenario allows: capacity, goods.

Why a module of its own: these are sums over many movements (a link's way and day, a
place's arrivals of a day), where :mod:`~supplyline.domain.plan_fit` judges each record
alone. The planner keeps to both bounds, so a plan.json past one was edited: a tester's
movement edited to 5,000 t on a road of 500 t a day was routed, and one edited to 1e300 t
ended ``routes`` in an internal message (``load_t['water'](=1e+300) is out of range``)
naming neither the file nor the movement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from supplyline.domain.plan import Movement

if TYPE_CHECKING:
    from supplyline.domain.scenario import Scenario

__all__ = ["MAX_PLAN_T", "over_bounds", "supply_t"]

MAX_PLAN_T = 1e12
"""Tonnes (or people) of one record above which it is taken for a mistake: the bound the
planner puts on demand (:data:`~supplyline.domain.demand.MAX_TONNES`)."""

_OVER = 1e-3
"""Tonnes (or people) past a bound that a plan's rounding to the gram cannot explain."""


def supply_t(scenario: Scenario) -> dict[str, float]:
    """The tonnes of each commodity the scenario has over its horizon, in all.

    What stocks.csv holds at the start and replenishes each day of the horizon: no plan
    moves more of a commodity into one place on one day.

    >>> from supplyline.planning.examples import one_link
    >>> supply_t(one_link()[0])  # 50 t a day over 5 days
    {'food': 250.0}
    """
    out: dict[str, float] = defaultdict(float)
    for st in scenario.stocks:
        out[st.commodity] += st.initial_t + st.replenishment_t_per_day * scenario.horizon_days
    return dict(out)


def over_bounds(scenario: Scenario, movements: Sequence[Movement]) -> dict[int, list[str]]:
    """The words for each group of movements past a bound, by its first movement's index.

    A link's ``capacity_t_per_day`` (and ``capacity_pax_per_day``) bounds what leaves on
    it each way each day; what arrives at a place on one day of one commodity is at most
    the goods the scenario has of it (:func:`supply_t`). A unit's own lift
    (``deploy:<unit id>``) is not stocks': it is bounded by the links alone.
    """
    ways: dict[tuple[str, str, str, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    into: dict[tuple[str, int, str], float] = defaultdict(float)
    first: dict[object, int] = {}
    for i, m in enumerate(movements):
        way = (m.link, m.origin, m.destination, m.departure_day)
        ways[way][0] += m.tonnes
        ways[way][1] += m.pax
        first.setdefault(way, i)
        if m.commodity in scenario.commodity_by_id:
            there = (m.destination, m.arrival_day, m.commodity)
            into[there] += m.tonnes
            first.setdefault(there, i)
    out: dict[int, list[str]] = defaultdict(list)
    for way, (tonnes, pax) in ways.items():
        link = scenario.link_by_id.get(way[0])
        for amount, cap, what, column in (
            (tonnes, None if link is None else link.capacity_t_per_day, "t", "capacity_t_per_day"),
            (
                pax,
                None if link is None else link.capacity_pax_per_day,
                "people",
                "capacity_pax_per_day",
            ),
        ):
            if cap is not None and amount > cap + _OVER:
                out[first[way]].append(
                    f"the link's movements {way[1]} → {way[2]} leaving on day {way[3]} carry "
                    f"{amount:,.3f} {what}, more than its {column} {cap:g} (links.csv)"
                )
    has = supply_t(scenario)
    for (place, day, com), tonnes in into.items():
        most = min(has.get(com, 0.0), MAX_PLAN_T)
        if tonnes > most + _OVER:
            out[first[(place, day, com)]].append(
                f"the movements of {com} arriving at {place} on day {day} carry {tonnes:,.3f} t, "
                f"more than the scenario has of it in all ({most:,.3f} t: stocks.csv's "
                "initial_t and replenishment_t_per_day over the horizon)"
            )
    return dict(out)
