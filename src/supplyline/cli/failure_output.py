"""A failing command's error as a record on stdout, for a program that asked for JSON or CSV.

``plan --format json`` printed nothing on stdout when it failed (exit 6, no plan within
the time limit; exit 2, bad input): a program reading stdout had nothing to parse. Then
``plan``, ``routes`` and ``reach`` said a failure there, but ``ledger propose --format
csv`` before its database existed still exited 3 with an empty stdout. Now every command
with a ``--format`` option says a failure there too when JSON or CSV is asked, in the
format asked, besides the person's message on stderr, with the exit code the command ends
with; the app's command group does it for all (:func:`say_command_failure`):

- JSON: one object, ``{"status": "error", "exit_code": 6, "message": …, "file": …,
  "line": …, "column": …, "issues": [{file, line, column, severity, message}, …]}``
  (``status`` is ``interrupted`` for Ctrl+C or SIGTERM; ``file``, ``line`` and ``column``
  are those of the one error of a bad input with one, else null);
- CSV: the columns of :data:`FAILURE_COLUMNS`, a row per issue of a bad input, else one.

Never after the command's own data (``validate``'s issues, ``routes-bench``'s row before
its exit 6, a ledger listing cut short): stdout is then that data, and one record more
would spoil both for a program.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer

from supplyline.cli.choice_options import read_choice
from supplyline.cli.errors import exit_code_for
from supplyline.cli.exits import EXIT_INTERRUPTED, EXIT_TERMINATED, exit_interrupted
from supplyline.cli.output import (
    FORMAT_ASKED,
    OutputFormat,
    note_stdout_data,
    stdout_has_data,
    write_json,
)
from supplyline.cli.warnings import issue_rows
from supplyline.errors import ScenarioError, Severity, SupplylineError
from supplyline.io.csv_out import write_rows

__all__ = [
    "FAILURE_COLUMNS",
    "asked_format",
    "begin_command",
    "failure_said",
    "say_command_failure",
    "say_failure",
    "write_failure",
]

_SAID = [False]
"""Whether this run has written its failure on stdout (never twice)."""


def failure_said() -> bool:
    """Whether the failure of this run is already on stdout."""
    return _SAID[0]


def begin_command() -> None:
    """Forget the last command's output: nothing said yet (a test runs many in a process)."""
    _SAID[0] = False
    note_stdout_data(False)


FAILURE_COLUMNS = ("status", "exit_code", "file", "line", "column", "severity", "message")
"""The CSV columns of a failure: a validate issue's, after the status and exit code."""


def write_failure(
    fmt: OutputFormat,
    *,
    exit_code: int,
    message: str,
    issues: Sequence[dict[str, object]] = (),
) -> None:
    """Write one failure on stdout in ``fmt`` (nothing for a table: stderr says it).

    Once, and never after the command's data (:func:`~supplyline.cli.output.stdout_has_data`).
    """
    if fmt is OutputFormat.TABLE or _SAID[0] or stdout_has_data():
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


def say_command_failure(ctx: Any, words: Sequence[str], error: BaseException) -> None:
    """Say the ``error`` that ends a command on stdout too, if it asked for JSON or CSV.

    The app's command group calls it with its context (typer's click ``Context``) and the
    command line after ``supplyline``, for whatever ends the command; the error then goes
    on as it came (the faces' one mapping prints it on stderr and picks the exit code,
    :func:`supplyline.cli.errors.report_error`). The format is the one the ``--format``
    option parsed (:func:`~supplyline.cli.output.remember_format`); for an option that
    does not parse before it, the one the command line names, if the command has one.
    """
    fmt = ctx.meta.get(FORMAT_ASKED)
    if fmt is None and isinstance(error, typer.TyperException) and _offers_format(ctx, words):
        fmt = asked_format(words)
    if isinstance(fmt, OutputFormat):
        say_failure(fmt, error)


def _offers_format(ctx: Any, words: Sequence[str]) -> bool:
    """Whether the command that ``words`` name (through its groups) has a ``--format``."""
    command = ctx.command
    for word in words:
        if not hasattr(command, "get_command"):
            break
        named = command.get_command(ctx, word)
        if named is not None:
            command = named
        elif not word.startswith("-"):
            return False  # not a command's name, nor a group's option: no such command
    return any("--format" in getattr(p, "opts", ()) for p in getattr(command, "params", ()))


def say_failure(fmt: OutputFormat, error: BaseException) -> None:
    """Write ``error``, which ends the command, on stdout in ``fmt``; a bug says nothing.

    Ctrl+C and SIGTERM are said whether the work turned them into an exit
    (``interruptible``, a ``typer.Exit`` said on stderr already) or not (the app's handler
    says the KeyboardInterrupt on stderr, with this code). A closed pipe (141) is not said:
    there is no one to read it.
    """
    if isinstance(error, ScenarioError):
        write_failure(
            fmt,
            exit_code=exit_code_for(error),
            message=error.summary,
            issues=issue_rows(error.issues),
        )
    elif isinstance(error, SupplylineError):
        write_failure(fmt, exit_code=exit_code_for(error), message=str(error))
    elif isinstance(error, typer.TyperException):  # an option refused: typer or the command
        code, say = getattr(error, "exit_code", None), getattr(error, "format_message", None)
        if isinstance(code, int) and say is not None:
            write_failure(fmt, exit_code=code, message=str(say()))
    elif isinstance(error, typer.Exit):  # Ctrl+C or SIGTERM, or an ending said on stderr
        if error.exit_code:
            write_failure(fmt, exit_code=error.exit_code, message=_ending_words(error))
    elif isinstance(error, KeyboardInterrupt):
        code = exit_interrupted()
        write_failure(fmt, exit_code=code, message=_ending_words(typer.Exit(code)))


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
