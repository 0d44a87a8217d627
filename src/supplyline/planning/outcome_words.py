"""Two outcomes of the plan compared: when they count as equal, and the difference in words.

The bottleneck report re-solves with more of a resource and says what that buys; what
counts as "as good" (the tolerances) and how a gain is said live here, apart from how the
resources are found, ranked and re-solved (:mod:`supplyline.planning.bottlenecks`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypedDict

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import Outcome
from supplyline.planning.objective_tiers import Tier, TierOrder
from supplyline.planning.shortfall_words import shortfall_decimals, shortfall_words
from supplyline.types import (
    COST_UNITS,
    GRAM_T,
    amount_eps,
    day_label,
    days_text,
    figure_text,
    figure_with_unit,
    to_gram,
)

__all__ = [
    "AS_RESOLVED",
    "GAIN_FIELDS",
    "NO_GAINS",
    "OTHERS_MAY_DIFFER",
    "GainFields",
    "Gains",
    "as_good",
    "better",
    "cost_eps",
    "effect",
    "effect_parts",
    "extra_text",
    "gain_fields",
    "gain_tier",
    "gains",
    "gap_eps",
    "late_eps",
    "loss_tier",
    "near",
    "short_eps",
    "sooner",
    "tonnes_text",
    "weighted_eps",
    "weighted_short",
]


AS_RESOLVED = "in one plan that does so, "
"""Before the closure days a claim names, with :data:`OTHERS_MAY_DIFFER` after them: the
optimum fixes the tonne-days late, not which unit's tonnes they are. A tester's air-link
claim said a unit that cannot use the airbridge "closes 1 day later", and a yard claim
said "3 days earlier" where the re-plan from the files gave 1 with the same tonne-days;
"(in the re-solved plan; others as good may differ: …)" right after the figure read as
if the figure might differ."""
OTHERS_MAY_DIFFER = "; other equally good plans may close units on other days"


def short_eps(base: Outcome) -> float:
    """Tonnes of shortfall below which two plans count as equally short.

    A gram, or a millionth of ``base``'s shortfall where that is more
    (:func:`~supplyline.types.amount_eps`, the one rule at every scale). A flat 0.5 t said
    "changes little on its own" of an extra that removed a tester's 0.4 t of medical
    supplies short, all that any capacity could; a flat kilogram said of a 3 g/day link
    that more "changes nothing on its own" where +0.000004 t/day removed all 0.000024 t
    short.
    """
    return amount_eps(base.short_t)


def late_eps(base: Outcome) -> float:
    """Tonne-days or person-days of lateness below which two plans count as equally late.

    As :func:`short_eps`: a flat 0.01 took +0.99 t/day for as good as +1, which alone
    closed a tester's unit a day earlier (0.01 t was still a day late). A gram-day at
    least, as the files give it: a flat thousandth hid a small team's gains.
    """
    return amount_eps(max(base.late_t_days, base.late_pax_days))


def gap_eps(base: Outcome) -> float:
    """Tonne-days below days-of-supply targets below which two plans count as equal.

    A gram-day, or a millionth of ``base``'s, as :func:`short_eps`.
    """
    return amount_eps(base.gap_t_days)


def cost_eps(base: Outcome) -> float:
    """Transport cost below which two plans count as equally dear.

    A flat 0.5 took a tester's +0.75 t, saving 1.5, for as good as +1, saving 2, and
    then said the 0.5 left could not be saved.
    """
    return max(0.01, 1e-6 * abs(base.transport_cost))


def weighted_short(o: Outcome) -> float:
    """Tonnes short weighted by priority, as the objective weighs them (else the tonnes)."""
    return o.short_t if o.short_weighted is None else o.short_weighted


def weighted_eps(base: Outcome) -> float:
    """Weighted tonnes short below which two plans count as equally short (:func:`short_eps`).

    A tenth of a gram (a gram of priority 9 weighs 0.11 of one), or a millionth of
    ``base``'s.
    """
    return max(0.1 * GRAM_T, 1e-6 * weighted_short(base))


def gain_tier(goal: Outcome, base: Outcome, order: TierOrder) -> Tier | None:
    """The most important way ``goal`` improves on ``base``, in the objective's ``order``.

    Less shortfall (tonnes, or tonnes weighted by priority as the objective weighs them:
    an extra that lets priority-1 fuel through in place of priority-5 spares keeps the
    tonnes short and was said to change nothing), less lift late, more of the
    days-of-supply targets, less transport cost, ranked as ``order`` ranks them
    (:func:`~supplyline.planning.objective_tiers.tier_order`); None if it improves on none.

    >>> from supplyline.planning.objective_tiers import DEFAULT_ORDER, Tier
    >>> base = Outcome(short_t=0.0, short_by={}, late_days={}, closure_day={},
    ...                late_t_days=30.0, late_pax_days=0.0, gap_t_days=50.0, transport_cost=9.0)
    >>> goal = Outcome(short_t=0.0, short_by={}, late_days={}, closure_day={},
    ...                late_t_days=0.0, late_pax_days=0.0, gap_t_days=40.0, transport_cost=9.0)
    >>> gain_tier(goal, base, DEFAULT_ORDER).name
    'TARGETS'
    >>> gain_tier(goal, base, (Tier.SHORTFALL, Tier.LATENESS, Tier.TARGETS, Tier.COST)).name
    'LATENESS'
    """
    gains = {
        Tier.SHORTFALL: goal.short_t < base.short_t - short_eps(base)
        or weighted_short(goal) < weighted_short(base) - weighted_eps(base),
        Tier.LATENESS: sooner(goal, base),
        Tier.TARGETS: goal.gap_t_days < base.gap_t_days - gap_eps(base),
        Tier.COST: goal.transport_cost < base.transport_cost - cost_eps(base),
    }
    return next((tier for tier in order if gains[tier]), None)


def loss_tier(new: Outcome, base: Outcome, order: TierOrder) -> Tier | None:
    """The most important way ``new`` is worse than ``base``, in the objective's ``order``.

    Shortfall weighted by priority (the tonnes alone may fall where a higher priority goes
    short), lateness in tonne- or person-days, the targets, transport cost; None if none.
    """
    losses = {
        Tier.SHORTFALL: weighted_short(new) > weighted_short(base) + weighted_eps(base),
        Tier.LATENESS: max(
            new.late_t_days - base.late_t_days, new.late_pax_days - base.late_pax_days
        )
        > late_eps(base),
        Tier.TARGETS: new.gap_t_days > base.gap_t_days + gap_eps(base),
        Tier.COST: new.transport_cost > base.transport_cost + cost_eps(base),
    }
    return next((tier for tier in order if losses[tier]), None)


def better(new: Outcome, base: Outcome, order: TierOrder) -> bool:
    """Whether ``new`` gains on ``base`` before it loses anything, in the objective's ``order``.

    An extra on hand takes room in its store: an adversarial tester's +380 t of food saved
    34.36 in transport cost and left 1.63 t more fuel short, and was offered as a gain. An
    extra that fills targets and makes the lift later is better under the default weights
    (a tonne-day below target weighs 1,000, one late 20), and worse where lateness weighs
    more.
    """
    gain, loss = gain_tier(new, base, order), loss_tier(new, base, order)
    return gain is not None and (loss is None or order.index(gain) < order.index(loss))


def as_good(new: Outcome, goal: Outcome, tier: Tier, base: Outcome, order: TierOrder) -> bool:
    """As good as ``goal`` in every respect down to ``tier``, in the objective's ``order``.

    Shortfall and the tier after it in ``order`` always. A planner asks for the least extra
    that removes the shortfall and gains as much in the next tier; where only later tiers
    gain, for the least that gains as much of them. Each figure must come within a
    thousandth of its gain (:func:`near`): of a gain of 20 kg, +4.8 kg a day was taken for
    as good as +5 for 1 kg less, and +0.99 t/day for +1 where 0.01 t left a unit a day
    late. Lateness in tonne- and person-days, as the objective counts it, not closure days:
    equally good plans close units on different days, and a goal's closures (one optimum of
    many) made testers' yards +340 t/day where +200 did. Shortfall both in tonnes and
    weighted by priority: the same tonnes short of spares in place of fuel are not as good.
    """
    checks = {
        Tier.SHORTFALL: near(new.short_t, goal.short_t, base.short_t, short_eps(goal))
        and near(
            weighted_short(new),
            weighted_short(goal),
            weighted_short(base),
            weighted_eps(goal),
        ),
        Tier.LATENESS: near(new.late_t_days, goal.late_t_days, base.late_t_days, late_eps(goal))
        and near(new.late_pax_days, goal.late_pax_days, base.late_pax_days, late_eps(goal)),
        Tier.TARGETS: near(new.gap_t_days, goal.gap_t_days, base.gap_t_days, gap_eps(goal)),
        Tier.COST: near(
            new.transport_cost,
            goal.transport_cost,
            base.transport_cost,
            cost_eps(goal),
            floor=1e-7,
        ),
    }
    return all(checks[t] for t in order[: max(order.index(tier), 1) + 1])


def near(new: float, goal: float, base: float, eps: float, *, floor: float = 1e-6) -> bool:
    """``new`` no worse than ``goal`` beyond a thousandth of the gain over ``base``.

    Never beyond ``eps`` (what counts as no change), never within less than ``floor`` of
    ``goal`` (what HiGHS's tolerances leave: a millionth of tonnes summed over many rows;
    a cost, a sum of exact vertex values times prices, is taken ten times closer, so that
    +0.24 t/day saving 228.48 was not taken for as good as +0.25 saving 229.38).
    """
    gain = max(0.0, base - goal)
    return new <= goal + min(eps, max(floor * abs(goal), 1e-3 * gain, 1e-9))


def tonnes_text(tonnes: float) -> str:
    """Tonnes, tonne-days, people or cost as the tables and files give the same figure.

    :func:`~supplyline.types.figure_text`, which the CLI's and the report's tables round
    with too: whole from 100, else to 0.01. A tester read "removes 7 t of shortfall"
    beside 6.6 t in the files; a planner "cuts the shortfall by 17.1 t" (3 significant
    digits) beside 17.15 in bottlenecks.csv and the summary table.

    >>> tonnes_text(1234.4), tonnes_text(6.6), tonnes_text(9.0), tonnes_text(17.15)
    ('1,234', '6.6', '9', '17.15')
    """
    return figure_text(tonnes)


def extra_text(value: float) -> str:
    """A suggested extra as the bottleneck report says it, by the one rule of a figure.

    The tables show the same figure: a tester read "0.10" in the table beside
    "+0.099 t/day" in the sentence. The extras are round figures
    (:func:`~supplyline.planning.round_figures.nice_ceil`: whole from 1, else two significant
    digits), which :func:`~supplyline.types.figure_text` reads as they are; a storage_t
    made of a store's own 12.5 t and such an extra read ``22`` for 22.5 t (``:,.0f``).
    README, How figures read.

    >>> extra_text(400.0), extra_text(2.0), extra_text(0.099), extra_text(1300.0)
    ('400', '2', '0.099', '1,300')
    >>> extra_text(22.5), extra_text(0.2)
    ('22.5', '0.2')
    """
    return figure_text(value)


def sooner(new: Outcome, base: Outcome) -> bool:
    """Less lift late than in ``base`` (tonne-days or person-days), and none more."""
    t_gain = base.late_t_days - new.late_t_days
    pax_gain = base.late_pax_days - new.late_pax_days
    eps = late_eps(base)
    return min(t_gain, pax_gain) > -eps and max(t_gain, pax_gain) > eps


@dataclass(frozen=True, slots=True, kw_only=True)
class Gains:
    """What an extra buys, as numbers beside the words that round them.

    A tester certifying the plan could check a claim's shortfall to the gram, but "cuts the
    lift arriving late by 185 t-days" (184.896 re-planned), a target filled or a cost saved
    only as the sentence rounds it. Each figure is the plan's less the re-solved one's, to
    the gram (:func:`~supplyline.types.to_gram`; a cost to the same 6 decimals): positive
    a gain, negative where the claim says "more" ("lets … grow", "leaves … more below",
    "for … more"). Each is fixed by the optimum, as the words' figures are.
    """

    shortfall_removed_t: float
    """Tonnes of shortfall removed; never below 0 (a shift onto lower priorities is 0)."""
    late_t_days_cut: float
    """Tonne-days of deployment lift arriving late that the extra cuts."""
    late_pax_days_cut: float
    """Person-days of deploying people arriving late that the extra cuts."""
    target_t_days_filled: float
    """Tonne-days below the units' days-of-supply targets that the extra fills."""
    transport_cost_saved: float
    """Transport cost saved, in the links' cost units."""


