"""Routes say where they drive through a place whose hold or handling limit they ignore.

A tester's quake plan held goods a day at the border crossing ``bx-gate`` (``dwell_days``
1, 60 t/day handling), while a truck drove wh-north → crossing → sites in one day, and
nothing said the routes left the crossing out.
"""

from __future__ import annotations

import dataclasses

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Location, LocationKind, Scenario
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.problem import RouterParams
from supplyline.routing.through_places import through_notes

PARAMS = ConvoyParams(router=RouterParams(time_limit_s=1, max_iterations=50, seed=3))


def _crossing(gate: Location) -> Scenario:
    """Depot D –20 km– gate B –20 km– site S, where unit U is."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), gate, loc("S", 0.4)]
    links = [road("D", "B", 20.0), road("B", "S", 20.0)]
    return scenario(locs, [unit("U", "S")], links, [fleet("F", "D")])


def _notes(gate: Location, at: str = "S") -> tuple[str, ...]:
    s = _crossing(gate)
    if at != "S":
        s = dataclasses.replace(s, units=(unit("U", at),))
    req = DeliveryRequest(unit="U", location=at, load_t={"food": 6.0})
    routes = route_day(s, [req], day=0, params=PARAMS)
    assert routes.delivered_t == pytest.approx(6.0)
    return through_notes(s, routes)


GATE = dataclasses.replace(loc("B", 0.2, LocationKind.BORDER), dwell_days=1, handling_t_per_day=60)


def test_a_border_post_driven_through_is_named_with_its_hold_and_handling() -> None:
    """6 t driven through B (1-day hold, 60 t/day): one note naming both."""
    (note,) = _notes(GATE)
    assert note == (
        "the trucks drive 6.000 t through B (border) without stopping: routes do not model "
        "its 1-day hold or its handling of 60 t/day at B, which the movement plan keeps: "
        "allow for it"
    )


@pytest.mark.parametrize(
    ("gate", "at"),
    [(dataclasses.replace(GATE, dwell_days=0, handling_t_per_day=None), "S"), (GATE, "B")],
    ids=["plain place", "a stop"],
)
def test_no_note_for_a_plain_place_or_a_stop(gate: Location, at: str) -> None:
    """A place without hold or limit, or one the trucks stop at, is not noted."""
    assert _notes(gate, at) == ()
