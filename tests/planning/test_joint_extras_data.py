"""A joint claim's partner extras are data, and applied with its own they re-plan as said.

A tester's rank 1 read "+400 pax/day on K7 (L6→L11), C+0–C+2, late_pax_days_cut 8400" in
bottlenecks.csv; applied alone it gained nothing. The explanation said "together with +400
pax/day at the railhead L6 … on C+0–C+2", and with that too the gain was 8,400, but no
file held the partner as data. Here the road into a border post and the post each bind
at 40 people a day: each claim names the other in ``together_with``, in plan.json, in
bottlenecks.csv and in ``plan --format json``, and these tests re-plan them.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Bottleneck, Demand, JointExtra, ResourceKind, Scenario
from supplyline.domain.bottleneck import BOTTLENECK_PLACE_FIELDS
from supplyline.io.plan_files import read_plan
from supplyline.planning import plan_movements
from supplyline.services.scenarios import assess_requirements

_register_commands()
runner = CliRunner()

FILES = {
    "scenario.yaml": (
        "name: border\nstart_date: 2025-06-01\nhorizon_days: 8\npartners:\n  - {id: home}\n"
        "commodities:\n  - {id: food, name: food, supply_class: general, priority: 1, "
        "demand_unit: kg, per_person_per_day: 1}\n"
    ),
    "links.csv": (
        "id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,"
        "capacity_t_per_day,capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,"
        "outage_days\nto-border,H,X,road,,80,1,,,40,1,1,false,\n"
        "on,X,U,road,,80,1,,,,1,1,false,\nsupply,D,U,road,,80,1,,,,1,1,false,\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day,storage_t,"
        "dwell_days\nH,H,home,garrison,50,10,,,,0\nX,X,home,border,50,11,,40,,0\n"
        "U,U,home,unit_area,50,12,,,,0\nD,D,home,depot,50,12.1,,,,0\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day,"
        "deployment_lift_t,days_of_supply\nu1,1st,home,H,U,100,0,2,0,0\n"
    ),
    "stocks.csv": "location,commodity,initial_t,replenishment_t_per_day,owner\nD,food,0,50,home\n",
}
"""Unit u1, 100 people, H→X→U by road, required on C+2; the road and the post X take 40 a day."""


def _border(folder: Path) -> tuple[Scenario, Demand]:
    """Write the border's files into ``folder`` and read them as a user's run does."""
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = assess_requirements(folder)
    return result.opened.scenario, result.demand


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Scenario, Demand]:
    """The border planned with ``plan --out``: the folder of its files, and its scenario."""
    tmp = tmp_path_factory.mktemp("joint")
    scenario, demand = _border(tmp / "border")
    result = runner.invoke(app, ["plan", str(tmp / "border"), "--out", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    return tmp / "out", scenario, demand


def _late_pax_days(scenario: Scenario, demand: Demand) -> float:
    return sum(c.late_pax_days for c in plan_movements(scenario, demand).closures)


def _link_id(b: Bottleneck) -> str:
    """A link bottleneck's link, from its resource ``to-border (H→X)``."""
    return b.resource.split(" ")[0]


def _raised(s: Scenario, extras: list[tuple[ResourceKind, str, float]]) -> Scenario:
    """The scenario with each (kind, link or place, extra) of people a day raised, every day.

    A scenario gives a capacity one figure for all days: raised on every day it gains at
    least as much as on the days said (more capacity never makes the optimum worse).
    """
    links, places = list(s.links), list(s.locations)
    for kind, ident, extra in extras:
        if kind is ResourceKind.LINK_PAX:
            links = [
                dataclasses.replace(x, capacity_pax_per_day=(x.capacity_pax_per_day or 0) + extra)
                if x.id == ident
                else x
                for x in links
            ]
        else:
            assert kind is ResourceKind.HANDLING_PAX
            places = [
                dataclasses.replace(x, handling_pax_per_day=(x.handling_pax_per_day or 0) + extra)
                if x.id == ident
                else x
                for x in places
            ]
    return dataclasses.replace(s, links=tuple(links), locations=tuple(places))