NO_GAINS = Gains(
    shortfall_removed_t=0.0,
    late_t_days_cut=0.0,
    late_pax_days_cut=0.0,
    target_t_days_filled=0.0,
    transport_cost_saved=0.0,
)
"""What an extra that buys nothing on its own is measured to buy."""


GAIN_FIELDS = tuple(f.name for f in fields(Gains))
"""The names of :class:`Gains`' figures, which :class:`~supplyline.domain.Bottleneck`'s fields
share."""


class GainFields(TypedDict):
    """:class:`Gains`' figures as :class:`~supplyline.domain.Bottleneck`'s keywords.

    Typed, so that they fill only those fields (None: not measured).
    """

    shortfall_removed_t: float | None
    late_t_days_cut: float | None
    late_pax_days_cut: float | None
    target_t_days_filled: float | None
    transport_cost_saved: float | None


def gain_fields(g: Gains | None) -> GainFields:
    """``g``'s figures under their names, as keywords of :class:`~supplyline.domain.Bottleneck`.

    Each None where ``g`` is (not measured).
    """
    return GainFields(
        shortfall_removed_t=None if g is None else g.shortfall_removed_t,
        late_t_days_cut=None if g is None else g.late_t_days_cut,
        late_pax_days_cut=None if g is None else g.late_pax_days_cut,
        target_t_days_filled=None if g is None else g.target_t_days_filled,
        transport_cost_saved=None if g is None else g.transport_cost_saved,
    )


