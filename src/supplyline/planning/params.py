"""The knobs of the movement-plan LP: solver options and the objective's weights.

The objective is lexicographic in spirit (shortfall ≫ days-of-supply targets ≫ lateness ≫
transport cost ≫ holding, by default; the claims follow the order in force,
:func:`~supplyline.planning.objective_tiers.tier_order`) but solved as one weighted LP,
which is faster than a sequence of LPs and gives one set of duals for the bottleneck
report. The weights below keep the orders of magnitude apart for the cost figures a
scenario usually has; :func:`resolve_weights` scales them to the scenario's largest link
cost so that lateness always outweighs a route's transport cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from numbers import Integral, Real
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, overload

from supplyline.domain.fields import LARGEST, check_fields, named_fields, number_problem
from supplyline.errors import ArgumentError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "MAX_EXPLAIN",
    "MAX_SECONDS",
    "MAX_THREADS",
    "MIN_SECONDS",
    "Method",
    "PlanParams",
    "Weights",
]

MAX_THREADS = 1024
"""As in scenario.yaml's solver options and ``--threads``: more is a typo, not a machine."""
MAX_SECONDS = 1e6
"""The most a time limit or a measuring budget may be, as scenario.yaml's
``solver.time_limit_s`` (about 11.6 days): more is a typo, not a plan to wait for."""
MIN_SECONDS = 0.001
"""The least a time limit or a measuring budget may be, in a parameters file, a script,
scenario.yaml or ``--time-limit``: one rule (a tester's file took 0.0001 s, the CLI not)."""
MAX_EXPLAIN = 10_000
"""The most bottlenecks to re-solve for: each re-solve takes about as long as a warm solve,
so more is a typo, not a wish."""


def shown(value: object) -> str:
    """A number as it was given: ``1000000000001``, not ``1e+12`` (which read as the limit).

    >>> shown(1000000000001), shown(-5), shown(1e13), shown(10**40)
    ('1000000000001', '-5', '10000000000000.0', '1.000e+40')
    """
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) > 24:
        return f"{Decimal(value):.3e}"  # float() of 10**400 overflows
    return str(value)


def _real(value: object) -> bool:
    """Whether ``value`` is a real number (numpy's too), not True or False."""
    return isinstance(value, Real) and not isinstance(value, bool)


def _number(value: object) -> bool:
    """Whether ``value`` is a number to check a range on (not True, not nan)."""
    return _real(value) and (isinstance(value, Integral) or not math.isnan(value))  # type: ignore[arg-type]


def _finite(value: float) -> bool:
    """Whether a number is finite, an int of any size too (``isfinite(10**400)`` overflows)."""
    return isinstance(value, Integral) or math.isfinite(value)


