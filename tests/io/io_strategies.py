"""Hypothesis strategies for valid scenarios (the loader must accept what they build)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from supplyline.domain import (
    DEFAULT_ACTIVITY_LEVELS,
    ActivityPeriod,
    Agreement,
    Commodity,
    DemandUnit,
    FleetGroup,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Price,
    ReimbursementMode,
    RoutingOptions,
    Scenario,
    SolverOptions,
    Stock,
    SupplyClass,
    Unit,
    VehicleClass,
)
from supplyline.domain.commodities import MAX_KG_PER_LITRE
from supplyline.io import default_factors

ids = st.from_regex(r"[a-z][a-z0-9_\-]{0,8}", fullmatch=True)
_plain_names = (
    st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=24)
    .map(str.strip)
    .filter(bool)
)
# and names a spreadsheet would run as a formula, which are written behind an apostrophe
# and must read back without it (and a name's own leading apostrophe kept)
names = st.one_of(
    _plain_names,
    st.tuples(st.sampled_from(["=", "+", "-", "@", "'=", "'", "''-"]), _plain_names).map("".join),
)
currencies = st.sampled_from(["EUR", "USD", "GBP", "KZT"])
FACTOR_KEYS = sorted(default_factors())


def amounts(hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=0.0, max_value=hi, allow_nan=False, allow_infinity=False)


def rates(hi: float) -> st.SearchStrategy[float | str]:
    return st.one_of(amounts(hi), st.sampled_from(FACTOR_KEYS))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def money(hi: int, *, above_zero: bool = False) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal("0.01") if above_zero else Decimal(0),
        max_value=Decimal(hi),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )


def _ceilings(draw: st.DrawFn) -> dict[str, Decimal | None]:
    """An agreement's ceilings; the total never below the per-order one (the loader refuses it)."""
    per_order = draw(optional(money(10**12, above_zero=True)))
    total = draw(optional(money(10**12, above_zero=True)))
    if per_order is not None and total is not None and total < per_order:
        per_order, total = total, per_order
    return {"ceiling_per_order": per_order, "ceiling_total": total}


