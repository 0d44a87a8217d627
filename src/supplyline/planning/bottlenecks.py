"""The bottleneck report: which capacities bind, what they cost, what more of them would buy.

Shadow prices (HiGHS's duals) of the capacity rows, and the reduced costs of the supply
columns at their bound, are the rate at which more of a resource saves objective at the
margin. We group them per resource over runs of consecutive days and rank the runs
(:mod:`supplyline.planning.resources`). For the top few we then *measure* rather than
extrapolate (:mod:`supplyline.planning.measure`): re-solve (warm) with the capacity
lifted for those days to see how much extra the plan would use, round that up, bisect
for the least round extra that does as well, and report what it buys.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from supplyline.domain import Bottleneck, Demand, Measuring, ResourceKind
from supplyline.planning.affected import CHANGED_T
from supplyline.planning.assemble import Problem
from supplyline.planning.bottleneck_place import run_place
from supplyline.planning.closure_relief import ClosureRelief
from supplyline.planning.extract import Outcome
from supplyline.planning.highs import HighsSession, Solution
from supplyline.planning.limit_left import LimitLeft, measuring_cut
from supplyline.planning.measure import Measured, Resolver, measure_run
from supplyline.planning.model import LpModel
from supplyline.planning.outage_windows import outage_windows
from supplyline.planning.outages import Outages, price_outages
from supplyline.planning.outcome_words import GainFields, extra_text, gain_fields
from supplyline.planning.params import PlanParams
from supplyline.planning.price_reading import price_reading
from supplyline.planning.resources import (
    Run,
    candidates,
    commodities_using,
    describe,
    extra_days,
    extra_unit,
    lifted_days,
    listed,
    one_per_store,
    store_on_hand,
    tie_breaking_noise,
)
from supplyline.planning.roomless_stores import price_roomless_stores
from supplyline.planning.round_figures import nice_ceil
from supplyline.planning.shortfall_extra import ShortfallExtra, shortfall_extras
from supplyline.planning.within_reach import within_reach
from supplyline.types import day_ranges, to_gram

__all__ = [
    "ONE_SIDED",
    "Found",
    "explain_budget",
    "find_bottlenecks",
    "nice_ceil",
    "tie_breaking_noise",
]

EXPLAIN_MIN_S = 10.0
"""Seconds the measuring re-solves may take at least, however quick the plan's solve."""
NOT_LEAST = "(enough, perhaps more than needed: the measuring time ran out before less was tried)"
NOT_LEAST_BY_LIMIT = NOT_LEAST.replace("the measuring time", "the time limit")
""":data:`NOT_LEAST` where the user's time limit cut the measuring (``--time-limit``)."""
"""Said of an extra whose search for the least figure the time cut short."""
UNVERIFIED = (
    "(not verified to be needed: the measuring time ran out before the claim was re-solved "
    "without each)"
)
"""Said after a joint claim's partners where the time ran out before each was re-solved
without its extra (:attr:`Measured.partners_unverified`): they may buy nothing."""
UNVERIFIED_BY_LIMIT = UNVERIFIED.replace("the measuring time", "the time limit")
""":data:`UNVERIFIED` where the user's time limit cut the measuring (``--time-limit``)."""
ONE_SIDED = (
    "; its shadow price is one-sided (a degenerate dual): what less of it would cost, "
    "not what more of it alone saves"
)
"""Said of a capacity measured to buy nothing on its own: its price is not what more saves."""


@dataclass(frozen=True, slots=True)
class Found:
    """The bottleneck report: its ranked entries, and what the measuring time left untried."""

    entries: tuple[Bottleneck, ...]
    outages_untried: tuple[str, ...] = ()
    """Outage windows not re-planned open (or not to the end), by name ("rail-3 closed
    C+12–C+14"): for want of time, or every one where ``explain_top`` 0 asked to measure
    nothing. The plan keeps them and says so in one sentence
    (:attr:`~supplyline.domain.SolveStats.outages_untried`, ``outages_note``)."""
    closure_relief: tuple[ClosureRelief, ...] = ()
    """For each closure entry, the unit-days whose shortfall its re-plan removes: the
    shortfall causes name it on them (:mod:`~supplyline.planning.closure_relief`)."""
    limit_cut: bool = False
    """The user's time limit, not the measuring's own budget, left some of it unmeasured
    (:data:`~supplyline.domain.plan.BOTTLENECK_MEASURING` in the plan's ``cut_short``)."""


