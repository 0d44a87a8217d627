"""Reading a scenario file's bytes as text, and collecting every problem with its place.

:class:`Report` gathers issues from all files of a load so that they are reported
together; :class:`Origins` remembers where every entity came from so that the domain's
cross-entity findings can be pointed back at a file, line and column; :class:`Fields`
parses the fields of one record (a CSV row or a YAML mapping), turning each bad value into
an issue instead of stopping.
"""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supplyline.errors import Issue, Severity
from supplyline.io._cells import BadValue, is_blank
from supplyline.io._csv_places import column_at_end, column_name
from supplyline.io._day_cells import NeedsStart
from supplyline.io._duplicates import DuplicateRow, Repeat
from supplyline.io._point_groups import PointGroupedCell, point_grouped_cell
from supplyline.io._refused_ids import RefusedId

__all__ = [
    "DAYS_WRITTEN",
    "MAX_FILE_BYTES",
    "REQUIRED",
    "Fields",
    "Origin",
    "Origins",
    "RateKey",
    "Report",
    "read_text",
]

DAYS_WRITTEN = frozenset({"available_day", "required_day", "activity", "outage_days"})
"""The fields whose text :class:`Fields` keeps as written (:attr:`Origin.written`): the
days a check against the horizon says, the user's words first."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""No scenario file may be larger than this (64 MiB); bigger ones are a mistake."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""Marks a field that has no default."""


@dataclass(frozen=True, slots=True)
class LooseRef:
    """A reference to another entity by a row that could not be built."""

    file: str
    line: int
    column: str
    entity: str
    """What the row is (``"unit"``…), and its id if it had a usable one."""
    entity_id: str | None
    kind: str
    """What is referred to: ``"partner"``, ``"location"`` or ``"commodity"``."""
    ref: str


@dataclass(frozen=True, slots=True)
class RateKey:
    """A rate that scenario.yaml writes as a planning-factor key, and where.

    Kept for every entry, whether it was built or had an error, and checked against the
    factor table once the overrides are read: a tester's misspelt fuel key was said only
    after the negative ``km_per_day`` beside it was mended.
    """

    line: int
    column: str
    key: str
    unit: str | None
    """The unit the factor should be in (``kg/person/day``); ``None``: not judged."""


@dataclass
class Report:
    """Every issue found so far during one load, in the order found."""

    issues: list[Issue] = field(default_factory=list)
    unusable: set[str] = field(default_factory=set)
    """Files that could not be read as a whole (so cross-file checks would mislead)."""
    failed_ids: set[str] = field(default_factory=set)
    """Ids of records that had an error (so references to them are not reported as dangling)."""
    failed_in: dict[str, set[str]] = field(default_factory=dict)
    """The same ids by the file their rows are in, so that a dangling reference is offered
    the broken rows of its own kind only: a tester's link to an unknown location ``UU`` was
    asked "did you mean 'U' or 'u2' (which has an error of its own)?", ``u2`` a unit."""
    loose_refs: list[LooseRef] = field(default_factory=list)
    """References made by rows that had an error (so were not built): checked once every
    file is read, so that one row's mistakes are all said in one run."""
    rate_keys: list[RateKey] = field(default_factory=list)
    """The rates scenario.yaml names by factor key, of entries built or not."""
    uncounted: list[tuple[str, int, str]] = field(default_factory=list)
    """Cells (file, line, column) that give a real date while the start date is unknown:
    their rows wait, without an error of their own, until start_date is mended."""
    duplicates: list[DuplicateRow] = field(default_factory=list)
    """Rows left out because their id repeats an earlier row's: references to unknown ids
    of their kind are likely meant for them."""
    repeats: list[Repeat] = field(default_factory=list)
    """The repeated CSV rows that could be built: checked as they would be were they not
    repeated, once the scenario is whole (:mod:`supplyline.io._repeats`)."""
    rejoined: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    """Cells an unquoted comma had split, read joined again: (file, line): (column, how the
    row was split, in words), said after that cell's own error."""
    refused: list[RefusedId] = field(default_factory=list)
    """CSV rows whose id cell was refused (``base a``): a reference to an id close to one
    follows from it (see :mod:`supplyline.io._refused_ids`)."""
    point_grouped: list[PointGroupedCell] = field(default_factory=list)
    """Cells read as decimals whose point may group thousands (``1.200``): warned once the
    files are read, grouped by file (:mod:`supplyline.io._point_groups`)."""
    incomplete: set[str] = field(default_factory=set)
    """Kinds of entity (``"commodity"``, ``"vehicle class"``…) whose list is empty or lost an
    entry whose id is unusable or repeated: any reference to an unknown id of such a kind may
    be meant for that entry, so none is reported as dangling."""

    def failed(self, file: str, record_id: str) -> None:
        """Note that the row of ``record_id`` in ``file`` had an error (it was not loaded)."""
        self.failed_ids.add(record_id)
        self.failed_in.setdefault(file, set()).add(record_id)

    def error(
        self, file: str, message: str, line: int | None = None, column: str | None = None
    ) -> None:
        """Record an error (the load will fail)."""
        self.issues.append(Issue(file=file, message=message, line=line, column=column))

    def warning(
        self, file: str, message: str, line: int | None = None, column: str | None = None
    ) -> None:
        """Record a warning (the load still succeeds)."""
        self.issues.append(
            Issue(file=file, message=message, line=line, column=column, severity=Severity.WARNING)
        )

    @property
    def has_errors(self) -> bool:
        """Whether any error (not only warnings) was recorded."""
        return any(i.severity is Severity.ERROR for i in self.issues)


