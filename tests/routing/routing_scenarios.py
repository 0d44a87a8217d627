"""Tiny convoy scenarios built in code, small enough to check by hand or by brute force.

Places sit on a line of latitude 0 so that 1° of longitude is 111.2 km; road links give
exact distances where a test needs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from supplyline.domain import (
    Commodity,
    FleetGroup,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    RoutingOptions,
    Scenario,
    SupplyClass,
    Unit,
)

START = dt.date(2025, 6, 1)
FOOD = Commodity(
    id="food",
    name="Rations",
    supply_class=SupplyClass.FOOD,
    priority=2,
    per_person_per_day=1.0,
    volume_m3_per_t=2.0,
)
FUEL = Commodity(
    id="fuel", name="Diesel", supply_class=SupplyClass.FUEL, priority=1, per_person_per_day=1.0
)


def loc(
    loc_id: str, lon: float, kind: LocationKind = LocationKind.UNIT_AREA, lat: float = 0.0
) -> Location:
    return Location(id=loc_id, name=loc_id, partner="A", kind=kind, lat=lat, lon=lon)


def unit(unit_id: str, where: str, *, open_h: float = 6.0, close_h: float = 18.0) -> Unit:
    return Unit(
        id=unit_id,
        name=unit_id,
        partner="A",
        home=where,
        destination=where,
        personnel=100,
        receive_open_h=open_h,
        receive_close_h=close_h,
    )


def road(
    a: str, b: str, km: float, *, both_ways: bool = True, capacity: float | None = None
) -> Link:
    return Link(
        id=f"{a}-{b}",
        origin=a,
        destination=b,
        mode=Mode.ROAD,
        distance_km=km,
        transit_days=0,
        bidirectional=both_ways,
        capacity_t_per_day=capacity,
    )


WATER_SCENARIO_YAML = """\
name: test
start_date: 2026-03-01
horizon_days: 4
partners:
  - {id: p}
commodities:
  - {id: water, supply_class: water, priority: 1, volume_m3_per_t: 1.0, demand_unit: kg, \
per_person_per_day: 10}
solver: {time_limit_s: 5}
routing: {detour_factor: 1.3, service_minutes: 30}
"""
"""One commodity, water, 10 kg a head a day, 30-minute stops: the road-repair tests' files."""


R2D_FILES = {
    "scenario.yaml": WATER_SCENARIO_YAML,
    "fleet.csv": """\
id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,cost_per_km,max_route_hours
T1,D1,p,cargo,4,10,,60,100,1,4
T2,D2,p,cargo,4,10,,60,100,1,4
""",
    "links.csv": """\
id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,outage_days
d1j,D1,J,road,5,0,,false,
d2j,D2,J,road,5,0,,false,
J-K,J,K,road,5,0,10,false,
kl1,K,L1,road,5,0,,false,
kl2,K,L2,road,5,0,,false,
d1l2,D1,L2,road,100,0,10,false,
d2l1,D2,L1,road,100,0,10,false,
l1d1,L1,D1,road,15,0,,false,
l2d2,L2,D2,road,15,0,,false,
""",
    "locations.csv": """\
id,partner,kind,lat,lon
D1,p,depot,50.0,10.0
D2,p,depot,50.1,10.0
J,p,hub,50.05,10.1
K,p,hub,50.05,10.2
L1,p,unit_area,50.0,10.3
L2,p,unit_area,50.1,10.3
""",
    "stocks.csv": """\
location,commodity,initial_t,replenishment_t_per_day
D1,water,1000,100
D2,water,1000,100
""",
    "units.csv": """\
id,partner,home,destination,personnel,days_of_supply,receive_open_h,receive_close_h
U1,p,L1,L1,1000,0,6,18
U2,p,L2,L2,1000,0,6,18
""",
}
"""The tester's R2d: J→K 10 t/day, D1→L2 and D2→L1 100 km, trucks of 4 h at 60 km/h."""


def fleet(
    fid: str,
    depot: str,
    *,
    count: int = 2,
    payload_t: float = 10.0,
    speed_kmh: float = 50.0,
    hours: float = 9.0,
    volume_m3: float | None = None,
    fixed_cost: float = 100.0,
    cost_per_km: float = 1.0,
) -> FleetGroup:
    return FleetGroup(
        id=fid,
        depot=depot,
        partner="A",
        vehicle_type="truck",
        count=count,
        payload_t=payload_t,
        speed_kmh=speed_kmh,
        volume_m3=volume_m3,
        fixed_cost=fixed_cost,
        cost_per_km=cost_per_km,
        max_route_hours=hours,
    )


def scenario(
    locations: Sequence[Location],
    units: Sequence[Unit],
    links: Sequence[Link],
    groups: Sequence[FleetGroup],
    *,
    service_minutes: float = 30.0,
    detour: float = 1.3,
) -> Scenario:
    return Scenario(
        name="tiny",
        start_date=START,
        horizon_days=3,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(FOOD, FUEL),
        locations=tuple(locations),
        links=tuple(links),
        units=tuple(units),
        fleet=tuple(groups),
        routing=RoutingOptions(detour_factor=detour, service_minutes=service_minutes),
    )


def star(n_units: int = 3, km: float = 50.0, **fleet_kw: object) -> Scenario:
    """A railhead ``RH`` with trucks, and ``n_units`` units each ``km`` away by road."""
    locs = [loc("RH", 0.0, LocationKind.RAILHEAD)]
    units, links = [], []
    for i in range(n_units):
        locs.append(loc(f"L{i}", 0.1 * (i + 1), lat=0.1 * i))
        units.append(unit(f"U{i}", f"L{i}"))
        links.append(road("RH", f"L{i}", km))
    return scenario(locs, units, links, [fleet("F1", "RH", **fleet_kw)])  # type: ignore[arg-type]
