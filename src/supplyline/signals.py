"""Holding Ctrl+C back while a step must not stop half-way.

Shared by the planner (starting and stopping the threads that run HiGHS) and the output
writers (moving finished files into place), which may not import each other.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ctrl_c_held_back"]


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
