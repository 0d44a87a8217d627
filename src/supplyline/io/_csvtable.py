"""A CSV table read into rows of named cells, each with the line it starts on.

Lines whose first cell starts with ``#`` are comments, and blank lines are skipped, so
that a template can explain itself and a planner can leave gaps; a line of invisible
characters only is skipped with a warning that names them (:mod:`._invisible_lines`).
The first other line is the header; its column names are matched case-insensitively
against the known ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from supplyline.domain.references import did_you_mean
from supplyline.io._cells import show
from supplyline.io._csv_places import (
    EXCEL_SEP,
    column_name,
    long_column,
    quote_slip,
    unclosed_quote,
)
from supplyline.io._invisible_lines import invisible_line
from supplyline.io._list_cells import LISTED, list_comma
from supplyline.io._source import Report
from supplyline.io._split_cells import rejoin
from supplyline.io.csv_out import unguarded

__all__ = ["Row", "Table", "read_table"]

CELL_LIMIT = 1024 * 1024
csv.field_size_limit(CELL_LIMIT)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based first line in the file and its cells by column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        """The cell of a column, ``None`` when the column or cell is absent."""
        return self.cells.get(column)


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a CSV file, with the header's line and the columns it had."""

    header_line: int
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    dropped: int = 0
    """Data rows left out for an error of their shape (too many cells): the file is not
    without rows, and must not be told so."""


SAVE_WITH_COMMAS = (
    "save it with commas and decimal points: in LibreOffice, Save As 'Text CSV', tick "
    "'Edit filter settings' and set the field delimiter to ','; in Excel, untick File > "
    "Options > Advanced > 'Use system separators' and set the decimal separator to '.' "
    "before saving as 'CSV UTF-8 (Comma delimited)'"
)
"""How to save a CSV with commas. Excel writes its region's list separator, ';' where the
decimal separator is a comma, even under 'CSV (Comma delimited)': a tester in a European
locale was told to save as that and got semicolons again. With '.' as its decimal
separator Excel writes ','; LibreOffice asks for the delimiter outright."""


def _without_sep_line(text: str, file: str, report: Report) -> str | None:
    """``text`` with an Excel ``sep=,`` first line blanked (and a warning), or ``None``.

    ``sep=,`` is not CSV: read as the header, it gave six errors (an unknown column
    'sep=', a column without a name, each required column missing). With a comma it only
    says what the file already is, so it is skipped with a warning (other programs, pandas
    or QGIS, read it as the header: removing it is better). Any other separator is one
    error, as a header separated by semicolons is. The line stays, blank, so that line
    numbers are the editor's.
    """
    first, newline, rest = text.partition("\n")
    hint = EXCEL_SEP.fullmatch(first.rstrip("\r"))
    if hint is None:
        return text
    sep = hint.group(1)
    if sep == ",":
        report.warning(
            file,
            f"the first line {show(first.strip())} is a hint for Excel, not CSV: it is skipped "
            "(remove it; other programs read it as the header)",
            1,
        )
        return newline + rest
    name = dict(_OTHER_DELIMITERS).get(sep, repr(sep))
    report.error(
        file,
        f"the first line {show(first.strip())} says the file is separated by {name}, but "
        f"{file} must be comma-separated (remove the sep= line, and {SAVE_WITH_COMMAS})",
        1,
    )
    return None


_HOW_QUOTED = (
    'a cell with a comma, quote or line break is written "like ""this"", with doubled quotes inside'
)


def _records(text: str, file: str, report: Report) -> _Records | None:
    """The records of ``text`` that are not comments or blank, each with its first line.

    ``None`` where the file cannot be read (the error said). A record whose quote closes
    before its cell ends is an error of its own, and the other records are read: a
    tester's ``"U" two`` on line 3 hid line 2's negative personnel and every other error.
    """
    text_or_none = _without_sep_line(text, file, report)
    if text_or_none is None:
        return None
    text = text_or_none
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    read = _Records([])
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return read
        except csv.Error as error:
            if not _skipped(str(error), text, line, reader.line_num or line, read, file, report):
                return None
            line = reader.line_num + 1
            continue
        if record and any(c.strip() for c in record) and not record[0].lstrip().startswith("#"):
            if (invisible := invisible_line(record)) is not None:  # a trailing Ctrl+Z
                report.warning(file, invisible, line)
            else:  # a text supplyline wrote with a guard against spreadsheet formulas
                read.records.append((line, [unguarded(cell) for cell in record]))
        line = reader.line_num + 1


