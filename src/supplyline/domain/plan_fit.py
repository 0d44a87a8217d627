"""Whether a plan fits the scenario it is used with: its header, the ids it names, its records.

Why a module of its own: a plan read back from a plan.json may have been edited by hand
or made for another scenario, and :mod:`supplyline.domain.plan` (the records) was near
its size. :func:`check_plan_of` is the check every use of a plan makes (its scenario's
name, start date and horizon, the units and links it names); :func:`check_plan_fits`
adds what a plan read from a file needs as well, record by record: a tester's plan.json
with one commodity changed to ``beer`` ended ``routes`` in a ``KeyError`` traceback, a
movement's tonnes of 1e300 or an origin that is not its link's end in an internal
message naming neither the file nor the movement, and a movement on day 99 of a 35-day
horizon, or arriving before it left, was taken silently.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from supplyline.domain.commodities import RESERVED_PREFIXES
from supplyline.domain.plan import Movement, Plan
from supplyline.domain.plan_bounds import MAX_PLAN_T, over_bounds
from supplyline.domain.references import did_you_mean, known_listed
from supplyline.errors import Issue, ScenarioError, require
from supplyline.types import UnitId

if TYPE_CHECKING:
    from supplyline.domain.scenario import Scenario

__all__ = ["MOST_SAID", "NEEDED_T", "check_plan_fits", "check_plan_of", "plan_of_issues"]

MOST_SAID = 10
"""Records with a problem said one by one; the others are counted after them."""

NEEDED_T = 1e-3
"""Tonnes a unit needs over the horizon (a kilogram) from which a plan must name it."""

_DEPLOY = RESERVED_PREFIXES[0]  # "deploy:", a unit's own lift as a movement's commodity


def _units_named(plan: Plan) -> set[str]:
    """The units a plan's records name (closures, deliveries, shortfalls, stocks)."""
    named = {c.unit for c in plan.closures} | {d.unit for d in plan.deliveries}
    named |= {s.unit for s in plan.shortfalls} | {s.unit for s in plan.stocks if s.unit}
    return named


def plan_of_issues(scenario: Scenario, plan: Plan, file: str = "plan") -> list[Issue]:
    """What shows ``plan`` was not made for ``scenario``: its header, the ids it names.

    Its name, start date and horizon must be the scenario's: a tester's report of the
    bilateral plan over the relief scenario showed 0.0 tonne-km and the relief's title.
    And it names no unit or link the scenario lacks: a tester's plan was written over
    the same scenario with a unit renamed, and its files named a unit it did not have.
    ``file`` is where the issues say they come from.
    """
    wrong = _header_issues(scenario, plan, file)
    for what, named, known in (
        ("units", _units_named(plan), {u.id for u in scenario.units}),
        ("links", {m.link for m in plan.movements}, {x.id for x in scenario.links}),
    ):
        unknown = sorted(named - known)
        if unknown:
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            shown = ", ".join(unknown[:3]) + more
            message = f"the plan names {shown}, which the scenario does not have"
            wrong.append(Issue(file=file, column=what, message=message))
    return wrong


def _header_issues(scenario: Scenario, plan: Plan, file: str) -> list[Issue]:
    """Where the plan's name, start date or horizon is not the scenario's."""
    return [
        Issue(file=file, column=what, message=f"the plan's is {mine!s}, the scenario's {theirs!s}")
        for what, mine, theirs in (
            ("scenario", plan.scenario, scenario.name),
            ("start_date", plan.start_date, scenario.start_date),
            ("horizon_days", plan.horizon_days, scenario.horizon_days),
        )
        if mine != theirs
    ]


def _require_plan_and_scenario(scenario: Scenario, plan: Plan) -> None:
    """Raise :class:`~supplyline.errors.ArgumentError` unless they are a Scenario and a Plan."""
    from supplyline.domain.scenario import Scenario  # the scenario module imports plan's

    require(scenario, Scenario, "the scenario")
    require(plan, Plan, "the plan")


def check_plan_of(scenario: Scenario, plan: Plan, *, file: str = "plan") -> None:
    """Raise :class:`~supplyline.errors.ScenarioError` if ``plan`` was not made for ``scenario``.

    As :func:`plan_of_issues` finds it, the issues said of ``file``.
    """
    _require_plan_and_scenario(scenario, plan)
    wrong = plan_of_issues(scenario, plan, file)
    if wrong:
        raise ScenarioError(wrong, summary=_NOT_OF)


_NOT_OF = "the plan was not made for this scenario"


