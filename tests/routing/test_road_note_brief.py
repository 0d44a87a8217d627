"""The note on roads kept to their capacity: every road in the files, a brief on the terminal.

It named every full road direction, with its day, capacity and ask: on a day of many full
roads, many lines of terminal output.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from routing_scenarios import fleet, loc, road, scenario
from routing_scenarios import unit as unit_at

from supplyline.cli.routes_cmds import _print_day
from supplyline.domain import LocationKind
from supplyline.domain.routes import Routes, UnservedReason
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.road_load import Full
from supplyline.routing.road_note import NAMED_ROADS, road_note

ROUTER = RouterParams(time_limit_s=2, max_iterations=200, seed=4)
PLACES = 5


@pytest.fixture(scope="module")
def full_roads() -> Routes:
    """Five places, each at the end of its one road of 2 t/day, each asking 6 t."""
    places = [loc("D", 0.0, LocationKind.DEPOT)] + [loc(f"L{i}", 0.1) for i in range(PLACES)]
    units = [unit_at(f"U{i}", f"L{i}") for i in range(PLACES)]
    roads = [road("D", f"L{i}", 10.0, capacity=2.0) for i in range(PLACES)]
    s = scenario(places, units, roads, [fleet("T", "D", count=4, payload_t=6.0)])
    ask = [DeliveryRequest(unit=f"U{i}", location=f"L{i}", load_t={"food": 6.0}) for i in range(5)]
    return route_day(s, ask, day=0, params=ConvoyParams(router=ROUTER))


def _road_note(routes: Routes) -> str:
    (note,) = [n for n in routes.notes if n.startswith("roads kept to their capacity")]
    return note


def test_the_files_keep_every_full_road(full_roads: Routes) -> None:
    """The note among the routes' notes (routes.json, the report) names all five roads."""
    note = _road_note(full_roads)
    assert note.count("full on C+0") == PLACES
    assert {u.reason for u in full_roads.unserved} == {UnservedReason.ROAD_FULL}


def test_the_brief_names_the_fullest_and_counts_the_rest(full_roads: Routes) -> None:
    """Five full roads: the brief says 5, names 3, 'and 2 more', and the tonnes not carried."""
    brief = full_roads.brief(_road_note(full_roads))
    assert brief.startswith(f"roads kept to their capacity: {PLACES} road directions full on C+0")
    assert brief.count("full on C+0 (link") == NAMED_ROADS
    assert f"and {PLACES - NAMED_ROADS} more" in brief
    assert f"{full_roads.unserved_t:,.3f} t not carried (road_full)" in brief


def test_the_terminal_prints_the_brief(full_roads: Routes) -> None:
    """`routes` prints the brief, not the note of every road."""
    out = Console(file=io.StringIO(), width=100_000)
    _print_day(full_roads, [], out)
    printed = out.file.getvalue()  # type: ignore[attr-defined]
    (line,) = [x for x in printed.splitlines() if x.startswith("note: roads kept")]
    assert f"and {PLACES - NAMED_ROADS} more" in line
    assert line.count("full on C+0 (link") == NAMED_ROADS


def test_a_few_full_roads_are_said_whole_everywhere() -> None:
    """Up to NAMED_ROADS roads, the brief is the note itself (so no brief is kept)."""
    full = [Full((f"r{i}", "A", f"B{i}"), 2.0, 5.0 + i) for i in range(NAMED_ROADS)]
    whole, brief = road_note(full, 0, 9.0, 0.0)
    assert brief == whole
    assert whole.count("full on C+0") == NAMED_ROADS


def test_the_brief_ranks_by_the_tonnes_beyond_capacity() -> None:
    """The road asked most beyond its capacity is named first, the least one not named."""
    full = [Full((f"r{i}", "A", f"B{i}"), 2.0, 3.0 + i) for i in range(NAMED_ROADS + 1)]
    _, brief = road_note(full, 0, 9.0, 1.0)
    assert brief.index(f"road A–B{NAMED_ROADS} full") < brief.index("road A–B1 full")
    assert "road A–B0 full" not in brief
