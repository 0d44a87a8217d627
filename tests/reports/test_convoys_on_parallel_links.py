"""A convoy over one of two links that join the same places is drawn on that link's line.

The map draws a road beside a rail line side by side; the routes map drew the convoy on
the middle line between the two places, between the road and the rail, on neither.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from svg_text import SVG

from supplyline.errors import ArgumentError
from supplyline.reports.routes_report import write_routes_report
from supplyline.reports.sections import MapPolyline
from supplyline.routing import RouterParams
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

Vertices = list[tuple[float, float]]

FILES = {
    "scenario.yaml": (
        "name: Twin lines (fictional)\nstart_date: 2025-06-01\nhorizon_days: 4\n"
        "partners:\n  - {id: home, name: Home nation}\ncommodities:\n"
        "  - {id: food, name: Rations, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 2}\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\n"
        "rail-du,depot,camp,rail,1435,40,1,,500,,1,,true,\n"
        "road-du,depot,camp,road,,40,1,,500,,2,,true,\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "depot,Eastgate depot,home,depot,50.00,10.00,,,0\n"
        "camp,Camp Alder,home,unit_area,50.20,10.30,,,0\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\n"
        "alder-bn,Alder battalion,home,camp,camp,400,0,0,0,0\n"
    ),
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day,owner\ndepot,food,100,10,home\n"
    ),
    "fleet.csv": (
        "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,"
        "cost_per_km,max_route_hours\ntrucks,depot,home,cargo,2,10,40,45,100,1,10\n"
    ),
}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Vertices]:
    """The whole-network map's lines of a routes report, by group id.

    A depot and a camp joined by a rail line and a road; one truck out to the camp and back.
    """
    folder = tmp_path_factory.mktemp("twin") / "twin-lines"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = folder.parent / "routes.html"
    params = ConvoyParams(router=RouterParams(time_limit_s=1.0, max_iterations=200, seed=1))
    run = route_scenario_day(
        folder, day=1, from_demand=True, params=params, report=(report, write_routes_report)
    )
    assert [r.path for r in run.routes.routes] == [("depot", "camp", "depot")]
    html = report.read_text(encoding="utf-8")
    svg = next(s for s in re.findall(r"<svg\b.*?</svg>", html, flags=re.S) if 'id="map-' in s)
    lines: dict[str, Vertices] = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        gid = group.attrib.get("id", "")
        path = group.find(f"{SVG}path")
        if gid.startswith(("map-link-", "map-layer-")) and path is not None:
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.attrib["d"])]
            lines[gid] = list(zip(numbers[0::2], numbers[1::2], strict=True))
    return lines


def _apart(a: Vertices, b: Vertices) -> float:
    """The farthest a vertex of one line lies from the same vertex of the other."""
    assert len(a) == len(b)
    return max(math.dist(p, q) for p, q in zip(a, b, strict=True))


def test_the_leg_out_lies_on_the_road_it_drives(drawn: dict[str, Vertices]) -> None:
    """Depot to camp: the convoy's line is the road's, point for point, not the rail's."""
    convoy = drawn["map-layer-0-line-0-0"]
    road, rail = drawn["map-link-road-du-0"], drawn["map-link-rail-du-0"]
    out = convoy[: len(road)]
    assert _apart(out, road) < 0.01
    assert _apart(out, rail) > 1.0  # the two lines do lie apart: the check can tell them


def test_the_run_back_lies_on_the_road_too(drawn: dict[str, Vertices]) -> None:
    """Camp back to the depot (an empty run, on no stop's roads): the road's line, reversed.

    One line for the truck, out and back, as the map drew it before (a path a truck).
    """
    convoy, road = drawn["map-layer-0-line-0-0"], drawn["map-link-road-du-0"]
    assert len(convoy) == 2 * len(road) - 1  # the camp once, where the two legs meet
    assert _apart(convoy[len(road) - 1 :], road[::-1]) < 0.01


def test_a_polyline_names_one_link_a_segment() -> None:
    """Links for some segments only is a mistake said, not a line drawn half straight."""
    with pytest.raises(ArgumentError, match=r"names 1 link.* 2 segment"):
        MapPolyline(points=((0.0, 0.0), (1.0, 1.0), (2.0, 0.0)), links=(("r", "a", "b"),))
