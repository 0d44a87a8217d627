"""Which deploying units have no way to their destination at all, and why, in words.

No chain of links from home (a tester's unit bound for an ``island`` no link reaches), or
none that carries its people or its equipment (a capacity or handling of 0). The plan
said "not in horizon" for such a unit, as if a longer horizon would bring it; these say
"no route", as ``validate`` does. Outages aside: a link closed throughout is time's.
The link graph's helpers here serve :mod:`supplyline.domain.checks` too.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from supplyline.domain.network import Link

if TYPE_CHECKING:  # a scenario keeps what cannot_deploy finds (Scenario.units_without_way)
    from supplyline.domain.scenario import Scenario

__all__ = ["adjacency", "cannot_deploy", "ends_handle", "kept_out_by_zero", "reach_over"]


def adjacency(
    scenario: Scenario, carries: Callable[[Link], bool] = lambda _: True
) -> dict[str, list[str]]:
    """Where each location's links lead (only the links that ``carries`` accepts)."""
    out: defaultdict[str, list[str]] = defaultdict(list)
    for link in scenario.links:
        if carries(link):
            for a, b in link.directions():
                out[a].append(b)
    return out


def ends_handle(scenario: Scenario, link: Link, what: str) -> bool:
    """Whether both ends of ``link`` can let ``what`` ("people" or "tonnes") on and off."""
    for end in (link.origin, link.destination):
        loc = scenario.location_by_id.get(end)
        if loc is not None and not (loc.handles_people if what == "people" else loc.handles_tonnes):
            return False
    return True


def reach_over(out: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    """Every location reached from ``starts`` over ``out`` (``starts`` included)."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        here = queue.popleft()
        for there in out.get(here, ()):
            if there not in seen:
                seen.add(there)
                queue.append(there)
    return seen


def cannot_deploy(s: Scenario) -> dict[str, str]:
    """Deploying units with no way to their destination, and why: "no route from 'a' to 'b'"...

    No chain of links at all from home, else what :func:`kept_out_by_zero` finds ("no way
    for its people"). The closure table says it where it said "not in horizon". The
    plan's faces and files read it from :attr:`Scenario.units_without_way
    <supplyline.domain.scenario.Scenario.units_without_way>`, worked out once.

    >>> from supplyline.planning.examples import one_link
    >>> cannot_deploy(one_link()[0])
    {}
    """
    reached = _reached_from_homes(adjacency(s), s)
    out = {
        unit.id: f"no route from {unit.home!r} to {unit.destination!r}"
        for unit in s.units
        if unit.deploys and unit.destination not in reached[unit.home]
    }
    for unit_id, what in kept_out_by_zero(s).items():
        out[unit_id] = f"no way for its {what}"
    return out


def kept_out_by_zero(s: Scenario) -> dict[str, str]:
    """Deploying units a capacity or handling of 0 keeps out, and which part: "people"...

    A chain of links leads there, but none that carries their people (or their equipment)
    through places that handle them: the closure table says so where it said "not in
    horizon", as if time were to blame (an analyst's unit whose only link carried 0 people
    a day). Outages aside: a link closed throughout is time's.
    """
    ways = {
        what: _reached_from_homes(adjacency(s, _carrying(s, what)), s)
        for what in ("people", "tonnes")
    }
    every_link = _reached_from_homes(adjacency(s), s)
    out: dict[str, str] = {}
    for unit in s.units:
        if not unit.deploys or unit.destination not in every_link[unit.home]:
            continue
        for what, amount in (("people", unit.personnel), ("tonnes", unit.deployment_lift_t)):
            if amount > 0 and unit.destination not in ways[what][unit.home]:
                out[unit.id] = "people" if what == "people" else "equipment"
                break
    return out


def _reached_from_homes(out: dict[str, list[str]], s: Scenario) -> dict[str, set[str]]:
    """Every location reached over ``out`` from each deploying unit's home, once per home.

    Searched per unit, 2,000 units from one home took 3 s a call on a 1,000-place network.
    """
    homes = {unit.home for unit in s.units if unit.deploys}
    return {home: reach_over(out, [home]) for home in homes}


def _carrying(s: Scenario, what: str) -> Callable[[Link], bool]:
    """Whether a link carries ``what`` ("people" or "tonnes"), both its ends handling them."""

    def carries(link: Link) -> bool:
        on_link = link.carries_people if what == "people" else link.carries_tonnes
        return on_link and ends_handle(s, link, what)

    return carries
