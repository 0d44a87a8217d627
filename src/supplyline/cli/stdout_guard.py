"""Standard output that says when it cannot be written: a full disk or device, not a bug.

``supplyline factors > /dev/full`` (or ``plan -f csv`` into a file on a full disk) ended in
a traceback, ``OSError: [Errno 28] No space left on device``, exit 1, whichever of rich,
typer or the CSV writer met it. Every write to stdout goes through :func:`guard_stdout`'s
stream, whose failures are :class:`StdoutWriteError`: the command then ends as ``cat``
does there, one line on stderr and a non-zero exit (:data:`EXIT_STDOUT_FAILED`), and only a
write to stdout is said so (a full disk met writing a file is that file's error). A closed
pipe stays a :class:`BrokenPipeError`, which ends the command quietly with 141
(:mod:`supplyline.cli.exits`).

This module imports nothing but the standard library: the entry point uses it before its
slow imports.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = [
    "EXIT_STDOUT_FAILED",
    "StdoutWriteError",
    "guard_stdout",
    "in_context",
    "stdout_failure",
]

_Error = TypeVar("_Error", bound=BaseException)

EXIT_STDOUT_FAILED = 74
"""The exit code of a command whose standard output could not be written (a full disk or
device, an I/O error): ``EX_IOERR`` of ``sysexits.h``, an I/O error on a file, apart from
supplyline's own codes (8 is a file it was asked to write) and from 141, a closed pipe."""


class StdoutWriteError(OSError):
    """Writing to standard output failed (not a closed pipe): its ``errno`` says why."""

    def line(self) -> str:
        """The one line a person reads on stderr.

        >>> StdoutWriteError(28, "No space left on device").line()
        'error: standard output could not be written: No space left on device (the output is incomplete)'
        """  # noqa: E501
        why = self.strerror or (os.strerror(self.errno) if self.errno else "unknown error")
        return f"error: standard output could not be written: {why} (the output is incomplete)"


class _Guarded(io.RawIOBase):
    """Standard output's own file, whose write failures are :class:`StdoutWriteError`."""

    def __init__(self, raw: io.FileIO) -> None:
        super().__init__()
        self._raw = raw

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def isatty(self) -> bool:
        return self._raw.isatty()

    def write(self, data: ReadableBuffer) -> int | None:
        try:
            return self._raw.write(data)
        except (BrokenPipeError, InterruptedError, BlockingIOError):
            raise  # a closed pipe ends quietly; the others the buffer itself handles
        except OSError as error:
            raise StdoutWriteError(error.errno, error.strerror) from error


def guard_stdout() -> None:
    """Make ``sys.stdout`` a stream whose write failures are :class:`StdoutWriteError`.

    The new stream writes to the same file as the old one, with its encoding, error
    handling and buffering; a stream that is not a file (a test's capture) is left alone.
    The old one is flushed first and kept open (``sys.__stdout__``).
    """
    stream = sys.stdout
    if not isinstance(stream, io.TextIOWrapper):
        return
    buffer = stream.buffer
    unbuffered = isinstance(buffer, io.FileIO)  # PYTHONUNBUFFERED, -u: Python writes it so
    raw = buffer if unbuffered else getattr(buffer, "raw", None)
    if not isinstance(raw, io.FileIO):
        return
    stream.flush()
    guarded = _Guarded(raw)
    sys.stdout = io.TextIOWrapper(
        guarded if unbuffered else io.BufferedWriter(guarded),
        encoding=stream.encoding,
        errors=stream.errors,
        newline=None if os.name == "nt" else "\n",  # as Python opens stdout
        line_buffering=stream.line_buffering,
        write_through=stream.write_through,
    )


def stdout_failure(error: BaseException) -> StdoutWriteError | None:
    """The failed write to stdout that ``error`` is, or was raised while handling; or None."""
    return in_context(error, StdoutWriteError)


def in_context(error: BaseException, kind: type[_Error]) -> _Error | None:
    """The ``kind`` of error that ``error`` is, or was raised while handling; or None.

    rich turns a failed write into ``SystemExit(1)`` raised inside its handler
    (``Console.on_broken_pipe``), so the failure is the exit's context.
    """
    seen: BaseException | None = error
    for _ in range(8):  # a context chain is short; never loop on a cycle
        if seen is None:
            return None
        if isinstance(seen, kind):
            return seen
        seen = seen.__context__
    return None
