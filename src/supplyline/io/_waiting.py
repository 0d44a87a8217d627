"""What a load with errors could not check, and the lines that say so, one per cause.

A row with an error is left out of the scenario the checks see; a file that cannot be
read leaves out all of its rows; a wrong ``horizon_days`` leaves the days unknown. The
checks that need what was left out wait, and each cause gets one line naming what waits
for it. "(everything else was checked)" closes a line only when it is the one line that
says something waits: a tester read it beside a wrong horizon while the warning of a
place with its latitude and longitude swapped had been dropped unsaid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from supplyline.domain.findings import Finding
from supplyline.domain.warning_checks import Part
from supplyline.errors import Severity
from supplyline.io._scenario_yaml import Header
from supplyline.io._source import Report
from supplyline.io.file_names import SCENARIO_FILES

__all__ = [
    "HORIZON",
    "START_DATE",
    "Waits",
    "broken_parts",
    "first_cause",
    "say_waits",
    "wait_for_unread",
]

HORIZON = "horizon"
"""The cause of a wait on a wrong ``horizon_days`` (or a horizon past the calendar)."""

START_DATE = "start_date"
"""The cause of a wait on a wrong ``start_date``: rows with dates wait for it, which its
line already says, so the checks that need those rows are named in that line too."""

_PART_OF_FILE = {
    "locations.csv": Part.LOCATIONS,
    "links.csv": Part.LINKS,
    "units.csv": Part.UNITS,
    "stocks.csv": Part.STOCKS,
    "fleet.csv": Part.FLEET,
    "scenario.yaml": Part.COMMODITIES,
}

_LOST_FROM_HEADER = frozenset({"commodity", "vehicle class", "activity level"})
"""The kinds of scenario.yaml whose entries, lost to an error, the checks miss (its
errors elsewhere, a partner's name or the horizon, leave the commodities whole)."""

_READ_BY_NONE = frozenset({"partner"})
"""Kinds a reference to which no check that warns reads: a stock owned by an unknown
partner leaves the stocks whole for the checks of what is on hand."""

_WAITING_ON = {
    "locations.csv": (
        "location",
        ("links.csv", "units.csv", "stocks.csv", "fleet.csv"),
        "the rail gauges where links meet",
    ),
}
"""An unreadable file whose ids other files name: the kind its rows are, the files that
name them, and the further check that needs its rows. The other files' rows are named by
no other file, so an unreadable one hides nothing but its own rows."""


@dataclass
class Waits:
    """What waits in one load: the unread files' lines, and the checks by their cause."""

    unread: dict[str, list[str]] = field(default_factory=dict)
    """An unreadable file: what waits for it, the first things its line lists."""
    checks: dict[str, list[str]] = field(default_factory=dict)
    """A cause (a file, or :data:`HORIZON`): the checks that wait for it, in words."""

    def add(self, cause: str, what: str) -> None:
        """Note that the check said as ``what`` waits for ``cause``."""
        self.checks.setdefault(cause, []).append(what)


def wait_for_unread(report: Report) -> Waits:
    """Leave the references to an unreadable file's ids unchecked (said by :func:`say_waits`).

    The kind is marked incomplete, so that no reference to it is called unknown; every
    other cross check runs on what was read.
    """
    waits = Waits()
    if "scenario.yaml" in report.unusable:
        report.incomplete.update(("partner", "commodity", "vehicle class", "activity level"))
        waits.unread["scenario.yaml"] = [
            "the partners, commodities, vehicle classes and activity levels that the other "
            "files name",
            "their days and dates",
        ]
    for file in SCENARIO_FILES:
        if file not in report.unusable or file not in _WAITING_ON:
            continue
        kind, naming, further = _WAITING_ON[file]
        report.incomplete.add(kind)
        readable = [f for f in naming if f not in report.unusable]
        if readable:
            waits.unread[file] = [f"the {kind}s that {_and(readable)} name", further]
    return waits


def broken_parts(
    report: Report,
    errors: Iterable[Finding],
    file_of_entity: Mapping[str, str],
    *,
    horizon_known: bool,
) -> dict[Part, str]:
    """The parts of a load that lost rows or are unknown, each with its cause.

    A file with an error, a file that cannot be read, a file whose rows wait for the
    start date; an entity with an error of the cross checks (a dangling reference, but to
    a partner) is its file's; a wrong horizon leaves :attr:`Part.HORIZON` to :data:`HORIZON`, or to
    scenario.yaml when that cannot be read.
    """
    causes: set[str] = set(report.unusable)
    causes.update(
        i.file for i in report.issues if i.severity is Severity.ERROR and i.file != "scenario.yaml"
    )
    if report.failed_in.get("scenario.yaml") or not _LOST_FROM_HEADER.isdisjoint(report.incomplete):
        causes.add("scenario.yaml")
    causes.update(
        file_of_entity.get(f.entity, "") for f in errors if f.ref_kind not in _READ_BY_NONE
    )
    broken = {_PART_OF_FILE[f]: f for f in SCENARIO_FILES if f in causes and f in _PART_OF_FILE}
    for file, _, _ in report.uncounted:  # rows whose dates wait, said so by start_date's line
        broken.setdefault(_PART_OF_FILE[file], START_DATE)
    if not horizon_known:
        broken.setdefault(
            Part.HORIZON, "scenario.yaml" if "scenario.yaml" in report.unusable else HORIZON
        )
    return broken


def first_cause(reads: Iterable[Part], broken: Mapping[Part, str]) -> str:
    """The cause a check waits for, of the ones it reads: the horizon first, then by file."""
    causes = {broken[p] for p in reads if p in broken}
    for first in (HORIZON, START_DATE):
        if first in causes:
            return first
    return min(causes, key=lambda c: SCENARIO_FILES.index(c) if c in SCENARIO_FILES else 99)


def say_waits(head: Header, report: Report, waits: Waits) -> None:
    """One warning per cause of a wait: an unreadable file, a file with errors, the days."""
    lines: list[tuple[str, str, int | None, str | None]] = []
    for file, subject in waits.unread.items():
        checks = waits.checks.pop(file, [])
        lines.append((file, _unread_line(file, [*subject, *checks]), None, None))
    on_days = waits.checks.pop(HORIZON, [])
    if days := _days_waiting(head, report, on_days, waits.checks.pop(START_DATE, [])):
        lines.append(days)
    for file in SCENARIO_FILES:
        checks = waits.checks.pop(file, [])
        if not checks:
            continue
        many = len(checks) > 1
        these = f"{'these need' if many else 'this needs'} every row of it, so " + (
            "were" if many else "was"
        )
        lines.append(
            (
                file,
                f"{file} has errors (mend them and validate again), and {these} not "
                f"checked: {'; '.join(checks)}",
                None,
                None,
            )
        )
    alone = " (everything else was checked)" if len(lines) == 1 else ""
    for file, text, line, column in lines:
        report.warning(file, text + alone, line, column)


def _unread_line(file: str, waiting: list[str]) -> str:
    """The line of a file that cannot be read: that it was not, and what went unchecked.

    The things are listed apart by semicolons, as each may hold its own "and" and commas.
    It read "the locations that links.csv, units.csv, stocks.csv and fleet.csv name, and the
    rail gauges where links meet, rail gauges left empty where gauged rail meets, …, were not
    checked until locations.csv reads": a planner could not tell where one check ended,
    nor what "until locations.csv reads" asked of them. A file with errors says the same
    way what waits for it (:func:`say_waits`).

    >>> _unread_line("units.csv", ["the units", "their days"])[28:]
    '(mend it and validate again), so these were not checked: the units; their days'
    """
    return (
        f"{file} could not be read (mend it and validate again), so these were not checked: "
        + "; ".join(waiting)
    )


def _days_waiting(
    head: Header, report: Report, on_days: list[str], on_dated_rows: list[str]
) -> tuple[str, str, int | None, str | None] | None:
    """The line for the checks that wait for a wrong start_date or horizon_days.

    The days of the CSV files are checked against the horizon only with a horizon, and
    dates turned into days only with a start; ``on_days`` need the horizon's days too,
    ``on_dated_rows`` every row of a file some of whose rows wait for the start.
    Every other check runs (the errors are said all together, as the files promise).
    """
    if "scenario.yaml" in report.unusable:
        return None
    waiting = []
    if head.horizon_days is None:
        why = "it runs past 9999-12-31" if head.past_calendar else "horizon_days is wrong"
        nor = f", nor {_and(on_days, 'or')}" if on_days else ""
        waiting.append(f"days were not checked against the horizon{nor}, as {why}")
    if head.start_date is None:
        cells = sorted({(file, line) for file, line, _ in report.uncounted})
        by_file: dict[str, list[str]] = {}
        for file, line in cells:
            by_file.setdefault(file, []).append(str(line))
        written = ", ".join(
            f"{file} line{'s' if len(lines) > 1 else ''} {', '.join(lines)}"
            for file, lines in by_file.items()
        )
        nor = f", nor {_and(on_dated_rows, 'or')} checked" if on_dated_rows else ""
        waiting.append(
            "dates were not turned into days"
            + (f" ({written}: their rows wait)" if written else "")
            + nor
            + ", as start_date is wrong"
        )
    if not waiting:
        return None
    key = "horizon_days" if head.horizon_days is None and not head.past_calendar else "start_date"
    text = "; ".join(waiting) + "; mend it and validate again"
    return ("scenario.yaml", text, head.lines.get(key), key)


def _and(items: list[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]
