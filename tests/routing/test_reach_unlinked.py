"""A unit whose place no link reaches is flagged by reach, not judged on an estimated road.

A staff planner's steppe-island2 outpost had no link at all: ``plan`` left it 87.22 t
short while reach read it ok, 161.6 km away by great circle × detour (``by_road`` false).
"""

from __future__ import annotations

from dataclasses import replace

from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind
from supplyline.domain.stocks import Stock
from supplyline.routing.reach import check_reach


def test_a_unit_no_link_reaches_is_flagged_with_its_estimate() -> None:
    """U2's place has no link: flagged, naming the estimate; U1 on its road stays ok."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("L1", 0.2), loc("L2", -0.3)],
        [unit("U1", "L1"), unit("U2", "L2")],
        [road("D", "L1", 25.0)],
        [fleet("T", "D", count=4, payload_t=10.0)],
    )
    s = replace(s, stocks=(Stock(location="D", commodity="food", initial_t=500.0),))
    check = check_reach(s, {"U1": 5.0, "U2": 5.0}, availability=0.75)
    rows = {r.unit: r for r in check.rows}
    assert rows["U1"].sustainable
    assert not rows["U2"].sustainable
    assert not rows["U2"].by_road
    assert rows["U2"].reason.startswith(
        f"no link in links.csv leads to L2: its {rows['U2'].road_km:.1f} km from D are great "
        "circle × detour 1.3, not a road"
    )
