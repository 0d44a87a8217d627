"""Load a scenario folder into a :class:`~supplyline.domain.Scenario`, checking everything.

Every file is read even after another one failed, and every problem is collected, so one
:class:`~supplyline.errors.ScenarioError` lists them all with file, line and column. The
domain's cross-entity findings (dangling references, days outside the horizon, gauges,
reach) are pointed back at the row or key the entity came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

from supplyline.domain import (
    FactorTable,
    Finding,
    Scenario,
    close_matches,
    unknown_reference,
)
from supplyline.domain.checks import CARGO_KIND, cargo_names, check_for_errors
from supplyline.domain.factors import override_key_findings
from supplyline.domain.magnitudes import check_people_sizes, check_rate_sizes
from supplyline.domain.near_ids import searches_bounded
from supplyline.domain.references import searches_note
from supplyline.domain.warning_checks import GatedCheck, every_link_open, run_warning_checks
from supplyline.errors import ArgumentError, Issue, ScenarioError, Severity, require
from supplyline.io._agreements import read_agreements
from supplyline.io._duplicates import Dangling, blame_duplicates, reference_message
from supplyline.io._point_groups import say_point_grouped
from supplyline.io._refused_ids import RefusedIds
from supplyline.io._repeats import check_repeats
from supplyline.io._scenario_yaml import Header, read_scenario_yaml
from supplyline.io._source import LooseRef, Origins, Report, read_text
from supplyline.io._tables import (
    Context,
    read_fleet,
    read_links,
    read_locations,
    read_stocks,
    read_units,
)
from supplyline.io._waiting import (
    Waits,
    broken_parts,
    first_cause,
    say_waits,
    wait_for_unread,
)
from supplyline.io.factors import default_factors
from supplyline.io.file_names import SCENARIO_FILES
from supplyline.io.progress_tenths import Progress, is_big_text
from supplyline.path_errors import input_path, loop_trouble

__all__ = ["SCENARIO_FILES", "load_scenario", "load_scenario_with_warnings"]

OPTIONAL_FILES = frozenset({"stocks.csv", "fleet.csv", "agreements.yaml"})

_FILE_OF_ENTITY = {
    "partner": "scenario.yaml",
    "commodity": "scenario.yaml",
    CARGO_KIND: "scenario.yaml",
    "vehicle class": "scenario.yaml",
    "location": "locations.csv",
    "link": "links.csv",
    "unit": "units.csv",
    "stock": "stocks.csv",
    "fleet": "fleet.csv",
    "agreement": "agreements.yaml",
}


def _sorted(issues: list[Issue]) -> list[Issue]:
    """Issues by file, then line; a file's warnings without a line (what waits) come last."""
    order = {name: i for i, name in enumerate(SCENARIO_FILES)}

    def line(i: Issue) -> float:
        if i.line is None and i.severity is Severity.WARNING:
            return float("inf")
        return i.line or 0

    return sorted(issues, key=lambda i: (order.get(i.file, -1), line(i)))


def _issue_of(finding: Finding, origins: Origins) -> Issue:
    origin = origins.get(finding.entity, finding.entity_id)
    if origin is None:
        return Issue(
            file=_FILE_OF_ENTITY.get(finding.entity, "scenario"),
            message=finding.message,
            column=finding.field,
            severity=finding.severity,
        )
    return Issue(
        file=origin.file,
        message=finding.message,
        line=origin.line_of(finding.field),
        column=origin.column(finding.field),
        severity=finding.severity,
    )


