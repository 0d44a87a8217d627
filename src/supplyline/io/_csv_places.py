"""Where in a CSV record a reading error is: which cell, by its column's name or number.

Python's csv module says ``',' expected after '"'`` and UTF-8 decoding says a byte's
offset; neither says the cell. A tester's ``"U" two`` in a name and a Latin-1 ``é`` were
each said at their line only, and the column had to be found by counting commas.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = [
    "EXCEL_SEP",
    "QuoteSlip",
    "column_at_end",
    "column_name",
    "long_column",
    "quote_slip",
    "unclosed_quote",
]

EXCEL_SEP = re.compile(r'"?sep=(.)"?[,;\t ]*', re.IGNORECASE)
"""Excel's separator hint on a CSV file's first line: ``sep=,`` (``sep=;`` for semicolons)."""


@dataclass(frozen=True, slots=True)
class QuoteSlip:
    """A cell whose opening quote closes before the cell ends (``"U" two``)."""

    at: int
    """The cell's place in its record, from 0."""
    cell: str
    """The cell as written, to the next comma or the line's end."""


def quote_slip(record: str) -> QuoteSlip | None:
    """The cell of ``record`` (a record's text, from its first line) whose quote closes early.

    As Python's csv reads with ``strict=True``: a cell that starts with a quote ends at the
    quote that closes it (a doubled quote is one quote inside), where a comma or the
    record's end must follow. ``None`` where every cell is so.

    >>> quote_slip('u2,"U" two,p1')
    QuoteSlip(at=1, cell='"U" two')
    >>> quote_slip('u3,"U ""3"" x",p1') is None
    True
    """
    at, start, state = 0, 0, "start"
    for i, char in enumerate(record):
        if state == "start" and char == '"':
            state, start = "quoted", i
        elif state in ("start", "plain") and char == ",":
            at, state = at + 1, "start"
        elif state == "start":
            state = "plain"
        elif state == "quoted" and char == '"':
            state = "closed"
        elif state == "closed" and char == '"':
            state = "quoted"  # a doubled quote: one quote inside
        elif state == "closed" and char == ",":
            at, state = at + 1, "start"
        elif state == "closed" and char not in "\r\n":
            end = min(
                (j for j in (record.find(",", i), record.find("\n", i)) if j >= 0), default=-1
            )
            return QuoteSlip(at, record[start:end].rstrip("\r") if end >= 0 else record[start:])
    return None


def column_at_end(text: str) -> tuple[int, list[str] | None] | None:
    r"""The cell that ``text``, a CSV file's start, ends in, with the file's header if read.

    ``(place of the cell in its record from 0, header cells)``; the header is ``None``
    where the cell is in it. For a byte that is not UTF-8: the text before it is read as
    CSV (comments, blank lines and Excel's ``sep=`` line are not the header). ``None``
    where that text cannot be read as CSV, or ends in a comment.

    >>> column_at_end("id,name,partner\nu1,Caf")
    (1, ['id', 'name', 'partner'])
    >>> column_at_end("# units\nid,na"), column_at_end("id\n# a note, Caf")
    ((1, None), None)
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return None
    if not text or text.endswith(("\n", "\r")):
        records.append([""])  # the byte starts a record
    if (records[-1] or [""])[0].lstrip().startswith("#"):
        return None  # a comment has no columns
    rows = [
        r
        for at, r in enumerate(records)
        if any(c.strip() for c in r)
        and not r[0].lstrip().startswith("#")
        and not (at == 0 and EXCEL_SEP.fullmatch(",".join(r).strip()))
    ]
    if not rows or rows[0] is records[-1]:
        return len(records[-1]) - 1, None
    return len(records[-1]) - 1, rows[0]


def column_name(at: int, header: list[str] | None) -> str:
    """The column of cell ``at`` (from 0): its heading where there is one, else its number.

    >>> column_name(1, ["id", " name "]), column_name(4, ["id"]), column_name(0, None)
    ('name', 'column 5', 'column 1')
    """
    heading = header[at].strip() if header is not None and at < len(header) else ""
    return heading or f"column {at + 1}"


def long_column(text: str, line: int, header: list[str] | None, limit: int) -> str | None:
    """The column of the record starting on ``line`` that holds a cell past ``limit``.

    Its heading where the header was read, else its number (``column 3``); None where the
    record cannot be read even without the limit. The record is read again with no limit
    on a cell, once, only to say where: a tester's 2 MB cell was blamed on the quotes.
    """
    rest = "".join(text.splitlines(keepends=True)[line - 1 :])
    previous = csv.field_size_limit(len(rest) + 1)
    try:
        record = next(csv.reader(io.StringIO(rest, newline=""), strict=True), [])
    except csv.Error:
        return None
    finally:
        csv.field_size_limit(previous)
    at = next((i for i, cell in enumerate(record) if len(cell) > limit), None)
    return None if at is None else column_name(at, header)


def unclosed_quote(line: str) -> str:
    """Where in ``line`` the quote that never closes opens, in words (empty if not found).

    A tester's unbalanced quote on line 7 was reported on the file's last line, 16.
    """
    inside, start = False, -1
    for i, char in enumerate(line):
        if char == '"' and (inside or i == 0 or line[i - 1] == ","):
            if not inside:
                start = i
            inside = not inside
    if not inside:
        return ""
    cell = line[start : start + 31]
    return f" (cell {line[:start].count(',') + 1}: {cell}{'…' if len(line) - start > 31 else ''})"
