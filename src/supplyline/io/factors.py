"""The planning factors in force: the bundled defaults with a scenario's overrides.

The defaults are read by :func:`supplyline.domain.factors.default_factors` (the CSV ships
in ``domain/data/``, where the planner's checks can reach it too) and offered here.
"""

from __future__ import annotations

from collections.abc import Mapping

from supplyline.domain.factors import FactorTable, default_factors
from supplyline.errors import require

__all__ = ["default_factors", "factors_for"]


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
