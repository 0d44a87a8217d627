"""A tiny operation and a plan for it, written by hand so that every number is known.

A German battalion (U1) deploys from Munster to Pabradė in Lithuania by rail through the
break-of-gauge yard at Mockava, and by sea through Klaipėda; a Lithuanian battalion (U2) is
already in place at Rukla. U1's stock is given per unit, U2's as the stock of its
location, so both ways a plan may state stock are drawn. The plan is made up, not
solved: it has a fuel shortfall at U1 on days 8–10, U1 closes one day late, and the yard
is the top bottleneck.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pytest

from supplyline.domain import (
    Bottleneck,
    Closure,
    Commodity,
    Delivery,
    Demand,
    Link,
    Location,
    LocationKind,
    Mode,
    Movement,
    Partner,
    Plan,
    PlanStatus,
    ResourceKind,
    Scenario,
    Shortfall,
    SolveStats,
    StockLevel,
    SupplyClass,
    Unit,
)

HORIZON = 14
START = dt.date(2025, 5, 1)


@dataclass(frozen=True)
class Case:
    """A scenario, its demand and a plan, as the report receives them."""

    scenario: Scenario
    demand: Demand
    plan: Plan


def _scenario() -> Scenario:
    def loc(
        i: str, name: str, partner: str, kind: LocationKind, lat: float, lon: float
    ) -> Location:
        return Location(id=i, name=name, partner=partner, kind=kind, lat=lat, lon=lon)

    def link(i: str, a: str, b: str, mode: Mode, km: float, days: int, **kw: object) -> Link:
        return Link(
            id=i, origin=a, destination=b, mode=mode, distance_km=km, transit_days=days, **kw
        )  # type: ignore[arg-type]

    return Scenario(
        name="Iron Wolf <tiny> & co",
        start_date=START,
        horizon_days=HORIZON,
        partners=(Partner(id="DE", name="Germany"), Partner(id="LT", name="Lithuania")),
        commodities=(
            Commodity(id="food", name="Rations", supply_class=SupplyClass.FOOD, priority=1),
            Commodity(id="fuel", name="Diesel", supply_class=SupplyClass.FUEL, priority=2),
            Commodity(id="water", name="Water", supply_class=SupplyClass.WATER, priority=1),
        ),
        locations=(
            loc("munster", "Munster depot", "DE", LocationKind.DEPOT, 52.99, 10.09),
            loc("bhv", "Bremerhaven", "DE", LocationKind.PORT, 53.55, 8.58),
            loc("mockava", "Mockava yard", "LT", LocationKind.TRANSSHIPMENT, 54.20, 23.05),
            loc("kaunas", "Kaunas railhead", "LT", LocationKind.RAILHEAD, 54.90, 23.90),
            loc("klaipeda", "Klaipėda", "LT", LocationKind.PORT, 55.70, 21.13),
            loc("siauliai", "Šiauliai air base", "LT", LocationKind.AIRFIELD, 55.89, 23.39),
            loc("pabrade", "Pabradė", "LT", LocationKind.UNIT_AREA, 54.98, 25.77),
            loc("rukla", "Rukla", "LT", LocationKind.UNIT_AREA, 55.03, 24.37),
        ),
        links=(
            link("r1", "munster", "mockava", Mode.RAIL, 1150, 3, gauge_mm=1435),
            link("r2", "mockava", "kaunas", Mode.RAIL, 120, 1, gauge_mm=1520),
            link("d1", "munster", "bhv", Mode.ROAD, 160, 1),
            link("s1", "bhv", "klaipeda", Mode.SEA, 1200, 4),
            link("d2", "klaipeda", "kaunas", Mode.ROAD, 215, 1),
            link("d3", "kaunas", "pabrade", Mode.ROAD, 140, 1),
            link("d4", "kaunas", "rukla", Mode.ROAD, 50, 1),
            link("a1", "munster", "siauliai", Mode.AIR, 1100, 1),
            link("d5", "siauliai", "rukla", Mode.ROAD, 110, 1),
        ),
        units=(
            Unit(
                id="U1",
                name="Panzergrenadierbataillon",
                partner="DE",
                home="munster",
                destination="pabrade",
                personnel=800,
                required_day=6,
                deployment_lift_t=1200.0,
                days_of_supply=3.0,
            ),
            Unit(
                id="U2",
                name="Mechanised infantry battalion",
                partner="LT",
                home="rukla",
                destination="rukla",
                personnel=600,
                days_of_supply=5.0,
            ),
        ),
    )


def _demand() -> Demand:
    consumption = np.zeros((2, 3, HORIZON))
    consumption[0, :, 6:] = np.array([2.0, 12.0, 8.0])[:, None]
    consumption[1, :, :] = np.array([1.5, 6.0, 6.0])[:, None]
    buildup = np.zeros_like(consumption)
    buildup[0, :, 6] = 3 * np.array([2.0, 12.0, 8.0])
    return Demand(
        start_date=START,
        horizon_days=HORIZON,
        unit_ids=("U1", "U2"),
        commodity_ids=("food", "fuel", "water"),
        consumption_t=consumption,
        buildup_t=buildup,
        arrival_day=np.array([6, 0], dtype=np.int64),
    )


def _movements() -> tuple[Movement, ...]:
    def mv(
        link: str, a: str, b: str, mode: Mode, c: str, d: int, t: int, tonnes: float
    ) -> Movement:
        return Movement(
            link=link,
            origin=a,
            destination=b,
            mode=mode,
            commodity=c,
            departure_day=d,
            arrival_day=d + t,
            tonnes=tonnes,
            pax=800.0 if c == "deploy:U1" and mode is Mode.AIR else 0.0,
        )

    moves = [
        mv("r1", "munster", "mockava", Mode.RAIL, "deploy:U1", 0, 3, 600.0),
        mv("r2", "mockava", "kaunas", Mode.RAIL, "deploy:U1", 3, 1, 600.0),
        mv("d1", "munster", "bhv", Mode.ROAD, "deploy:U1", 0, 1, 600.0),
        mv("s1", "bhv", "klaipeda", Mode.SEA, "deploy:U1", 1, 4, 600.0),
        mv("d2", "klaipeda", "kaunas", Mode.ROAD, "deploy:U1", 5, 1, 600.0),
        mv("d3", "kaunas", "pabrade", Mode.ROAD, "deploy:U1", 6, 1, 1200.0),
        mv("a1", "munster", "siauliai", Mode.AIR, "deploy:U1", 4, 1, 0.0),
    ]
    for day in range(2, 12):
        for c, t in (("food", 2.0), ("fuel", 10.0 if 6 <= day <= 8 else 12.0), ("water", 8.0)):
            moves.append(mv("r1", "munster", "mockava", Mode.RAIL, c, day - 2, 3, t))
            moves.append(mv("r2", "mockava", "kaunas", Mode.RAIL, c, day + 1, 1, t))
            moves.append(mv("d3", "kaunas", "pabrade", Mode.ROAD, c, day + 2, 1, t))
    for day in range(HORIZON - 1):
        moves.append(mv("d5", "siauliai", "rukla", Mode.ROAD, "fuel", day, 1, 6.0))
    return tuple(m for m in moves if m.departure_day < HORIZON)


def _stocks() -> tuple[StockLevel, ...]:
    levels = []
    for day in range(HORIZON):
        u1 = day >= 6
        levels += [
            StockLevel(
                location="pabrade", commodity="food", day=day, tonnes=6.0 if u1 else 0.0, unit="U1"
            ),
            StockLevel(
                location="pabrade",
                commodity="fuel",
                day=day,
                tonnes=0.0 if 8 <= day <= 10 else (36.0 if u1 else 0.0),
                unit="U1",
            ),
            StockLevel(
                location="pabrade",
                commodity="water",
                day=day,
                tonnes=24.0 if u1 else 0.0,
                unit="U1",
            ),
            StockLevel(location="rukla", commodity="food", day=day, tonnes=7.5),
            StockLevel(location="rukla", commodity="fuel", day=day, tonnes=30.0 - day),
            StockLevel(location="rukla", commodity="water", day=day, tonnes=30.0),
        ]
    return tuple(levels)


def _plan() -> Plan:
    return Plan(
        scenario="Iron Wolf <tiny> & co",
        start_date=START,
        horizon_days=HORIZON,
        status=PlanStatus.OPTIMAL,
        objective=123456.789,
        movements=_movements(),
        stocks=_stocks(),
        deliveries=(Delivery(unit="U1", location="pabrade", commodity="food", day=7, tonnes=2.0),),
        shortfalls=(
            Shortfall(unit="U1", commodity="fuel", day=8, required_t=12.0, short_t=4.5),
            Shortfall(unit="U1", commodity="fuel", day=9, required_t=12.0, short_t=4.5),
            Shortfall(unit="U1", commodity="fuel", day=10, required_t=12.0, short_t=3.25),
        ),
        closures=(
            Closure(
                unit="U1",
                required_day=6,
                closure_day=7,
                lift_t=1200.0,
                pax=800.0,
                moved_t=1200.0,
                moved_pax=800.0,
            ),
        ),
        bottlenecks=(
            Bottleneck(
                kind=ResourceKind.HANDLING,
                resource="mockava",
                days=(5, 6, 7, 8),
                shadow_price=812.5,
                commodities=("fuel",),
                capacity=600.0,
                suggested_extra=4.5,
                shortfall_removed_t=12.25,
                explanation=(
                    "the Mockava break-of-gauge yard limits fuel deliveries from C+5; "
                    "+4.5 t/day there removes the fuel shortfall at U1"
                ),
            ),
            Bottleneck(
                kind=ResourceKind.LINK_TONNES,
                resource="d3",
                days=(6,),
                shadow_price=40.0,
                capacity=1200.0,
                explanation="the road Kaunas–Pabradė is full on C+6 (U1's closure)",
            ),
        ),
        stats=SolveStats(
            columns=1234, rows=987, nonzeros=4321, build_s=0.012, solve_s=0.345, extract_s=0.006
        ),
    )


def tiny_case() -> Case:
    """Build the hand-written case (a function, so a script can use it too)."""
    return Case(scenario=_scenario(), demand=_demand(), plan=_plan())


@pytest.fixture(scope="session")
def case() -> Case:
    """The tiny German-Lithuanian operation and its hand-written plan."""
    return tiny_case()


@pytest.fixture(scope="session")
def html(case: Case) -> str:
    """The plan report of the tiny case, rendered once for all tests that only read it."""
    from supplyline.reports import render_plan_report

    return render_plan_report(case.scenario, case.demand, case.plan)
