"""Tabular output in the three formats every tabular command offers: table, csv, json.

How a cell reads lives in :mod:`supplyline.cli.cells`, how a table fits the terminal in
:mod:`supplyline.cli.table_fit`; their public names are given here too.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypedDict, Unpack

import typer
from rich.console import Console

from supplyline.cli.cells import (
    Alike,
    Amount,
    Exact,
    Shown,
    _header,
    amount_text,
    column_places,
    decimals_of,
)
from supplyline.cli.cells import _cell as _cell
from supplyline.cli.cells import _cells as _cells
from supplyline.cli.choice_options import choice, choice_metavar, choice_option
from supplyline.cli.table_fit import Narrowed, fitted_table, left_out_words, narrowed_table
from supplyline.cli.table_fit import _drawn_width as _drawn_width
from supplyline.io.csv_out import to_gram, write_rows
from supplyline.io.csv_quoting import NumberText
from supplyline.types import Said, list_cell

__all__ = [
    "EVERY_COLUMN",
    "FORMAT_ASKED",
    "FORMAT_METAVAR",
    "FORMAT_PARSER",
    "Amount",
    "Exact",
    "FmtOpt",
    "FormatOpt",
    "OutputFormat",
    "ReadyRows",
    "RowsHow",
    "Shown",
    "amount_text",
    "column_places",
    "decimals_of",
    "emit_rows",
    "fitted_table",
    "listed",
    "long_row",
    "machine_row",
    "machine_value",
    "note_stdout_data",
    "ready_rows",
    "remember_format",
    "stdout_has_data",
    "write_json",
    "wrote_what",
    "zero_columns",
]


EVERY_COLUMN = "--format csv or json gives every column"
"""How a table that leaves out columns says where to see them all."""


class OutputFormat(StrEnum):
    """How a command prints rows: a rich table for people, CSV or JSON for programs."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


FORMAT_ASKED = "supplyline.format_asked"
"""The key of the parsed ``--format`` in the click context's ``meta`` (shared by the command
and the groups above it), where the app's command group reads it when the command fails
(:mod:`supplyline.cli.failure_output`)."""


def remember_format(ctx: typer.Context, value: OutputFormat) -> OutputFormat:
    """Every ``--format`` option's callback: note the format asked, for a failure to use."""
    ctx.meta[FORMAT_ASKED] = value
    return value


_STDOUT_DATA = [False]
"""Whether this command has begun to write its data on stdout (JSON or CSV)."""


def note_stdout_data(begun: bool = True) -> None:
    """Note that the command's data has begun on stdout (``False``: a new command begins)."""
    _STDOUT_DATA[0] = begun


def stdout_has_data() -> bool:
    """Whether stdout has some of the command's data: a failure record may not follow it."""
    return _STDOUT_DATA[0]


FORMAT_PARSER = choice(OutputFormat, what="an output format")
"""Every ``--format`` option's parser: ``JSON`` taken, ``xlsx`` said as not a format."""
FORMAT_METAVAR = choice_metavar(OutputFormat)
FmtOpt = Annotated[
    OutputFormat,
    choice_option(OutputFormat, "--format", "-f", what="an output format",
                  help="table for people; csv or json.", callback=remember_format),
]  # fmt: skip
"""The ledger's ``--format`` option, for ``Annotated`` parameters."""
FormatOpt = Annotated[
    OutputFormat,
    choice_option(OutputFormat, "--format", "-f", what="an output format",
                  help="table for people; csv or json for programs.", callback=remember_format),
]  # fmt: skip
"""``--format`` of plan, requirements and routes (reach too), declared once: it was written
out five times alike; default it to ``OutputFormat.TABLE`` where it is used."""


