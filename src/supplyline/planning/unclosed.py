"""Why a deploying unit the plan does not close is not closed, in a planner's words.

A unit whose lift was not all delivered by the horizon's end read ``not closed`` and no
more: a planner could not tell a horizon too short from a full road from no road at all.
Each such closure now carries a reason, from what the plan knows, in this order:

- no way there at all (no chain of links, or a capacity or handling of 0 on every way),
  as :func:`~supplyline.domain.deploy_ways.cannot_deploy` says it;
- the horizon ends before its earliest possible arrival (its available day, then the
  transit and dwell of its quickest way), or outage days keep it out;
- else a capacity: the most its ways carry to it alone
  (:class:`~supplyline.planning.closure_bound.ClosureBound`) cannot bring it all by the
  last day, or the plan's bottlenecks on its ways are full (other units and goods share
  them). The capacities named are those on its widest and quickest ways.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from supplyline.domain import Bottleneck, Closure, ResourceKind, Unit
from supplyline.planning.assemble import Problem
from supplyline.planning.closure_bound import ClosureBound
from supplyline.planning.outcome_words import tonnes_text
from supplyline.planning.resources import Run, describe
from supplyline.planning.throughput import Way
from supplyline.types import day_label, day_ranges, days_text

__all__ = ["with_reasons"]

_LEFT_T = 1e-6
"""Less than this (a gram, a millionth of a person) still on the way is not 'left'."""

_KINDS = {
    False: (ResourceKind.LINK_TONNES, ResourceKind.HANDLING),
    True: (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX),
}
"""The capacities that carry a unit's lift (False) or its people (True)."""


def with_reasons(
    p: Problem, closures: Sequence[Closure], bottlenecks: Sequence[Bottleneck]
) -> tuple[Closure, ...]:
    """``closures`` with :attr:`~supplyline.domain.Closure.reason` set where not closed.

    ``bottlenecks`` are the plan's, in rank order (empty where not measured): a capacity
    of the unit's ways among them is named with its rank.
    """
    if all(c.closure_day is not None for c in closures):
        return tuple(closures)
    why = _Reasons(p, bottlenecks)
    return tuple(c if c.closure_day is not None else replace(c, reason=why.of(c)) for c in closures)


