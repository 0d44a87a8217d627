"""The HTML plan report: well-formed, complete, escaped, and self-contained."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from supplyline.domain import Plan, PlanStatus
from supplyline.errors import OutputError
from supplyline.reports import (
    MapLayer,
    MapPolyline,
    ReportSection,
    Table,
    render_plan_report,
    write_plan_report,
)

if TYPE_CHECKING:
    from tests.reports.conftest import Case

SVG_NS = "{http://www.w3.org/2000/svg}"
NAMESPACE_URIS = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
}


def parse(html: str) -> ET.Element:
    """Parse the report as XML: stricter than any browser, so it proves well-formedness."""
    assert html.startswith("<!DOCTYPE html>")
    return ET.fromstring(html.removeprefix("<!DOCTYPE html>"))


def text_of(root: ET.Element) -> str:
    """The page's words, spaces made single (an id's <bdi> is a piece of text of its own)."""
    return " ".join(" ".join(" ".join(el.itertext()) for el in root.iter("body")).split())


def test_report_is_well_formed(html: str) -> None:
    """The whole page, inline SVG included, parses as XML with <html> at the root."""
    assert parse(html).tag == "html"


@pytest.mark.parametrize(
    "section",
    ["summary", "map", "shortfalls", "closure", "bottlenecks", "supply", "flows", "solve"],
)
def test_report_has_section(html: str, section: str) -> None:
    """Every part of the plan report is there, and the navigation links to it."""
    root = parse(html)
    ids = {el.get("id") for el in root.iter("section")}
    assert section in ids
    assert f'href="#{section}"' in html


def _svgs_in(html: str, section_id: str) -> list[ET.Element]:
    section = next(el for el in parse(html).iter("section") if el.get("id") == section_id)
    return [el for el in section.iter(f"{SVG_NS}svg")]


@pytest.mark.parametrize(("section", "count"), [("supply", 1), ("flows", 1), ("map", 2)])
def test_report_figures_are_inline_svg(html: str, section: str, count: int) -> None:
    """Plots are inline SVG; the map has a second, zoomed map of the units' corner."""
    assert len(_svgs_in(html, section)) == count


def test_compact_network_has_one_map(case: Case) -> None:
    """When the units spread over most of the network, one map shows it all."""
    units = tuple(
        dataclasses.replace(u, destination="munster") if u.id == "U2" else u
        for u in case.scenario.units
    )
    scenario = dataclasses.replace(case.scenario, units=units)
    html = render_plan_report(scenario, case.demand, case.plan)
    assert len(_svgs_in(html, "map")) == 1


def test_svg_ids_are_unique(html: str) -> None:
    """No two elements share an id, so one figure's clip paths cannot clip another."""
    ids = [el.get("id") for el in parse(html).iter() if el.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "expected",
    [
        "4,920",  # tonnes moved
        "96.6 %",  # demand met, 1 - 12.25 / 365 t consumed (431 with build-up)
        "123,456.79",  # objective
        "C+8–C+10",  # days U1 is short of fuel
        "C+7 (2025-05-08)",  # U1 closes a day late
        "1 d late",
        "the Mockava break-of-gauge yard limits fuel deliveries from C+5",
        "1,033,780",  # rail tonne-km: 62 movements over 1150 and 120 km
        "2025-05-01 to 2025-05-14",
    ],
)
def test_report_states_the_plan_numbers(html: str, expected: str) -> None:
    """The headline figures and tables carry the plan's own numbers."""
    assert expected in text_of(parse(html))


def test_shortfall_row_sums_the_days(html: str) -> None:
    """The shortfall table has one row for U1 fuel with 4.5 + 4.5 + 3.25 t short, and why."""
    root = parse(html)
    section = next(el for el in root.iter("section") if el.get("id") == "shortfalls")
    rows = [["".join(td.itertext()) or None for td in tr.iter("td")] for tr in section.iter("tr")]
    rows = [r for r in rows if r]
    assert rows == [
        # demand is what U1 consumes (96 t), not its build-up too (132 t): 12.76 % short;
        # as the CLI shows them (12.25 t read "12.2": one decimal, half to even)
        # short before demand, in the CLI's order (planning.summary.SHORTFALL_COLUMNS)
        ["U1", "fuel", "12.25", "96.00", "12.76", "C+8–C+10", "capacity (see the bottlenecks)"]
    ]


def test_user_text_is_escaped(html: str) -> None:
    """A scenario name with markup characters shows as text, never as tags."""
    assert "Iron Wolf &lt;tiny&gt; &amp; co" in html
    assert "<tiny>" not in html


def test_no_external_resources(html: str) -> None:
    """Nothing is fetched: no scripts, links, imports, and no http(s) address but XML namespaces."""
    assert not re.search(r"<script|<link|<iframe|<img|@import|src=", html, re.IGNORECASE)
    addresses = set(re.findall(r"https?://[^\s\"')]+", html))
    assert addresses <= NAMESPACE_URIS


def test_rendering_is_deterministic(case: Case, html: str) -> None:
    """The same plan gives the same bytes (no dates, no random ids), so reports diff cleanly."""
    again = render_plan_report(case.scenario, case.demand, case.plan)
    assert again == html


def test_write_puts_the_report_in_place(case: Case, tmp_path: Path) -> None:
    """The file is written whole, and no temporary file is left beside it."""
    path = write_plan_report(case.scenario, case.demand, case.plan, tmp_path / "plan.html")
    assert path == tmp_path / "plan.html"
    parse(path.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]


