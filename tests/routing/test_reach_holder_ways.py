"""The "no depot … holds its goods" flag counts only holders a drive away, and names them truly.

A tester's sc1: u-sum's goods are all at port-evry (a port without trucks, joined to
lodz-depot by sea only), lodz-depot's trucks serve its camp and hold nothing, and usti,
19,000 km away in a road network of its own, holds them too. ``reach`` flagged u-sum "usti
holds them, and their trucks cannot make the round trip within drivers' hours" beside a row
"supplied from port-evry", and without usti's stock read it ok (``plan`` flags none). The
scenarios here are small copies of that and of its kin, each checked by hand: a water and
food camp C served by depot D's trucks (no stock, 40 km), with holders H placed around it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.domain.routes import ReachRow
from supplyline.services.routing import assess_reach

_YAML = """\
name: holders
start_date: 2026-03-01
horizon_days: 5
partners:
  - {id: p}
commodities:
  - {id: water, supply_class: water, priority: 1, demand_unit: kg, per_person_per_day: 10}
  - {id: food, supply_class: food, priority: 1, demand_unit: kg, per_person_per_day: 2}
routing: {detour_factor: 1.3, service_minutes: 30}
"""
_HEADS = {
    "locations.csv": "id,partner,kind,lat,lon",
    "links.csv": "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,"
    "outage_days",
    "fleet.csv": "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,"
    "cost_per_km,max_route_hours",
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day",
    "units.csv": "id,partner,home,destination,personnel,days_of_supply,receive_open_h,"
    "receive_close_h",
}
_BASE = {
    "locations.csv": ["D,p,depot,50.0,10.0", "C,p,unit_area,50.0,10.5"],
    "links.csv": ["dc,D,C,road,40,0,,true,"],
    "fleet.csv": ["TD,D,p,cargo,4,10,,60,100,1,9"],
    "stocks.csv": [],
    "units.csv": ["U1,p,C,C,1000,0,6,18"],
}
_PORT = {  # a port holding the goods, without trucks, that reaches D by sea only
    "locations.csv": ["P,p,port,50.0,9.0"],
    "links.csv": ["ps,P,D,sea,100,1,,true,"],
    "stocks.csv": ["P,water,500,50", "P,food,100,10"],
}
_FAR = {  # H: trucks and the goods, in a road network of its own (as sc1's usti)
    "locations.csv": ["H,p,depot,52.0,20.0", "HC,p,unit_area,52.0,20.1"],
    "links.csv": ["hh,H,HC,road,10,0,,true,"],
    "fleet.csv": ["TH,H,p,cargo,4,10,,60,100,1,9"],
    "stocks.csv": ["H,water,500,50", "H,food,100,10"],
    "units.csv": ["U2,p,HC,HC,100,0,6,18"],
}


def _rows(tmp_path: Path, *parts: dict[str, list[str]], yaml: str = _YAML) -> dict[str, ReachRow]:
    """The reach rows of a scenario made of ``_BASE`` and ``parts``, by unit."""
    (tmp_path / "scenario.yaml").write_text(yaml, encoding="utf-8")
    for name, head in _HEADS.items():
        lines = [head, *_BASE[name], *(x for p in parts for x in p.get(name, []))]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {r.unit: r for r in assess_reach(tmp_path).check.rows}


def test_sc1_a_holder_no_road_joins_does_not_flag_the_unit(tmp_path: Path) -> None:
    """sc1: H's goods can reach C by no road; U1 is ok, as it is without H's stock."""
    rows = _rows(tmp_path, _PORT, _FAR)
    assert (rows["U1"].supply_point, rows["U1"].depot) == ("P", "D")
    assert rows["U1"].sustainable, rows["U1"].reason
    assert rows["U1"].reason == ""


def test_sc1_the_far_holders_stock_changes_no_verdict(tmp_path: Path) -> None:
    """More stock at a holder no road joins flags nothing: U1 reads as without it."""
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    with_it = _rows(tmp_path / "with", _PORT, _FAR)["U1"]
    bare = _rows(tmp_path / "without", _PORT, {**_FAR, "stocks.csv": []})["U1"]
    assert (with_it.sustainable, with_it.reason) == (bare.sustainable, bare.reason) == (True, "")


def test_the_supply_point_the_row_names_is_named_in_the_reason(tmp_path: Path) -> None:
    """The reason names P, the row's supply point: no trucks there, it reaches D by sea only.

    A roadless depot H (186 km by estimate, 3 h trucks) holds the goods, and flags U1;
    P, nearer by estimate, is the row's supply point.
    """
    roadless = {
        "locations.csv": ["H,p,depot,50.0,12.5"],
        "fleet.csv": ["TH,H,p,cargo,4,10,,60,100,1,3"],
        "stocks.csv": ["H,water,500,50", "H,food,100,10"],
    }
    row = _rows(tmp_path, _PORT, roadless)["U1"]
    assert (row.supply_point, row.depot, row.sustainable) == ("P", "D", False)
    assert row.reason == (
        "no depot whose trucks can serve it holds its goods (food, water): H holds them, and "
        "its trucks cannot make the round trip within drivers' hours; P, its supply point, "
        "holds them, but no truck is based there, and no road joins it to C (it reaches D by "
        "sea only); D, whose trucks can, holds none"
    )


def test_a_holder_with_no_road_back_is_not_blamed_on_drivers_hours(tmp_path: Path) -> None:
    """A holder with no road back from C does not flag U1 as if drivers' hours kept it.

    H is 30 km from C by a one-way road (its 9 h trucks would make it): it had read
    "cannot make the round trip within drivers' hours".
    """
    oneway = {
        "locations.csv": ["H,p,depot,50.0,11.0", "X,p,hub,50.5,11.0"],
        "links.csv": ["hc,H,C,road,30,0,,false,", "xh,X,H,road,50,0,,false,"],
        "fleet.csv": ["TH,H,p,cargo,4,10,,60,100,1,9"],
        "stocks.csv": ["H,water,500,50", "H,food,100,10"],
    }
    row = _rows(tmp_path, oneway)["U1"]
    assert row.depot == "D"
    assert row.sustainable, row.reason


def test_holders_are_said_by_their_way_and_their_goods(tmp_path: Path) -> None:
    """H3 (200 km by road, 3 h trucks) holds water only; H, no road joins, holds both."""
    near = {
        "locations.csv": ["H3,p,depot,50.0,13.0"],
        "links.csv": ["h3c,H3,C,road,200,0,,true,"],
        "fleet.csv": ["T3,H3,p,cargo,2,10,,60,100,1,3"],
        "stocks.csv": ["H3,water,50,5"],
    }
    row = _rows(tmp_path, _PORT, _FAR, near)["U1"]
    assert (row.supply_point, row.sustainable) == ("H3", False)
    assert row.reason == (
        "no depot whose trucks can serve it holds its goods (food, water): H3 holds water, "
        "and its trucks cannot make the round trip within drivers' hours; H holds them too, "
        "with no road to C; D, whose trucks can, holds none"
    )


def test_two_holders_by_road_and_a_port_by_road(tmp_path: Path) -> None:
    """Each holder is said with what it holds; P, the supply point, by where goods come.

    H1 (120 km) holds water, H2 (300 km) both, their trucks 3 h; P, 20 km by road.
    """
    two = {
        "locations.csv": [
            "P,p,port,50.0,10.7", "P2,p,airfield,49.0,5.0",
            "H1,p,depot,50.0,12.0", "H2,p,depot,50.0,14.0",
        ],
        "links.csv": [
            "air,P,P2,air,500,1,,true,", "pc,P,C,road,20,0,,true,",
            "h1c,H1,C,road,120,0,,true,", "h2c,H2,C,road,300,0,,true,",
        ],
        "fleet.csv": ["T1,H1,p,cargo,4,10,,60,100,1,3", "T2,H2,p,cargo,4,10,,60,100,1,3"],
        "stocks.csv": ["P,water,500,50", "H1,water,500,50", "H2,water,500,50", "H2,food,100,10"],
    }  # fmt: skip
    row = _rows(tmp_path, two)["U1"]
    assert (row.supply_point, row.sustainable) == ("P", False)
    assert row.reason.startswith(
        "no depot whose trucks can serve it holds its goods (food, water): H1 holds water, H2 "
        "holds them, and their trucks cannot make the round trip within drivers' hours; D, "
        "whose trucks can, holds none; its goods come to P (port, 20 km by road), where no "
        "truck is based"
    )


@pytest.mark.parametrize(
    ("holder_hours", "on_site", "supply_point"), [(3, True, "D"), (9, False, "H")]
)
def test_a_unit_at_a_depot_is_on_site_unless_a_holder_serves_it(
    tmp_path: Path, holder_hours: int, on_site: bool, supply_point: str
) -> None:
    """U0 at D (no stock) is on site unless a holder's trucks serve it, and never flagged.

    On site where H's trucks cannot make the 400 km round trip (3 h); served from H
    where they can (9 h: 6.67 h + the stop), as routes picks.
    """
    at_depot = {
        "locations.csv": ["H,p,depot,50.0,13.0"],
        "links.csv": ["hd,H,D,road,200,0,,true,"],
        "fleet.csv": [f"TH,H,p,cargo,4,10,,60,100,1,{holder_hours}"],
        "stocks.csv": ["H,water,500,50", "H,food,100,10"],
        "units.csv": ["U0,p,D,D,1000,0,6,18"],
    }
    row = _rows(tmp_path, at_depot)["U0"]
    assert (row.on_site, row.sustainable, row.supply_point) == (on_site, True, supply_point)


def test_a_good_held_only_where_no_road_leads_is_said_so_in_by_depot(tmp_path: Path) -> None:
    """sc1's kin: D sends food, K (15 km) water; fuel is at H, no road joins, and at P.

    ``by_depot``'s fuel clause had read "H does, but its trucks cannot make the round trip".
    """
    yaml = _YAML.replace(
        "routing:",
        "  - {id: fuel, supply_class: fuel, priority: 2, demand_unit: kg, "
        "per_person_per_day: 1}\nrouting:",
    )
    sc = {
        "locations.csv": ["K,p,depot,50.0,10.6"],
        "links.csv": ["kc,K,C,road,15,0,,true,"],
        "fleet.csv": ["TK,K,p,cargo,3,10,,60,100,1,9"],
        "stocks.csv": ["D,food,100,10", "K,water,300,30"],
    }
    fuel = {**_FAR, "stocks.csv": ["H,fuel,20,1"]}
    port = {**_PORT, "stocks.csv": ["P,fuel,80,5"]}
    row = _rows(tmp_path, sc, fuel, port, yaml=yaml)["U1"]
    assert row.sustainable, row.reason
    (why,) = [x.unheld_why for x in row.shares if x.unheld]
    assert why == (
        "no depot whose trucks can make the round trip to it holds them in stocks.csv "
        "(H does, with no road to C, and P does, with no trucks)"
    )
