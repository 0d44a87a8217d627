"""Seeded synthetic operations for the planning benchmark (a helper, not a benchmark).

Two families, both built directly as domain objects (no files):

* **corridor** — what operations look like: a few source depots in a home region, long-haul
  rail (standard gauge to two break-of-gauge border yards, broad gauge beyond), a sea line
  between two ports, an air bridge, a road border crossing, hubs in the area of operations,
  road trees out to the units, and local road cross-links up to the link count.
* **mesh** — a dense road k-nearest-neighbour mesh with a few source depots and units
  scattered over it: harder for the solver, less like a real operation.

Both are sized to fall short somewhere (a scarce commodity, tight yards or roads), so the
LP has shortfall to trade off, as real plans do. Same seed, same operation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from supplyline.domain import (
    Commodity,
    Demand,
    FleetGroup,
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

__all__ = ["SIZES", "Size", "corridor", "generate", "mesh", "with_fleet"]

START = dt.date(2025, 3, 1)


@dataclass(frozen=True)
class Size:
    """Target counts of a benchmark instance."""

    name: str
    locations: int
    links: int
    commodities: int
    days: int


SIZES = {
    "S": Size("S", 50, 150, 5, 30),
    "I": Size("I", 100, 400, 6, 60),
    "M": Size("M", 500, 2000, 6, 60),
}

DEPLOYING = {"S": 2, "I": 3, "M": 6}
"""Units that deploy from home in each size (each adds a tonnes and a people flow)."""

# id, class, priority, tonnes per 1,000 people per day
_COMMODITIES = (
    ("food", SupplyClass.FOOD, 1, 2.0),
    ("water", SupplyClass.WATER, 1, 7.0),
    ("fuel", SupplyClass.FUEL, 2, 12.0),
    ("ammunition", SupplyClass.GENERAL, 2, 5.0),
    ("medical", SupplyClass.MEDICAL, 1, 0.3),
    ("spares", SupplyClass.SPARE_PARTS, 3, 1.2),
)
_COST_PER_TKM = {Mode.ROAD: 0.12, Mode.RAIL: 0.05, Mode.SEA: 0.02, Mode.AIR: 1.5}
_KM_PER_DAY = {Mode.ROAD: 450.0, Mode.RAIL: 700.0, Mode.SEA: 550.0, Mode.AIR: 5000.0}


def _km(a: Location, b: Location) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class _Builder:
    """Collects locations and links, numbering them and keeping pairs unique."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.locations: list[Location] = []
        self.links: list[Link] = []
        self.pairs: set[frozenset[str]] = set()
        self.arcs = 0
        """Link directions so far: a bidirectional link counts twice (the LP's arcs)."""

    def place(
        self, kind: LocationKind, partner: str, lon: float, lat: float, **kw: float | int
    ) -> Location:
        i = len(self.locations)
        loc = Location(
            id=f"{kind.value[:3]}{i:03d}",
            name=f"{kind.value.replace('_', ' ')} {i}",
            partner=partner,
            kind=kind,
            lon=round(lon, 4),
            lat=round(lat, 4),
            **kw,  # type: ignore[arg-type]
        )
        self.locations.append(loc)
        return loc

    def scatter(
        self, n: int, kind: LocationKind, partner: str, box: tuple[float, float, float, float]
    ) -> list[Location]:
        lon0, lon1, lat0, lat1 = box
        return [
            self.place(kind, partner, self.rng.uniform(lon0, lon1), self.rng.uniform(lat0, lat1))
            for _ in range(n)
        ]

    def connect(
        self,
        a: Location,
        b: Location,
        mode: Mode,
        capacity: float | None,
        *,
        gauge: int | None = None,
        bidirectional: bool = True,
        pax: float | None = None,
        detour: float = 1.25,
    ) -> bool:
        key = frozenset((a.id, b.id, mode.value))
        if a.id == b.id or key in self.pairs:
            return False
        self.pairs.add(key)
        self.arcs += 2 if bidirectional else 1
        km = _km(a, b) * (1.0 if mode in (Mode.AIR, Mode.SEA) else detour)
        self.links.append(
            Link(
                id=f"L{len(self.links):04d}",
                origin=a.id,
                destination=b.id,
                mode=mode,
                distance_km=round(km, 1),
                transit_days=max(1, math.ceil(km / _KM_PER_DAY[mode])),
                capacity_t_per_day=capacity,
                capacity_pax_per_day=pax,
                cost_per_t=round(km * _COST_PER_TKM[mode], 2),
                gauge_mm=gauge,
                bidirectional=bidirectional,
            )
        )
        return True

    def cross_links(self, pool: list[Location], target: int, capacity: tuple[float, float]) -> None:
        """Two-way roads between near neighbours in ``pool`` until there are ``target`` arcs."""
        xy = np.array([[p.lon * math.cos(math.radians(p.lat)), p.lat] for p in pool])
        dist = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
        order = np.argsort(dist, axis=1)
        for k in range(1, len(pool)):
            for i in self.rng.permutation(len(pool)):
                if self.arcs >= target - 1:
                    return
                j = int(order[i, k])
                self.connect(pool[i], pool[j], Mode.ROAD, float(self.rng.uniform(*capacity)))