@dataclass(slots=True)
class _Records:
    """The records read from a CSV text, and how many were left out for their quotes."""

    records: list[tuple[int, list[str]]]
    skipped: int = 0


def _skipped(
    error: str, text: str, line: int, end: int, read: _Records, file: str, report: Report
) -> bool:
    """Say why the record from ``line`` to ``end`` cannot be read; whether the rest can be.

    Only a cell whose quote closes before the cell ends, after the header, leaves the rest
    of the file readable: csv goes on at the next line. A quote never closed took the rest
    of the file into its cell, and a cell past the limit or a file separated by semicolons
    is no one row's mistake.
    """
    out = read.records
    header = out[0][1] if out else None
    lines = text.splitlines(keepends=True)
    if "field larger than field limit" in error:  # not the quotes' fault
        report.error(
            file,
            f"a cell is longer than {CELL_LIMIT:,} characters (a cell holds one value: an "
            "id, a number, a name)",
            end,
            long_column(text, line, header, CELL_LIMIT),
        )
    elif "unexpected end of data" in error:  # the quote opened on the record's first line
        opened = unclosed_quote(lines[line - 1] if line <= len(lines) else "")
        report.error(file, f"a quote opened here{opened} is never closed ({_HOW_QUOTED})", line)
    elif (semicolons := _quoted_semicolons(text, end, not out)) is not None:
        report.error(
            file, f"{semicolons}, but {file} must be comma-separated ({SAVE_WITH_COMMAS})", end
        )
    elif (slip := quote_slip("".join(lines[line - 1 : end]))) is not None:
        left_out = "; the row is left out" if header is not None else ""
        report.error(
            file,
            f"CSV cannot be read here: the quote that opens {show(slip.cell)} closes before "
            f"the cell ends (check the quotes: {_HOW_QUOTED}){left_out}",
            end,
            column_name(slip.at, header),
        )
        if header is None:  # the header's own cell: nothing after it has its columns
            return False
        read.skipped += 1
        report.failed(file, lines[line - 1].split(",", 1)[0].strip())  # likely its id
        return True
    else:
        report.error(
            file, f"CSV cannot be read here: {error} (check the quotes: {_HOW_QUOTED})", end
        )
    return False


def _quoted_semicolons(text: str, line: int, first: bool) -> str | None:
    """What a line is when it is ``;``-separated with quoted cells, else ``None``.

    LibreOffice's "Quote all text cells" writes ``"location";"commodity";…`` and any
    export quotes a comment holding a ``;``: read with commas, the quote is followed by
    ``;`` and a tester got "',' expected after" a quote where an unquoted header was told
    it is separated by semicolons. ``first``: no record was read before this line.
    """
    physical = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if ";" not in physical or '"' not in physical:
        return None
    try:
        cells = next(csv.reader([physical], delimiter=";", strict=True), [])
    except csv.Error:
        return None
    if len(cells) < 2:
        return None
    if cells[0].lstrip().startswith("#"):
        return (
            "this comment is quoted and followed by semicolons (';'): the file is separated "
            "by semicolons"
        )
    what = "the header" if first else "this row"
    return f"{what} is separated by semicolons (';'), its cells in quotes"


