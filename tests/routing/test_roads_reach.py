"""Road distances and the reach check, on places whose answers can be worked out by hand."""

from __future__ import annotations

import dataclasses

import pytest
from routing_scenarios import fleet, loc, road, scenario, star, unit

from supplyline.domain import LocationKind, Mode, great_circle_km
from supplyline.routing.reach import check_reach
from supplyline.routing.roads import road_matrix


def _line() -> object:
    locs = [loc("A", 0.0), loc("B", 0.1), loc("C", 0.2), loc("D", 3.0)]
    return scenario(locs, [], [road("A", "B", 10.0), road("B", "C", 10.0),
                               road("A", "C", 50.0)], [])  # fmt: skip


def test_shortest_path_goes_through_the_middle() -> None:
    """A–B 10 km and B–C 10 km beat the direct A–C road of 50 km: 20 km by road."""
    m = road_matrix(_line(), ["A", "C"])  # type: ignore[arg-type]
    assert m.km[0, 1] == pytest.approx(20.0)
    assert m.by_road[0, 1]


def test_no_road_falls_back_to_great_circle_times_detour() -> None:
    """D has no road: its distance is great circle × 1.3 and flagged as not by road."""
    s = _line()
    m = road_matrix(s, ["A", "D"])  # type: ignore[arg-type]
    assert m.km[0, 1] == pytest.approx(great_circle_km(0.0, 0.0, 0.0, 3.0) * 1.3)
    assert not m.by_road[0, 1]


def test_link_in_outage_is_not_used_that_day() -> None:
    """With B–C out on day 2, A to C takes the 50 km road that day only."""
    s = _line()
    links = tuple(
        dataclasses.replace(lk, outage_days=frozenset({2})) if lk.id == "B-C" else lk
        for lk in s.links  # type: ignore[attr-defined]
    )
    s2 = dataclasses.replace(s, links=links)  # type: ignore[type-var]
    assert road_matrix(s2, ["A", "C"], day=2).km[0, 1] == pytest.approx(50.0)
    assert road_matrix(s2, ["A", "C"], day=1).km[0, 1] == pytest.approx(20.0)


def test_reach_numbers_for_a_simple_star() -> None:
    """100 km at 50 km/h + 30 min = 4.5 h round trip, 2 turns in 9 h; 2×0.75×2×10 = 30 t/day."""
    check = check_reach(star(1, 100.0, count=2, payload_t=10.0), {"U0": 20.0}, availability=0.75)
    (row,) = check.rows
    assert (row.supply_point, row.depot, row.road_km) == ("RH", "RH", 100.0)
    assert row.round_trip_h == pytest.approx(4.5)
    assert row.turns_per_truck == 2
    assert row.capacity_t_per_day == pytest.approx(30.0)
    assert row.turns_needed == 2
    assert row.sustainable


def test_unit_beyond_its_trucks_is_flagged_with_the_numbers() -> None:
    """40 t/day against 30 t/day of trucks is flagged, and the reason quotes both."""
    check = check_reach(star(1, 100.0, count=2, payload_t=10.0), {"U0": 40.0}, availability=0.75)
    (row,) = check.flagged
    assert "40.0 t/day" in row.reason
    assert "2 trucks at 75 % availability × 2 turns × 10 t = 30 t/day" in row.reason


def test_round_trip_longer_than_hours_is_flagged() -> None:
    """A unit 300 km out (12.5 h round trip) gets no turn in a 9 h day."""
    (row,) = check_reach(star(1, 300.0), {"U0": 1.0}, availability=0.75).rows
    assert row.turns_per_truck == 0
    assert "drivers' hours" in row.reason


def test_of_units_sharing_a_depot_the_one_that_does_not_fit_is_flagged() -> None:
    """Two units each needing 60% of the depot's truck-hours: 120%, one of them flagged.

    18 t = 1.8 trips × 4.5 h = 8.1 truck-hours each, of 2 × 0.75 × 9 = 13.5: the first
    (by name, as they tie) fits, the second does not, and only it is named.
    """
    check = check_reach(star(2, 100.0, count=2, payload_t=10.0), {"U0": 18.0, "U1": 18.0},
                        availability=0.75)  # fmt: skip
    assert [r.unit for r in check.flagged] == ["U1"]
    assert "8.1 truck-hours" in check.flagged[0].reason
    assert check.rows[0].depot_load_pct == pytest.approx(120.0)


def test_railhead_by_road_is_preferred_over_a_closer_estimate() -> None:
    """A railhead joined by road wins over a nearer one with no road at all."""
    locs = [loc("R1", 0.0, LocationKind.RAILHEAD), loc("R2", 0.25, LocationKind.PORT),
            loc("L0", 0.3)]  # fmt: skip
    s = scenario(locs, [unit("U0", "L0")], [road("R1", "L0", 40.0)], [fleet("F", "R1")])
    (row,) = check_reach(s, {"U0": 1.0}, availability=1.0).rows
    assert (row.supply_point, row.by_road) == ("R1", True)


def test_no_trucks_means_not_sustainable() -> None:
    """Without a fleet a unit with demand is flagged."""
    s = scenario([loc("R", 0.0, LocationKind.RAILHEAD), loc("L0", 0.1)], [unit("U0", "L0")],
                 [road("R", "L0", 10.0)], [])  # fmt: skip
    (row,) = check_reach(s, {"U0": 1.0}, availability=0.75).rows
    assert not row.sustainable
    assert row.depot is None


def test_availability_must_be_a_fraction() -> None:
    """An availability outside (0, 1] is rejected with the value quoted."""
    with pytest.raises(ValueError, match=r"availability\(=1.5\)"):
        check_reach(star(1), {}, availability=1.5)


def test_a_people_only_airfield_is_not_where_freight_arrives() -> None:
    """A tester's airfield (0 t/day by air) was taken for the railhead, nearer than the real one.

    The railhead at the end of a freight rail line serves the unit instead.
    """
    locs = [
        loc("HOME", -1.0, LocationKind.RAILHEAD),
        loc("AF", 0.05, LocationKind.AIRFIELD),
        loc("RH", 0.2, LocationKind.RAILHEAD),
        loc("L0", 0.1),
        loc("D", 0.15, LocationKind.DEPOT),
    ]
    long_haul = [
        dataclasses.replace(
            road("HOME", "AF", 900.0), id="air", mode=Mode.AIR, capacity_t_per_day=0.0
        ),
        dataclasses.replace(road("HOME", "RH", 900.0), id="rail", mode=Mode.RAIL),
    ]
    roads = [road("AF", "L0", 10.0), road("RH", "L0", 30.0), road("D", "L0", 20.0)]
    # the trucks' depot D holds nothing: the unit's supply point is where freight arrives
    s = scenario(locs, [unit("U0", "L0")], [*long_haul, *roads], [fleet("F", "D")])
    (row,) = check_reach(s, {"U0": 1.0}, availability=1.0).rows
    assert (row.supply_point, row.road_km) == ("RH", 30.0)
    without_rail = dataclasses.replace(s, links=(long_haul[0], *roads))
    (row,) = check_reach(without_rail, {"U0": 1.0}, availability=1.0).rows
    assert row.supply_point == "AF"  # no freight arrives anywhere: the nearest, as before
