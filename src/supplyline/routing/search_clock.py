"""One deadline for all of a day's route searches: ``--time-limit`` and a quarter more.

A day is routed in several searches: the first (and, when its mixed loads were left
out, the same again packed most urgent first), then the idle trucks' round and the
rounds for loads taken off full roads, each of a quarter of the limit. Each had its
own limit, so the searches together could take twice ``--time-limit`` and more, and the
work around them (the models' matrices) none: a tester's day asked 3 s took 20.2 s.
Now every search ends by one deadline, ``time_limit_s × (1 + LATER_SHARE)`` after the
day's routing began (:func:`~supplyline.routing.convoy.route_day` starts the clock before
it fits the loads to the trucks and roads); each search, the first too, gets its share or
what is left, whichever is less. The fitting and the first model were outside it: a day
of 1,502 small deliveries asked 3 s took 5.8 s (``solve_s``), 2.8 s of it before the search.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from supplyline.routing.problem import RouterParams

__all__ = ["LATER_SHARE", "LEAST_SEARCH_S", "SearchClock"]

LATER_SHARE = 0.25
"""The later rounds' search (idle trucks, loads off full roads), as a share of the limit;
they share it too: all end by the limit and this share after the first search began."""
LEAST_SEARCH_S = 0.01
"""A search past the deadline still runs this long: PyVRP returns its start (the greedy
routes), so a round's loads are still routed as far as those go."""

_now: Callable[[], float] = time.perf_counter
"""The clock read (a test puts a clock of its own here, that advances as searches run)."""


@dataclass(slots=True)
class SearchClock:
    """The day's search deadline, started when the day's routing starts.

    >>> clock = SearchClock(RouterParams(time_limit_s=4.0))
    >>> clock.router(1.0).time_limit_s <= 4.0 and clock.router(LATER_SHARE).time_limit_s <= 1.0
    True
    """

    base: RouterParams
    started: float = field(default_factory=lambda: _now())

    @property
    def deadline(self) -> float:
        """When every search of the day has ended (``time.perf_counter`` seconds).

        Counted from :attr:`started`: the work before a search takes from its time.
        """
        return self.started + self.base.time_limit_s * (1 + LATER_SHARE)

    def router(self, share: float) -> RouterParams:
        """The router's params for a search of ``share`` of the limit, or what is left."""
        left = self.deadline - _now()
        limit = max(LEAST_SEARCH_S, min(self.base.time_limit_s * share, left))
        return replace(self.base, time_limit_s=limit)
