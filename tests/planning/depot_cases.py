"""A depot feeding one or two camps, for the cause-against-supply properties (Hypothesis).

Shared by the shortfall and the target-gap properties, which re-plan with the closures a
cause names lifted.
"""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from supplyline.domain import Demand, Plan, Scenario
from supplyline.planning.examples import make_demand, one_link


def closures_lifted(scenario: Scenario, link_ids: set[str]) -> Scenario:
    """The scenario with these links' outages lifted."""
    links = tuple(
        dataclasses.replace(x, outage_days=frozenset()) if x.id in link_ids else x
        for x in scenario.links
    )
    return dataclasses.replace(scenario, links=links)


def roomy(scenario: Scenario) -> Scenario:
    """The scenario with every capacity unlimited: what "whatever the transport capacities" lifts.

    Every store, and every other capacity above 0. A link's capacity or a place's handling
    of 0 stays: the supply's count takes it for a link or place that carries nothing, not
    for a limit. A store of 0 is lifted like any other (the bottlenecks offer to raise it:
    a tester's depot of 0 t read "whatever the capacities" beside "+8 t of storage at Depot
    D fills 36 t-days more").
    """

    def some(x: float | None) -> float | None:
        return None if x is None or x > 0 else x

    links = tuple(
        dataclasses.replace(x, capacity_t_per_day=some(x.capacity_t_per_day))
        for x in scenario.links
    )
    places = tuple(
        dataclasses.replace(x, storage_t=None, handling_t_per_day=some(x.handling_t_per_day))
        for x in scenario.locations
    )
    return dataclasses.replace(scenario, links=links, locations=places)


def short(plan: Plan, unit: str, commodity: str, day: int | None = None) -> float:
    """A unit's shortfall of a commodity, on a day or in all."""
    return sum(
        s.short_t
        for s in plan.shortfalls
        if s.unit == unit and s.commodity == commodity and day in (None, s.day)
    )


@st.composite
def shared_depot(
    draw: st.DrawFn, *, buildup: bool = False, shared: bool = True
) -> tuple[Scenario, Demand]:
    """D feeds U (one road, closed on some days) and, sometimes, a second camp W.

    Capacities, the depot's stock and replenishment, U's store and what each unit eats are
    drawn, so that the closure, the supply or the capacity binds, or several of them; with
    ``buildup``, each unit's days-of-supply build-up too; without ``shared``, no W.
    """
    days = draw(st.integers(4, 9))
    scenario, _ = one_link(
        capacity_t_per_day=draw(st.one_of(st.none(), st.floats(2, 20))),
        transit_days=draw(st.integers(0, 2)),
        days=days,
        replenishment_t_per_day=draw(st.floats(0, 12)),
        outage_days=sorted(draw(st.sets(st.integers(0, days - 1), min_size=1, max_size=3))),
    )
    depot, camp = scenario.locations
    camp = dataclasses.replace(camp, storage_t=draw(st.one_of(st.none(), st.floats(0, 30))))
    stock = dataclasses.replace(scenario.stocks[0], initial_t=draw(st.floats(0, 30)))
    road, unit = scenario.links[0], scenario.units[0]
    locations, links, units = [depot, camp], [road], [unit]
    if shared and draw(st.booleans()):
        locations.append(dataclasses.replace(camp, id="W", name="W"))
        links.append(
            dataclasses.replace(
                road,
                id="L2",
                destination="W",
                transit_days=draw(st.integers(0, 2)),
                capacity_t_per_day=draw(st.one_of(st.none(), st.floats(2, 20))),
                outage_days=frozenset(),
            )
        )
        units.append(dataclasses.replace(unit, id="u2", home="W", destination="W"))
    scenario = dataclasses.replace(
        scenario,
        locations=tuple(locations),
        links=tuple(links),
        units=tuple(units),
        stocks=(stock,),
    )
    rates = {(u.id, "food"): draw(st.floats(1, 10)) for u in units}
    build = {(u.id, "food"): draw(st.floats(1, 30)) for u in units} if buildup else None
    return scenario, make_demand(scenario, rates, buildup_t=build)


def fed_pair(replenishment_t_per_day: float) -> tuple[Scenario, Demand]:
    """D (storing) gives ``replenishment_t_per_day``; u0 at D eats 2 t a day, u1 at U 3 t.

    Each holds a target of 6 t: the pair whose target gaps the supply, not a capacity, keeps.
    """
    scenario, _ = one_link(days=8, replenishment_t_per_day=replenishment_t_per_day)
    unit = scenario.units[0]
    at_depot = dataclasses.replace(unit, id="u0", home="D", destination="D")
    scenario = dataclasses.replace(scenario, units=(unit, at_depot))
    return scenario, make_demand(
        scenario,
        {("u1", "food"): 3.0, ("u0", "food"): 2.0},
        buildup_t={("u1", "food"): 6.0, ("u0", "food"): 6.0},
    )


def short_and_below(plan: Plan) -> tuple[float, float]:
    """Tonnes short and tonne-days below target, in all."""
    return (
        round(sum(s.short_t for s in plan.shortfalls), 6),
        round(sum(g.below_t for g in plan.target_gaps), 6),
    )