def _check_rates(s: Scenario, factors: FactorTable, report: Report, origins: Origins) -> None:
    """Every rate written as a key names a known factor, in a unit that fits.

    The rates are scenario.yaml's, of every entry, built or not
    (:class:`~supplyline.io._source.RateKey`). An override that a misspelt rate key is
    offered is not also told that nothing names it: the rate's error says what was meant.
    """
    known = set(factors)
    used: set[str] = set()
    offered: set[str] = set()
    for rated in report.rate_keys:
        rate = rated.key
        if rate in report.failed_ids:
            continue  # a planning_factors key already reported as bad
        used.add(rate)
        where = (rated.line, rated.column)
        if rate not in known:
            close = close_matches(rate, known, n=4, cutoff=0.6)  # keys are long and alike
            offered.update(close)
            hint = (
                f"known keys like it: {', '.join(close)}" if close else "see `supplyline factors`"
            )
            report.error(
                "scenario.yaml", f"{rate!r} is not a planning factor ({hint}; or a number)", *where
            )
            continue
        have, want_unit = factors[rate].unit, rated.unit
        if want_unit and have and have.replace(" ", "").lower() != want_unit.lower():
            report.warning(
                "scenario.yaml",
                f"factor {rate!r} is in {have}, but this rate is in {want_unit} "
                "(check that the commodity's demand_unit matches the factor)",
                *where,
            )
    _check_override_keys(s, used, offered, report, origins)


def _check_override_keys(
    s: Scenario, used: set[str], offered: set[str], report: Report, origins: Origins
) -> None:
    """Every override key is a default factor or named by a rate; else it changes nothing.

    The check is the domain's (:func:`~supplyline.domain.factors.override_key_findings`),
    which ``compute_requirements`` and ``plan_movements`` run on a scenario built in
    Python; here its findings are located at their keys in scenario.yaml. A key offered
    to a misspelt rate (``offered``) is not warned of: that rate's error names it.
    """
    overrides = origins.get("planning_factors", "planning_factors")
    for found in override_key_findings(s.factor_overrides, used, default_factors()):
        key = found.entity_id
        if found.severity is Severity.WARNING and key in offered:
            continue
        line = None if overrides is None else overrides.line_of(key)
        say = report.error if found.severity is Severity.ERROR else report.warning
        say("scenario.yaml", found.message, line, f"planning_factors.{key}")


ScenarioCheck = GatedCheck
"""A further check of a loaded scenario, from a layer beside this one (the planner's
arrival days), with what it reads whole: the loader runs it where that lost no row to an
error, and locates its findings like its own."""


