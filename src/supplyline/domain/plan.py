"""The Plan result: a time-phased movement plan and what it could not achieve.

Produced by :mod:`supplyline.planning`, read by routing, the ledger, reports and faces.
Infeasibility is data here, never an exception: what cannot be delivered is a Shortfall,
and the Bottleneck records say which capacity is to blame.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Final

from supplyline.domain.bottleneck import Bottleneck, Measuring, ResourceKind, amount_unit
from supplyline.domain.by_content import ByContent
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.network import Mode
from supplyline.domain.objective_parts import ObjectiveParts
from supplyline.types import (
    CommodityId,
    LinkId,
    LocationId,
    PartnerId,
    UnitId,
    day_label,
    iso_date,
)

__all__ = [
    "BOTTLENECKS_NOT_COMPUTED",
    "Bottleneck",
    "Closure",
    "Delivery",
    "Measuring",
    "Movement",
    "Plan",
    "PlanStatus",
    "ResourceKind",
    "Shortfall",
    "SolveStats",
    "StockLevel",
    "amount_unit",
    "run_dependent_stats",
]


BOTTLENECKS_NOT_COMPUTED = "their shadow prices need a plan proven best"
"""Why a plan not proven best (:class:`PlanStatus`) lists no bottlenecks."""


class PlanStatus(StrEnum):
    """How the solve ended. A plan with shortfalls is still OPTIMAL if proven best."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    """Stopped (time limit) with a plan that is not proven best."""
    NO_SOLUTION = "no_solution"
    """Stopped before any plan was found (time limit too short)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Movement(ByContent):
    """Tonnes (and people) of one commodity sent over one link, departing on one day.

    ``commodity`` is a commodity id, or ``deploy:<unit id>`` for a unit's own equipment and
    people being deployed.
    """

    link: LinkId
    origin: LocationId
    destination: LocationId
    mode: Mode
    commodity: str
    departure_day: int
    arrival_day: int
    tonnes: float
    pax: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StockLevel(ByContent):
    """Stock of a commodity at a location at the end of a day.

    With ``unit`` set it is the stock that unit holds (its days of supply on hand) at its
    destination; without, the stock the plan keeps in the location's own storage.
    """

    location: LocationId
    commodity: CommodityId
    day: int
    tonnes: float
    unit: UnitId | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Delivery(ByContent):
    """What a unit receives (and consumes or stocks) of a commodity on a day.

    ``source_partner`` is the partner whose stock the goods came from, when the plan can
    tell (the ledger drafts support orders where it differs from the unit's partner).
    """

    unit: UnitId
    location: LocationId
    commodity: CommodityId
    day: int
    tonnes: float
    source_partner: PartnerId | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Shortfall(ByContent):
    """Demand that the plan does not meet: a unit short of a commodity on a day.

    ``cause`` says why when no capacity could have avoided it (no such goods can be at
    the unit's place that day: too far, or closed links cut it off); empty when the
    capacities are to blame, which the bottleneck report names.
    """

    unit: UnitId
    commodity: CommodityId
    day: int
    required_t: float
    short_t: float
    cause: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TargetGap(ByContent):
    """Stock a unit holds below its days-of-supply target at the end of a day.

    ``cause`` says why when no capacity could have avoided it (no such goods can arrive at
    the unit's place that day, as for a :class:`Shortfall`); empty when the capacities
    are to blame.
    """

    unit: UnitId
    commodity: CommodityId
    day: int
    below_t: float
    cause: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Closure(ByContent):
    """When a deploying unit's lift is planned to have arrived, against when it must."""

    unit: UnitId
    required_day: int
    closure_day: int | None
    """Day the last of its lift arrives; None if it never fully arrives within the horizon."""
    lift_t: float
    """The unit's ``deployment_lift_t`` to the gram, as ``moved_t`` and the files give it."""
    pax: float
    moved_t: float
    moved_pax: float
    earliest_day: int | None = None
    """First day all of the unit could be at its destination: from its available day over
    the links, with transit, dwell and outages but no capacity limit. None if it cannot be
    there within the horizon (and in plans written before it was recorded)."""
    late_t_days: float = 0.0
    """Tonnes of its lift still on the way after its required day, summed over the days:
    what the objective's lateness counts, and what the bottleneck report's "cuts the lift
    arriving late by N t-days" is in (0 in plans written before it was recorded)."""
    late_pax_days: float = 0.0
    """The same for its people, in person-days."""
    days_late_by_distance: int | None = None
    """The days late no capacity and no reopened link could save: past its required day,
    the first day all of the unit could be there with every link open every day (transit
    and dwell only). None if even so it cannot be there within the horizon, and in plans
    written before it was recorded. Stored, not derived from ``earliest_day``: that one
    counts outages, and a tester's unit held two days by a closed link read "2 by
    distance" beside a bottleneck report blaming the closure."""
    reason: str | None = None
    """Why a unit the plan does not close is not closed, in words a planner can act on:
    no way there, a horizon that ends before it can arrive, or the capacity on its way
    that is full (:mod:`~supplyline.planning.unclosed`). None for a unit that closes, and
    in plans written before it was recorded (they read "not closed" and no more)."""

    @property
    def days_late(self) -> int | None:
        """Days past the required day (0 when on time; None if it never closes)."""
        if self.closure_day is None:
            return None
        return max(0, self.closure_day - self.required_day)

    @property
    def days_late_by_closures(self) -> int | None:
        """The days late that closed links (outage days) add to distance's, capacities aside.

        Its earliest day (outages counted) past its required day, less
        :attr:`days_late_by_distance`: what re-planning with the links open could save, as
        the bottleneck report's closures say. None if either is unknown.

        >>> Closure(unit="u", required_day=1, closure_day=4, lift_t=1.0, pax=0.0, moved_t=1.0,
        ...         moved_pax=0.0, earliest_day=4, days_late_by_distance=1).days_late_by_closures
        2
        """
        if self.earliest_day is None or self.days_late_by_distance is None:
            return None
        return max(0, self.earliest_day - self.required_day - self.days_late_by_distance)