def explain_budget(params: PlanParams, solve_s: float) -> float:
    """Seconds the measuring re-solves get in all: as asked, else as long as the solve."""
    if params.explain_time_s is not None:
        return float(params.explain_time_s)
    return max(EXPLAIN_MIN_S, solve_s)


def find_bottlenecks(
    p: Problem,
    m: LpModel,
    sol: Solution,
    session: HighsSession,
    base: Outcome,
    *,
    solve_s: float = 0.0,
    progress: Callable[[str], None] | None = None,
    demand: Demand | None = None,
    limit: LimitLeft | None = None,
) -> Found:
    """Rank binding capacities by shadow price; measure what more of the top few buys.

    The measuring re-solves get ``params.explain_time_s``, or as long as the plan's own
    solve took (``solve_s``, at least :data:`EXPLAIN_MIN_S`); a bottleneck left
    unmeasured when that runs out is still listed and ranked, without the "+N t/day
    there…" part. ``progress`` hears which
    one is being measured (a tester's large plan spent 98 s here in silence).

    Outages have no rows to price either: in the time left, each outage window (a run of
    a link's consecutive closed days) is re-planned open (from ``demand``, the plan's
    demand as given) and, where that gains, listed after the capacities, the larger gain
    in the objective's order first (:func:`~supplyline.planning.outages.price_outages`):
    a closure has no rate to rank it among them, and its ``shadow_price`` is the
    objective it saves in all. Stores of ``storage_t`` 0 have no rows to price: in the
    time left after that, those that could matter are re-planned with room and ranked
    among the capacities where room gains
    (:func:`~supplyline.planning.roomless_stores.price_roomless_stores`). With
    ``explain_top`` 0 neither is tried: it asks to measure nothing (a tester's ``--explain
    0`` still re-planned each outage), and the bottlenecks are ranked by shadow price alone;
    every outage window is then among :attr:`Found.outages_untried`. ``limit``, the
    user's time limit (:mod:`~supplyline.planning.limit_left`), cuts the default budget to
    what it leaves; an ``explain_time_s`` the user gave is honoured as given. Where the
    limit cut the measuring short, :attr:`Found.limit_cut` says so.
    """
    duals = session.duals()
    if sol.x is None or duals is None:
        return Found(entries=())
    x = sol.x
    own = time.perf_counter() + explain_budget(p.params, solve_s)
    given = p.params.explain_time_s is not None  # the user's own budget is honoured
    deadline = own if limit is None or given else limit.capped(own)
    start = duals[0], session.basis()  # the plan's, before the measuring moves them
    runs = one_per_store(m, sol.x, candidates(p, m, *duals, sol.x))
    found: list[tuple[Run, Measured | None]] = []
    asked: list[bool] = []  # within explain_top: not measured then means the time ran out
    unsure: list[bool] = []  # … or that HiGHS could not vouch for the re-solve
    slots = 0  # of explain_top: a run measured to buy nothing on its own takes none
    freed = False  # the last one measured bought nothing: its slot is measured again
    for run in runs:
        run.lifted = lifted_days(p, m, run)
        measured = None
        asked.append(slots < p.params.explain_top)
        resolver = Resolver(session, deadline)
        if asked[-1]:
            if progress is not None:
                resource, _, capacity, capacity_unit = describe(p, run)
                top = min(p.params.explain_top, len(runs))
                # two runs of one link differ in what they carry: say tonnes or people
                of = "" if capacity is None else f", {extra_text(capacity)} {capacity_unit}"
                again = " (in place of one that buys nothing on its own)" if freed else ""
                progress(f"measuring bottleneck {slots + 1} of {top}{again}: {resource}{of}")
            measured = measure_run(p, m, resolver, run, base)
            # the slot goes on down the list: a tester's --explain 2 measured a road that
            # bought nothing and left the store that removed the whole shortfall unmeasured
            freed = _buys_nothing(measured)
            slots += not freed
        unsure.append(resolver.unsure)
        found.append((run, measured))
    # outages and stores of storage_t 0 have no rows to price: re-planned in the time left;
    # explain_top 0 asks to measure nothing, and a re-plan each is measuring (the notes say so)
    untried = tuple(w.name for w in outage_windows(p.scenario, p.days))
    outages = Outages(priced=(), not_tried=untried)  # measuring nothing tries none
    stores: tuple[Bottleneck, ...] = ()
    if p.params.explain_top > 0:
        outages = price_outages(
            p, m, sol.x, base, deadline, demand=demand, start=start, progress=progress
        )
        stores = price_roomless_stores(p, m, sol.x, base, deadline, progress).priced
    # last: the least extra for the shortfall alone, where a claim's own also fills targets
    least = (
        shortfall_extras(p, m, session, base, found, deadline, progress)
        if p.params.explain_top > 0
        else {}
    )
    out: list[Bottleneck] = []
    for i, ((run, measured), was_asked, was_unsure) in enumerate(
        zip(found, asked, unsure, strict=True)
    ):
        resource, words, capacity, capacity_unit = describe(p, run)
        coms = commodities_using(p, m, sol.x, run)
        less = least.get(i)
        text = _explanation(
            words, run, coms, measured, capacity, store_on_hand(p, run), capacity_unit, less
        )
        # the goods the sentence names, and no others: it limits or keeps them out
        named = (*coms, *_kept_out(coms, measured))
        out.append(
            Bottleneck(
                kind=run.kind,
                resource=resource,
                days=tuple(run.days),
                shadow_price=to_gram(run.value),  # as bottlenecks.csv, never -0.0
                commodities=named,
                capacity=None if capacity is None else to_gram(capacity),
                capacity_unit=capacity_unit,
                suggested_extra=None if measured is None or measured.alone else measured.extra,
                extra_unit=extra_unit(run, run.lifted),
                extra_days=_days_of_extra(run, measured),
                shortfall_extra=None if less is None else less.extra,
                **_gain_fields(measured),
                explanation=text,
                then_limited_by=(measured.then_limited_by or None) if measured else None,
                together_with=measured.together_with if measured else (),
                **run_place(p, run),
                measuring=(
                    Measuring.MEASURED
                    if measured is not None
                    else Measuring.SOLVER_UNSURE
                    if was_unsure
                    else Measuring.TIME_RAN_OUT
                    if was_asked
                    else Measuring.NOT_ASKED
                ),
            )
        )
    # capacities by shadow price (a rate), those measured to buy nothing on their own last
    # (their price is one-sided), then the closures by what each saves (a total)
    nothing = {
        id(b) for b, (_, measured) in zip(out, found, strict=True) if _buys_nothing(measured)
    }
    capacities = sorted([*out, *stores], key=lambda b: (id(b) in nothing, -b.shadow_price))
    ranked = [*capacities, *outages.priced]
    # "rank 2 raises it with them" names the rank the report shows
    rank_of = {id(b): i for i, b in enumerate(ranked, start=1)}
    ranks = [rank_of[id(b)] for b in out]
    for i, (run, measured) in enumerate(found):
        if _buys_nothing(measured):
            said = out[i].explanation + _raised_elsewhere(run, found, ranks) + ONE_SIDED
            ranked[ranks[i] - 1] = replace(out[i], explanation=said)
    # each price read in the unit of the tier it acts on, once the claims are final
    reach = functools.cache(functools.partial(within_reach, p, m, x))  # for the unmeasured
    entries = tuple(replace(b, **price_reading(p, reach, b)) for b in ranked)
    left_untried = bool(outages.not_tried) and p.params.explain_top > 0
    claim_cut = any(NOT_LEAST in b.explanation or UNVERIFIED in b.explanation for b in entries)
    limit_cut = measuring_cut(own, deadline, entries, left_untried or claim_cut)
    if limit_cut:  # the limit, not the measuring time, ended a bisection or a check: say so
        entries = tuple(
            replace(
                b,
                explanation=b.explanation.replace(NOT_LEAST, NOT_LEAST_BY_LIMIT).replace(
                    UNVERIFIED, UNVERIFIED_BY_LIMIT
                ),
            )
            for b in entries
        )
    # the shortfall rows find a closure's rank by its entry: give them the final one
    final = {id(b): entry for b, entry in zip(ranked, entries, strict=True)}
    relief = tuple(replace(r, entry=final.get(id(r.entry), r.entry)) for r in outages.relief)
    return Found(
        entries=entries,
        outages_untried=outages.not_tried,
        closure_relief=relief,
        limit_cut=limit_cut,
    )


