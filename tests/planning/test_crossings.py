"""Goods on the road both ways between two full stores are warned of; an honest back-haul is not.

The tester's rotation: scenario D (port ``P`` of 10 t/day, warehouse ``W`` of 15 t, camp
``C``, both roads two-way, 1 day) with the port given ``storage_t`` 9. By hand, without
goods going out and back on ``P-W``, 16 t short (the 40 t made C+0–C+3 cannot reach the
camp before C+6; at the end of C+4 they are in ``W``'s store, 15 t at most, or on a truck
``P → W`` from the port's store, 9 t at most). The plan says 0 t short by keeping food on
the road both ways: it must say so, and the storage claim that buys it too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from rolling_storage_cases import FOOD, place, road, rolling

from supplyline.domain import (
    Demand,
    Mode,
    Movement,
    Partner,
    ResourceKind,
    Scenario,
    Stock,
    StockLevel,
    Unit,
)
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.crossings import crossing_words, crossings, crossings_in
from supplyline.planning.examples import make_demand
from supplyline.services.plan_warnings import plan_warnings


def _port_with(storage_t: float) -> tuple[Scenario, Demand]:
    scenario, demand = rolling(port_two_way=True, camp_two_way=True)
    port = place("P", 20.0, storage_t)
    return dataclasses.replace(scenario, locations=(port, *scenario.locations[1:])), demand


def _leg(origin: str, destination: str, day: int, tonnes: float) -> Movement:
    return Movement(
        link="P-W", origin=origin, destination=destination, mode=Mode.ROAD, commodity="food",
        departure_day=day, arrival_day=day + 1, tonnes=tonnes,
    )  # fmt: skip


def test_tester_records_cross_by_hand() -> None:
    """The tester's movements.csv and stocks.csv: 6 t on night C+3 and 9 t on C+4.

    Night C+3: 7 t on the road W → P (left C+3) against 10 t P → W; W holds 14 of 15 t
    (1 t of room), P 9 of 9: 7 − 1 = 6 t crossed beyond the room. Night C+4: 9 t W → P
    against 17 t P → W, both stores full: 9 t.
    """
    scenario, _ = _port_with(9.0)
    out = [(0, 1), (1, 10), (2, 10), (3, 10), (4, 17), (5, 19), (6, 10), (7, 19)]
    movements = [_leg("P", "W", d, t) for d, t in out] + [
        _leg("W", "P", 3, 7.0),
        _leg("W", "P", 4, 9.0),
    ]
    levels = {"P": [9, 9, 9, 9, 9, 9, 9], "W": [0, 1, 11, 14, 15, 12, 11, 1]}
    stocks = [
        StockLevel(location=v, commodity="food", day=d, tonnes=float(t))
        for v, days in levels.items()
        for d, t in enumerate(days)
        if t
    ]
    (found,) = crossings_in(movements, stocks, scenario)
    assert found.places == ("P", "W")
    assert found.nights == ((3, 6.0), (4, 9.0))
    assert crossing_words(found).startswith(
        "warning: food is on the road both ways between 'P' and 'W' (link P-W) on the nights "
        "of C+3–C+4, up to 9 t a night (15 t-nights in all) more than either store has room for"
    )


def test_rotation_plan_is_warned_of() -> None:
    """Planned, the port of 9 t says 0 t short where by hand 16 t: the crossing is warned of."""
    scenario, demand = _port_with(9.0)
    plan = plan_movements(scenario, demand)
    assert sum(s.short_t for s in plan.shortfalls) < 16.0  # the gap the road fills
    (found,) = crossings(plan, scenario)
    assert (found.commodity, found.places, found.links) == ("food", ("P", "W"), ("P-W",))
    assert crossing_words(found) in plan_warnings(plan, scenario)


def test_store_claim_says_its_gain_rides_on_the_road() -> None:
    """Port of 0 t: 25 t short; the claim "+9 t of storage at P" says the road holds goods."""
    scenario, demand = _port_with(0.0)
    plan = plan_movements(scenario, demand, PlanParams(explain_top=3, time_limit_s=60))
    assert sum(s.short_t for s in plan.shortfalls) == 25.0
    (port,) = [b for b in plan.bottlenecks if b.kind is ResourceKind.STORAGE and b.resource == "P"]
    assert "keeps food between 'P' and 'W' on the nights of" in port.explanation
    assert "part of that gain may be the road standing in for storage" in port.explanation


def _back_haul() -> tuple[Scenario, Demand]:
    """A port P of ``storage_t`` 0 making 10 t/day, a warehouse W of 100 t holding 50 t.

    Unit UW at W eats 10 t/day from C+2, unit UP at P 20 t/day from C+6. P's food can only
    leave for W; from C+5 W sends food back for UP while P still sends its day's food out.
    By hand: 150 t in all (50 + 10 × 10) against 160 t asked, 10 t short.
    """
    scenario = Scenario(
        name="back-haul",
        start_date=dt.date(2026, 1, 1),
        horizon_days=10,
        partners=(Partner(id="A", name="A"),),
        commodities=(FOOD,),
        locations=(place("P", 20.0, 0.0), place("W", 20.5, 100.0)),
        links=(road("P", "W", both_ways=True),),
        units=(
            Unit(
                id="UP",
                name="UP",
                partner="A",
                home="P",
                destination="P",
                personnel=10_000,
                required_day=6,
            ),
            Unit(
                id="UW",
                name="UW",
                partner="A",
                home="W",
                destination="W",
                personnel=5_000,
                required_day=2,
            ),
        ),
        stocks=(
            Stock(location="P", commodity="food", replenishment_t_per_day=10.0),
            Stock(location="W", commodity="food", initial_t=50.0),
        ),
    )
    return scenario, make_demand(scenario, {("UP", "food"): 20.0, ("UW", "food"): 10.0})


def test_honest_back_haul_is_not_warned_of() -> None:
    """Food both ways on P-W on one night, the warehouse with room: no warning, 10 t short."""
    scenario, demand = _back_haul()
    plan = plan_movements(scenario, demand)
    assert sum(s.short_t for s in plan.shortfalls) == 10.0
    ways = {(m.origin, m.departure_day) for m in plan.movements if m.tonnes > 0}
    assert any(("P", d) in ways and ("W", d) in ways for d in range(10))  # it does cross
    assert crossings(plan, scenario) == ()
    assert not any("both ways" in w for w in plan_warnings(plan, scenario))