def _own(b: Bottleneck) -> tuple[ResourceKind, str, float]:
    assert b.suggested_extra is not None
    ident = _link_id(b) if b.kind is ResourceKind.LINK_PAX else b.resource
    return b.kind, ident, b.suggested_extra


def _partner(j: JointExtra) -> tuple[ResourceKind, str, float]:
    ident = j.link if j.kind is ResourceKind.LINK_PAX else j.location
    assert ident is not None
    return j.kind, ident, j.suggested_extra


def test_the_posts_claim_names_the_road_as_data(planned: tuple[Path, Scenario, Demand]) -> None:
    """X's +60 pax/day on C+1 needs the road's +60 pax/day on C+0: a record, read back."""
    plan = read_plan(planned[0] / "plan.json")
    partners = {b.resource: b.together_with for b in plan.bottlenecks}
    assert partners["X"] == (
        JointExtra(
            kind=ResourceKind.LINK_PAX,
            resource="to-border (H→X)",
            link="to-border",
            suggested_extra=60.0,
            extra_unit="pax/day",
            extra_days=(0,),
            capacity=40.0,  # the road's capacity_pax_per_day
        ),
    )


def test_the_claim_with_its_partners_re_plans_to_its_gain_and_alone_to_none(
    planned: tuple[Path, Scenario, Demand],
) -> None:
    """Own extra plus ``together_with``: the stated 80 person-days; the own extra alone: 0."""
    out, scenario, demand = planned
    before = _late_pax_days(scenario, demand)
    claims = [b for b in read_plan(out / "plan.json").bottlenecks if b.together_with]
    assert claims  # the post's, and the road's where it is priced too
    for b in claims:
        assert b.late_pax_days_cut == 80.0
        both = _raised(scenario, [_own(b), *map(_partner, b.together_with)])
        assert before - _late_pax_days(both, demand) == pytest.approx(b.late_pax_days_cut)
        alone = _raised(scenario, [_own(b)])
        assert before - _late_pax_days(alone, demand) == pytest.approx(0.0)


def test_plan_json_gives_each_partner_its_dated_days(
    planned: tuple[Path, Scenario, Demand],
) -> None:
    """Beside ``extra_days``, the first and last as day, label and date (not read back)."""
    data = json.loads((planned[0] / "plan.json").read_text(encoding="utf-8"))
    (post,) = [b for b in data["bottlenecks"] if b["resource"] == "X"]
    (joint,) = post["together_with"]
    assert (joint["link"], joint["location"], joint["extra_days"]) == ("to-border", None, [0])
    assert (joint["extra_first_day"], joint["extra_first_label"]) == (0, "C+0")
    assert (joint["extra_last_day"], joint["extra_last_date"]) == (0, "2025-06-01")
    assert (joint["capacity"], joint["set_to"]) == (40, 100)  # the figure to write, as its own
    # after the record's other fields, and before shortfall_extra, the place and set_to,
    # added after
    keys = list(post)
    assert keys[keys.index("together_with") + 1] == "shortfall_extra"
    assert keys[-len(BOTTLENECK_PLACE_FIELDS) - 1 :] == [*BOTTLENECK_PLACE_FIELDS, "set_to"]


def test_bottlenecks_csv_and_stdout_give_the_partners_cell(
    planned: tuple[Path, Scenario, Demand],
) -> None:
    """One ``together_with`` cell a row, its values ``;``-separated; stdout the same as a list."""
    out, _, _ = planned
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["resource"]: r for r in csv.DictReader(f)}
    assert rows["X"]["together_with"] == "to-border (H→X) +60 pax/day on C+0 (set to 100)"
    result = runner.invoke(app, ["plan", str(out.parent / "border"), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = {b["resource"]: b["together_with"] for b in json.loads(result.stdout)["bottlenecks"]}
    assert shown["X"] == ["to-border (H→X) +60 pax/day on C+0 (set to 100)"]


def test_a_claim_of_its_own_extra_has_no_partners() -> None:
    """The post alone limiting (the road free): +60 at X, ``together_with`` empty."""
    from supplyline.planning.examples import border_post

    (top,) = plan_movements(*border_post(pax_per_day=40.0)).bottlenecks
    assert (top.suggested_extra, top.together_with) == (60.0, ())
