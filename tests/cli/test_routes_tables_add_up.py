"""The routes command's tables add up to the headline beside them, as read.

A bilateral day's trucks cost 262.4, 528.2 and 324.2: whole, each alone, they read
262 + 528 + 324 = 1,114 beside a headline of "cost 1,114.80"; another day's, 1,115. The
Not delivered table says so under it (as plan's shortfall table does): a planner summing
its rows against the unrounded unserved.csv found them a digit apart, with no word why.
The Trucks and Drawn on site tables, rounded the same way, said nothing of it; they do now.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from supplyline.cli.routes_cmds import _print_day
from supplyline.domain.rounding import rounded
from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    Stop,
    TruckRoute,
    Unserved,
    UnservedReason,
)
from supplyline.io.route_tables import (
    DRAWN_ADDS_UP_NOTE,
    TRUCKS_ADDS_UP_NOTE,
    UNSERVED_ADDS_UP_NOTE,
    rounded_alone_note,
)


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
    too_large = UnservedReason.TOO_LARGE
    unserved = tuple(
        Unserved(unit=f"x{n}", location="far", load_t={"water": t}, reason=too_large, detail="")
        for n, t in enumerate(lost)
    )
    return Routes(scenario="s", day=3, date=dt.date(2026, 3, 1), status=RouteStatus.PARTIAL,
                  routes=routes, unserved=unserved, on_site=on_site,
                  total_distance_km=sum(r.distance_km for r in routes),
                  total_cost=sum(r.cost for r in routes))  # fmt: skip


def _printed(routes: Routes) -> str:
    out = Console(file=io.StringIO(), width=200, color_system=None)
    _print_day(routes, (), out)
    assert isinstance(out.file, io.StringIO)
    return out.file.getvalue()


def _column(text: str, title: str, heading: str) -> list[Decimal]:
    """The figures of one column of the table titled ``title``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    top = next(i for i in range(start, len(lines)) if lines[i].startswith("┃"))
    head = [c.strip() for c in re.split(r"[┃]", lines[top])]
    at = head.index(heading)
    figures = []
    for line in lines[top + 2 :]:
        if not line.startswith("│"):
            break
        figures.append(Decimal(re.split(r"[│]", line)[at].strip().replace(",", "")))
    return figures


def _decimals(figures: list[Decimal]) -> set[int]:
    """The decimals the column's figures read to; an exact zero reads ``0`` in any column."""
    return {-int(f.as_tuple().exponent) for f in figures if f or f.as_tuple().exponent}


def test_the_trucks_costs_add_up_to_the_headline_cost() -> None:
    """262.4 + 528.2 + 324.2 of cost: the column and the headline read 262 + 528 + 325 = 1,115."""
    text = _printed(_day([(80.0, 262.4, 10.0), (270.0, 528.2, 20.0), (270.0, 324.2, 5.0)], [], []))
    headline = text.splitlines()[0]
    found = re.search(r"cost ([\d,.]+)", headline)
    assert found is not None, headline
    cost = Decimal(found.group(1).replace(",", ""))
    column = _column(text, "Trucks", "cost")
    assert sum(column) == cost, text
    assert _decimals([*column, cost]) == {-cost.as_tuple().exponent}


figure = st.floats(min_value=0.001, max_value=900.0, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=60, deadline=None)
@given(
    trucks=st.lists(st.tuples(figure, figure, figure), min_size=1, max_size=5),
    drawn=st.lists(figure, max_size=3),
    lost=st.lists(figure, max_size=3),
)
def test_every_routes_table_adds_up_to_its_headline_figure(
    trucks: list[tuple[float, float, float]], drawn: list[float], lost: list[float]
) -> None:
    """Trucks' km, tonnes and cost, the draws' and the lost loads' tonnes: each adds up."""
    text = _printed(_day(trucks, drawn, lost))
    headline = text.splitlines()[0]
    said = {
        ("Trucks", "km"): r"([\d,.]+) km",
        ("Trucks", "cost"): r"cost ([\d,.]+)",
        ("Trucks", "tonnes"): r"([\d,.]+) t delivered",
        ("Drawn on site", "tonnes"): r"([\d,.]+) t drawn on site",
        ("Not delivered", "tonnes"): r"([\d,.]+) t unserved",
    }
    for (title, heading), pattern in said.items():
        if (title == "Drawn on site" and not drawn) or (title == "Not delivered" and not lost):
            continue
        found = re.search(pattern, headline)
        assert found is not None, headline
        total = Decimal(found.group(1).replace(",", ""))
        column = _column(text, title, heading)
        assert sum(column) == total, (title, heading, text)
        decimals = {-int(total.as_tuple().exponent)} if any(column) else set()
        assert _decimals(column) == decimals, (title, heading, text)


@pytest.mark.parametrize(
    ("trucks", "km"), [([(80.0, 1.0, 1.0), (270.0, 1.0, 1.0)], "350 km"),
                       ([(80.25, 1.0, 1.0), (20.5, 1.0, 1.0)], "100.75 km")],
)  # fmt: skip
def test_the_headline_km_read_as_the_trucks_column(
    trucks: list[tuple[float, float, float]], km: str
) -> None:
    """Whole km read whole beside whole rows (not "350.0"); parts of a km to 0.01 both."""
    assert km in _printed(_day(trucks, [], [])).splitlines()[0]


