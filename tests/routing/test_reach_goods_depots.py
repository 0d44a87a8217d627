"""Reach serves a unit from the depots that hold its goods, and judges its roads from them all.

A tester's cases, rebuilt by hand (``food`` for their water, ``fuel`` for their rations,
``medical`` for the fuel of the depot holding none of the unit's goods):

* M5/M4: a depot 4 km from L1 with trucks but holding none of U1's goods was its serving
  depot (225 t/day), and U1 read ok while at most 13 t/day reach L1 from DA and DB;
* P1: U1's own depot D1 has a 5 t/day road, D2 holds the same food over a free road: U1
  was flagged on D1's road alone, while ``routes`` brought all of it from D2;
* M2: "needs 15.0 t/day from DB", where DB holds only the 5 t of fuel.
"""

from __future__ import annotations

import dataclasses

from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.domain.routes import ReachRow
from supplyline.routing.reach import check_reach


def _way(a: str, b: str, km: float, cap: float | None) -> Link:
    """A one-way road of ``cap`` tonnes a day (None: no limit)."""
    return road(a, b, km, both_ways=False, capacity=cap)


def _stocks(s: Scenario, held: list[tuple[str, str]]) -> Scenario:
    return dataclasses.replace(
        s,
        stocks=tuple(
            Stock(location=d, commodity=c, initial_t=1000.0, replenishment_t_per_day=100.0)
            for d, c in held
        ),
    )


def _m(da_l1: float, db_l2: float, j_l2: float, *, dc: bool) -> Scenario:
    """DA (food), DB (fuel) → J → L1, L2; DA → L1, DB → L2; optionally DC (medical) by L1."""
    locs = [
        loc("DA", 10.0, LocationKind.DEPOT, lat=50.0),
        loc("DB", 10.0, LocationKind.DEPOT, lat=50.1),
        loc("J", 10.15, lat=50.05),
        loc("L1", 10.3, lat=50.0),
        loc("L2", 10.3, lat=50.1),
    ]
    links = [
        _way("DA", "L1", 22, da_l1), _way("DA", "J", 15, None), _way("DB", "J", 15, None),
        _way("DB", "L2", 22, db_l2), _way("J", "L1", 15, 5.0), _way("J", "L2", 15, j_l2),
        _way("L1", "DA", 22, 0.01), _way("L2", "DB", 22, 0.01), _way("L1", "DB", 30, 0.01),
        _way("L2", "DA", 30, 0.01),
    ]  # fmt: skip
    groups = [
        fleet("TA", "DA", count=4, payload_t=5, speed_kmh=60, hours=10),
        fleet("TB", "DB", count=4, payload_t=5, speed_kmh=60, hours=10),
    ]
    held = [("DA", "food"), ("DB", "fuel")]
    if dc:
        locs.append(loc("DC", 10.25, LocationKind.DEPOT, lat=50.0))
        links += [_way("DC", "L1", 4, None), _way("L1", "DC", 4, None)]
        groups.append(fleet("TC", "DC", count=4, payload_t=5, speed_kmh=60, hours=10))
        held.append(("DC", "medical"))
    s = scenario(locs, [unit("U1", "L1"), unit("U2", "L2")], links, groups)
    return _stocks(s, held)


_NEEDS = {"food": 10.0, "fuel": 5.0}


def _rows(s: Scenario, goods: dict[str, dict[str, float]]) -> dict[str, ReachRow]:
    check = check_reach(s, {"U1": 15.0, "U2": 15.0}, availability=0.75, goods=goods)
    return {r.unit: r for r in check.rows}


def test_m5_a_depot_holding_none_of_the_goods_does_not_serve_and_u1_is_flagged() -> None:
    """M5: DC (medical only, 4 km) is not U1's depot; 8 + 5 t/day reach L1 of its 15."""
    rows = _rows(_m(8.0, 5.0, 10.0, dc=True), {"U1": _NEEDS, "U2": _NEEDS})
    assert rows["U1"].depot == "DA"
    assert not rows["U1"].sustainable
    assert rows["U1"].reason.startswith(
        "needs 15.0 t/day (10.0 t/day of food from DA, 5.0 t/day of fuel from DB); the roads "
        "from DA, DB carry at most 13.0 t/day there"
    )