def gains(base: Outcome, new: Outcome) -> Gains:
    """The exact figures by which ``new`` improves on ``base`` (:class:`Gains`).

    Shortfall removed within :func:`short_eps` is none, as the words have it: the file's
    figure and the sentence beside it pass the one rule at every scale.

    >>> from supplyline.planning.extract import Outcome
    >>> def outcome(short: float, late: float, cost: float) -> Outcome:
    ...     return Outcome(short_t=short, short_by={}, late_days={}, closure_day={},
    ...                    late_t_days=late, late_pax_days=0.0, transport_cost=cost)
    >>> g = gains(outcome(5.0, 184.896, 10.0), outcome(5.0, 0.0, 12.5))
    >>> g.late_t_days_cut, g.transport_cost_saved, g.shortfall_removed_t
    (184.896, -2.5, 0.0)
    """
    removed = base.short_t - new.short_t  # within short_eps, as the words: none
    return Gains(
        shortfall_removed_t=to_gram(removed if removed > short_eps(base) else 0.0),
        late_t_days_cut=to_gram(base.late_t_days - new.late_t_days),
        late_pax_days_cut=to_gram(base.late_pax_days - new.late_pax_days),
        target_t_days_filled=to_gram(base.gap_t_days - new.gap_t_days),
        transport_cost_saved=to_gram(base.transport_cost - new.transport_cost),
    )


