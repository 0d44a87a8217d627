"""A problem found across entities of a scenario: what every cross-entity check returns."""

from __future__ import annotations

from dataclasses import dataclass

from supplyline.errors import Severity

__all__ = ["Finding"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem found across entities."""

    entity: str
    entity_id: str
    field: str
    """The field at fault as the scenario's files spell it (links.csv's ``to``); a
    scenario built in Python is told the record's own name for it
    (:func:`~supplyline.domain.script_issues.python_field`)."""
    message: str
    severity: Severity = Severity.ERROR
    ref_kind: str = ""
    """For a dangling reference: the kind of entity referred to (``"location"``…)."""
    ref_id: str = ""
    """For a dangling reference: the id referred to, which does not exist."""
    about_deploying: bool = False
    """That the unit cannot deploy at all: the planner's arrival checks, which would say
    it cannot be in place in time, then say the same thing again and are left out."""
