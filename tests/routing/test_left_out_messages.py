"""What a load left out says of the trucks: whose they are, and how many trips they can make.

A tester's plan-mode message counted only the pinned depot's trucks as "the N trucks
that reach it", and "can make at most N trips a day" ignored a receiving window of half
an hour, which lets a truck arrive once.
"""

from __future__ import annotations

import csv
from pathlib import Path

from routing_scenarios import fleet, loc, road, scenario, unit
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import LocationKind, Scenario
from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.depot_stock import DepotStock
from supplyline.routing.problem import RouterParams

_register_commands()

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=2, max_iterations=100, seed=6))


def _one_site(open_h: float, close_h: float) -> Scenario:
    """RH and DX with one 10 t truck each (50 km/h, 9 h), 50 and 60 km from U0.

    Round trips with the 30 min stop: 2.5 h from RH, 2.9 h from DX.
    """
    return scenario(
        [
            loc("RH", 0.0, LocationKind.RAILHEAD),
            loc("DX", 0.9, LocationKind.DEPOT),
            loc("L0", 0.45),
        ],
        [unit("U0", "L0", open_h=open_h, close_h=close_h)],
        [road("RH", "L0", 50.0), road("DX", "L0", 60.0)],
        [fleet("F", "RH", count=1), fleet("X", "DX", count=1)],
    )


def test_a_short_receiving_window_bounds_the_trips_said() -> None:
    """Window 6-6.5 h: each truck arrives once (hours alone would allow 3 and 2)."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 40.0})
    routes = route_day(_one_site(6.0, 6.5), [req], day=0, params=PARAMS)
    (lost,) = routes.unserved
    assert lost.reason is UnservedReason.TOO_LARGE
    assert "can make at most 2 trips a day within its receiving window 6-6.5 h" in lost.detail


def test_a_wide_window_leaves_the_bound_to_the_drivers_hours() -> None:
    """Window 6-18 h: RH's truck 3 trips (9 h ÷ 2.5 h), DX's 3 (9 h ÷ 2.9 h); no window said."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 80.0})
    routes = route_day(_one_site(6.0, 18.0), [req], day=0, params=PARAMS)
    (lost,) = routes.unserved
    assert "can make at most 6 trips a day, fewer than the 8 it needs" in lost.detail
    assert "window" not in lost.detail


def test_a_load_pinned_to_its_depot_counts_that_depot_s_trucks_and_says_so() -> None:
    """Plan mode, only RH holds the food: 'the 1 truck of depot RH that reaches it'."""
    req = DeliveryRequest(unit="U0", location="L0", load_t={"food": 40.0})
    held = {("RH", "food"): 100.0}
    routes = route_day(
        _one_site(6.0, 18.0), [req], day=0, params=PARAMS, depot_stock=DepotStock(held_t=held)
    )
    (lost,) = routes.unserved
    assert "the 1 truck of depot RH that reaches it and can carry one (F)" in lost.detail
    assert "at most 3 trips a day" in lost.detail


def test_a_repacked_units_too_large_detail_says_so_and_counts_its_trips(tmp_path: Path) -> None:
    """The tester's D1: u0's loads, re-packed most urgent first, had 1 of the 2 trips.

    Two 12 t trucks make one 144 km trip each; u1 at S2 takes one, u0 needs three loads.
    """
    folder = tmp_path / "D1"
    folder.mkdir()
    for name, text in _D1.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["routes", str(folder), "--day", "1", "--from-demand", "--time-limit", "1",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        (row,) = [r for r in csv.DictReader(fh) if r["unit"] == "u0"]
    assert row["reason"] == "too_large"
    assert row["detail"].endswith(
        "can make at most 2 trips a day, fewer than the 3 it needs; its loads, packed most "
        "urgent first after the fewest truck-loads (commodities mixed) left some out, had 1 "
        "of the trips those trucks made, other units' loads 1"
    )


_D1 = {
    "scenario.yaml": (
        "name: test\nstart_date: 2026-03-01\nhorizon_days: 4\npartners:\n  - {id: p}\n"
        "commodities:\n"
        "  - {id: water, supply_class: water, priority: 1, volume_m3_per_t: 1.0, "
        "demand_unit: kg, per_person_per_day: 15}\n"
        "  - {id: rations, supply_class: food, priority: 2, volume_m3_per_t: 3.0, "
        "demand_unit: kg, per_person_per_day: 6}\n"
        "  - {id: medical, supply_class: medical, priority: 3, volume_m3_per_t: 8.0, "
        "demand_unit: kg, per_person_per_day: 0.75}\n"
        "solver: {time_limit_s: 5}\nrouting: {detour_factor: 1.3, service_minutes: 30}\n"
    ),
    "fleet.csv": (
        "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,"
        "cost_per_km,max_route_hours\nt12,D,p,cargo,2,12,20,60,100,1,9\n"
    ),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,bidirectional,"
        "outage_days\nr-ds,D,S,road,144,0,,true,\nr-ds2,D,S2,road,144,0,,true,\n"
    ),
    "locations.csv": (
        "id,partner,kind,lat,lon\nD,p,depot,50.0,10.0\nS,p,unit_area,51.0,10.0\n"
        "S2,p,unit_area,51.0,10.5\n"
    ),
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day\nD,water,1000,100\n"
        "D,rations,1000,100\nD,medical,1000,100\nS2,rations,100,0\nS2,medical,100,0\n"
    ),
    "units.csv": (
        "id,partner,home,destination,personnel,days_of_supply,receive_open_h,"
        "receive_close_h\nu0,p,S,S,1000,0,6,18\nu1,p,S2,S2,800,0,6,18\n"
    ),
}
"""The tester's D1: depot D, two 12 t trucks of 9 h, u0 at S and u1 at S2, 144 km each."""
