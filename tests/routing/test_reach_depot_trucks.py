"""Reach judges each depot's share of a unit's goods on that depot's trucks.

Before, a unit whose food came from DA and fuel from DB was judged on DA's trucks and
round trip for all its tonnes, where ``routes`` loads each commodity on the trucks of the
depot that holds it. Each case is checked against ``routes`` on the same scenario: the
unit's tonnes left unserved.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import LocationKind, Scenario, Stock
from supplyline.domain.routes import ReachRow
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams
from supplyline.routing.reach import REACH_COLUMNS, check_reach, reach_rows

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=5, max_iterations=300, seed=1))


def _two_depots(
    *, db_km: float, da_trucks: tuple[int, float, float], db_trucks: tuple[int, float, float]
) -> Scenario:
    """DA (food, 20 km from L) and DB (fuel, ``db_km`` from L); trucks: (count, t, hours)."""
    locs = [
        loc("DA", 0.0, LocationKind.DEPOT),
        loc("DB", 0.0, LocationKind.DEPOT, lat=0.5),
        loc("L", 0.2),
    ]
    links = [road("DA", "L", 20.0), road("DB", "L", db_km)]
    (na, ta, ha), (nb, tb, hb) = da_trucks, db_trucks
    groups = [
        fleet("TA", "DA", count=na, payload_t=ta, speed_kmh=50, hours=ha),
        fleet("TB", "DB", count=nb, payload_t=tb, speed_kmh=50, hours=hb),
    ]
    s = scenario(locs, [unit("U", "L")], links, groups)
    stocks = (
        Stock(location="DA", commodity="food", initial_t=500.0, replenishment_t_per_day=0.0),
        Stock(location="DB", commodity="fuel", initial_t=500.0, replenishment_t_per_day=0.0),
    )
    return dataclasses.replace(s, stocks=stocks)


def _reach(s: Scenario, needs: dict[str, float]) -> ReachRow:
    check = check_reach(s, {"U": sum(needs.values())}, availability=0.75, goods={"U": needs})
    (row,) = check.rows
    return row


def _unserved_t(s: Scenario, needs: dict[str, float]) -> float:
    """The tonnes ``routes`` leaves unserved of U's day, each good from its depot."""
    held = {("DA", "food"): 500.0, ("DB", "fuel"): 500.0}
    req = DeliveryRequest(unit="U", location="L", load_t=needs)
    routes = route_day(s, [req], day=0, params=PARAMS, depot_stock=DepotStock(held_t=held))
    return sum(sum(u.load_t.values()) for u in routes.unserved)


def test_a_far_depots_share_its_few_trucks_cannot_carry_is_flagged() -> None:
    """DA's 2 × 10 t trucks carry 18 t/day in all; DB's one 5 t truck, one turn, not 8 t of fuel.

    Judged on DA's trucks alone U read ok (0.75 × 2 × 4 turns × 10 t = 60 t/day); routes
    brings 5 t of the fuel on DB's truck and leaves 3 t.
    """
    s = _two_depots(db_km=60.0, da_trucks=(2, 10.0, 9.0), db_trucks=(1, 5.0, 3.0))
    needs = {"food": 10.0, "fuel": 8.0}
    row = _reach(s, needs)
    assert row.depot == "DA"
    assert not row.sustainable
    assert row.reason == (
        "fuel from DB: needs 8.0 t/day = 2 truck-loads; "
        "1 truck at 75 % availability × 1 turn × 5 t = 3.75 t/day"
    )
    assert _unserved_t(s, needs) == pytest.approx(3.0, abs=1e-3)


def test_two_depots_together_carry_what_the_nearest_alone_cannot() -> None:
    """DA's one 10 t truck (one turn) carries its 5 t of food; DB's two carry the 10 t of fuel.

    Judged on DA's trucks alone U was flagged (7.5 t/day of 15); routes serves it all.
    """
    s = _two_depots(db_km=30.0, da_trucks=(1, 10.0, 2.0), db_trucks=(2, 10.0, 2.0))
    needs = {"food": 5.0, "fuel": 10.0}
    row = _reach(s, needs)
    assert (row.depot, row.sustainable, row.reason) == ("DB", True, "")  # the most tonnes
    assert [(x.depot, x.goods, x.daily_t, x.capacity_t_per_day) for x in row.shares] == [
        ("DB", ("fuel",), 10.0, 15.0),
        ("DA", ("food",), 5.0, 7.5),
    ]
    assert row.capacity_t_per_day == pytest.approx(22.5)
    assert _unserved_t(s, needs) == pytest.approx(0.0, abs=1e-3)


def test_one_depot_sending_everything_has_no_shares() -> None:
    """Where DA alone holds the goods, U is judged on DA's trucks as before: no shares."""
    s = _two_depots(db_km=30.0, da_trucks=(1, 10.0, 2.0), db_trucks=(2, 10.0, 2.0))
    row = _reach(s, {"food": 15.0})
    assert row.shares == ()
    assert not row.sustainable
    assert row.reason.startswith("needs 15.0 t/day = 2 truck-loads; 1 truck at 75 % availability")