def _buys_nothing(measured: Measured | None) -> bool:
    """Whether the measuring found that more of the resource alone buys nothing.

    Its shadow price is then one-sided (a degenerate dual: a road carrying exactly the
    unit's need, priced at 405,943 a tonne-day on days the unit lacked nothing): it ranks
    after every capacity that gains or is not measured, and takes no ``--explain`` slot.
    """
    return measured is not None and measured.alone


def _days_of_extra(run: Run, measured: Measured | None) -> tuple[int, ...]:
    """The days the measured extra is added on, as its explanation says them.

    The run's ``lifted`` days, which the measuring set (a yard's cut to those the re-solve
    used); none for a store, whose extra is its one ``storage_t`` raised
    (:func:`~supplyline.planning.resources.extra_days`), and none where there is no extra.
    A tester's yard bound on C+3–C+11 and was said to need "+400 t/day there on C+3–C+7":
    bottlenecks.csv gave only the 9 days.
    """
    if measured is None or measured.alone or run.kind is ResourceKind.STORAGE:
        return ()
    return tuple(run.lifted)


def _kept_out(coms: tuple[str, ...], measured: Measured | None) -> tuple[str, ...]:
    """What more of the resource lets through that the plan's users of it are not.

    Only goods whose outcome the extra changes (:attr:`Measured.crossing`): a tester's road
    was said to keep out fuel, spares and food that merely passed earlier in the re-solve.
    One source for the sentence and the ``commodities`` the files give.
    """
    crossing = measured.crossing if measured is not None else ()
    return tuple(c for c in crossing if c not in coms)