@dataclass
class Origin:
    """Where one entity was read: its file and line, and the column/line of each field."""

    file: str
    line: int
    prefix: str = ""
    """Prefix of a YAML key path (``commodities[2].``); empty for CSV rows."""
    field_lines: dict[str, int] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)
    """Fields left empty whose default is another field's value (``required_day`` is
    ``available_day``): a finding on the copy is one already said on the field it copies."""
    written: dict[str, str] = field(default_factory=dict)
    """The day fields (:data:`DAYS_WRITTEN`) as the file wrote them, so that a day outside
    the horizon is said first as written (``C+3-C+14``), then as C+N and as dates."""

    def column(self, name: str) -> str:
        """The column label of a field, as an Issue shows it."""
        return f"{self.prefix}{name}"

    def line_of(self, name: str) -> int:
        """The line of a field (YAML keys have their own line), else the record's line."""
        return self.field_lines.get(name, self.line)


@dataclass
class Origins:
    """Origins of entities by ``(entity kind, id)``, the pair a domain Finding names."""

    by_key: dict[tuple[str, str], Origin] = field(default_factory=dict)

    def add(self, entity: str, entity_id: str, origin: Origin) -> None:
        """Remember where an entity came from (the first one wins, as for duplicates)."""
        self.by_key.setdefault((entity, entity_id), origin)

    def get(self, entity: str, entity_id: str) -> Origin | None:
        """The origin of an entity, if it was read from a file."""
        return self.by_key.get((entity, entity_id))

    def written(self, entity: str, entity_id: str, name: str) -> str | None:
        """A day field as its file wrote it; ``None`` if not read, or not a day field."""
        origin = self.by_key.get((entity, entity_id))
        return None if origin is None else origin.written.get(name)


class Fields:
    """Parse the fields of one record, recording each bad value as an issue.

    After all fields are taken, ``ok`` says whether the record can be built.
    """

    def __init__(self, report: Report, origin: Origin) -> None:
        self.report = report
        self.origin = origin
        self.ok = True
        self.record_id: str | None = None
        self.reported: set[str] = set()
        """Fields whose absence is already reported (required keys of a YAML mapping)."""
        self.faulty: set[str] = set()
        """Fields with an error of their own: a rule across fields does not judge them."""

    def fail(self, column: str, message: str, line: int | None = None) -> None:
        """Record an error about one field of this record."""
        self.ok = False
        self.faulty.add(column)
        if self.record_id is not None:
            self.report.failed(self.origin.file, self.record_id)
        self.report.error(
            self.origin.file,
            message,
            line if line is not None else self.origin.line_of(column),
            self.origin.column(column),
        )

    def said(self) -> None:
        """A field's problem is said already (elsewhere, once): the record is not built."""
        self.ok = False
        if self.record_id is not None:
            self.report.failed(self.origin.file, self.record_id)

    def take(
        self,
        column: str,
        raw: Any,
        parse: Callable[[Any], Any],
        default: Any = REQUIRED,
        *,
        hint: str = "",
    ) -> Any:
        """The parsed value of a field; its default when blank; ``None`` after an issue."""
        if is_blank(raw):
            if default is REQUIRED and raw is None and column in self.reported:
                self.said()  # "required key ... is missing"
                return None
            if default is REQUIRED:
                self.fail(column, f"value is missing{f' ({hint})' if hint else ''}")
                return None
            return default
        if column in DAYS_WRITTEN and isinstance(raw, str):
            self.origin.written[column] = raw.strip()
        try:
            value = parse(raw)
        except NeedsStart:  # not this cell's mistake: said once for the file (the loader)
            self.said()
            self.report.uncounted.append((self.origin.file, self.origin.line, column))
            return None
        except BadValue as bad:
            split = self.report.rejoined.get((self.origin.file, self.origin.line))
            self.fail(column, str(bad) + (f" — {split[1]}" if split and split[0] == column else ""))
            if column == "id" and isinstance(raw, str) and self.origin.file.endswith(".csv"):
                at = len(self.report.issues) - 1
                self.report.refused.append(
                    RefusedId(self.origin.file, self.origin.line, raw.strip(), issue_at=at)
                )
            return None
        self._note_point_grouped(column, raw, value, parse)
        if column == "id" and isinstance(value, str):
            self.record_id = value
            if not self.ok:
                self.report.failed(self.origin.file, value)
        return value

    def _note_point_grouped(
        self, column: str, raw: Any, value: Any, parse: Callable[[Any], Any]
    ) -> None:
        """Keep a cell read as a decimal whose point may group thousands, for a warning."""
        if not isinstance(value, float) or not isinstance(raw, str) or "." not in raw:
            return  # most cells: before any other work
        where = self.origin.line_of(column), self.origin.column(column)
        cell = point_grouped_cell(self.origin.file, *where, raw, value, parse)
        if cell is not None:
            self.report.point_grouped.append(cell)


