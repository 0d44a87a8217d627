"""Cross-entity checks report every problem, each naming the entity and field at fault."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import (
    Commodity,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
    check_scenario,
    check_scenario_sound,
)
from supplyline.errors import ScenarioError, Severity


def _loc(i: str, kind: LocationKind = LocationKind.DEPOT) -> Location:
    """A place near 50 N 20 E, each id a few hundred metres from the others (x, y, z).

    Not at one spot: a link between places at the same coordinates is warned of.
    """
    lon = 20.0 + 0.005 * (int.from_bytes(i.encode(), "big") % 101)
    return Location(id=i, name=i.upper(), partner="a", kind=kind, lat=50.0, lon=lon)


def _rail(i: str, a: str, b: str, gauge: int) -> Link:
    return Link(
        id=i,
        origin=a,
        destination=b,
        mode=Mode.RAIL,
        distance_km=100,
        transit_days=1,
        gauge_mm=gauge,
    )


def _road_out(days: Iterable[int]) -> Link:
    """A one-day road link x–y that is out on ``days``.

    Two-way: a one-way road into y, which no road leaves, is warned of on its own.
    """
    return Link(
        id="r",
        origin="x",
        destination="y",
        mode=Mode.ROAD,
        distance_km=1,
        transit_days=1,
        bidirectional=True,
        outage_days=frozenset(days),
    )


def _scenario(**kw: object) -> Scenario:
    base: dict[str, object] = dict(
        name="t",
        start_date=dt.date(2027, 1, 1),
        horizon_days=10,
        partners=(Partner(id="a", name="A"),),
        commodities=(
            Commodity(
                id="food", name="Food", supply_class=SupplyClass.FOOD, per_person_per_day=1.0
            ),
        ),
        locations=(_loc("x"), _loc("y"), _loc("z")),
    )
    base.update(kw)
    return Scenario(**base)  # type: ignore[arg-type]


def test_a_clean_scenario_has_no_findings() -> None:
    """Two stocked, linked locations and a unit at the end: nothing to report."""
    s = _scenario(
        links=(_rail("r1", "x", "y", 1435),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(Unit(id="u", name="U", partner="a", home="y", destination="y", personnel=5),),
    )
    assert check_scenario(s) == []


def test_link_to_unknown_location_names_both() -> None:
    """A dangling link end names the link and the missing location."""
    s = _scenario(links=(_rail("r1", "x", "nowhere", 1435),))
    (finding,) = check_scenario(s)
    assert finding.entity == "link"
    assert finding.entity_id == "r1"
    assert finding.field == "to"
    assert "'nowhere'" in finding.message


def test_duplicate_ids_are_reported() -> None:
    """Two locations with one id is an error on the id field."""
    s = _scenario(locations=(_loc("x"), _loc("x")))
    assert [(f.entity, f.field) for f in check_scenario(s)] == [("location", "id")]


def test_gauges_meeting_outside_a_transshipment_yard_is_an_error() -> None:
    """1435 mm and 1520 mm rail meeting at a depot must go through a transshipment yard."""
    s = _scenario(links=(_rail("r1", "x", "y", 1435), _rail("r2", "y", "z", 1520)))
    (finding,) = check_scenario(s)
    assert finding.field == "gauge_mm"
    assert "transshipment" in finding.message


def test_gauges_may_meet_at_a_transshipment_yard() -> None:
    """The same two gauges meeting at a transshipment location is fine."""
    locs = (_loc("x"), _loc("y", LocationKind.TRANSSHIPMENT), _loc("z"))
    s = _scenario(locations=locs, links=(_rail("r1", "x", "y", 1435), _rail("r2", "y", "z", 1520)))
    assert check_scenario(s) == []


@pytest.mark.parametrize("day", [-1, 10, 99])
def test_outage_outside_horizon_is_an_error(day: int) -> None:
    """An outage day outside 0..horizon-1 is flagged on the outage_days column."""
    link = _road_out({day})
    (finding,) = check_scenario(_scenario(links=(link,)))
    assert finding.field == "outage_days"


def _spans(text: str) -> set[int]:
    """The days of a message's ranges such as ``C-2, C+31, C+33–C+34``."""
    days: set[int] = set()
    for part in text.split(", "):
        first, _, last = part.partition("–")
        days.update(range(_day(first), _day(last or first) + 1))
    return days


def _day(label: str) -> int:
    """The day of a label ``C+3`` or ``C-2``."""
    return int(label.removeprefix("C"))


def _dates(text: str, start: dt.date) -> set[int]:
    """The days of a message's dates such as ``2026-12-30, 2027-02-01..2027-02-03``."""
    days: set[int] = set()
    for part in text.split(", "):
        first, _, last = part.partition("..")
        a = (dt.date.fromisoformat(first) - start).days
        b = (dt.date.fromisoformat(last or first) - start).days
        days.update(range(a, b + 1))
    return days