def effect(p: Problem, base: Outcome, new: Outcome) -> tuple[Gains, str]:
    """What ``new`` gains over ``base``: the exact figures (:func:`gains`), and in words.

    Said in the order of the objective in force
    (:attr:`~supplyline.planning.assemble.Problem.tiers`): shortfall first, then targets
    and lateness as their weights rank them, transport cost last; a claim that began "cuts
    the lift arriving late" where the objective valued the targets the extra filled fifty
    times more read as if lateness were its main gain.
    Every figure but the closure days is fixed by the optimum (any optimal re-solve gives
    it); closure days and where the shortfall falls may differ between equally good plans,
    so they are said as the re-solved plan has them, after the fixed figure.
    """
    bought, parts = effect_parts(p, base, new)
    return bought, "; ".join(parts) or "changes little on its own"


def effect_parts(p: Problem, base: Outcome, new: Outcome) -> tuple[Gains, list[str]]:
    """:func:`effect`'s words tier by tier, in the objective's order, cost with the last.

    Apart, so that a claim can say its shortfall's part with the least extra that removes
    it and the rest with its own (:mod:`~supplyline.planning.shortfall_extra`).
    """
    removed = base.short_t - new.short_t
    said: dict[Tier, str] = {}
    if removed > short_eps(base):
        said[Tier.SHORTFALL] = _where_short(p, base, new)
    elif weighted_short(new) < weighted_short(base) - weighted_eps(base):
        said[Tier.SHORTFALL] = _shifted(p, base, new)
    if sooner(new, base):
        said[Tier.LATENESS] = _less_late(p, base, new)
    elif later := _more_late(p, base, new):
        said[Tier.LATENESS] = later
    filled = base.gap_t_days - new.gap_t_days
    if filled > gap_eps(base):
        said[Tier.TARGETS] = (
            f"fills {figure_with_unit(tonnes_text(filled), 't-days')} more of the units' "
            "days-of-supply targets"
        )
    elif -filled > gap_eps(base):
        said[Tier.TARGETS] = (
            f"leaves {figure_with_unit(tonnes_text(-filled), 't-days')} more below the units' "
            "days-of-supply targets"
        )
    parts = [said[tier] for tier in p.tiers if tier in said]
    saved = base.transport_cost - new.transport_cost
    cost = ""
    if saved > cost_eps(base):
        cost = f"saves {tonnes_text(saved)} in transport cost ({COST_UNITS})"
    elif parts and saved < -cost_eps(base):
        cost = f"for {tonnes_text(-saved)} more in transport cost ({COST_UNITS})"
    if cost and parts:
        parts[-1] += f", {'and ' if saved > 0 else ''}{cost}"
    elif cost:
        parts.append(cost)
    return gains(base, new), parts


