"""Reach says apart the goods no depot whose trucks may serve a unit holds.

A tester read ``waterworks: hygiene, medical, water 180.4 t/day`` on the relief example,
though waterworks holds only water and only larnis-hub (no trucks) holds hygiene and
medical stores. Such goods are still counted on the serving depot's trucks (as
``routes --from-demand`` loads them there), but the table lists them apart, with where
they are; ``depots`` gives the row's depot first; and a share's tonnes a day read the
same in ``by_depot`` as in its reason.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Commodity, LocationKind, Scenario, Stock, SupplyClass
from supplyline.io import load_scenario
from supplyline.routing.reach import check_reach, reach_rows


def _three_places(*, db_km: float = 60.0) -> Scenario:
    """DA holds food (20 km from L), DB fuel (``db_km``), the port P medical and no trucks."""
    locs = [
        loc("DA", 0.0, LocationKind.DEPOT),
        loc("DB", 0.0, LocationKind.DEPOT, lat=0.5),
        loc("P", 0.0, LocationKind.PORT, lat=-0.5),
        loc("L", 0.2),
    ]
    links = [road("DA", "L", 20.0), road("DB", "L", db_km), road("P", "L", 30.0)]
    groups = [
        fleet("TA", "DA", count=4, payload_t=10.0, speed_kmh=50, hours=9.0),
        fleet("TB", "DB", count=4, payload_t=10.0, speed_kmh=50, hours=9.0),
    ]
    s = scenario(locs, [unit("U", "L")], links, groups)
    stocks = tuple(
        Stock(location=x, commodity=c, initial_t=500.0, replenishment_t_per_day=0.0)
        for x, c in (("DA", "food"), ("DB", "fuel"), ("P", "medical"))
    )
    medical = Commodity(id="medical", name="Medical", supply_class=SupplyClass.MEDICAL, priority=1)
    return dataclasses.replace(s, stocks=stocks, commodities=(*s.commodities, medical))


def test_goods_no_truck_depot_holds_are_said_apart_with_where_they_are() -> None:
    """U's medical stores, held only at the port, go apart from DA's food, naming P."""
    s = _three_places()
    needs = {"food": 10.0, "fuel": 8.0, "medical": 0.5}
    check = check_reach(s, {"U": 18.5}, availability=0.75, goods={"U": needs})
    (row,) = check.rows
    share = next(x for x in row.shares if x.unheld)
    assert (share.depot, share.unheld) == ("DA", ("medical",))
    assert share.unheld_t == pytest.approx(0.5)
    (out,) = reach_rows(check)
    parts = out["by_depot"]
    assert parts[0].startswith("DA: food 10 t/day, ")
    assert parts[1] == (
        "medical 0.5 t/day: no depot with trucks holds them in stocks.csv (P does, with no "
        "trucks), counted on DA's trucks, as `routes --from-demand` would load them there"
    )


def test_a_truck_depot_out_of_reach_is_named_as_such() -> None:
    """Medical also at DC, whose trucks cannot make the 2 × 400 km trip: DC is named."""
    s = _three_places()
    s = dataclasses.replace(
        s,
        locations=(*s.locations, loc("DC", 0.0, LocationKind.DEPOT, lat=1.0)),
        links=(*s.links, road("DC", "L", 400.0)),
        fleet=(*s.fleet, fleet("TC", "DC", count=4, payload_t=10.0, speed_kmh=50, hours=9.0)),
        stocks=(
            *s.stocks,
            Stock(location="DC", commodity="medical", initial_t=50.0, replenishment_t_per_day=0.0),
        ),
    )
    needs = {"food": 10.0, "fuel": 8.0, "medical": 0.5}
    check = check_reach(s, {"U": 18.5}, availability=0.75, goods={"U": needs})
    (row,) = check.rows
    (share,) = [x for x in row.shares if x.unheld]
    assert share.unheld_why == (
        "no depot whose trucks can make the round trip to it holds them in stocks.csv (DC "
        "does, but its trucks cannot make the round trip, and P does, with no trucks)"
    )


def test_depots_name_the_rows_depot_first() -> None:
    """Food and fuel 5 t each, DB nearer: the tie names DB, and ``depots`` starts with it."""
    s = _three_places(db_km=10.0)
    check = check_reach(s, {"U": 10.0}, availability=0.75, goods={"U": {"food": 5.0, "fuel": 5.0}})
    (row,) = check.rows
    (out,) = reach_rows(check)
    assert out["depots"][0] == row.depot
    assert out["by_depot"][0].split(":")[0] == row.depot


def test_a_shares_tonnes_read_the_same_in_by_depot_and_its_reason() -> None:
    """The figure a short share's reason gives its trucks is the one ``by_depot`` gives."""
    s = _three_places()
    s = dataclasses.replace(
        s,
        fleet=tuple(
            dataclasses.replace(g, count=1, payload_t=5.0, max_route_hours=3.0)
            if g.depot == "DB"
            else g
            for g in s.fleet
        ),
    )
    check = check_reach(s, {"U": 18.0}, availability=0.75, goods={"U": {"food": 10.0, "fuel": 8.0}})
    (row,) = check.rows
    short = next(x for x in row.shares if x.reason)
    carried = re.search(r"= ([\d.,]+) t/day", row.reason)
    assert carried is not None
    (out,) = reach_rows(check)
    text = next(p for p in out["by_depot"] if p.startswith(f"{short.depot}:"))
    assert f", {carried.group(1)} t/day, " in text


def test_relief_sites_list_only_goods_their_depots_hold() -> None:
    """On the relief example, each depot's part names only goods stocks.csv gives it."""
    relief = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
    if not relief.is_dir():
        pytest.skip("bundled example not available")
    held: dict[str, set[str]] = {}
    for st in load_scenario(relief).stocks:
        held.setdefault(st.location, set()).add(st.commodity)
    _register_commands()
    result = CliRunner().invoke(app, ["reach", str(relief), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    depots = {d for r in rows for d in r["depots"].split(";")}
    for r in rows:
        for part in r["by_depot"].split(";") if r["by_depot"] else []:
            head, _, rest = part.partition(": ")
            if head in depots:
                goods = re.match(r"([a-z, ]+) [\d.,]+ t/day", rest)
                assert goods is not None, part
                assert set(goods.group(1).split(", ")) <= held[head], part
            else:  # the goods none of its depots holds, said apart
                assert "no depot with trucks holds them" in rest, part