def read_text(folder: Path, name: str, report: Report, *, required: bool) -> str | None:
    """The text of ``folder/name`` as UTF-8 (a BOM is fine), or ``None`` after an issue.

    A missing optional file is ``None`` without an issue.
    """
    path = folder / name
    if path.is_symlink() and not path.exists():  # a broken link is a mistake, wanted or not
        report.error(name, _broken_link(path))
        report.unusable.add(name)
        return None
    if not path.exists():
        if required:
            report.error(name, f"file is missing (every scenario folder needs {name})")
            report.unusable.add(name)
        return None
    text = _read(path, name, report)
    if text is None:
        report.unusable.add(name)
    return text


def _broken_link(path: Path) -> str:
    """Why a link leads to no file: its target is missing, or the links lead round in a loop.

    A tester's units.csv linked to itself was told it was "a link to units.csv, which does
    not exist", which it does.
    """
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return (
                f"is a link to {os.readlink(path)} in a loop of links that never reaches a "
                "file (make it a plain file, or a link to one)"
            )
    return f"is a link to {os.readlink(path)}, which does not exist"


def _read(path: Path, name: str, report: Report) -> str | None:
    if not path.is_file():
        report.error(name, "is not a file (a scenario needs a plain file of this name)")
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.error(name, f"file is {size:,} bytes (at most {MAX_FILE_BYTES:,} are read)")
            return None
        data = path.read_bytes()
    except OSError as error:
        report.error(name, f"cannot be read: {error.strerror or error}")
        return None
    return decode(data, name, report)


def _csv_column(before: bytes, name: str) -> str | None:
    """The column of a CSV file the byte after ``before`` is in; ``None`` for other files.

    A tester's Latin-1 ``é`` was said at its line only, the column left to count.
    """
    if not name.endswith(".csv"):
        return None
    place = column_at_end(before.decode("utf-8-sig"))  # valid UTF-8: the error is past it
    return None if place is None else column_name(*place)


def decode(data: bytes, name: str, report: Report) -> str | None:
    """Bytes as UTF-8 text with line ends unchanged, or ``None`` after an issue."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        report.error(name, f"file is UTF-16 text (save it as UTF-8{_saved_as_utf8(name)})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.error(
            name,
            f"byte 0x{data[error.start]:02x} is not UTF-8 text (save the file as UTF-8; "
            "it may be Latin-1/Windows-1252 or a binary file)",
            line,
            _csv_column(data[: error.start], name),
        )
        return None
    nul = text.find("\x00")
    if nul >= 0:
        report.error(
            name,
            "file contains NUL characters (it looks binary: save it as plain UTF-8 text)",
            text[:nul].count("\n") + 1,
        )
        return None
    return text


def _saved_as_utf8(name: str) -> str:
    """Where a file of this kind is saved as UTF-8: a spreadsheet's CSV, or a text editor.

    A tester's UTF-16 scenario.yaml was told to save as 'CSV UTF-8', a spreadsheet's word.

    >>> _saved_as_utf8("scenario.yaml")
    ': in a text editor, choose the encoding UTF-8 on saving'
    """
    if name.lower().endswith(".csv"):
        return ", e.g. 'CSV UTF-8' in a spreadsheet"
    return ": in a text editor, choose the encoding UTF-8 on saving"
