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
    message: str
    severity: Severity = Severity.ERROR
    ref_kind: str = ""
    """For a dangling reference: the kind of entity referred to (``"location"``…)."""
    ref_id: str = ""
    """For a dangling reference: the id referred to, which does not exist."""
