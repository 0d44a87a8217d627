"""Warnings a load raised (unreachable units and the like): on stderr, or as rows for programs."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from supplyline.errors import Issue

__all__ = ["issue_rows", "print_warnings"]


def print_warnings(warnings: Iterable[Issue], console: Console) -> None:
    """One yellow line per warning, located like an error."""
    for issue in warnings:
        console.print(str(issue), style="yellow", markup=False, highlight=False, soft_wrap=True)


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