def _nearest(loc: Location, pool: list[Location]) -> Location:
    return min(pool, key=lambda p: _km(loc, p))


def _units_and_demand(
    b: _Builder,
    size: Size,
    areas: list[Location],
    depots: list[Location],
    deploying: int,
) -> tuple[list[Unit], Demand]:
    """One unit per area; ``deploying`` of them come from a home depot, the rest are in place."""
    rng = b.rng
    units: list[Unit] = []
    commodities = _COMMODITIES[: size.commodities]
    consumption = np.zeros((len(areas), size.commodities, size.days))
    buildup = np.zeros_like(consumption)
    arrival = np.zeros(len(areas), dtype=np.int64)
    for u, area in enumerate(areas):
        people = int(rng.integers(300, 1200))
        deploys = u < deploying
        required = int(rng.integers(4, max(5, size.days // 3))) if deploys else 0
        home = depots[u % len(depots)] if deploys else area
        units.append(
            Unit(
                id=f"U{u:03d}",
                name=f"unit {u}",
                partner=home.partner if deploys else area.partner,
                home=home.id,
                destination=area.id,
                personnel=people,
                required_day=required,
                deployment_lift_t=round(people * rng.uniform(0.8, 1.6), 1) if deploys else 0.0,
                days_of_supply=3.0,
            )
        )
        arrival[u] = required
        rate = np.array([c[3] for c in commodities]) * people / 1000.0
        noise = rng.uniform(0.8, 1.2, size=(size.commodities, size.days))
        consumption[u, :, required:] = (rate[:, None] * noise)[:, required:]
        buildup[u, :, required] = 3.0 * rate
    demand = Demand(
        start_date=START,
        horizon_days=size.days,
        unit_ids=tuple(x.id for x in units),
        commodity_ids=tuple(c[0] for c in commodities),
        consumption_t=np.round(consumption, 3),
        buildup_t=np.round(buildup, 3),
        arrival_day=arrival,
    )
    return units, demand


def _stocks(
    size: Size, demand: Demand, depots: list[Location], forward: list[Location], scarce: float
) -> list[Stock]:
    """Source stocks at the depots, a few days' stock forward at the hubs.

    Depots replenish more than the peak daily demand, except the last commodity, which is
    scarce; forward hubs start with some stock so that units are not short from day 0.
    """
    daily = demand.consumption_t.sum(axis=0).max(axis=1)  # peak daily tonnes per commodity
    stocks: list[Stock] = []
    for k, commodity in enumerate(demand.commodity_ids):
        share = scarce if k == size.commodities - 1 else 1.3
        for depot in depots:
            stocks.append(
                Stock(
                    location=depot.id,
                    commodity=commodity,
                    initial_t=round(3 * daily[k] / len(depots), 1),
                    replenishment_t_per_day=round(share * daily[k] / len(depots), 1),
                )
            )
        for hub in forward:
            stocks.append(
                Stock(location=hub.id, commodity=commodity, initial_t=round(daily[k] / 2, 1))
            )
    return stocks


def _scenario(
    name: str, size: Size, b: _Builder, units: list[Unit], stocks: list[Stock]
) -> Scenario:
    return Scenario(
        name=name,
        start_date=START,
        horizon_days=size.days,
        partners=(Partner(id="HOME", name="Home nation"), Partner(id="HOST", name="Host nation")),
        commodities=tuple(
            Commodity(id=c, name=c, supply_class=cls, priority=p)
            for c, cls, p, _ in _COMMODITIES[: size.commodities]
        ),
        locations=tuple(b.locations),
        links=tuple(b.links),
        units=tuple(units),
        stocks=tuple(stocks),
    )


def corridor(size: Size, seed: int) -> tuple[Scenario, Demand]:
    """A home region, long-haul corridors with gauge breaks and border yards, road trees."""
    b = _Builder(np.random.default_rng(seed))
    home_box, op_box = (6.0, 14.0, 49.0, 53.2), (23.5, 28.0, 53.6, 57.0)
    depots = b.scatter(3, LocationKind.DEPOT, "HOME", home_box)
    railheads = b.scatter(2, LocationKind.RAILHEAD, "HOME", home_box)
    port = b.place(LocationKind.PORT, "HOME", 8.58, 53.55)
    airfield = b.place(LocationKind.AIRFIELD, "HOME", 11.0, 52.0)
    yard_kw = {"handling_t_per_day": 0.0, "dwell_days": 1}
    yards = [
        b.place(LocationKind.TRANSSHIPMENT, "HOST", 23.05, 54.2 + 0.5 * i, **yard_kw)
        for i in range(2)
    ]
    border = b.place(LocationKind.BORDER, "HOST", 22.9, 53.9, handling_t_per_day=0.0)
    op_port = b.place(LocationKind.PORT, "HOST", 21.13, 55.7)
    op_air = b.place(LocationKind.AIRFIELD, "HOST", 23.4, 55.9)
    op_rail = b.scatter(2, LocationKind.RAILHEAD, "HOST", (23.5, 25.0, 54.3, 55.5))
    n_hubs = max(2, size.locations // 15)
    hubs = b.scatter(n_hubs, LocationKind.HUB, "HOST", op_box)
    areas = b.scatter(max(4, size.locations // 5), LocationKind.UNIT_AREA, "HOST", op_box)
    points = b.scatter(size.locations - len(b.locations), LocationKind.WAREHOUSE, "HOST", op_box)
    rng = b.rng
    out = {"bidirectional": False}  # trunk lines and trees run outwards, towards the units
    for depot in depots:
        b.connect(depot, _nearest(depot, railheads), Mode.ROAD, None, **out)
        b.connect(depot, port, Mode.ROAD, None, **out)
        b.connect(depot, airfield, Mode.ROAD, None, **out)
    for rh in railheads:
        for yard in yards:
            b.connect(rh, yard, Mode.RAIL, float(rng.uniform(1500, 2500)), gauge=1435, **out)
    for yard in yards:
        for rh in op_rail:
            b.connect(yard, rh, Mode.RAIL, float(rng.uniform(1200, 2000)), gauge=1520, **out)
    b.connect(port, op_port, Mode.SEA, 3000.0, **out)
    b.connect(airfield, op_air, Mode.AIR, 120.0, pax=3000.0, **out)
    b.connect(railheads[0], border, Mode.ROAD, 400.0, **out)
    b.connect(border, _nearest(border, hubs), Mode.ROAD, 400.0, **out)
    for gate in (op_port, op_air, *op_rail):
        b.connect(gate, _nearest(gate, hubs), Mode.ROAD, None, **out)
    tree = list(hubs)
    for place in sorted(points + areas, key=lambda p: min(_km(p, h) for h in hubs)):
        # road tree: each place hangs on the nearest place already connected
        b.connect(_nearest(place, tree), place, Mode.ROAD, float(rng.uniform(150, 600)), **out)
        tree.append(place)
    b.cross_links(hubs + points + areas, size.links, (100.0, 400.0))
    units, demand = _units_and_demand(b, size, areas, depots, deploying=DEPLOYING[size.name])
    # yards and the crossing handle most, but not all, of what the units need each day
    need = float(demand.consumption_t.sum(axis=(0, 1)).max())
    for i, loc in enumerate(b.locations):
        if loc.handling_t_per_day == 0.0:
            share = 0.45 if loc.kind is LocationKind.TRANSSHIPMENT else 0.15
            b.locations[i] = dataclasses.replace(loc, handling_t_per_day=round(share * need, 1))
    stocks = _stocks(size, demand, depots, hubs, scarce=0.85)
    return _scenario(f"corridor-{size.name}-{seed}", size, b, units, stocks), demand


def mesh(size: Size, seed: int) -> tuple[Scenario, Demand]:
    """A dense road k-nearest-neighbour mesh with depots and units scattered over it."""
    b = _Builder(np.random.default_rng(seed))
    box = (20.0, 30.0, 50.0, 56.0)
    n_depots = max(2, size.locations // 20)
    depots = b.scatter(n_depots, LocationKind.DEPOT, "HOST", box)
    n_areas = int(0.2 * size.locations)
    areas = b.scatter(n_areas, LocationKind.UNIT_AREA, "HOST", box)
    hubs = b.scatter(size.locations - n_depots - n_areas, LocationKind.HUB, "HOST", box)
    pool = depots + areas + hubs
    b.cross_links(pool, size.links, (80.0, 500.0))
    units, demand = _units_and_demand(b, size, areas, depots, deploying=DEPLOYING[size.name])
    stocks = _stocks(size, demand, depots, [], scarce=0.9)
    return _scenario(f"mesh-{size.name}-{seed}", size, b, units, stocks), demand


def generate(family: str, size: Size, seed: int) -> tuple[Scenario, Demand]:
    """The instance of ``family`` ("corridor" or "mesh") at ``size`` for ``seed``."""
    makers = {"corridor": corridor, "mesh": mesh}
    if family not in makers:
        raise ValueError(f"family(={family!r}) must be one of {', '.join(makers)}")
    return makers[family](size, seed)


def with_fleet(scenario: Scenario) -> Scenario:
    """The scenario with 20 rigid 12 t trucks at every hub (the tester's ``fleet.csv``)."""
    fleet = tuple(
        FleetGroup(
            id=f"t-{loc.id}",
            depot=loc.id,
            partner=loc.partner,
            vehicle_type="rigid 12 t",
            count=20,
            payload_t=12.0,
            volume_m3=40.0,
            speed_kmh=50.0,
            fixed_cost=90.0,
            cost_per_km=1.1,
            max_route_hours=12.0,
        )
        for loc in scenario.locations
        if loc.kind is LocationKind.HUB
    )
    return dataclasses.replace(scenario, fleet=fleet)
