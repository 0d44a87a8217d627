"""CSV result files, written one way for every result table (plans, routes, requirements…).

Why a byte-order mark: Excel, opening a CSV on a double-click, decodes it in the machine's
legacy code page unless the file starts with the UTF-8 byte-order mark, so a location
called Łódź shows each of its letters Ł, ó and ź as two wrong ones. With the mark it reads
UTF-8; pandas, LibreOffice, QGIS and supplyline's own readers skip the mark (Python's
``csv`` module wants ``encoding="utf-8-sig"``). Scenario files supplyline writes for
people to fill in keep plain UTF-8: they are inputs, and the reader takes either.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from supplyline.domain.rounding import apportion
from supplyline.types import GRAM_DECIMALS, to_gram

__all__ = [
    "CSV_ENCODING",
    "GRAM_DECIMALS",
    "apportion",
    "csv_cell",
    "to_gram",
    "write_csv",
    "write_rows",
    "yes_no",
]

CSV_ENCODING = "utf-8-sig"
"""UTF-8 that starts the file with a byte-order mark (see the module docstring)."""


def yes_no(value: bool) -> str:
    """A truth value as every table and CSV file of supplyline writes it.

    One way for all: a tester found ``True`` in one CSV beside ``yes`` in the next
    column (JSON keeps ``true``/``false``).

    >>> yes_no(True), yes_no(False)
    ('yes', 'no')
    """
    return "yes" if value else "no"


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: ``yes``/``no`` for a truth value, blank for none, else as is.

    >>> [csv_cell(v) for v in (True, None, 2.5, "x")]
    ['yes', '', 2.5, 'x']
    """
    if isinstance(value, bool):
        return yes_no(value)
    return "" if value is None else value


def write_rows(
    handle: TextIO,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    ignore_extra: bool = False,
) -> None:
    """A header and the rows, lines ended as RFC 4180 and spreadsheets end them (CR LF).

    With lines ended by a line feed alone, Python's ``csv`` leaves a lone carriage return in
    a value unquoted, and a reader takes it for the end of the line: the value is lost.
    A key outside ``columns`` is a bug (``ValueError``) unless ``ignore_extra``. Cells go
    through :func:`csv_cell` (truth values as ``yes``/``no``).
    """
    writer = csv.DictWriter(
        handle,
        fieldnames=list(columns),
        extrasaction="ignore" if ignore_extra else "raise",
        lineterminator="\r\n",
    )
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)


def write_csv(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    ignore_extra: bool = False,
) -> None:
    """Write a result table to ``path`` (see :func:`write_rows`), with the byte-order mark."""
    with path.open("w", newline="", encoding=CSV_ENCODING) as handle:
        write_rows(handle, columns, rows, ignore_extra=ignore_extra)