class Method(StrEnum):
    """Which HiGHS algorithm solves the LP.

    ``auto`` is our measured choice for this model family (see docs/planning.md): dual
    simplex, which beat HiGHS's interior point five- to sevenfold on corridor-S and
    leaves a basis for the warm re-solves of the bottleneck report.
    """

    AUTO = "auto"
    SIMPLEX = "simplex"
    IPM = "ipm"
    IPM_NO_CROSSOVER = "ipm-nocrossover"
    HIPO = "hipo"
    PDLP = "pdlp"

    @property
    def at_a_vertex(self) -> bool:
        """Whether its plan is a vertex, not an interior or first-order point (no crossover).

        Off a vertex, tiny flows within the solver's tolerances run on (a tester's unit
        closed 3 days later with interior point than with simplex for 10 g a day still
        arriving), and flows may split between equally good ways or run out and back at
        no extra cost (an auditor's plan moved 7.1 people of a unit out and back on one day).
        """
        return self not in (Method.IPM_NO_CROSSOVER, Method.PDLP)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Weights:
    """Objective weights, in objective units per tonne (or person, or tonne-day).

    ``shortfall_per_t`` is for priority 1; priority p gets ``shortfall_per_t × (10 − p) / 9``
    so that every priority stays far above lateness. All but the link costs themselves are
    multiplied by the scenario's cost scale (``max(1, largest link cost_per_t or
    cost_per_pax)``): the ladder keeps its shape whatever the currency, and the tie-breakers
    (a leg, a tonne-day held) stay above HiGHS's tolerance once the objective is scaled.
    """

    shortfall_per_t: float = 1.0e5
    target_gap_per_t_day: float = 1.0e3
    """A unit holding less than its days-of-supply target, per tonne missing per day (at
    most; see :meth:`target_gap`)."""
    late_per_t_day: float = 20.0
    late_per_pax_day: float = 20.0
    move_per_t: float = 2.0e-5
    """Per tonne or person and leg (times the cost scale): no pointless legs, such as a
    unit's people driven out and back while they wait, or goods cycled on free links.

    Small against any real link cost (0.048 on the bilateral example, whose roads cost
    1.5-4 a tonne: at 1e-3 it was 2.4 and a reviewer's plan took a dearer direct link over
    two cheap legs), yet about 8e-4 once the objective is scaled (``COST_TARGET``), far
    above HiGHS's 1e-7 tolerance."""
    hold_per_t_day: float = 2.0e-6
    """Per tonne (or person) and day waiting away from where it starts (times the cost
    scale): about 8e-5 once scaled, visible to HiGHS, and over a whole horizon still small
    against a link's real cost."""

    def __post_init__(self) -> None:
        # the range said before the fields' own check, whose words named a bound of all
        # records ("1e+13 is out of range (at most 1e+12)") and rounded the value given
        for f in fields(self):
            value: Any = getattr(self, f.name)
            if _real(value):
                _check_weight(f.name, value)
        check_fields(self)
        _check_span(self)

    def shortfall(self, priority: int) -> float:
        """Penalty per tonne short of a commodity of this priority (1 is the most important)."""
        return self.shortfall_per_t * (10 - priority) / 9

    def target_gap(self, days: int) -> float:
        """The target-gap weight for a horizon of ``days``: ``target_gap_per_t_day``, capped.

        A tonne in a unit's stock fills its target for at most ``days`` days, and an early
        shortfall costs up to ``1.01 × days`` gap-days more than a late one (so that a
        unit eats its stock before it goes short). Either, uncapped, outweighed a priority
        step (``shortfall_per_t / 9``) on long horizons: a tester's plan let priority-1
        food go short on C+33 to spare priority-3 fuel on C+0, and kept 4 t of food
        above its target while priority-9 spares went short. Capped at
        ``shortfall_per_t / (9.9 × days)``, a tonne short always costs more than any
        tonne's worth of target or timing, and a priority more than any lower one.
        """
        return min(self.target_gap_per_t_day, self.shortfall_per_t / (9.9 * max(1, days)))

    @overload
    def short_on(self, days: int, day: int) -> float: ...
    @overload
    def short_on(self, days: int, day: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]: ...
    def short_on(self, days: int, day: Any) -> Any:
        """The weight of a priority-1 tonne short on ``day`` of a horizon of ``days``.

        An early shortfall costs more, by more than a day of target gap: a unit eats its
        stock on hand before it goes short, rather than go short and keep the stock. The
        model's shortfall columns cost this (times the priority's weight and the cost
        scale), and a shadow price read in tonnes short divides by it.
        """
        return self.shortfall_per_t + 1.01 * self.target_gap(days) * (days - day)

    def lateness(self, days: int, *, people: bool) -> float:
        """The weight of a tonne (a person) a day late for a horizon of ``days``, capped.

        Capped at ``shortfall_per_t / (19.8 × days)``, half the target gap's cap, so that a
        tonne late over the whole horizon costs less than a tonne short of the least
        priority, or a step of priority, and less than a tonne's worth of target. Uncapped,
        20 a tonne-day outweighed a priority-9 tonne short past 556 days: a tester's
        800-day plan left a site 10 t short to move a unit's equipment sooner. With the
        default weights the cap bites beyond 252 days.
        """
        late = self.late_per_pax_day if people else self.late_per_t_day
        return min(late, self.shortfall_per_t / (19.8 * max(1, days)))

    def with_fair_shares(self, days: int) -> Weights:
        """These weights with the target gap and lateness capped ten times lower.

        So that fair shares outweigh when a shortfall falls (:data:`FAIR_TIMING`). A unit
        short a day earlier costs more by about a day of target gap (see
        :meth:`target_gap`), up to a tenth of the shortfall weight over the horizon: more
        than the bands of fair shares can cost under a step of priority, and a tester's
        sites one day's transit apart shared nothing (0 % and 70 % short). With both a
        tenth as large, the timing costs at most about a hundredth of the shortfall weight,
        below one band (see :mod:`supplyline.planning.fair_share`); the order of the terms
        is kept (a target above lateness), but beyond about 50 days lateness weighs less
        than ten legs of the dearest link.
        """
        cap = self.shortfall_per_t / (9.9 * FAIR_TIMING * max(1, days))
        return replace(
            self,
            target_gap_per_t_day=min(self.target_gap_per_t_day, cap),
            late_per_t_day=min(self.late_per_t_day, cap / 2),
            late_per_pax_day=min(self.late_per_pax_day, cap / 2),
        )


