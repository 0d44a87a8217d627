"""Given what each depot holds, a truck carries only what its depot has.

A tester's water bowsers at the waterworks (which holds only water) were loaded with the
relief sites' food, fuel and shelter. With a ``DepotStock`` (plan mode), the day's loads
are split among the depots that hold them, and what none holds is ``depot_short``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from routing_validator import validate

from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import (
    GIVEN_BASIS,
    PLAN_BASIS,
    DepotStock,
    allocate,
    check_depot_stocks,
    depot_loads,
)
from supplyline.routing.problem import RouterParams
from supplyline.services.routing import route_scenario_day

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=200, seed=3))
RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def _two_depots() -> Scenario:
    """DW (near U0, 10 km) and DF (farther, 40 km), two trucks each; U0 and U1 beside."""
    locs = [
        loc("DW", 0.0, LocationKind.DEPOT),
        loc("DF", 0.5, LocationKind.DEPOT),
        loc("L0", 0.1),
        loc("L1", 0.12),
    ]
    links = [road("DW", "L0", 10.0), road("DF", "L0", 40.0), road("L0", "L1", 3.0)]
    return scenario(
        locs, [unit("U0", "L0"), unit("U1", "L1")], links, [fleet("FW", "DW"), fleet("FF", "DF")]
    )


def _req(unit_id: str, where: str, **load: float) -> DeliveryRequest:
    return DeliveryRequest(unit=unit_id, location=where, load_t=load)


def test_no_truck_loads_what_its_depot_does_not_hold() -> None:
    """DW holds fuel only, DF food only: U0's food comes from DF, its fuel from DW."""
    held = {("DW", "fuel"): 50.0, ("DF", "food"): 50.0}
    routes = route_day(
        _two_depots(), [_req("U0", "L0", food=3.0, fuel=2.0)], day=0, params=PARAMS,
        depot_stock=DepotStock(held_t=held),
    )  # fmt: skip
    assert routes.unserved == ()
    assert depot_loads(routes) == pytest.approx({("DW", "fuel"): 2.0, ("DF", "food"): 3.0})
    assert (routes.depot_short, routes.depot_stock_basis) == ((), GIVEN_BASIS)


def test_a_request_one_depot_holds_whole_stays_one_stop_from_the_nearest() -> None:
    """Both hold food and fuel; DW is nearer: U0's load is one stop from DW."""
    held = {(d, c): 50.0 for d in ("DW", "DF") for c in ("food", "fuel")}
    routes = route_day(
        _two_depots(), [_req("U0", "L0", food=3.0, fuel=2.0)], day=0, params=PARAMS,
        depot_stock=DepotStock(held_t=held),
    )  # fmt: skip
    ((truck,),) = [[r for r in routes.routes]]
    assert truck.depot == "DW"
    assert [dict(s.load_t) for s in truck.stops] == [pytest.approx({"food": 3.0, "fuel": 2.0})]


def test_what_no_depot_holds_is_depot_short_with_the_figures() -> None:
    """DW holds 4 t of food, DF none: of U0's 6.5 t, 4 t go, 2.5 t are depot_short."""
    routes = route_day(
        _two_depots(), [_req("U0", "L0", food=6.5)], day=0, params=PARAMS,
        depot_stock=DepotStock(held_t={("DW", "food"): 4.0}),
    )  # fmt: skip
    assert routes.delivered_t == pytest.approx(4.0)
    (lost,) = routes.unserved
    assert (lost.reason, dict(lost.load_t)) == (UnservedReason.DEPOT_SHORT, {"food": 2.5})
    assert lost.detail == (
        "2.50 t of food not loaded: the depots whose trucks reach L0 on C+0 have no more of "
        "it (DW holds 4.00 t, all loaded (U0 4.00 t); DF holds none)"
    )
    (short,) = routes.depot_short
    assert (short.depot, short.commodity, short.held_t, short.asked_t) == (
        "DW",
        "food",
        4.0,
        pytest.approx(6.5),
    )