def _shifted(p: Problem, base: Outcome, new: Outcome) -> str:
    """Shortfall moved onto commodities of lower priority, no less in tonnes, in words.

    "removes 20 t of fuel shortfall, leaving 20 t more of spares short": the objective
    weighs a tonne short by its commodity's priority, so such an extra gains, where the
    tonnes short alone read "changes little on its own".
    """
    change: dict[int, float] = {}
    for key in base.short_by.keys() | new.short_by.keys():
        moved = new.short_by.get(key, 0.0) - base.short_by.get(key, 0.0)
        change[key[1]] = change.get(key[1], 0.0) + moved
    eps = short_eps(base)
    ids = p.demand.commodity_ids

    def said(sign: int) -> str:
        most = sorted(((sign * d, k) for k, d in change.items() if sign * d > eps), reverse=True)
        words = [f"{tonnes_text(d)} t{' more' if sign > 0 else ''} of {ids[k]}" for d, k in most]
        return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]

    less = said(-1) if any(d < -eps for d in change.values()) else ""
    more = said(1) if any(d > eps for d in change.values()) else ""
    if not less:  # pragma: no cover - a weighted gain is less of some commodity
        return "moves shortfall onto commodities of lower priority"
    leaving = f", leaving {more} short" if more else ""
    return f"removes {less} shortfall{leaving}"


def _where_short(p: Problem, base: Outcome, new: Outcome) -> str:
    """The shortfall removed, by the commodities whose total it changes (:func:`shortfall_words`).

    Only the total is fixed by the optimum: how it falls between units may differ in
    another plan as good (a tester's re-plans moved it), so the units named are the
    re-solved plan's, each tonnage rounded as the plan's shortfall table rounds its own
    (:func:`~supplyline.planning.shortfall_words.plan_decimals`); a relief planner's water
    extra left generator fuel 90 % short at a site, and the claim named only the water, so
    a commodity that grows is named too.
    """
    ids = p.demand
    change = {
        (ids.unit_ids[u], ids.commodity_ids[k]): new.short_by.get((u, k), 0.0)
        - base.short_by.get((u, k), 0.0)
        for u, k in base.short_by.keys() | new.short_by.keys()
    }
    eps = short_eps(base)
    return shortfall_words(
        base.short_t - new.short_t,
        change,
        eps,
        all_of_it=new.short_t <= eps,
        decimals=(
            shortfall_decimals(base.short_by.values())
            if base.short_decimals is None
            else base.short_decimals
        ),
    )


