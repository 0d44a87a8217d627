"""The shared-road check feeds each unit from its own depot: one commodity per depot.

The single flow let any depot feed any unit: D1 feeding U1 at L1 and D2 feeding U2 at L2
were judged to fit where D1's goods can reach L1 only over J–K, and D2's reach L2 only
over J–K too, while D1's reach L2 and D2's reach L1 by roads of their own. That holds
only where the depots hold different goods: where each holds all the units need, any
depot's truck may serve either unit (``routes`` does), and the swap is harmless.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.routing.depot_flow import own_depot_flow
from supplyline.routing.reach import check_reach
from supplyline.routing.road_share import RoadNeed, shared_road_misfits
from supplyline.services.routing import assess_reach

FOOD, FUEL = frozenset({"food"}), frozenset({"fuel"})
BOTH = FOOD | FUEL


def _one_way(a: str, b: str, cap: float | None) -> Link:
    return dataclasses.replace(road(a, b, 10.0), bidirectional=False, capacity_t_per_day=cap)


def _swap() -> Scenario:
    """D1, D2 → J → K (10 t/day) → L1, L2; and D1 → L2, D2 → L1 (10 t/day each)."""
    return scenario(
        [loc("D1", 0.0, LocationKind.DEPOT), loc("D2", 0.0, LocationKind.DEPOT, lat=0.1),
         loc("J", 0.1), loc("K", 0.2), loc("L1", 0.3), loc("L2", 0.3, lat=0.1)],
        [unit("U1", "L1"), unit("U2", "L2")],
        [_one_way("D1", "J", None), _one_way("D2", "J", None), _one_way("J", "K", 10.0),
         _one_way("K", "L1", None), _one_way("K", "L2", None),
         _one_way("D1", "L2", 10.0), _one_way("D2", "L1", 10.0)],
        [fleet("T1", "D1"), fleet("T2", "D2")],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("goods1", "held1", "goods2", "held2"),
    [
        (FOOD, FOOD, FUEL, FUEL),  # each depot holds only its own unit's goods
        (FOOD, BOTH, FUEL, FUEL),  # D2 lacks the food D1's U1 needs: not interchangeable
        (frozenset(), BOTH, frozenset(), BOTH),  # the goods not known: each its own depot
    ],
)
def test_goods_are_not_swapped_between_depots(
    goods1: frozenset[str], held1: frozenset[str], goods2: frozenset[str], held2: frozenset[str]
) -> None:
    """10 + 10 t/day over J–K's 10: the any-depot flow fits (by the swap roads), own does not."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, goods1, held1),
        RoadNeed("U2", "D2", "L2", 10.0, goods2, held2),
    ]
    out = shared_road_misfits(_swap(), needs)
    assert list(out) == ["U2"]
    assert out["U2"] == (
        "needs 10.0 t/day from D2; the roads carry at most 10.0 t/day of 20.0 with each "
        "depot's goods going to its own units (road J→K (link J-K: 10 t/day)), shared with "
        "U1 (10.0 t/day from D1): 20.0 t/day in all (they would fit only if the depots "
        "swapped goods)"
    )


@pytest.mark.parametrize(("goods1", "goods2", "held"), [(FOOD, FOOD, FOOD), (FOOD, FUEL, BOTH)])
def test_depots_holding_all_the_goods_may_swap(
    goods1: frozenset[str], goods2: frozenset[str], held: frozenset[str]
) -> None:
    """The same 10 + 10 t/day, each depot holding all the units need: D2 feeds L1, D1 L2."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, goods1, held),
        RoadNeed("U2", "D2", "L2", 10.0, goods2, held),
    ]
    assert shared_road_misfits(_swap(), needs) == {}


def test_depots_holding_all_the_goods_are_judged_by_the_single_flow() -> None:
    """10 + 21 t/day: the single flow flags U2, beyond D2's roads (20 t/day), not a swap."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, FOOD, FOOD),
        RoadNeed("U2", "D2", "L2", 21.0, FOOD, FOOD),
    ]
    out = shared_road_misfits(_swap(), needs)
    assert list(out) == ["U2"]
    assert "the roads from D2 carry at most 20.0 t/day there" in out["U2"]
    assert "swapped" not in out["U2"]


def _r2(stock: str) -> Scenario:
    """A tester's R2 by hand: the swap roads long (100 km), so U1 is D1's and U2 D2's."""
    s = _swap()
    far = {("D1", "L2"), ("D2", "L1")}
    links = [
        dataclasses.replace(x, distance_km=100.0 if (x.origin, x.destination) in far else 5.0)
        for x in s.links
    ] + [_one_way("L1", "D1", 0.01), _one_way("L2", "D2", 0.01)]  # the way back
    stocks = tuple(
        Stock(location=d, commodity=c, initial_t=1000.0, replenishment_t_per_day=100.0)
        for d, c in (("D1", "food"), ("D2", stock))
    )
    return dataclasses.replace(s, links=tuple(links), stocks=stocks)