def load_scenario_with_warnings(
    path: str | Path, checks: Sequence[ScenarioCheck] = (), progress: Progress | None = None
) -> tuple[Scenario, list[Issue]]:
    """Read and check a scenario folder; return it with the warnings found.

    ``checks`` run on a scenario without errors, after the domain's own; a finding about
    a unit the domain already said cannot deploy is left out (it says the same thing
    twice). ``progress`` hears the stages of a big folder (a file of a megabyte or more
    read, every tenth of a big table's rows, the checks): 200,000 links took a minute
    with nothing said. A small folder, read in a blink, says nothing.

    Raises
    ------
    ScenarioError
        With every problem found (errors and any warnings), when there is at least one error.
    ArgumentError
        For an empty path (``''`` read the current folder), in the CLI's words.

    Examples
    --------
    >>> scenario, warnings = load_scenario_with_warnings("examples/relief-operation")
    >>> scenario.name, [str(w) for w in warnings]
    ('Earthquake relief (fictional)', [])
    """
    require(path, (str, os.PathLike), "the scenario folder")
    if not str(path).strip():  # Path("") is the current folder: a tester's '' read it
        raise ArgumentError(
            f"{str(path)!r} is empty: give a scenario folder (. is the current folder)"
        )
    folder = Path(path)
    with input_path(path):  # a name past 255 bytes raised a bare OSError
        is_folder, exists, loop = folder.is_dir(), folder.exists(), loop_trouble(folder, "folder")
    if loop is not None:  # exists() is False for a loop: it was "does not exist"
        raise ScenarioError([Issue(file=str(path), message=loop)])
    if not is_folder:
        what = "does not exist" if not exists else "is not a folder"
        raise ScenarioError(
            [
                Issue(
                    file=str(path),
                    message=f"{what} (give the scenario folder, with scenario.yaml in it)",
                )
            ]
        )
    report, origins = Report(), Origins()
    with input_path(path):  # a folder without search permission: its files cannot be looked at
        texts = {
            name: read_text(folder, name, report, required=name not in OPTIONAL_FILES)
            for name in SCENARIO_FILES
        }
    big = progress is not None and is_big_text(*texts.values())
    say = progress if big else None

    def reading(name: str) -> Progress | None:
        """Name the reading of a big file as a stage; the progress its rows are told to."""
        if say is not None and is_big_text(texts[name]):
            say(f"reading {name}")
        return say

    reading("scenario.yaml")
    head = read_scenario_yaml(texts["scenario.yaml"], report, origins)
    ctx = Context(
        start_date=head.start_date if head else None,
        vehicle_classes=head.vehicle_class_ids if head else None,
    )
    locations = (
        read_locations(texts["locations.csv"], report, origins, reading("locations.csv"))
        if texts["locations.csv"] is not None
        else []
    )
    links = (
        read_links(texts["links.csv"], report, origins, ctx, reading("links.csv"))
        if texts["links.csv"] is not None
        else []
    )
    units = (
        read_units(texts["units.csv"], report, origins, ctx, reading("units.csv"))
        if texts["units.csv"] is not None
        else []
    )
    headed_only = not any(i.file == "units.csv" for i in report.issues) and not any(
        file == "units.csv" for file, _, _ in report.uncounted
    )  # no error of its own, and no row waiting for a start date
    if texts["units.csv"] is not None and not units and headed_only:
        report.warning(
            "units.csv",
            "no units: there is nothing to deploy or sustain (one row per unit under the header)",
        )
    stocks = (
        read_stocks(texts["stocks.csv"], report, origins, reading("stocks.csv"))
        if texts["stocks.csv"] is not None
        else []
    )
    fleet = (
        read_fleet(texts["fleet.csv"], report, origins, reading("fleet.csv"))
        if texts["fleet.csv"] is not None
        else []
    )
    agreements = read_agreements(texts["agreements.yaml"], report, origins)
    say_point_grouped(report.point_grouped, report)  # before the checks they may explain
    if head is None:  # its errors are said: the CSV files are still checked among themselves
        report.unusable.add("scenario.yaml")
        head = Header()
    scenario = Scenario(
        name=head.name,
        description=head.description,
        start_date=head.start_date or _STAND_IN_START,
        horizon_days=head.horizon_days or 1,
        partners=tuple(head.partners),
        commodities=tuple(head.commodities),
        vehicle_classes=tuple(head.vehicle_classes),
        activity_levels=head.activity_levels,
        factor_overrides=head.factor_overrides,
        solver=head.solver,
        routing=head.routing,
        locations=tuple(locations),
        links=tuple(links),
        units=tuple(units),
        stocks=tuple(stocks),
        fleet=tuple(fleet),
        agreements=tuple(agreements),
    )
    known = _DaysKnown(start=head.start_date is not None, horizon=head.horizon_days is not None)
    if say is not None:
        say("checking the scenario (references, ranges, reach)")
    # a wrong start_date or horizon_days stops the load, but not the checks that do not
    # need it: a tester's '21d' hid every reference error of the CSV files
    # 5,000 misspelt ids among 5,000 took minutes searched in full
    with searches_bounded() as budget:
        waits = _cross_check(scenario, report, origins, checks, known)
        check_repeats(  # a repeated row is told all a row of a new id would be, at its line
            scenario,
            report,
            origins,
            lambda variant, scratch, stand_in, said: _cross_check(
                variant, scratch, stand_in, checks, known, refs_said=said
            ),
        )
    say_waits(head, report, waits)
    issues = _sorted(report.issues)
    if report.has_errors:
        raise _fail(issues, searches_note(budget))
    return scenario, [i for i in issues if i.severity is Severity.WARNING]


