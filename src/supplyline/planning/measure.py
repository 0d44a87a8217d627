"""What more of a bottleneck buys, measured: warm re-solves with it raised.

Re-solve with the resource unlimited (a token price on its use, so the plan uses no
more than it needs), round up what it used, and bisect for the least round extra that
does as well in the objective's order (what counts as as good:
:mod:`supplyline.planning.outcome_words`). When more of it alone gains nothing, the
capacities of its kind that bind with it are raised together (:func:`measure_run`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from supplyline.domain import JointExtra, PlanStatus, ResourceKind
from supplyline.planning.affected import affected_goods
from supplyline.planning.assemble import Problem
from supplyline.planning.crossings import store_note
from supplyline.planning.extract import TOL, Outcome, outcome_of
from supplyline.planning.highs import HighsSession
from supplyline.planning.joint_extras import joint_extra
from supplyline.planning.lifts import Lift, lift_of, priced
from supplyline.planning.model import IntArray, LpModel
from supplyline.planning.next_limit import capped_by, next_limits
from supplyline.planning.none_later import none_later
from supplyline.planning.objective_tiers import Tier
from supplyline.planning.outcome_words import (
    NO_GAINS,
    Gains,
    as_good,
    better,
    effect,
    extra_text,
    gain_tier,
)
from supplyline.planning.partner_check import check_partners
from supplyline.planning.resources import (
    PEOPLE_KINDS,
    Run,
    candidates,
    commodities_using,
    days_used,
    describe,
    extra_days,
    extra_unit,
    lifted_days,
    listed,
    places,
)
from supplyline.planning.round_figures import nice_below, nice_ceil, nice_midpoint

__all__ = ["Measured", "Resolver", "measure_run"]

FloatArray = npt.NDArray[np.float64]


def _usage_over(m: LpModel, x: FloatArray, idx: IntArray, cols: bool, old: FloatArray) -> float:
    """Most the re-solved plan uses beyond the old capacity, on any lifted row or column."""
    used = x[idx] if cols else m.matrix[idx, :] @ x
    return float(np.max(used - old, initial=0.0))


BISECTIONS = 16
"""Warm re-solves at most spent looking for a smaller round extra that does as much. The
search ends sooner, when no round figure lies between one that fails and one that does
(seven on a tester's yard, from +300 down to +100); the cap only bounds a usage far above
the answer (three left a tester's +12 t/day where +10 did; six, the relief example's +10
where +9 did). The time budget still bounds them."""


class Resolver:
    """Warm re-solves within the explanation's time; the solution only if proven optimal."""

    def __init__(self, session: HighsSession, deadline: float) -> None:
        self.session = session
        self._deadline = deadline
        self.ran_out = False
        """Whether a re-solve was cut off (or not started) for want of time."""
        self.unsure = False
        """Whether a re-solve ended, from a warm and then a cold start, in a status HiGHS
        cannot vouch for: its figures are not claimed (:attr:`Measuring.SOLVER_UNSURE`)."""

    @property
    def out_of_time(self) -> bool:
        """Whether the explanation's time is spent."""
        return time.perf_counter() >= self._deadline

    def __call__(self) -> FloatArray | None:
        """Re-solve within the time left; the solution if proven optimal, else None."""
        left = self._deadline - time.perf_counter()
        if left <= 0:
            self.ran_out = True
            return None
        self.session.set_time_limit(left)
        sol = self.session.solve(measuring=True)
        if sol.unvouched and not self.out_of_time:  # numerical trouble from the warm start
            self.session.forget_basis()
            self.session.set_time_limit(self._deadline - time.perf_counter())
            sol = self.session.solve(measuring=True)
            self.unsure = self.unsure or sol.unvouched
        if sol.status is PlanStatus.OPTIMAL:
            return sol.x
        self.ran_out = self.ran_out or self.out_of_time
        return None


def _least_extra(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    lift: Callable[[float], None],
    enough: float,
    free_x: FloatArray,
) -> tuple[float, FloatArray | None]:
    """The least round extra (bisecting below ``enough``) that does what ``enough`` does.

    ``enough`` covers what the unlimited re-solve used, and is re-solved first: an extra on
    hand also takes room in its store, which unlimited capacity does not (a store's +20 t
    removed nothing where +60 t removed 20 t). Where it falls short, larger figures are
    tried (:data:`GROWTHS`); below the first that does, the bisection looks for the least
    round figure (on :func:`~supplyline.planning.round_figures.nice_ceil`'s ladder; where the
    midpoint rounds up onto the upper end, the rung below it) that does as well in the
    most important respect that gains
    (:func:`~supplyline.planning.outcome_words.gain_tier`). Returns the figure and a
    solution re-solved with it, which alone the words are said of (None: no time to
    re-solve it).
    """
    goal = outcome_of(p, m, free_x)
    tier = gain_tier(goal, base, p.tiers)
    lo, hi = 0.0, enough
    lift(hi)
    best = resolve()
    if best is None:
        return hi, None
    if tier is None:  # it gains nothing worth saying: no least extra to look for
        return hi, best
    grown = _grown(p, m, resolve, base, lift, (hi, best), goal, tier)
    if grown[0] is None:  # none does all that unlimited does: the best said as found
        return grown[1]
    lo, (hi, best) = grown[0], grown[1]
    for _ in range(BISECTIONS):
        mid = nice_midpoint(lo, hi)
        if mid is None:
            break
        lift(mid)
        x = resolve()
        if x is not None and as_good(outcome_of(p, m, x), goal, tier, base, p.tiers):
            hi, best = mid, x
        elif x is None and resolve.out_of_time:
            break
        else:
            lo = mid
    lift(hi)  # the caller's resource is left at the figure said
    return hi, best


GROWTHS = 4
"""Doublings of ``enough`` tried at most when it does not do what unlimited capacity does
(a store crowded by more on hand), before the claim is said of the largest tried."""


def _grown(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    lift: Callable[[float], None],
    first: tuple[float, FloatArray],
    goal: Outcome,
    tier: Tier,
) -> tuple[float | None, tuple[float, FloatArray]]:
    """Double ``first``'s figure (:data:`GROWTHS` times at most) until one does the goal.

    Returns the figure below it, for the bisection, and the figure with its solution; or
    None and the best figure re-solved, in the objective's order, where none does: not the
    largest tried, as a tester's store crowded by more on hand was offered +380 t that left
    1.63 t more short, the first figure tried (+23 t) having removed 3.17 t.
    """
    lo, (hi, best) = 0.0, first
    tried = first
    for _ in range(GROWTHS):
        if as_good(outcome_of(p, m, best), goal, tier, base, p.tiers):
            return lo, (hi, best)
        figure = nice_ceil(2 * hi)
        lift(figure)
        x = resolve()
        if x is None:
            break
        lo, hi, best = hi, figure, x
        if better(outcome_of(p, m, x), outcome_of(p, m, tried[1]), p.tiers):
            tried = (hi, best)
    else:
        if as_good(outcome_of(p, m, best), goal, tier, base, p.tiers):
            return lo, (hi, best)
    lift(tried[0])
    return None, tried


@dataclass(frozen=True, slots=True)
class Measured:
    """What a round extra of a resource buys, as the re-solve with it found."""

    extra: float
    """Per day (tonnes, people, or tonnes of storage), rounded as a planner would say it."""
    gains: Gains
    """What the extra buys, exactly: the figures ``effect`` rounds (none where ``alone``)."""
    effect: str
    """The gain in words ("removes 840 t of shortfall: …"); of a store, with a note where
    the re-solve keeps goods on the road both ways at it (:func:`store_note`)."""
    crossing: tuple[str, ...]
    """The commodities that use the resource in the re-solved plan, busiest first, whose
    shortfall, target gap or lateness the re-solve changes (:func:`affected_goods`)."""
    alone: bool = False
    """More of it buys nothing on its own, and no other capacity was found to go with it."""
    with_partner: str = ""
    """The other capacity raised with it, in words, when more of it alone bought nothing."""
    partners: tuple[tuple[ResourceKind, tuple[str, int]], ...] = ()
    """The kinds and keys of the capacities raised with it (as :class:`Run` has them)."""
    together_with: tuple[JointExtra, ...] = ()
    """Those capacities' extras as data, on the days :attr:`with_partner` says. Each is
    verified, re-solved without it, to gain with the others
    (:mod:`~supplyline.planning.partner_check`), but where :attr:`partners_unverified`."""
    partners_unverified: bool = False
    """The time ran out before every partner was re-solved without its extra: those not
    tried are named, and the words say they are not verified to be needed."""
    least: bool = True
    """False when the time ran out before a smaller extra was tried: ``extra`` is enough, and
    maybe more than needed (a tester's yard was said to need +1,100 t/day where +200 did)."""
    then_limited_by: str = ""
    """The capacity that binds once the extra is there and caps its gain, by its resource
    id ("lb (y→u)"); empty where nothing does (:mod:`~supplyline.planning.next_limit`)."""
    then_limited_words: str = ""
    """That capacity in words, with the days it binds ("the road link lb y→u (8 t/day), full
    on C+1–C+8,"), as the explanation says it."""
    after: Outcome | None = None
    """The outcome re-solved with :attr:`extra`, what :attr:`effect` says: what the least
    extra removing its shortfall alone is sought against, once every claim is measured
    (:mod:`~supplyline.planning.shortfall_extra`)."""
    limit: Run | None = field(default=None, repr=False, compare=False)
    """The run of :attr:`then_limited_by`: what a claim that must go beyond raises next."""


MAX_TOGETHER = 3
"""At most this many capacities in a row are raised together to measure a bottleneck."""


def measure_run(
    p: Problem, m: LpModel, resolve: Resolver, run: Run, base: Outcome, along: Sequence[Run] = ()
) -> Measured | None:
    """Re-solve with the resource unlimited, then with a rounded-up extra; restore it.

    When more of it alone gains nothing, other capacities bind with it (a road of 40
    people a day into a border post of 40, a link, a yard and a link of 30 t/day in a
    row: testers raised the one the report named and gained nothing). The capacity of
    its kind (tonnes, or people) that binds most once it is unlimited, next to one
    already raised if any is, is raised with it, up to :data:`MAX_TOGETHER`, until the
    plan gains; they are then raised in proportion to what each used unlimited, and the
    least round figure bisected for. A partner is picked by its price, which is no
    promise: each is then re-solved without its extra and named only where that loses
    (:func:`~supplyline.planning.partner_check.check_partners`). ``along`` are raised
    with it from the first re-solve, partners already known (a limit a closure's claim must
    go beyond), checked as those picked. None when there was no time left or a re-solve
    failed.
    """
    if resolve.out_of_time:
        return None
    session = resolve.session
    runs = [run, *along]
    lifts = [lift_of(p, m, session, r) for r in runs]
    nothing = Measured(extra=0.0, gains=NO_GAINS, effect="", crossing=(), alone=True)
    session.use_simplex()  # warm start from the plan's basis
    try:
        free_x = _unlimited_gain(p, m, resolve, base, runs, lifts)
        if not isinstance(free_x, np.ndarray):
            return None if free_x is None else nothing
        capping = next_limits(p, m, session, runs, free_x)  # before the session solves again
        # its outcome only where one binds: on a large plan each costs tens of ms
        unlimited = (outcome_of(p, m, free_x), free_x) if capping else None
        used = [_usage_over(m, free_x, lf.idx, lf.cols, lf.old) for lf in lifts]
        priced(p, m, session, lifts, on=False)
        if used[0] <= TOL:  # the gain is the others' alone
            return nothing
        kept = [i for i, u in enumerate(used) if u > TOL]
        enough = {i: nice_ceil(used[i]) for i in kept}
        for i in set(range(len(lifts))) - set(kept):
            lifts[i].restore()  # raised, but not needed for the gain
        within = _uncrowded(p, m, resolve, base, lifts[0] if kept == [0] else None, enough[0])
        if within is not None:
            enough[0], free_x = within

        extra, first = _least_extra(
            p, m, resolve, base, _together(lifts, kept, enough), enough[0], free_x
        )
        if first is None:  # no re-solve with the figure: nothing true to say of it
            return None
        figures, x = _each_least(
            p,
            m,
            resolve,
            base,
            [lifts[i] for i in kept],
            [extra] + [nice_ceil(extra * enough[i] / enough[0]) for i in kept[1:]],
            free_x,
            first,
        )
        if len(kept) > 1 and _partners_alone(p, m, resolve, base, lifts[kept[0]], figures[0], x):
            return nothing
        least = not resolve.ran_out  # what follows only picks the words' plan
        # each partner, picked by its price, named only where re-solving without it loses
        checked = check_partners(p, m, resolve, base, [lifts[i] for i in kept], figures, x)
        if checked is None:  # a re-solve the solver cannot vouch for: nothing verified
            return None
        x = checked.x
        figures = [figures[0], *(figures[j] for j in checked.kept)]
        kept = [kept[0], *(kept[j] for j in checked.kept)]
        x = none_later(p, m, resolve, base, x)
        if not better(outcome_of(p, m, x), base, p.tiers):  # it loses more than it gains
            return nothing
        after = outcome_of(p, m, x)
        bought, said = effect(p, base, after)
        if run.kind is ResourceKind.STORAGE:
            said += store_note(p, m, x, run.key[1], p.net.storage[run.key[1]] + figures[0])
        with_partners = _said_on_days_used(
            p, m, [runs[i] for i in kept], [lifts[i] for i in kept], figures, x
        )
        # last: it re-solves with them all unlimited again, which the finally puts back
        limited_by, limited_words, limit = capped_by(
            p, m, runs, base, unlimited, after, capping, _raised_with(p, m, resolve, lifts)
        )
    finally:
        priced(p, m, session, lifts, on=False)
        for lf in lifts:
            lf.restore()
    return Measured(
        extra=figures[0],
        gains=bought,
        effect=said,
        # only the goods the extra changes the outcome of: others may merely pass earlier
        crossing=tuple(
            c for c in commodities_using(p, m, x, run) if c in affected_goods(p, base, after)
        ),
        with_partner=f" together with {listed(tuple(with_partners))}" if with_partners else "",
        partners=tuple((runs[i].kind, runs[i].key) for i in kept[1:]),
        together_with=tuple(
            joint_extra(p, runs[i], figure) for i, figure in zip(kept[1:], figures[1:], strict=True)
        ),
        least=least,
        partners_unverified=checked.unverified,
        then_limited_by=limited_by,
        then_limited_words=limited_words,
        after=after,
        limit=limit,
    )


def _raised_with(
    p: Problem, m: LpModel, resolve: Resolver, lifts: list[Lift]
) -> Callable[[Run], Outcome | None]:
    """Re-solve with ``lifts`` unlimited and priced, as when they were measured, and one more.

    The outcome with the other capacity unlimited too, which is put back after; None where
    the re-solve failed or the time ran out. ``lifts`` are left unlimited: the caller
    restores them.
    """

    def raised(other: Run) -> Outcome | None:
        for lf in lifts:
            lf.unlimited()
        priced(p, m, resolve.session, lifts, on=True)
        more = lift_of(p, m, resolve.session, other)
        more.unlimited()
        try:
            x = resolve()
        finally:
            more.restore()
        return None if x is None else outcome_of(p, m, x)

    return raised


ROOM_STEPS = 6
"""Extras on hand tried within a store's free room, when more than it was used unlimited."""


def _uncrowded(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    lift: Lift | None,
    enough: float,
) -> tuple[float, FloatArray] | None:
    """For stock on hand that crowds its store, the best extra within its free room.

    Stock on hand takes room in its store whether drawn or not, so more of it is not always
    better: an adversarial tester's forward store (33.3 t, 5.5 t of food on hand) was
    offered +380 t, grown from what unlimited food used (+23 t), which filled the store and
    left 1.63 t more fuel short, where +10 t removed 3.5 t. Round figures up to the free
    room (:data:`ROOM_STEPS` of them) and ``enough`` are re-solved; the best, in the
    objective's order, is returned with its solution, to bisect below. None where there is
    no free room, nothing gains, or ``enough`` does best: the search starts from what
    unlimited used, as for any resource (a full store's +60 t removed 20 t).
    """
    if lift is None or lift.room is None or lift.room.free <= 0:
        return None
    free = lift.room.free
    figures = {nice_ceil(free * k / ROOM_STEPS) for k in range(1, ROOM_STEPS + 1)}
    found: tuple[float, FloatArray, Outcome] | None = None
    for figure in sorted({f if f <= free else nice_below(f) for f in figures} | {enough}):
        lift.to(figure)
        x = resolve()
        if x is None:
            if resolve.out_of_time:
                break
            continue
        got = outcome_of(p, m, x)
        if better(got, base, p.tiers) and (found is None or better(got, found[2], p.tiers)):
            found = (figure, x, got)
    return None if found is None or found[0] == enough else found[:2]


def _unlimited_gain(
    p: Problem, m: LpModel, resolve: Resolver, base: Outcome, runs: list[Run], lifts: list[Lift]
) -> FloatArray | bool | None:
    """The re-solve with the resource unlimited, with the capacities binding with it.

    Partners are appended to ``runs`` and ``lifts`` while the plan gains nothing, up to
    :data:`MAX_TOGETHER`. False when none gains; None when a re-solve failed.
    """
    session = resolve.session
    for lift in lifts[:-1]:  # those raised along with it from the first re-solve
        lift.unlimited()
    while True:
        lifts[-1].unlimited()
        priced(p, m, session, lifts, on=True)
        free_x = resolve()
        if free_x is None:
            return None
        if gain_tier(outcome_of(p, m, free_x), base, p.tiers) is not None:
            return free_x
        partner = _binding_with(p, m, session, runs, free_x)
        if partner is None or len(runs) == MAX_TOGETHER:
            return False
        runs.append(partner)
        lifts.append(lift_of(p, m, session, partner))


def _together(
    lifts: list[Lift], kept: list[int], enough: dict[int, float]
) -> Callable[[float], None]:
    """Raise the kept resources together, the others in proportion to what each used."""

    def to(more: float) -> None:
        for i in kept:
            lifts[i].to(nice_ceil(more * enough[i] / enough[0]) if i != kept[0] else more)

    return to


def _said_on_days_used(
    p: Problem, m: LpModel, runs: list[Run], lifts: list[Lift], figures: list[float], x: FloatArray
) -> list[str]:
    """The partners' extras in words, each run's extra days cut to those ``x`` uses.

    ``x`` is feasible with each raised only on those days, so the words say them: a
    tester's yard, full unloading on C+1–C+3, was offered +50 t/day "on C+0–C+5" (its run
    widened by its dwell) where C+1–C+3 did. A partner's are said even where they are the
    named one's, which go unsaid when they are its binding days: a tester read "+8 t/day
    there together with +8 t/day at the road link a" with no days for a, and could not
    re-plan the claim. Sets the runs' ``lifted`` days.
    """
    for run, lift in zip(runs, lifts, strict=True):
        run.lifted = days_used(m, run, lift.idx, lift.cols, lift.old, x)
    return [
        f"+{extra_text(figure)} {extra_unit(run, run.lifted)} at {describe(p, run)[1]}"
        + extra_days(run, [])  # never [], so always its days (a store's: none)
        for run, figure in zip(runs[1:], figures[1:], strict=True)
    ]


def _partners_alone(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    named: Lift,
    figure: float,
    x: FloatArray,
) -> bool:
    """Whether the partners' extras alone do what they do with the named resource's.

    A tester's fuel supply was said to fill 77.7 t-days "+0.00017 t/day there together with
    +61 t/day at the road link", which the road alone filled: more of the supply then
    changes nothing on its own. Leaves the named resource raised by ``figure`` again.
    """
    goal = outcome_of(p, m, x)
    tier = gain_tier(goal, base, p.tiers)
    named.restore()
    alone = resolve()
    named.to(figure)  # raised again, for the plan the words are said of
    return (
        tier is not None
        and alone is not None
        and as_good(outcome_of(p, m, alone), goal, tier, base, p.tiers)
    )


def _each_least(
    p: Problem,
    m: LpModel,
    resolve: Resolver,
    base: Outcome,
    lifts: list[Lift],
    figures: list[float],
    free_x: FloatArray,
    x: FloatArray,
) -> tuple[list[float], FloatArray]:
    """The least round extra of each in turn, the others held at theirs.

    Raised in proportion, the extras are enough but not each the least: of a yard, a rail
    link and a road raised together, a tester's road needed +10 t/day where the
    proportion said +30 (the railhead buffered the yard's surge). The partners go first,
    then the named resource (the first), with what they need. Returns the extras and a
    solution with them.
    """
    figures = list(figures)
    for lift, figure in zip(lifts, figures, strict=True):
        lift.to(figure)
    for i in [*range(1, len(lifts)), 0]:
        least, found = _least_extra(p, m, resolve, base, lifts[i].to, figures[i], free_x)
        if least < figures[i] and found is not None:
            figures[i], x = least, found
        lifts[i].to(figures[i])
    return figures, x


def _binding_with(
    p: Problem, m: LpModel, session: HighsSession, runs: list[Run], x: FloatArray
) -> Run | None:
    """The capacity that binds most once those of ``runs`` are unlimited (a partner).

    Of their kind (people, or tonnes), and next to one of them if any such binds: a link
    into or out of a place, a place or link at either end of a link. Only a candidate, by
    its price: whether the claim needs it is re-solved once its extra is found
    (:mod:`~supplyline.planning.partner_check`).
    """
    duals = session.duals()
    if duals is None:
        return None
    taken = {(r.kind, r.key) for r in runs}
    people = runs[0].kind in PEOPLE_KINDS
    here = set().union(*(places(p, r) for r in runs))
    alike = [
        other
        for other in candidates(p, m, *duals, x)
        if (other.kind, other.key) not in taken
        and other.kind is not ResourceKind.SUPPLY
        and (other.kind in PEOPLE_KINDS) == people
    ]
    pool = [other for other in alike if here & places(p, other)] or alike
    if not pool:
        return None
    pool[0].lifted = lifted_days(p, m, pool[0])
    return pool[0]
