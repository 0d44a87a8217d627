"""Link outages priced by re-planning without them: the closure that makes units late.

An outage has no capacity row for a dual to price: nothing may depart on a link's closed
days, so the model has no columns for them (:mod:`~supplyline.planning.assemble` prunes
them) and the bottleneck report's shadow prices cannot see it. A staff planner's rail
outage on C+6–C+13 made three units late, 591 t-days, and the report blamed the airbridge
and a yard that was full only because nothing could leave it from C+6; without the outage
the plan had 182 t-days late.

So each outage window in the horizon (a maximal run of a link's consecutive closed days,
:mod:`~supplyline.planning.outage_windows`) is re-planned with those days open, the link's
other windows kept closed: the scenario is prepared again without them (a unit that can
arrive sooner consumes from then, as a plan made without the outage would) and the model
rebuilt and solved, once, inside the bottleneck report's time
(:class:`~supplyline.planning.measure.Resolver`).
Where the re-plan is better in the objective's order (shortfall, then days-of-supply
targets and lateness as their weights rank them, then transport cost:
:func:`~supplyline.planning.outcome_words.better`), the window is
a bottleneck entry of kind ``outage`` with the same gains fields as the others; where it
changes nothing, it is not said. A link whose capacity is 0 is closed by design, not by
an outage: it is not re-planned (its capacity would need a figure to try).

What it costs: a ``prepare`` and ``build_model`` of the scenario per window (a tenth of a
second on the examples), and one cold solve (1 to 2.5 s on the staff planner's scenario)
unless the plan's own duals prove the re-plan can gain nothing
(:func:`~supplyline.planning.outage_duals.cannot_gain`: the bilateral example's rail
closure on C+20, whose solve took its plan past its 5 s target).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from supplyline.domain import (
    Bottleneck,
    Demand,
    Measuring,
    ResourceKind,
    Scenario,
    amount_unit,
)
from supplyline.planning.assemble import Problem, build_model, prepare
from supplyline.planning.bottleneck_place import links_place
from supplyline.planning.closure_capacity import (
    Raised,
    handles_nothing_somewhere,
    nothing_handled_priced,
    raise_with_closure,
    with_extras,
)
from supplyline.planning.closure_relief import ClosureRelief, UnitDay, relieved_days, short_days
from supplyline.planning.closure_words import closure_entry_words
from supplyline.planning.extract import TOL, Outcome, outcome_of
from supplyline.planning.highs import HighsSession
from supplyline.planning.measure import Resolver
from supplyline.planning.model import LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.objective_tiers import Tier, TierOrder
from supplyline.planning.outage_duals import cannot_gain, match_models
from supplyline.planning.outage_windows import Window, joint_name, outage_windows, without_windows
from supplyline.planning.outcome_words import (
    better,
    effect,
    gain_fields,
    gain_tier,
    gap_eps,
    late_eps,
    short_eps,
    weighted_short,
)
from supplyline.planning.resources import listed
from supplyline.planning.turn_back import turn_backs
from supplyline.types import to_gram

if TYPE_CHECKING:
    import highspy

__all__ = ["Outages", "closure_rank", "objective_gain", "price_outages"]

FloatArray = npt.NDArray[np.float64]

GainKey = tuple[float, float, float, float]
"""What a re-plan gains, tier by tier in the objective's order, shortfall first
(:func:`objective_gain`)."""
RankKey = tuple[float, float]
"""Where a closure ranks: shortfall removed by priority, then the objective saved
(:func:`closure_rank`)."""


class _Was(NamedTuple):
    """The plan the re-plans are weighed against."""

    outcome: Outcome
    objective: float
    short: dict[UnitDay, float]
    """Tonnes short by unit-day (:func:`~supplyline.planning.closure_relief.short_days`)."""


class _Replan(NamedTuple):
    """A re-plan with some windows open that gains: its entry and what the report weighs."""

    entry: Bottleneck
    key: GainKey
    """What it gains (:func:`objective_gain`)."""
    got: Outcome
    """The re-made plan's outcome."""
    idle: tuple[Window, ...]
    """The opened windows over whose link the re-made plan sends nothing on their days:
    keeping them closed would likely lose nothing (to be checked by a re-plan, for demand
    moves with a unit's earliest arrival)."""
    relief: ClosureRelief
    """The unit-days whose shortfall the re-made plan removes, for the shortfall causes."""


