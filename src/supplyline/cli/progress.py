"""What a long command shows while it works, and how Ctrl+C ends it.

On a terminal: a spinner with the stage and the seconds so far (a solve can take
minutes; a frozen line looks like a hang). In a log (stderr not a terminal, as in a
batch job): one line per stage with the seconds since the start, never wrapped (whatever
the width ``COLUMNS`` gives), so that a filter of the stage lines finds all of each. Ctrl+C ends the
command with a message and exit code 130, without a traceback; the commands write
their files only at the end (all or none), so nothing is half-written. A Ctrl+C that
Python dropped (raised in a weakref callback or a ``__del__``, where CPython only prints
"Exception ignored in") is recorded all the same, and ends the command at the next stage
or before its files are moved into place (see :mod:`supplyline.planning.interrupt`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import typer
from rich.console import Console

from supplyline.cli.exits import (
    EXIT_INTERRUPTED,
    WRITTEN,
    as_signalled,
    caused_by_ctrl_c,
    exit_interrupted,
    note_files_in_place,
)
from supplyline.errors import InterruptedAfterWriting
from supplyline.planning.interrupt import raise_if_interrupted, recording_ctrl_c
from supplyline.planning.limit_clock import LimitStage
from supplyline.signals import note_outputs_in_place, outputs_in_place

__all__ = [
    "EXIT_INTERRUPTED",
    "WRITTEN",
    "files_in_place",
    "interruptible",
    "stages",
    "stages_when_said",
]


class _Stage:
    """The spinner's text, re-rendered at every refresh so that the seconds count up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.began = time.monotonic()

    def __rich__(self) -> str:
        return f"{self.text}… {time.monotonic() - self.began:.0f} s{_limit_used(self.text)}"


def _limit_used(text: str) -> str:
    """How much of the time limit is used, for a stage said while it runs (else nothing).

    A tester's plan with ``--time-limit 20`` spent 18 s of it in the warm start and the
    progress never said so. On stderr only, as all progress is.

    >>> from supplyline.planning.limit_clock import LimitStage
    >>> import time
    >>> _limit_used("loading"), _limit_used(LimitStage("x", began=0.0, limit_s=0.4))
    ('', ' (time limit of 0.4 s reached: stopping)')
    >>> _limit_used(LimitStage("x", began=time.perf_counter(), limit_s=50.0))[:16]
    ' (time limit: 0.'
    """
    if not isinstance(text, LimitStage):
        return ""
    used, limit = text.used_s(), text.limit_s
    if used >= limit:  # HiGHS stops at its next check: "0.27 of 0.25 s used" read as a bug
        return f" (time limit of {limit:g} s reached: stopping)"
    digits = 2 if used < 1 else 1 if used < 10 else 0  # 0.24 s of 50 had read "0 of 50"
    return f" (time limit: {used:.{digits}f} of {limit:g} s used)"


@contextmanager
def stages(console: Console, first: str) -> Iterator[Callable[[str], None]]:
    """Show ``first``, then each stage passed to the yielded callable.

    The callable raises KeyboardInterrupt instead if Ctrl+C was pressed in the stage that
    ends, even if Python dropped the interrupt there.
    """
    if console.is_terminal:
        stage = _Stage(first)
        with console.status(stage):

            def show(text: str) -> None:
                raise_if_interrupted()
                stage.text = text

            yield show
        return
    began = time.monotonic()

    def log(text: str) -> None:
        raise_if_interrupted()
        # one line whatever COLUMNS says (soft_wrap: no wrapping): rich wrapped a long stage
        # at COLUMNS=80, and its tail ("s used)") escaped the README's filter of the stages
        console.print(
            f"{time.monotonic() - began:7.1f} s  {text}{_limit_used(text)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )

    log(first)
    yield log


@contextmanager
def stages_when_said(console: Console) -> Iterator[Callable[[str], None]]:
    """:func:`stages` from the first stage the work says: a quick job that says none, none.

    ``validate`` of a small folder prints its findings alone, as before; of 200,000 links
    (a minute's work, said nothing) it shows each stage as the work names it.
    """
    with ExitStack() as shown:
        said: list[Callable[[str], None]] = []

        def show(text: str) -> None:
            if said:
                said[0](text)
            else:
                said.append(shown.enter_context(stages(console, text)))

        yield show


@contextmanager
def interruptible(console: Console, nothing_done: str) -> Iterator[None]:
    """Turn Ctrl+C inside into ``interrupted: <nothing_done>`` and exit code 130.

    SIGTERM too, as ``terminated (SIGTERM): <nothing_done>`` and 143
    (:func:`~supplyline.cli.exits.treat_sigterm_as_ctrl_c`).

    A Ctrl+C held off while the files were moved into place says they were written
    (:class:`~supplyline.errors.InterruptedAfterWriting`), and so does one after they were
    (:func:`~supplyline.signals.outputs_in_place`), before the work returned: it said
    ``nothing_done`` with the files on disk. The work inside starts with nothing of its
    own in place (a files' note of an earlier command in the same process is cleared).

    Ctrl+C is recorded while inside (:func:`~supplyline.planning.interrupt.recording_ctrl_c`),
    so that the work's checks find one that Python dropped; an error that Ctrl+C caused
    (:func:`~supplyline.cli.exits.caused_by_ctrl_c`) is Ctrl+C too.
    """
    note_outputs_in_place(False)  # the work inside starts with nothing of its own written
    try:
        with recording_ctrl_c():
            try:
                yield
            except Exception as error:
                if caused_by_ctrl_c(error):
                    raise KeyboardInterrupt from error
                raise
    except KeyboardInterrupt as pressed:
        said = nothing_done
        if isinstance(pressed, InterruptedAfterWriting):
            said = "the files were written (Ctrl+C came as they were moved into place)"
        elif outputs_in_place():  # moved a moment before: the work's last steps, not them
            said = WRITTEN
        console.print(as_signalled(f"interrupted: {said}"), style="bold red", highlight=False)
        raise typer.Exit(exit_interrupted()) from None


@contextmanager
def files_in_place(console: Console, *, written: bool) -> Iterator[None]:
    """Around what a command prints once its files are in place (when ``written``).

    Ctrl+C there ends with ``interrupted: the files were written …`` and 130, the
    words the README gives for Ctrl+C while they were moved into place: the files are
    whole, the summary may be cut. It said "interrupted" alone, and before, a tester's
    Ctrl+C just after "wrote 8 files" ended with 130 and no word, which the README reads
    as "no plan written". Once everything is said, a Ctrl+C changes nothing
    (:func:`~supplyline.cli.exits.ignore_ctrl_c_once_done`).
    """
    if not written:
        yield
        return
    with interruptible(console, WRITTEN):
        note_files_in_place(True)  # for a press after this block too, until the command exits
        yield