def read_table(
    text: str,
    file: str,
    report: Report,
    *,
    known: Sequence[str],
    required: Sequence[str],
    extra: Callable[[str], str | None] | None = None,
    optional_file: bool = False,
    header: Sequence[str] | None = None,
    numeric: Callable[[str], bool] = lambda column: False,
    known_said: str | None = None,
) -> Table | None:
    """Read a CSV text into a :class:`Table`, or ``None`` if it cannot be used at all.

    ``extra`` may accept a column name outside ``known`` (such as ``vehicles_truck``): it
    returns ``None`` to accept it or a message saying why not. ``header`` is the header
    line to suggest when the file has none (default ``known``): with the columns ``extra``
    accepts, so a tester's empty units.csv was not told a header without ``vehicles_pickup``.
    ``numeric`` says which columns hold numbers: a row one cell too long whose likely cause
    is an unquoted number's comma (``1,5``) is read with the number whole, for its column
    to say what is wrong with it (see :mod:`supplyline.io._split_cells`). ``known_said``:
    the known columns in words, where ``extra`` accepts more (default ``known``, listed).
    """
    header = known if header is None else header
    read = _records(text, file, report)
    if read is None:
        report.unusable.add(file)
        return None
    records = read.records
    if not records:
        message = f"file is empty (it needs a header line: {','.join(header)})"
        if optional_file:
            report.warning(file, message + "; read as no rows")
            return Table(1, (), ())
        report.error(file, message)
        report.unusable.add(file)
        return None
    header_line = records[0][0]
    records = _without_empty_trailing_columns(records)
    columns = _match_header(
        records[0][1], header_line, file, report, known, required, extra, suggest=header,
        known_said=", ".join(known) if known_said is None else known_said,
    )  # fmt: skip
    if columns is None:
        report.unusable.add(file)
        return None
    rows: list[Row] = []
    long = [(line, record) for line, record in records[1:] if len(record) > len(columns)]
    if long and len(long) == len(records) - 1 >= 2 and _one_empty_cell_more(long, len(columns)):
        report.error(
            file,
            f"every row ends with an extra empty cell (lines {long[0][0]}-{long[-1][0]}: "
            f"{len(columns) + 1} cells, the header has {len(columns)} columns): remove the "
            "trailing comma at the end of each row (a spreadsheet writes one for an empty "
            "column beyond the header: delete that column)",
            long[0][0],
        )
        for _, record in long:
            report.failed(file, record[0].strip())
        dropped = len(long) + read.skipped
        return Table(header_line, tuple(c for c in columns if c), (), dropped=dropped)
    whole = [record for _, record in records[1:] if len(record) == len(columns)]
    for line, record in records[1:]:
        numbers: tuple[tuple[str, str], ...] = ()
        if len(record) == len(columns) + 1:
            rejoined = rejoin(record, columns, numeric, whole)
            numbers = rejoined.numbers
            if rejoined.record is not None:
                column = columns[rejoined.at]
                report.rejoined[file, line] = (
                    column,
                    f"unquoted, its comma split the row into {len(record)} cells (the header "
                    f"has {len(columns)} columns)",
                )
                record = rejoined.record
        if len(record) > len(columns):
            # even empty extra cells: "1,200,," for 1200 and an empty last column reads as
            # 1 and 200 and looks whole (a tester's depot got 200 t a day for 1,200 t once)
            extra_cells = [c for c in record[len(columns) :] if c.strip()]
            what = (
                f"extra {show(extra_cells[0])}; quote a cell that contains a comma"
                if extra_cells
                else "the extra empty: a comma inside a value such as 1,200 shifts the cells "
                "after it; quote such a cell, or remove a stray comma at the end of the row"
            ) + _numbers_said(numbers)
            listed = list_comma(record, columns, LISTED.get(file, {}))
            what = listed[1] if listed is not None else what
            report.error(
                file,
                f"row has {len(record)} cells but the header has {len(columns)} columns ({what})",
                line,
                None if listed is None else listed[0],
            )
            report.failed(file, record[0].strip())  # likely its id: not "dangling" elsewhere
            continue
        if len(record) < len(columns):
            _short_row(file, line, record, columns, report)
            continue
        cells = {col: record[i].strip() for i, col in enumerate(columns) if col}
        rows.append(Row(line, cells))
    dropped = len(records) - 1 - len(rows) + read.skipped
    return Table(header_line, tuple(c for c in columns if c), tuple(rows), dropped=dropped)


def _short_row(
    file: str, line: int, record: Sequence[str], columns: Sequence[str], report: Report
) -> None:
    """A row with fewer cells than the header has columns: an error, at its first missing.

    As likely a slip as a row too long (a tester's links.csv row lost its last two cells
    and was read as one way, never closed, with no word), so said the same way; a row that
    writes its trailing empty cells out (``...,true,``) is whole.

    >>> report = Report()
    >>> _short_row("links.csv", 5, ["k", "a", "b"], ["id", "from", "to", "mode", "km"], report)
    >>> str(report.issues[0])
    'links.csv:5: mode: row has 3 cells but the header has 5 columns: add empty cells for mode, km'
    """
    missing = [col or f"column {i + 1}" for i, col in enumerate(columns) if i >= len(record)]
    report.error(
        file,
        f"row has {len(record)} cells but the header has {len(columns)} columns: "
        f"add empty cells for {', '.join(missing)}",
        line,
        columns[len(record)] or None,
    )
    report.failed(file, record[0].strip())  # likely its id: not "dangling" elsewhere