def _check_weight(name: str, value: float) -> None:
    """A weight is a finite number from 0 to :data:`LARGEST`; else say which it is not."""
    if not (_finite(value) and 0 <= value <= LARGEST):
        out = _finite(value) and value > LARGEST
        problem = "is out of range" if out else number_problem(float(value))
        raise ArgumentError(f"{name}(={shown(value)}) {problem} (a finite number from 0 to 1e12)")


WEIGHT_SPAN = 1.0e14
"""How many times the largest weight may be the smallest above 0.

HiGHS resolves a cost only to a limited precision against the largest one it holds: below
it, rounding in its factorisation is as large as the cost. The defaults span 5e10
(``shortfall_per_t`` 1e5 to ``hold_per_t_day`` 2e-6), and with the link costs between
them the bilateral example plans alike for any ``shortfall_per_t`` up to 1e8. At 1e9 its
objective rose by 8 (1.5e-8), at 1e10 by 50, and at 1e12 a tester's "optimal" plan drove
6,600 t of units' equipment out and back (25,654 dearer than the optimum, one unit 6 days
late where it had been on time): the link costs had fallen below what HiGHS resolves."""


def _check_span(weights: Weights) -> None:
    """Refuse weights too far apart for the solver to weigh the smaller ones at all."""
    given = {f.name: float(getattr(weights, f.name)) for f in fields(weights)}
    positive = {name: value for name, value in given.items() if value > 0}
    if not positive:
        return
    big = max(positive, key=positive.__getitem__)
    small = min(positive, key=positive.__getitem__)
    if positive[big] <= WEIGHT_SPAN * positive[small] * (1 + 1e-9):  # 2e8 / 2e-6 rounds up
        return
    raise ArgumentError(
        f"{big}(={positive[big]:g}) is {positive[big] / positive[small]:.1g} times "
        f"{small}(={positive[small]:g}), more than {WEIGHT_SPAN:.0e}: the solver weighs "
        f"costs only to a limited precision against the largest, and would plan as if the "
        f"smaller weights, and the links' own costs, were nothing (a tester's plan drove "
        f"units out and back); keep {big} at most {WEIGHT_SPAN * positive[small]:g}, or "
        f"{small} at least {positive[big] / WEIGHT_SPAN:g}"
    )


