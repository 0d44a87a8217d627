"""Ctrl+C and HiGHS: a plan stops within an iteration of the solver, wherever it runs.

Why: while HiGHS runs, the thread that called it cannot see Ctrl+C (Python raises
KeyboardInterrupt only between bytecodes, and only in the main thread), so a long solve
ignored Ctrl+C until it ended. Every run goes through :func:`run_stoppably`, which
registers it; on KeyboardInterrupt in the main thread the interrupt callbacks of every
registered run are subscribed, the runs stop at their next iteration, and the interrupt
goes on to the caller once they have.

Ctrl+C can also be lost: CPython prints and drops an exception raised in a weakref
callback or a ``__del__`` ("Exception ignored in: …"), and the garbage collector runs
those at almost any point (matplotlib's caches, while a report is drawn). Inside
:func:`recording_ctrl_c` the SIGINT handler records the press before it raises, and
:func:`raise_if_interrupted` raises it again where work may stop cleanly (between stages,
before outputs are moved into place), so that a lost interrupt ends the work all the same.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

from supplyline.signals import ctrl_c_held_back

if TYPE_CHECKING:  # only its runs pass through here: the command line's progress display
    import highspy  # imports this module, and --help need not wait for HiGHS

__all__ = [
    "WATCH_S",
    "raise_if_interrupted",
    "recording_ctrl_c",
    "run_stoppably",
    "stop_work",
    "stopping_on_interrupt",
    "wait_watching",
]


_runs_lock = threading.Lock()
_runs: dict[highspy.Highs, threading.Event | None] = {}
"""HiGHS runs in progress in this process (Ctrl+C stops them all), each with the event
that stops it and the other runs of its work, if it was given one."""
_stopping = threading.Event()
"""Set from Ctrl+C until the interrupted work has wound down: runs starting meanwhile stop."""


def _interrupt(event: object) -> None:
    event.interrupt()  # type: ignore[attr-defined]  # a highspy HighsCallbackEvent


def _ask_to_stop(h: highspy.Highs) -> None:
    """Make ``h`` stop at its next iteration (simplex or interior point).

    The interrupt callbacks are subscribed only now: subscribed from the start, HiGHS
    would call into Python at every iteration (measured at corridor-S: 8-14 % more CPU).
    """
    h.cbSimplexInterrupt.subscribe(_interrupt)
    h.cbIpmInterrupt.subscribe(_interrupt)


def _stop_all_runs() -> None:
    with _runs_lock:
        _stopping.set()
        for h in _runs:
            _ask_to_stop(h)


def stop_work(stop: threading.Event) -> None:
    """Set ``stop`` and stop every HiGHS run given it (the others go on)."""
    with _runs_lock:
        stop.set()
        for h, its_stop in _runs.items():
            if its_stop is stop:
                _ask_to_stop(h)


@contextmanager
def stopping_on_interrupt(wait: Callable[[], object]) -> Iterator[None]:
    """On Ctrl+C inside: stop this process's HiGHS runs, ``wait`` for their threads, re-raise.

    For the main thread while it waits for HiGHS runs in other threads; the stop makes
    the wait short (HiGHS stops within an iteration), and runs that start during it stop
    at once.
    """
    try:
        yield
    except KeyboardInterrupt:
        _stop_all_runs()
        try:
            # a second press must not cut the wait short: the caller would go on (restore
            # a model's costs, say) while HiGHS still runs, and crash (a tester's
            # `timeout -s INT` sent two, one to the process and one to its group)
            with ctrl_c_held_back():
                wait()
        finally:
            _stopping.clear()
        raise


WATCH_S = 0.1
"""How often the main thread, waiting for HiGHS, looks for Ctrl+C. A signal that another
thread happens to receive (a BLAS thread, say) sets Python's flag without waking a
blocked wait; waiting in short slices lets the main thread see it within this time."""


_pressed = threading.Event()
"""Set by the handler of :func:`recording_ctrl_c` on Ctrl+C, before the interrupt is raised."""
_on_its_way = threading.Event()
"""Set while a KeyboardInterrupt raised inside :func:`recording_ctrl_c` ends the work."""


class _Recorder:
    """A SIGINT handler: record the press, then hand it to the handler it replaced.

    A press while an earlier one's KeyboardInterrupt is on its way out is recorded only:
    raised, it landed in the clean-up that the first one runs on its way (the ``finally``
    blocks that remove a scratch folder, release an output folder's lock, remove the
    folders made for it), which stopped half-way: two SIGTERMs (``timeout``, an impatient
    user) to a ``plan --out x/new`` left ``x`` behind, empty but for a lock file. The
    work stops all the same, by the first. A first one that Python dropped (in a
    ``__del__``) is not on its way (:class:`_QuietOnCtrlC`): the next press is raised.
    """

    def __init__(self, previous: Callable[[int, FrameType | None], Any]) -> None:
        self.previous = previous

    def __call__(self, signum: int, frame: FrameType | None) -> Any:
        _pressed.set()
        if _on_its_way.is_set():
            return None
        try:
            return self.previous(signum, frame)
        except KeyboardInterrupt:
            _on_its_way.set()
            raise


class _QuietOnCtrlC:
    """An unraisable hook that keeps a recorded Ctrl+C quiet and hands on everything else.

    CPython would print the dropped KeyboardInterrupt with its traceback ("Exception
    ignored in: …"); recorded, it ends the work at the next check, with the usual message.
    """

    def __init__(self, previous: Callable[[Any], object]) -> None:
        self.previous = previous

    def __call__(self, unraisable: Any) -> None:  # a sys.UnraisableHookArgs
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            _on_its_way.clear()  # dropped: the work goes on, and the next press must stop it
        if not (_pressed.is_set() and isinstance(unraisable.exc_value, KeyboardInterrupt)):
            self.previous(unraisable)


@contextmanager
def recording_ctrl_c() -> Iterator[None]:
    """Record Ctrl+C while inside, so that :func:`raise_if_interrupted` sees a lost one.

    For the faces, around a command's work; a KeyboardInterrupt that Python drops is not
    printed (the next check raises it). Nothing changes where Python has no handler of
    its own to wrap (Ctrl+C ignored, as in a background job, or left to the system),
    outside the main thread (Python handles signals there only), or inside another
    ``recording_ctrl_c`` (which records already).
    """
    previous = signal.getsignal(signal.SIGINT)
    if (
        threading.current_thread() is not threading.main_thread()
        or not callable(previous)
        or isinstance(previous, _Recorder)
    ):
        yield
        return
    previous_hook = sys.unraisablehook
    _pressed.clear()
    _on_its_way.clear()
    sys.unraisablehook = _QuietOnCtrlC(previous_hook)
    signal.signal(signal.SIGINT, _Recorder(previous))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook
        _pressed.clear()
        _on_its_way.clear()


def raise_if_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl+C was pressed inside :func:`recording_ctrl_c`.

    Also when the interrupt was raised where Python dropped it (a weakref callback, a
    ``__del__``): for the points where work may stop cleanly, so that it stops there as
    on any other Ctrl+C. Outside ``recording_ctrl_c`` it never raises.

    >>> raise_if_interrupted()  # no Ctrl+C recorded
    """
    if _pressed.is_set():
        _on_its_way.set()  # raised again: on its way as a press raised at once would be
        raise KeyboardInterrupt


def wait_watching(done: threading.Event) -> None:
    """Wait for ``done`` in :data:`WATCH_S` slices, so that Ctrl+C is seen on the way."""
    while not done.wait(WATCH_S):
        pass


def _run_in_worker(h: highspy.Highs) -> highspy.HighsStatus:
    """``h.run()`` in a worker thread, the main thread waiting (and so seeing Ctrl+C).

    The wait is on an event, not on ``Thread.join``: Python 3.11 marks a thread that a
    KeyboardInterrupt caught in ``join`` as ended although it still runs, so that a
    second ``join`` returns at once, and the interpreter then finalised under HiGHS's
    feet ("terminate called without an active exception").
    """
    outcome: list[highspy.HighsStatus] = []
    done = threading.Event()

    def work() -> None:
        try:
            outcome.append(h.run())
        finally:
            done.set()

    worker = threading.Thread(target=work, name="highs")
    started = False

    def wait_for_worker() -> None:
        if started:  # else nothing runs: Ctrl+C came before the start
            done.wait()
            worker.join()  # returns at once: the run is over

    with stopping_on_interrupt(wait_for_worker):
        with ctrl_c_held_back():  # so that Ctrl+C comes before the start or after it
            worker.start()
            started = True
        wait_watching(done)
    worker.join()
    return outcome[0]


def run_stoppably(h: highspy.Highs, stop: threading.Event | None = None) -> highspy.HighsStatus:
    """``h.run()``, which Ctrl+C stops within an iteration (then KeyboardInterrupt).

    :func:`stop_work` on ``stop`` stops it too (without an interrupt): for work that
    runs beside another and is no longer wanted.

    While HiGHS runs, the thread that called it cannot see Ctrl+C (Python raises
    KeyboardInterrupt only between bytecodes, in the main thread). Called in the main
    thread, HiGHS therefore runs in a worker thread while the main thread waits; called
    in another thread (pieces solved side by side), the main thread's wait for it is
    wrapped in :func:`stopping_on_interrupt`.
    """
    try:
        with _runs_lock:
            if _stopping.is_set() or (stop is not None and stop.is_set()):
                _ask_to_stop(h)
            _runs[h] = stop
        if threading.current_thread() is not threading.main_thread():
            return h.run()
        return _run_in_worker(h)
    finally:
        with _runs_lock:
            _runs.pop(h, None)
