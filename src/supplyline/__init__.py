"""supplyline: plan and coordinate logistics support between partner organisations.

The public Python API is small and flat::

    >>> import supplyline
    >>> scenario = supplyline.load_scenario("examples/bilateral-exercise")  # doctest: +SKIP
    >>> demand = supplyline.compute_requirements(scenario)  # doctest: +SKIP

Everything else lives in the layered subpackages described in DESIGN.md.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
