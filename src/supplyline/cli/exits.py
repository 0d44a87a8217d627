"""How the command ends when it is not an error of supplyline's: Ctrl+C, a closed pipe.

This module imports nothing but the standard library and :mod:`supplyline.signals` (which
imports nothing else), so that the entry point can use it before its slow imports (typer,
rich, then numpy, scipy and HiGHS through the command modules: about a second).
"""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType

from supplyline.signals import note_outputs_in_place, outputs_in_place

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_PIPE_CLOSED",
    "EXIT_TERMINATED",
    "INTERRUPTED",
    "INTERRUPTED_STARTING",
    "WRITTEN",
    "as_signalled",
    "caused_by_ctrl_c",
    "exit_interrupted",
    "ignore_ctrl_c_once_done",
    "interrupted_line",
    "note_files_in_place",
    "quit_on_next_ctrl_c",
    "treat_sigterm_as_ctrl_c",
]

EXIT_INTERRUPTED = 130
"""The shell's code for a command ended by Ctrl+C (128 + SIGINT)."""

EXIT_TERMINATED = 143
"""The shell's code for a command ended by SIGTERM (128 + SIGTERM), as ``docker stop``,
systemd and ``timeout`` send it; supplyline exits with it after its clean-up."""

EXIT_PIPE_CLOSED = 141
"""The shell's code for a command whose output pipe was closed (128 + SIGPIPE).

What ``cat``, ``grep`` or ``yes`` give in ``… | head -1``: they die of SIGPIPE, and the
shell reports 141, which ``set -o pipefail`` scripts already expect from every such tool.
supplyline exits with it rather than dying of the signal, so that its clean-up (scratch
files, database sessions) still runs; exit 0 would claim the whole output was read.
"""

INTERRUPTED_STARTING = "interrupted: nothing done (Ctrl+C while supplyline was starting)"
"""The line printed for Ctrl+C before a command began (while the modules import)."""

INTERRUPTED = "interrupted"
"""The line printed for Ctrl+C in a command that says nothing more specific."""

WRITTEN = "the files were written (Ctrl+C came after them)"
"""What Ctrl+C says once a command's files are in place: they are, whole."""

_TERMINATED = [False]
"""Whether SIGTERM, not Ctrl+C, ended the command (for its words and its exit code)."""


def note_files_in_place(in_place: bool) -> None:
    """Note that the command's files are in place (or, as a command starts, that they are not).

    The writer that moves them notes it too (:func:`~supplyline.signals.outputs_in_place`).
    """
    note_outputs_in_place(in_place)


def interrupted_line() -> str:
    """The line for Ctrl+C outside a command's own words: after its files, it says so.

    A press between a command's last line and its exit said "interrupted" alone.
    """
    return f"interrupted: {WRITTEN}" if outputs_in_place() else INTERRUPTED


def caused_by_ctrl_c(error: BaseException) -> bool:
    """Whether ``error`` came of Ctrl+C: a KeyboardInterrupt that became another error.

    An extension module whose initialisation sees Ctrl+C fails with ``ImportError:
    initialization failed``, raised from the KeyboardInterrupt (matplotlib's ``_path``,
    imported when the report is first written, or any module imported at the start).
    """
    seen: BaseException | None = error
    for _ in range(8):  # a chain is short; never loop on a cycle
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        # the chain a traceback shows: not the context a ``raise … from None`` hides
        hidden = seen.__suppress_context__ and seen.__cause__ is None
        seen = seen.__cause__ or (None if hidden else seen.__context__)
    return False


def _quit_at_once(_signum: int, _frame: FrameType | None) -> None:
    os._exit(exit_interrupted())


def _terminate(_signum: int, frame: FrameType | None) -> None:
    """SIGTERM: whatever Ctrl+C would do now (held back, recorded, or KeyboardInterrupt)."""
    _TERMINATED[0] = True
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)
    else:  # Ctrl+C ignored (a background job) or left to the system: SIGTERM still stops
        raise KeyboardInterrupt


def treat_sigterm_as_ctrl_c() -> None:
    """Let SIGTERM end a command as Ctrl+C does: cleaned up, one line, exit 143.

    Python's default for SIGTERM is to die at once: a tester's ``plan`` under ``timeout``
    (as under ``docker stop`` or systemd) ended silently with -15 and left its hidden,
    half-written scratch folder beside the output. Handled as Ctrl+C, the scratch is
    removed, the command says what was and was not written, and the files being moved
    into place are moved whole first (the press is held back there as Ctrl+C is).
    """
    _TERMINATED[0] = False
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


def exit_interrupted() -> int:
    """The exit code of a command ended by Ctrl+C (130), or by SIGTERM (143)."""
    return EXIT_TERMINATED if _TERMINATED[0] else EXIT_INTERRUPTED


def as_signalled(line: str) -> str:
    """A Ctrl+C line in the words of what ended the command (SIGTERM says so).

    >>> as_signalled("interrupted: no plan written")
    'interrupted: no plan written'
    """
    if not _TERMINATED[0]:
        return line
    return line.replace("interrupted", "terminated (SIGTERM)", 1).replace("Ctrl+C", "SIGTERM")


def quit_on_next_ctrl_c() -> None:
    """Let a further Ctrl+C, once a command ended by Ctrl+C exits, end the process at once.

    Raised as a KeyboardInterrupt it landed in the interpreter's own shutdown, which
    printed "Exception ignored in: <module 'threading'>" and a traceback (a tester pressed
    twice); exiting at once with 130 skips only that shutdown.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _quit_at_once)
        signal.signal(signal.SIGTERM, _quit_at_once)


def ignore_ctrl_c_once_done() -> None:
    """Let Ctrl+C change nothing once a command has done all its work and said all of it.

    What is left is Python's own teardown. CPython puts the default handler of SIGINT back
    as it begins it, before some 0.4 s of freeing the modules (numpy, scipy, HiGHS), so a
    press there killed the process by SIGINT: the shell saw 130 and no word after a
    complete plan (a tester's, 0 to 0.2 s after "wrote 8 files"), which reads as "no plan
    written". Ignored (the one handler CPython leaves in place), the command exits 0, as
    it had finished. Nothing that teardown runs waits on anything: a command's worker
    threads and processes are joined before it returns.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if signal.getsignal(signal.SIGTERM) is _terminate:  # done: no KeyboardInterrupt now
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
