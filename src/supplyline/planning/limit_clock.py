"""The time limit's clock, carried by the progress stages said while it runs.

A tester's plan with ``--time-limit 20`` spent 18 s of it solving flows apart for a warm
start, and the progress never said how much of the limit was gone. The stages said from
the moment the limit's clock starts (the solve, its warm start included) until the solve
ends are :class:`LimitStage` texts: plain strings to any progress callback, which a face
may ask how much of the limit is used. Nothing of it goes into a file.

>>> heard = []
>>> say = within_limit(heard.append, began=0.0, limit_s=20.0)
>>> say("solving")
>>> heard[0] == "solving", heard[0].limit_s
(True, 20.0)
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["LimitStage", "within_limit"]


class LimitStage(str):
    """A progress stage said while a time limit runs: its text, and the limit's clock."""

    began: float
    """When the limit's clock started, on :func:`time.perf_counter`'s scale."""
    limit_s: float
    """The limit, in seconds."""

    def __new__(cls, text: str, *, began: float, limit_s: float) -> LimitStage:
        """The stage ``text``, with the clock of a limit of ``limit_s`` started at ``began``."""
        stage = super().__new__(cls, text)
        stage.began = began
        stage.limit_s = limit_s
        return stage

    def used_s(self) -> float:
        """Seconds of the limit used so far (may pass the limit: the solve stops after it)."""
        return time.perf_counter() - self.began


def within_limit(
    say: Callable[[str], None], *, began: float, limit_s: float
) -> Callable[[str], None]:
    """``say``, its stages carrying the clock of a limit of ``limit_s`` started at ``began``."""

    def timed(text: str) -> None:
        say(LimitStage(text, began=began, limit_s=limit_s))

    return timed
