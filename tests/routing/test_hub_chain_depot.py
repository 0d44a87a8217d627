"""A road chain depot→hub→camp is a truck-load from the depot on the day it ends.

A tester's min-hub: depot dep (2 t/day, trucks) and border src (4 t/day, no trucks) feed
dep→hub→camp, a day each; u1 needs 6 t/day. The plan sends all 40 t dep gets on to camp.
``routes`` on C+9 loaded 4 t (2 t ``depot_short``, "dep holds 4.000 t") and the plan's
reach check said dep held 4 t over the horizon: the C+7 leg dep→hub, arriving C+8, was
taken off dep's stock on C+8, and the same 6 t were asked of dep again on C+9, when its
trucks carry them. By hand: dep keeps what its legs bring on to camp until the day the
trucks carry it, so C+9's 6 t are there, and the 40 t it sends on all go to its unit.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import (
    Delivery,
    Link,
    LocationKind,
    Mode,
    Movement,
    Plan,
    PlanStatus,
    Scenario,
    Stock,
    UnservedReason,
)
from supplyline.routing.convoy import ConvoyParams
from supplyline.routing.depot_days import plan_day_share
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import check_reach
from supplyline.services.plan_output import plan_reach
from supplyline.services.routing import route_scenario_day

MIN_HUB = Path(__file__).resolve().parent / "scenarios" / "min_hub"
"""The tester's min-hub5 scenario folder, as found."""

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=1))


def test_routes_of_c9_load_the_6_t_the_chain_through_the_hub_brings() -> None:
    """C+9: 6 t delivered from dep, nothing unserved (was 4 t, 2 t depot_short)."""
    run = route_scenario_day(MIN_HUB, day=9, params=PARAMS)
    loaded = sum(t for r in run.routes.routes for s in r.stops for t in s.load_t.values())
    assert loaded == pytest.approx(6.0)
    assert [u for u in run.routes.unserved if u.reason is UnservedReason.DEPOT_SHORT] == []


def test_the_plans_reach_check_flags_no_unit_for_deps_stock() -> None:
    """The 40 t dep sends on reach camp by way of the hub: u1 is ok (was "dep hold 4 t")."""
    run = route_scenario_day(MIN_HUB, day=9, params=PARAMS)
    assert run.plan is not None
    check = plan_reach(run.opened.scenario, run.plan)
    assert [(r.unit, r.reason) for r in check.flagged] == []


# A random tree of roads from depot D (its trucks) through hubs and camps. Each camp is
# fed every day from the day its path lets goods reach it, the goods passing through each
# place on the day they come (as the LP's min-hub did); D gets exactly what it sends on
# each day by rail from a railhead R without trucks (plus ``slack_t`` in stocks.csv), so
# any tonne counted twice is a tonne short.

_HORIZON = 6


@st.composite
def _trees(draw: st.DrawFn) -> tuple[Scenario, Plan, dict[str, float]]:
    """A scenario, a plan that is 0 t short, and each unit's daily tonnes."""
    n = draw(st.integers(min_value=1, max_value=5))
    parents = [draw(st.integers(min_value=0, max_value=k)) for k in range(n)]  # 0 is D
    names = ["D", *(f"P{k + 1}" for k in range(n))]
    transit = [draw(st.integers(min_value=0, max_value=2)) for _ in range(n)]
    has_unit = [draw(st.booleans()) for _ in range(n)]
    leaves = set(range(1, n + 1)) - {p for p in parents if p > 0}
    camps = [k for k in range(1, n + 1) if has_unit[k - 1] or k in leaves]
    daily = {f"u{k}": float(draw(st.integers(min_value=1, max_value=4))) for k in camps}
    slack_t = draw(st.sampled_from([0.0, 0.5, 3.0]))

    def path(k: int) -> list[int]:
        return [] if k == 0 else [*path(parents[k - 1]), k]

    legs: dict[tuple[int, int], float] = {}  # (place, departure day) -> tonnes, by leg in
    deliveries = []
    for k in camps:
        steps = path(k)
        for day in range(sum(transit[p - 1] for p in steps), _HORIZON):
            t = day - sum(transit[p - 1] for p in steps)
            for p in steps:
                legs[(p, t)] = legs.get((p, t), 0.0) + daily[f"u{k}"]
                t += transit[p - 1]
            deliveries.append(
                Delivery(
                    unit=f"u{k}",
                    location=names[k],
                    commodity="food",
                    day=day,
                    tonnes=daily[f"u{k}"],
                )
            )
    moves = []
    for (p, t), tonnes in sorted(legs.items()):
        a, b = names[parents[p - 1]], names[p]
        moves.append(
            Movement(
                link=f"{a}-{b}",
                origin=a,
                destination=b,
                mode=Mode.ROAD,
                commodity="food",
                departure_day=t,
                arrival_day=t + transit[p - 1],
                tonnes=tonnes,
            )
        )
    out_of_d: dict[int, float] = {}
    for m in moves:
        if m.origin == "D":
            out_of_d[m.departure_day] = out_of_d.get(m.departure_day, 0.0) + m.tonnes
    rail = [
        Movement(
            link="R-D",
            origin="R",
            destination="D",
            mode=Mode.RAIL,
            commodity="food",
            departure_day=t,
            arrival_day=t,
            tonnes=tonnes,
        )
        for t, tonnes in sorted(out_of_d.items())
    ]
    locs = [
        loc("R", -0.05, LocationKind.RAILHEAD),
        loc("D", 0.0, LocationKind.DEPOT),
        *(
            loc(names[k], 0.02 * k, LocationKind.UNIT_AREA if k in camps else LocationKind.HUB)
            for k in range(1, n + 1)
        ),
    ]
    links = [
        Link(
            id="R-D", origin="R", destination="D", mode=Mode.RAIL, distance_km=5.0, transit_days=0
        ),
        *(
            dataclasses.replace(
                road(names[parents[k - 1]], names[k], 10.0), transit_days=transit[k - 1]
            )
            for k in range(1, n + 1)
        ),
    ]
    units = [unit(f"u{k}", names[k]) for k in camps]
    s = scenario(locs, units, links, [fleet("T", "D", count=20)])
    stock = Stock(location="D", commodity="food", initial_t=slack_t, replenishment_t_per_day=0.0)
    s = dataclasses.replace(s, horizon_days=_HORIZON, stocks=(stock,))
    plan = Plan(
        scenario=s.name,
        start_date=START,
        horizon_days=_HORIZON,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        movements=(*rail, *moves),
        deliveries=tuple(deliveries),
    )
    return s, plan, daily


@settings(max_examples=40, deadline=None)
@given(_trees())
def test_a_plan_0_t_short_through_road_trees_leaves_no_depot_short(
    tree: tuple[Scenario, Plan, dict[str, float]],
) -> None:
    """On no day does routes' share of D's stock leave a unit depot_short."""
    s, plan, _ = tree
    short = {day: dict(plan_day_share(s, plan, day).short_t) for day in range(_HORIZON)}
    assert {d: x for d, x in short.items() if any(t > 1e-6 for t in x.values())} == {}


@settings(max_examples=40, deadline=None)
@given(_trees())
def test_a_plan_0_t_short_through_road_trees_flags_no_unit_for_depot_stock(
    tree: tuple[Scenario, Plan, dict[str, float]],
) -> None:
    """The reach check of the plan flags no unit: D holds every tonne its legs carry."""
    s, plan, daily = tree
    goods = {u: {"food": t} for u, t in daily.items()}
    check = check_reach(s, daily, availability=1.0, plan=plan, goods=goods)
    assert [(r.unit, r.reason) for r in check.flagged] == []
