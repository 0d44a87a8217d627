"""The shared-road check feeds each unit's goods from the depots holding them.

The single flow lets any depot feed any unit: D1 feeding U1 at L1 and D2 feeding U2 at L2
were judged to fit where D1's goods can reach L1 only over J–K, and D2's reach L2 only
over J–K too, while D1's reach L2 and D2's reach L1 by roads of their own. That holds
only where each good is held where it is sent from: a flow per set of depots holding a
commodity (a multicommodity flow) says, and where the depots each hold some of the goods,
each good may come from any depot holding it (before, each depot had to feed its own
units, and a fit by sending each good from its holder was flagged).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.routing.depot_flow import GoodsGroup, goods_flow
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
    ("goods1", "held1", "goods2", "held2", "what", "sent1", "sent2"),
    [
        # each depot holds only its own unit's goods
        (FOOD, FOOD, FUEL, FUEL, "fuel", "food", "fuel"),
        # the goods not known: each its own depot
        (
            frozenset(), BOTH, frozenset(), BOTH, "its goods (commodities not known)",
            "its goods", "its goods",
        ),
    ],
)  # fmt: skip
def test_goods_are_not_swapped_between_depots(
    goods1: frozenset[str],
    held1: frozenset[str],
    goods2: frozenset[str],
    held2: frozenset[str],
    what: str,
    sent1: str,
    sent2: str,
) -> None:
    """10 + 10 t/day over J–K's 10: the any-depot flow fits (by the swap roads), goods not."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, goods1, held1),
        RoadNeed("U2", "D2", "L2", 10.0, goods2, held2),
    ]
    out = shared_road_misfits(_swap(), needs)
    assert list(out) == ["U2"]
    assert out["U2"] == (
        f"needs 10.0 t/day (10.0 t/day of {sent2} from D2); the roads carry at most 10.0 "
        f"t/day of 20.0 with each good from the depots that hold it: {what} 10.0 t/day short "
        "at L2 (held at D2), over road J→K (link J-K: 10 t/day), shared with U1 (10.0 t/day: "
        f"10.0 t/day of {sent1} from D1): 20.0 t/day in all"
    )


@pytest.mark.parametrize(
    ("goods1", "held1", "goods2", "held2"),
    [
        (FOOD, FOOD, FOOD, FOOD),
        (FOOD, BOTH, FUEL, BOTH),
        # flagged before (each depot its own units): D1 holds the fuel U2 needs too, and
        # sends it over D1→L2, U1's food over J–K
        (FOOD, BOTH, FUEL, FUEL),
    ],
)
def test_depots_holding_the_goods_may_swap(
    goods1: frozenset[str], held1: frozenset[str], goods2: frozenset[str], held2: frozenset[str]
) -> None:
    """The same 10 + 10 t/day, a depot holding what the other's unit needs feeds it."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, goods1, held1),
        RoadNeed("U2", "D2", "L2", 10.0, goods2, held2),
    ]
    assert shared_road_misfits(_swap(), needs) == {}


def test_depots_holding_all_the_goods_are_judged_by_the_single_flow() -> None:
    """10 + 21 t/day: the single flow flags U2, beyond the roads into L1, L2 (30 t/day).

    Before, each depot sent at most its own units' tonnes, and the cut was D2's roads
    (20 t/day); any depot holding the food may now send more than its own units need.
    """
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, FOOD, FOOD),
        RoadNeed("U2", "D2", "L2", 21.0, FOOD, FOOD),
    ]
    out = shared_road_misfits(_swap(), needs)
    assert list(out) == ["U2"]
    assert "the roads from D1, D2 carry at most 30.0 t/day there" in out["U2"]
    assert "short at" not in out["U2"]


def _split(food: float, fuel: float) -> dict[str, float]:
    return {"food": food, "fuel": fuel}


def test_each_good_from_the_depot_that_holds_it_fits() -> None:
    """D1 holds food, D2 fuel; U1 at L1 and U2 at L2 need 5 t of each a day.

    Food: D1→J→K→L1 and D1→L2; fuel: D2→L1 and D2→J→K→L2; J–K carries 5 + 5 = 10. Each
    depot feeding its own unit all its goods would need 20 over J–K (the old check's
    answer, asserted too).
    """
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, BOTH, FOOD, _split(5, 5)),
        RoadNeed("U2", "D2", "L2", 10.0, BOTH, FUEL, _split(5, 5)),
    ]
    assert shared_road_misfits(_swap(), needs) == {}
    own = [dataclasses.replace(x, goods=frozenset(), by_goods={}) for x in needs]
    assert list(shared_road_misfits(_swap(), own)) == ["U2"]


def test_a_good_that_does_not_fit_is_named_with_its_road() -> None:
    """U1 8 t food + 2 fuel, U2 10 food + 3 fuel: J–K must carry U1's food 8 and U2's fuel 3.

    The single flow fits (30 t/day into L1, L2 for 23); by commodity, 1 t/day of U2's fuel
    (held at D2 only, which reaches L2 only over J–K) does not.
    """
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, BOTH, FOOD, _split(8, 2)),
        RoadNeed("U2", "D2", "L2", 13.0, BOTH, FUEL, _split(10, 3)),
    ]
    assert shared_road_misfits(_swap(), needs) == {
        "U2": "needs 13.0 t/day (10.0 t/day of food from D1, 3.0 t/day of fuel from D2); the "
        "roads carry at most 22.0 t/day of 23.0 with each good from the depots that hold it: "
        "fuel 1.0 t/day short at L2 (held at D2), over road J→K (link J-K: 10 t/day), shared "
        "with U1 (10.0 t/day: 8.0 t/day of food from D1, 2.0 t/day of fuel from D2): 23.0 "
        "t/day in all"
    }


def test_a_depot_whose_trucks_cannot_serve_a_unit_does_not_send_it_goods() -> None:
    """Both depots hold both goods; each unit's trucks only at its own depot: no swap."""
    needs = [
        RoadNeed("U1", "D1", "L1", 10.0, BOTH, BOTH, _split(5, 5)),
        RoadNeed("U2", "D2", "L2", 10.0, BOTH, BOTH, _split(5, 5)),
    ]
    assert shared_road_misfits(_swap(), needs) == {}  # any depot's trucks: the swap fits
    alone = [dataclasses.replace(x, serving=frozenset({x.depot})) for x in needs]
    out = shared_road_misfits(_swap(), alone)
    assert list(out) == ["U2"]
    assert "food, fuel 10.0 t/day short at L2 (held at D2), over road J→K" in out["U2"]


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


