"""Link outages priced by re-planning without them: the closure that makes units late.

An outage has no capacity row for a dual to price: nothing may depart on a link's closed
days, so the model has no columns for them (:mod:`~supplyline.planning.assemble` prunes
them) and the bottleneck report's shadow prices cannot see it. A staff planner's rail
outage on C+6–C+13 made three units late, 591 t-days, and the report blamed the airbridge
and a yard that was full only because nothing could leave it from C+6; without the outage
the plan had 182 t-days late.

So each link with outage days in the horizon is re-planned with those days open: the
scenario is prepared again without them (a unit that can arrive sooner consumes from
then, as a plan made without the outage would) and the model rebuilt and solved, once,
inside the bottleneck report's time (:class:`~supplyline.planning.measure.Resolver`).
Where the re-plan is better in the objective's order (shortfall, lateness, days-of-supply
targets, transport cost: :func:`~supplyline.planning.outcome_words.better`), the outage is
a bottleneck entry of kind ``outage`` with the same gains fields as the others; where it
changes nothing, it is not said. A link whose capacity is 0 is closed by design, not by
an outage: it is not re-planned (its capacity would need a figure to try).

What it costs: a ``prepare`` and ``build_model`` of the scenario per outage (a tenth of a
second on the examples), and one cold solve (1 to 2.5 s on the staff planner's scenario)
unless the plan's own duals prove the re-plan can gain nothing
(:func:`~supplyline.planning.outage_duals.cannot_gain`: the bilateral example's rail
closure on C+20, whose solve took its plan past its 5 s target).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from supplyline.domain import (
    Bottleneck,
    Demand,
    Measuring,
    Plan,
    PlanStatus,
    ResourceKind,
    Scenario,
    amount_unit,
)
from supplyline.planning.assemble import Problem, build_model, prepare
from supplyline.planning.extract import TOL, Outcome, outcome_of
from supplyline.planning.highs import HighsSession
from supplyline.planning.measure import Resolver
from supplyline.planning.model import LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.outage_duals import cannot_gain, match_models
from supplyline.planning.outcome_words import better, effect, gain_fields, gain_tier
from supplyline.planning.resources import listed
from supplyline.types import day_ranges

if TYPE_CHECKING:
    import highspy

__all__ = [
    "gain_key",
    "outage_links",
    "price_outages",
    "rank_by_gains",
    "untried_outages_note",
]

FloatArray = npt.NDArray[np.float64]

HOLDS = (
    "leaves goods short",
    "delays deployment",
    "keeps units below their days-of-supply targets",
    "adds to the transport cost",
)
"""What a closure does, by the most important way the plan gains without it
(:func:`~supplyline.planning.outcome_words.gain_tier`'s order)."""


def outage_links(p: Problem) -> list[int]:
    """Links (by index) closed on some day of the horizon that can carry anything."""
    return _closed_links(p.scenario, p.days)


def _closed_links(scenario: Scenario, days: int) -> list[int]:
    return [
        li
        for li, link in enumerate(scenario.links)
        if any(0 <= d < days for d in link.outage_days)
        and (link.carries_tonnes or link.carries_people)
    ]


def untried_outages_note(plan: Plan, scenario: Scenario) -> str | None:
    """The outages not re-planned, ``explain_top`` 0 asking to measure nothing, in words.

    Said of a plan proven best whose scenario closes a link that carries anything, so
    that no outage missing from the bottlenecks is read as one that gains nothing; a plan
    whose report times were not recorded (read back from old files) says nothing.
    """
    s = plan.stats
    recorded = s.explain_s > 0 or s.explain_budget_s > 0
    if plan.status is not PlanStatus.OPTIMAL or s.explain_top > 0 or not recorded:
        return None
    closed = [scenario.links[li].id for li in _closed_links(scenario, scenario.horizon_days)]
    if not closed:
        return None
    return (
        f"the outage days of link{'s' if len(closed) > 1 else ''} {listed(tuple(closed))} "
        "were not re-planned open, no measuring "
        "being asked (--explain 0): what lifting them would gain is not measured (plan "
        "with --explain 1 or more to see it)"
    )


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
) -> tuple[Bottleneck, ...]:
    """Re-plan without each link's outage; the outages whose lifting gains, as entries.

    ``demand`` is the demand as given to the plan (before consumption was moved to each
    unit's arrival: a unit that arrives sooner without the outage consumes sooner);
    by default ``p.demand``. ``start`` is the plan's row duals and basis (``m``'s, solution
    ``x``, before the measuring re-solves moved it): where the duals prove the re-plan
    cannot gain, it is not solved; else it starts from the basis
    (:mod:`~supplyline.planning.outage_duals`). Outages are tried in link order
    while the report's time lasts (``deadline``, :func:`time.perf_counter`'s clock);
    ``progress`` hears each, and those the time left untried.
    """
    links = outage_links(p)
    objective = float(m.cost @ x) + m.offset
    found: list[Bottleneck] = []
    untried: list[str] = []
    for i, li in enumerate(links, start=1):
        link = p.scenario.links[li]
        if time.perf_counter() >= deadline:
            untried.append(link.id)
            continue
        if progress is not None:
            progress(
                f"re-planning with link {link.id} open on its outage days ({i} of {len(links)})"
            )
        entry, cut = _without_outage(
            p, (m, start), li, demand or p.demand, (base, objective), deadline
        )
        if entry is not None:
            found.append(entry)
        elif cut:
            untried.append(link.id)
    if untried and progress is not None:
        progress(
            "outages not re-planned (or not to the end), the measuring time having run out: "
            + listed(tuple(untried))
        )
    return tuple(found)