FAIR_TIMING = 10.0
"""How many times lower the target gap and lateness are capped with fair shares."""


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class PlanParams:
    """How to plan: solver limits and method, weights, how far to explain bottlenecks.

    Loadable from TOML with :meth:`from_file` (keys as the field names; a ``[weights]``
    table for the weights).
    """

    time_limit_s: float | None = None
    threads: int | None = None
    method: Method = Method.AUTO
    presolve: bool = True
    prune: bool = True
    """Drop space-time arcs and stocks that cannot matter (off only to measure the gain)."""
    scale_objective: bool = True
    """Hand HiGHS the costs divided by a power of two so that the largest is about 1e7
    (the penalties reach 1e8 and more, far beyond HiGHS's dual tolerance); the objective
    and the duals are scaled back, so only speed changes (off only to measure the gain)."""
    block_start: bool = True
    """Start the dual simplex from the optimal bases of the flows solved apart, side by
    side (see :mod:`supplyline.planning.block_start`); same optimum, about half the time
    on corridor-I (off only to measure the gain). The simplex methods start from it; with
    the others, under a time limit, its flows are what the fallback plan mixes (see
    :mod:`supplyline.planning.hedge`)."""
    alike_start: bool = True
    """In the block start, start flows of the same shape from the first one's optimal basis
    (see :mod:`supplyline.planning.shapes`); the same flows' optima, corridor-I's flows
    apart in 4.2 s instead of 10 s (off only to measure the gain)."""
    explain_top: int = 3
    """How many of the top bottlenecks to re-solve with more capacity, to say what it buys."""
    explain_time_s: float | None = None
    """Seconds those re-solves may take in all; None: as long as the plan's own solve, at
    least 10 s. What is not measured by then is ranked by shadow price alone, and an extra
    whose least figure was not found is said to be enough, perhaps more than needed."""
    fair_share: bool | None = None
    """Spread a shortfall between units, as shares of what each consumes, rather than
    let it fall where it costs least (see :mod:`supplyline.planning.fair_share`). None:
    not said here, so ``plan_scenario`` and the CLI take scenario.yaml's
    ``solver.fair_share`` (and ``plan_movements`` plans without); False turns it off
    whatever the scenario says (a tester's parameters file could not)."""
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        # each number's own range first: the fields' check knows only a bound of all
        # records, and said "threads(=1e+13) is out of range (at most 1e+12)"
        self._check_ranges()
        check_fields(self)
        # a script's mistakes said here, not deep in the build (a tester's weights dict
        # failed as "AttributeError: move_per_t", threads=1.5 was taken)
        if not isinstance(self.weights, Weights):
            raise ArgumentError(f"weights(={self.weights!r}) must be a Weights")
        for name in ("threads", "explain_top"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ArgumentError(f"{name}(={value!r}) must be a whole number")
        if self.fair_share is not None and not isinstance(self.fair_share, bool):
            raise ArgumentError(
                f"fair_share(={self.fair_share!r}) must be True, False or None (not said)"
            )
        if self.explain_top is None:
            raise ArgumentError("explain_top(=None) must be a whole number")

    def _check_ranges(self) -> None:
        """The counts and the seconds, each in its own range, the value said as given."""
        for name, most in (("threads", MAX_THREADS), ("explain_top", MAX_EXPLAIN)):
            value = getattr(self, name)
            least = 1 if name == "threads" else 0
            if _number(value) and not least <= value <= most:
                raise ArgumentError(f"{name}(={shown(value)}) must be {least} to {most:,}")
        for name, none in (("time_limit_s", "no limit"), ("explain_time_s", "the default")):
            seconds: Any = getattr(self, name)  # a Real, once checked (mypy cannot order Real)
            if seconds is None:
                continue
            if not _real(seconds):
                raise ArgumentError(f"{name}(={seconds!r}) must be a number of seconds (or None)")
            if not MIN_SECONDS <= seconds <= MAX_SECONDS:
                problem = (
                    "is out of range"
                    if _finite(seconds) and (seconds > MAX_SECONDS or seconds > 0)
                    else number_problem(float(seconds), above_zero=True)
                )
                raise ArgumentError(
                    f"{name}(={shown(seconds)}) {problem} (a number of seconds from "
                    f"{MIN_SECONDS:g} to {MAX_SECONDS:,.0f}, or None for {none})"
                )

    @classmethod
    def from_file(cls, path: str | Path) -> Self:
        r"""Read parameters from a TOML file.

        Raises :class:`~supplyline.errors.ScenarioError` naming the file, and the line or
        key, of what is wrong (a missing file, bad TOML, an unknown key, a bad value).

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as tmp:  # removed again, with the file
        ...     p = pathlib.Path(tmp) / "plan.toml"
        ...     _ = p.write_text('method = "ipm"\n[weights]\nlate_per_t_day = 50\n')
        ...     PlanParams.from_file(p).weights.late_per_t_day
        50.0
        """
        from supplyline.planning.params_file import read_params_file  # it imports this

        return read_params_file(cls, path)
