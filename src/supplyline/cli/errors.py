"""The one place where the CLI turns supplyline's errors into messages and exit codes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console

from supplyline.errors import (
    ArgumentError,
    ConflictError,
    DamagedDataError,
    Issue,
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
    DamagedDataError: 9,
    StorageError: 7,
    OutputError: 8,
    ArgumentError: 2,
}
"""Exit codes by error class; 1 is any other SupplylineError. Documented in the README.

An :class:`~supplyline.errors.ArgumentError` is the Python API's bad value; what the CLI
hands the API is what was typed, so here it is a bad command-line option, or options that
exclude each other, as Typer's own are: 2. ``routes --plan P --from-demand`` had exited 1,
a code the README gave to no mistake of the user's.
"""


def exit_code_for(error: SupplylineError) -> int:
    """The exit code for an error: the first matching class in ``EXIT_CODES``, else 1."""
    for cls, code in EXIT_CODES.items():
        if isinstance(error, cls):
            return code
    return 1


MAX_SHOWN_PER_FILE = 50
"""Errors of one input file printed at most; the rest are counted (a file of 200,000 bad rows
printed every one). ``supplyline validate --format csv`` lists them all."""


def _shown(issues: Sequence[Issue]) -> list[Issue]:
    """The issues to print: each file's first errors, then one line counting the rest.

    The count follows the file's last error shown, before any warning of the file (the line
    of the checks that wait for it read as one more error above "… and 100 more").
    """
    out: list[Issue] = []
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for issue in issues:
        error = issue.severity is Severity.ERROR
        if error and shown[issue.file] >= MAX_SHOWN_PER_FILE:
            hidden[issue.file] += 1
            continue
        shown[issue.file] += error
        out.append(issue)
    for file, n in hidden.items():
        last = max(
            i
            for i, issue in enumerate(out)
            if issue.file == file and issue.severity is Severity.ERROR
        )
        more = Issue(
            file=file,
            message=f"… and {n:,} more error{'s' if n > 1 else ''} in {file} (the first "
            f"{MAX_SHOWN_PER_FILE} are shown; `supplyline validate --format csv` lists all)",
        )
        out.insert(last + 1, more)
    return out


def report_error(error: SupplylineError, console: Console) -> int:
    """Print an error for a person (each issue of a bad input on its own line); return its code."""
    if isinstance(error, ScenarioError):
        for issue in _shown(error.issues):
            style = "red" if issue.severity is Severity.ERROR else "yellow"
            console.print(str(issue), style=style, markup=False, highlight=False, soft_wrap=True)
        console.print(f"error: {error.summary}", style="bold red", markup=False, highlight=False)
    else:
        console.print(
            f"error: {error}", style="bold red", markup=False, highlight=False, soft_wrap=True
        )
    return exit_code_for(error)
