"""The least extra that removes a claim's shortfall alone, where its own extra does more.

A claim's extra is the least that does as well as unlimited capacity in the shortfall and
in the tier after it (:func:`~supplyline.planning.outcome_words.as_good`): a tester's
border post (12 t/day) was offered "+28 t/day there removes 24 t of shortfall (all of it)
…; fills 150 t-days more of the units' days-of-supply targets", where +8 t/day removed all
24 t. A planner buying capacity to end the shortfall would have bought 3.5 times what it
needs. So, where the claim's main gain is shortfall and it gains in the next tier too, the
least round extra that removes as much shortfall (tonnes, and tonnes weighted by priority)
is bisected for as the claim's is, by warm re-solves, and said beside it where smaller.

It comes last in the measuring time, after the claims, the closures and the stores of
``storage_t`` 0 (:func:`~supplyline.planning.bottlenecks.find_bottlenecks`): a refinement
of a claim already said, it takes no time from those. Sought within the claim's one
search it took 1.9 s of corridor-S's 10 s budget and could have left a later claim
unmeasured. A claim whose gain needs other capacities raised with it
(:attr:`~supplyline.planning.measure.Measured.together_with`) is not tried: their extras
were found with its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.planning.assemble import Problem
from supplyline.planning.extract import Outcome, outcome_of
from supplyline.planning.highs import HighsSession
from supplyline.planning.lifts import lift_of
from supplyline.planning.measure import Measured, Resolver
from supplyline.planning.model import LpModel
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outcome_words import (
    effect_parts,
    gain_tier,
    near,
    short_eps,
    weighted_eps,
    weighted_short,
)
from supplyline.planning.resources import Run, describe
from supplyline.planning.round_figures import nice_midpoint

__all__ = ["SHORTFALL_BISECTIONS", "ShortfallExtra", "least_for_shortfall", "shortfall_extras"]

FloatArray = npt.NDArray[np.float64]

SHORTFALL_BISECTIONS = 16
"""Warm re-solves at most spent on it, as many as the claim's own bisection may spend;
the ladder of round figures ends it sooner (four on the tester's border post)."""


@dataclass(frozen=True, slots=True)
class ShortfallExtra:
    """The least round extra that removes a claim's shortfall, with the claim's words split."""

    extra: float
    """In the claim's unit, less than the claim's own extra."""
    removes: str
    """What it removes, as the claim says it ("removes 24 t of shortfall (all of it): …")."""
    also: str
    """What the claim's own extra gains beyond that ("fills 150 t-days more of …")."""


def shortfall_extras(
    p: Problem,
    m: LpModel,
    session: HighsSession,
    base: Outcome,
    measured: list[tuple[Run, Measured | None]],
    deadline: float,
    progress: Callable[[str], None] | None = None,
) -> dict[int, ShortfallExtra]:
    """For each measured claim (by its index in ``measured``), the least extra for its shortfall.

    Only where less than the claim's own extra does it
    (:func:`least_for_shortfall`), while the measuring time lasts (``deadline``,
    :func:`time.perf_counter`'s clock): a claim left untried keeps its one figure. Each
    resource is raised on the days its claim says and restored after.
    """
    found: dict[int, ShortfallExtra] = {}
    for i, (run, got) in enumerate(measured):
        if got is None or got.alone or got.together_with or got.after is None:
            continue
        if not _worth_trying(p, got.after, base):
            continue
        if time.perf_counter() >= deadline:
            break
        if progress is not None:
            progress(f"measuring the least extra for the shortfall alone: {describe(p, run)[0]}")
        lift = lift_of(p, m, session, run)
        session.use_simplex()  # warm, from the last basis
        try:
            less = least_for_shortfall(
                p, m, Resolver(session, deadline), base, lift.to, (got.extra, got.after)
            )
        finally:
            lift.restore()
        if less is not None:
            found[i] = less
    return found


def _worth_trying(p: Problem, goal: Outcome, base: Outcome) -> bool:
    """Whether ``goal``'s main gain is shortfall and it gains in the next tier as well."""
    return gain_tier(goal, base, p.tiers) is Tier.SHORTFALL and _gains_next(p, goal, base)


def least_for_shortfall(
    p: Problem,
    m: LpModel,
    resolve: Callable[[], FloatArray | None],
    base: Outcome,
    lift: Callable[[float], None],
    extra: tuple[float, Outcome],
) -> ShortfallExtra | None:
    """The least round extra removing the shortfall ``extra``'s does, where less than it.

    ``extra`` is the claim's figure and the outcome re-solved with it; ``lift`` raises the
    resource by a figure (the capacities raised with it stay at theirs); ``resolve``
    re-solves, None when the time ran out or the solver could not vouch for it. None where
    the claim's main gain is not shortfall, where it gains nothing in the tier after it (its
    own figure is then the least for the shortfall), or where no smaller round figure does;
    a figure found before the time ran out is returned, being enough (maybe not the least).
    Leaves the resource raised by the last figure tried: the caller restores it.
    """
    figure, goal = extra
    if not _worth_trying(p, goal, base):
        return None
    _, parts = effect_parts(p, base, goal)
    if len(parts) < 2:  # nothing said beyond the shortfall: no second figure to say it of
        return None
    lo, hi, found = 0.0, figure, None
    for _ in range(SHORTFALL_BISECTIONS):
        mid = nice_midpoint(lo, hi)
        if mid is None:
            break
        lift(mid)
        x = resolve()
        if x is None:
            break
        if _as_short(outcome_of(p, m, x), goal, base):
            hi, found = mid, mid
        else:
            lo = mid
    return None if found is None else ShortfallExtra(found, parts[0], "; ".join(parts[1:]))


def _gains_next(p: Problem, goal: Outcome, base: Outcome) -> bool:
    """Whether ``goal`` gains in the tier after shortfall too, which its figure is least for.

    >>> from supplyline.planning.objective_tiers import DEFAULT_ORDER
    >>> def outcome(short: float, gap: float) -> Outcome:
    ...     return Outcome(short_t=short, short_by={}, late_days={}, closure_day={},
    ...                    late_t_days=0.0, late_pax_days=0.0, gap_t_days=gap, transport_cost=0.0)
    >>> class P:
    ...     tiers = DEFAULT_ORDER
    >>> _gains_next(P(), outcome(0.0, 60.0), outcome(24.0, 210.0))  # type: ignore[arg-type]
    True
    >>> _gains_next(P(), outcome(0.0, 210.0), outcome(24.0, 210.0))  # type: ignore[arg-type]
    False
    """
    return gain_tier(goal, base, (p.tiers[1], p.tiers[1], p.tiers[1], p.tiers[1])) is not None


def _as_short(new: Outcome, goal: Outcome, base: Outcome) -> bool:
    """As little short as ``goal``, in tonnes and weighted by priority, as a claim is judged.

    Within a thousandth of the shortfall removed (:func:`~supplyline.planning.outcome_words.near`),
    as :func:`~supplyline.planning.outcome_words.as_good` takes its shortfall tier.
    """
    return near(new.short_t, goal.short_t, base.short_t, short_eps(goal)) and near(
        weighted_short(new), weighted_short(goal), weighted_short(base), weighted_eps(goal)
    )