def test_the_rows_give_each_depots_share() -> None:
    """``reach_rows`` names the depots and what each carries, keeping the old columns."""
    s = _two_depots(db_km=60.0, da_trucks=(2, 10.0, 9.0), db_trucks=(1, 5.0, 3.0))
    needs = {"food": 10.0, "fuel": 8.0}
    check = check_reach(s, {"U": 18.0}, availability=0.75, goods={"U": needs})
    (out,) = reach_rows(check)
    assert out["depots"] == ["DA", "DB"]
    parts = out["by_depot"]
    assert parts[0].startswith("DA: food 10 t/day, 2 trucks, ")
    assert parts[0].endswith(", ok")
    assert parts[1].startswith("DB: fuel 8 t/day, 1 truck, 2.90 h round trip, 1 turn, 3.75 t/day")
    assert parts[1].endswith(", short")
    assert out["ok"] is False


def test_depots_share_their_truck_hours_between_the_units_they_serve() -> None:
    """Two units each want 8 t of fuel from DB: its two 5 t trucks' hours fit one of them.

    DB's share of each is judged beside the other's: the second does not fit, and the
    reason names DB and the fuel.
    """
    s = _two_depots(db_km=30.0, da_trucks=(2, 10.0, 9.0), db_trucks=(2, 5.0, 2.0))
    s = dataclasses.replace(
        s,
        locations=(*s.locations, loc("M", 0.2, lat=0.01)),
        links=(*s.links, road("DA", "M", 20.0), road("DB", "M", 30.0)),
        units=(*s.units, unit("V", "M")),
    )
    needs = {"food": 4.0, "fuel": 8.0}
    check = check_reach(s, {"U": 12.0, "V": 12.0}, availability=1.0, goods={"U": needs, "V": needs})
    rows = {r.unit: r for r in check.rows}
    assert rows["U"].sustainable
    assert not rows["V"].sustainable
    assert rows["V"].reason.startswith("fuel from DB: the trucks at DB are shared")


def test_reach_csv_keeps_its_columns_and_adds_the_depots() -> None:
    """``reach --format csv`` on the relief example: the old columns first, then each depot.

    Site-1's water comes from the waterworks and its food, fuel and shelter from hub-wh.
    """
    relief = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
    if not relief.is_dir():
        pytest.skip("bundled example not available")
    _register_commands()
    result = CliRunner().invoke(app, ["reach", str(relief), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = list(rows[0])
    assert set(REACH_COLUMNS) <= set(header)
    # on_site came after, then arrives, then the plan's busiest day (empty without a plan),
    # then that day's label and date
    assert header[-9:] == [
        "depots", "by_depot", "on_site", "arrives", "busiest_day", "busiest_t",
        "busiest_capacity_t", "busiest_label", "busiest_date",
    ]  # fmt: skip
    site = next(r for r in rows if r["unit"] == "site-1")
    assert site["depots"] == "waterworks;hub-wh"
    heads = [x.split(":")[0] for x in site["by_depot"].split(";")]
    assert heads[0] == "waterworks"
    assert heads[2] == "hub-wh"  # the goods none of them holds between
    assert heads[1].startswith("hygiene, medical ")


def test_reach_json_gives_the_depots_as_lists_and_csv_as_joined_cells() -> None:
    """``reach --format json`` gives ``depots`` and ``by_depot`` as lists; CSV joins them.

    JSON gave one text joined by ``;``; the CSV's cells are the lists joined by ``;``.
    """
    relief = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
    if not relief.is_dir():
        pytest.skip("bundled example not available")
    _register_commands()
    as_json = CliRunner().invoke(app, ["reach", str(relief), "--format", "json"])
    as_csv = CliRunner().invoke(app, ["reach", str(relief), "--format", "csv"])
    assert (as_json.exit_code, as_csv.exit_code) == (0, 0), as_json.output + as_csv.output
    listed = {r["unit"]: r for r in json.loads(as_json.stdout)}
    site = listed["site-1"]
    assert site["depots"] == ["waterworks", "hub-wh"]
    assert [x.split(":")[0] for x in site["by_depot"]][::2] == ["waterworks", "hub-wh"]
    for row in csv.DictReader(io.StringIO(as_csv.stdout)):
        for name in ("depots", "by_depot"):
            assert row[name] == ";".join(listed[row["unit"]][name])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    food=st.floats(min_value=0.0, max_value=40.0),
    fuel=st.floats(min_value=0.0, max_value=40.0),
)
def test_the_shares_add_up_to_the_units_tonnes(food: float, fuel: float) -> None:
    """Whatever the goods, the depots' shares add up to the unit's tonnes, each on one depot.

    And a unit is ok only when every share is: a depot short on its share flags it.
    """
    s = _two_depots(db_km=60.0, da_trucks=(2, 10.0, 9.0), db_trucks=(1, 5.0, 3.0))
    row = _reach(s, {"food": food, "fuel": fuel})
    if row.shares:
        assert sum(x.daily_t for x in row.shares) == pytest.approx(food + fuel)
        assert len({x.depot for x in row.shares}) == len(row.shares)
        assert row.sustainable == all(not x.reason for x in row.shares)
    else:
        assert min(food, fuel) <= 0