def _less_late(p: Problem, base: Outcome, new: Outcome) -> str:
    """Lift late cut by so many tonne- and person-days, with the closures that moved."""
    amounts = _late_amounts(base, new)
    text = f"cuts {_arriving_late(amounts)} by {' and '.join(amounts)}"
    earlier = {u: base.late_days[u] - new.late_days.get(u, 0) for u in base.late_days}
    sooner = sorted(((d, u) for u, d in earlier.items() if d > 0), reverse=True)
    unit = [u.id for u in p.scenario.units]
    # a unit not closed within the horizon counts as late to its end: no "days earlier"
    moved = [(d, u) for d, u in sooner if base.closure_day.get(u, 0) is not None]
    newly = [u for _, u in sooner if base.closure_day.get(u, 0) is None]
    said: list[str] = []
    if len(moved) == 1:
        days = moved[0][0]
        said.append(f"{unit[moved[0][1]]} closes {days_text(days)} earlier")
    elif moved:
        total = sum(d for d, _ in moved)
        said.append(
            f"{len(moved)} units close {total} unit-days earlier in all, "
            f"{unit[moved[0][1]]} {days_text(moved[0][0])} earlier"
        )
    closes = [day for u in newly if (day := new.closure_day.get(u)) is not None]
    if len(newly) == 1 and closes:
        said.append(
            f"{unit[newly[0]]} closes by {day_label(closes[0])}, where now it does not close "
            "within the horizon"
        )
    elif newly and closes:
        said.append(f"{len(newly)} units not closed now close by {day_label(max(closes))}")
    said += _later(base, new, unit)
    return f"{text} ({AS_RESOLVED}{'; '.join(said)}{OTHERS_MAY_DIFFER})" if said else text


def _late_amounts(more: Outcome, less: Outcome, eps: float | None = None) -> list[str]:
    """How much more lift is late in ``more`` than in ``less``: "30 t-days", "2 person-days".

    Within ``eps`` (by default :func:`late_eps` of ``more``) is no difference.
    """
    eps = late_eps(more) if eps is None else eps
    return [
        figure_with_unit(text, what)
        for change, what in (
            (more.late_t_days - less.late_t_days, "t-days"),
            (more.late_pax_days - less.late_pax_days, "person-days"),
        )
        if change > eps and (text := tonnes_text(change))
    ]


def _arriving_late(amounts: list[str]) -> str:
    """What :func:`_late_amounts`' ``amounts`` count: the lift, the people, or both.

    People are no lift: a tester read "+150 pax/day … cuts the lift arriving late by 750
    person-days".

    >>> _arriving_late(["30 t-days"]), _arriving_late(["2 person-days"])
    ('the lift arriving late', 'the people arriving late')
    >>> _arriving_late(["30 t-days", "2 person-days"])
    'the lift and people arriving late'
    """
    tonnes = any(a.endswith(("t-day", "t-days")) for a in amounts)
    people = any(a.endswith(("person-day", "person-days")) for a in amounts)
    what = "lift and people" if tonnes and people else "people" if people else "lift"
    return f"the {what} arriving late"


def _more_late(p: Problem, base: Outcome, new: Outcome) -> str:
    """The lift late that grows, with the units it makes later ("" if none).

    A tester's +3 t/day of food removed 56 t of shortfall and left a deploying unit no
    longer closed within the horizon (late t-days 1,306 → 1,881), and the claim said only
    the tonnes. Where the other measure falls (fewer tonne-days late, more person-days),
    that is said too: :class:`Gains` gives both, and the words left the fall out.
    """
    amounts = _late_amounts(new, base, eps=late_eps(base))
    if not amounts:  # closure days alone may differ between equally good plans
        return ""
    later = _later(base, new, [u.id for u in p.scenario.units])
    cut = _late_amounts(base, new)
    fall = f" and {_arriving_late(cut)} fall by {' and '.join(cut)}" if cut else ""
    text = f"lets {_arriving_late(amounts)} grow by {' and '.join(amounts)}{fall}"
    return f"{text} ({AS_RESOLVED}{'; '.join(later)}{OTHERS_MAY_DIFFER})" if later else text


def _later(base: Outcome, new: Outcome, unit: list[str]) -> list[str]:
    """Units the re-solved plan makes later past their required day, or leaves unclosed.

    Less lift late in all can still leave one unit's last tonnes later: a tester's unit
    went from 1 to 11 days late under a claim that named only the three closing earlier.
    A unit still on time is not named: another's units "closed 1 day later" and were on
    time in both plans.
    """
    out = []
    for u, before in sorted(base.closure_day.items()):
        after = new.closure_day.get(u)
        if before is not None and after is None:
            out.append(f"{unit[u]} no longer closes within the horizon")
            continue
        more = new.late_days.get(u, 0) - base.late_days.get(u, 0)
        if after is None or more <= 0:
            continue
        if base.late_days.get(u, 0) == 0:
            out.append(f"{unit[u]} closes {days_text(more)} late, where now it is on time")
        else:
            out.append(f"{unit[u]} closes {days_text(more)} later")
    return out
