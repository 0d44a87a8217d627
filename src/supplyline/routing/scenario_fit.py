"""Whether what a script hands the routing functions fits its scenario.

The routing functions take days, unit ids, place ids and commodity ids from a script.
One that the scenario does not have was taken silently and gave a wrong answer, or failed
deep inside: a tester's misspelt unit in ``check_reach`` was dropped and all read well,
``route_day`` reported ``caviar`` delivered, ``road_bound`` raised a bare ``KeyError`` for
an unknown depot and read "no bound" for an unknown place, and a day past the horizon
was judged on a day the scenario does not cover. The checks live here, one set for every
entry point, so that they all say it the same way: a day outside the horizon is an
:class:`~supplyline.errors.ArgumentError` (:func:`horizon_day`), an id the scenario
lacks a :class:`~supplyline.errors.ScenarioError` listing every one, each with the ids
it may have meant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping

from supplyline.domain import Scenario, did_you_mean
from supplyline.domain.fields import whole_number
from supplyline.domain.horizon_days import outside_horizon_said
from supplyline.errors import ArgumentError, Issue, ScenarioError, require_list
from supplyline.routing.requests import DeliveryRequest
from supplyline.types import UnitId, day_label

__all__ = [
    "checked_demand_days",
    "checked_requests",
    "horizon_day",
    "require_places",
    "require_units",
]


def horizon_day(
    scenario: Scenario,
    day: object,
    error: type[ArgumentError | ScenarioError] = ArgumentError,
    *,
    written: str | None = None,
    option: str | None = None,
) -> int:
    """``day`` as an int within the scenario's horizon; else ``error`` saying which days are.

    ``written``: the day as the user typed it (the CLI's ``--day 2026-01-13``), which the
    message leads with, then its C+N and date, as the scenario's files say a day
    (:func:`~supplyline.domain.horizon_days.outside_horizon_said`), after ``option``, the
    option it was given with (``--day``), where there is one: a tester's
    ``--day 2026-01-13`` was told "day 8 is outside …", a number never typed. A script's
    day (no ``written``) is said by its number, its C+N and its date.

    An ``ArgumentError`` for a script's value; the services pass ``ScenarioError`` for
    the CLI's ``--day`` (a bad option). Numpy integers are taken; ``"3"`` and ``2.5``
    are not days (a TypeError and an IndexError before), and a day past the horizon
    was routed on a date the scenario does not cover.

    >>> from supplyline.planning.examples import one_link
    >>> horizon_day(one_link()[0], 1)
    1
    """
    n = whole_number(day, "day")
    if not 0 <= n < scenario.horizon_days:
        last = scenario.horizon_days - 1
        ordinal = scenario.start_date.toordinal() + n
        dated = 1 <= ordinal <= dt.date.max.toordinal()
        choose = (
            f"choose 0 to {last} (C+0 to {day_label(last)}, {scenario.start_date.isoformat()} "
            f"to {scenario.date_of(last).isoformat()}"
        )
        if written is not None and dated:  # as typed first, as the scenario's files do
            message = (
                f"{outside_horizon_said(scenario, n, written, option)}; {choose}: the horizon of "
                f"{scenario.horizon_days} days, scenario.yaml horizon_days)"
            )
        else:
            when = f" is {dt.date.fromordinal(ordinal).isoformat()}" if dated else ""
            message = (
                f"day {n} is outside the horizon of {scenario.horizon_days} days "
                f"(scenario.yaml horizon_days): {day_label(n)}{when}; {choose})"
            )
        if error is ScenarioError:
            raise ScenarioError([], summary=message)  # the option, not a line of a file
        raise ArgumentError(message)
    return n


def checked_requests(scenario: Scenario, requests: object) -> list[DeliveryRequest]:
    """The requests as a list, each for a unit, place and commodities of the scenario.

    None was a bare TypeError, an unknown location a KeyError deep in the road matrix
    (after the work began), an unknown commodity routed and reported delivered; an
    unknown unit, location or commodity is a ScenarioError listing all, as is a
    location that is not its unit's place (``units.csv`` destination): a tester's request
    for U1 at S2, U1 being at S1, was routed to S2 and reported delivered.
    """
    taken = require_list(requests, DeliveryRequest, "requests")
    issues = [
        _unknown(scenario, "requests", f"[{i}].{what}", what, value, known)
        for i, req in enumerate(taken)
        for what, value, known in (
            ("unit", req.unit, scenario.unit_by_id),
            ("location", req.location, scenario.location_by_id),
        )
        if value not in known
    ]
    issues += [
        _unknown(scenario, "requests", f"[{i}].load_t", "commodity", c, scenario.commodity_by_id)
        for i, req in enumerate(taken)
        for c in req.load_t
        if c not in scenario.commodity_by_id
    ]
    issues += [
        Issue(
            file="requests",
            column=f"[{i}].location",
            message=(
                f"unit {req.unit!r} receives at {place!r} (its destination in units.csv), "
                f"not at {req.location!r}: a request goes to its unit's place"
            ),
        )
        for i, req in enumerate(taken)
        if req.unit in scenario.unit_by_id
        and req.location in scenario.location_by_id
        and req.location != (place := scenario.unit(req.unit).destination)
    ]
    if issues:
        raise ScenarioError(issues, summary="the requests do not fit the scenario")
    return taken


def checked_demand_days(
    scenario: Scenario, demand_days: Mapping[UnitId, Collection[int]] | None
) -> dict[UnitId, tuple[int, ...]] | None:
    """``check_reach``'s ``demand_days``, each day within the horizon; else ArgumentError.

    A tester's ``{'U1': [0, 99]}`` on a 4-day scenario was taken, and day 99 judged on
    roads the scenario does not have. The message is :func:`horizon_day`'s, naming the
    unit.
    """
    if demand_days is None:
        return None
    if not isinstance(demand_days, Mapping):
        raise ArgumentError(f"demand_days(={demand_days!r}) must map unit ids to days")
    out: dict[UnitId, tuple[int, ...]] = {}
    for unit, days in demand_days.items():
        if isinstance(days, str) or not isinstance(days, Iterable):
            raise ArgumentError(f"demand_days[{unit!r}](={days!r}) must be a collection of days")
        try:
            out[unit] = tuple(horizon_day(scenario, d) for d in days)
        except ArgumentError as e:
            raise ArgumentError(f"demand_days[{unit!r}]: {e}") from e
    return out


def require_units(scenario: Scenario, **by_unit: object) -> None:
    """Refuse the keys of each mapping in ``by_unit`` that are not units of the scenario.

    ``check_reach``'s ``daily_t``, ``demand_days`` and ``goods`` are keyed by unit id; a
    misspelt one was dropped and the unit judged as needing nothing. A mapping of
    commodities under ``goods`` is checked too. What is not a mapping is left to the
    caller's own checks of kind.
    """
    issues: list[Issue] = []
    coms = scenario.commodity_by_id
    for name, given in by_unit.items():
        if not isinstance(given, Mapping):
            continue
        for unit, value in given.items():
            if unit not in scenario.unit_by_id:
                known = scenario.unit_by_id
                issues.append(_unknown(scenario, name, f"[{unit!r}]", "unit", unit, known))
            if name == "goods" and isinstance(value, Iterable) and not isinstance(value, str):
                issues += [
                    _unknown(scenario, name, f"[{unit!r}]", "commodity", c, coms)
                    for c in value
                    if c not in coms
                ]
    if issues:
        raise ScenarioError(issues, summary="the arguments do not fit the scenario")


def require_places(scenario: Scenario, **places: object) -> None:
    """Refuse each of ``places`` (argument name: location id) the scenario does not have.

    ``road_bound``'s depot raised a bare ``KeyError``, and its place read "no bound".
    """
    issues = [
        _unknown(scenario, name, None, "location", place, scenario.location_by_id)
        for name, place in places.items()
        if place not in scenario.location_by_id
    ]
    if issues:
        raise ScenarioError(issues, summary="the arguments do not fit the scenario")


def _unknown(
    scenario: Scenario,
    file: str,
    column: str | None,
    what: str,
    value: object,
    known: Iterable[str],
) -> Issue:
    """The issue of an id the scenario lacks, with the ids it may have meant."""
    guess = did_you_mean(value, known) if isinstance(value, str) else ""
    hint = f" ({guess})" if guess else ""
    return Issue(
        file=file,
        column=column,
        message=f"no {what} {value!r} in scenario {scenario.name!r}{hint}",
    )