@pytest.mark.parametrize(("stock", "flagged"), [("food", []), ("fuel", ["U2"])])
def test_reach_lets_depots_holding_the_same_goods_swap(stock: str, flagged: list[str]) -> None:
    """Both depots hold the food both units need: ok; D2 holding fuel only, U2 is flagged."""
    check = check_reach(
        _r2(stock),
        {"U1": 10.0, "U2": 10.0},
        availability=1.0,
        goods={"U1": ["food"], "U2": ["food"]},
    )
    assert [r.unit for r in check.rows if not r.sustainable] == flagged


def test_reach_of_the_testers_folder_says_ok(tmp_path: Path) -> None:
    """The tester's R2 folder, written again here: two depots of water, a harmless swap."""
    files = {
        "scenario.yaml": "name: test\nstart_date: 2026-03-01\nhorizon_days: 4\n"
        "partners:\n  - {id: p}\ncommodities:\n  - {id: water, supply_class: water, "
        "priority: 1, volume_m3_per_t: 1.0, demand_unit: kg, per_person_per_day: 10}\n"
        "solver: {time_limit_s: 5}\nrouting: {detour_factor: 1.3, service_minutes: 30}\n",
        "locations.csv": "id,partner,kind,lat,lon\nD1,p,depot,50.0,10.0\nD2,p,depot,50.1,10.0\n"
        "J,p,hub,50.05,10.1\nK,p,hub,50.05,10.2\nL1,p,unit_area,50.0,10.3\n"
        "L2,p,unit_area,50.1,10.3\n",
        "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,"
        "bidirectional,outage_days\nd1j,D1,J,road,5,0,,false,\nd2j,D2,J,road,5,0,,false,\n"
        "J-K,J,K,road,5,0,10,false,\nkl1,K,L1,road,5,0,,false,\nkl2,K,L2,road,5,0,,false,\n"
        "d1l2,D1,L2,road,100,0,10,false,\nd2l1,D2,L1,road,100,0,10,false,\n"
        "l1d1,L1,D1,road,15,0,0.01,false,\nl2d2,L2,D2,road,15,0,0.01,false,\n",
        "fleet.csv": "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,"
        "fixed_cost,cost_per_km,max_route_hours\nT1,D1,p,cargo,4,10,,60,100,1,10\n"
        "T2,D2,p,cargo,4,10,,60,100,1,10\n",
        "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day\n"
        "D1,water,1000,100\nD2,water,1000,100\n",
        "units.csv": "id,partner,home,destination,personnel,days_of_supply,receive_open_h,"
        "receive_close_h\nU1,p,L1,L1,1000,0,6,18\nU2,p,L2,L2,1000,0,6,18\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    rows = assess_reach(tmp_path).check.rows
    assert [(r.unit, r.depot, r.daily_t, r.sustainable) for r in rows] == [
        ("U1", "D1", 10.0, True),
        ("U2", "D2", 10.0, True),
    ]


def test_own_goods_that_fit_the_shared_road_are_ok() -> None:
    """5 + 5 t/day over J–K's 10: each depot's own goods fit."""
    needs = [RoadNeed("U1", "D1", "L1", 5.0), RoadNeed("U2", "D2", "L2", 5.0)]
    assert shared_road_misfits(_swap(), needs) == {}


def test_one_depot_is_judged_by_the_single_flow_alone() -> None:
    """Both units of D1: L2 by D1–L2, L1 over J–K: 10 + 10 fit without any swap."""
    needs = [RoadNeed("U1", "D1", "L1", 10.0), RoadNeed("U2", "D1", "L2", 10.0)]
    assert shared_road_misfits(_swap(), needs) == {}


@settings(max_examples=40, deadline=None)
@given(
    caps=st.lists(st.integers(0, 20), min_size=4, max_size=4),
    a=st.integers(1, 20),
    b=st.integers(1, 20),
)
def test_own_flow_carries_what_each_depot_can_alone_and_no_more_than_any_depot(
    caps: list[int], a: int, b: int
) -> None:
    """Two depots 0, 1 to places 2, 3 by four capacitated arcs 0→2, 0→3, 1→2, 1→3.

    Own flow: depot 0's a kg to 2 only over 0→2, depot 1's b kg to 3 only over 1→3, so
    it carries min(a, c02) + min(b, c13) exactly.
    """
    arcs = [(0, 2, float(caps[0])), (0, 3, float(caps[1])), (1, 2, float(caps[2])),
            (1, 3, float(caps[3]))]  # fmt: skip
    own = own_depot_flow(4, arcs, [(0, 2, a), (1, 3, b)])
    assert abs(own.carried_kg - (min(a, caps[0]) + min(b, caps[3]))) < 1e-6
    assert own.fits == (a <= caps[0] and b <= caps[3])


def test_goods_not_a_mapping_is_refused_in_words() -> None:
    """``goods=[...]`` is said to be wrong, not an AttributeError deep in the check."""
    from supplyline.errors import ArgumentError
    from supplyline.planning.examples import one_link
    from supplyline.routing.reach import check_reach

    scenario, _ = one_link()
    with pytest.raises(ArgumentError, match=r"goods .* must be a Mapping"):
        check_reach(scenario, {}, goods=["food"], availability=0.75)  # type: ignore[arg-type]
