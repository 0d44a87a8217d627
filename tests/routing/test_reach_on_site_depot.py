"""A unit at the depot whose trucks would serve it is supplied on site: no truck leg.

A tester's log-bn, bound for fwd-depot, read in ``reach`` "supplied from camp-b, road km
45, depot fwd-depot, round trip 0.50 h, 18 turns" (camp-b held another unit's food), and
in the plan's check "host-depot, 210 km, round trip 0.50 h", while ``routes`` drew its
goods on site with no truck. Reduced here: D (a depot with trucks, holding water) and
unit u at D, unit w 20 km away at S; C (a camp 15 km from D) holds food.
"""

from __future__ import annotations

import dataclasses

from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.routing.reach import check_reach, reach_rows
from supplyline.routing.reach_table import shown_rows


def _site() -> Scenario:
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("S", 0.2), loc("C", 0.15)]
    links = [road("D", "S", 20.0), road("D", "C", 15.0)]
    s = scenario(
        locs, [unit("u", "D"), unit("w", "S")], links, [fleet("T", "D", count=2, payload_t=10.0)]
    )
    held = (
        Stock(location="D", commodity="water", initial_t=500.0),
        Stock(location="C", commodity="food", initial_t=10.0),
    )
    return dataclasses.replace(s, stocks=held)


def test_a_unit_at_its_serving_depot_is_supplied_on_site_with_no_truck_figures() -> None:
    """u: supplied at D, on site, no km, round trip, turns or depot; ok."""
    check = check_reach(_site(), {"u": 8.0, "w": 5.0}, availability=1.0)
    row = next(r for r in check.rows if r.unit == "u")
    assert (row.on_site, row.supply_point, row.road_km, row.depot) == (True, "D", None, None)
    assert (row.round_trip_h, row.turns_per_truck, row.sustainable) == (None, 0, True)
    (shown,) = [r for r in reach_rows(check) if r["unit"] == "u"]
    assert (shown["road_km"], shown["round_trip_h"], shown["turns_per_truck"]) == (None,) * 3
    assert shown["on_site"] is True
    (said,) = [r for r in shown_rows(reach_rows(check)) if r["unit"] == "u"]
    assert said["supply_point"] == "D (on site)"


def test_the_unit_on_site_takes_none_of_the_depots_truck_hours() -> None:
    """W's depot share counts w alone: u's tonnes go on no truck."""
    alone = check_reach(_site(), {"u": 0.0, "w": 5.0}, availability=1.0)
    both = check_reach(_site(), {"u": 8.0, "w": 5.0}, availability=1.0)
    pct = [next(r for r in c.rows if r.unit == "w").depot_load_pct for c in (alone, both)]
    assert pct[0] == pct[1]
    assert pct[0] is not None
