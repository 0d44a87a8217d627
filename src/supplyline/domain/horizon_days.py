"""The scenario's days against its horizon, each said as the user wrote it first.

A unit's available and required day, the start of each of its activity periods and a
link's outage days must fall in the horizon; an agreement valid only outside the
operation is a warning. A day outside is said as written (``3-14``, ``C+3-C+14``, ``27``,
``2026-03-01``), then as C+N and as a date, with the end of the horizon it misses: a tester
who wrote ``C+3-C+14`` read "outage days 2026-01-13..2026-01-15 are C+12–C+14" and had to
find which of the days written those were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from supplyline.domain.agreements import period_words
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.errors import Severity
from supplyline.types import day_label, day_runs

__all__ = ["WrittenAs", "before_start_said", "check_days", "one_day_said", "outside_horizon_said"]

WrittenAs = Callable[[str, str, str], "str | None"]
"""The text of a field as the user wrote it, by entity kind, id and field (the loader's
cells: ``("link", "re", "outage_days")`` → ``"C+3-C+14"``); ``None`` where it was not read
from a file (a scenario built in Python)."""


def _nothing_written(entity: str, entity_id: str, field: str) -> str | None:
    """No text as written: the scenario was built in Python."""
    return None


def _outside_horizon(
    s: Scenario,
    days: Iterable[int],
    *,
    start_known: bool,
    written: str | None = None,
    only: bool = True,
) -> str:
    """Days outside the horizon in the files' words: as written, as C+N and as dates.

    ``27 is C+27 (2026-03-01), after the horizon's last day C+20 (2026-02-22)``; with
    nothing written (a scenario built in Python) the dates lead, ``2026-03-01 is C+27, …``.
    Where ``written`` names more than one day, or days inside the horizon too (``only``
    false), the days outside follow it after a colon:
    ``C+3-C+14: C+12–C+14 (2026-01-13..2026-01-15) are after …``.
    """
    last = s.horizon_days - 1
    runs = day_runs(days)
    many = len(runs) > 1 or runs[0][0] != runs[0][1]

    def dated(day: int) -> str:
        return f" ({s.date_of(day).isoformat()})" if start_known else ""

    if all(a > last for a, _ in runs):
        where = f"after the horizon's last day {day_label(last)}{dated(last)}"
    elif all(b < 0 for _, b in runs):
        where = f"before the horizon's first day C+0{dated(0)}"
    else:
        where = f"outside the horizon, C+0{dated(0)} to {day_label(last)}{dated(last)}"
    labels = ", ".join(
        day_label(a) if a == b else f"{day_label(a)}–{day_label(b)}" for a, b in runs
    )
    verb = "are" if many else "is"
    dates = (
        ", ".join(
            s.date_of(a).isoformat() if a == b else f"{s.date_of(a)}..{s.date_of(b)}"
            for a, b in runs
        )
        if start_known
        else ""
    )
    if written is None:
        return f"{dates} {verb} {labels}, {where}" if dates else f"{labels} {verb} {where}"
    if many or not only:  # a range: which of its days are outside, as C+N and dates
        return f"{written}: {labels}{f' ({dates})' if dates else ''} {verb} {where}"
    return one_day_said(written, labels, dates, where)


def outside_horizon_said(s: Scenario, day: int, written: str, option: str | None = None) -> str:
    """A day outside ``s``'s horizon as the user wrote it first, then as C+N and as a date.

    ``--day 2026-01-13 is C+8, after the horizon's last day C+7 (2026-01-12)``, as the
    scenario's files say theirs (a tester's ``--day 2026-01-13`` was told "day 8 is
    outside …" first). ``option``: the option the day was given with, said before it.

    >>> from supplyline.planning.examples import one_link
    >>> outside_horizon_said(one_link()[0], -1, "C-1", "--day").split(",")[0]
    '--day C-1 is 2025-02-28'
    """
    said = _outside_horizon(s, [day], start_known=True, written=written)
    return said if option is None else f"{option} {said}"


def one_day_said(written: str, label: str, date: str, where: str) -> str:
    """One day said as written, then as C+N and as a date (what is not what was written).

    >>> one_day_said("27", "C+27", "2026-03-01", "after the horizon's last day C+20")
    "27 is C+27 (2026-03-01), after the horizon's last day C+20"
    >>> one_day_said("C+27", "C+27", "", "after the horizon's last day C+20")
    "C+27 is after the horizon's last day C+20"
    """
    said = [form for form in (label, date) if form and form != written]
    if not said:  # written as C+N with no start date: nothing more to say of the day
        return f"{written} is {where}"
    return f"{written} is {said[0]}{f' ({said[1]})' if len(said) > 1 else ''}, {where}"


def before_start_said(day: int, start: dt.date | None, written: str | None) -> str:
    """A day before day 0 (a cell's, before the scenario is built), said as written first.

    ``2025-05-01 is C-31, before the horizon's first day C+0 (start_date 2025-06-01)``,
    ``-3 is C-3, …``: a tester read the date first whatever the cell said.
    """
    label = day_label(day)
    date = "" if start is None else (start + dt.timedelta(days=day)).isoformat()
    first = "C+0" if start is None else f"C+0 (start_date {start.isoformat()})"
    return one_day_said(written or label, label, date, f"before the horizon's first day {first}")


def _period_day_written(cell: str | None, index: int, periods: int) -> str | None:
    """The day of the ``index``-th activity period as written in its cell.

    ``14`` of ``0:low;14:exercise``; ``None`` where the cell's entries are not the periods
    one for one (the periods keep the order written: their days must increase).
    """
    if cell is None:
        return None
    entries = [e for e in cell.split(";") if e.strip()]
    if len(entries) != periods or ":" not in entries[index]:
        return None
    return entries[index].split(":", 1)[0].strip() or None


def check_days(
    s: Scenario, *, start_known: bool = True, written: WrittenAs | None = None
) -> list[Finding]:
    """Days outside the horizon (errors) and agreements outside the operation (warnings).

    The units' available and required days, their activity periods' first days and the
    links' outage days, each said as ``written`` gives it (the dates first without it).
    """
    said = _nothing_written if written is None else written
    found = _unit_days(s, start_known=start_known, written=said)
    found += _outage_days(s, start_known=start_known, written=said)
    return found + (_agreements_outside(s) if start_known else [])


def _unit_days(s: Scenario, *, start_known: bool, written: WrittenAs) -> list[Finding]:
    """Units' available and required days and activity periods outside the horizon."""
    found: list[Finding] = []
    last = s.horizon_days - 1
    for unit in s.units:
        for fld in ("available_day", "required_day"):
            day = getattr(unit, fld)
            if not 0 <= day <= last:
                message = _outside_horizon(
                    s, [day], start_known=start_known, written=written("unit", unit.id, fld)
                )
                found.append(Finding(entity="unit", entity_id=unit.id, field=fld, message=message))
        cell = written("unit", unit.id, "activity")
        for index, period in enumerate(unit.activity):
            if not 0 <= period.start_day <= last:
                day_text = _period_day_written(cell, index, len(unit.activity))
                found.append(
                    Finding(
                        entity="unit",
                        entity_id=unit.id,
                        field="activity",
                        message=f"the period {period.level!r} from "
                        + _outside_horizon(
                            s, [period.start_day], start_known=start_known, written=day_text
                        ),
                    )
                )
    return found


def _outage_days(s: Scenario, *, start_known: bool, written: WrittenAs) -> list[Finding]:
    """Links' outage days outside the horizon, said after the cell as written."""
    found: list[Finding] = []
    last = s.horizon_days - 1
    for link in s.links:
        days_out = [d for d in link.outage_days if not 0 <= d <= last]
        if not days_out:
            continue
        text = written("link", link.id, "outage_days")
        counted = days_out if text is None else link.outage_days  # what the words are of
        message = _outside_horizon(
            s,
            days_out,
            start_known=start_known,
            written=text,
            only=len(days_out) == len(link.outage_days),
        )
        found.append(
            Finding(
                entity="link",
                entity_id=link.id,
                field="outage_days",
                message=f"outage {'day' if len(counted) == 1 else 'days'} {message}",
            )
        )
    return found


def _agreements_outside(s: Scenario) -> list[Finding]:
    """Agreements valid only before or after the operation (a warning: it may be meant)."""
    end = s.date_of(s.horizon_days - 1)
    return [
        Finding(
            entity="agreement",
            entity_id=ag.id,
            field="valid_from",
            severity=Severity.WARNING,
            message=f"valid {period_words(ag.valid_from, ag.valid_to)}, which misses the "
            f"operation ({period_words(s.start_date, end)}) entirely",
        )
        for ag in s.agreements
        if ag.valid_to < s.start_date or ag.valid_from > end
    ]
