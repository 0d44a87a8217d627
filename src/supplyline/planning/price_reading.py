"""A bottleneck's shadow price read in the unit of the objective's tier it acts on.

The shadow price is in objective units: a weighted sum of tonnes short, tonne-days below
the days-of-supply targets, tonne- (person-) days late and transport cost, the weights
orders of magnitude apart (:mod:`supplyline.planning.params`). A planner read "1,728,000"
beside a yard and could not tell whether it was tonnes, days or money. Divided by the
weight of one unit of the tier it acts on, it reads "about 133 t-days late less for one
more t/day there": the tier is the measured claim's main gain where there is one, else
shortfall where its goods are short in the plan, else the targets or the lateness it
serves, else transport cost.

The reading divides by the largest weight the tier's unit can have (priority 1; a unit
moved first; with fair shares, a tonne in the top band), so it is a round figure of the
count, never above it: a good of lower priority, or a unit that moves later, weighs less,
and the same price buys more of it. With ``--fair-share`` it had divided by the shortfall
weight alone, and a tester's supply binding on 8 days read "one more saves 8.3 t short":
a band can make a tonne short up to 9.45 % dearer.

A closure's price is no rate but the objective its re-plan saves in all, and the re-plan
measured what that is made of; so its reading is those measured gains, not the total over
a weight. Divided, a closure that cut 400 t-days and 40 person-days of lateness read
"saves 440 t-days late": the person-days, weighing as much, were summed into the t-days.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supplyline.domain import Bottleneck, ResourceKind
from supplyline.planning.assemble import Problem
from supplyline.planning.fair_share import top_band_surcharge
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.within_reach import WithinReach
from supplyline.types import Said, figure_with_unit, to_gram

__all__ = ["TIER_UNITS", "measured_saves_text", "price_reading", "saves_unit_words"]

TIER_UNITS = {
    Tier.SHORTFALL: "t short",
    Tier.TARGETS: "t-days below target",
    Tier.LATENESS: "t-days late",
    Tier.COST: "cost units",
}
"""What one unit of each tier counts, as :attr:`~supplyline.domain.Bottleneck.saves_unit`."""

_PEOPLE = (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX)
DEPLOYMENT = "deployment"
"""How a bottleneck's ``commodities`` name the units' own lift."""


def price_reading(p: Problem, reach: Callable[[], WithinReach], b: Bottleneck) -> dict[str, Any]:
    """``b``'s shadow price as :class:`~supplyline.domain.Bottleneck`'s ``saves`` fields.

    ``reach`` gives the plan's shortfalls and target gaps that some capacity could change
    (:func:`~supplyline.planning.within_reach.within_reach`), asked only for a claim not
    measured.

    >>> TIER_UNITS[Tier.COST]
    'cost units'
    """
    measured = _measured_tier(p, b)
    tier = measured or _served_tier(p, reach(), b)
    if measured is not None and b.kind is ResourceKind.OUTAGE:  # its price is their total
        gain, unit = _measured_gain(p, b, measured)
        return {"saves_tier": tier.name.lower(), "saves": gain, "saves_unit": unit}
    weight, unit = _weight(p, b, tier)
    return {
        "saves_tier": tier.name.lower(),
        "saves": to_gram(b.shadow_price / weight),
        "saves_unit": unit,
    }


def _measured_tier(p: Problem, b: Bottleneck) -> Tier | None:
    """The tier of the measured claim's main gain, in the objective's order (None: none)."""
    gains = {
        Tier.SHORTFALL: b.shortfall_removed_t,
        Tier.TARGETS: b.target_t_days_filled,
        Tier.LATENESS: max(b.late_t_days_cut or 0.0, b.late_pax_days_cut or 0.0),
        Tier.COST: b.transport_cost_saved,
    }
    return next((tier for tier in p.tiers if (gains[tier] or 0.0) > 0), None)


def _measured_gain(p: Problem, b: Bottleneck, tier: Tier) -> tuple[float, str]:
    """The measured gain of ``tier`` and its unit: a closure's ``saves``.

    Lateness has two measures; the one that weighs more in the objective is the main one
    (the tonne-days where they weigh alike), and :func:`measured_saves_text` says both.
    """
    if tier is Tier.LATENESS:
        t_days, pax_days = b.late_t_days_cut or 0.0, b.late_pax_days_cut or 0.0
        w = p.weights
        people = pax_days * w.lateness(p.days, people=True) > t_days * w.lateness(
            p.days, people=False
        )
        return (pax_days, PAX_DAYS_LATE) if people else (t_days, TIER_UNITS[tier])
    gain = {
        Tier.SHORTFALL: b.shortfall_removed_t,
        Tier.TARGETS: b.target_t_days_filled,
        Tier.COST: b.transport_cost_saved,
    }[tier]
    return gain or 0.0, TIER_UNITS[tier]


PAX_DAYS_LATE = "pax-days late"
"""The ``saves_unit`` of people late: the machine value CSV and JSON keep."""


def saves_unit_words(unit: str) -> str:
    """A ``saves_unit`` as tables and sentences say it: people late in person-days.

    ``pax-days late`` stays the field's value in CSV and JSON; a planner read "5 pax-days
    late" in the bottleneck table beside "person-days" in the closure and unit tables.

    >>> saves_unit_words("pax-days late"), saves_unit_words("t-days late")
    ('person-days late', 't-days late')
    """
    return "person-days late" if unit == PAX_DAYS_LATE else unit


def measured_saves_text(b: Bottleneck) -> str | None:
    """A closure's measured gains, each in its own unit, its main one first (None: none).

    What lifting it saves as the tables say it: "400 t-days and 40 person-days late", never
    the two summed, and every other gain its re-plan measured ("12 t short, 218 t-days
    below target"). Losses (a cost the re-plan adds) are the explanation's to say.

    >>> measured_saves_text(Bottleneck(kind=ResourceKind.OUTAGE, resource="l1 closed C+0",
    ...     days=(0,), shadow_price=1.0, late_t_days_cut=400.0, late_pax_days_cut=40.0,
    ...     transport_cost_saved=-10.0, saves_tier="lateness"))
    '400 t-days and 40 person-days late'
    """
    if b.kind is not ResourceKind.OUTAGE:
        return None
    days_late = (b.late_t_days_cut, "t-days"), (b.late_pax_days_cut, "person-days")
    late = " and ".join(
        figure_with_unit(str(Said(n)), unit) for n, unit in days_late if n is not None and n > 0
    )
    said = {
        "shortfall": _positive(b.shortfall_removed_t, TIER_UNITS[Tier.SHORTFALL]),
        "targets": _positive(b.target_t_days_filled, TIER_UNITS[Tier.TARGETS]),
        "lateness": f"{late} late" if late else None,
        "cost": _positive(b.transport_cost_saved, TIER_UNITS[Tier.COST]),
    }
    main = said.pop(b.saves_tier or "", None)
    parts = [text for text in (main, *said.values()) if text]
    return ", ".join(parts) or None


def _positive(gain: float | None, unit: str) -> str | None:
    """``gain`` with its unit where it is one: "12 t short" (None: none, or a loss)."""
    return figure_with_unit(str(Said(gain)), unit) if gain is not None and gain > 0 else None


def _served_tier(p: Problem, reach: WithinReach, b: Bottleneck) -> Tier:
    """Unmeasured: shortfall where its goods are short, else what it serves, else cost.

    Short, or below target, on a day some capacity could change (``reach``): a unit short
    only before any goods can arrive is short whatever the capacities.
    """
    goods = _goods(p, b)
    if any(short > 0 and k in goods for (_, k), short in reach.short_by.items()):
        return Tier.SHORTFALL
    served = {
        Tier.LATENESS: DEPLOYMENT in b.commodities or b.kind in _PEOPLE,
        Tier.TARGETS: any(gap > 0 and k in goods for (_, k), gap in reach.gap_by.items()),
    }
    return next((tier for tier in p.tiers if served.get(tier)), Tier.COST)


def _goods(p: Problem, b: Bottleneck) -> set[int]:
    """Indices (in ``demand.commodity_ids``) of the goods ``b`` names; all where it names none.

    A capacity nothing uses (a handling of 0) names no goods until measured, and it may be
    keeping any of them out: a tester's camp handling 0 t/day, not measured, read
    "1,900,982 cost units", its price a shortfall's (measured, "8.71 t short").
    """
    ids = p.demand.commodity_ids
    if not b.commodities and b.kind not in _PEOPLE:  # people carry no goods
        return set(range(len(ids)))
    return {ids.index(c) for c in b.commodities if c in ids}


def _weight(p: Problem, b: Bottleneck, tier: Tier) -> tuple[float, str]:
    """What one unit of ``tier`` weighs in the objective for ``b``, at most, and its unit."""
    w, days, scale = p.weights, p.days, p.cost_scale
    goods = _goods(p, b)
    heaviest = max((float(p.short_weight[k]) for k in goods), default=1.0)
    if tier is Tier.SHORTFALL:  # a tonne short weighs most on the claim's first day
        first = min(b.days, default=0)
        # and, with fair shares, in the top band, whose surcharge is of the priority-1 weight
        bands = top_band_surcharge(w) if p.params.fair_share else 0.0
        return (w.short_on(days, first) * heaviest + bands) * scale, TIER_UNITS[tier]
    if tier is Tier.TARGETS:
        return w.target_gap(days) * scale * heaviest, TIER_UNITS[tier]
    if tier is Tier.LATENESS:
        people = b.kind in _PEOPLE
        unit = PAX_DAYS_LATE if people else TIER_UNITS[tier]
        return w.lateness(days, people=people) * scale, unit
    return 1.0, TIER_UNITS[tier]
