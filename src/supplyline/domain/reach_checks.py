"""Whether units can get to their destinations, and supplies to them, over the links.

Three checks that only warn, split by what they read (see
:mod:`supplyline.domain.warning_checks`): whether a unit can deploy reads the links and
places; whether its destination can be supplied reads the stocks as well; a unit with
nothing to move reads its own row only. A tester's stocks.csv error hid that a unit
could not deploy at all, when the check had read all three at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from supplyline.domain.deploy_ways import adjacency, ends_handle, reach_over
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.domain.units import Unit
from supplyline.errors import Severity
from supplyline.types import day_label

__all__ = [
    "check_deploy_reach",
    "check_lift_in_place",
    "check_nothing_to_move",
    "check_supply_reach",
]

Graph = dict[str, list[str]]


def _shut_links(s: Scenario) -> set[str]:
    """Links closed on every day of the horizon: they lead nowhere.

    A tester's site whose only road was closed throughout passed without a word, while
    routes reported it ``road_closed`` every day; the warnings then name those links.
    """
    days = range(s.horizon_days)
    return {link.id for link in s.links if days and not any(link.is_open(d) for d in days)}


def _tonnes_graph(s: Scenario, shut: set[str]) -> Graph:
    """The links that carry tonnes, between places that handle them, open some day."""
    return adjacency(
        s,
        lambda link: link.id not in shut and link.carries_tonnes and ends_handle(s, link, "tonnes"),
    )


def check_deploy_reach(s: Scenario) -> list[Finding]:
    """Warn of deploying units whose destination no chain of links leads to from home.

    Also of a unit whose people, or whose equipment, cannot get there (no chain with
    capacity for them, through places that handle them).
    """
    shut = _shut_links(s)
    out = adjacency(s, lambda link: link.id not in shut)
    by_people = adjacency(
        s,
        lambda link: link.id not in shut and link.carries_people and ends_handle(s, link, "people"),
    )
    by_tonnes = _tonnes_graph(s, shut)
    closed_note = _closed_note(s, shut)
    reached: dict[tuple[int, str], set[str]] = {}

    def reach_from(graph: Graph, home: str) -> set[str]:
        # units share homes (a garrison, a port): one search per home and graph, not per
        # unit (6,000 searches took 2 s of a 2,000-unit scenario's load)
        key = (id(graph), home)
        if key not in reached:
            reached[key] = reach_over(graph, [home])
        return reached[key]

    found: list[Finding] = []
    for unit in s.units:
        if not unit.deploys:
            continue
        if unit.destination not in reach_from(out, unit.home):
            found.append(
                _unit_warning(
                    unit,
                    "destination",
                    f"destination {unit.destination!r} cannot be reached from home "
                    f"{unit.home!r} over any chain of links: the unit cannot deploy"
                    + closed_note(unit.destination),
                    about_deploying=True,
                )
            )
            continue
        for what, amount, graph, capacity, handling in (
            ("people", unit.personnel, by_people, "capacity_pax_per_day", "handling_pax_per_day"),
            (
                "equipment",
                unit.deployment_lift_t,
                by_tonnes,
                "capacity_t_per_day",
                "handling_t_per_day",
            ),
        ):
            if amount > 0 and unit.destination not in reach_from(graph, unit.home):
                found.append(
                    _unit_warning(
                        unit,
                        "destination",
                        f"unit {unit.id!r}: its {what} cannot get from home "
                        f"{unit.home!r} to "
                        f"{unit.destination!r}: no chain of links with {capacity} above 0, "
                        f"through places whose {handling} is not 0, leads there, so the "
                        "unit never closes",
                        about_deploying=True,
                    )
                )
    return found


def check_supply_reach(s: Scenario) -> list[Finding]:
    """Warn of each unit that consumes something where no stocked place can send tonnes."""
    sources = {st.location for st in s.stocks if st.initial_t > 0 or st.replenishment_t_per_day > 0}
    shut = _shut_links(s)
    closed_note = _closed_note(s, shut)
    from_sources = reach_over(_tonnes_graph(s, shut), sources)
    found: list[Finding] = []
    for unit in s.units:
        if unit.destination in from_sources or not _consumes_something(s, unit):
            continue
        reason = (
            "the scenario has no stocks at all"
            if not sources
            else "no chain of links that carries tonnes (capacity_t_per_day above 0, "
            "handling_t_per_day not 0 at either end) leads there from any stocked location "
            f"({len(sources)} checked)" + closed_note(unit.destination)
        )
        found.append(
            _unit_warning(
                unit,
                "destination",
                f"destination {unit.destination!r} cannot be supplied: {reason}",
            )
        )
    return found


def _consumes_something(s: Scenario, unit: Unit) -> bool:
    """Whether some commodity's rate applies to ``unit``'s people or vehicles.

    A unit of 0 people and no vehicles (its lift moved, no one to feed) needs no supply: a
    tester's such units were each warned "cannot be supplied: the scenario has no stocks
    at all". A rate given as a planning factor's name counts as some consumption (the
    factors are the requirements' to resolve); a rate of 0 as none.
    """
    people = unit.personnel > 0
    vehicles = {cls: n for cls, n in unit.vehicles.items() if n > 0}
    fuelled = any(
        cls.id in vehicles and cls.km_per_day > 0 and cls.fuel_l_per_100km != 0
        for cls in s.vehicle_classes
    )
    return any(
        (people and c.per_person_per_day not in (None, 0))
        or (bool(vehicles) and c.per_vehicle_per_day not in (None, 0))
        or (c.vehicle_fuel and fuelled)
        for c in s.commodities
    )


def check_nothing_to_move(s: Scenario) -> list[Finding]:
    """Warn of each unit away from its destination with nothing to move (its row alone)."""
    return [_nothing_to_move(u) for u in s.units if not u.in_place and not u.deploys]


def check_lift_in_place(s: Scenario) -> list[Finding]:
    """Warn of each unit already in place that gives a lift, which nothing moves.

    A tester's unit with home = destination and ``deployment_lift_t`` 50 validated and
    planned without a word: its 50 t were in no movement, no closure and no file.
    """
    return [
        _unit_warning(
            u,
            "deployment_lift_t",
            f"unit {u.id!r} is already in place (home = destination {u.destination!r}) "
            f"but has deployment_lift_t {u.deployment_lift_t:g}: nothing of it moves, so "
            f"those {u.deployment_lift_t:g} t are not planned; give the place it deploys "
            "from as its home, or set deployment_lift_t to 0",
        )
        for u in s.units
        if u.in_place and u.deployment_lift_t > 0
    ]


def _closed_note(s: Scenario, shut: set[str]) -> Callable[[str], str]:
    """``place`` -> ``; link(s) closed on every day of the horizon lead there: r-dh``."""
    touching: defaultdict[str, list[str]] = defaultdict(list)
    for link in s.links:
        if link.id in shut:
            for end in (link.origin, link.destination):
                touching[end].append(link.id)

    def note(place: str) -> str:
        named = touching.get(place, [])
        if not named:
            return ""
        return (
            f"; closed on every day of the horizon (C+0–{day_label(s.horizon_days - 1)}), "
            "so not counted: "
            f"{', '.join(named)}"
        )

    return note


def _nothing_to_move(unit: Unit) -> Finding:
    """A unit whose home is not its destination but that has no people and no lift.

    It is planned as already there, fed from its required day: a tester's unit of 21
    trucks, 0 people and no lift, a week's drive from its destination, was fed there from
    C+1 without a word.
    """
    return _unit_warning(
        unit,
        "deployment_lift_t",
        f"unit {unit.id!r} has home {unit.home!r} and destination "
        f"{unit.destination!r} but no personnel and no deployment_lift_t: nothing of it "
        f"moves, so it is planned as already at {unit.destination!r} and fed there from "
        "its required day; give what it brings (deployment_lift_t, personnel), or set home "
        "to its destination",
    )


def _unit_warning(
    unit: Unit, field: str, message: str, *, about_deploying: bool = False
) -> Finding:
    """A warning on one of ``unit``'s fields: what each check here says of a unit."""
    return Finding(
        entity="unit",
        entity_id=unit.id,
        field=field,
        severity=Severity.WARNING,
        message=message,
        about_deploying=about_deploying,
    )