_STAND_IN_START = dt.date(2000, 1, 1)
"""The start of a scenario whose start_date is wrong, built only to check what needs no
date (ids, references, numbers): the load fails on the start_date's error anyway."""


@dataclasses.dataclass(frozen=True, slots=True)
class _DaysKnown:
    """Whether scenario.yaml's start_date and horizon_days could be read."""

    start: bool = True
    horizon: bool = True


def _cross_check(
    scenario: Scenario,
    report: Report,
    origins: Origins,
    checks: Sequence[ScenarioCheck] = (),
    known: _DaysKnown = _DaysKnown(),
    *,
    refs_said: frozenset[tuple[str, str]] = frozenset(),
) -> Waits:
    """Add the domain's cross-entity findings and the factor-key checks to ``report``.

    When some rows already failed, the scenario is partial: references to the ids of those
    rows are not reported as dangling, and a check that only warns runs where what it reads
    lost no row (a tester's stocks.csv error hid a link's distance warning): the others
    wait, and the :class:`~supplyline.io._waiting.Waits` returned say which, for what.
    When a whole file could not be read, only the checks that need it wait: a tester's
    Latin-1 locations.csv hid a factor key's typo in scenario.yaml, though the key has
    nothing to do with places.

    ``refs_said``: the (entity, id) whose references are said already, as a row left out's
    (a repeated row standing in its id's place: :mod:`supplyline.io._repeats`).
    """
    waits = wait_for_unread(report)
    if "commodity" in report.incomplete:  # a fleet's carries may name the commodity lost
        report.incomplete.add(CARGO_KIND)
    had_errors = report.has_errors
    found = check_for_errors(
        scenario, horizon_known=known.horizon, start_known=known.start, written=origins.written
    )
    # a reference to a row lost to its own error leaves its row whole (a stock of a
    # commodity with a wrong density is still on hand): only the row's own errors count
    errors = [f for f in found if f.severity is Severity.ERROR and not _follows(f, report)]
    broken = broken_parts(report, errors, _FILE_OF_ENTITY, horizon_known=known.horizon)
    # a wrong horizon: every link counted open, so what cannot be reached even so is said
    whole_days = scenario if known.horizon else every_link_open(scenario)
    warned, waited = run_warning_checks(whole_days, broken)
    for check in waited:
        waits.add(first_cause(check.reads, broken), check.what)
    faulty = {(f.entity, f.entity_id) for f in errors}
    found += [f for f in warned if (f.entity, f.entity_id) not in faulty]
    kept = [
        f
        for f in found
        if not (had_errors and _follows(f, report))
        and not _copied(f, found, origins)
        and not (f.ref_kind and (f.entity, f.entity_id) in refs_said)
    ]
    loose = _loose_refs_unknown(scenario, report)
    refused = RefusedIds(report.refused, _FILE_OF_ENTITY)
    words = _ReferenceWords(
        _loaded_ids(scenario),
        report,
        {(f.ref_kind, f.ref_id) for f in kept if f.ref_kind} | {(r.kind, r.ref) for r in loose},
        refused,
    )
    for finding in kept:
        issue = _issue_of(_offering_broken(finding, words), origins)
        if finding.ref_kind and refused.absorbs(
            issue.file, issue.line, finding.ref_kind, finding.ref_id
        ):
            continue
        report.issues.append(issue)
        if finding.ref_kind:
            words.said(issue, finding.ref_kind, finding.ref_id)
    for r in loose:
        if refused.absorbs(r.file, r.line, r.kind, r.ref):
            continue
        report.error(r.file, words(r.entity, r.entity_id, r.kind, r.ref), r.line, r.column)
        words.said(report.issues[-1], r.kind, r.ref)
    blame_duplicates(report.issues, report.duplicates, words.blamed)
    refused.blame(report.issues)
    factors = default_factors().with_overrides(scenario.factor_overrides)
    _check_rates(scenario, factors, report, origins)
    sizes = check_rate_sizes(scenario, default_factors(), scenario.factor_overrides)
    report.issues += [_issue_of(f, origins) for f in sizes + check_people_sizes(scenario)]
    for cause, what in _further_checks(scenario, report, origins, checks, found, known.horizon):
        waits.add(cause, what)
    return waits


