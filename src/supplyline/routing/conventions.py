"""The objective conventions of the standard routing instances, as a name a user gives.

Why a module of its own: ``supplyline routes-bench --convention`` offers these names in
its help and parses them before any instance is read; beside the reader of the instances
(:mod:`supplyline.routing.instances`, which says what each convention means) the enum
brought NumPy and vrplib into every command's start.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Convention"]


class Convention(StrEnum):
    """How distances are rounded and what the objective is (:mod:`.instances` says each)."""

    DIMACS = "dimacs"
    HIERARCHICAL = "hierarchical"
    CVRPLIB = "cvrplib"
