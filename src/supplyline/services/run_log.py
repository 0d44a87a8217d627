"""What a long run did, for ``--verbose``: one line per plan and per day of routes.

One place for the words, so that ``plan`` and ``routes`` (which plans first) say the same:
a tester's ``-v routes`` said nothing of the plan it had solved.
"""

from __future__ import annotations

import logging
import os

from supplyline.domain import Plan
from supplyline.domain.routes import Routes
from supplyline.planning.highs import usable_threads

__all__ = ["log_plan", "log_routes", "threads_words"]

log = logging.getLogger(__name__)


def threads_words(asked: int | None, given: int, cores: int) -> str:
    """How many threads HiGHS was given, of the machine's cores, and those asked if more.

    >>> threads_words(2, 2, 2)
    'threads 2 (of 2 cores)'
    >>> threads_words(999, 2, 2)
    'threads 2 (of 2 cores; 999 asked)'
    >>> threads_words(None, 0, 2)
    "threads: HiGHS's default"
    """
    if asked is None:
        return "threads: HiGHS's default"
    more = f"; {asked:,} asked" if asked != given else ""
    return f"threads {given} (of {cores} core{'s' if cores != 1 else ''}{more})"


def log_plan(plan: Plan, *, threads: int | None = None) -> None:
    """The plan's status, model size, method, threads, objective, times and bottlenecks.

    ``threads``: those the plan asked for (``--threads``, ``solver.threads``; None: none
    asked), said as HiGHS was given them (:func:`~supplyline.planning.highs.usable_threads`):
    a tester's ``-v plan --threads N`` said everything of the solve but that.
    """
    st = plan.stats
    given = usable_threads(threads) if threads is not None else 0
    log.info(
        "plan %s: %s columns × %s rows, %s, %s, objective %.6g; build %.3f s, solve %.3f s "
        "(start %.3f s), extract %.3f s, bottlenecks %.3f s (%d measured of %d asked, "
        "%.0f s budget)",
        plan.status.value,
        f"{st.columns:,}",
        f"{st.rows:,}",
        st.method,
        threads_words(threads, given, os.cpu_count() or 1),
        plan.objective,
        st.build_s,
        st.solve_s,
        st.start_s,
        st.extract_s,
        st.explain_s,
        sum(1 for b in plan.bottlenecks if b.shortfall_removed_t is not None),
        st.explain_top,
        st.explain_budget_s,
    )


def log_routes(routes: Routes) -> None:
    """The day's routes: trucks, tonnes delivered, left out and drawn on site, km, cost.

    The seconds are the routing's, not the search's alone: fitting the loads to the trucks
    and roads comes first ("search 12.73 s" of a tester's ``--time-limit 2`` was 7-11 s of
    that fitting on a 100-unit corridor, and the search).
    """
    log.info(
        "routes C+%d (%s): %d truck(s), %.3f t delivered, %.3f t not, %.3f t drawn on site, "
        "%.1f km, cost %.2f; routing %.2f s (loads fitted to trucks and roads, and the search)",
        routes.day,
        routes.source,
        len(routes.routes),
        routes.delivered_t,
        sum(u.tonnes for u in routes.unserved),
        sum(d.tonnes for d in routes.on_site),
        routes.total_distance_km,
        routes.total_cost,
        routes.solve_s,
    )
