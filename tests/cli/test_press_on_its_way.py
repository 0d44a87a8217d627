"""A second Ctrl+C while the first one's KeyboardInterrupt is on its way is recorded only.

Raised, it landed in the clean-up the first one runs (a ``finally`` that removes a scratch
folder or releases a lock), which stopped half-way: two SIGTERMs to a ``plan`` left an
empty output folder with a lock file in it.
"""

from __future__ import annotations

import os
import signal

import pytest
from cli_helpers import press_ctrl_c_where_python_drops_it

from supplyline.planning.interrupt import raise_if_interrupted, recording_ctrl_c

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")


def _press() -> None:
    """Ctrl+C to this process; ``os.kill`` runs the handler before it returns."""
    os.kill(os.getpid(), signal.SIGINT)


def _pressed_twice(done: list[str]) -> None:
    """Ctrl+C, and again in the clean-up on its way out, which notes in ``done`` it ran."""
    with recording_ctrl_c():
        try:
            _press()
        finally:
            _press()  # raised, it would skip the line below
            done.append("scratch removed")


def test_a_second_press_in_the_first_ones_clean_up_lets_it_finish() -> None:
    """The clean-up in ``finally`` runs to its end; the first interrupt comes out."""
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        _pressed_twice(done)
    assert done == ["scratch removed"]


def _pressed_after_a_dropped_one(done: list[str]) -> None:
    """A press Python drops, work noted in ``done``, another press, more work noted."""
    with recording_ctrl_c():
        press_ctrl_c_where_python_drops_it()
        done.append("the work went on")
        _press()
        done.append("past the second press")


def test_a_press_after_one_python_dropped_is_raised() -> None:
    """The first, dropped, is not on its way: the next press stops the work at once."""
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        _pressed_after_a_dropped_one(done)
    assert done == ["the work went on"]


def _checked_after_a_dropped_one(done: list[str]) -> None:
    """A press Python drops, raised by the check; another in the clean-up, noted in ``done``."""
    with recording_ctrl_c():
        press_ctrl_c_where_python_drops_it()
        try:
            raise_if_interrupted()
        finally:
            _press()
            done.append("lock released")


def test_the_check_after_a_dropped_press_puts_it_on_its_way() -> None:
    """raise_if_interrupted raises it; a press during the clean-up then is recorded only."""
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        _checked_after_a_dropped_one(done)
    assert done == ["lock released"]
