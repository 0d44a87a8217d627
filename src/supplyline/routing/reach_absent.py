"""Units never at their destination within the horizon: their reach-check rows say so.

A deploying unit that cannot get to its destination in time (available after the horizon,
its only link closed throughout) consumes nothing there, so its trucks have nothing to
carry. The reach check had read it "ok" at 0 t/day, which a demanding planner took for
"fine", and counted it among its depot's units. Its row now says plainly that it never
arrives, judges nothing (``ok`` empty) and adds nothing to its depot's load
(:attr:`~supplyline.domain.routes.ReachRow.arrives`). Which units never arrive is the
planner's rule (:func:`~supplyline.planning.arrival.never_there`), given by the caller:
routing may not import planning.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from supplyline.domain import Scenario
from supplyline.domain.routes import ReachCheck, ReachRow
from supplyline.errors import ArgumentError
from supplyline.routing.scenario_fit import require_units
from supplyline.types import UnitId, day_label

__all__ = [
    "NEVER_ARRIVES",
    "checked_never_arrive",
    "never_arrives_words",
    "never_count_words",
    "with_never_arriving",
]

NEVER_ARRIVES = "never arrives"
"""What the ``ok`` cell of a table, the report's and the terminal's, says of such a unit;
its ``reason`` (CSV, JSON, the notes) begins with the same words."""


def checked_never_arrive(scenario: Scenario, never_arrive: object) -> frozenset[UnitId]:
    """``never_arrive`` as a set of the scenario's unit ids; else an error for the caller.

    A text is refused (its letters would be taken for units: ArgumentError), an unknown
    unit is a ScenarioError, as ``check_reach``'s other arguments keyed by unit.
    """
    if isinstance(never_arrive, str | bytes) or not isinstance(never_arrive, Collection):
        raise ArgumentError(
            f"never_arrive(={never_arrive!r:.60}) must be a collection of unit ids, "
            f"not {type(never_arrive).__name__}"
        )
    require_units(scenario, never_arrive=dict.fromkeys(never_arrive))
    return frozenset(never_arrive)


def never_arrives_words(scenario: Scenario, unit: UnitId) -> str:
    """``never arrives: its people cannot be at 'U' within the horizon (C+0–C+29), …``."""
    u = scenario.unit_by_id[unit]
    who = "people" if u.personnel > 0 else "equipment"
    return (
        f"{NEVER_ARRIVES}: its {who} cannot be at {u.destination!r} within the horizon "
        f"(C+0–{day_label(scenario.horizon_days - 1)}), so no daily resupply is needed or "
        "checked"
    )


def with_never_arriving(
    scenario: Scenario, rows: Sequence[ReachRow], never: Collection[UnitId]
) -> list[ReachRow]:
    """``rows``, each unit in ``never`` marked as never arriving, not judged, not loading.

    Its demand was left out before the depots' shares were worked out (the caller gives it
    none), so its depot's load is the other units'; here its row loses the load figure,
    any flag the checks before raised on its empty demand (a place cut off on every day)
    and gets its reason.
    """
    return [
        r
        if r.unit not in never
        else replace(
            r,
            arrives=False,
            sustainable=True,
            reason=never_arrives_words(scenario, r.unit),
            depot_load_pct=None,
            shares=tuple(replace(x, depot_load_pct=None, reason="") for x in r.shares),
        )
        for r in rows
    ]


def never_count_words(check: ReachCheck) -> str:
    """``"; 1 never arrives (not checked)"`` after a count of units flagged; empty if none.

    One phrase for ``reach``'s count, ``plan``'s reach line and the report's section, so
    that "0 of 2 unit(s) flagged" is not read as both units fine.
    """
    n = len(check.never_arriving)
    if not n:
        return ""
    return f"; {n} {NEVER_ARRIVES if n == 1 else 'never arrive'} (not checked)"
