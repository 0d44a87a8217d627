"""Random small operations for property tests (Hypothesis): a scenario and its demand.

A few locations with optional handling (of tonnes, and of people, which may be 0),
storage and dwell; links with optional
capacities, outages and either direction; one or two commodities from one to three
stocked places; one or two units that may deploy, with consumption from their required
day and a days-of-supply build-up on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from supplyline.domain import (
    Commodity,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.planning.closure_bound import ClosureBound
from supplyline.planning.network import index_network

__all__ = ["SETTINGS", "bound_days", "lifts", "outage_scenarios", "scenarios"]


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    n_loc = draw(st.integers(3, 6))
    days = draw(st.integers(4, 9))
    locs = tuple(
        Location(
            id=f"L{i}",
            name=f"L{i}",
            partner=draw(st.sampled_from(["A", "B"])),
            kind=LocationKind.DEPOT,
            lat=50.0,
            lon=float(i),
            handling_t_per_day=draw(st.one_of(st.none(), st.floats(5, 60))),
            handling_pax_per_day=draw(st.one_of(st.none(), st.just(0.0), st.floats(2, 30))),
            storage_t=draw(st.one_of(st.none(), st.just(0.0), st.floats(5, 100))),
            dwell_days=draw(st.integers(0, 1)),
        )
        for i in range(n_loc)
    )
    links = []
    for j in range(draw(st.integers(2, 8))):
        a, b = draw(st.lists(st.integers(0, n_loc - 1), min_size=2, max_size=2, unique=True))
        links.append(
            Link(
                id=f"K{j}",
                origin=f"L{a}",
                destination=f"L{b}",
                mode=Mode.ROAD,
                distance_km=50,
                transit_days=draw(st.integers(0, 2)),
                capacity_t_per_day=draw(st.one_of(st.none(), st.floats(1, 40))),
                capacity_pax_per_day=draw(st.one_of(st.none(), st.floats(1, 40))),
                cost_per_t=draw(st.floats(0, 10)),
                bidirectional=draw(st.booleans()),
                outage_days=frozenset(draw(st.sets(st.integers(0, days - 1), max_size=2))),
            )
        )
    coms = tuple(
        Commodity(id=f"c{k}", name=f"c{k}", supply_class=SupplyClass.GENERAL, priority=k + 1)
        for k in range(draw(st.integers(1, 2)))
    )
    stocks = []
    for loc in draw(st.sets(st.integers(0, n_loc - 1), min_size=1, max_size=3)):
        for c in coms:
            stocks.append(
                Stock(
                    location=f"L{loc}",
                    commodity=c.id,
                    initial_t=draw(st.floats(0, 50)),
                    replenishment_t_per_day=draw(st.floats(0, 20)),
                    owner=draw(st.sampled_from([None, "A", "B"])),
                )
            )
    units = []
    for u in range(draw(st.integers(1, 2))):
        home, dest = draw(st.integers(0, n_loc - 1)), draw(st.integers(0, n_loc - 1))
        avail = draw(st.integers(0, days - 1))
        units.append(
            Unit(
                id=f"U{u}",
                name=f"U{u}",
                partner="B",
                home=f"L{home}",
                destination=f"L{dest}",
                personnel=draw(st.integers(0, 30)),
                available_day=avail,
                required_day=draw(st.integers(avail, days - 1)),
                deployment_lift_t=draw(st.floats(0, 60)),
                days_of_supply=draw(st.floats(0, 2)),
            )
        )
    scenario = Scenario(
        name="random",
        start_date=dt.date(2025, 1, 1),
        horizon_days=days,
        partners=(Partner(id="A", name="A"), Partner(id="B", name="B")),
        commodities=coms,
        locations=locs,
        links=tuple(links),
        units=tuple(units),
        stocks=tuple(stocks),
    )
    shape = (len(units), len(coms), days)
    rates = np.array(
        draw(st.lists(st.floats(0, 15), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1]))
    ).reshape(shape[:2])
    arrival = np.array([u.required_day for u in units], dtype=np.int64)
    present = np.arange(days)[None, :] >= arrival[:, None]
    consumption = rates[:, :, None] * present[:, None, :]
    buildup = np.zeros(shape)
    for i, u in enumerate(units):
        buildup[i, :, u.required_day] = rates[i] * u.days_of_supply
    demand = Demand(
        start_date=scenario.start_date,
        horizon_days=days,
        unit_ids=tuple(u.id for u in units),
        commodity_ids=tuple(c.id for c in coms),
        consumption_t=consumption,
        buildup_t=buildup,
        arrival_day=arrival,
    )
    return scenario, demand


@st.composite
def outage_scenarios(draw: st.DrawFn) -> tuple[Scenario, Demand]:
    """:func:`scenarios`, some links also closed for a run of days.

    Runs to the horizon's end, and over all of it, are what a bound that counts only single
    outage days would miss: a road closed all horizon beside an airbridge.
    """
    scenario, demand = draw(scenarios())
    days = scenario.horizon_days
    links = []
    for link in scenario.links:
        if draw(st.booleans()):
            first = draw(st.integers(0, days - 1))
            last = draw(st.integers(first, days - 1))
            link = dataclasses.replace(
                link, outage_days=link.outage_days | frozenset(range(first, last + 1))
            )
        links.append(link)
    return dataclasses.replace(scenario, links=tuple(links)), demand


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def lifts(scenario: Scenario, *, people: bool) -> list[tuple[Unit, float]]:
    """Each deploying unit with something to move, and its lift (its people)."""
    found = []
    for unit in scenario.units:
        amount = float(unit.personnel) if people else unit.deployment_lift_t
        if unit.deploys and amount > 0:
            found.append((unit, amount))
    return found


def bound_days(scenario: Scenario) -> dict[tuple[str, bool], int]:
    """Each deploying unit's earliest day all its lift (people) can be there, by the bound."""
    net = index_network(scenario)
    pos = {loc: i for i, loc in enumerate(net.location_ids)}
    out: dict[tuple[str, bool], int] = {}
    for people in (False, True):
        bound = ClosureBound(net, people=people)
        for unit, amount in lifts(scenario, people=people):
            home, dest = pos[unit.home], pos[unit.destination]
            last = bound.last_arrival(
                home, dest, unit.available_day, amount, in_time=-1, days=scenario.horizon_days
            )
            assert last is not None  # nothing is there by C-1
            out[(unit.id, people)] = last.day
    return out