def _numbers_said(numbers: tuple[tuple[str, str], ...]) -> str:
    """The places a row one cell too long may have an unquoted number's comma, in words.

    Said when no one of them is likelier than the others (two numbers side by side:
    ``12,5,120`` is 12.5 and 120, or 12 and 5,120), each with what to write.

    >>> _numbers_said((("speed_km_per_day", "12,5"), ("capacity_t_per_day", "5,120")))
    "; or an unquoted number's comma: '12,5' in speed_km_per_day (write 12.5) or '5,120' in capacity_t_per_day (write 5120, or 5.12 for a decimal comma)"
    """  # noqa: E501
    if not numbers:
        return ""
    said = [f"{show(text)} in {column} ({_write_instead(text)})" for column, text in numbers]
    either = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " or " + said[-1]
    return f"; or an unquoted number's comma: {either}"


def _write_instead(text: str) -> str:
    """What to write for a number with one comma: a thousands comma has 3 digits after it."""
    whole, _, part = text.partition(",")
    decimal = f"{whole}.{part}"
    if len(part) == 3:
        return f"write {whole}{part}, or {float(decimal)!r} for a decimal comma"
    return f"write {decimal}"


def _one_empty_cell_more(long: list[tuple[int, list[str]]], width: int) -> bool:
    """Whether every row of ``long`` has exactly one cell beyond ``width``, and it is empty.

    That is a spreadsheet's habit (an empty column beyond the header, a trailing comma on
    every row), said once; a comma inside a value shifts one row, not all of them alike.
    """
    return all(len(record) == width + 1 and not record[-1].strip() for _, record in long)


def _without_empty_trailing_columns(
    records: list[tuple[int, list[str]]],
) -> list[tuple[int, list[str]]]:
    """``records`` without the header's unnamed last columns, when no row has a value there.

    A spreadsheet that once had a column beyond the table writes its empty name as a
    trailing comma on the header line (``...,dwell_days,``); nothing in it can be lost, so
    it is read as absent. An unnamed column holding a value stays, and is an error.
    """
    head_line, head = records[0]
    width = len(head)
    while width > 1 and not head[width - 1].strip():
        width -= 1
    if width == len(head) or any(
        cell.strip() for _, record in records[1:] for cell in record[width : len(head)]
    ):
        return records
    return [(head_line, head[:width])] + [
        (line, record[:width] + record[len(head) :]) for line, record in records[1:]
    ]


def _match_header(
    header: list[str],
    line: int,
    file: str,
    report: Report,
    known: Sequence[str],
    required: Sequence[str],
    extra: Callable[[str], str | None] | None,
    *,
    suggest: Sequence[str],
    known_said: str,
) -> list[str] | None:
    """Column names in header order ('' for an ignored column), or None if unusable.

    ``suggest`` is the header line a message offers (``known`` and the accepted extras);
    ``known_said`` the known columns in words.
    """
    lower = {k.lower(): k for k in known}
    if not _delimited_right(header, line, file, report, lower):
        return None
    if not any(c.strip().lower() in lower for c in header) and any(
        _looks_like_data(c) for c in header
    ):  # one error, not one per cell and per required column
        report.error(
            file,
            f"the first line looks like data, not a header: the file needs a header line "
            f"first ({', '.join(suggest)})",
            line,
        )
        return None
    columns: list[str] = []
    ok = True
    for at, raw in enumerate(header):
        name = raw.strip()
        if name.lower() in lower:
            name = lower[name.lower()]
        elif not name:
            report.error(
                file,
                f"column {at + 1}{_between(header, at)} has no name (name it, or delete it; "
                f"known: {known_said})",
                line,
            )
            ok = False
        else:
            why = extra(name) if extra is not None else "unknown"
            if why is not None:
                said = [w for w in (_column_meant(name, known), why) if w and w != "unknown"]
                report.error(
                    file,
                    f"unknown column {show(name)} ("
                    + "".join(f"{w}; " for w in said)
                    + f"known columns: {known_said})",
                    line,
                    name[:40],
                )
                name = ""
        if name and name in columns:
            report.error(file, f"column {show(name)} appears twice (keep one)", line, name)
            ok = False
            name = ""
        columns.append(name)
    for col in required:
        if col not in columns:
            report.error(
                file,
                f"required column {col!r} is missing (the header needs: {', '.join(required)})",
                line,
                col,
            )
            ok = False
    return columns if ok else None