@given(st.sets(st.integers(-40, 60), min_size=1, max_size=40))
def test_outage_outside_horizon_names_ranges(days: set[int]) -> None:
    """Outage days outside the horizon are named once, as ranges that hold exactly those days."""
    link = _road_out(days)
    outside = {d for d in days if not 0 <= d <= 9}
    findings = check_scenario(_scenario(links=(link,)))
    if not outside:
        assert findings == []
        return
    (finding,) = findings
    m = re.fullmatch(
        r"outage days? (.+) (?:is|are) (.+), (?:after the horizon's last day C\+9 \(2027-01-10\)"
        r"|before the horizon's first day C\+0 \(2027-01-01\)"
        r"|outside the horizon, C\+0 \(2027-01-01\) to C\+9 \(2027-01-10\))",
        finding.message,
    )
    assert m, finding.message
    assert _dates(m.group(1), dt.date(2027, 1, 1)) == outside
    assert _spans(m.group(2)) == outside


def test_outage_range_message() -> None:
    """A long outage past the horizon is one range, not a list of every day."""
    link = _road_out(range(5, 100))
    (finding,) = check_scenario(_scenario(links=(link,)))
    assert finding.message == (
        "outage days 2027-01-11..2027-04-10 are C+10–C+99, "
        "after the horizon's last day C+9 (2027-01-10)"
    )


@pytest.mark.parametrize(("horizon", "fits"), [(12, True), (13, False)])
def test_horizon_must_end_in_the_calendar(horizon: int, fits: bool) -> None:
    """A scenario whose last day would be after 9999-12-31 cannot be made."""
    start = dt.date(9999, 12, 20)
    if fits:
        assert _scenario(start_date=start, horizon_days=horizon).date_of(horizon - 1) == dt.date.max
    else:
        with pytest.raises(ValueError, match=r"runs past 9999-12-31"):
            _scenario(start_date=start, horizon_days=horizon)


