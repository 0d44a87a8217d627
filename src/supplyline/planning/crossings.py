"""Goods on the road both ways between two places whose stores are full: a road as a store.

The turn-back rows (:mod:`~supplyline.planning.turn_back`) forbid goods leaving a place
for the neighbour they came from on the day they are usable there, but goods are
interchangeable: a place with stock of its own can take goods in from a neighbour and
send as many of its own back that same day, and the rule holds. A tester's rotation:
a port ``src`` of ``storage_t`` 9 (full every day) and a warehouse ``w`` of 15 (full on
C+4), one two-way road of 1 day between them; food went ``w → src`` on C+3 and C+4
while ``src`` sent its own stock back ``src → w``, so trucks held food overnight both
ways, in no store, and the plan said 0 t short where by hand it is 16 t.

What this reads, from the plan's records: on a night (the end of a day) goods of one
commodity on their way ``p → q`` and goods on their way ``q → p`` (departed, not yet
usable at the far end), while neither store has room for them. Either direction alone
is a move; both at once cancel, but for the room they would need in a store, so what
crosses beyond the larger room of the two stores was held by the road. One end with
room (a port of ``storage_t`` 0 sending its day's food out to a warehouse with room,
while the warehouse sends food the other way for a unit at the port) is an honest
back-haul and is not said. A place without a ``storage_t`` is never full.

Why a warning and not a row: with interchangeable goods the rule needs a tonne's
origin (a store's stock split by the neighbour it came from), a variable per flow,
place, neighbour and day: docs/planning.md, *Known limits*.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import Movement, Plan, Scenario, StockLevel
from supplyline.planning.assemble import Problem
from supplyline.planning.extract import extract
from supplyline.planning.model import LpModel
from supplyline.types import day_label, day_runs, figure_text

__all__ = ["Crossing", "crossing_words", "crossings", "crossings_in", "store_note"]

TOL_T = 1e-6
"""Below this a leg carries nothing, and goods crossing beyond the room are none."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Crossing:
    """Goods of one commodity on the road both ways between two full stores, by night."""

    commodity: str
    places: tuple[str, str]
    """The two ends, in sorted order."""
    links: tuple[str, ...]
    """The links the goods crossed on (either way), sorted."""
    nights: tuple[tuple[int, float], ...]
    """(day, tonnes): on the night ending ``day``, what crossed beyond both stores' room."""

    @property
    def most_t(self) -> float:
        """The largest tonnes of a night."""
        return max(t for _, t in self.nights)


def crossings(plan: Plan, scenario: Scenario) -> tuple[Crossing, ...]:
    """Where goods crossed both ways between two places while neither store had room.

    >>> from supplyline.planning.examples import one_link
    >>> from supplyline.planning import plan_movements
    >>> scenario, demand = one_link()
    >>> crossings(plan_movements(scenario, demand), scenario)
    ()
    """
    return crossings_in(plan.movements, plan.stocks, scenario)


def crossings_in(
    movements: Iterable[Movement], stocks: Iterable[StockLevel], scenario: Scenario
) -> tuple[Crossing, ...]:
    """:func:`crossings` of a plan's movements and stock levels (or a re-solve's records)."""
    dwell = {loc.id: loc.dwell_days for loc in scenario.locations}
    room_t = {
        loc.id: math.inf if loc.storage_t is None else loc.storage_t for loc in scenario.locations
    }
    stored: defaultdict[tuple[str, int], float] = defaultdict(float)
    for level in stocks:
        if level.unit is None:
            stored[level.location, level.day] += level.tonnes
    away: defaultdict[tuple[str, str, str, int], float] = defaultdict(float)
    links: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for m in movements:
        if m.tonnes <= TOL_T or m.commodity.startswith("deploy:"):
            continue
        for night in range(m.departure_day, m.arrival_day + dwell[m.destination]):
            away[m.commodity, m.origin, m.destination, night] += m.tonnes
        ends = sorted((m.origin, m.destination))
        links[m.commodity, ends[0], ends[1]].add(m.link)
    found: defaultdict[tuple[str, str, str], list[tuple[int, float]]] = defaultdict(list)
    for (commodity, p, q, night), there in sorted(away.items()):
        if p > q:
            continue
        both = min(there, away.get((commodity, q, p, night), 0.0))
        room = max(room_t[v] - stored[v, night] for v in (p, q))
        if both - max(room, 0.0) > TOL_T:
            found[commodity, p, q].append((night, both - max(room, 0.0)))
    return tuple(
        Crossing(
            commodity=commodity,
            places=(p, q),
            links=tuple(sorted(links[commodity, p, q])),
            nights=tuple(nights),
        )
        for (commodity, p, q), nights in sorted(found.items())
    )


def crossing_words(found: Crossing) -> str:
    """The warning of one crossing, naming the link(s), commodity, nights and tonnes."""
    when = _nights_text(found)
    p, q = found.places
    return (
        f"warning: {found.commodity} is on the road both ways between {p!r} and {q!r} "
        f"(link {', '.join(found.links)}) on the nights of {when}, up to "
        f"{figure_text(found.most_t)} t a night ({figure_text(sum(t for _, t in found.nights))} "
        "t-nights in all) more than either store has room for: the road stands in for storage "
        "the plan does not have, and the plan may promise more than can be kept "
        "(docs/planning.md, Known limits)"
    )


def store_note(
    p: Problem, m: LpModel, x: npt.NDArray[np.float64], place: int, storage_t: float
) -> str:
    """What a storage claim adds when the plan re-solved with its room crosses at that store.

    The tester's port of ``storage_t`` 0 was said to need "+9 t of storage" to remove all
    25 t short; re-planned with 9 t the plan held 16 t on the road between port and
    warehouse, and without that it is 16 t short by hand. Empty when the re-solve
    (``x``, with ``storage_t`` at ``place``) crosses at neither end of that store.
    """
    loc = p.scenario.locations[place]
    raised = dataclasses.replace(loc, storage_t=storage_t)
    scenario = dataclasses.replace(
        p.scenario,
        locations=tuple(raised if x.id == loc.id else x for x in p.scenario.locations),
    )
    records = extract(p, m, x)
    found = [
        c for c in crossings_in(records.movements, records.stocks, scenario) if loc.id in c.places
    ]
    if not found:
        return ""
    said = "; ".join(
        f"{c.commodity} between {c.places[0]!r} and {c.places[1]!r} on the nights of "
        f"{_nights_text(c)} (up to {figure_text(c.most_t)} t a night)"
        for c in found
    )
    return (
        f"; but the plan with that room keeps {said} on the road both ways beyond both "
        "stores' room: part of that gain may be the road standing in for storage "
        "(docs/planning.md, Known limits)"
    )


def _nights_text(found: Crossing) -> str:
    """``C+3–C+4``, ``C+2, C+5``: the nights of a crossing."""
    return ", ".join(
        day_label(a) if a == b else f"{day_label(a)}–{day_label(b)}"
        for a, b in day_runs(d for d, _ in found.nights)
    )
