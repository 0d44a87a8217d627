"""Cross-entity checks of a scenario, reported all together rather than stopping at the first.

Each finding names the entity (``"link"``, ``"unit"``…), its id and the field at fault as
the scenario's files spell it (``to``), so the loader can point at the file, line and
column it came from; :mod:`supplyline.domain.script_issues` says them for a scenario built
in Python, by the records' own field names (``destination``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from supplyline.domain.agreements import prices_outside
from supplyline.domain.camp_storage import check_camp_storage
from supplyline.domain.commodities import SupplyClass
from supplyline.domain.deploy_ways import adjacency, ends_handle, reach_over
from supplyline.domain.factors import PlanningFactor
from supplyline.domain.findings import Finding
from supplyline.domain.fleet_checks import check_carries
from supplyline.domain.horizon_days import WrittenAs, check_days
from supplyline.domain.link_checks import (
    check_distances,
    check_gauges,
    check_gauges_known,
    check_one_way_dead_ends,
    check_same_spot,
)
from supplyline.domain.references import unknown_reference
from supplyline.domain.scenario import Scenario
from supplyline.domain.script_issues import factor_key_findings, script_issue
from supplyline.domain.units import Unit
from supplyline.errors import ScenarioError, Severity
from supplyline.types import day_label

__all__ = [
    "CARGO_KIND",
    "Finding",
    "cargo_names",
    "check_scenario",
    "check_scenario_sound",
    "reachable_from",
]


def _duplicates(entity: str, ids: Iterable[str]) -> list[Finding]:
    counts = Counter(ids)
    return [
        Finding(
            entity=entity,
            entity_id=i,
            field="id",
            message=f"duplicate {entity} id {i!r} (ids must be unique)",
        )
        for i, n in counts.items()
        if n > 1
    ]


def _unknown(
    entity: str, entity_id: str, field: str, kind: str, ref: str, known: Iterable[str]
) -> Finding:
    return Finding(
        entity=entity,
        entity_id=entity_id,
        field=field,
        message=unknown_reference(entity, entity_id, kind, ref, known),
        ref_kind=kind,
        ref_id=ref,
    )


def reachable_from(scenario: Scenario, starts: Iterable[str]) -> set[str]:
    """Locations reachable over the network's links from any of ``starts`` (ignoring time)."""
    return reach_over(adjacency(scenario), starts)


def _check_references(s: Scenario) -> list[Finding]:
    partners, locations = set(s.partner_by_id), set(s.location_by_id)
    found: list[Finding] = []
    for loc in s.locations:
        if loc.partner not in partners:
            found.append(_unknown("location", loc.id, "partner", "partner", loc.partner, partners))
    for link in s.links:
        for fld, ref in (("from", link.origin), ("to", link.destination)):
            if ref not in locations:
                found.append(_unknown("link", link.id, fld, "location", ref, locations))
    found += _check_unit_references(s)
    found += _check_stock_and_fleet_references(s)
    found += _check_agreement_references(s)
    return found


def _check_unit_references(s: Scenario) -> list[Finding]:
    """Units name their partner, home, destination, vehicle classes, activity levels."""
    partners, locations = set(s.partner_by_id), set(s.location_by_id)
    classes = {v.id for v in s.vehicle_classes}
    found: list[Finding] = []
    for unit in s.units:
        if unit.partner not in partners:
            found.append(_unknown("unit", unit.id, "partner", "partner", unit.partner, partners))
        for fld, ref in (("home", unit.home), ("destination", unit.destination)):
            if ref not in locations:
                found.append(_unknown("unit", unit.id, fld, "location", ref, locations))
        for cls in unit.vehicles:
            if cls not in classes:
                found.append(
                    _unknown("unit", unit.id, f"vehicles_{cls}", "vehicle class", cls, classes)
                )
        for period in unit.activity:
            if period.level not in s.activity_levels:
                found.append(
                    _unknown(
                        "unit",
                        unit.id,
                        "activity",
                        "activity level",
                        period.level,
                        s.activity_levels,
                    )
                )
    return found


CARGO_KIND = "commodity or supply class"
"""What a fleet group's ``carries`` names: a commodity id or a supply class."""


def cargo_names(s: Scenario) -> set[str]:
    """What a fleet group's ``carries`` may name: the commodities' ids and every supply class."""
    return set(s.commodity_by_id) | {c.value for c in SupplyClass}