def test_write_to_missing_folder_makes_it(case: Case, tmp_path: Path) -> None:
    """A missing folder is made, as ``--report`` makes it (the API raised NotFoundError)."""
    path = tmp_path / "new" / "deeper" / "plan.html"
    assert write_plan_report(case.scenario, case.demand, case.plan, path) == path
    parse(path.read_text(encoding="utf-8"))
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.html"]


@pytest.mark.parametrize("name", ["x.txt", "plan", "plan.json"])
def test_a_name_not_html_is_refused_before_anything(case: Case, tmp_path: Path, name: str) -> None:
    """``x.txt`` is refused, as ``--report x.txt`` is (the API wrote it); nothing is made."""
    with pytest.raises(OutputError, match=f"must end in .html or .htm, not '{name}'"):
        write_plan_report(case.scenario, case.demand, case.plan, tmp_path / "new" / name)
    assert list(tmp_path.iterdir()) == []


def test_extra_sections_and_map_layers(case: Case) -> None:
    """A later part (routing) can add a section with a table and routes drawn on the map."""
    reach = ReportSection(
        id="reach-check",
        title="Reach check",
        intro="Which units the network can supply in time.",
        tables=(Table(columns=("unit", "reachable by"), rows=(("U1", "C+4"), ("U2", "C+0"))),),
    )
    routes = MapLayer(
        name="convoy routes",
        lines=(MapPolyline(points=((23.90, 54.90), (25.0, 55.1), (25.77, 54.98)), label="R1"),),
        label_lines=True,
    )
    html = render_plan_report(
        case.scenario, case.demand, case.plan, extra_sections=(reach,), map_layers=(routes,)
    )
    root = parse(html)
    section = next(el for el in root.iter("section") if el.get("id") == "reach-check")
    assert "reachable by" in " ".join(section.itertext())
    assert 'href="#reach-check"' in html
    map_section = next(el for el in root.iter("section") if el.get("id") == "map")
    assert "convoy routes" in " ".join(map_section.itertext())


def test_duplicate_section_id_is_refused(case: Case) -> None:
    """An extra section may not reuse the id of one of the plan's own sections."""
    clash = ReportSection(id="summary", title="Another summary")
    with pytest.raises(ValueError, match="repeated: summary"):
        render_plan_report(case.scenario, case.demand, case.plan, extra_sections=(clash,))


def test_empty_plan_says_so(case: Case) -> None:
    """A plan that found nothing renders, and says there is nothing rather than failing."""
    empty = Plan(
        scenario=case.plan.scenario,
        start_date=case.plan.start_date,
        horizon_days=case.plan.horizon_days,
        status=PlanStatus.NO_SOLUTION,
        objective=0.0,
    )
    text = text_of(parse(render_plan_report(case.scenario, case.demand, empty)))
    assert "The plan moves nothing." in text
    assert "No shortfall" in text
    assert "no plan found" in text


def test_many_units_are_capped_in_the_panels(case: Case) -> None:
    """With fewer panels than units, the report says how many units it shows."""
    html = render_plan_report(case.scenario, case.demand, case.plan, max_unit_panels=1)
    assert "Showing 1 of 2 units, the most short first." in html


def test_plan_without_closures_has_no_closure_rows(case: Case) -> None:
    """When no unit deploys, the closure section says so instead of an empty table."""
    plan = dataclasses.replace(case.plan, closures=())
    text = text_of(parse(render_plan_report(case.scenario, case.demand, plan)))
    assert "No unit deploys in this plan." in text


@pytest.mark.parametrize("title", ["U1 at Pabradė", "U2 at Rukla"])
def test_supply_panels_name_unit_and_place(html: str, title: str) -> None:
    """Each unit's days-of-supply panel is titled with the unit and the place it stands."""
    root = parse(html)
    section = next(el for el in root.iter("section") if el.get("id") == "supply")
    assert title in " ".join(section.itertext())


@pytest.mark.parametrize(
    ("short", "demand", "shown"),
    [
        (7, 100, "93.0"),
        (8, 10, "20.0"),
        (1.275, 17893.075, "99.993"),  # the relief example: it read 99.9, 14x the shortfall
        (0.25, 100, "99.75"),
        (1, 3, "66.7"),
        (1e-5, 17893.075, "99.999"),  # would read 100 while short: rounded down
        (0, 17893.075, "100"),
    ],
)
def test_demand_met_shows_the_short_share_but_never_100_while_short(
    short: float, demand: float, shown: str
) -> None:
    """Demand met reads to the decimals its short share needs (2 digits, at most 3 places).

    7 t short of 100 is 93.0 %, not 92.9 % (1 - 0.07 is 0.9299999999999999).
    """
    from supplyline.reports.headline_cards import percent_met as _percent_met

    assert _percent_met(1 - short / demand) == shown


@pytest.mark.parametrize("typed", ["new/", "new/deeper/"])
def test_a_folder_path_is_said_as_one_before_its_ending(
    case: Case, tmp_path: Path, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``write_plan_report(…, "new/")``: a folder path, its slash kept, as ``--report new/``."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(
        OutputError,
        match=f"^{typed} is a folder path: give a file name, e.g. {typed}plan.html$",
    ):
        write_plan_report(case.scenario, case.demand, case.plan, typed)
    assert list(tmp_path.iterdir()) == []
