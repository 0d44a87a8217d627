"""The routes report's convoy-routes section says the figures the CLI's ``routes`` says.

Its intro had rounded its tonnes to as many decimals as made them add up and its km whole,
while its trucks' rows were each rounded alone, and the CLI's headline and tables had been
made to add up: a day of trucks costing 262.4, 528.2 and 324.2 read 262 + 528 + 324 in the
report beside the CLI's 263 + 528 + 324 = 1,115.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from supplyline.cli.routes_cmds import _print_day
from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    Stop,
    TruckRoute,
    Unserved,
    UnservedReason,
)
from supplyline.reports.routes_report import routes_section
from supplyline.reports.sections import Table


def _truck(n: int, km: float, cost: float, tonnes: float) -> TruckRoute:
    stop = Stop(unit=f"u{n}", location="far", trip=1, arrival_h=6.0, service_start_h=6.0,
                departure_h=6.5, load_t={"water": tonnes})  # fmt: skip
    return TruckRoute(truck=f"tk#{n}", fleet_group="tk", vehicle_type="bowser", depot="dep",
                      start_h=2.0, end_h=10.0, distance_km=km, cost=cost, payload_t=30.0,
                      stops=(stop,))  # fmt: skip


def _day(trucks: list[tuple[float, float, float]], drawn: list[float], lost: list[float]) -> Routes:
    """A day of trucks (km, cost, tonnes), draws on site and loads not delivered."""
    routes = tuple(_truck(n, *t) for n, t in enumerate(trucks))
    on_site = tuple(
        DrawnOnSite(unit=f"d{n}", location="far", load_t={"water": t}) for n, t in enumerate(drawn)
    )
    unserved = tuple(
        Unserved(unit=f"x{n}", location="far", load_t={"water": t},
                 reason=UnservedReason.TOO_LARGE, detail="")
        for n, t in enumerate(lost)
    )  # fmt: skip
    return Routes(scenario="s", day=3, date=dt.date(2026, 3, 1), status=RouteStatus.PARTIAL,
                  routes=routes, unserved=unserved, on_site=on_site,
                  total_distance_km=sum(r.distance_km for r in routes),
                  total_cost=sum(r.cost for r in routes))  # fmt: skip


def _cli_column(routes: Routes, title: str, heading: str) -> list[str]:
    """The cells of one column of the CLI's table titled ``title``, as printed."""
    out = Console(file=io.StringIO(), width=200, color_system=None)
    _print_day(routes, (), out)
    assert isinstance(out.file, io.StringIO)
    lines = out.file.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    top = next(i for i in range(start, len(lines)) if lines[i].startswith("┃"))
    at = [c.strip() for c in lines[top].split("┃")].index(heading)
    cells = []
    for line in lines[top + 2 :]:
        if not line.startswith("│"):
            break
        cells.append(line.split("│")[at].strip())
    return cells


def _report_column(table: Table, heading: str) -> list[str]:
    """The cells of one column of a report table, as the page writes them."""
    at = table.columns.index(heading)
    places = table.column_decimals()
    return [table.format_cell(row[at], places[at]) for row in table.shown_rows()]


def _intro_figure(intro: str, pattern: str) -> Decimal:
    found = re.search(pattern, intro)
    assert found is not None, intro
    return Decimal(found.group(1).replace(",", ""))


def test_the_testers_trucks_cost_read_as_the_cli_reads_them() -> None:
    """Costs 262.4, 528.2 and 324.2: 263 + 528 + 324 (the largest remainder up) = 1,115."""
    routes = _day([(80.0, 262.4, 10.0), (270.0, 528.2, 20.0), (270.0, 324.2, 5.0)], [], [])
    section = routes_section(routes)
    trucks = section.tables[0]
    assert _report_column(trucks, "cost (the fleet's cost units)") == ["263", "528", "324"]
    assert _report_column(trucks, "cost (the fleet's cost units)") == _cli_column(
        routes, "Trucks", "cost"
    )
    assert "over 620 km at a cost of 1,115;" in section.intro


figure = st.floats(min_value=0.001, max_value=900.0, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=40, deadline=None)
@given(
    trucks=st.lists(st.tuples(figure, figure, figure), min_size=1, max_size=5),
    drawn=st.lists(figure, max_size=3),
    lost=st.lists(figure, max_size=3),
)
def test_the_section_reads_as_the_cli_and_its_tables_add_up_to_its_intro(
    trucks: list[tuple[float, float, float]], drawn: list[float], lost: list[float]
) -> None:
    """Each column of trucks, draws and lost loads: the CLI's cells, adding up to the intro."""
    routes = _day(trucks, drawn, lost)
    section = routes_section(routes)
    by_caption = {t.caption.split(" (")[0].split(";")[0].split(". ")[0]: t for t in section.tables}
    said = {
        ("Trucks on the road", "Trucks", "km"): r"over ([\d,.]+) km",
        ("Trucks on the road", "Trucks", "cost"): r"cost of ([\d,.]+);",
        ("Trucks on the road", "Trucks", "tonnes"): r"bring ([\d,.]+) t",
        ("Drawn on site", "Drawn on site", "tonnes"): r"([\d,.]+) t drawn on site",
        ("Not delivered", "Not delivered", "tonnes"): r"([\d,.]+) t not delivered",
    }
    headings = {"km": "km", "cost": "cost (the fleet's cost units)", "tonnes": "t"}
    for (caption, title, column), pattern in said.items():
        if caption not in by_caption:
            continue
        cells = _report_column(by_caption[caption], headings[column])
        assert cells == _cli_column(routes, title, column), (caption, column)
        total = _intro_figure(section.intro, pattern)
        assert sum(Decimal(c.replace(",", "")) for c in cells) == total, (caption, column)
