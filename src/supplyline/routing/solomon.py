"""The Solomon VRPTW file format, read line by line so that every mistake has its line.

A Solomon instance (``C101.txt``, the 56 files of the public set and the Gehring &
Homberger extensions) is a name line, a ``VEHICLE`` section (a ``NUMBER CAPACITY``
heading, then the fleet size and the capacity) and a ``CUSTOMER`` section (a ``CUST NO.``
heading, then one row of 7 values per node: the depot numbered 0, then the customers
1, 2, … in order). Routes and solution files name customers by these numbers.

Why our own reader: ``vrplib`` turns a value it cannot read as a whole number into ``-1``
without a word, and a tester's files showed what a lenient reader lets through: a file
without its ``VEHICLE`` section solved as if each vehicle carried 2**40, an empty or a
binary file told of a ``'CUST NO.'`` it never had, a BOM kept in the instance's name, two
customers of the same number both solved. Each is an :class:`~supplyline.errors.Issue`
here, with its line.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from supplyline.errors import Issue
from supplyline.routing.bench_checks import SourceLines

__all__ = ["CUSTOMER_COLUMNS", "read_solomon"]

CUSTOMER_COLUMNS = (
    "customer number", "x", "y", "demand", "ready time", "due date", "service time",
)  # fmt: skip
"""The 7 values of a customer row, in their order."""

_FLEET_WORDS = "a 'NUMBER CAPACITY' heading, then the fleet size and the capacity, e.g. '25 200'"
_CUSTOMER_WORDS = "a 'CUST NO.' heading, then the depot's row and one row per customer"


@dataclass(slots=True)
class _Parse:
    """What one pass over the lines found, and where."""

    path: Path
    issues: list[Issue] = field(default_factory=list)
    name: str | None = None
    vehicle_heading: int | None = None
    fleet_heading: int | None = None
    fleet: tuple[int, list[str]] | None = None
    customer_start: int | None = None
    customer_heading: int | None = None
    headless_vehicle: bool = False
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)

    def bad(self, line: int | None, message: str) -> None:
        self.issues.append(Issue(file=str(self.path), line=line, message=message))


def _decode(data: bytes, parse: _Parse) -> str | None:
    """UTF-8 text without its byte-order mark, or ``None`` after an issue (as io/ readers do)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        parse.bad(None, "the file is UTF-16 text: save it as UTF-8 (or ASCII)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        parse.bad(line, f"byte 0x{data[error.start]:02x} at offset {error.start} is not "
                        "UTF-8 text: not a Solomon instance (a binary file?)")  # fmt: skip
        return None
    nul = text.find("\x00")
    if nul >= 0:
        parse.bad(text[:nul].count("\n") + 1, f"a NUL character at offset {nul}: not a "
                  "Solomon instance (a binary file?)")  # fmt: skip
        return None
    return text


def _is_fleet_heading(upper: str) -> bool:
    return "NUMBER" in upper and "CAPACITY" in upper


def _is_customer_heading(upper: str) -> bool:
    return upper.split()[0] in ("CUSTOMER", "CUST")


def _is_heading(upper: str) -> bool:
    return upper.strip() == "VEHICLE" or _is_fleet_heading(upper) or _is_customer_heading(upper)


def _scan(text: str, parse: _Parse) -> None:
    """One pass: the name, the headings and the value lines, each with its line number."""
    state = "name"
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = line.split()
        if not tokens:
            continue
        upper = line.upper()
        if state == "name":
            state = "header"
            if not _is_heading(upper):
                parse.name = line.strip()
                continue
        if upper.strip() == "VEHICLE":
            parse.vehicle_heading, state = number, "vehicle"
        elif _is_fleet_heading(upper):
            parse.fleet_heading, state = number, "fleet"
        elif _is_customer_heading(upper):
            parse.customer_start = parse.customer_start or number  # CUSTOMER
            parse.customer_heading = number  # CUST NO. (the last heading)
            state = "customers"
        elif state == "fleet":
            parse.fleet, state = (number, tokens), "header"
        elif state == "customers":
            parse.rows.append((number, tokens))
        else:  # a value line outside any section
            parse.headless_vehicle = parse.headless_vehicle or state == "vehicle"
            expected = "the 'NUMBER CAPACITY' heading" if state == "vehicle" else "a section"
            parse.stray.append((number, f"{_short(line.strip())} is not part of a Solomon "
                                f"instance here: expected {expected} (VEHICLE, then NUMBER "
                                "CAPACITY and its values; CUSTOMER, then CUST NO. and its "
                                "rows)"))  # fmt: skip
            state = "header"


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _structure(parse: _Parse, last_line: int) -> None:
    """Say each section that is missing, and each line that belongs to none."""
    if parse.fleet_heading is None and parse.customer_heading is None:
        parse.bad(None, "not a Solomon instance: no VEHICLE section ('NUMBER CAPACITY') and no "
                  f"CUSTOMER section ('CUST NO.') found in its {last_line} line(s)")  # fmt: skip
        return
    for number, message in parse.stray:
        parse.bad(number, message)
    if parse.fleet_heading is None:
        if not parse.headless_vehicle:  # else said at the line after VEHICLE
            parse.bad(parse.vehicle_heading or parse.customer_start, "no VEHICLE section "
                      f"({_FLEET_WORDS}): the vehicles' capacity is unknown")  # fmt: skip
    elif parse.fleet is None:
        parse.bad(parse.fleet_heading, "the VEHICLE section's 'NUMBER CAPACITY' heading is "
                  "not followed by the fleet size and the capacity (e.g. '25 200')")  # fmt: skip
    if parse.customer_heading is None:
        parse.bad(last_line, f"the file ends at line {last_line} without a CUSTOMER section "
                  f"({_CUSTOMER_WORDS})")  # fmt: skip
    elif not parse.rows:
        parse.bad(parse.customer_heading, f"no customer lines after 'CUST NO.' "
                  f"({_CUSTOMER_WORDS})")  # fmt: skip