class _Reasons:
    """The reasons of one plan: its network's ways, searched once per kind of lift."""

    def __init__(self, p: Problem, bottlenecks: Sequence[Bottleneck]) -> None:
        self.p = p
        self.bottlenecks = bottlenecks
        self.pos = {loc: i for i, loc in enumerate(p.net.location_ids)}
        self.units = {u.id: (i, u) for i, u in enumerate(p.scenario.units)}
        self.bounds = {people: ClosureBound(p.net, people=people) for people in (False, True)}

    def of(self, closure: Closure) -> str:
        """Why ``closure``'s unit is not closed within the horizon."""
        i, unit = self.units[closure.unit]
        no_way = self.p.scenario.units_without_way.get(unit.id)
        if no_way is not None:
            return f"no way there: {no_way}"
        if int(self.p.earliest_arrival[i]) >= self.p.days:
            return self._too_late(i, unit)
        left = [
            (people, amount)
            for people, amount, moved in (
                (False, closure.lift_t, closure.moved_t),
                (True, closure.pax, closure.moved_pax),
            )
            if amount - moved > _LEFT_T
        ]
        return "; ".join(self._capacity(unit, people, amount) for people, amount in left) or (
            "its last tonne arrives on the horizon's last day"
        )

    def _lifts(self, unit: Unit) -> list[tuple[bool, float]]:
        """What of ``unit`` moves: its lift (False) and its people (True), where any."""
        both = ((False, unit.deployment_lift_t), (True, float(unit.personnel)))
        return [(people, amount) for people, amount in both if amount > 0]

    def _too_late(self, i: int, unit: Unit) -> str:
        """The horizon ends before ``unit`` can be there, capacities aside."""
        days, last = self.p.days, day_label(self.p.days - 1)
        if unit.available_day >= days:
            return (
                f"it is available only on {day_label(unit.available_day)}, after the "
                f"horizon's last day, {last}"
            )
        if (open_day := int(self.p.earliest_open_arrival[i])) < days:
            return (
                f"outage days on its way keep it out until after {last} (with those links "
                f"open it could be there on {day_label(open_day)})"
            )
        home, dest = self.pos[unit.home], self.pos[unit.destination]
        delay = max(
            self.bounds[people].throughput.quickest_way(home, dest).delay
            for people, _ in self._lifts(unit)
        )
        arrives = unit.available_day + delay
        return (
            f"the horizon ends on {last}, before its earliest possible arrival on "
            f"{day_label(arrives)} (available {day_label(unit.available_day)}, then "
            f"{days_text(delay)} of transit and dwell on its quickest way): a horizon of "
            f"{arrives + 1} days would let it close"
        )

    def _capacity(self, unit: Unit, people: bool, amount: float) -> str:
        """The capacity on ``unit``'s way that keeps ``amount`` of it from arriving in time."""
        home, dest = self.pos[unit.home], self.pos[unit.destination]
        bound = self.bounds[people]
        what, (waits, cannot_be) = _left_words(people, amount), _left_verbs(people, amount)
        days, last = self.p.days, day_label(self.p.days - 1)
        ways = (bound.throughput.widest_way(home, dest), bound.throughput.quickest_way(home, dest))
        full = self._full_on(ways, people)
        alone = bound.last_arrival(
            home, dest, unit.available_day, amount, in_time=days - 1, days=days
        )
        if alone is not None and alone.day >= days:
            rate = bound.throughput.most(home, dest)
            narrowest = self._narrowest(ways[0], people)
            said = (
                f"{what} {cannot_be} at {unit.destination!r} by {last} even with every "
                f"capacity to itself: at most {_rate_words(people, rate)} from {unit.home!r} "
                f"(the narrowest of its widest way: {narrowest}), "
                f"at most {_amount_words(people, alone.by_day_before)} by "
                f"{day_label(alone.day - 1)}"
            )
            return f"{said}; {full}" if full else said
        if full:
            return f"{what} {waits} on capacity other lift and goods take first: {full}"
        return (
            f"{what} {waits} on capacity other lift and goods take first (the narrowest of "
            f"its widest way: {self._narrowest(ways[0], people)}; see the bottlenecks)"
        )

    def _parts(self, way: Way, people: bool) -> list[tuple[float, Run]]:
        """The limited capacities of ``way`` (its links, its places' handling) a day."""
        link, handling = _KINDS[people]
        net = self.p.net
        caps = net.arc_cap_pax if people else net.arc_cap_t
        hands = net.handling_pax if people else net.handling
        places = {int(v) for a in way.arcs for v in (net.arc_from[a], net.arc_to[a])}
        parts = [(float(caps[a]), _run(link, a)) for a in way.arcs]
        parts += [(float(hands[v]), _run(handling, v)) for v in sorted(places)]
        return [(cap, run) for cap, run in parts if math.isfinite(cap)]

    def _resources(self, ways: Sequence[Way], people: bool) -> dict[str, str]:
        """The bottleneck names of the limited capacities on ``ways``, with their words."""
        named: dict[str, str] = {}
        for way in ways:
            for _, run in self._parts(way, people):
                resource, words, _, _ = describe(self.p, run)
                named.setdefault(resource, words)
        return named

    def _full_on(self, ways: Sequence[Way], people: bool) -> str:
        """The plan's bottlenecks on ``ways`` (full in the plan), with their ranks."""
        named = self._resources(ways, people)
        said = [
            f"{named[b.resource]} is full on {day_ranges(b.days)} (see bottleneck {rank})"
            for rank, b in enumerate(self.bottlenecks, start=1)
            if b.kind in _KINDS[people] and b.resource in named
        ]
        return "; ".join(said)

    def _narrowest(self, way: Way, people: bool) -> str:
        """The capacity of ``way`` that carries the least a day, in words."""
        parts = self._parts(way, people)
        if not parts:
            return "no limited capacity"
        return describe(self.p, min(parts, key=lambda part: part[0])[1])[1]


def _people(shown: str) -> str:
    """People as a figure shown: "1 person", "40 people", "0.5 people"."""
    return f"{shown} {'person' if shown == '1' else 'people'}"


def _left_words(people: bool, amount: float) -> str:
    """What of a unit is not there: "its 40 people", "its 1 person", "its 20 t of lift"."""
    shown = f"{amount:,.10g}"
    return f"its {_people(shown)}" if people else f"its {shown} t of lift"


def _left_verbs(people: bool, amount: float) -> tuple[str, str]:
    """The verbs of what is left (:func:`_left_words`): ("wait", "cannot all be") and so on.

    People are plural but one ("its 40 people wait", "its 1 person waits", and one person
    "cannot be" there, not "cannot all be"); a lift is a mass ("its 40 t of lift waits").
    """
    if people and f"{amount:,.10g}" == "1":
        return "waits", "cannot be"
    return ("wait" if people else "waits"), "cannot all be"


def _amount_words(people: bool, amount: float) -> str:
    """``amount`` of people or tonnes, as the tables round it: "1 person", "3.5 t"."""
    return _people(tonnes_text(amount)) if people else f"{tonnes_text(amount)} t"


def _rate_words(people: bool, rate: float) -> str:
    """A daily rate with its verb: "2 t/day get there", "1 person a day gets there".

    A rate is as many tonnes or people as it is: plural but one.
    """
    shown = tonnes_text(rate)
    what = f"{_people(shown)} a day" if people else f"{shown} t/day"
    return f"{what} {'gets' if shown == '1' else 'get'} there"


def _run(kind: ResourceKind, ident: int) -> Run:
    """A :class:`Run` of ``kind`` at arc (link) or place ``ident``, for its words alone."""
    return Run(kind=kind, key=("", ident), days=[], value=0.0, rows=[], cols=[])
