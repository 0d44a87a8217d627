"""What the day's routes drive through without stopping, that the plan treats as a stop.

A border post or a transshipment yard may hold goods (``dwell_days``) and bound what is
handled there a day (``handling_t_per_day``). The movement plan keeps both: a tester's
quake plan held goods a day at the crossing ``bx-gate`` before they went on to the sites.
The convoy routes do not: a truck of one day drives from its depot through the crossing to
the sites, on the shortest roads, neither waiting there nor counted against its handling.
Until the routes model such a stop, each day's routes say so where they pass through such
a place (:func:`through_notes`), so that a transport officer allows for it.
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain import Scenario
from supplyline.domain.routes import Routes
from supplyline.types import LocationId

__all__ = ["through_notes"]


def through_notes(scenario: Scenario, routes: Routes) -> tuple[str, ...]:
    """A note for each place with a hold or a handling limit that loaded trucks drive through.

    A place is driven through when a loaded road leg of the day (``Routes.road_loads``)
    ends there and it is neither a truck's depot nor one of its stops.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.domain.routes import RouteStatus
    >>> s, _ = one_link()
    >>> r = Routes(scenario=s.name, day=0, date=s.start_date, status=RouteStatus.SOLVED)
    >>> through_notes(s, r)
    ()
    """
    stops = {s.location for r in routes.routes for s in r.stops}
    depots = {r.depot for r in routes.routes}
    into: dict[LocationId, float] = defaultdict(float)
    for load in routes.road_loads:
        if load.tonnes > 0:
            into[load.destination] += load.tonnes
    where = scenario.location_by_id
    notes = []
    for place, tonnes in sorted(into.items()):
        loc = where[place]
        if place in stops or place in depots:
            continue
        held = loc.dwell_days > 0
        limited = loc.handling_t_per_day is not None
        if not (held or limited):
            continue
        what = []
        if held:
            what.append(f"its {loc.dwell_days}-day hold")
        if limited:
            what.append(f"its handling of {loc.handling_t_per_day:g} t/day")
        notes.append(
            f"the trucks drive {tonnes:,.3f} t through {place} ({loc.kind.value}) without "
            f"stopping: routes do not model {' or '.join(what)} at {place}, which the "
            "movement plan keeps: allow for it"
        )
    return tuple(notes)
