"""Tabular output in the three formats every tabular command offers: table, csv, json."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["OutputFormat", "emit_rows"]


class OutputFormat(StrEnum):
    """How a command prints rows: a rich table for people, CSV or JSON for programs."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _cell(value: Any) -> str:
    """Numbers as a person reads them: whole above 100, two decimals below."""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return "" if value is None else str(value)


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    console: Console,
    title: str | None = None,
) -> None:
    """Print ``rows`` (dicts keyed by ``columns``) in the chosen format on ``console``."""
    if fmt is OutputFormat.JSON:
        data = [{c: row.get(c) for c in columns} for row in rows]
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    elif fmt is OutputFormat.CSV:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title, show_lines=False)
        for col in columns:
            numeric = bool(rows) and isinstance(rows[0].get(col), int | float)
            table.add_column(col, justify="right" if numeric else "left")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        console.print(table)