def test_the_most_urgent_request_takes_the_stock_first() -> None:
    """5 t of food: U0 (fuel too, priority 1) takes its 4 t; U1 (food, 2) gets 1 t of 4."""
    s = _two_depots()
    reqs = [
        DeliveryRequest(unit="U1", location="L1", load_t={"food": 4.0}, priority=2),
        DeliveryRequest(unit="U0", location="L0", load_t={"food": 4.0, "fuel": 2.0}, priority=1),
    ]
    held = {("DW", "food"): 5.0, ("DW", "fuel"): 10.0}
    routes = route_day(s, reqs, day=0, params=PARAMS, depot_stock=DepotStock(held_t=held))
    got: dict[str, float] = defaultdict(float)
    for r in routes.routes:
        for stop in r.stops:
            got[stop.unit] += stop.load_t.get("food", 0.0)
    assert dict(got) == pytest.approx({"U0": 4.0, "U1": 1.0})
    assert [(u.unit, u.tonnes) for u in routes.unserved] == [("U1", pytest.approx(3.0))]


def test_a_request_no_truck_can_serve_passes_for_the_router_to_say_why() -> None:
    """No depot option: the request is left as it is, unpinned, and nothing is allocated."""
    s = _two_depots()
    req = _req("U0", "L0", food=2.0)
    alloc = allocate(s, [req], [[]], {("DW", "food"): 9.0}, 0)
    assert (alloc.requests, alloc.depots, alloc.unserved, alloc.short) == ((req,), (None,), (), ())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    held=st.dictionaries(
        st.tuples(st.sampled_from(["DW", "DF"]), st.sampled_from(["food", "fuel"])),
        st.floats(0.0, 12.0),
    ),
    asked=st.lists(
        st.dictionaries(st.sampled_from(["food", "fuel"]), st.floats(0.5, 8.0), min_size=1),
        min_size=2,
        max_size=2,
    ),
)
@example(  # two depots' parts rounded each on its own came to a kilogram more than asked
    held={("DW", "food"): 2.0, ("DW", "fuel"): 1.2584740533658785, ("DF", "fuel"): 1.0},
    asked=[{"food": 1.40625, "fuel": 1.6249795157051832}, {"food": 1.0}],
)
@example(  # a depot's part of under half a gram packed into no load, and max() of none
    held={("DW", "food"): 1e-07}, asked=[{"food": 1.0}, {"food": 1.0}]
)
def test_loads_never_exceed_what_a_depot_holds_and_every_tonne_is_accounted_for(
    held: dict[tuple[str, str], float], asked: list[dict[str, float]]
) -> None:
    """Random stocks and requests: no depot loads more than it holds.

    Half a kilogram aside; the routes pass the independent checker (delivered + unserved
    = asked), and what is ``depot_short`` is what both depots together could not give.
    """
    s = _two_depots()
    reqs = [_req(f"U{i}", f"L{i}", **load) for i, load in enumerate(asked)]
    routes = route_day(s, reqs, day=0, params=PARAMS, depot_stock=DepotStock(held_t=held))
    assert check_depot_stocks(routes, held) == ()
    assert validate(s, routes, {r.unit: dict(r.load_t) for r in reqs}) == []
    for com in ("food", "fuel"):
        want = sum(load.get(com, 0.0) for load in asked)
        have = sum(t for (_, c), t in held.items() if c == com)
        short = sum(
            u.load_t.get(com, 0.0)
            for u in routes.unserved
            if u.reason is UnservedReason.DEPOT_SHORT
        )
        assert short == pytest.approx(max(0.0, want - have), abs=1e-3)


def test_the_relief_plans_water_bowsers_carry_only_water() -> None:
    """Plan-mode routes of the relief example's C+0: the waterworks loads only water.

    It holds only water; the food comes from the hub; no depot is asked beyond its stock.
    """
    fast = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=300, seed=1))
    run = route_scenario_day(RELIEF, day=0, params=fast)
    loads = depot_loads(run.routes)
    assert {c for d, c in loads if d == "waterworks"} == {"water"}
    assert loads[("hub-wh", "food")] > 0
    assert (run.routes.depot_short, run.routes.depot_stock_basis) == ((), PLAN_BASIS)
