"""Holding Ctrl+C back while a step must not stop half-way, and what it stopped after.

Shared by the planner (starting and stopping the threads that run HiGHS) and the output
writers (moving finished files into place), which may not import each other; and by the
faces, which say on Ctrl+C whether a command's files were written
(:func:`outputs_in_place`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ctrl_c_held_back", "note_outputs_in_place", "outputs_in_place"]

_IN_PLACE = [False]
"""Whether the command running has moved its output files into place."""


def note_outputs_in_place(in_place: bool) -> None:
    """Note that the files of the work running are in place (``False`` as a command starts).

    Set by the writer that moves them, while Ctrl+C is held back, so that a press a moment
    later says they were written: a tester's Ctrl+C between the plan's files moving into
    place and the command's next line read "interrupted: no plan written" or the bare
    "interrupted", with the plan on disk.
    """
    _IN_PLACE[0] = in_place


def outputs_in_place() -> bool:
    """Whether the files of the work running are in place (:func:`note_outputs_in_place`).

    >>> note_outputs_in_place(False); outputs_in_place()
    False
    """
    return _IN_PLACE[0]


@contextmanager
def ctrl_c_held_back() -> Iterator[None]:
    """Hold Ctrl+C back while inside; it takes effect on leaving, if it was pressed.

    For steps that must not stop half-way: an interrupt inside ``Thread.start`` or while
    jobs go to a pool leaves work running that nobody waits for; one while waiting for
    HiGHS to stop lets the caller change the model under it; one while files are moved
    into place leaves old and new side by side. The press takes effect through the
    handler that was there before (Python's raises KeyboardInterrupt); an error raised
    inside goes out as it is. Python handles signals in the main thread only, so
    elsewhere there is nothing to do.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous != signal.SIG_IGN:  # Python's default, or a handler not its own
            raise KeyboardInterrupt
