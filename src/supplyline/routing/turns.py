"""How many round trips a truck makes to a site in a day: one count for ``reach`` and ``routes``.

``reach`` counts a unit's turns a truck to say what its trucks carry; ``routes`` counts
them to bound the trips the trucks that can carry a load make, and so to say whether the
loads left out were ``too_large`` or ``not_enough_trucks``. They counted apart, and
``routes`` counted the window from its opening even where no truck can be there yet: a
site 1.5 h out open 0–4 h was given two turns a truck (services at 0 and 3.5 h) where
PyVRP's routes bring one (at 1.5 h; the next would start at 5 h).
"""

from __future__ import annotations

import math

from supplyline.domain import FleetGroup

__all__ = ["window_turns"]


def window_turns(
    g: FleetGroup, out_h: float, back_h: float, service_h: float, open_h: float, close_h: float
) -> int:
    """Round trips a truck of ``g`` can make to a site in a day, as ``routes`` drives them.

    As the day's model (:mod:`~supplyline.routing.day_model`) has it: a truck leaves its
    depot at 0 h or later, service starts inside the receiving window ``open_h``–
    ``close_h`` and not before the truck can be there (``out_h`` after 0 h), the next a
    round trip later; the truck is back at its depot by 24 h and its route (leaving to
    coming back, no waiting between turns) within its drivers' hours.

    Worked by hand: 1.5 h out and back, a 0.5 h stop (3.5 h round trips), 24 h drivers'
    hours. Open 8–9 h: the truck leaves at 6.5 h and unloads at 8 h; the next service
    would start at 11.5 h: 1 turn. Open 6–18 h: services at 6, 9.5, 13 and 16.5 h (back
    at 18.5 h); one at 20 h would be after the window: 4 turns (9 h drivers' hours: 2).
    Open 0–4 h: the first service at 1.5 h, the next would be at 5 h: 1 turn (counted
    from the opening, 0 and 3.5 h, it was 2). Open 20–24 h: a service at 20 h is back at
    22 h; one at 23.5 h would be back at 25.5 h: 1 turn. A window no truck can serve and
    be back from by 24 h (open 23–24 h, 1 h out) has none.

    >>> from supplyline.domain import FleetGroup
    >>> g = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1,
    ...                payload_t=10.0, speed_kmh=40.0, max_route_hours=24.0)
    >>> [window_turns(g, 1.5, 1.5, 0.5, a, b) for a, b in [(8, 9), (6, 18), (0, 4), (20, 24)]]
    [1, 4, 1, 1]
    """
    rt = max(out_h + back_h + service_h, 1e-9)
    start = max(out_h, open_h)  # the first service: not before the truck can be there
    if not rt < math.inf or start > close_h + 1e-9 or start + service_h + back_h > 24 + 1e-9:
        return 0
    by_hours = math.floor(g.max_route_hours / rt + 1e-9)
    by_window = math.floor((close_h - start) / rt + 1e-9) + 1
    by_day = math.floor((24 - start - service_h - back_h) / rt + 1e-9) + 1
    return max(0, min(by_hours, by_window, by_day))
