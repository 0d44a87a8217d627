"""A fallback plan made beside the solve, when the time left for the solve looks short.

Why: at corridor-M the flows solved apart take 255 s of a 600 s limit, the repair of the
whole LP does not finish in the rest, and the best responses made after it
(:mod:`supplyline.planning.best_response`) only have the part of the limit kept back for
them: the first large goods flow's re-solve did not finish in it. HiGHS's dual simplex
runs on one core; here the fallback (the mix, then the best responses) runs on another
from the moment the flows apart are solved, until the user's limit, and is dropped (its
runs stopped) as soon as the solve proves its optimum.

Interior point and PDLP start from no basis, so their solves never solve the flows apart;
yet a plan they cannot finish within a time limit needs the fallback as much (a tester's
``--method pdlp --time-limit 20`` ended with no plan, exit 6, where simplex gave one).
For them the fallback also solves the flows apart first, each to a vertex as for a
starting basis (by simplex; a large flow by interior point with crossover), beside the solve,
from half the limit on (:data:`~supplyline.planning.solve.APART_BESIDE_FROM`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace

import numpy as np

from supplyline.planning.best_response import Responses, best_responses
from supplyline.planning.block_start import BlockStart, solve_blocks
from supplyline.planning.fallback import mixed_plan
from supplyline.planning.interrupt import stop_work, wait_watching
from supplyline.planning.model import LpModel
from supplyline.planning.partition import Partition
from supplyline.planning.presence import Presence, fed_before_there, held_to_presence
from supplyline.planning.settle import settle_plan
from supplyline.signals import ctrl_c_held_back

__all__ = [
    "BESIDE_IF_LEFT_BELOW",
    "PRESENCE_ROUNDS",
    "SETTLE_SHARE",
    "FallbackBeside",
    "fallback_plan",
    "worth_making_beside",
]

log = logging.getLogger(__name__)

BESIDE_IF_LEFT_BELOW = 5.0
"""Make the fallback beside the solve when the time left after the flows apart is less
than this many times what they took. Measured, repair against flows apart: corridor-I
3.2-4.4 s against 4.1-4.3 s (a 300 s limit leaves 70 times the flows' time: no fallback
beside it, so the benchmarks' solves keep both cores); corridor-M unfinished after 482 s
against 118 s (a 600 s limit leaves 4.1 times). It was 2 while the flows apart took
255 s at M: flows of the same shape now start from one another
(:mod:`supplyline.planning.shapes`), and the repair did not get faster with them."""


SETTLE_SHARE = 0.1
"""Of the time left after the mix, the part kept for settling the plan's places
(:func:`~supplyline.planning.settle.settle_plan`): its re-solve took 16-41 ms where the
flows' best responses took 0.07-1.0 s (relief, an auditor's x134, corridor-S), 232 ms at
corridor-I against 13-31 s."""


PRESENCE_ROUNDS = 2
"""Rounds of best responses at most after the first, each while the last brought a unit
sooner than the plan it started from (a goods flow that responded before the unit's
people did was held to their days in that plan)."""


def fallback_plan(
    model: LpModel,
    part: Partition,
    start: BlockStart | None,
    *,
    presence: Presence,
    scale: float,
    threads: int | None,
    deadline: float | None,
    stop: threading.Event | None = None,
) -> Responses | None:
    """The fallback plan: the flows' own optima mixed, their best responses, then settled.

    Settled (:func:`~supplyline.planning.settle.settle_plan`): each unit's shortfall,
    stock and slacks made what its deliveries allow at least cost, so that the plan's
    target gaps and shortfalls agree with its stocks; ``places_settled`` says whether the
    time left let its places' draws be re-solved too.

    Without a ``start`` the flows are solved apart first (each to a vertex, as for a
    starting basis), within ``deadline``. No deploying unit is fed before it is there
    (``presence``): the mix sees to it, and the responses and the settling keep the mix's
    days (:func:`~supplyline.planning.presence.held_to_presence`). The responses go on
    until ``deadline``; the result says
    how many flows made theirs (none when the deadline came first: the plan is the mix).
    None if not even the mix could be made (or the flows apart were not all solved in
    time).
    """
    if start is None:
        start = solve_blocks(
            model,
            part,
            scale=scale,
            threads=threads,
            time_limit_s=None if deadline is None else max(0.0, deadline - time.perf_counter()),
            stop=stop,
        )
        if start is None:
            return None
    x = mixed_plan(model, part, start, presence=presence, scale=scale, threads=threads, stop=stop)
    if x is None:
        return None
    early = fed_before_there(model, presence, x)
    if early > 1e-6:  # pragma: no cover - the mix's rows forbid it
        log.warning("the flows' mix fed units %.6f t before they were there", early)
    held = held_to_presence(model, presence, x)
    respond_by = None
    if deadline is not None:  # the settling's re-solve gets a share of what is left
        respond_by = deadline - SETTLE_SHARE * max(0.0, deadline - time.perf_counter())
    made = best_responses(held, part, start, x, scale=scale, deadline=respond_by, stop=stop)
    for _ in range(PRESENCE_ROUNDS):  # units their responses brought sooner: fed sooner
        if not np.any(presence.first_days(made.x) < presence.first_days(x)):
            break
        x, held = made.x, held_to_presence(model, presence, made.x)
        again = best_responses(held, part, start, x, scale=scale, deadline=respond_by, stop=stop)
        made = replace(again, responded=max(made.responded, again.responded))
    settled = settle_plan(held, made.x, scale=scale, deadline=deadline, stop=stop)
    return replace(made, x=settled.x, places_settled=settled.by_place)


def worth_making_beside(flows_s: float, left_s: float, threads: int | None) -> bool:
    """Whether to make the fallback beside the solve: little time left, and a core for it."""
    return threads != 1 and left_s < BESIDE_IF_LEFT_BELOW * flows_s


class FallbackBeside:
    """The fallback plan, made in a thread of its own from the moment it is created.

    From the flows' optima in ``start``; without one, it solves the flows apart first.
    With ``not_before`` (a ``time.perf_counter()`` time) it begins then, or when its
    result is asked for if that comes sooner: a solve that ends before then has not
    shared its cores with a fallback it did not need.
    """

    def __init__(
        self,
        model: LpModel,
        part: Partition,
        start: BlockStart | None,
        *,
        presence: Presence,
        scale: float,
        threads: int | None,
        deadline: float | None,
        not_before: float | None = None,
    ) -> None:
        self._stop = threading.Event()
        self._go = threading.Event()
        self._done = threading.Event()
        self._made: Responses | None = None
        self._error: BaseException | None = None

        def make() -> None:
            try:
                if not_before is not None:
                    self._go.wait(max(0.0, not_before - time.perf_counter()))
                if self._stop.is_set():  # dropped before it began
                    return
                self._made = fallback_plan(
                    model,
                    part,
                    start,
                    presence=presence,
                    scale=scale,
                    threads=threads,
                    deadline=deadline,
                    stop=self._stop,
                )
            except BaseException as error:  # handed to the caller by result()
                self._error = error
            finally:
                self._done.set()

        self._thread = threading.Thread(target=make, name="fallback")
        try:
            with ctrl_c_held_back():  # started, or not at all
                self._thread.start()
        except KeyboardInterrupt:  # pressed while starting: comes out just after
            if self._thread.ident is not None:
                self.drop()
            raise

    def drop(self) -> None:
        """Not wanted any more (the solve proved its optimum, or Ctrl+C): stop and wait."""
        stop_work(self._stop)
        self._go.set()
        wait_watching(self._done)
        self._thread.join()

    def result(self) -> Responses | None:
        """The fallback plan, once made (its best responses end at the deadline)."""
        self._go.set()
        wait_watching(self._done)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._made
