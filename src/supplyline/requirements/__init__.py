"""Daily sustainment requirements from planning factors (vectorised with numpy)."""

from __future__ import annotations

from supplyline.requirements.compute import activity_matrix, compute_requirements
from supplyline.requirements.rates import ResolvedRates, resolve_rates
from supplyline.requirements.summary import (
    daily_rows,
    grand_totals,
    totals_by_commodity,
    totals_by_unit,
)

__all__ = [
    "ResolvedRates",
    "activity_matrix",
    "compute_requirements",
    "daily_rows",
    "grand_totals",
    "resolve_rates",
    "totals_by_commodity",
    "totals_by_unit",
]
