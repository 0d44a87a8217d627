"""The bundled planning factors: read once from package data, with their sources.

The CSV ships inside the package (``io/data/planning_factors.csv``) so that requirements
work offline; ``PROVENANCE.md`` beside it says where it comes from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from functools import cache
from importlib import resources

from supplyline.domain.factors import FactorTable, PlanningFactor
from supplyline.errors import require

__all__ = ["default_factors", "factors_for"]

_DATA = "planning_factors.csv"


@cache
def default_factors() -> FactorTable:
    """The published default factors, keyed by their dotted key.

    >>> default_factors().value("water.sphere.total_min_lppd")
    15.0
    """
    text = resources.files("supplyline.io").joinpath("data", _DATA).read_text(encoding="utf-8")
    table: dict[str, PlanningFactor] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[row["key"]] = PlanningFactor(
            key=row["key"],
            value=float(row["value"]),
            unit=row["unit"],
            description=row["description"],
            source_url=row["source_url"],
            source_note=row["source_note"],
        )
    return FactorTable(table)


def factors_for(overrides: Mapping[str, float] | None = None) -> FactorTable:
    """The defaults with a scenario's overrides applied (``Scenario.factor_overrides``).

    ``overrides`` is a mapping of factor key to value, or None; anything else is an
    ArgumentError (a list or a text failed deep inside with an ``AttributeError``, and
    an empty list passed as "no overrides").

    >>> factors_for({"water.sphere.total_min_lppd": 20.0}).value("water.sphere.total_min_lppd")
    20.0
    """
    if overrides is not None:
        require(overrides, Mapping, "the factor overrides (factor key: value)")
    base = default_factors()
    return base.with_overrides(overrides) if overrides else base