def _further_checks(
    scenario: Scenario,
    report: Report,
    origins: Origins,
    checks: Sequence[ScenarioCheck],
    found: list[Finding],
    horizon_known: bool,
) -> list[tuple[str, str]]:
    """Run the loader's further checks (the arrival days) where what they read is whole.

    Only "cannot deploy" is said again by the arrival checks: a unit that cannot be
    supplied still gets its lateness (a tester's no-stock scenario hid all of them); an
    error is never left out (a demand past counting of a unit that cannot deploy). A unit
    with an error of its own is left out. Returns what waits, and for what.
    """
    errors = [f for f in found if f.severity is Severity.ERROR and not _follows(f, report)]
    broken = broken_parts(report, errors, _FILE_OF_ENTITY, horizon_known=horizon_known)
    faulty = {f.entity_id for f in errors if f.entity == "unit"} | _units_of_lost_levels(scenario)
    sound = dataclasses.replace(  # a unit's unknown activity level is a KeyError to them
        scenario, units=tuple(u for u in scenario.units if u.id not in faulty)
    )
    ran, waited = run_warning_checks(sound, broken, checks)
    warned = {(f.entity, f.entity_id) for f in found if f.about_deploying}
    report.issues += [
        _issue_of(f, origins)
        for f in ran
        if f.severity is Severity.ERROR or (f.entity, f.entity_id) not in warned
    ]
    return [(first_cause(check.reads, broken), check.what) for check in waited]


def _units_of_lost_levels(scenario: Scenario) -> set[str]:
    """The units that name an activity level the load lost to an error of its own.

    The level's error (``exercise: -1.8 is negative``) is said on its line, and a unit
    naming it is not blamed again; but the arrival checks read the level's number, and
    a unit naming it made every command but the API's load a ``KeyError`` traceback.
    """
    levels = scenario.activity_levels
    return {u.id for u in scenario.units if any(p.level not in levels for p in u.activity)}


def _loaded_ids(scenario: Scenario) -> dict[str, frozenset[str]]:
    """The ids a reference may name, by kind, as loaded (frozen: looked up once, not each time)."""
    return {
        "partner": frozenset(scenario.partner_by_id),
        "location": frozenset(scenario.location_by_id),
        "commodity": frozenset(scenario.commodity_by_id),
        CARGO_KIND: frozenset(cargo_names(scenario)),
        "vehicle class": frozenset(v.id for v in scenario.vehicle_classes),
        "activity level": frozenset(scenario.activity_levels),
    }


def _failed_of(kind: str, report: Report) -> set[str]:
    """The ids of rows with errors in the file that lists ``kind`` (all, if not known)."""
    file = _FILE_OF_ENTITY.get(kind)
    return report.failed_ids if file is None else report.failed_in.get(file, set())


def _loose_refs_unknown(scenario: Scenario, report: Report) -> list[LooseRef]:
    """The references of rows that could not be built to ids that were not loaded.

    A reference to a kind whose list lost an entry of unknown id, or to an id whose own
    row had an error, may be meant for that entry and is not among them.
    """
    known = _loaded_ids(scenario)
    return [
        r
        for r in report.loose_refs
        if not (r.kind in report.incomplete or r.ref in report.failed_ids or r.ref in known[r.kind])
    ]


