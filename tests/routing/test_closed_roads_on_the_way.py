"""The reach check names only the closed roads on the unit's way, not one to a dead end.

A re-checker's unit at camp A, fed from the depot by a 3 t/day road through a midpoint
while the direct road was closed, read "closed then: road host-depot–camp-a (link r-a),
road host-depot–camp-c (link r-c)": r-c leads only to camp C, a dead end, and was closed
on the same days.
"""

from __future__ import annotations

import dataclasses

from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.routing.reach import check_reach


def _road(link_id: str, a: str, b: str, cap: float, closed: range = range(0)) -> Link:
    return dataclasses.replace(
        road(a, b, 20.0), id=link_id, capacity_t_per_day=cap, outage_days=frozenset(closed)
    )


def _depot_mid_and_dead_end(units: list[tuple[str, str]]) -> Scenario:
    """D–S direct (closed C+0–C+1) or D–M–S (3 t/day on M–S); D–C closed on the same days."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("M", 0.1), loc("S", 0.2), loc("C", 0.2, lat=0.3)],
        [unit(u, at) for u, at in units],
        [_road("A", "D", "S", 500.0, range(0, 2)), _road("M1", "D", "M", 500.0),
         _road("M2", "M", "S", 3.0), _road("C", "D", "C", 500.0, range(0, 2))],
        [fleet("T", "D", count=20, payload_t=10.0)],
    )  # fmt: skip
    return dataclasses.replace(
        s, horizon_days=4, stocks=(Stock(location="D", commodity="food", initial_t=1e5),)
    )


def test_a_closed_road_to_a_dead_end_is_not_named() -> None:
    (row,) = check_reach(_depot_mid_and_dead_end([("U", "S")]), {"U": 15.0}, availability=1.0).rows
    assert not row.sustainable
    assert "closed then: road D–S (link A))" in row.reason
    assert "link C" not in row.reason


def test_nor_beside_a_unit_at_the_dead_end() -> None:
    """The dead-end camp's own unit does not put its road among the closed on U's way."""
    check = check_reach(
        _depot_mid_and_dead_end([("U", "S"), ("V", "C")]),
        {"U": 15.0, "V": 1.0},
        availability=1.0,
    )
    (flagged,) = [r for r in check.rows if r.unit == "U"]
    assert not flagged.sustainable
    assert "link A" in flagged.reason
    assert "link C" not in flagged.reason
