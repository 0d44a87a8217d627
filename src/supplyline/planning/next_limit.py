"""Which capacity caps what more of a bottleneck buys: the next limit, named.

Raising one capacity gains only until another binds behind it: a yard of 6 t/day before a
link of 8 gains 2 t/day, however much more the yard handles. A planner who read "+2 t/day
there removes 16 t of shortfall" and saw 56 t still short was not told why; the report
now names the link ("beyond +2 t/day there, the road link lb y→u (8 t/day) limits the
gain"). The measuring already re-solves with the resource unlimited: the capacities that
bind in that re-solve, with a price, are what would gain next, so naming one costs no
solve (:func:`next_limit`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from supplyline.domain import ResourceKind
from supplyline.planning.affected import DEPLOYMENT
from supplyline.planning.assemble import Problem
from supplyline.planning.extract import TOL, Outcome
from supplyline.planning.highs import HighsSession
from supplyline.planning.model import LpModel
from supplyline.planning.objective_tiers import Tier, TierOrder
from supplyline.planning.outcome_words import (
    as_good,
    better,
    gain_tier,
    gap_eps,
    late_eps,
    short_eps,
    weighted_short,
)
from supplyline.planning.resources import (
    PEOPLE_KINDS,
    Run,
    candidates,
    commodities_using,
    describe,
    lifted_days,
    places,
)
from supplyline.types import day_ranges

__all__ = [
    "NOTHING_SINGLE",
    "TRIED",
    "capped_by",
    "corridor_steps",
    "gain_left",
    "joint_gain",
    "next_limits",
]

FloatArray = npt.NDArray[np.float64]


def gain_left(
    p: Problem,
    m: LpModel,
    x: tuple[Outcome, FloatArray],
    base: Outcome,
    tier: Tier,
    goods: set[str],
    after: int,
) -> bool:
    """Whether the re-solve ``x`` (outcome, solution) leaves some of what the gain is in.

    Of ``goods``: shortfall (tier 0, as ``gain_tier`` numbers them) or stock below the
    targets (2) on a day after ``after``, the first the capping capacity binds: what is
    short before it, or of goods the resource does not carry, no more of it changes (a
    store that let 80 of 100 t through left the unit short on the two days before anything
    could arrive, and the road after it, full from then on, was named); or lift arriving
    late (1) where the resource carries deployment. Transport cost (3) never goes.
    """
    if tier is Tier.LATENESS:
        late = max(x[0].late_t_days, x[0].late_pax_days)
        return DEPLOYMENT in goods and late > late_eps(base)
    block = {Tier.SHORTFALL: "short", Tier.TARGETS: "gap"}.get(tier)
    if block is None or block not in m.cols:
        return False
    b = m.cols[block]
    vals = x[1][b.start : b.start + b.size]
    names = np.asarray(p.demand.commodity_ids, dtype=object)[b["k"]]
    kept = (b["t"] > after) & np.isin(names, sorted(goods))
    eps = short_eps(base) if tier is Tier.SHORTFALL else gap_eps(base)
    return float(vals[kept].sum()) > eps


TRIED = 3
"""Capacities re-solved at most, raised with the resource, to find the one that caps its
gain: each is a warm re-solve, within the explaining time."""


def next_limits(
    p: Problem, m: LpModel, session: HighsSession, runs: list[Run], free_x: FloatArray
) -> list[Run]:
    """The capacities that bind, with a price, once those of ``runs`` are unlimited.

    Read from the session's last solve, the re-solve ``free_x`` with them unlimited: call
    it before the session solves again. Of their kind (people, or tonnes: a supply counts
    as tonnes), on the corridor their goods take there (:func:`corridor_steps`), carrying
    goods they carry, the nearest first and of those the highest priced, at most
    :data:`TRIED`. Not only neighbours: a tester's yard of 6 t/day, a road on to a junction,
    another road and a border post handling 8 t/day, was said to gain +2 t/day with no
    limit named (the post, two links on, is next to nothing the yard touches); re-planned,
    the yard at 100 left the 80 t short that +2 did, the yard and the post at 100 left 48.
    The bilateral example's Grenzfeld yard is so capped by the Kar-Tobe forward depot. A
    price is still no promise (:func:`capped_by` re-solves each).
    """
    duals = session.duals()
    if duals is None:
        return []
    taken = {(r.kind, r.key) for r in runs}
    people = runs[0].kind in PEOPLE_KINDS
    goods = {c for r in runs for c in commodities_using(p, m, free_x, r)}
    steps = corridor_steps(p, m, free_x, goods, set().union(*(places(p, r) for r in runs)))
    near = sorted(
        (
            other
            for other in candidates(p, m, *duals, free_x)
            if (other.kind, other.key) not in taken
            and (other.kind in PEOPLE_KINDS) == people
            and other.kind is not ResourceKind.OUTAGE
            and steps.keys() & places(p, other)
        ),
        key=lambda other: min(steps[v] for v in places(p, other) if v in steps),
    )  # stable: the highest priced first among those as near
    out: list[Run] = []
    for other in near:  # which goods use one is read only until enough are found
        if goods & set(commodities_using(p, m, free_x, other)):
            other.lifted = lifted_days(p, m, other)  # a place's rows are raised on these
            out.append(other)
            if len(out) == TRIED:
                break
    return out


def corridor_steps(
    p: Problem, m: LpModel, x: FloatArray, goods: set[str], start: set[int]
) -> dict[int, int]:
    """The places ``goods`` reach from ``start`` in the solution ``x``, by links crossed.

    Over the links that carry some of ``goods`` (deployment: any unit's own flows) on some
    day, either way from each: where they come from and where they go on to, as far as
    they go. A place of ``start`` is 0 steps away, a place across one such link 1.
    """
    arc = m.cols["arc"]
    flow_goods = np.asarray(
        [DEPLOYMENT if n.startswith("deploy:") else n for n in p.flows.names], dtype=object
    )
    carrying = (x[arc.start : arc.start + arc.size] > TOL) & np.isin(
        flow_goods[arc["f"]], sorted(goods)
    )
    ahead: defaultdict[int, set[int]] = defaultdict(set)
    for a in np.unique(arc["a"][carrying]):
        u, v = int(p.net.arc_from[a]), int(p.net.arc_to[a])
        ahead[u].add(v)
        ahead[v].add(u)
    steps = dict.fromkeys(start, 0)
    frontier = sorted(start)
    while frontier:
        reached = sorted({v for u in frontier for v in ahead[u]} - steps.keys())
        steps.update((v, steps[frontier[0]] + 1) for v in reached)
        frontier = reached
    return steps


NOTHING_SINGLE = "nothing single"
"""What the words say caps the gain where capacities bind but raising none of them with the
resource gains: "beyond +6 t/day, nothing single limits the gain"."""


def joint_gain(new: Outcome, goal: Outcome, order: TierOrder) -> tuple[int, float] | None:
    """How much ``new`` gains on ``goal``, most important respect first; None if nothing.

    Only a gain before any loss (:func:`~supplyline.planning.outcome_words.better`), and
    never one in transport cost alone: a capacity that only makes the route cheaper caps
    nothing of what the claim buys.
    """
    tier = gain_tier(new, goal, order)
    if tier is None or tier is Tier.COST or not better(new, goal, order):
        return None
    amount = {
        Tier.SHORTFALL: weighted_short(goal) - weighted_short(new),
        Tier.LATENESS: goal.late_t_days + goal.late_pax_days - new.late_t_days - new.late_pax_days,
        Tier.TARGETS: goal.gap_t_days - new.gap_t_days,
    }[tier]
    return -order.index(tier), amount


def capped_by(
    p: Problem,
    m: LpModel,
    runs: list[Run],
    base: Outcome,
    unlimited: tuple[Outcome, FloatArray] | None,
    after: Outcome,
    capping: list[Run],
    raised_with: Callable[[Run], Outcome | None],
) -> tuple[str, str, Run | None]:
    """The capacity that caps the claim's gain: its id, its words and its run; none, empty.

    ``unlimited`` is the outcome and solution of the re-solve with ``runs`` unlimited (None
    where ``capping``, read from it, is empty: it is then not worked out). Considered only
    where the extra said does as well as unlimited did (beyond it more buys nothing), and
    each capacity only where that re-solve left some of what the gain is in, of the goods
    they carry, after it first binds (:func:`gain_left`). A store's extra chosen within its
    room does less than unlimited, for its crowding, and no capacity is to blame for the
    rest.

    Each is then re-solved raised with them (``raised_with``: the outcome, None where the
    re-solve failed or the time ran out): a price on one of several rows full together is no
    promise that more of it gains. A tester's yard between a rail link of 15 t/day and a
    road of 7 had the rail named, priced once the yard was unlimited; re-planned, the rail
    raised with the yard bought nothing and the road 3 t. The highest priced is named if it
    gains, else the one that gains most; where none does, "nothing single" (where a
    re-solve was cut short, nothing is said). The run is what a claim that must go beyond
    raises next (:mod:`~supplyline.planning.closure_capacity`).
    """
    if not capping or unlimited is None:
        return "", "", None
    goal, _ = unlimited
    tier = gain_tier(goal, base, p.tiers)
    if tier is None or not as_good(after, goal, tier, base, p.tiers):
        return "", "", None
    goods = {c for r in runs for c in commodities_using(p, m, unlimited[1], r)}
    found: list[tuple[tuple[int, float], Run]] = []
    tried = False
    for other in capping:
        if not gain_left(p, m, unlimited, base, tier, goods, min(other.days)):
            continue
        raised, tried = raised_with(other), True
        if raised is None:
            return "", "", None  # not re-solved: nothing verified to say
        gain = joint_gain(raised, goal, p.tiers)
        if gain is not None:
            found.append((gain, other))
            if other is capping[0]:
                break  # the highest priced gains: it is named
    if not found:
        return "", NOTHING_SINGLE if tried else "", None
    best = max(found, key=lambda f: f[0])[1]
    resource, words, _, _ = describe(p, best)
    return resource, f"{words}, full on {day_ranges(best.days)},", best
