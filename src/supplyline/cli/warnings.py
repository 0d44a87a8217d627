"""Warnings a load raised (unreachable units and the like): on stderr, or as rows for programs."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from supplyline.errors import Issue

__all__ = ["issue_rows", "print_warnings"]


_LINES_AT_ONCE = 1_000
"""Warnings printed by one call: rich's cost per call (a tenth of a millisecond) made a
tester's 200,000 warnings of a big links.csv take half of ``validate``'s minute."""


def print_warnings(warnings: Iterable[Issue], console: Console) -> None:
    """One yellow line per warning, located like an error."""
    lines = [str(issue) for issue in warnings]
    for at in range(0, len(lines), _LINES_AT_ONCE):
        console.print(
            "\n".join(lines[at : at + _LINES_AT_ONCE]),
            style="yellow",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def issue_rows(issues: Iterable[Issue]) -> list[dict[str, object]]:
    """Issues as rows for a program (``--format json|csv``): where, how bad, what."""
    return [
        {
            "file": i.file,
            "line": i.line,
            "column": i.column,
            "severity": i.severity.value,
            "message": i.message,
        }
        for i in issues
    ]