def _between(header: list[str], at: int) -> str:
    """Where column ``at`` (0-based) of ``header`` is, by its named neighbours, in words.

    >>> _between(["id", "lon", "", "storage_t"], 2), _between(["id", ""], 1)
    (" (between 'lon' and 'storage_t')", " (after 'id')")
    """
    before = next((h.strip() for h in reversed(header[:at]) if h.strip()), "")
    after = next((h.strip() for h in header[at + 1 :] if h.strip()), "")
    if before and after:
        return f" (between {show(before)} and {show(after)})"
    if before:
        return f" (after {show(before)})"
    return f" (before {show(after)})" if after else ""


_COLUMN_SYNONYMS = {
    "cargo": "carries",
    "goods": "carries",
    "commodities": "carries",
    "load": "payload_t",
    "capacity": "payload_t",
    "trucks": "count",
    "vehicles": "count",
    "number": "count",
    "type": "vehicle_type",
    "hours": "max_route_hours",
    "base": "depot",
}
"""Other words a planner writes for a column, offered where that column is the file's.

Only where one column is meant: a fleet's ``capacity`` is its ``payload_t`` (a link's
``capacity`` already finds ``capacity_t_per_day`` by its unit, which fleet.csv lacks).
"""


def _column_meant(name: str, known: Sequence[str]) -> str:
    """The column ``name`` may have meant: one with its unit (``distance``: ``distance_km``).

    Then another word for it (``cargo``: ``carries``), then the one column sharing its
    first letters but the last (``carry``: ``carries``), then a slip. A tester's
    ``distance`` heard the known columns only, and ``carry`` and ``cargo`` nothing.

    >>> _column_meant("distance", ["id", "distance_km"]), _column_meant("mdoe", ["mode"])
    ("did you mean 'distance_km'?", "did you mean 'mode'?")
    >>> _column_meant("carry", ["count", "carries"]), _column_meant("cargo", ["carries"])
    ("did you mean 'carries'?", "did you mean 'carries'?")
    """
    folded = name.casefold().strip()
    with_unit = [k for k in known if k.startswith(folded + "_")]
    if len(with_unit) == 1:
        return f"did you mean {with_unit[0]!r}?"
    synonym = _COLUMN_SYNONYMS.get(folded)
    if synonym in known:
        return f"did you mean {synonym!r}?"
    stem = folded[:-1]
    if len(stem) >= 4:
        sharing = [k for k in known if k.startswith(stem)]
        if len(sharing) == 1:
            return f"did you mean {sharing[0]!r}?"
    return did_you_mean(name, known)


def _looks_like_data(cell: str) -> bool:
    """A cell no header would have: a number (a latitude, a capacity)."""
    try:
        float(cell.strip())
    except ValueError:
        return False
    return True


_OTHER_DELIMITERS = ((";", "semicolons (';')"), ("\t", "tabs"))


def _delimited_right(
    header: list[str], line: int, file: str, report: Report, lower: dict[str, str]
) -> bool:
    """Whether the header is comma-separated; if it uses ';' or tabs, one error says so.

    Such a header (a spreadsheet saved with a regional list separator, or a TSV file) would
    otherwise read as one long unknown column and every required column missing.
    """
    if any(cell.strip().lower() in lower for cell in header):
        return True
    for delimiter, name in _OTHER_DELIMITERS:
        parts = [p.strip().lower() for cell in header for p in cell.split(delimiter)]
        if any(delimiter in cell for cell in header) and any(p in lower for p in parts):
            report.error(
                file,
                f"the header is separated by {name}, but {file} must be comma-separated "
                f"({SAVE_WITH_COMMAS})",
                line,
            )
            return False
    return True