@dataclasses.dataclass
class _ReferenceWords:
    """The words for the references to unknown ids of one load.

    Where rows of the kind were left out for repeating an id, the repeat is named (see
    :mod:`supplyline.io._duplicates`), and the references so worded are kept in
    ``blamed`` for the repeated rows' own errors to name.
    """

    known: dict[str, frozenset[str]]
    report: Report
    unknown: set[tuple[str, str]]
    """Every (kind, id) referred to and not loaded, in this load."""
    refused: RefusedIds
    """The rows whose ids were refused: named where no id of their kind loaded."""
    blamed: list[Dangling] = dataclasses.field(default_factory=list)

    def __call__(self, entity: str, entity_id: str | None, kind: str, ref: str) -> str:
        """The message of one reference to an unknown id."""
        broken = _failed_of(kind, self.report)
        repeated = [d for d in self.report.duplicates if d.kind == kind]
        none_known = self.refused.none_known(kind)
        if not repeated:
            return unknown_reference(
                entity, entity_id, kind, ref, self.known[kind], broken=broken, none_known=none_known
            )
        who = f"{entity} {entity_id!r}" if entity_id is not None else f"this {entity}"
        unknown_ids = {r for k, r in self.unknown if k == kind}
        likely = len(unknown_ids) <= len({d.id for d in repeated})
        return reference_message(
            who,
            kind,
            ref,
            self.known[kind],
            repeated,
            likely=likely,
            broken=broken,
            none_known=none_known,
        )

    def said(self, issue: Issue, kind: str, ref: str) -> None:
        """Keep a reference's issue for the repeated rows of its kind, if there are any."""
        if any(d.kind == kind for d in self.report.duplicates):
            self.blamed.append(Dangling(issue.file, issue.line, kind, ref))


def _offering_broken(finding: Finding, words: _ReferenceWords) -> Finding:
    """A dangling reference's finding that also offers the ids of rows with errors.

    The domain's checks see only what loaded: a tester's ``yrad`` was offered nothing, and
    ``fod`` was told "known: none", because the rows of ``yard`` and ``food`` had errors;
    where no id of the kind loaded, the rows whose ids were refused are named instead.
    """
    report = words.report
    broken_or_repeated = report.failed_ids or report.duplicates or report.refused
    if not broken_or_repeated or finding.ref_kind not in words.known:
        return finding
    message = words(finding.entity, finding.entity_id, finding.ref_kind, finding.ref_id)
    return dataclasses.replace(finding, message=message)


_QUOTED_ID = re.compile(r"'([^'\s]+)'")


def _follows(finding: Finding, report: Report) -> bool:
    """Whether a finding only follows from an error already reported (so it is left out).

    A reference to an id whose entry had an error, or to any id of a kind whose list is
    empty or lost an entry of unknown id, follows from that error; so does any finding that
    quotes the id of a failed row.
    """
    if finding.ref_kind and (
        finding.ref_kind in report.incomplete or finding.ref_id in report.failed_ids
    ):
        return True
    return not report.failed_ids.isdisjoint(_QUOTED_ID.findall(finding.message))


def _copied(finding: Finding, found: list[Finding], origins: Origins) -> bool:
    """Whether a finding is on an empty field copied from one that has a finding itself.

    A tester's ``available_day`` 99999 with ``required_day`` left empty (so the same day)
    was told twice, the second time on a cell with nothing in it.
    """
    origin = origins.get(finding.entity, finding.entity_id)
    source = origin.copies.get(finding.field) if origin is not None else None
    return source is not None and any(
        (f.entity, f.entity_id, f.field) == (finding.entity, finding.entity_id, source)
        for f in found
    )


def _fail(issues: list[Issue], note: str | None) -> ScenarioError:
    """The error of a failed load: every issue (the faces decide how many to show).

    ``note``: what the summary adds, said once after the issues (where the searches for
    ids like unknown ones stopped, :func:`~supplyline.domain.references.searches_note`).
    """
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    said = f"{errors:,} error(s) in the input" + (f" ({note})" if note else "")
    return ScenarioError(issues, summary=said)


def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario folder (warnings are dropped; see ``load_scenario_with_warnings``).

    >>> load_scenario("examples/bilateral-exercise").horizon_days
    35
    """
    return load_scenario_with_warnings(path)[0]
