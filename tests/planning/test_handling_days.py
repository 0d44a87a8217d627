"""A place's handling counts only on the days it can take in and send on (issue d262).

A tester's border post handled 10 t and 40 people a day, with no storage, and the road
beyond it was closed C+5–C+6. The warning said the unit's 40 t could all be at its camp
on C+10 ("at most 30 t by C+9"), counting the post on C+5–C+7 as if it could send on
then, and said nothing of its 100 people; the post sends on only from C+7, so the plan
closed the lift on C+12 (10 t by C+9), the people on C+11.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS, bound_days

from supplyline.domain import Link, Location, LocationKind, Mode, Partner, Scenario, Unit
from supplyline.planning import plan_movements
from supplyline.planning.arrival import never_in_place
from supplyline.planning.examples import FOOD, make_demand


def _place(
    i: int,
    *,
    handling_t: float | None = None,
    handling_pax: float | None = None,
    storage_t: float | None = None,
    dwell_days: int = 0,
) -> Location:
    return Location(
        id=f"P{i}",
        name=f"Place {i}",
        partner="A",
        kind=LocationKind.DEPOT,
        lat=50.0,
        lon=10.0 + i,
        handling_t_per_day=handling_t,
        handling_pax_per_day=handling_pax,
        storage_t=storage_t,
        dwell_days=dwell_days,
    )


def _link(
    link_id: str,
    a: int,
    b: int,
    *,
    transit: int = 1,
    cap_t: float | None = None,
    cap_pax: float | None = None,
    closed: frozenset[int] = frozenset(),
    both_ways: bool = True,
) -> Link:
    return Link(
        id=link_id,
        origin=f"P{a}",
        destination=f"P{b}",
        mode=Mode.ROAD,
        distance_km=50,
        transit_days=transit,
        capacity_t_per_day=cap_t,
        capacity_pax_per_day=cap_pax,
        bidirectional=both_ways,
        outage_days=closed,
    )


def _scenario(
    places: tuple[Location, ...], links: tuple[Link, ...], unit: Unit, days: int
) -> Scenario:
    return Scenario(
        name="corridor",
        start_date=dt.date(2026, 3, 2),
        horizon_days=days,
        partners=(Partner(id="A", name="Alpha"),),
        commodities=(FOOD,),  # none eaten: only the unit moves
        locations=places,
        links=links,
        units=(unit,),
        stocks=(),
    )


def _unit(dest: int, *, lift_t: float, people: int, available: int = 0, required: int = 6) -> Unit:
    return Unit(
        id="u1",
        name="Unit one",
        partner="A",
        home="P0",
        destination=f"P{dest}",
        personnel=people,
        available_day=available,
        required_day=required,
        deployment_lift_t=lift_t,
    )


def _border_post(beyond: int = 1) -> Scenario:
    """The tester's corridor: home, rail to a yard and on to a border post, road on to a camp.

    Rail C+0 → yard (C+3, a day's dwell, 12 t/day) → post ``P3`` (C+5: 10 t and 40 people
    a day, no storage) → road, closed C+5–C+6, to ``P4`` (a day) → road to the camp ``P5``.
    ``beyond`` roads lead out of the post to ``P4``, all closed on those days.
    """
    places = (
        _place(0),
        _place(1),
        _place(2, handling_t=12.0, storage_t=20.0, dwell_days=1),
        _place(3, handling_t=10.0, handling_pax=40.0, storage_t=0.0),
        _place(4, storage_t=15.0),
        _place(5),
    )
    closed = frozenset({5, 6})
    roads_beyond = tuple(
        _link(f"beyond-{k}", 3, 4, cap_t=30.0, cap_pax=100.0, closed=closed) for k in range(beyond)
    )
    links = (
        _link("home", 0, 1, cap_t=100.0, cap_pax=200.0),
        _link("rail-west", 1, 2, transit=2, cap_t=40.0, cap_pax=100.0),
        _link("rail-east", 2, 3, cap_t=40.0, cap_pax=100.0),
        *roads_beyond,
        _link("to-camp", 4, 5, cap_t=20.0, cap_pax=100.0),
    )
    return _scenario(places, links, _unit(5, lift_t=40.0, people=100), days=14)


def _said(scenario: Scenario) -> dict[str, str]:
    """The lift's and the people's warnings, by field."""
    return {
        f.field: f.message
        for f in never_in_place(scenario)
        if f.field in ("deployment_lift_t", "personnel")
    }


def _closure_day(scenario: Scenario) -> int | None:
    (closure,) = plan_movements(scenario, make_demand(scenario, {})).closures
    return closure.closure_day


def test_a_border_post_sends_on_only_on_the_days_the_road_beyond_is_open() -> None:
    """10 t a day from C+7: the lift all there C+12, the people (40 a day) C+11, as planned."""
    scenario = _border_post()
    said = _said(scenario)
    lift = said["deployment_lift_t"]
    assert "its 40 t of lift can all be at 'P5' on C+12 at the earliest" in lift
    assert lift.endswith("so at most 30 t can be there by C+11")
    assert "its 100 people can all be at 'P5' on C+11 at the earliest" in said["personnel"]
    assert said["personnel"].endswith("so at most 80 people can be there by C+10")
    assert _closure_day(scenario) == 12


def test_two_roads_beyond_a_post_share_its_handling() -> None:
    """Two roads out of the post carry 10 t a day between them, not 10 t each."""
    scenario = _border_post(beyond=2)
    assert "on C+12 at the earliest" in _said(scenario)["deployment_lift_t"]
    assert _closure_day(scenario) == 12


def test_a_post_takes_in_only_what_the_roads_into_it_can_bring() -> None:
    """Two roads into a 10 t/day post, both closed C+0–C+4: 10 t a day arrive from C+6.

    Counted on every day from its first (C+1), the post's handling hid that nothing can
    reach it before C+6; two roads at 10 t/day each are not 20 t/day through it.
    """
    places = (_place(0), _place(1, handling_t=10.0), _place(2))
    closed = frozenset(range(5))
    links = (
        _link("in-a", 0, 1, closed=closed, both_ways=False),
        _link("in-b", 0, 1, closed=closed, both_ways=False),
        _link("on", 1, 2),
    )
    scenario = _scenario(places, links, _unit(2, lift_t=40.0, people=0, required=2), days=14)
    assert "on C+10 at the earliest" in _said(scenario)["deployment_lift_t"]
    assert _closure_day(scenario) == 10


@st.composite
def corridors(draw: st.DrawFn) -> Scenario:
    """A chain of 3–5 places from a unit's home to its destination, and a way round.

    Places may handle few tonnes and people a day (no storage, or a little), dwell a day;
    links take 0–2 days, may be narrow, closed for a run of days, go both ways; a second
    link beside one, or round a place, now and then.
    """
    n = draw(st.integers(3, 5))
    days = draw(st.integers(6, 12))
    places = tuple(
        _place(
            i,
            handling_t=draw(st.one_of(st.none(), st.floats(2, 30))),
            handling_pax=draw(st.one_of(st.none(), st.floats(2, 30))),
            storage_t=draw(st.sampled_from([None, 0.0, 5.0])),
            dwell_days=draw(st.integers(0, 1)),
        )
        for i in range(n)
    )
    links = []
    pairs = [(i, i + 1) for i in range(n - 1)]
    pairs += draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=2))
    for k, (a, b) in enumerate(pairs):
        if a == b:
            continue
        first = draw(st.integers(0, days - 1))
        closed = draw(st.sampled_from([frozenset(), frozenset(range(first, first + 3))]))
        links.append(
            _link(
                f"K{k}",
                a,
                b,
                transit=draw(st.integers(0, 2)),
                cap_t=draw(st.one_of(st.none(), st.floats(3, 40))),
                cap_pax=draw(st.one_of(st.none(), st.floats(3, 40))),
                closed=frozenset(d for d in closed if d < days),
                both_ways=draw(st.booleans()),
            )
        )
    unit = _unit(
        n - 1,
        lift_t=draw(st.floats(1, 80)),
        people=draw(st.integers(0, 60)),
        available=draw(st.integers(0, 2)),
        required=draw(st.integers(2, days - 1)),
    )
    return _scenario(places, tuple(links), unit, days)


@SETTINGS
@given(corridors())
def test_the_earliest_days_said_are_never_after_the_optimal_plans_closure(
    scenario: Scenario,
) -> None:
    """The lift's and the people's earliest days, said or not, are the plan's at the latest."""
    closure = _closure_day(scenario)
    if closure is None:
        return  # not closed within the horizon: nothing to be later than
    for day in bound_days(scenario).values():
        assert day <= closure
    for message in _said(scenario).values():
        assert "within the" not in message  # it closed: never "cannot ... within the horizon"


def test_a_place_with_storage_is_counted_as_one_without() -> None:
    """A unit's lift waits anywhere but at its destination, storage or not (as the plan)."""
    roomy = _border_post()
    places = tuple(
        dataclasses.replace(p, storage_t=None) if p.id == "P3" else p for p in roomy.locations
    )
    spacious = dataclasses.replace(roomy, locations=places)
    assert _said(spacious) == _said(roomy)
    assert _closure_day(spacious) == _closure_day(roomy) == 12