def _limited(coms: tuple[str, ...], measured: Measured | None) -> tuple[str, ...]:
    """The plan's users of the resource whose outcome more of it changes: what it limits.

    Those whose shortfall, target gap or lateness the measured extra changes
    (:attr:`Measured.crossing`); every user where the extra saves transport cost alone (it
    binds what moving them costs); none where it is not measured, or buys nothing on its
    own. A tester's road "limits food and fuel on C+0–C+8" where food was short only on
    C+0, before anything could arrive, and another's "limits food and deployment" where no
    food was short: the users are said as using it, and only these as limited by it.
    """
    if measured is None or measured.alone:
        return ()
    g = measured.gains
    goods_gain = (g.shortfall_removed_t, g.late_t_days_cut, g.late_pax_days_cut)
    if not measured.crossing and max(*goods_gain, g.target_t_days_filled) <= CHANGED_T:
        return coms
    return tuple(c for c in coms if c in measured.crossing)


def _gain_fields(measured: Measured | None) -> GainFields:
    """A bottleneck's gain fields: the measured figures, or None for each where not measured."""
    return gain_fields(None if measured is None else measured.gains)


def _raised_elsewhere(
    run: Run, found: list[tuple[Run, Measured | None]], ranks: list[int] | None = None
) -> str:
    """Where another entry raises this capacity with others and gains: "(rank 2 …)".

    More of it alone buys nothing, but another bottleneck's measurement found the set it
    gains with: a tester's rail link said "more there changes nothing on its own" while
    the next rank raised it with the yard and the other link and cut 100 t-days.
    ``ranks`` are those of ``found`` in the report (by default their order).
    """
    ranks = list(range(1, len(found) + 1)) if ranks is None else ranks
    raising = [
        rank
        for rank, (_, other) in zip(ranks, found, strict=True)
        if other is not None and (run.kind, run.key) in other.partners
    ]
    if not raising:
        return ""
    which = f"rank {raising[0]}" if len(raising) == 1 else f"ranks {', '.join(map(str, raising))}"
    return f" (but it does with others: {which} raises it with them)"


def _partners_said(measured: Measured) -> str:
    """The claim's "together with …", and that they are not verified where the time ran out.

    Each partner was picked by its price; where its re-solve without it was not reached
    (:attr:`Measured.partners_unverified`), that it is needed is not stated as a fact.
    """
    if measured.with_partner and measured.partners_unverified:
        return f"{measured.with_partner} {UNVERIFIED}"
    return measured.with_partner


