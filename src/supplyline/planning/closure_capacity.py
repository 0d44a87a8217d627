"""A closure that holds goods back only with a place that handles 0 t/day: the two in one claim.

The bottleneck report prices the plan's capacities as they are and re-plans each outage
window open (:mod:`~supplyline.planning.outages`), one change at a time. Where the goods a
closed road keeps out must also pass a yard that handles 0 t/day, neither change alone
lets them through: a camp behind a road closed C+0–C+5 and such a yard read
"+10 t/day there removes 20 t" (the days after the road reopens) and nothing of the 60 t
only both together could remove. The yard's row is priced again in the plan re-made with
the window open; here it is measured there, as any bottleneck is
(:func:`~supplyline.planning.measure.measure_run`), and where the capacity that then caps
the gain binds too (a road after the yard), that is raised with it, up to
:data:`~supplyline.planning.measure.MAX_TOGETHER` capacities: the claim names every thing
that must change, each with its figure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import JointExtra, ResourceKind, Scenario, amount_unit
from supplyline.planning.assemble import Problem
from supplyline.planning.extract import TOL, Outcome
from supplyline.planning.highs import HighsSession
from supplyline.planning.measure import MAX_TOGETHER, Measured, Resolver, measure_run
from supplyline.planning.model import LpModel
from supplyline.planning.outcome_words import better, extra_text
from supplyline.planning.resources import (
    Run,
    candidates,
    describe,
    lifted_days,
    listed,
)

__all__ = [
    "Raised",
    "handles_nothing_somewhere",
    "nothing_handled_priced",
    "raise_with_closure",
    "with_extras",
]

FloatArray = npt.NDArray[np.float64]

_HANDLING = (ResourceKind.HANDLING, ResourceKind.HANDLING_PAX)


@dataclass(frozen=True, slots=True)
class Raised:
    """The capacities a closure's re-made plan raises with it, as figures to write in."""

    extras: tuple[JointExtra, ...]
    """Each capacity's extra as data, on every day (the scenario's one figure), the place
    handling 0 first."""
    held: str
    """What holds the goods back with the closure: "the handling of 0 t/day at Border yard"."""
    words: str
    """The extras in words: "+10 t/day at Border yard (handling 0 t/day)"."""
    then_limited_by: str
    """What caps the gain beyond them (a resource id), as a measured claim's; empty: none."""
    beyond: str
    """The same in words, with its days; empty where nothing does."""


_ZERO_ROWS = ("handle_in", "handle_out", "handle_pax_in", "handle_pax_out")
"""A place's handling rows: of 0 where it handles nothing."""


def handles_nothing_somewhere(p: Problem) -> bool:
    """Whether some place handles 0 t/day (or 0 people a day): a claim may need it raised."""
    return bool((p.net.handling == 0).any() or (p.net.handling_pax == 0).any())


def nothing_handled_priced(m: LpModel, row_duals: FloatArray | None) -> bool:
    """Whether a place handling 0 holds the plan back at the margin: some row of it is priced.

    Only then can a window reopened with such a place raised gain where the plan's duals
    prove the window alone cannot (:func:`~supplyline.planning.outage_duals.cannot_gain`):
    were every such row's dual 0, the plan would stay optimal with their bounds lifted too
    (it is feasible, its duals still are, and complementary slackness holds), so it is
    re-planned only where one is priced. Without the duals (None), it is assumed to.
    """
    if row_duals is None:
        return True
    for name in _ZERO_ROWS:
        b = m.rows.get(name)
        if b is None:
            continue
        span = slice(b.start, b.start + b.size)
        shut = m.row_upper[span] == 0
        if bool((np.abs(row_duals[span][shut]) > TOL).any()):
            return True
    return False


def raise_with_closure(
    p2: Problem,
    m2: LpModel,
    session: HighsSession,
    x2: FloatArray,
    opened: Outcome,
    deadline: float,
) -> Raised | None:
    """The least extras that, with the window open, get goods past a place handling 0 t/day.

    ``p2``, ``m2`` and ``session`` are the plan re-made with the window open, ``x2`` its
    solution and ``opened`` its outcome, the base the extras are measured against. The
    place is the most priced of those handling 0 in the re-made plan; none, None. Measured
    as a bottleneck is (partners picked where it alone gains nothing); then, while a
    capacity caps the gain and fewer than :data:`~supplyline.planning.measure.MAX_TOGETHER`
    are raised, that one is raised with them and the whole measured again, kept where it
    gains more. None where nothing gains, or the time ran out.
    """
    duals = session.duals()
    if duals is None:
        return None
    shut = [
        run
        for run in candidates(p2, m2, *duals, x2)
        if run.kind in _HANDLING and describe(p2, run)[2] == 0
    ]
    if not shut:
        return None
    run, along = shut[0], list[Run]()
    resolve = Resolver(session, deadline)
    best: tuple[Measured, list[Run]] | None = None
    while True:
        for r in (run, *along):  # each measuring cuts them to the days it used: widen again
            r.lifted = lifted_days(p2, m2, r)
        measured = measure_run(p2, m2, resolve, run, opened, along)
        if measured is None or measured.alone or measured.after is None:
            break
        if best is not None and not better(measured.after, _after(best[0]), p2.tiers):
            break
        best = measured, [run, *(r for r in along if _kept(r, measured))]
        if measured.limit is None or len(along) + 2 > MAX_TOGETHER:
            break
        along.append(measured.limit)
    if best is None:
        return None
    return _raised(p2, *best)