def _without_outage(
    p: Problem,
    plan: tuple[LpModel, tuple[FloatArray, highspy.HighsBasis | None] | None],
    li: int,
    demand: Demand,
    was: tuple[Outcome, float],
    deadline: float,
) -> tuple[Bottleneck | None, bool]:
    """Link ``li``'s outage as an entry where the plan re-made without it is better.

    With it, whether the measuring time ran out before the re-plan was solved. ``plan`` is
    the plan's model with its row duals and basis; ``was`` its outcome and objective.
    """
    m, start = plan
    base, objective = was
    scenario = p.scenario
    link = scenario.links[li]
    opened = replace(link, outage_days=frozenset())
    links = tuple(opened if i == li else other for i, other in enumerate(scenario.links))
    p2 = prepare(replace(scenario, links=links), demand, p.params)
    m2 = build_model(p2)
    matched = match_models(m, m2) if start is not None else None
    if start is not None and matched is not None and cannot_gain(start[0], m2, matched):
        return None, False
    session = HighsSession(m2, p.params)
    if start is not None and matched is not None and start[1] is not None:
        session.start_from_carried(start[1], matched.col_at, matched.row_at)
    resolve = Resolver(session, deadline)
    x2 = resolve()
    if x2 is None:
        return None, resolve.ran_out
    got = outcome_of(p2, m2, x2)
    tier = gain_tier(got, base)
    if tier is None or not better(got, base):
        return None, False
    days = tuple(sorted(d for d in link.outage_days if 0 <= d < p.days))
    coms = _carried(p2, m2, x2, li, days)
    bought, said = effect(p, base, got)
    ways = f"{link.origin}→{link.destination}{', both ways' if link.bidirectional else ''}"
    over = f"sends {listed(coms)} over it on those days and " if coms else ""
    saved = objective - (float(m2.cost @ x2) + m2.offset)
    unit = amount_unit(ResourceKind.OUTAGE)
    entry = Bottleneck(
        kind=ResourceKind.OUTAGE,
        resource=link.id,
        days=days,
        shadow_price=round(max(0.0, saved), 6),
        commodities=coms,
        capacity=None,
        capacity_unit=unit,
        suggested_extra=None,
        extra_unit=unit,
        **gain_fields(bought),
        measuring=Measuring.MEASURED,  # re-planned without the outage: what it costs is measured
        explanation=(
            f"the closure of {link.mode.value} link {link.id} ({ways}) on {day_ranges(days)} "
            f"{HOLDS[tier]}: without it, the re-made plan {over}{said}"
        ),
    )
    return entry, False


def _carried(
    p2: Problem, m2: LpModel, x2: FloatArray, li: int, days: tuple[int, ...]
) -> tuple[str, ...]:
    """What departs on link ``li`` on its outage ``days`` in the re-made plan, busiest first."""
    arc = m2.cols["arc"]
    on = np.isin(p2.net.arc_link[arc["a"]], [li]) & np.isin(arc["t"], days)
    vals = x2[arc.start : arc.start + arc.size]
    totals: dict[str, float] = {}
    for f, q in zip(arc["f"][on], vals[on], strict=True):
        if q > TOL:
            deploys = p2.flows.kind[int(f)] != FlowKind.GOODS
            name = "deployment" if deploys else p2.flows.names[int(f)]
            totals[name] = totals.get(name, 0.0) + float(q)
    return tuple(sorted(totals, key=lambda c: -totals[c]))


def gain_key(b: Bottleneck) -> tuple[float, float, float, float] | None:
    """What an entry is measured to gain, in the objective's order; None where not measured.

    Shortfall removed (t), lift late cut (tonne-days and person-days together), targets
    filled (t-days), transport cost saved: compared in that order, as the objective
    weighs them.
    """
    if b.shortfall_removed_t is None:
        return None
    return (
        b.shortfall_removed_t,
        (b.late_t_days_cut or 0.0) + (b.late_pax_days_cut or 0.0),
        b.target_t_days_filled or 0.0,
        b.transport_cost_saved or 0.0,
    )


def rank_by_gains(ranked: list[Bottleneck], outages: tuple[Bottleneck, ...]) -> list[Bottleneck]:
    """The capacities as ranked, with each outage placed by what it gains.

    An outage has no shadow price: it goes before the first entry it gains more than, in
    the objective's order (:func:`gain_key`), or that was not measured; after those that
    gain as much or more. Outages among themselves likewise, the larger gain first.
    """
    out = list(ranked)
    for outage in sorted(outages, key=lambda b: gain_key(b) or (0.0,) * 4, reverse=True):
        mine = gain_key(outage)
        at = next(
            (
                i
                for i, b in enumerate(out)
                if (theirs := gain_key(b)) is None or (mine is not None and mine > theirs)
            ),
            len(out),
        )
        out.insert(at, outage)
    return out