def _check_stock_and_fleet_references(s: Scenario) -> list[Finding]:
    """Stocks and fleets name known locations, commodities, partners (and what they carry)."""
    partners, locations = set(s.partner_by_id), set(s.location_by_id)
    commodities = set(s.commodity_by_id)
    cargo = cargo_names(s)
    found: list[Finding] = []
    for stock in s.stocks:
        sid = f"{stock.location}/{stock.commodity}"
        if stock.location not in locations:
            found.append(_unknown("stock", sid, "location", "location", stock.location, locations))
        if stock.commodity not in commodities:
            found.append(
                _unknown("stock", sid, "commodity", "commodity", stock.commodity, commodities)
            )
        if stock.owner is not None and stock.owner not in partners:
            found.append(_unknown("stock", sid, "owner", "partner", stock.owner, partners))
    for group in s.fleet:
        if group.depot not in locations:
            found.append(_unknown("fleet", group.id, "depot", "location", group.depot, locations))
        if group.partner not in partners:
            found.append(_unknown("fleet", group.id, "partner", "partner", group.partner, partners))
        for ref in sorted(group.carries - cargo):
            found.append(_unknown("fleet", group.id, "carries", CARGO_KIND, ref, cargo))
    return found


def _check_agreement_references(s: Scenario) -> list[Finding]:
    """Agreements name known partners and commodities, and price only what they cover."""
    partners, commodities = set(s.partner_by_id), set(s.commodity_by_id)
    found: list[Finding] = []
    for ag in s.agreements:
        for party in ag.parties:
            if party not in partners:
                found.append(_unknown("agreement", ag.id, "parties", "partner", party, partners))
        for com in sorted(ag.commodities):
            if com not in commodities:
                found.append(
                    _unknown("agreement", ag.id, "commodities", "commodity", com, commodities)
                )
        for message in prices_outside(ag.commodities, ag.prices):
            found.append(
                Finding(entity="agreement", entity_id=ag.id, field="prices", message=message)
            )
    return found


