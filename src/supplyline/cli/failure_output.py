"""A failing command's error as a record on stdout, for a program that asked for JSON or CSV.

``plan --format json`` printed nothing on stdout when it failed (exit 6, no plan within
the time limit; exit 2, bad input): a program reading stdout had nothing to parse. The
commands that give programs a plan or routes now also say a failure there, in the format
asked, besides the person's message on stderr, with the exit code the command ends with:

- JSON: one object, ``{"status": "error", "exit_code": 6, "message": …, "file": …,
  "line": …, "column": …, "issues": [{file, line, column, severity, message}, …]}``
  (``status`` is ``interrupted`` for Ctrl+C or SIGTERM; ``file``, ``line`` and ``column``
  are those of the one error of a bad input with one, else null);
- CSV: the columns of :data:`FAILURE_COLUMNS`, a row per issue of a bad input, else one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from supplyline.cli.choice_options import read_choice
from supplyline.cli.errors import exit_code_for
from supplyline.cli.exits import EXIT_INTERRUPTED, EXIT_TERMINATED, exit_interrupted
from supplyline.cli.output import OutputFormat, write_json
from supplyline.cli.warnings import issue_rows
from supplyline.errors import ScenarioError, Severity, SupplylineError
from supplyline.io.csv_out import write_rows

__all__ = [
    "FAILURE_COLUMNS",
    "MACHINE_COMMANDS",
    "asked_format",
    "failure_said",
    "failures_on_stdout",
    "write_failure",
]

MACHINE_COMMANDS = frozenset({"plan", "routes", "reach"})
"""The commands whose failures go on stdout too when JSON or CSV is asked."""

_SAID = [False]
"""Whether this run has written its failure on stdout (never twice)."""


def failure_said() -> bool:
    """Whether the failure of this run is already on stdout."""
    return _SAID[0]


FAILURE_COLUMNS = ("status", "exit_code", "file", "line", "column", "severity", "message")
"""The CSV columns of a failure: a validate issue's, after the status and exit code."""


def write_failure(
    fmt: OutputFormat,
    *,
    exit_code: int,
    message: str,
    issues: Sequence[dict[str, object]] = (),
) -> None:
    """Write one failure on stdout in ``fmt`` (nothing for a table: stderr says it)."""
    if fmt is OutputFormat.TABLE or _SAID[0]:
        return
    _SAID[0] = True
    status = "interrupted" if exit_code in (EXIT_INTERRUPTED, EXIT_TERMINATED) else "error"
    errors = [i for i in issues if i["severity"] == Severity.ERROR.value]
    where = errors[0] if len(errors) == 1 else {}
    if fmt is OutputFormat.JSON:
        write_json(
            {
                "status": status,
                "exit_code": exit_code,
                "message": message,
                **{key: where.get(key) for key in ("file", "line", "column")},
                "issues": list(issues),
            }
        )
    else:
        rows: Sequence[dict[str, object]] = issues or [
            {"file": None, "line": None, "column": None, "severity": "error", "message": message}
        ]
        failed = [{"status": status, "exit_code": exit_code, **row} for row in rows]
        write_rows(sys.stdout, FAILURE_COLUMNS, failed, ignore_extra=True, line_end="\n")
        sys.stdout.flush()


@contextmanager
def failures_on_stdout(fmt: OutputFormat) -> Iterator[None]:
    """Write the error that ends the command inside on stdout too, then let it go on.

    Around the work before any output, so that the failure is the whole of stdout. The
    error goes on as it came: the faces' one mapping prints it on stderr and picks the
    exit code (:func:`supplyline.cli.errors.report_error`). Ctrl+C and SIGTERM are said
    here whether the work inside turned them into an exit (``interruptible``) or not:
    ``reach``, which had no ``interruptible``, let the KeyboardInterrupt pass to the app's
    handler, and its JSON or CSV had nothing on stdout (exit 130 or 143).
    """
    if fmt is OutputFormat.TABLE:
        yield
        return
    try:
        yield
    except SupplylineError as error:
        if isinstance(error, ScenarioError):
            write_failure(
                fmt,
                exit_code=exit_code_for(error),
                message=error.summary,
                issues=issue_rows(error.issues),
            )
        else:
            write_failure(fmt, exit_code=exit_code_for(error), message=str(error))
        raise
    except typer.BadParameter as error:  # an option the command itself refuses
        write_failure(fmt, exit_code=error.exit_code, message=error.format_message())
        raise
    except typer.Exit as ending:  # Ctrl+C or SIGTERM, said on stderr already
        if ending.exit_code:
            write_failure(fmt, exit_code=ending.exit_code, message=_ending_words(ending))
        raise
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM in work no ``interruptible`` is around
        code = exit_interrupted()  # the app's handler says it on stderr, with this code
        write_failure(fmt, exit_code=code, message=_ending_words(typer.Exit(code)))
        raise


def _ending_words(ending: typer.Exit) -> str:
    """What a person read on stderr of an ending without an error."""
    if ending.exit_code == EXIT_TERMINATED:
        return "terminated (SIGTERM)"
    if ending.exit_code == EXIT_INTERRUPTED:
        return "interrupted (Ctrl+C)"
    return f"ended with exit code {ending.exit_code}"


def asked_format(args: Sequence[Any]) -> OutputFormat:
    """The ``--format``/``-f`` a command line asks for, before its options are parsed.

    For an option that fails to parse (exit 2), when the command's own ``fmt`` is not
    known yet. The last one given wins, as the parser has it.

    >>> asked_format(["plan", "x", "--format", "json"]), asked_format(["-fcsv"])
    (<OutputFormat.JSON: 'json'>, <OutputFormat.CSV: 'csv'>)
    >>> asked_format(["--format=yaml"])
    <OutputFormat.TABLE: 'table'>
    """
    asked = OutputFormat.TABLE
    words = [str(a) for a in args]
    for i, word in enumerate(words):
        value: str | None = None
        if word in ("--format", "-f") and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--format="):
            value = word.removeprefix("--format=")
        elif word.startswith("-f") and len(word) > 2 and not word.startswith("--"):
            value = word[2:]
        if value is not None and (named := read_choice(OutputFormat, value)) is not None:
            asked = named  # as the option's parser takes it: JSON too
    return asked
