"""Repeated CSV rows that could be built, checked as they would be were they not repeated.

A row whose id repeats an earlier row's is left out of the scenario, so the checks of the
whole scenario never saw it: only its references were checked (:mod:`supplyline.io._row_refs`).
A second ``rail-east-2`` with an outage on day 40 of a 35-day horizon was told the
repeat alone; the same row under a new id was told the day too. Here each such row stands
in for the first row of its id in a copy of the scenario, the loader's checks run on that
copy with a copy of the load's report, and what they say of the row, at its own line, is
added to the load's issues beside its "duplicate" error.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from supplyline.domain import Scenario
from supplyline.errors import Issue
from supplyline.io._duplicates import Repeat
from supplyline.io._source import Origins, Report

__all__ = ["check_repeats"]

_FIELD_OF_ENTITY = {
    "location": "locations",
    "link": "links",
    "unit": "units",
    "stock": "stocks",
    "fleet": "fleet",
}
"""The :class:`~supplyline.domain.Scenario` field that lists each entity a CSV row is."""


CrossCheck = Callable[[Scenario, Report, Origins, frozenset[tuple[str, str]]], object]
"""The loader's checks of a whole scenario: they add what they find to the report; the
last argument names the entities whose references are said already (left unsaid)."""


def check_repeats(
    scenario: Scenario, report: Report, origins: Origins, cross_check: CrossCheck
) -> None:
    """Add to ``report`` what the loader's checks say of each repeated row, at its line.

    One run of ``cross_check`` per round: the first repeat of each id in the first, the
    second in the next (an id given three times), so that each stands where its id's
    first row was. Only what is said at a repeated row's own line is kept, and not what
    the load said there already (its own errors, its references, checked as a row left
    out: :func:`~supplyline.io._row_refs.keep_refs`).
    """
    for round_ in _rounds(report.repeats):
        variant = _with(scenario, round_)
        stand_in = Origins(dict(origins.by_key))
        for r in round_:
            stand_in.by_key[(r.entity, r.key)] = r.origin
        scratch = copy.deepcopy(report)
        scratch.repeats = []
        scratch.failed_ids -= {r.key for r in round_}  # the id stands, built from this row
        before = len(scratch.issues)
        cross_check(variant, scratch, stand_in, frozenset((r.entity, r.key) for r in round_))
        said = {_place(i) for i in report.issues}
        rows = {(r.origin.file, r.origin.line) for r in round_}
        for issue in scratch.issues[before:]:
            if (issue.file, issue.line) in rows and _place(issue) not in said:
                report.issues.append(issue)
                said.add(_place(issue))


def _place(issue: Issue) -> tuple[str, int | None, str | None, str]:
    return issue.file, issue.line, issue.column, issue.message


def _rounds(repeats: Sequence[Repeat]) -> list[list[Repeat]]:
    """The repeats in rounds, each id at most once a round, in the order they were read."""
    rounds: list[list[Repeat]] = []
    count: dict[tuple[str, str], int] = {}
    for r in repeats:
        n = count.get((r.entity, r.key), 0)
        count[(r.entity, r.key)] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(r)
    return rounds


def _with(scenario: Scenario, round_: Sequence[Repeat]) -> Scenario:
    """``scenario`` with each repeated row in place of its id's first (added, if that failed)."""
    changes: dict[str, Any] = {}
    for name in dict.fromkeys(_FIELD_OF_ENTITY[r.entity] for r in round_):
        mine = {r.key: r.record for r in round_ if _FIELD_OF_ENTITY[r.entity] == name}
        items = [mine.pop(_key_of(x), x) for x in getattr(scenario, name)]
        changes[name] = (*items, *mine.values())
    return dataclasses.replace(scenario, **changes)


def _key_of(record: Any) -> str:
    """A record's id as findings name it (a stock has none: ``location/commodity``)."""
    key = getattr(record, "id", None)
    return str(key) if key is not None else f"{record.location}/{record.commodity}"