@dataclass(frozen=True, slots=True)
class Outages:
    """What re-planning the links' outage days open found."""

    priced: tuple[Bottleneck, ...]
    """Outage windows whose lifting gains, as entries, in :func:`closure_rank`'s order.
    Their ``shadow_price`` is the objective the re-made plan saves in all: a total, not a
    rate per tonne a day as a capacity's."""
    not_tried: tuple[str, ...]
    """Windows the measuring time left untried (or not re-planned to the end), by name
    (:attr:`~supplyline.planning.outage_windows.Window.name`; several lifted together:
    :func:`~supplyline.planning.outage_windows.joint_name`)."""
    relief: tuple[ClosureRelief, ...] = ()
    """For each of :attr:`priced`, the unit-days whose shortfall its re-plan removes."""


def closure_rank(gain: GainKey, objective_saved: float) -> RankKey:
    """Where a closure ranks, larger first: shortfall removed by priority, then objective saved.

    What the objective values: a tonne short outweighs any tonne's worth of targets or
    lateness over the horizon, so shortfall (weighted by priority as the objective weighs
    it, ``gain[0]``) comes first; below it the weights trade targets, lateness and cost
    against each other, and the objective the re-made plan saves in all (the entry's
    ``shadow_price``) says which is worth more. Ranking lateness cut before targets filled,
    as :func:`objective_gain`'s tiers do, put a tester's closure that saved 76,870,547
    (659 t-days less late) above one that saved 143,624,762 (319 t-days less late and 693
    t-days of targets filled, which the objective weighs at up to 337 a t-day to
    lateness's 20).

    >>> later = closure_rank((0.0, 0.0, 659.0, 0.0), 76_870_547.0)
    >>> later < closure_rank((0.0, 693.0, 319.0, 0.0), 143_624_762.0)
    True
    >>> closure_rank((0.5, 0.0, 0.0, 0.0), 1.0) > closure_rank((0.0, 0.0, 900.0, 0.0), 3e5)
    True
    """
    return (gain[0], objective_saved)


def objective_gain(got: Outcome, base: Outcome, order: TierOrder) -> GainKey:
    """What ``got`` gains on ``base``, tier by tier in ``order``: what closures gain together.

    Not their rank (:func:`closure_rank`): the objective weighs these tiers against each
    other below the shortfall. Shortfall weighted by priority as the objective weighs it (a
    tonne of priority-1 fuel outweighs one of priority-5 spares), lift late (tonne- and
    person-days), targets filled and transport cost saved, in ``order``
    (:func:`~supplyline.planning.objective_tiers.tier_order`: shortfall first, cost last);
    each to the gram (or the cost's sixth decimal), so that a solver's rounding does not
    outrank a real gain further down.
    """
    gained = {
        Tier.SHORTFALL: weighted_short(base) - weighted_short(got),
        Tier.LATENESS: base.late_t_days - got.late_t_days + base.late_pax_days - got.late_pax_days,
        Tier.TARGETS: base.gap_t_days - got.gap_t_days,
        Tier.COST: base.transport_cost - got.transport_cost,
    }
    first, second, third, fourth = (to_gram(gained[tier]) for tier in order)
    return first, second, third, fourth