def check_plan_fits(
    scenario: Scenario,
    plan: Plan,
    *,
    file: str = "plan",
    needing: Mapping[UnitId, float] | None = None,
) -> None:
    """Raise :class:`~supplyline.errors.ScenarioError` unless every record of ``plan`` fits.

    First the plan's name, start date and horizon (a plan of another scenario is said so,
    not record by record); then each movement, delivery, shortfall, stock level,
    closure and target gap: its link, unit and commodity the scenario's (a movement's may
    be a unit's lift, ``deploy:<unit id>``), its place one of its locations, its days within the
    horizon, its tonnes at
    most :data:`~supplyline.domain.plan_bounds.MAX_PLAN_T`, and a movement's way its
    link's (an end of it to the other, as ``bidirectional`` allows, by its mode),
    arriving the link's ``transit_days`` after it left; the movements together within
    the links' capacities and the scenario's goods
    (:func:`~supplyline.domain.plan_bounds.over_bounds`). ``needing`` is the tonnes each
    unit needs over the horizon: a unit that needs :data:`NEEDED_T` or more and that the
    plan names nowhere was not in the scenario it was made for (its deliveries would
    vanish unsaid).
    ``file`` names the plan's file in the issues: ``plan.json: movement 3 (link r1):
    commodity 'beer' is none of the scenario's …``.

    >>> from supplyline.planning.examples import one_link
    >>> scenario, _ = one_link()
    >>> from supplyline.domain import Mode, Movement, PlanStatus
    >>> plan = Plan(scenario=scenario.name, start_date=scenario.start_date,
    ...     horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
    ...     movements=(Movement(link="L1", origin="D", destination="U", mode=Mode.ROAD,
    ...         commodity="beer", departure_day=0, arrival_day=1, tonnes=1.0),))
    >>> check_plan_fits(scenario, plan, file="plan.json")
    Traceback (most recent call last):
    ...
    supplyline.errors.ScenarioError: the plan in plan.json does not fit the scenario ...
      plan.json: movement 1 (link L1): commodity 'beer' is none of the scenario's (...)
    """
    _require_plan_and_scenario(scenario, plan)
    header = _header_issues(scenario, plan, file)
    if header:
        raise ScenarioError(header, summary=_NOT_OF)
    # an unknown link or unit is said at its record, as the others are: a tester's edited
    # link was "plan: links: the plan names nolink, …", naming neither file nor movement
    issues = _record_issues(scenario, plan, file)
    issues += _unnamed_units(plan, needing or {}, file)
    if issues:
        raise ScenarioError(
            issues,
            summary=(
                f"the plan in {file} does not fit the scenario {scenario.name!r}: it was "
                "edited, or made for another scenario; plan the scenario again and use "
                "that plan"
            ),
        )


def _record_issues(scenario: Scenario, plan: Plan, file: str) -> list[Issue]:
    """Each record whose fields do not fit the scenario, the first :data:`MOST_SAID` said."""
    over = over_bounds(scenario, plan.movements)  # of a group's first movement
    found: list[tuple[str, list[str]]] = []
    for i, m in enumerate(plan.movements):
        said = _movement_problems(scenario, m) or over.get(i, [])  # its own first
        if said:
            found.append((f"movement {i + 1} (link {m.link})", said))
    for name, records in (
        ("delivery", plan.deliveries),
        ("shortfall", plan.shortfalls),
        ("stock level", plan.stocks),
        ("closure", plan.closures),
        ("target gap", plan.target_gaps),  # a tester's ``ghost`` had been taken
    ):
        found += [
            (f"{name} {i}", said)
            for i, record in enumerate(records, start=1)
            if (said := _other_problems(scenario, record))
        ]
    issues = [
        Issue(file=file, column=where, message="; ".join(said)) for where, said in found[:MOST_SAID]
    ]
    if len(found) > MOST_SAID:
        more = len(found) - MOST_SAID
        issues.append(Issue(file=file, message=f"and {more:,} more records that do not fit"))
    return issues