def _cargo(draw: st.DrawFn, names: list[str]) -> dict[str, Any]:
    """A fleet group's ``carries``, or none and ``*`` (anything said on purpose) or not."""
    carries = draw(st.frozensets(st.sampled_from(names), max_size=3))
    return {"carries": carries, "carries_anything": not carries and draw(st.booleans())}


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A random scenario that passes every error check (it may raise warnings)."""
    horizon = draw(st.integers(1, 60))
    day = st.integers(0, horizon - 1)
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)))
    pids = draw(st.lists(ids, min_size=2, max_size=3, unique=True))
    partners = tuple(Partner(id=p, name=draw(names), currency=draw(currencies)) for p in pids)
    cids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    units = {c: draw(st.sampled_from(DemandUnit)) for c in cids}
    commodities = tuple(
        Commodity(
            id=c,
            name=draw(names),
            supply_class=draw(st.sampled_from(SupplyClass)),
            priority=draw(st.integers(1, 9)),
            volume_m3_per_t=draw(optional(st.floats(0.01, 1000))),
            demand_unit=units[c],
            # a litre's mass; a kg and a t weigh what they say
            kg_per_demand_unit=draw(optional(st.floats(0.01, MAX_KG_PER_LITRE)))
            if units[c] is DemandUnit.L
            else None,
            per_person_per_day=draw(optional(rates(1e6))),
            per_vehicle_per_day=draw(optional(rates(1e6))),
            vehicle_fuel=units[c] is DemandUnit.L and draw(st.booleans()),  # litres
            activity_scaled=draw(st.booleans()),
        )
        for c in cids
    )
    vids = draw(st.lists(ids, max_size=2, unique=True))
    classes = tuple(
        VehicleClass(
            id=v,
            name=draw(names),
            fuel_l_per_100km=draw(rates(10_000)),
            km_per_day=draw(amounts(2000)),
        )
        for v in vids
    )
    levels = dict(DEFAULT_ACTIVITY_LEVELS) | draw(st.dictionaries(ids, amounts(10), max_size=2))
    lids = draw(st.lists(ids, min_size=2, max_size=5, unique=True))
    partner = st.sampled_from(pids)
    locations = tuple(
        Location(
            id=i,
            name=draw(names),
            partner=draw(partner),
            kind=draw(st.sampled_from(LocationKind)),
            lat=draw(st.floats(-90, 90)),
            lon=draw(st.floats(-180, 180)),
            handling_t_per_day=draw(optional(amounts(1e6))),
            handling_pax_per_day=draw(optional(amounts(1e6))),
            storage_t=draw(optional(amounts(1e8))),
            dwell_days=draw(st.integers(0, 365)),
        )
        for i in lids
    )
    links = []
    for i, link_id in enumerate(draw(st.lists(ids, max_size=5, unique=True))):
        a, b = draw(st.lists(st.sampled_from(lids), min_size=2, max_size=2, unique=True))
        mode = draw(st.sampled_from(Mode))
        links.append(
            Link(
                id=f"{link_id}{i}",
                origin=a,
                destination=b,
                mode=mode,
                distance_km=draw(amounts(40_000)),
                transit_days=draw(st.integers(0, 365)),
                capacity_t_per_day=draw(optional(amounts(1e6))),
                capacity_pax_per_day=draw(optional(amounts(1e6))),
                cost_per_t=draw(amounts(1e6)),
                cost_per_pax=draw(amounts(1e6)),
                gauge_mm=1435 if mode is Mode.RAIL and draw(st.booleans()) else None,
                bidirectional=draw(st.booleans()),
                outage_days=frozenset(draw(st.sets(day, max_size=5))),
            )
        )
    location = st.sampled_from(lids)
    units = []
    for uid in draw(st.lists(ids, max_size=4, unique=True)):
        available = draw(day)
        starts = sorted(draw(st.sets(day, max_size=3)))
        open_h = draw(st.floats(0, 23))
        home, destination = draw(location), draw(location)
        units.append(
            Unit(
                id=uid,
                name=draw(names),
                partner=draw(partner),
                home=home,
                destination=destination,
                personnel=draw(st.integers(0, 10_000_000)),
                vehicles=draw(st.dictionaries(st.sampled_from(vids), st.integers(0, 100_000)))
                if vids
                else {},
                available_day=available,
                required_day=draw(st.integers(available, horizon - 1)),
                deployment_lift_t=draw(amounts(1e7)),
                activity=tuple(
                    ActivityPeriod(start_day=d, level=draw(st.sampled_from(sorted(levels))))
                    for d in starts
                ),
                days_of_supply=draw(amounts(365)),
                receive_open_h=open_h,
                receive_close_h=draw(st.floats(open_h + 0.5, 24)),
                on_hand_days=draw(optional(amounts(365))) if home == destination else None,
            )
        )
    pairs = draw(st.sets(st.tuples(location, st.sampled_from(cids)), max_size=6))
    stocks = tuple(
        Stock(
            location=loc,
            commodity=com,
            initial_t=draw(amounts(1e9)),
            replenishment_t_per_day=draw(amounts(1e7)),
            owner=draw(optional(partner)),
        )
        for loc, com in sorted(pairs)
    )
    fleet = tuple(
        FleetGroup(
            id=f,
            depot=draw(location),
            partner=draw(partner),
            vehicle_type=draw(names),
            count=draw(st.integers(0, 100_000)),
            payload_t=draw(st.floats(0.1, 200)),
            speed_kmh=draw(st.floats(1, 200)),
            volume_m3=draw(optional(st.floats(0.1, 1000))),
            fixed_cost=draw(amounts(1e9)),
            cost_per_km=draw(amounts(1e6)),
            max_route_hours=draw(st.floats(0.5, 168)),
            **_cargo(draw, [*cids, *(c.value for c in SupplyClass)]),
        )
        for f in draw(st.lists(ids, max_size=2, unique=True))
    )
    agreements = []
    for aid in draw(st.lists(ids, max_size=2, unique=True)):
        a, b = draw(st.lists(partner, min_size=2, max_size=2, unique=True))
        covered = draw(st.sets(st.sampled_from(cids)))
        currency = draw(currencies)
        valid_from = draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)))
        agreements.append(
            Agreement(
                id=aid,
                name=draw(names),
                parties=(a, b),
                valid_from=valid_from,
                valid_to=valid_from + dt.timedelta(days=draw(st.integers(0, 400))),
                commodities=frozenset(covered),
                services=frozenset(draw(st.sets(names, max_size=2))),
                reimbursement_modes=frozenset(
                    draw(st.sets(st.sampled_from(ReimbursementMode), min_size=1))
                ),
                prices=tuple(
                    Price(
                        commodity=c,
                        currency=draw(st.one_of(st.just(currency), currencies)),
                        per_t=draw(money(10**9)),
                    )
                    for c in sorted(draw(st.sets(st.sampled_from(sorted(covered) or cids))))
                    if c in covered
                ),
                currency=currency,
                **_ceilings(draw),
            )
        )
    return Scenario(
        name=draw(names),
        description=draw(st.one_of(st.just(""), names)),
        start_date=start,
        horizon_days=horizon,
        partners=partners,
        commodities=commodities,
        vehicle_classes=classes,
        activity_levels=levels,
        factor_overrides=draw(
            st.dictionaries(st.sampled_from(FACTOR_KEYS), amounts(1e9), max_size=2)
        ),
        solver=SolverOptions(
            time_limit_s=draw(optional(st.floats(0.1, 1e6))),
            threads=draw(optional(st.integers(1, 1024))),
        ),
        routing=RoutingOptions(
            detour_factor=draw(st.floats(1.0, 10.0)), service_minutes=draw(amounts(1440))
        ),
        locations=locations,
        links=tuple(links),
        units=tuple(units),
        stocks=stocks,
        fleet=fleet,
        agreements=tuple(agreements),
    )
