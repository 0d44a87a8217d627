"""Printing the warnings a load raised (unreachable units and the like) on stderr."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from supplyline.errors import Issue

__all__ = ["print_warnings"]


def print_warnings(warnings: Iterable[Issue], console: Console) -> None:
    """One yellow line per warning, located like an error."""
    for issue in warnings:
        console.print(str(issue), style="yellow", markup=False, highlight=False, soft_wrap=True)