def _movement_problems(scenario: Scenario, m: Movement) -> list[str]:
    """What of movement ``m`` does not fit the scenario (nothing: it fits)."""
    link = scenario.link_by_id.get(m.link)
    if link is None:  # nothing else of it can be judged without its link
        return _unknown("link", m.link, scenario.link_by_id)
    out = []
    if m.mode != link.mode:
        out.append(f"mode is {m.mode}, where the link is {link.mode} (links.csv)")
    if (m.origin, m.destination) not in link.directions():
        ways = " or ".join(f"{a} → {b}" for a, b in link.directions())
        out.append(f"it goes {m.origin} → {m.destination}, where the link goes {ways} (links.csv)")
    out += _commodity_problems(scenario, m.commodity, lift=True)
    out += _amount_problems("tonnes", m.tonnes) + _amount_problems("pax", m.pax)
    left = _day_problems(scenario, "departure_day", m.departure_day)
    due = m.departure_day + link.transit_days
    if left:  # its arrival day follows from it
        out += left
    elif m.arrival_day != due:
        out.append(
            f"arrival_day is {m.arrival_day}, where departure_day {m.departure_day} + the "
            f"link's transit_days {link.transit_days} is {due}"
        )
    else:
        out += _day_problems(scenario, "arrival_day", m.arrival_day)
    return out


def _other_problems(scenario: Scenario, record: object) -> list[str]:
    """What of a delivery, shortfall, stock level, closure or target gap does not fit."""
    out = []
    unit = getattr(record, "unit", None)
    if isinstance(unit, str):
        out += _unknown("unit", unit, scenario.unit_by_id)
    commodity = getattr(record, "commodity", None)
    if isinstance(commodity, str):
        out += _commodity_problems(scenario, commodity, lift=False)
    place = getattr(record, "location", None)
    if isinstance(place, str):
        out += _unknown("location", place, scenario.location_by_id)
    day = getattr(record, "day", None)
    if isinstance(day, int):
        out += _day_problems(scenario, "day", day)
    for field in ("tonnes", "required_t", "short_t", "below_t"):
        value = getattr(record, field, None)
        if isinstance(value, int | float):
            out += _amount_problems(field, value)
    return out


def _unknown(what: str, ref: str, known: Collection[str], nor: str = "") -> list[str]:
    """Nothing if ``ref`` is one of the ``known`` ids; else the ids it is not, and a near one.

    ``nor`` says what else it could have been (a commodity: a unit's lift).
    """
    if ref in known:
        return []
    guess = did_you_mean(ref, known)
    return [
        f"{what} {ref!r} is none of the scenario's ({known_listed(known)}){nor}"
        + (f"; {guess}" if guess else "")
    ]


def _commodity_problems(scenario: Scenario, commodity: str, *, lift: bool) -> list[str]:
    """Nothing if ``commodity`` is the scenario's (or, with ``lift``, a unit's ``deploy:``)."""
    if commodity in scenario.commodity_by_id:
        return []
    if lift and commodity.startswith(_DEPLOY) and commodity[len(_DEPLOY) :] in scenario.unit_by_id:
        return []
    lifts = f" nor a unit's lift ({_DEPLOY}<unit id>)" if lift else ""
    return _unknown("commodity", commodity, scenario.commodity_by_id, lifts)


def _amount_problems(field: str, value: float) -> list[str]:
    """Nothing if ``value`` is a finite amount from 0 to :data:`MAX_PLAN_T`."""
    if math.isfinite(value) and 0 <= value <= MAX_PLAN_T:
        return []
    return [f"{field} is {value!r}, not a finite number from 0 to {MAX_PLAN_T:.0e}"]


def _day_problems(scenario: Scenario, field: str, day: int) -> list[str]:
    """Nothing if ``day`` is within the scenario's horizon."""
    if 0 <= day < scenario.horizon_days:
        return []
    return [
        f"{field} {day} is outside the horizon of {scenario.horizon_days} days "
        f"(0 to {scenario.horizon_days - 1}, scenario.yaml horizon_days)"
    ]


def _unnamed_units(plan: Plan, needing: Mapping[UnitId, float], file: str) -> list[Issue]:
    """An issue naming the units that need :data:`NEEDED_T` or more and the plan names nowhere.

    A tester's plan of a scenario without unit U6, given with one that has it: U6 was
    neither routed nor unserved, and nothing said so.
    """
    named = _units_named(plan)
    missing = [(u, t) for u, t in needing.items() if t >= NEEDED_T and u not in named]
    if not missing:
        return []
    if len(missing) == 1:
        ((unit, t),) = missing
        said = f"unit {unit}, which needs {t:,.3f} t over the horizon"
    else:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        shown = ", ".join(f"{u} ({t:,.3f} t)" for u, t in missing[:3]) + more
        said = f"units {shown}, which need goods over the horizon"
    return [
        Issue(
            file=file,
            column="units",
            message=(
                f"the plan has no delivery, shortfall, closure or stock for {said}: it "
                "was made for a scenario without them"
            ),
        )
    ]