def _timing() -> float:
    """A field of seconds that equality leaves out (see SolveStats)."""
    return field(default=0.0, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SolveStats(ByContent):
    """Size and timing of the solve, for the summary and the benchmarks.

    The timings (``*_s``: how long each stage took on this machine, this time, and the
    measuring budget made from them) are left out of equality, of the hash and of the
    plan's identity (:func:`run_dependent_stats`): two runs that plan the same are equal
    plans with one ``plan_id``, though their seconds differ.
    """

    columns: int = 0
    rows: int = 0
    nonzeros: int = 0
    build_s: float = _timing()
    solve_s: float = _timing()
    start_s: float = _timing()
    """Of ``solve_s``, the time spent solving each flow apart for a starting basis."""
    extract_s: float = _timing()
    explain_s: float = _timing()
    """Time spent re-solving to measure what the top bottlenecks would buy."""
    solver: str = "highs"
    method: str = ""
    fair_share: bool = False
    """Whether shortfall was spread between units as shares of their demand."""
    max_violation: float = 0.0
    """The most any balance, capacity or bound is off in the plan (tonnes or people): 0
    from simplex; methods that stop within tolerances leave up to a few kilograms."""
    total_violation: float = 0.0
    """All those amounts summed: what a total over the horizon may be off by."""
    explain_top: int = 0
    """How many of the top bottlenecks the plan was asked to measure (``--explain``)."""
    explain_budget_s: float = _timing()
    """Seconds the measuring re-solves were given in all: ranks within ``explain_top`` left
    unmeasured ran out of it. As long as the solve took, unless given: a timing too."""
    weights: Mapping[str, float] = field(default_factory=FrozenMap)
    """The objective's weights the plan was asked to use (``PlanParams.weights`` by name,
    before fair shares cap two of them), so that a plan made with a parameters file says
    so and can be made again. Empty for a plan written before they were recorded."""
    places_unsettled: bool = False
    """A fallback plan (the time limit left the solver without one) whose places' draws
    were not re-solved for want of time: a unit may show short beside stock held at its
    own place. Said in words by :attr:`notes`."""
    resolved_from: str = ""
    """The method asked for (``pdlp``, ``ipm-nocrossover``…) when it ended without a plan
    the solver could vouch for and the plan was solved again by dual simplex (``method``
    is then ``simplex``); empty otherwise. Said in words by :attr:`notes`."""
    outages_untried: tuple[str, ...] = ()
    """Outage windows the bottleneck report did not re-plan open (or not to the end), by
    name: ``"rail-3 closed C+12–C+14"``, several lifted together joined by " + " (a plan
    written before windows were named apart gives link ids). Where ``explain_top`` is 0
    (``--explain 0``, measuring nothing) every window; else those the measuring time left:
    a closure there may hold the plan back unsaid. Said in words by :attr:`notes`
    (:attr:`outages_note`). Empty for a plan written before it was recorded."""
    cut_short: tuple[str, ...] = ()
    """The explaining stages after the solve that the time limit (``--time-limit``)
    cut short or skipped, by name (:data:`BOTTLENECK_MEASURING`,
    :data:`SHORTFALL_CAUSES`): the limit bounds the whole run. Said in words by
    :attr:`notes`; empty when none was (plan.json then leaves it out)."""

    def __post_init__(self) -> None:
        if not isinstance(self.weights, FrozenMap):  # a dict, as plan.json is read back
            weights = FrozenMap({str(k): float(v) for k, v in self.weights.items()})
            object.__setattr__(self, "weights", weights)
        if not isinstance(self.outages_untried, tuple):  # a list, as plan.json is read back
            object.__setattr__(self, "outages_untried", tuple(map(str, self.outages_untried)))
        if not isinstance(self.cut_short, tuple):  # a list, as plan.json is read back
            object.__setattr__(self, "cut_short", tuple(map(str, self.cut_short)))

    @property
    def measuring_limited(self) -> bool:
        """Whether the time limit, not the measuring's own time, ended the measuring.

        Then the notes on what was left unmeasured name the limit and say how to get the
        rest (:data:`LIMIT_ADVICE`), not "the measuring time (10 s) ran out": a tester's
        ``--time-limit 3`` read as if ``--explain-time`` had been too short.
        """
        return BOTTLENECK_MEASURING in self.cut_short

    def measuring_ran_out(self) -> str:
        """The time that ended the measuring, and how to get the rest where it is the limit.

        >>> SolveStats(explain_budget_s=12.3).measuring_ran_out()
        'the measuring time (12 s) ran out'
        >>> SolveStats(cut_short=(BOTTLENECK_MEASURING,)).measuring_ran_out()[:46]
        'the time limit ran out first (plan with a long'
        """
        if self.measuring_limited:
            return f"the time limit ran out first ({LIMIT_ADVICE})"
        seconds = self.explain_budget_s
        budget = f"{seconds:,.0f} s" if seconds >= 10 else f"{seconds:.2g} s"  # not "0 s"
        return f"the measuring time ({budget}) ran out"

    @property
    def outages_note(self) -> str | None:
        """The outage windows not re-planned open, in words (None: every one was tried).

        The one sentence the CLI, the report and plan.json say of them. A tester's
        ``--explain-time 0.001`` left a closure untried and the plan said only "no capacity
        limits the plan", the one trace a line on stderr; with ``--explain 0`` the faces
        worked out from the scenario a sentence of their own, which plan.json lacked.

        >>> SolveStats(outages_untried=("r1 closed C+0–C+2",), explain_top=3,
        ...            explain_budget_s=0.001).outages_note[:60]
        'the measuring time (0.001 s) ran out before this closure was'
        >>> SolveStats(outages_untried=("r1 closed C+0–C+2",)).outages_note[:54]
        'this closure was not re-planned open, no measuring bei'
        """
        if not self.outages_untried:
            return None
        many = len(self.outages_untried) > 1
        which = f"{'these closures were' if many else 'this closure was'} re-planned open"
        names = ", ".join(self.outages_untried)
        if self.explain_top == 0:
            return (
                f"{which.replace(' re-planned', ' not re-planned')}, no measuring being asked "
                f"(--explain 0): {names}; what lifting {'them' if many else 'it'} would gain "
                "is not measured (plan with --explain 1 or more to see it)"
            )
        if self.measuring_limited:
            return (
                f"the time limit ran out before {which}: {names}; a closure there may hold "
                f"the plan back unsaid ({LIMIT_ADVICE}, to see)"
            )
        seconds = self.explain_budget_s
        budget = f"{seconds:,.0f} s" if seconds >= 10 else f"{seconds:.2g} s"  # not "0 s"
        return (
            f"the measuring time ({budget}) ran out before {which}: {names}; a closure there "
            "may hold the plan back unsaid (give the report more time, --explain-time "
            "SECONDS, to see)"
        )

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader of the plan must know of how it was made, in a planner's words.

        The CLI's summary, plan.json and the report say the same sentences.

        >>> SolveStats(places_unsettled=True).notes[0][:52]
        'this fallback plan was not settled place by place fo'
        """
        said: tuple[str, ...] = (UNSETTLED_NOTE,) if self.places_unsettled else ()
        if self.resolved_from:
            said += (RESOLVED_NOTE.format(method=self.resolved_from),)
        if (outages := self.outages_note) is not None:
            said += (outages,)
        if self.cut_short:
            more = MEASURING_OWN_TIME if self.measuring_limited else ""
            said += (CUT_SHORT_NOTE.format(stages=" and ".join(self.cut_short), more=more),)
        return said


UNSETTLED_NOTE: Final = (
    "this fallback plan was not settled place by place for lack of time: a unit may show "
    "short beside stock held at its own place; give a longer time limit (--time-limit, or "
    "solver.time_limit_s in scenario.yaml)"
)
"""Said of a plan whose :attr:`SolveStats.places_unsettled` is set."""

RESOLVED_NOTE: Final = (
    "{method} ended without a plan the solver could vouch for (it stops when its errors are "
    "small against the largest cost, a shortfall penalty, and the solver's own check then "
    "finds them too large against the costs in play), so this plan was solved again by "
    "dual simplex, the default, with the time left"
)
"""Said of a plan whose :attr:`SolveStats.resolved_from` is set (``method``: its value)."""


BOTTLENECK_MEASURING: Final = "bottleneck measuring"
"""The bottleneck report's re-solves, as :attr:`SolveStats.cut_short` names them."""
SHORTFALL_CAUSES: Final = "shortfall causes"
"""The causes of shortfalls on days nothing can arrive, as ``cut_short`` names them."""

LIMIT_ADVICE: Final = (
    "plan with a longer --time-limit, or give the measuring its own time, --explain-time SECONDS"
)
"""How to get what the time limit left unmeasured: an ``--explain-time`` given is honoured
as given, whatever the limit; only the default measuring time is cut to what it leaves."""

CUT_SHORT_NOTE: Final = (
    "the time limit ran out before the plan was fully explained: {stages} cut short; plan "
    "again with a longer time limit (--time-limit, or solver.time_limit_s in scenario.yaml) "
    "to see the rest{more}"
)
"""Said of a plan whose :attr:`SolveStats.cut_short` is set (``stages``: their names;
``more``: :data:`MEASURING_OWN_TIME` where the measuring is among them)."""
MEASURING_OWN_TIME: Final = ", or give the measuring its own time (--explain-time SECONDS)"


def run_dependent_stats() -> tuple[str, ...]:
    """The fields of :class:`SolveStats` that differ from run to run: its timings.

    >>> run_dependent_stats()
    ('build_s', 'solve_s', 'start_s', 'extract_s', 'explain_s', 'explain_budget_s')
    """
    return tuple(f.name for f in fields(SolveStats) if not f.compare)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Plan(ByContent):
    """The movement plan for one scenario.

    Equal to another plan of the same content: the solve's timings are not compared
    (:class:`SolveStats`). Its ``repr`` says what it is and counts its records (the
    relief example's whole plan ran to half a million characters).
    """

    scenario: str
    start_date: dt.date
    horizon_days: int
    status: PlanStatus
    objective: float
    movements: tuple[Movement, ...] = ()
    stocks: tuple[StockLevel, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    closures: tuple[Closure, ...] = ()
    bottlenecks: tuple[Bottleneck, ...] = ()
    stats: SolveStats = field(default_factory=SolveStats)
    target_gaps: tuple[TargetGap, ...] = ()
    objective_parts: ObjectiveParts | None = None
    """The objective by tier, in objective units and in each tier's own count (None: no
    plan, or one written before they were recorded)."""

    @property
    def bottlenecks_not_computed(self) -> str | None:
        """Why the plan ranks no bottlenecks whatever binds in it (None: they were computed).

        Only a plan proven best has shadow prices to rank capacities by: a time-limited
        fallback plan showed "bottlenecks 0", read as "nothing limits this plan", beside
        its shortfalls.
        """
        return None if self.status is PlanStatus.OPTIMAL else BOTTLENECKS_NOT_COMPUTED

    @property
    def total_short_t(self) -> float:
        """All unmet demand, in tonnes (0.0 when nothing is short; NaN without a plan).

        A plan with status ``no_solution`` has no shortfall records because it has no
        records at all: 0.0 told a script that nothing was short.
        """
        if self.status is PlanStatus.NO_SOLUTION:
            return math.nan
        return float(sum(s.short_t for s in self.shortfalls))

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in (
                "movements",
                "stocks",
                "deliveries",
                "shortfalls",
                "target_gaps",
                "closures",
                "bottlenecks",
            )
        )
        return (
            f"Plan(scenario={self.scenario!r}, status={self.status.value}, "
            f"objective={self.objective:.10g}, total_short_t={self.total_short_t:.6g}, {counts})"
        )

    def date_of(self, day: int) -> dt.date:
        """Calendar date of a plan day."""
        return self.start_date + dt.timedelta(days=day)

    def day_cells(self, prefix: str, day: int | None) -> dict[str, int | str | None]:
        """A day as the plan's files and rows give it: ``{prefix}day``, ``label``, ``date``.

        One spelling for deployment.csv and the other files (io) and for ``plan --format
        csv|json``'s rows (planning), which may not import one another; blanks for no day.
        """
        if day is None:
            return {f"{prefix}day": None, f"{prefix}label": None, f"{prefix}date": None}
        return {
            f"{prefix}day": day,
            f"{prefix}label": day_label(day),
            f"{prefix}date": iso_date(self.date_of(day)),  # a date: bare in a CSV
        }

    def span_cells(self, prefix: str, days: Sequence[int]) -> dict[str, int | str | None]:
        """The first and last of ``days`` as :meth:`day_cells` gives each: blanks for none.

        ``{prefix}first_day``, ``…_label``, ``…_date``, then ``{prefix}last_…``: a
        bottleneck's days and its extra's in bottlenecks.csv and ``plan --format csv|json``
        (bottlenecks.csv had only ``first_label`` and ``last_label``, no day nor date).
        """
        first, last = (days[0], days[-1]) if days else (None, None)
        return {
            **self.day_cells(f"{prefix}first_", first),
            **self.day_cells(f"{prefix}last_", last),
        }
