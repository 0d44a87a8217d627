"""The check of a ``report=(path, writer)`` argument, shared by the use-cases that take one.

A report is written after the long part (a solve, a routing), so a wrong ``report`` found
only then costs the whole run: a tester's ``report="r.html"`` (a path, not a pair) failed
after the solve with "cannot write the file /: it is a folder" (its first letter taken
for the path), and ``report=(path, print)`` solved, then failed with a misleading
OutputError. Each use-case checks its pair here, before any work.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from supplyline.errors import ArgumentError, require
from supplyline.io.file_names import HTML_SUFFIXES
from supplyline.staged_file import check_file_name

__all__ = ["HTML_SUFFIXES", "check_report", "check_written", "keywords_taken"]


def check_report(
    report: object, *, takes: Sequence[str], suggest: str, suffixes: Sequence[str] = ()
) -> None:
    """Raise ArgumentError unless ``report`` is a (path, writer) pair whose writer ``takes``.

    ``takes`` names the writer's arguments, in order (it is called with them all);
    ``suggest`` is the writer to pass instead, for the message. A writer without a
    signature to read (a builtin) is taken as it is: it is tried when it writes.
    ``suffixes`` (if any) are the endings the path may have, as the CLI's ``--report``:
    a tester's ``("x.pdf", write_plan_report_with_reach)`` wrote a web page named x.pdf
    (an OutputError, as an MPS file's name).
    """
    if not (isinstance(report, tuple) and len(report) == 2 and callable(report[1])):
        raise ArgumentError(f"report(={report!r:.60}) must be a (path, writer) pair")
    require(report[0], (str, os.PathLike), "the report's path")
    if suffixes:  # a folder path said as one first, as --report and the report writers do
        check_file_name(report[0], "a report's file name", suffixes, f"report{suffixes[0]}")
    writer = report[1]
    if inspect.isbuiltin(writer):  # print takes anything, and writes no file
        raise ArgumentError(
            f"the report writer {writer.__name__!r} is a builtin, not a writer of "
            f"({', '.join(takes)}): pass {suggest}"
        )
    try:
        inspect.signature(writer).bind(*(None for _ in takes))
    except TypeError:
        raise ArgumentError(
            f"the report writer {getattr(writer, '__name__', writer)!r} does not take "
            f"({', '.join(takes)}): pass {suggest}"
        ) from None
    except ValueError:  # no signature to read (a builtin): it is tried when it writes
        return


def check_written(writer: Callable[..., object], path: Path) -> None:
    """Raise ArgumentError if ``writer`` returned without writing the report to ``path``.

    Found only once it ran, but said as what it is: a writer that wrote nothing failed
    as "cannot write the report: No such file or directory" when it was moved in place.
    Raised before any file is moved, so nothing is half-written.
    """
    if not path.is_file():
        raise ArgumentError(
            f"the report writer {getattr(writer, '__name__', writer)!r} wrote no file at the "
            "path it was given: a writer must write the report to that path"
        )


def keywords_taken(writer: Callable[..., object], **offered: object) -> dict[str, object]:
    """The keyword arguments of ``offered`` that ``writer`` takes by name (others left out).

    supplyline's writer takes the scenario's ``warnings`` for its report; a user's writer
    of the five positional arguments alone still works.

    >>> def writer(a, *, warnings=()): ...
    >>> keywords_taken(writer, warnings=(), colour="red")
    {'warnings': ()}
    """
    try:
        parameters = inspect.signature(writer).parameters
    except ValueError:  # no signature to read: offered nothing, as before
        return {}
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    return {
        name: value
        for name, value in offered.items()
        if takes_any
        or (
            name in parameters
            and parameters[name].kind
            in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        )
    }