def listed(names: Sequence[str]) -> str:
    """Names for a help text, as a person lists them: ``a, b and c``.

    >>> listed(["routes.csv", "trucks.csv", "routes.json"])
    'routes.csv, trucks.csv and routes.json'
    """
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def write_json(data: object) -> None:
    """``data`` as JSON on stdout, in UTF-8 whatever the locale, names as written.

    JSON between programs is UTF-8 (RFC 8259), so the bytes go to stdout's buffer: with
    the text stream, a Latin-1 locale could not print ``Łódź``, and escaping it hid the
    name from a person reading the output.
    """
    text = json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n"
    note_stdout_data()
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


class RowsHow(TypedDict, total=False):
    """How :func:`emit_rows` and :func:`ready_rows` lay rows out, beyond their format."""

    title: str | None
    alike: Alike
    shown: Shown | None
    drop: Sequence[str]
    every: str


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    **how: Unpack[RowsHow],
) -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format on ``console``.

    ``title``: the table's. ``alike``: groups of a table's columns that share their
    decimals; ``shown``, how a table writes its numbers besides (:class:`Shown`, its
    ``alike`` taken before the argument's). CSV and JSON give every digit; CSV's cells are
    quoted and spelt as the files' (:func:`~supplyline.io.csv_out.write_rows`), so that a
    command's ``--format csv > f.csv`` and the file it writes agree cell for cell.
    ``drop``: the columns a table too wide for the terminal may leave out, least important
    first (:func:`narrowed_table`), named in a line under it with ``every`` (where to see
    them all, :data:`EVERY_COLUMN` if not given); those of them that are 0 on every row
    are left out whatever the width (:func:`zero_columns`), and named in that line too.
    :func:`ready_rows`, then :meth:`ReadyRows.emit`.
    """
    ready_rows(rows, columns, fmt, console=console, **how).emit(console)


@dataclass(frozen=True, slots=True)
class ReadyRows:
    """Rows worked out for :func:`emit_rows`: each cell as it reads, only the printing left.

    A command that writes files and then prints works its rows out first, so that a
    failure in the working out leaves no files behind: a tester's ``requirements --out``
    wrote its three files, then ended in a traceback while rounding the table.
    """

    fmt: OutputFormat
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...] = ()
    """The machine rows of CSV and JSON."""
    table: Narrowed | None = None
    said: str | None = None
    """The line under the table that names the columns it left out."""

    def emit(self, console: Console) -> None:
        """Print the rows: the table on ``console``, CSV and JSON on stdout."""
        if self.fmt is OutputFormat.JSON:
            write_json([{c: row.get(c) for c in self.columns} for row in self.rows])
        elif self.fmt is OutputFormat.CSV:
            # the files' writer: text quoted, numbers spelt as there (csv_out.write_rows)
            note_stdout_data()  # before the first row: a failure in the rows says nothing more
            write_rows(sys.stdout, self.columns, self.rows, ignore_extra=True, line_end="\n")
        elif self.table is not None:
            console.print(self.table.table)
            if self.said is not None:
                console.print(self.said, markup=False, highlight=False)


def ready_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    **how: Unpack[RowsHow],
) -> ReadyRows:
    """``rows`` worked out as :func:`emit_rows` prints them (the same arguments)."""
    if fmt is OutputFormat.CSV:  # before machine_row: an exact figure keeps every digit
        rows = [{k: _exact_text(v) for k, v in row.items()} for row in rows]
    if fmt is not OutputFormat.TABLE:  # the numbers themselves, not how a table shows them
        return ReadyRows(fmt, tuple(columns), tuple(machine_row(r) for r in rows))
    shown = how.get("shown") or Shown()
    shown = replace(shown, alike=[*shown.alike, *how.get("alike", ())])
    drop = how.get("drop", ())
    zero = zero_columns(rows, [c for c in drop if c in columns])
    kept = [c for c in columns if c not in zero]
    narrowed = narrowed_table(rows, kept, how.get("title"), console, shown, drop)
    said = None
    if narrowed.left_out or zero:
        names = [_header(c) for c in narrowed.left_out]  # as the table heads them
        zeros = [_header(c) for c in zero]
        every = how.get("every", EVERY_COLUMN)
        said = f"{left_out_words(console.width, names, zero=zeros)} ({every})"
    return ReadyRows(fmt, tuple(columns), table=narrowed, said=said)


def _exact_text(value: Any) -> Any:
    """An :class:`Exact` float as plain decimals with every digit, anything else as it is.

    Every other float of a CSV is written to the gram (:func:`~supplyline.io.csv_out.
    csv_cell`); a planning factor of 1.23e-05 kg is exact and reads ``0.0000123``. No
    trailing zero, as :func:`~supplyline.types.gram_text` spells a number: ``170900.0``
    was quoted as text beside the bare numbers.

    >>> _exact_text(Exact(1.23e-05)), _exact_text(Exact(170900.0)), _exact_text(2.5)
    ('0.0000123', '170900', 2.5)
    """
    if isinstance(value, Exact) and isinstance(value.value, float) and math.isfinite(value.value):
        return NumberText(format(Decimal(repr(value.value)).normalize() + 0, "f"))
    return value


def zero_columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> list[str]:
    """Those of ``columns`` that are 0 on every row: a table leaves them out and says so.

    Only a ranking's droppable columns are asked about, never ids or the key figures: plan's
    "moved by mode" printed a ``deploy t`` of 0.000 on every row where no unit deploys.

    >>> zero_columns([{"a": 0.0, "b": 1}, {"a": 0, "b": 0}], ["a", "b"])
    ['a']
    """
    if not rows:
        return []
    return [c for c in columns if all(_is_zero(machine_value(r.get(c))) for r in rows)]


def _is_zero(value: Any) -> bool:
    """A number equal to 0 (not False, not an empty cell)."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool) and value == 0


def machine_value(value: Any) -> Any:
    """A cell as CSV and JSON give it: the number itself, never ``-0.00``."""
    if isinstance(value, Exact | Said):
        return value.value
    if isinstance(value, Amount):
        return value.number()
    if isinstance(value, Decimal) and value.is_finite():
        return value + 0
    return value


def machine_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as CSV and JSON give it (:func:`machine_value` of each cell)."""
    return {k: machine_value(v) for k, v in row.items()}


def wrote_what(
    folder: Path | None, files: Sequence[Path], named: Mapping[str, Path | None] | None = None
) -> str:
    """What a command says it wrote: how many files went into ``folder``, and the others.

    ``named`` gives the files that may go elsewhere a name (``{"the report": path}``);
    a file outside ``folder`` without one is given by its path. A tester's ``wrote 9 files
    to n1/n2/n3, n1/r/plan.html`` counted the report, written elsewhere, among the
    folder's eight.

    >>> wrote_what(Path("n1/n2"), [Path("n1/n2/a.csv"), Path("n1/r.html")],
    ...            {"the report": Path("n1/r.html"), "the model": None})
    'wrote 1 file to n1/n2 and the report to n1/r.html'
    """
    inside = os.path.realpath(folder) if folder is not None else None
    names = {os.path.realpath(p): label for label, p in (named or {}).items() if p is not None}
    here = [p for p in files if os.path.realpath(p.parent) == inside]
    parts = [f"{len(here)} file{'' if len(here) == 1 else 's'} to {folder}"] if here else []
    for path in files:
        if path not in here:
            label = names.get(os.path.realpath(path))
            parts.append(f"{label} to {path}" if label else str(path))
    if len(parts) < 2:
        return "wrote " + "".join(parts)
    return "wrote " + ", ".join(parts[:-1]) + " and " + parts[-1]


def long_row(section: str, item: object, field: str, value: object) -> dict[str, object]:
    """One row of a long-form CSV summary: no value as blank, amounts to the gram.

    >>> long_row("summary", "", "short_t", 6.299999999999998)["value"]
    6.3
    """
    if isinstance(value, float):
        value = to_gram(value)  # 6.299999999999998 as 6.3, as the plan files give it
    elif isinstance(value, list | tuple):
        value = list_cell(map(str, value))  # as every CSV file's list cells
    return {
        "section": section,
        "item": item,
        "field": field,
        "value": "" if value is None else value,
    }