def test_a_row_moved_to_add_up_is_said_under_the_table() -> None:
    """341.654 t of three lost loads reads 341.66 to add up to 855.64: the note says why.

    The table's own 88.96 gives its column 0.01 (not the trucks' 25.514: each table and
    the line's figure it adds up to take their own decimals).
    """
    trucks = [(10.0, 10.0, 25.514), (10.0, 10.0, 752.189)]
    text = _printed(_day(trucks, [], [425.021, 341.654, 88.96]))
    assert _column(text, "Not delivered", "tonnes") == [
        Decimal("425.02"), Decimal("341.66"), Decimal("88.96")
    ]  # fmt: skip
    assert "855.64 t unserved" in text.splitlines()[0]
    assert UNSERVED_ADDS_UP_NOTE in text.replace("\n", " ")


def test_one_row_read_as_rounded_alone_has_no_note() -> None:
    """One lost load that reads as its own figure rounded needs no word of rounding."""
    text = _printed(_day([(10.0, 10.0, 100.0)], [], [10.25]))
    assert _column(text, "Not delivered", "tonnes") == [Decimal("10.25")]
    assert "rounded to add up" not in text


@settings(max_examples=60, deadline=None)
@given(
    trucks=st.lists(st.tuples(figure, figure, figure), min_size=1, max_size=3),
    lost=st.lists(figure, min_size=1, max_size=3),
)
def test_rows_that_read_otherwise_than_alone_are_always_said_rounded(
    trucks: list[tuple[float, float, float]], lost: list[float]
) -> None:
    """Where a Not delivered row differs from its figure rounded alone, the note is printed."""
    routes = _day(trucks, [], lost)
    text = _printed(routes)
    column = _column(text, "Not delivered", "tonnes")
    places = -int(column[0].as_tuple().exponent)
    alone = [rounded(u.tonnes, places) for u in routes.unserved]
    said = UNSERVED_ADDS_UP_NOTE in text.replace("\n", " ")
    cut = any(rounded(u.tonnes, 6) != a for u, a in zip(routes.unserved, alone, strict=True))
    assert said == (column != alone or (len(lost) > 1 and cut)), text


def _flat(text: str) -> str:
    """The printed text with the console's line breaks undone (a note wraps at 200)."""
    return " ".join(text.split())


@settings(max_examples=60, deadline=None)
@given(
    trucks=st.lists(st.tuples(figure, figure, figure), min_size=1, max_size=4),
    drawn=st.lists(figure, min_size=1, max_size=3),
)
def test_every_table_moved_to_add_up_says_so_under_it(
    trucks: list[tuple[float, float, float]], drawn: list[float]
) -> None:
    """The Trucks and Drawn on site tables say their rounding by the Not delivered rule."""
    routes = _day(trucks, drawn, [])
    text = _printed(routes)
    tables = {
        ("Trucks", TRUCKS_ADDS_UP_NOTE): {
            "tonnes": [r.tonnes for r in routes.routes],
            "km": [r.distance_km for r in routes.routes],
            "cost": [r.cost for r in routes.routes],
        },
        ("Drawn on site", DRAWN_ADDS_UP_NOTE): {"tonnes": [d.tonnes for d in routes.on_site]},
    }
    for (title, note), columns in tables.items():
        needed = False
        for heading, exact in columns.items():
            column = _column(text, title, heading)
            alone = [rounded(v, -int(column[0].as_tuple().exponent)) for v in exact]
            cut = any(rounded(v, 6) != a for v, a in zip(exact, alone, strict=True))
            needed = needed or column != alone or (len(exact) > 1 and cut)
        assert (_flat(note) in _flat(text)) == needed, (title, text)


def test_rows_exact_as_shown_say_nothing_of_rounding() -> None:
    """Whole figures (45 and 40 t drawn, 100 km, cost 200) need no word of rounding."""
    text = _printed(_day([(100.0, 200.0, 10.0), (50.0, 100.0, 5.0)], [45.0, 40.0], []))
    assert "Rows rounded" not in text


def test_the_trucks_note_is_under_the_trucks_table() -> None:
    """262.4 + 528.2 + 324.2 of cost read 262, 528, 325: the note follows the Trucks table."""
    text = _printed(_day([(80.0, 262.4, 10.0), (270.0, 528.2, 20.0), (270.0, 324.2, 5.0)], [], []))
    lines = text.splitlines()
    bottom = max(i for i, line in enumerate(lines) if line.startswith("└"))
    assert _flat("\n".join(lines[bottom + 1 :])).startswith(_flat(TRUCKS_ADDS_UP_NOTE))


def test_rows_that_cannot_add_up_say_why_not() -> None:
    """A day's cost that is not its trucks' sum: rows rounded alone, and the note says so."""
    routes = replace(_day([(80.0, 262.4, 10.0), (270.0, 528.2, 20.0)], [], []), total_cost=900.0)
    text = _printed(routes)
    assert _column(text, "Trucks", "cost") == [Decimal(262), Decimal(528)]
    assert _flat(rounded_alone_note("cost")) in _flat(text)
    assert TRUCKS_ADDS_UP_NOTE not in text


def test_a_headline_figure_takes_its_own_table_s_decimals() -> None:
    """0.062 t delivered beside 100 t unserved reads 0.062, as the Trucks table reads it.

    The clean clone's case: one count of decimals for the whole line, capped at 0.01 by the
    100 t unserved, read "0.06 t delivered" above a Trucks table's 0.062.
    """
    text = _printed(_day([(1.0, 1.0, 0.062)], [], [100.0]))
    headline = text.splitlines()[0]
    assert "0.062 t delivered" in headline
    assert _column(text, "Trucks", "tonnes") == [Decimal("0.062")]
    assert "100.0 t unserved" in headline
    assert _column(text, "Not delivered", "tonnes") == [Decimal("100.0")]
