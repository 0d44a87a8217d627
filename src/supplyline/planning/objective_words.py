"""The plan's objective by tier, as the summary's columns and in words for both faces.

A planner read the objective as one raw number (1.155476e11 on a tester's plan) and could
not tell what it was made of. Split by :mod:`~supplyline.planning.objective_split`, each
tier reads in its own unit, with its share of the whole.
"""

from __future__ import annotations

from supplyline.domain.objective_parts import ObjectiveParts
from supplyline.types import figure_text, figure_with_unit

__all__ = ["objective_columns", "objective_words"]


def objective_columns(
    parts: ObjectiveParts | None, cost_shown: tuple[float, int] | None = None
) -> dict[str, float | str | None]:
    """The objective's parts as the summary's last columns, and in words (None: no parts).

    Each tier's part in objective units (``objective_shortfall``, …), what the tier counts
    (``short_t_priority``, ``target_t_days``, ``transport_cost``, to the gram as data; the
    lateness is ``late_t_days`` and ``late_pax_days``, earlier), and
    ``objective_by_tier``, the sentence both faces print (``cost_shown``: see
    :func:`objective_words`).
    """
    names = ("shortfall", "targets", "lateness", "transport", "holding")
    return {
        **{f"objective_{n}": None if parts is None else getattr(parts, n) for n in names},
        **{
            n: None if parts is None else getattr(parts, n)
            for n in ("short_t_priority", "target_t_days", "transport_cost")
        },
        "objective_by_tier": None if parts is None else objective_words(parts, cost_shown),
    }


def objective_words(parts: ObjectiveParts, cost_shown: tuple[float, int] | None = None) -> str:
    """The objective by tier, each in its own unit and as a share of the whole.

    ``cost_shown``: the moved-by-mode table's transport cost and its column's decimals
    (:func:`~supplyline.planning.mode_totals.cost_as_shown`), which the sentence says as
    the table reads it, zeros and all ("transport cost 2,051.60", where it read 2,052
    above the table's 2,051.60); None where no table shows it: the cost read alone.

    >>> words = objective_words(ObjectiveParts(shortfall=0.0, targets=8.0e6,
    ...     lateness=5.1e8, transport=1.29e6, holding=1197.0, short_t_priority=0.0,
    ...     target_t_days=12.04, late_t_days=10640.0, late_pax_days=0.0, transport_cost=1.29e6))
    >>> for part in words.split("; "):
    ...     print(part)
    objective by tier: shortfall 0 t (weighted by priority)
    days-of-supply targets 12.04 t-days below (1.54 %)
    lateness 10,640 t-days late (98.21 %)
    transport cost 1,290,000 in the links' cost units (0.25 %)
    holding and tie-breakers 0.00023 %
    """
    whole = parts.total or 1.0
    cost = figure_text(parts.transport_cost) if cost_shown is None else figure_text(*cost_shown)

    def share(part: float) -> str:
        return f" ({figure_text(100 * part / whole)} %)" if part else ""

    late = figure_with_unit(figure_text(parts.late_t_days), "t-days")
    if parts.late_pax_days:
        late += f", {figure_with_unit(figure_text(parts.late_pax_days), 'person-days')}"
    return (
        "objective by tier: "
        f"shortfall {figure_text(parts.short_t_priority)} t (weighted by priority)"
        f"{share(parts.shortfall)}; "
        f"days-of-supply targets {figure_with_unit(figure_text(parts.target_t_days), 't-days')} "
        "below"
        f"{share(parts.targets)}; "
        f"lateness {late} late{share(parts.lateness)}; "
        f"transport cost {cost} in the links' cost units"
        f"{share(parts.transport)}; "
        f"holding and tie-breakers {figure_text(100 * parts.holding / whole)} %"
    )
