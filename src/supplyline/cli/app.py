"""The ``supplyline`` command: one Typer app, each command group in a module of its own.

:func:`main` is the entry point of the console script and of ``python -m supplyline``.
Ctrl+C ends the command with a one-line message and exit code 130 at any stage from the
first line of this module on, the imports included (typer and rich here, the command
modules, then inside each command what it needs; before this module, only the
interpreter's own start-up remains). The command modules import the services, and with
them NumPy, SciPy, HiGHS, PyVRP, PyYAML and SQLAlchemy, inside the commands that use them,
so that ``--help`` and ``--version`` start without any of them
(``tests/cli/test_start_imports.py``). A closed output pipe (``supplyline … | head -2``)
ends it quietly with 141, as it ends ``cat`` or ``grep`` (see :mod:`supplyline.cli.exits`);
an output that cannot be written (``> /dev/full``, a full disk) ends it with one line on
stderr and 74 (see :mod:`supplyline.cli.stdout_guard`).
"""

from __future__ import annotations

import sys

try:  # Ctrl+C during these imports: the message and 130, not a traceback
    import importlib
    import io
    import logging
    import os
    from collections.abc import Iterator
    from contextlib import contextmanager
    from typing import Any

    import typer
    from rich.console import Console
    from typer.core import TyperGroup

    from supplyline import __version__
    from supplyline.cli.errors import report_error
    from supplyline.cli.exits import (
        EXIT_INTERRUPTED,
        EXIT_PIPE_CLOSED,
        EXIT_TERMINATED,
        INTERRUPTED,
        INTERRUPTED_STARTING,
        as_signalled,
        caused_by_ctrl_c,
        exit_interrupted,
        ignore_ctrl_c_once_done,
        interrupted_line,
        note_files_in_place,
        quit_on_next_ctrl_c,
        treat_sigterm_as_ctrl_c,
    )
    from supplyline.cli.log_lines import ConsoleLogHandler
    from supplyline.cli.stdout_guard import (
        EXIT_STDOUT_FAILED,
        StdoutWriteError,
        guard_stdout,
        in_context,
        stdout_failure,
    )
    from supplyline.errors import SupplylineError
except KeyboardInterrupt:
    from supplyline.cli.exits import EXIT_INTERRUPTED, INTERRUPTED_STARTING

    sys.stderr.write(INTERRUPTED_STARTING + "\n")
    raise SystemExit(EXIT_INTERRUPTED) from None

__all__ = ["app", "main"]

err_console = Console(stderr=True)


def _pipe_closed(error: BaseException) -> bool:
    """Whether ``error`` is a write to a closed pipe, or was raised while handling one."""
    return in_context(error, BrokenPipeError) is not None


