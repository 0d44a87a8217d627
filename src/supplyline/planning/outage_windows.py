"""A link's outage windows: each maximal run of its consecutive closed days, named apart.

A link closed C+3–C+5 and again C+12–C+14 has two closures a planner can act on apart
(repair the line sooner, move the second works), and often only one of them holds the
plan back. Lifting all of a link's outage days together, as the bottleneck report did,
said "rail-3 on C+3–C+5, C+12–C+14" of a gain the second window alone made. So the
report re-plans each window apart (:mod:`~supplyline.planning.outages`), names each by
its link and days ("rail-3 closed C+12–C+14"), and the plan records by those names the
windows it did not re-plan (:attr:`~supplyline.domain.SolveStats.outages_untried`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from supplyline.domain import Scenario
from supplyline.types import day_label, day_runs

__all__ = ["Window", "joint_name", "outage_windows", "without_windows"]


@dataclass(frozen=True, slots=True)
class Window:
    """One maximal run of a link's consecutive outage days within the horizon."""

    link: int
    """The link, by its index in the scenario's links."""
    days: tuple[int, ...]
    """Its closed days, consecutive, within the horizon."""
    name: str
    """The link and its days, as the bottleneck report and the plan's notes name it:
    ``"rail-3 closed C+12–C+14"`` (one day: ``"rail-3 closed C+20"``)."""


def outage_windows(scenario: Scenario, days: int) -> list[Window]:
    """Each closed window of the links that can carry anything, in link then day order.

    A link whose capacity is 0 is closed by design, not by an outage: it has none.
    Outage days outside the horizon (``days`` long) close nothing the plan can use.

    >>> from supplyline.planning.examples import one_link
    >>> scenario, _ = one_link(days=8, outage_days=(0, 1, 5, 9))
    >>> [w.name for w in outage_windows(scenario, scenario.horizon_days)]
    ['L1 closed C+0–C+1', 'L1 closed C+5']
    """
    return [
        Window(
            link=li,
            days=tuple(range(first, last + 1)),
            name=f"{link.id} closed {_span(first, last)}",
        )
        for li, link in enumerate(scenario.links)
        if link.carries_tonnes or link.carries_people
        for first, last in day_runs(d for d in link.outage_days if 0 <= d < days)
    ]


def _span(first: int, last: int) -> str:
    return day_label(first) if first == last else f"{day_label(first)}–{day_label(last)}"


def joint_name(windows: Iterable[Window]) -> str:
    """Several windows lifted together, as one entry names them: their names joined by " + "."""
    return " + ".join(w.name for w in windows)


def without_windows(scenario: Scenario, windows: Iterable[Window]) -> Scenario:
    """The scenario with exactly those windows' days open, every other outage day kept."""
    opened: dict[int, set[int]] = {}
    for w in windows:
        opened.setdefault(w.link, set()).update(w.days)
    links = tuple(
        replace(link, outage_days=link.outage_days - opened[li]) if li in opened else link
        for li, link in enumerate(scenario.links)
    )
    return replace(scenario, links=links)
