"""Cross-entity checks of a scenario, reported all together rather than stopping at the first.

Each finding names the entity (``"link"``, ``"unit"``…), its id and the field at fault as
the scenario's files spell it (``to``), so the loader can point at the file, line and
column it came from; :mod:`supplyline.domain.script_issues` says them for a scenario built
in Python, by the records' own field names (``destination``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from supplyline.domain.agreements import prices_outside
from supplyline.domain.commodities import SupplyClass
from supplyline.domain.deploy_ways import adjacency, reach_over
from supplyline.domain.factors import PlanningFactor
from supplyline.domain.findings import Finding
from supplyline.domain.horizon_days import WrittenAs, check_days
from supplyline.domain.link_checks import check_gauges
from supplyline.domain.reach_checks import check_deploy_reach, check_supply_reach
from supplyline.domain.references import unknown_reference
from supplyline.domain.scenario import Scenario
from supplyline.domain.script_issues import factor_key_findings, script_issue
from supplyline.domain.warning_checks import (
    WARNING_CHECKS,
    Part,
    every_link_open,
    run_warning_checks,
)
from supplyline.errors import ScenarioError, Severity

__all__ = [
    "CARGO_KIND",
    "Finding",
    "cargo_names",
    "check_for_errors",
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
    partners, locations = frozenset(s.partner_by_id), frozenset(s.location_by_id)
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
    partners, locations = frozenset(s.partner_by_id), frozenset(s.location_by_id)
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
    partners, locations = frozenset(s.partner_by_id), frozenset(s.location_by_id)
    commodities = frozenset(s.commodity_by_id)
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
    partners, commodities = frozenset(s.partner_by_id), frozenset(s.commodity_by_id)
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
    checks of days against the horizon, or of dates, are left out, and so are the
    warnings that need the horizon's days. ``written``: the fields as the files wrote
    them, so that a day outside the horizon is said so first. With errors, the reach of
    units and supplies is left out (the loader, which knows which rows failed, runs each
    check whose inputs are whole: :func:`~supplyline.domain.warning_checks.run_warning_checks`).
    """
    found = check_for_errors(
        s, horizon_known=horizon_known, start_known=start_known, written=written
    )
    errors = any(f.severity is Severity.ERROR for f in found)
    reach = (check_deploy_reach, check_supply_reach)
    checks = [c for c in WARNING_CHECKS if not (errors and c.run in reach)]
    if horizon_known:
        return found + run_warning_checks(s, (), checks)[0]
    return found + run_warning_checks(every_link_open(s), {Part.HORIZON}, checks)[0]


def check_for_errors(
    s: Scenario,
    *,
    horizon_known: bool = True,
    start_known: bool = True,
    written: WrittenAs | None = None,
) -> list[Finding]:
    """The checks that can find errors (with what warnings they find on the way).

    The rest (:data:`~supplyline.domain.warning_checks.WARNING_CHECKS`) only ever warn,
    so :func:`check_scenario_sound` leaves them out: it would drop what they find, after
    half the time of a plan's checks (corridor-S).
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

    What the loader checks of a folder (each number within its column's range, dangling
    references, duplicates, days outside the horizon, gauges, override keys one slip from
    a factor's), for a scenario built in Python: a tester's unit bound for an unknown
    place crashed with a bare KeyError, a stock listed twice doubled the supply, a
    misspelt factor key planned with the default, and a ``deployment_lift_t`` of 1e11 t
    planned. ``factors``, the table in force, has its own added keys checked too.
    """
    found = check_for_errors(scenario)
    found += factor_key_findings(scenario, factors)
    errors = [f for f in found if f.severity is Severity.ERROR]
    if errors:
        raise ScenarioError(
            [script_issue(scenario, f) for f in errors],
            summary=f"{len(errors)} error(s) in the scenario",
        )
