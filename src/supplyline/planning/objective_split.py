"""The plan's objective split into its tiers (:class:`~supplyline.domain.ObjectiveParts`).

Each tier's part is the cost of its own columns in the LP (``short`` and the fair shares'
``share`` for shortfall, ``gap`` for the targets, ``arrived`` with the model's offset for
lateness), transport cost is the links' costs of what moves, and holding is what is left:
so the parts add up to the objective the solver reports.
"""

from __future__ import annotations

from supplyline.domain.objective_parts import ObjectiveParts
from supplyline.planning.assemble import Problem
from supplyline.planning.extract import outcome_of
from supplyline.planning.model import FloatArray, LpModel
from supplyline.types import to_gram

__all__ = ["objective_parts"]

_TIER_BLOCKS = {"shortfall": ("short", "share"), "targets": ("gap",), "lateness": ("arrived",)}
"""The column blocks whose cost is each tier's part of the objective."""


def objective_parts(p: Problem, m: LpModel, x: FloatArray, objective: float) -> ObjectiveParts:
    """``objective`` (the plan's, of solution ``x`` of ``m``) split into its tiers."""
    part = {
        tier: sum(
            float(m.cost[b.start : b.start + b.size] @ x[b.start : b.start + b.size])
            for name in names
            if (b := m.cols.get(name)) is not None
        )
        for tier, names in _TIER_BLOCKS.items()
    }
    part["lateness"] += (
        m.offset
    )  # the lift counted late from its required day, paid back on arrival
    got = outcome_of(p, m, x)
    rest = objective - sum(part.values()) - got.transport_cost
    return ObjectiveParts(
        shortfall=to_gram(part["shortfall"]),
        targets=to_gram(part["targets"]),
        lateness=to_gram(part["lateness"]),
        transport=to_gram(got.transport_cost),
        holding=to_gram(rest),
        short_t_priority=to_gram(got.short_weighted or 0.0),
        target_t_days=to_gram(got.gap_t_days),
        late_t_days=to_gram(got.late_t_days),
        late_pax_days=to_gram(got.late_pax_days),
        transport_cost=to_gram(got.transport_cost),
    )
