"""supplyline: plan and coordinate logistics support between partner organisations.

The Python API lives in the layered subpackages described in DESIGN.md (the README's
"Python API" shows them at work)::

    >>> from supplyline.io import load_scenario
    >>> from supplyline.io.factors import factors_for
    >>> from supplyline.requirements import compute_requirements
    >>> scenario = load_scenario("examples/bilateral-exercise")
    >>> demand = compute_requirements(scenario, factors_for(scenario.factor_overrides))
    >>> demand.horizon_days
    35

Every error raised on purpose is a :class:`supplyline.errors.SupplylineError`.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