def _check_reach(s: Scenario) -> list[Finding]:
    """Warn about units that no source of supply (or their own home) can reach.

    A link closed on every day of the horizon (``outage_days``) leads nowhere: a tester's
    site whose only road was closed throughout passed without a word, while routes reported
    it ``road_closed`` every day. The warning then names those links.
    """
    sources = {st.location for st in s.stocks if st.initial_t > 0 or st.replenishment_t_per_day > 0}
    days = range(s.horizon_days)
    shut = {link.id for link in s.links if days and not any(link.is_open(d) for d in days)}
    out = adjacency(s, lambda link: link.id not in shut)
    by_people = adjacency(
        s,
        lambda link: link.id not in shut and link.carries_people and ends_handle(s, link, "people"),
    )
    by_tonnes = adjacency(
        s,
        lambda link: link.id not in shut and link.carries_tonnes and ends_handle(s, link, "tonnes"),
    )
    closed_note = _closed_note(s, shut)
    from_sources = reach_over(by_tonnes, sources)
    reached: dict[tuple[int, str], set[str]] = {}

    def reach_from(graph: dict[str, list[str]], home: str) -> set[str]:
        # units share homes (a garrison, a port): one search per home and graph, not per
        # unit (6,000 searches took 2 s of a 2,000-unit scenario's load)
        key = (id(graph), home)
        if key not in reached:
            reached[key] = reach_over(graph, [home])
        return reached[key]

    found: list[Finding] = []
    for unit in s.units:
        if unit.deploys and unit.destination not in reach_from(out, unit.home):
            found.append(
                Finding(
                    entity="unit",
                    entity_id=unit.id,
                    field="destination",
                    severity=Severity.WARNING,
                    message=f"destination {unit.destination!r} cannot be reached from home "
                    f"{unit.home!r} over any chain of links: the unit cannot deploy"
                    + closed_note(unit.destination),
                    about_deploying=True,
                )
            )
        elif unit.deploys:
            for what, amount, graph, capacity, handling in (
                (
                    "people",
                    unit.personnel,
                    by_people,
                    "capacity_pax_per_day",
                    "handling_pax_per_day",
                ),
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
                        Finding(
                            entity="unit",
                            entity_id=unit.id,
                            field="destination",
                            severity=Severity.WARNING,
                            message=f"unit {unit.id!r}: its {what} cannot get from home "
                            f"{unit.home!r} to "
                            f"{unit.destination!r}: no chain of links with {capacity} above 0, "
                            f"through places whose {handling} is not 0, leads there, so the "
                            "unit never closes",
                            about_deploying=True,
                        )
                    )
        if not unit.in_place and not unit.deploys:
            found.append(_nothing_to_move(unit))
        if _consumes_something(s, unit) and unit.destination not in from_sources:
            reason = (
                "the scenario has no stocks at all"
                if not sources
                else "no chain of links that carries tonnes (capacity_t_per_day above 0, "
                "handling_t_per_day not 0 at either end) leads there from any stocked location "
                f"({len(sources)} checked)" + closed_note(unit.destination)
            )
            found.append(
                Finding(
                    entity="unit",
                    entity_id=unit.id,
                    field="destination",
                    severity=Severity.WARNING,
                    message=f"destination {unit.destination!r} cannot be supplied: {reason}",
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


def _check_storage(s: Scenario) -> list[Finding]:
    """Warn where more is on hand at a place than its ``storage_t`` can keep.

    The data contradict each other: the plan takes the place's room to be what is on hand
    (the larger of the two), on every day. A
    tester's 20 t on hand in a 3 t store once went 5 t short without a word; what is on
    hand now takes room whether drawn or not, so the store counts it every day.
    """
    on_hand: defaultdict[str, float] = defaultdict(float)
    first: dict[str, str] = {}
    for st in s.stocks:
        on_hand[st.location] += st.initial_t
        first.setdefault(st.location, f"{st.location}/{st.commodity}")
    found: list[Finding] = []
    for loc_id, tonnes in on_hand.items():
        loc = s.location_by_id.get(loc_id)
        if loc is None or loc.storage_t is None or tonnes <= loc.storage_t + 1e-9:
            continue
        found.append(
            Finding(
                entity="stock",
                entity_id=first[loc_id],
                field="initial_t",
                severity=Severity.WARNING,
                message=f"{tonnes:,.6g} t on hand at {loc_id!r} (all commodities) is more than "
                f"its storage_t of {loc.storage_t:,.6g} t: the plan takes its room to be what "
                "is on hand, on every day (raise storage_t, or leave it empty for no limit)",
            )
        )
    return found


def check_scenario(
    s: Scenario,
    *,
    horizon_known: bool = True,
    start_known: bool = True,
    written: WrittenAs | None = None,
) -> list[Finding]:
    """Every cross-entity problem: duplicates, dangling references, days, gauges, links, reach.

    ``horizon_known`` / ``start_known`` false: the scenario stands in for one whose
    horizon or start date could not be read (the loader's, to check all the rest); the
    checks of days against the horizon, or of dates, are left out. ``written``: the
    fields as the files wrote them, so that a day outside the horizon is said so first.
    """
    found = _check_for_errors(
        s, horizon_known=horizon_known, start_known=start_known, written=written
    )
    found += check_gauges_known(s)
    found += check_distances(s)
    found += check_same_spot(s)
    found += check_one_way_dead_ends(s)
    found += _check_storage(s)
    found += check_camp_storage(s)
    found += check_carries(s)
    errors = [f for f in found if f.severity is Severity.ERROR]
    if not errors:
        found += _check_reach(s)
    return found


def _check_for_errors(
    s: Scenario,
    *,
    horizon_known: bool = True,
    start_known: bool = True,
    written: WrittenAs | None = None,
) -> list[Finding]:
    """The checks that can find errors (with what warnings they find on the way).

    The rest (:func:`check_gauges_known`, :func:`check_distances`, :func:`check_same_spot`,
    :func:`check_one_way_dead_ends`, :func:`_check_storage`, :func:`check_carries`,
    :func:`_check_reach`) only ever
    warn, so :func:`check_scenario_sound` leaves them out: it would drop what they find,
    after half the time of a plan's checks (corridor-S).
    """
    found: list[Finding] = []
    for entity, items in (
        ("partner", s.partners),
        ("commodity", s.commodities),
        ("vehicle class", s.vehicle_classes),
        ("location", s.locations),
        ("link", s.links),
        ("unit", s.units),
        ("fleet", s.fleet),
        ("agreement", s.agreements),
    ):
        found += _duplicates(entity, (str(getattr(x, "id")) for x in items))  # noqa: B009
    found += _duplicates("stock", (f"{st.location}/{st.commodity}" for st in s.stocks))
    found += _check_references(s)
    if horizon_known:
        found += check_days(s, start_known=start_known, written=written)
    found += check_gauges(s)
    return found


def check_scenario_sound(
    scenario: Scenario, factors: Mapping[str, PlanningFactor] | None = None
) -> None:
    """Raise :class:`~supplyline.errors.ScenarioError` for a scenario with errors.

    What the loader checks of a folder (dangling references, duplicates, days outside the
    horizon, gauges, override keys one slip from a factor's), for a scenario built in
    Python: a tester's unit bound for an unknown place crashed with a bare KeyError, a
    stock listed twice doubled the supply, and a misspelt factor key planned with the
    default. ``factors``, the table in force, has its own added keys checked too.
    """
    found = _check_for_errors(scenario) + factor_key_findings(scenario, factors)
    errors = [f for f in found if f.severity is Severity.ERROR]
    if errors:
        raise ScenarioError(
            [script_issue(scenario, f) for f in errors],
            summary=f"{len(errors)} error(s) in the scenario",
        )


def _nothing_to_move(unit: Unit) -> Finding:
    """A unit whose home is not its destination but that has no people and no lift.

    It is planned as already there, fed from its required day: a tester's unit of 21
    trucks, 0 people and no lift, a week's drive from its destination, was fed there from
    C+1 without a word.
    """
    return Finding(
        entity="unit",
        entity_id=unit.id,
        field="deployment_lift_t",
        severity=Severity.WARNING,
        message=f"unit {unit.id!r} has home {unit.home!r} and destination "
        f"{unit.destination!r} but no personnel and no deployment_lift_t: nothing of it "
        f"moves, so it is planned as already at {unit.destination!r} and fed there from "
        "its required day; give what it brings (deployment_lift_t, personnel), or set home "
        "to its destination",
    )
