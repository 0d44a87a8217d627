"""When the route search gives up looking for better routes, as a figure of its own.

Why a module of its own: the ``routes`` command's help quotes it, and beside the routing
problem (:mod:`supplyline.routing.problem`) it brought NumPy into every command's start.
"""

from __future__ import annotations

__all__ = ["STOP_AFTER_NO_IMPROVEMENT"]

STOP_AFTER_NO_IMPROVEMENT = 2_000
"""The search stops after this many iterations without a better solution (within its
time limit). Measured at 10 s (docs/routing.md, "When the search stops"): on the bundled
examples' days the last better routes came by iteration 577 of 2,100-125,000, the longest
run between two better ones 462 iterations; on Solomon C101, R101, RC101, R201 and
CVRPLIB X-n101-k25, 1,167 (R101). Stopping after 2,000 gave the same routes on each."""
