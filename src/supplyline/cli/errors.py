"""The one place where the CLI turns supplyline's errors into messages and exit codes."""

from __future__ import annotations

from rich.console import Console

from supplyline.errors import (
    ConflictError,
    NotFoundError,
    OutputError,
    PermissionDenied,
    ScenarioError,
    Severity,
    SolverError,
    StorageError,
    SupplylineError,
)

__all__ = ["EXIT_CODES", "exit_code_for", "report_error"]

EXIT_CODES: dict[type[SupplylineError], int] = {
    ScenarioError: 2,
    NotFoundError: 3,
    PermissionDenied: 4,
    ConflictError: 5,
    SolverError: 6,
    StorageError: 7,
    OutputError: 8,
}
"""Exit codes by error class; 1 is any other SupplylineError. Documented in the README."""


def exit_code_for(error: SupplylineError) -> int:
    """The exit code for an error: the first matching class in ``EXIT_CODES``, else 1."""
    for cls, code in EXIT_CODES.items():
        if isinstance(error, cls):
            return code
    return 1


def report_error(error: SupplylineError, console: Console) -> int:
    """Print an error for a person (every issue of a bad input on its own line); return its code."""
    if isinstance(error, ScenarioError):
        for issue in error.issues:
            style = "red" if issue.severity is Severity.ERROR else "yellow"
            console.print(str(issue), style=style, markup=False, highlight=False, soft_wrap=True)
        console.print(f"error: {error.summary}", style="bold red", markup=False, highlight=False)
    else:
        console.print(
            f"error: {error}", style="bold red", markup=False, highlight=False, soft_wrap=True
        )
    return exit_code_for(error)