@pytest.mark.parametrize(("stock", "flagged"), [("food", []), ("fuel", [])])
def test_reach_lets_depots_holding_the_same_goods_swap(stock: str, flagged: list[str]) -> None:
    """Both depots hold the food both units need: ok; D2 holding fuel only, ok too.

    D2 holding no food, U2's food comes from D1, whose trucks make the round trip to L2
    (D1→L2, back by L2→D2→J→K→L1→D1) and send it over D1→L2 (before, U2 was flagged:
    each depot had to feed its own units).
    """
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
def test_goods_flow_carries_what_each_depot_can_alone(caps: list[int], a: int, b: int) -> None:
    """Two depots 0, 1 to places 2, 3 by four capacitated arcs 0→2, 0→3, 1→2, 1→3.

    Goods held at 0 only go to 2 (a kg), those held at 1 only to 3 (b kg): only over 0→2
    and 1→3, so it carries min(a, c02) + min(b, c13) exactly.
    """
    arcs = [(0, 2, float(caps[0])), (0, 3, float(caps[1])), (1, 2, float(caps[2])),
            (1, 3, float(caps[3]))]  # fmt: skip
    groups = [GoodsGroup((0,), ((2, a, True),)), GoodsGroup((1,), ((3, b, False),))]
    flow = goods_flow(4, arcs, groups)
    assert abs(flow.carried_kg - (min(a, caps[0]) + min(b, caps[3]))) < 1e-6
    assert flow.fits == (a <= caps[0] and b <= caps[3])


@settings(max_examples=40, deadline=None)
@given(
    caps=st.lists(st.integers(0, 20), min_size=6, max_size=6),
    a=st.integers(1, 20),
    b=st.integers(1, 20),
)
def test_goods_from_every_depot_flow_as_the_single_flow(caps: list[int], a: int, b: int) -> None:
    """One group sent from both depots carries the maximum flow; split by holder, no more.

    Depots 0, 1, a junction 4 and places 2, 3: the single maximum flow (any depot, any
    place) is the fast path's answer, and each good from its own depot never carries more.
    """
    ends = [(0, 2), (0, 4), (1, 3), (1, 4), (4, 2), (4, 3)]
    arcs = [(x, y, float(c)) for (x, y), c in zip(ends, caps, strict=True)]
    graph = csr_matrix(
        (
            np.array([*caps, 99, 99, a, b], dtype=np.int32),
            ([x for x, _ in ends] + [5, 5, 2, 3], [y for _, y in ends] + [0, 1, 6, 6]),
        ),
        shape=(7, 7),
    )
    most = maximum_flow(graph, 5, 6).flow_value
    one = goods_flow(5, arcs, [GoodsGroup((0, 1), ((2, a, True), (3, b, False)))])
    split = goods_flow(
        5, arcs, [GoodsGroup((0,), ((2, a, True),)), GoodsGroup((1,), ((3, b, False),))]
    )
    assert abs(one.carried_kg - most) < 1e-6
    assert split.carried_kg <= one.carried_kg + 1e-6


def test_goods_not_a_mapping_is_refused_in_words() -> None:
    """``goods=[...]`` is said to be wrong, not an AttributeError deep in the check."""
    from supplyline.errors import ArgumentError
    from supplyline.planning.examples import one_link
    from supplyline.routing.reach import check_reach

    scenario, _ = one_link()
    with pytest.raises(ArgumentError, match=r"goods .* must be a Mapping"):
        check_reach(scenario, {}, goods=["food"], availability=0.75)  # type: ignore[arg-type]
