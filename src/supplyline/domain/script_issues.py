"""Findings about a scenario built in Python, said in its records' own words.

A finding names the field as the scenario's files spell it (``to`` in links.csv), so that
the loader can point at the file, line and column. A script's record has no file: its
issue names the Python field (``destination``) and the record once. A tester's
``Link(..., destination="nowhere")`` was told "link 'r-garrison': to: link 'r-garrison'
refers to unknown location 'nowhere'". This module is the one place that says findings
for a scenario that no file holds.
"""

from __future__ import annotations

from collections.abc import Mapping

from supplyline.domain.factors import (
    OVERRIDE_ENTITY,
    PlanningFactor,
    default_factors,
    override_key_findings,
)
from supplyline.domain.field_ranges import field_named
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.errors import Issue

__all__ = ["factor_key_findings", "python_field", "script_issue"]

_PYTHON_FIELDS = {
    ("link", "from"): "origin",
    ("link", "to"): "destination",
    (OVERRIDE_ENTITY, "planning_factors"): "factor_overrides",
}
"""The fields whose file column is not the record's field name (the rest are alike)."""


def python_field(entity: str, column: str) -> str:
    """The record's field that a finding's file column stands for.

    >>> python_field("link", "to"), python_field("unit", "destination")
    ('destination', 'destination')
    """
    return _PYTHON_FIELDS.get((entity, column), column)


def script_issue(scenario: Scenario, finding: Finding) -> Issue:
    """A finding as an issue of a scenario built in Python: no file, no line.

    The column is the Python field, after the record when the message does not name it
    already (the record named twice read as a stammer). A finding about a section of the
    scenario, which has no id (``routing``), names the field as scenario.yaml and the
    Python attribute alike do: ``routing.detour_factor``.
    """
    field = python_field(finding.entity, finding.field)
    if finding.entity_id and repr(finding.entity_id) in finding.message:
        column = field
    else:  # as a record built in Python names its field refusing a value (out_of_range)
        column = field_named(finding.entity, finding.entity_id, field)
    return Issue(
        file=f"scenario {scenario.name!r}",
        column=column,
        message=finding.message,
        severity=finding.severity,
    )


def factor_key_findings(
    scenario: Scenario, factors: Mapping[str, PlanningFactor] | None = None
) -> list[Finding]:
    """The loader's check of the override keys, for a scenario and factors made in Python.

    The keys checked are the scenario's ``factor_overrides`` and any key of ``factors``
    (the table in force, from ``factors_for``) that is no default factor: a script's
    ``factors_for({"food.mil.ration_3mre_kg_pd": 5.0})`` planned with the default.
    """
    if not scenario.factor_overrides and factors is None:
        return []  # nothing to check: the defaults (a file read and parsed) are not needed
    defaults = default_factors()
    added = set() if factors is None else set(factors) - set(defaults)
    named = {
        rate
        for rate in (
            *(c.per_person_per_day for c in scenario.commodities),
            *(c.per_vehicle_per_day for c in scenario.commodities),
            *(v.fuel_l_per_100km for v in scenario.vehicle_classes),
        )
        if isinstance(rate, str)
    }
    return override_key_findings(set(scenario.factor_overrides) | added, named, defaults)