def _number(token: str, what: str, line: int, parse: _Parse) -> float:
    try:
        return float(token)
    except ValueError:
        parse.bad(line, f"{what} {token!r} is not a number")
        return math.nan


def _fleet(parse: _Parse, data: dict[str, Any], lines: SourceLines) -> None:
    if parse.fleet is None:
        return
    number, tokens = parse.fleet
    lines.vehicles = lines.capacity = number
    if len(tokens) != 2:
        parse.bad(number, "the fleet line needs 2 values (number, capacity), found "
                  f"{len(tokens)}")  # fmt: skip
        return
    data["vehicles"] = _number(tokens[0], "vehicle number", number, parse)
    data["capacity"] = _number(tokens[1], "capacity", number, parse)


def _customer_rows(parse: _Parse) -> list[tuple[int, list[str]]]:
    """The rows of 7 values; a row of another length is an issue at its line."""
    rows = []
    for number, tokens in parse.rows:
        if len(tokens) != len(CUSTOMER_COLUMNS):
            parse.bad(number, "a customer line needs 7 values (no., x, y, demand, ready time, "
                      f"due date, service time), found {len(tokens)}")  # fmt: skip
        else:
            rows.append((number, tokens))
    return rows


def _check_numbers(numbers: list[float], rows: list[tuple[int, list[str]]], parse: _Parse) -> None:
    """Each row's number is its place: the depot 0, then 1, 2, … (routes name them so).

    A repeated number names both lines; otherwise the first row out of place is said.
    """
    first: dict[float, int] = {}
    misplaced: tuple[int, float, int] | None = None
    depot_line = rows[0][0]
    for place, (number, (line, _)) in enumerate(zip(numbers, rows, strict=True)):
        seen = first.setdefault(number, line)
        if seen == depot_line and line != depot_line:
            parse.bad(line, f"customer number {number:g} is also the depot's, line {seen} "
                      "(the first row is the depot, numbered 0 by convention)")  # fmt: skip
        elif seen != line:
            parse.bad(line, f"customer number {number:g} is also on line {seen}: each "
                      "customer needs a number of its own")  # fmt: skip
        elif misplaced is None and number != place:
            misplaced = (line, number, place)
    if misplaced is not None and not parse.issues:
        line, number, place = misplaced
        who = "the depot (the first row)" if place == 0 else "this row"
        parse.bad(line, f"customer number {number:g} where {place} is expected for {who}: a "
                  "Solomon file numbers the depot 0 and the customers 1, 2, … in order, as "
                  "routes and solution files name them")  # fmt: skip


def _table(parse: _Parse, data: dict[str, Any], lines: SourceLines) -> None:
    rows = _customer_rows(parse)
    if not rows:
        return
    table = np.array(
        [
            [_number(t, w, n, parse) for t, w in zip(tok, CUSTOMER_COLUMNS, strict=True)]
            for n, tok in rows
        ],
        dtype=np.float64,
    )
    if not parse.issues:
        _check_numbers(table[:, 0].tolist(), rows, parse)
    data["node_coord"] = table[:, 1:3]
    data["demand"] = table[:, 3]
    data["time_window"] = table[:, 4:6]
    data["service_time"] = table[:, 6]
    for key in ("node_coord", "demand", "time_window", "service_time"):
        lines.nodes[key] = {i: n for i, (n, _) in enumerate(rows)}


def read_solomon(path: Path) -> tuple[dict[str, Any], SourceLines, list[Issue]]:
    r"""Read a Solomon file into ``vrplib``'s keys (floats), with lines and reading issues.

    The data is complete only when the issues are empty.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "t.txt"
    ...     _ = path.write_text("T\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\nCUST NO.\n"
    ...                         "0 0 0 0 0 100 0\n1 3 4 5 0 100 1\n")
    ...     data, lines, issues = read_solomon(path)
    >>> data["name"], data["capacity"], data["demand"].tolist(), issues
    ('T', 10.0, [0.0, 5.0], [])
    """
    parse = _Parse(path=path)
    data: dict[str, Any] = {"name": path.stem}
    lines = SourceLines()
    raw = path.read_bytes()
    if not raw.strip():
        parse.bad(None, "the file is empty (a Solomon instance has a name line, a VEHICLE "
                  "section and a CUSTOMER section)")  # fmt: skip
        return data, lines, parse.issues
    text = _decode(raw, parse)
    if text is None:
        return data, lines, parse.issues
    _scan(text, parse)
    _structure(parse, len(text.splitlines()))
    if parse.issues:
        return data, lines, parse.issues
    if parse.name:
        data["name"] = parse.name
    _fleet(parse, data, lines)
    _table(parse, data, lines)
    return data, lines, parse.issues