def _explanation(
    words: str,
    run: Run,
    coms: tuple[str, ...],
    measured: Measured | None,
    capacity: float | None = None,
    on_hand: float = 0.0,
    capacity_unit: str = "",
    less: ShortfallExtra | None = None,
) -> str:
    """What the resource limits and when, then what the measured extra of it buys.

    A resource nothing passes (a capacity of 0) limits no commodity: it blocks what would
    pass, named as the re-solve with the extra moved it through, if it was measured. A
    store that holds none of the plan's goods is full of what is on hand (``on_hand``
    tonnes, drawn or not): it keeps out what more room would hold; it blocks nothing (an
    auditor's store holding 20 t on hand was said to block everything). The extra is said
    with its days when they are not the binding ones (a yard's are widened by its dwell;
    :func:`~supplyline.planning.resources.extra_days`); a store's extra is on top of its
    room (``capacity``), and where that room is what is on hand, above its ``storage_t``,
    it is said with the ``storage_t`` that gives it (a user sets that, not the room).
    Where ``less`` removes its shortfall, each figure is said with what it does: "+8 t/day
    there removes 24 t of shortfall (all of it): …; +28 t/day also fills 150 t-days more of
    the units' days-of-supply targets" (:mod:`~supplyline.planning.shortfall_extra`).
    """
    span = day_ranges(run.days)  # one run of days (a store: its full stretches)
    kept = _kept_out(coms, measured)
    limited = _limited(coms, measured)
    if not coms and run.kind is ResourceKind.STORAGE and on_hand > 0:
        out = f", and keeps out {listed(kept)}," if kept else ""
        text = f"{words} is full with what is on hand{out} on {span}"
    elif coms and limited == coms:
        # what passes only once it is raised: a tester's port took all the water and none
        # of the food, and was said to limit water alone while food went 100 % short
        out = f", and keeps out {listed(kept)}," if kept else ""
        text = f"{words} limits {listed(coms)}{out} on {span}"
    elif coms:
        # full, but not every good through it is held back by it (or that is not measured):
        # a tester's road "limits food and fuel" where only fuel went short for it
        full = "is drawn in full" if run.kind is ResourceKind.SUPPLY else "is used to the full"
        users = "" if run.kind is ResourceKind.SUPPLY else f" by {listed(coms)}"
        binds = [f"limits {listed(limited)}"] if limited else []
        binds += [f"keeps out {listed(kept)}"] if kept else []
        text = f"{words} {full}{users} on {span}" + "".join(f" and {b}" for b in binds)
    elif measured is not None and measured.crossing:
        text = (
            f"{words} blocks the {listed(measured.crossing)} that would pass through it on {span}"
        )
    else:
        text = f"{words} blocks everything that would pass through it on {span}"
    if measured is None:
        return text
    if measured.alone:
        return f"{text}; more there changes nothing on its own"
    when = extra_days(run, run.days)
    unit = extra_unit(run, run.lifted)
    if capacity_unit.endswith("/day") and not unit.endswith("/day"):
        # one day's supply of a daily rate: an analyst read "+3 t there" beside "5 t/day"
        # as a rate; it is 3 t more once, on the day said
        when = f" once, on {day_ranges(run.lifted)}" if not when else f" once,{when}"
    extra = f"+{extra_text(measured.extra)} {unit} there{when}"
    if run.kind is ResourceKind.STORAGE and capacity is not None and on_hand >= capacity > 0:
        # the room is what is on hand, above storage_t: say the storage_t that gives it
        extra += f" (storage_t {extra_text(capacity + measured.extra)})"
    if not measured.least:
        extra += f" {NOT_LEAST}"
    partners = _partners_said(measured)
    said = f"{text}; {extra}{partners} {measured.effect}"
    if less is not None:
        # the claim's extra also fills the next tier: a tester's +28 t/day where +8 removed
        # every tonne short; each figure with what it does
        least = f"+{extra_text(less.extra)} {unit} there{when}{partners}"
        extra = f"+{extra_text(measured.extra)} {unit}"
        extra += "" if measured.least else f" {NOT_LEAST}"
        said = f"{text}; {least} {less.removes}; {extra} also {less.also}"
    if measured.then_limited_words:  # a planner who added it was surprised the rest stayed
        beyond = (
            "these extras" if measured.with_partner else f"+{extra_text(measured.extra)} {unit}"
        )
        said += f"; beyond {beyond}, {measured.then_limited_words} limits the gain"
    return said