def test_m4_the_serving_depot_holds_the_units_goods() -> None:
    """M4: with 10 t/day on DA → L1 the roads carry U1's 15 t; its depot is DA, not DC."""
    rows = _rows(_m(10.0, 5.0, 10.0, dc=True), {"U1": _NEEDS, "U2": _NEEDS})
    assert (rows["U1"].depot, rows["U1"].sustainable) == ("DA", True)


def test_without_goods_the_nearest_depot_serves_as_before() -> None:
    """Goods not known: DC, the nearest, still serves U1 (nothing says what it lacks)."""
    rows = _rows(_m(10.0, 5.0, 10.0, dc=True), {})
    assert rows["U1"].depot == "DC"


def test_m2_words_name_the_depots_by_what_they_send() -> None:
    """M2: U2's water comes from DA and its rations from DB; the words say so."""
    rows = _rows(_m(10.0, 10.0, 8.0, dc=False), {"U1": _NEEDS, "U2": _NEEDS})
    assert not rows["U2"].sustainable
    assert "(10.0 t/day of food from DA, 5.0 t/day of fuel from DB)" in rows["U2"].reason
    assert "from DB;" not in rows["U2"].reason


def _p1() -> Scenario:
    """D1 (food) –5 t/day– L1; D2 (food) – L1 (40 km), D2 – L2 (30 km), free roads."""
    locs = [
        loc("D1", 10.2, LocationKind.DEPOT, lat=50.0),
        loc("D2", 10.0, LocationKind.DEPOT, lat=50.1),
        loc("L1", 10.3, lat=50.0),
        loc("L2", 10.1, lat=50.1),
    ]
    links = [
        dataclasses.replace(_way("D1", "L1", 8, 5.0), bidirectional=True),
        dataclasses.replace(_way("D2", "L1", 40, None), bidirectional=True),
        dataclasses.replace(_way("D2", "L2", 30, None), bidirectional=True),
    ]
    groups = [
        fleet("T1", "D1", count=4, payload_t=10, speed_kmh=60, hours=10),
        fleet("T2", "D2", count=4, payload_t=10, speed_kmh=60, hours=10),
    ]
    s = scenario(locs, [unit("U1", "L1"), unit("U2", "L2")], links, groups)
    return _stocks(s, [("D1", "food"), ("D2", "food")])


def test_p1_the_roads_from_every_depot_holding_the_goods_count() -> None:
    """P1: D1's 5 t/day road and D2's free one bring U1's 10 t/day: ok."""
    check = check_reach(
        _p1(),
        {"U1": 10.0, "U2": 20.0},
        availability=0.75,
        goods={"U1": {"food": 10.0}, "U2": {"food": 20.0}},
    )
    rows = {r.unit: r for r in check.rows}
    assert (rows["U1"].depot, rows["U1"].sustainable) == ("D1", True)


def test_p1_without_goods_the_own_depots_road_bounds() -> None:
    """Goods not known: U1's tonnes come from D1 alone, over its 5 t/day road (as before)."""
    check = check_reach(_p1(), {"U1": 10.0, "U2": 20.0}, availability=0.75)
    rows = {r.unit: r for r in check.rows}
    assert "the roads from D1 carry at most 5.0 t/day" in rows["U1"].reason


def test_a_unit_no_holder_can_serve_is_told_so() -> None:
    """Only DC's trucks reach L1 within hours, and DC holds none of U1's goods: flagged."""
    s = _m(10.0, 5.0, 10.0, dc=True)
    slow = [dataclasses.replace(g, max_route_hours=0.5) if g.depot != "DC" else g for g in s.fleet]
    rows = _rows(dataclasses.replace(s, fleet=tuple(slow)), {"U1": _NEEDS})
    assert rows["U1"].depot == "DC"
    assert rows["U1"].reason.startswith("no depot whose trucks can serve it holds its goods")
