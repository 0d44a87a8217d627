"""The reach table's row is one depot's figures, so that its columns multiply.

A unit served by DA (one 5 t truck, 17 turns at 0.7 h) and DB (ten, 5 turns at 2.1 h)
read 11 trucks, 0.7 h, 17 turns and 251.25 t/day: 11 × 0.75 × 17 × 5 is 701 t/day.
"""

from __future__ import annotations

import dataclasses

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.io.csv_out import csv_cell
from supplyline.routing.reach import check_reach, reach_rows
from supplyline.types import LIST_SEPARATOR


def _spilled() -> Scenario:
    """DA 5 km from U with one 5 t truck, DB 40 km with ten; both hold 400 t of fuel."""
    s = scenario(
        [
            loc("DA", 0.0, LocationKind.DEPOT),
            loc("DB", 0.0, LocationKind.DEPOT, lat=0.5),
            loc("L", 0.2),
        ],
        [unit("U", "L")],
        [road("DA", "L", 5.0), road("DB", "L", 40.0)],
        [
            fleet("TA", "DA", count=1, payload_t=5.0, hours=12.0),
            fleet("TB", "DB", count=10, payload_t=5.0, hours=12.0),
        ],
    )
    stocks = tuple(
        Stock(location=d, commodity="fuel", initial_t=400.0, replenishment_t_per_day=0.0)
        for d in ("DA", "DB")
    )
    return dataclasses.replace(s, stocks=stocks)


def test_a_rows_trucks_turns_and_payload_multiply_to_its_capacity() -> None:
    """A row's trucks × availability × turns × payload = capacity_t, on the bottleneck depot DA."""
    check = check_reach(_spilled(), {"U": 80.0}, availability=0.75, goods={"U": {"fuel": 80.0}})
    (row,) = reach_rows(check)
    assert row["depots"] == ["DA", "DB"]
    assert row["bottleneck"] == "DA"
    assert row["trucks"] * 0.75 * row["turns_per_truck"] * 5.0 == pytest.approx(row["capacity_t"])
    assert row["bottleneck_t"] <= row["capacity_t"] + 1e-6
    assert row["loads_needed"] == -(-row["bottleneck_t"] // 5.0)


def test_a_row_served_by_one_depot_names_it_as_its_bottleneck() -> None:
    """One depot: its figures, ``bottleneck`` is the depot and ``bottleneck_t`` the whole."""
    check = check_reach(_spilled(), {"U": 20.0}, availability=0.75, goods={"U": {"fuel": 20.0}})
    (row,) = reach_rows(check)
    assert (row["depot"], row["bottleneck"], row["bottleneck_t"]) == ("DA", "DA", 20.0)
    assert row["trucks"] == 1


def test_a_fleet_of_one_truck_is_said_as_one_truck_at_its_availability() -> None:
    """``1 truck at 75 % availability × 17 turns × 5 t = 63.75 t/day``, not ``0.75 trucks``."""
    check = check_reach(_spilled(), {"U": 80.0}, availability=0.75, goods={"U": {"fuel": 80.0}})
    s = dataclasses.replace(_spilled(), fleet=_spilled().fleet[:1])
    (row,) = check_reach(s, {"U": 80.0}, availability=0.75, goods={"U": {"fuel": 80.0}}).rows
    assert "1 truck at 75 % availability × 17 turns × 5 t = 63.75 t/day" in row.reason
    assert "available trucks" not in row.reason
    assert check.rows[0].sustainable


def test_goods_no_depot_holds_come_from_the_serving_depot_on_the_roads_too() -> None:
    """Medical stores nobody holds go with DA's share (its serving depot) on DA's road.

    DA (5 km, road of 5.5 t/day) holds food, 5 t/day; DB (40 km) holds fuel, 20 t/day and
    is the row's depot (most tonnes); 1 t/day of medical goes with DA's share, so DA's road
    must carry 6 t/day. The roads had taken it from DB, the row's depot, and read ok.
    """
    s = scenario(
        [loc("DA", 0.0, LocationKind.DEPOT), loc("DB", 0.0, LocationKind.DEPOT, lat=0.5),
         loc("L", 0.2)],
        [unit("U", "L")],
        [road("DA", "L", 5.0, capacity=5.5), road("DB", "L", 40.0)],
        [fleet("TA", "DA", count=4, payload_t=5.0, hours=12.0),
         fleet("TB", "DB", count=10, payload_t=5.0, hours=12.0)],
    )  # fmt: skip
    medical = dataclasses.replace(s.commodities[1], id="medical", name="medical")
    s = dataclasses.replace(
        s,
        commodities=(*s.commodities, medical),
        stocks=(
            Stock(location="DA", commodity="food", initial_t=400.0, replenishment_t_per_day=0.0),
            Stock(location="DB", commodity="fuel", initial_t=900.0, replenishment_t_per_day=0.0),
        ),
    )
    needs = {"food": 5.0, "fuel": 20.0, "medical": 1.0}
    (row,) = check_reach(s, {"U": 26.0}, availability=0.75, goods={"U": needs}).rows
    assert row.depot == "DB"
    assert {x.depot: x.goods for x in row.shares}["DA"] == ("food", "medical")
    assert not row.sustainable
    assert "the roads from DA" in row.reason or "roads from DA, DB" in row.reason, row.reason


def test_list_cells_separate_their_values_as_every_csv_does() -> None:
    """``depots`` and ``by_depot`` are lists, which a CSV cell joins with LIST_SEPARATOR.

    They were ``", "`` and ``" | "`` where every other CSV's list cells have ``;``; then one
    ``;``-joined text, which ``reach --format json`` gave as it was. No value holds a
    ``;``, so that a CSV cell splits back into the same list.
    """
    check = check_reach(_spilled(), {"U": 80.0}, availability=0.75, goods={"U": {"fuel": 80.0}})
    (row,) = reach_rows(check)
    assert row["depots"] == ["DA", "DB"]
    assert [s.split(":")[0] for s in row["by_depot"]] == row["depots"]
    for values in (row["depots"], row["by_depot"]):
        assert csv_cell(values).split(LIST_SEPARATOR) == values