def _stdout_to_devnull() -> None:
    """Point stdout at the null device: the flush at exit must not fail on the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


@contextmanager
def _ending_as_tools_do(interrupted: str) -> Iterator[None]:
    """Turn Ctrl+C into ``interrupted`` and 130, and a closed output pipe into a quiet 141.

    An error that Ctrl+C caused (see :func:`~supplyline.cli.exits.caused_by_ctrl_c`) is
    Ctrl+C too. A stdout that cannot be written (a full device) is one line and 74.
    """
    try:
        yield
    except KeyboardInterrupt:
        if interrupted == INTERRUPTED:
            interrupted = interrupted_line()  # after the command's files: it says so
        err_console.print(
            as_signalled(interrupted), style="bold red", highlight=False, markup=False
        )
        raise typer.Exit(exit_interrupted()) from None
    except (OSError, SystemExit) as error:
        if (failed := stdout_failure(error)) is not None:
            err_console.print(
                failed.line(), style="bold red", highlight=False, markup=False, soft_wrap=True
            )
            _stdout_to_devnull()  # what is left in its buffer must not fail again at exit
            raise typer.Exit(EXIT_STDOUT_FAILED) from None
        if not _pipe_closed(error):
            raise
        _stdout_to_devnull()
        raise typer.Exit(EXIT_PIPE_CLOSED) from None
    except Exception as error:
        if not caused_by_ctrl_c(error):
            raise
        if interrupted == INTERRUPTED:
            interrupted = interrupted_line()
        err_console.print(
            as_signalled(interrupted), style="bold red", highlight=False, markup=False
        )
        raise typer.Exit(exit_interrupted()) from None


_AS_CONSOLE_SCRIPT = [False]
"""Whether :func:`main` runs the app (a process of its own), not a test's runner in its
process: only then may a finished command set Ctrl+C aside."""


class _Group(TyperGroup):
    """The root command group: how every command ends on Ctrl+C or a closed pipe.

    Typer itself ends a command on Ctrl+C with 130 and no word, and on a closed pipe with
    1 and no word (rich: ``SystemExit(1)``); the commands that write files say more
    themselves (``interrupted: no plan written``, see :mod:`supplyline.cli.progress`).
    """

    def make_context(self, *args: Any, **kwargs: Any) -> Any:  # typer's own click's Context
        # reading the options imports more (typer's converters), and --help prints
        with _ending_as_tools_do(INTERRUPTED_STARTING):
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        note_files_in_place(False)  # until the command says its files are
        # the command's name and its arguments (typer's own click keeps the name apart)
        words = [str(w) for w in (*getattr(ctx, "_protected_args", ()), *ctx.args)]
        with _ending_as_tools_do(INTERRUPTED):
            _begin_command()
            try:
                result = super().invoke(ctx)
            except BaseException as error:  # said on stdout too, then it goes on as it came
                try:
                    _failure_on_stdout(ctx, words, error)
                except StdoutWriteError as unwritten:  # the error is still what to say
                    err_console.print(
                        unwritten.line(),
                        style="bold red",
                        highlight=False,
                        markup=False,
                        soft_wrap=True,
                    )
                    _stdout_to_devnull()
                raise
            sys.stdout.flush()  # the last of the output: a closed pipe may show only here
            if _AS_CONSOLE_SCRIPT[0]:
                # done and said, while a press still ends as "files written": the same
                # press after this, on the way to main's handler, raised a traceback and
                # killed the process by SIGINT (a loaded test run, after "wrote 3 files")
                ignore_ctrl_c_once_done()
            return result


def _begin_command() -> None:
    """Nothing said on stdout yet (a test's runner runs many commands in one process)."""
    from supplyline.cli.failure_output import begin_command

    begin_command()


def _failure_on_stdout(ctx: Any, words: list[str], error: BaseException) -> None:
    """Say a failing command's error on stdout too, in the JSON or CSV it asked for.

    Every command with a ``--format`` option, in this one place: a program reading the
    JSON or CSV it asked for got nothing on stdout (:mod:`supplyline.cli.failure_output`).
    """
    # imported here: only a failing command needs it (--help starts without it)
    from supplyline.cli.failure_output import say_command_failure

    say_command_failure(ctx, words, error)


app = typer.Typer(
    name="supplyline",
    cls=_Group,
    help="Plan and coordinate logistics support between partner organisations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"supplyline {__version__}")
        raise typer.Exit()


FLAG_METAVAR = ""
"""The metavar of an on/off flag: none. Typer 0.29's rich help shows every option's type,
flags too (``--force  <bool>``), as if the flag took a value; its own ``--help`` keeps the
``<bool>``, being typer's (tests/cli/test_help_flags.py)."""


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
        metavar=FLAG_METAVAR,
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Log what happens, on stderr.", metavar=FLAG_METAVAR
    ),
) -> None:
    """Plan and coordinate logistics support between partner organisations."""
    logging.basicConfig(  # the library's records as the CLI's lines: `warning: …`
        level=logging.INFO if verbose else logging.WARNING,
        handlers=[ConsoleLogHandler(err_console, verbose=verbose)],
    )


COMMAND_MODULES = (
    "scenario_cmds",
    "demo_cmds",
    "requirements_cmds",
    "plan_cmds",
    "routes_cmds",
    "ledger_cmds",
)
"""Command modules in the order their panels appear in ``--help``."""


def _register_commands() -> None:
    """Import each command module; each adds its commands to ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"supplyline.cli.{name}")


def main() -> None:
    """Entry point of the console script: run the app, map our errors to exit codes."""
    treat_sigterm_as_ctrl_c()  # docker stop, systemd, timeout: cleaned up as for Ctrl+C
    for stream in (sys.stdout, sys.stderr):
        # a terminal that cannot show "–" or "×" gets "?" rather than a traceback after the
        # files are written (a tester's latin-1 terminal)
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    guard_stdout()  # a full disk or device behind stdout: one line and 74, no traceback
    try:
        if not sys.stdout.isatty():
            # rich assumes 80 columns when printing to a file or pipe; tables of plans are wider
            os.environ.setdefault("COLUMNS", "160")
        _register_commands()
        _AS_CONSOLE_SCRIPT[0] = True
        app(standalone_mode=True)
    except SystemExit as ending:
        if ending.code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            quit_on_next_ctrl_c()  # a second press in the shutdown: no traceback, exit now
        elif ending.code in (0, None):
            ignore_ctrl_c_once_done()  # all done and said: a press in the teardown is not 130
        raise
    except KeyboardInterrupt:  # while the command modules import, before a command runs
        sys.stderr.write(as_signalled(INTERRUPTED_STARTING) + "\n")
        sys.exit(exit_interrupted())
    except SupplylineError as error:
        sys.exit(report_error(error, err_console))
    except Exception as error:  # "ImportError: initialization failed" from Ctrl+C
        if not caused_by_ctrl_c(error):
            raise
        sys.stderr.write(as_signalled(INTERRUPTED_STARTING) + "\n")
        sys.exit(exit_interrupted())
