"""The one-way dead-end check finds what its per-road search found, from roads gathered once.

``check_one_way_dead_ends`` looked through every road once for each one-way road (0.3-0.95 s
of a 500-place corridor's load); it now gathers the roads out of each place once. The
replaced code is kept here as the reference.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Link, Location, LocationKind, Mode, Partner, Scenario
from supplyline.domain.findings import Finding
from supplyline.domain.link_checks import check_one_way_dead_ends
from supplyline.errors import Severity

PLACES = ["A", "B", "C", "D", "E", "F"]
HORIZON_DAYS = 3


def _warning(link_id: str, message: str) -> Finding:
    return Finding(
        entity="link",
        entity_id=link_id,
        field="bidirectional",
        severity=Severity.WARNING,
        message=message,
    )


def ref_no_way_back(s: Scenario, link: Link, roads: list[Link]) -> list[Finding]:
    """The replaced ``_no_way_back``: every road searched for the roads out of the far end."""
    place = link.destination
    out = [r for r in roads if any(a == place for a, _ in r.directions())]
    days = range(s.horizon_days)
    if not out or any(r.carries_tonnes and any(r.is_open(d) for d in days) for r in out):
        return []
    why = "; ".join(
        f"{r.id!r} " + ("has capacity 0 t/day" if not r.carries_tonnes else "is closed every day")
        for r in out
    )
    return [
        _warning(
            link.id,
            f"road link {link.id!r} leads one way into {place!r}, and no road out of "
            f"{place!r} can be driven on any day ({why}): a truck has no way back, so the "
            f"plan brings nothing into {place!r} by road; give the road out a capacity, "
            "or make this road bidirectional",
        )
    ]


def ref_check(s: Scenario) -> list[Finding]:
    """The replaced ``check_one_way_dead_ends``."""
    roads = [link for link in s.links if link.mode is Mode.ROAD]
    leads_out = {a for link in roads for a, _ in link.directions()}
    found: list[Finding] = []
    for link in roads:
        place = link.destination
        if link.bidirectional or place == link.origin:
            continue
        if place in leads_out:
            found += ref_no_way_back(s, link, roads)
            continue
        found.append(
            _warning(
                link.id,
                f"road link {link.id!r} leads one way into {place!r}, and no road "
                f"leads out of {place!r}: a truck has no road back (routes and the plan "
                "take it back over a road the scenario does not give, estimated as the "
                "great circle × routing.detour_factor); make the road bidirectional, or "
                f"add the road out of {place!r}",
            )
        )
    return found


def _scenario(n: int, links: list[Link]) -> Scenario:
    return Scenario(
        name="t",
        start_date=dt.date(2027, 1, 1),
        horizon_days=HORIZON_DAYS,
        partners=(Partner(id="a", name="A"),),
        commodities=(),
        locations=tuple(
            Location(id=p, name=p, partner="a", kind=LocationKind.DEPOT, lat=50.0, lon=20.0 + i)
            for i, p in enumerate(PLACES[:n])
        ),
        links=tuple(links),
    )


@st.composite
def networks(draw: st.DrawFn) -> Scenario:
    """Up to 6 places, 0-12 links (mostly one-way roads, a few rail), capacity 0, closures.

    Outages are drawn over days 0-3 of a 3-day horizon, so a road closed every day, and
    one closed only beyond the horizon, both come up often. Ids may repeat.
    """
    n = draw(st.integers(2, len(PLACES)))
    links = []
    for k in range(draw(st.integers(0, 12))):
        a, b = draw(st.lists(st.sampled_from(PLACES[:n]), min_size=2, max_size=2, unique=True))
        links.append(
            Link(
                id=f"x{draw(st.integers(0, k))}",
                origin=a,
                destination=b,
                mode=draw(st.sampled_from([Mode.ROAD] * 5 + [Mode.RAIL])),
                distance_km=5.0,
                transit_days=1,
                capacity_t_per_day=draw(st.sampled_from([None, 0.0, 0.0, 10.0])),
                bidirectional=draw(st.sampled_from([False, False, True])),
                outage_days=frozenset(draw(st.lists(st.integers(0, HORIZON_DAYS), max_size=4))),
            )
        )
    return _scenario(n, links)


@settings(max_examples=300, deadline=None)
@given(networks())
def test_the_findings_are_the_per_road_searchs(s: Scenario) -> None:
    """The same warnings, with the same words, in the same order."""
    assert check_one_way_dead_ends(s) == ref_check(s)


def test_two_roads_into_one_shut_place_are_each_warned_of() -> None:
    """The roads out of a place, judged once, are named in each road in's warning.

    A and B each run one way into C; C's roads out are of capacity 0 (C→A) and closed on
    every day (C→B, two-way): both roads in are warned of, each naming both roads out.
    """
    shut = frozenset(range(HORIZON_DAYS))
    s = _scenario(
        3,
        [
            Link(id="a-c", origin="A", destination="C", mode=Mode.ROAD, distance_km=5,
                 transit_days=1),
            Link(id="c-a", origin="C", destination="A", mode=Mode.ROAD, distance_km=5,
                 transit_days=1, capacity_t_per_day=0.0),
            Link(id="b-c", origin="B", destination="C", mode=Mode.ROAD, distance_km=5,
                 transit_days=1),
            Link(id="c-b", origin="C", destination="B", mode=Mode.ROAD, distance_km=5,
                 transit_days=1, bidirectional=True, outage_days=shut),
        ],
    )  # fmt: skip
    found = check_one_way_dead_ends(s)
    assert [f.entity_id for f in found] == ["a-c", "b-c"]
    why = "('c-a' has capacity 0 t/day; 'c-b' is closed every day)"
    assert all(why in f.message for f in found)