def test_unreachable_unit_is_a_warning_with_the_reason() -> None:
    """A unit that no stocked location can reach is a warning, not an error."""
    s = _scenario(
        links=(_rail("r1", "x", "y", 1435),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(Unit(id="u", name="U", partner="a", home="z", destination="z", personnel=5),),
    )
    (finding,) = check_scenario(s)
    assert finding.severity is Severity.WARNING
    assert "cannot be supplied" in finding.message


@pytest.mark.parametrize(
    ("cap_t", "cap_pax", "what"),
    [(0.0, None, "equipment"), (None, 0.0, "people"), (0.0, 0.0, "people")],
)
def test_a_unit_whose_people_or_equipment_have_no_way_is_a_warning(
    cap_t: float | None, cap_pax: float | None, what: str
) -> None:
    """The only link carries no tonnes (or no people): the unit can never close there."""
    link = dataclasses.replace(_rail("r1", "x", "y", 1435), capacity_t_per_day=cap_t)
    link = dataclasses.replace(link, capacity_pax_per_day=cap_pax)
    s = _scenario(
        links=(link,),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(
            Unit(
                id="u",
                name="U",
                partner="a",
                home="x",
                destination="y",
                personnel=5,
                deployment_lift_t=3.0,
            ),
        ),
    )
    found = [f for f in check_scenario(s) if f.entity == "unit"]
    assert [f.severity for f in found] == [Severity.WARNING] * len(found)
    # named, as every other unit warning is (a tester's read "its equipment" of no unit)
    assert any(f"unit 'u': its {what} cannot get from home 'x' to 'y'" in f.message for f in found)
    clean = _scenario(links=(_rail("r1", "x", "y", 1435),), stocks=s.stocks, units=s.units)
    assert not [f for f in check_scenario(clean) if f.entity == "unit"]


@pytest.mark.parametrize(("storage", "warned"), [(None, False), (10.0, False), (9.0, True)])
def test_more_on_hand_than_a_place_can_store_is_a_warning(
    storage: float | None, warned: bool
) -> None:
    """6 + 4 t on hand in a store of 9 t: the data contradict each other."""
    water = Commodity(id="water", name="Water", supply_class=SupplyClass.WATER)
    s = _scenario(
        commodities=(*_scenario().commodities, water),
        locations=(dataclasses.replace(_loc("x"), storage_t=storage), _loc("y"), _loc("z")),
        stocks=(
            Stock(location="x", commodity="food", initial_t=6.0),
            Stock(location="x", commodity="water", initial_t=4.0),
        ),
    )
    found = [f for f in check_scenario(s) if f.entity == "stock"]
    assert [(f.entity_id, f.field, f.severity) for f in found] == (
        [("x/food", "initial_t", Severity.WARNING)] if warned else []
    )
    if warned:
        assert found[0].message.startswith("10 t on hand at 'x' (all commodities) is more than")


def test_a_unit_behind_a_place_that_handles_nothing_cannot_be_supplied() -> None:
    """The only way in passes a yard of 0 t/day: the same warning as a link of 0 t/day."""
    s = _scenario(
        links=(_rail("r1", "x", "y", 1435), _rail("r2", "y", "z", 1435)),
        locations=(_loc("x"), dataclasses.replace(_loc("y"), handling_t_per_day=0.0), _loc("z")),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(Unit(id="u", name="U", partner="a", home="z", destination="z", personnel=5),),
    )
    (finding,) = check_scenario(s)
    assert "cannot be supplied" in finding.message
    assert "handling_t_per_day" in finding.message


@pytest.mark.parametrize(("out", "warned"), [(range(10), True), (range(9), False)])
def test_a_place_whose_only_road_is_closed_all_horizon_cannot_be_supplied(
    out: range, warned: bool
) -> None:
    """Road x→y closed on C+0–C+9 (all 10 days): y cannot be supplied, the road is named.

    Open on C+9 only, it still leads there: no warning.
    """
    s = _scenario(
        links=(_road_out(out),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(Unit(id="u", name="U", partner="a", home="y", destination="y", personnel=5),),
    )
    found = [f for f in check_scenario(s) if f.field == "destination"]
    if not warned:
        assert found == []
        return
    (finding,) = found
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("destination 'y' cannot be supplied")
    assert finding.message.endswith(
        "; closed on every day of the horizon (C+0–C+9), so not counted: r"
    )


def test_a_scenario_that_only_warns_is_sound_and_one_error_is_not() -> None:
    """``check_scenario_sound`` skips the checks that only warn, and still finds errors.

    The scenario draws warnings from the reach, storage and distance checks; the same with
    a link to an unknown place is refused.
    """
    far = dataclasses.replace(_loc("y"), lon=30.0)  # ~700 km from x by a 100 km rail link
    s = _scenario(
        locations=(dataclasses.replace(_loc("x"), storage_t=5.0), far, _loc("z")),
        links=(_rail("r1", "x", "y", 1435),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(Unit(id="u", name="U", partner="a", home="z", destination="z", personnel=5),),
    )
    found = check_scenario(s)
    assert {f.severity for f in found} == {Severity.WARNING}
    assert {f.entity for f in found} == {"unit", "stock", "link"}
    check_scenario_sound(s)
    broken = dataclasses.replace(s, links=(*s.links, _rail("r2", "x", "nowhere", 1435)))
    with pytest.raises(ScenarioError, match=r"1 error\(s\) in the scenario"):
        check_scenario_sound(broken)


def test_a_unit_away_from_home_with_nothing_to_move_is_a_warning() -> None:
    """A tester's 21 trucks, 0 people and no lift, a week away, were fed there from C+1."""
    away = Unit(
        id="u",
        name="U",
        partner="a",
        home="x",
        destination="y",
        personnel=0,
    )
    s = _scenario(
        links=(_rail("r1", "x", "y", 1435),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(away,),
    )
    (finding,) = check_scenario(s)
    assert (finding.severity, finding.entity_id, finding.field) == (
        Severity.WARNING,
        "u",
        "deployment_lift_t",
    )
    assert "planned as already at 'y'" in finding.message
    moving = dataclasses.replace(away, deployment_lift_t=30.0)
    assert check_scenario(dataclasses.replace(s, units=(moving,))) == []


def test_a_unit_in_place_with_a_lift_is_a_warning() -> None:
    """A tester's unit with home = destination and a 50 t lift planned it without a word."""
    there = Unit(
        id="u",
        name="U",
        partner="a",
        home="y",
        destination="y",
        personnel=10,
        deployment_lift_t=50.0,
    )
    s = _scenario(
        links=(_rail("r1", "x", "y", 1435),),
        stocks=(Stock(location="x", commodity="food", initial_t=10),),
        units=(there,),
    )
    (finding,) = check_scenario(s)
    assert (finding.severity, finding.entity_id, finding.field) == (
        Severity.WARNING,
        "u",
        "deployment_lift_t",
    )
    assert "already in place" in finding.message
    assert "those 50 t are not planned" in finding.message
    no_lift = dataclasses.replace(there, deployment_lift_t=0.0)
    assert check_scenario(dataclasses.replace(s, units=(no_lift,))) == []


def _written_outage(entity: str, entity_id: str, field: str) -> str | None:
    """The loader's lookup of a cell as written, for a link's outage_days only."""
    return "AS-WRITTEN" if (entity, field) == ("link", "outage_days") else None


@given(st.sets(st.integers(-40, 60), min_size=1, max_size=40))
def test_outage_outside_horizon_is_said_as_written_first(days: set[int]) -> None:
    """With the cell as written, it leads; then the days outside, as C+N and dates, exactly.

    A tester who wrote ``C+3-C+14`` read "outage days 2026-01-13..2026-01-15 are C+12–C+14".
    """
    outside = {d for d in days if not 0 <= d <= 9}
    findings = check_scenario(_scenario(links=(_road_out(days),)), written=_written_outage)
    if not outside:
        assert findings == []
        return
    (finding,) = findings
    m = re.fullmatch(
        r"outage days? AS-WRITTEN(?:: (?P<spans>.+?) \((?P<dates>.+?)\) (?:is|are) "
        r"| is (?P<span>C[+-]\d+) \((?P<date>[\d-]+)\), )(?:after|before|outside) the horizon.*",
        finding.message,
    )
    assert m, finding.message
    assert _spans(m["spans"] or m["span"]) == outside
    assert _dates(m["dates"] or m["date"], dt.date(2027, 1, 1)) == outside
    assert (m["span"] is not None) == (len(days) == 1)  # "is C+N" only of one day written
