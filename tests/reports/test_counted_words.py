"""A count of one takes the singular, and nothing consumed reads so, in the plan report.

A tester's report card read "1 capacities, 1 closure" (scenario E), and a plan whose
units consume nothing (B, a deployment alone) "0 t of the 0 t the units consume cannot
be delivered". (Their "1 person-days late": tests/cli/test_objective_cost_as_table.py and
``one_more_saves``'s examples.)
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Bottleneck, ResourceKind
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.reports.headline_cards import headline_cards

_register_commands()
runner = CliRunner()

DEPLOYMENT_ALONE = {  # the tester's B: a unit of no people, its 100 t of lift by rail
    "scenario.yaml": (
        "name: B break of gauge\nstart_date: 2025-06-01\nhorizon_days: 12\npartners:\n"
        "  - {id: home, name: Home}\n  - {id: host, name: Host}\ncommodities:\n"
        "  - {id: kit, supply_class: general, priority: 3}\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nw1,H,Y,rail,1435,300,2,,100,,1,,true,\n"
        "e1,Y,R,rail,1520,150,1,,100,,1,,true,\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,storage_t,dwell_days\n"
        "H,Home,home,garrison,50.0,10.0,,,0\nY,Yard,host,transshipment,50.0,14.0,20,,1\n"
        "R,Railhead,host,railhead,50.0,16.0,,,0\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\nu1,Unit one,home,H,R,0,0,5,100,0\n"
    ),
}


def test_a_plan_whose_units_consume_nothing_says_so(tmp_path: Path) -> None:
    """The report's summary: nothing consumed, so nothing can fall short; no "of the 0 t"."""
    folder, report = tmp_path / "B", tmp_path / "plan.html"
    folder.mkdir()
    for name, text in DEPLOYMENT_ALONE.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(folder), "--report", str(report), "--explain=0"])
    assert result.exit_code == 0, result.output
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", report.read_text("utf-8"))).split())
    assert (
        "for 1 unit; the units consume nothing over the horizon, so none of it can fall short "
        "(0 t delivered, days-of-supply build-up included)" in page
    )
    assert "of the 0 t" not in page


def _capacity(kind: ResourceKind) -> Bottleneck:
    return Bottleneck(kind=kind, resource="r", days=(1,), shadow_price=1.0)


@pytest.mark.parametrize(
    ("kinds", "note"),
    [
        ([ResourceKind.HANDLING, ResourceKind.OUTAGE], "1 capacity, 1 closure"),
        ([ResourceKind.HANDLING] * 2 + [ResourceKind.OUTAGE] * 2, "2 capacities, 2 closures"),
    ],
)
def test_the_bottlenecks_card_counts_in_the_singular_for_one(
    kinds: list[ResourceKind], note: str
) -> None:
    """The card's note under its count: "1 capacity, 1 closure", not "1 capacities"."""
    scenario, demand = one_link(capacity_t_per_day=5.0)
    plan = plan_movements(scenario, demand)
    plan = replace(plan, bottlenecks=tuple(_capacity(kind) for kind in kinds))
    card = next(c for c in headline_cards(scenario, demand, plan, 0) if c.label == "bottlenecks")
    assert (card.value, card.note) == (str(len(kinds)), note)