def _after(measured: Measured) -> Outcome:
    """A gaining measurement's outcome (never None there)."""
    assert measured.after is not None
    return measured.after


def _kept(run: Run, measured: Measured) -> bool:
    """Whether the measuring kept ``run`` among the partners its claim needs."""
    return (run.kind, run.key) in measured.partners


def _raised(p2: Problem, measured: Measured, runs: list[Run]) -> Raised:
    """What :func:`raise_with_closure` found, in words and as data, on every day.

    The measuring raised each on the days it found used; a planner writes one figure for
    every day, and the claim is re-planned so (:mod:`~supplyline.planning.outages`): the
    extras are said on every day, the days left unsaid.
    """
    run = runs[0]
    every = tuple(range(p2.days))
    named = JointExtra(
        kind=run.kind,
        resource=describe(p2, run)[0],
        location=p2.scenario.locations[run.key[1]].id,
        suggested_extra=measured.extra,
        extra_unit=amount_unit(run.kind),
        capacity=0.0,
    )
    extras = tuple(  # a supply's too, which the re-plan raises every day (with_extras)
        dataclasses.replace(
            extra,
            extra_unit=amount_unit(extra.kind),
            extra_days=() if extra.kind is ResourceKind.STORAGE else every,
        )
        for extra in (named, *measured.together_with)
    )
    kinds = [(run.kind, run.key), *measured.partners]
    said = [
        f"+{extra_text(extra.suggested_extra)} {extra.extra_unit} at {_words(p2, kind, key)}"
        for extra, (kind, key) in zip(extras, kinds, strict=True)
    ]
    shut = [p2.scenario.locations[r.key[1]].name for r in runs if r.kind is run.kind]
    return Raised(
        extras=extras,
        held=f"the handling of 0 {amount_unit(run.kind)} at {listed(tuple(dict.fromkeys(shut)))}",
        words=" and ".join(said),
        then_limited_by=measured.then_limited_by,
        beyond=measured.then_limited_words,
    )


def _words(p2: Problem, kind: ResourceKind, key: tuple[str, int]) -> str:
    """A resource in words with its capacity, as the bottlenecks say it: "the road link b …"."""
    # on a day after C+0: a supply is said by its replenishment, which the re-plan raises
    return describe(p2, Run(kind=kind, key=key, days=[1], value=0.0, rows=[], cols=[]))[1]


def with_extras(scenario: Scenario, extras: tuple[JointExtra, ...]) -> Scenario:
    """``scenario`` with each extra written in on every day: its figure set, or a supply raised.

    What a planner would write: a place's handling, a link's capacity, a store's room set to
    the figure the claim gives (:attr:`JointExtra.set_to`); a supply's replenishment raised
    by the extra (an extra given once too: it is then there on its day, and on every other).
    More than the claim's days ask, so a re-plan of it gains at least what the claim's
    extras alone do.
    """
    locations = {loc.id: loc for loc in scenario.locations}
    links = {link.id: link for link in scenario.links}
    stocks = list(scenario.stocks)
    for extra in extras:
        to = extra.set_to
        if extra.kind is ResourceKind.SUPPLY:  # every day's, day 0's too: its days' and more
            more = extra.suggested_extra
            stocks = [
                dataclasses.replace(st, replenishment_t_per_day=st.replenishment_t_per_day + more)
                if (st.location, st.commodity) == (extra.location, extra.commodity)
                else st
                for st in stocks
            ]
            continue
        figure: dict[str, Any] = {_FIELDS[extra.kind]: to}  # the column, and what to write
        if extra.link is not None and to is not None:
            links[extra.link] = dataclasses.replace(links[extra.link], **figure)
        elif extra.location is not None and to is not None:
            locations[extra.location] = dataclasses.replace(locations[extra.location], **figure)
    return dataclasses.replace(
        scenario,
        locations=tuple(locations.values()),
        links=tuple(links.values()),
        stocks=tuple(stocks),
    )


_FIELDS = {
    ResourceKind.LINK_TONNES: "capacity_t_per_day",
    ResourceKind.LINK_PAX: "capacity_pax_per_day",
    ResourceKind.HANDLING: "handling_t_per_day",
    ResourceKind.HANDLING_PAX: "handling_pax_per_day",
    ResourceKind.STORAGE: "storage_t",
}
"""The column of links.csv or locations.csv an extra is written in, by its kind."""