def price_outages(
    p: Problem,
    m: LpModel,
    x: FloatArray,
    base: Outcome,
    deadline: float,
    *,
    demand: Demand | None = None,
    start: tuple[FloatArray, highspy.HighsBasis | None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Outages:
    """Re-plan without each outage window; the windows whose lifting gains, as entries.

    Each window (a maximal run of a link's consecutive outage days,
    :func:`~supplyline.planning.outage_windows.outage_windows`) is lifted alone, the
    link's other windows kept: a rail line closed C+3–C+5 and C+12–C+14 is two candidates,
    named with their days, of which perhaps only one holds the plan back.
    ``demand`` is the demand as given to the plan (before consumption was moved to each
    unit's arrival: a unit that arrives sooner without the outage consumes sooner);
    by default ``p.demand``. ``start`` is the plan's row duals and basis (``m``'s, solution
    ``x``, before the measuring re-solves moved it): where the duals prove the re-plan
    cannot gain, it is not solved; else it starts from the basis
    (:mod:`~supplyline.planning.outage_duals`). Windows are tried in link, then day, order
    while the report's time lasts (``deadline``, :func:`time.perf_counter`'s clock);
    ``progress`` hears each, and those the time left untried. The entries come in
    :func:`closure_rank`'s order (shortfall removed by priority, then objective saved): an
    outage has no rate to rank it among the capacities, which the bottleneck report puts
    before it.
    """
    windows = outage_windows(p.scenario, p.days)
    objective = float(m.cost @ x) + m.offset
    plan, given = (m, start), demand or p.demand
    was = _Was(base, objective, short_days(p, m, x))
    found, joined, untried = _each_alone(p, plan, windows, given, was, deadline, progress)
    found.sort(key=_rank, reverse=True)  # stable: window order among equals
    if len(windows) > 1 and not untried and _unexplained(found[0].got if found else base):
        # two closures on one route: lifting either alone gains nothing (an analyst's A→M
        # closed C+0–C+2, M→B C+1–C+3), both together close the unit on time
        if time.perf_counter() >= deadline:
            untried.append(joint_name(windows))
        else:
            if progress is not None:
                progress(f"re-planning with the {len(windows)} outage windows open together")
            both, cut = _without_outage(p, plan, tuple(windows), given, was, deadline)
            if both is not None and _gains_anew(both.key, [r.key for r in found]):
                # named by the windows it needs, ranked among the single closures
                joint = (both, tuple(windows))
                found.append(_narrowed(p, plan, joint, given, was, deadline, progress))
                found.sort(key=_rank, reverse=True)
            elif cut:
                untried.append(joint_name(windows))
    if untried and progress is not None:
        progress(
            "outages not re-planned (or not to the end), the measuring time having run out: "
            + listed(tuple(untried))
        )
    found = sorted([*found, *joined], key=_rank, reverse=True)
    return Outages(
        priced=tuple(r.entry for r in found),
        not_tried=tuple(untried),
        relief=tuple(r.relief for r in found),
    )


def _each_alone(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    windows: list[Window],
    demand: Demand,
    was: _Was,
    deadline: float,
    progress: Callable[[str], None] | None,
) -> tuple[list[_Replan], list[_Replan], list[str]]:
    """Each window re-planned open alone: those that gain, those that gain with capacities.

    The second are closures whose reopening gains (more) only with a place that handles
    0 t/day raised (:func:`_with_capacities`), tried where some place handles 0; where such
    a place is priced in the plan, even where the plan's duals prove the window alone gains
    nothing (:func:`~supplyline.planning.closure_capacity.nothing_handled_priced`). With the
    windows the measuring time left untried.
    """
    found: list[_Replan] = []
    joined: list[_Replan] = []
    untried: list[str] = []
    m, start = plan
    unhandled = handles_nothing_somewhere(p)
    priced = unhandled and nothing_handled_priced(m, None if start is None else start[0])
    for i, window in enumerate(windows, start=1):
        if time.perf_counter() >= deadline:
            untried.append(window.name)
            continue
        if progress is not None:
            progress(f"re-planning with {window.name} open ({i} of {len(windows)})")
        remade, cut = _remade(p, plan, (window,), demand, deadline, prove=not priced)
        entry = None if remade is None else _entry(p, remade, (window,), was)
        if entry is not None:
            found.append(entry)
        elif cut:
            untried.append(window.name)
        if remade is not None and unhandled and _unexplained(remade.got):
            joint = _with_capacities(p, plan, remade, (window,), demand, was, deadline)
            if joint is not None:
                joined.append(joint)
    return found, joined, untried


def _rank(replan: _Replan) -> RankKey:
    """Where a re-plan's entry ranks among the closures (:func:`closure_rank`)."""
    return closure_rank(replan.key, replan.entry.shadow_price)


def _narrowed(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    joint: tuple[_Replan, tuple[Window, ...]],
    demand: Demand,
    was: _Was,
    deadline: float,
    progress: Callable[[str], None] | None,
) -> _Replan:
    """The joint entry over only the windows that gain together, each drop checked by a re-plan.

    Lifting every window of every outage link together named them all: a re-checker's
    route A→M→B, r1 closed C+0–C+2 and C+6, r2 C+1–C+3 and C+8, got "r1 closed C+0–C+2 +
    r1 closed C+6 + r2 closed C+1–C+3 + r2 closed C+8" and "sends deployment over them on
    those days", where C+6 and C+8 added nothing and carried nothing. ``joint`` is the
    re-plan with all its ``windows`` open. First the windows it sends nothing over
    (:attr:`_Replan.idle`) are dropped together, then each other, latest first, while
    more than two are left; a drop is kept only where the plan re-made with exactly the
    rest open gains what the joint re-plan did (:func:`_same_gain`), and the entry is that
    re-plan's, so its name, words and gains are of exactly the windows it names. Within
    the measuring time (``deadline``): when it runs out, the last set checked stands. Two
    windows are not narrowed: each alone was re-planned and gains in a less important tier
    (:func:`_gains_anew`).
    """
    best, windows = joint
    kept = windows
    busy = tuple(w for w in windows if w not in best.idle)
    tries = [busy] if 2 <= len(busy) < len(windows) else []
    tries += [(w,) for w in sorted(windows, key=lambda w: w.days[-1], reverse=True)]
    for trial in tries:
        # a set of two or more: re-plan exactly it; one window: re-plan what is kept without it
        fewer = trial if len(trial) > 1 else tuple(w for w in kept if w != trial[0])
        if len(fewer) < 2 or len(fewer) >= len(kept):
            continue
        if time.perf_counter() >= deadline:
            break
        if progress is not None:
            progress(f"re-planning with {len(fewer)} of the {len(windows)} outage windows open")
        got, _ = _without_outage(p, plan, fewer, demand, was, deadline)
        if got is not None and _same_gain(got.key, joint[0].key):
            best, kept = got, fewer
    return best


def _same_gain(a: GainKey, b: GainKey) -> bool:
    """Whether two re-plans gain the same in every tier, but for the solver's rounding.

    >>> _same_gain((0.0, 300.0, 0.0, 12000.000001), (0.0, 300.0, 0.0, 12000.0))
    True
    >>> _same_gain((0.0, 299.0, 0.0, 12000.0), (0.0, 300.0, 0.0, 12000.0))
    False
    """
    return all(abs(x - y) <= 1e-6 * max(1.0, abs(y)) for x, y in zip(a, b, strict=True))


def _first_tier(key: GainKey) -> int:
    """Where in the objective's order ``key`` first gains (0 shortfall … 3 cost), 4 where none."""
    return next((tier for tier, gained in enumerate(key) if gained > 0), len(key))


def _gains_anew(together: GainKey, apart: list[GainKey]) -> bool:
    """Whether the closures lifted together gain in a tier none of them gains in alone.

    Beyond their sum, and in a more important tier than any single entry's: the relief
    example's three closures together filled 298 t-days of targets against 285.6 apart,
    an entry that only repeated the three above it. An analyst's two closures on one route
    (neither alone gains) still make one entry.

    >>> _gains_anew((0.0, 300.0, 0.0, 0.0), [])
    True
    >>> _gains_anew((0.0, 298.0, 0.0, 9.0), [(0.0, 200.0, 0.0, 0.0), (0.0, 85.6, 0.0, 0.0)])
    False
    >>> _gains_anew((0.0, 0.0, 30.0, 0.0), [(0.0, 0.0, 0.0, 486.0)])
    True
    """
    best_alone = min((_first_tier(key) for key in apart), default=len(together))
    return together > _summed(apart) and _first_tier(together) < best_alone


def _summed(keys: list[GainKey]) -> GainKey:
    """What the single closures gain apart, added up tier by tier (to the gram, as each).

    Lifted together, closures gain what they gain apart at least where they do not
    interact; only a gain beyond that is one the single entries leave unexplained.
    """
    return (
        to_gram(sum(k[0] for k in keys)),
        to_gram(sum(k[1] for k in keys)),
        to_gram(sum(k[2] for k in keys)),
        to_gram(sum(k[3] for k in keys)),
    )


def _unexplained(best: Outcome) -> bool:
    """Whether the best single re-plan (or the plan) still falls short, late or below targets.

    Then lifting the outages together may gain what none does alone; where one single
    re-plan leaves nothing but transport cost, it is not tried.
    """
    late = best.late_t_days + best.late_pax_days
    return (
        best.short_t > short_eps(best) or late > late_eps(best) or best.gap_t_days > gap_eps(best)
    )


class _Remade(NamedTuple):
    """The plan re-made with some windows open, solved."""

    p2: Problem
    m2: LpModel
    session: HighsSession
    x2: FloatArray
    got: Outcome


def _without_outage(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    windows: tuple[Window, ...],
    demand: Demand,
    was: _Was,
    deadline: float,
) -> tuple[_Replan | None, bool]:
    """Outage ``windows`` as one entry where the plan re-made with them open is better.

    With whether the measuring time ran out before the re-plan was solved
    (:func:`_remade`, :func:`_entry`).
    """
    remade, cut = _remade(p, plan, windows, demand, deadline)
    return (None, cut) if remade is None else (_entry(p, remade, windows, was), False)


def _remade(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    windows: tuple[Window, ...],
    demand: Demand,
    deadline: float,
    *,
    scenario: Scenario | None = None,
    prove: bool = True,
) -> tuple[_Remade | None, bool]:
    """The plan re-made with exactly ``windows``' days open (a link's other windows kept).

    None where ``prove`` and the plan's duals prove it gains nothing, or where it was not
    solved; with that, whether the measuring time ran out first. ``plan`` is the plan's model
    with its row duals and basis. ``scenario`` in place of the plan's: its capacities raised.
    """
    m, start = plan
    p2 = prepare(without_windows(scenario or p.scenario, windows), demand, p.params)
    m2 = build_model(p2)
    matched = match_models(m, m2) if start is not None else None
    if prove and start is not None and matched is not None and cannot_gain(start[0], m2, matched):
        return None, False
    session = HighsSession(m2, p.params, turn_backs=turn_backs(p2, m2))
    if start is not None and matched is not None and start[1] is not None:
        session.start_from_carried(start[1], matched.col_at, matched.row_at)
    resolve = Resolver(session, deadline)
    x2 = resolve()
    if x2 is None:
        return None, resolve.ran_out or resolve.unsure
    return _Remade(p2, m2, session, x2, outcome_of(p2, m2, x2)), False


def _with_capacities(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    remade: _Remade,
    windows: tuple[Window, ...],
    demand: Demand,
    was: _Was,
    deadline: float,
) -> _Replan | None:
    """The closure with the capacities its reopening needs raised, where together they gain.

    A place handling 0 t/day that the re-made plan prices is raised there, with what then
    caps it (:func:`~supplyline.planning.closure_capacity.raise_with_closure`): the figures.
    The claim is then the scenario re-planned as a planner would write them in, the window
    open and each figure set on every day (a unit that can arrive sooner eats sooner: a
    camp's people let through a post of 0 people a day went short of food, which the
    measuring, in the re-made plan's model, did not see). Said only where that gains more
    than the window alone (``remade``) and the figures alone (written in, the window kept
    closed) gain apart: a yard and a closure on two different ways add up, and each has its
    own entry.
    """
    raised = raise_with_closure(
        remade.p2, remade.m2, remade.session, remade.x2, remade.got, deadline
    )
    if raised is None:
        return None
    written = with_extras(p.scenario, raised.extras)
    both, _ = _remade(p, plan, windows, demand, deadline, scenario=written, prove=False)
    joint = None if both is None else _entry(p, both, windows, was, raised)
    if joint is None:
        return None
    alone, _ = _remade(p, plan, (), demand, deadline, scenario=written, prove=False)
    if alone is None:
        return None  # not weighed apart (no time, or no solve): nothing verified to say
    base = was.outcome
    summed = _summed([objective_gain(g, base, p.tiers) for g in (remade.got, alone.got)])
    return joint if joint.key > summed and not _same_gain(joint.key, summed) else None


def _entry(
    p: Problem,
    remade: _Remade,
    windows: tuple[Window, ...],
    was: _Was,
    raised: Raised | None = None,
) -> _Replan | None:
    """The re-made plan as an entry where it is better than the plan; None where not.

    The entry with what it gains (:func:`objective_gain`), the re-made plan's outcome and,
    of several windows, those it sends nothing over (:func:`_narrowed` tries keeping them
    closed). ``was`` is the plan's outcome, objective and unit-days short. With ``raised``,
    the capacities ``remade`` has raised too: they are in its words, its resource and its
    ``together_with``, and it names no closure alone on the shortfall rows (no relieved
    unit-days).
    """
    p2, m2, x2, got = remade.p2, remade.m2, remade.x2, remade.got
    base, objective, short_before = was
    tier = gain_tier(got, base, p.tiers)
    if tier is None or not better(got, base, p.tiers):
        return None
    closed: dict[int, tuple[int, ...]] = {}
    for w in windows:
        closed[w.link] = (*closed.get(w.link, ()), *w.days)
    coms = _carried(p2, m2, x2, closed)
    bought, said = effect(p, base, got)
    saved = objective - (float(m2.cost @ x2) + m2.offset)
    unit = amount_unit(ResourceKind.OUTAGE)
    with_them = (
        "" if raised is None else f" with {listed(tuple(e.resource for e in raised.extras))}"
    )
    beyond = "" if raised is None or not raised.beyond else raised.beyond
    entry = Bottleneck(
        kind=ResourceKind.OUTAGE,
        resource=joint_name(windows) + with_them,
        days=tuple(sorted({d for w in windows for d in w.days})),
        shadow_price=round(max(0.0, saved), 6),
        commodities=coms,
        capacity=None,
        capacity_unit=unit,
        suggested_extra=None,
        extra_unit=unit,
        extra_days=(),  # a window opened: no extra, so no days of one
        **gain_fields(bought),
        # a window opened is all or nothing; the capacities raised with it may be capped
        then_limited_by=(raised.then_limited_by or None) if raised is not None else None,
        together_with=() if raised is None else raised.extras,  # windows: in the resource
        **links_place(p, [w.link for w in windows]),
        measuring=Measuring.MEASURED,  # re-planned without the outage: what it costs is measured
        explanation=closure_entry_words(p, windows, tier, coms, raised)
        + said
        + (f"; beyond these extras, {beyond} limits the gain" if beyond else ""),
    )
    idle = tuple(w for w in windows if len(windows) > 1 and not _carried(p2, m2, x2, _days(w)))
    key = objective_gain(got, base, p.tiers)
    relieved = (
        relieved_days(short_before, p2, m2, x2) if key[0] > 0 and raised is None else frozenset()
    )
    relief = ClosureRelief(entry=entry, windows=windows, relieved=relieved)
    return _Replan(entry, key, got, idle, relief)


def _days(window: Window) -> dict[int, tuple[int, ...]]:
    """One window's closed days by its link, as :func:`_carried` takes them."""
    return {window.link: window.days}


def _carried(
    p2: Problem, m2: LpModel, x2: FloatArray, closed: dict[int, tuple[int, ...]]
) -> tuple[str, ...]:
    """What departs on each closed link on its outage days in the re-made plan, busiest first."""
    arc = m2.cols["arc"]
    links, days = p2.net.arc_link[arc["a"]], arc["t"]
    on = np.zeros(arc.size, dtype=bool)
    for li, closed_days in closed.items():
        on |= (links == li) & np.isin(days, closed_days)
    vals = x2[arc.start : arc.start + arc.size]
    totals: dict[str, float] = {}
    for f, q in zip(arc["f"][on], vals[on], strict=True):
        if q > TOL:
            deploys = p2.flows.kind[int(f)] != FlowKind.GOODS
            name = "deployment" if deploys else p2.flows.names[int(f)]
            totals[name] = totals.get(name, 0.0) + float(q)
    return tuple(sorted(totals, key=lambda c: -totals[c]))
