"""Settings every test shares.

Hypothesis's per-example deadline and its "too slow" health check time the test on the
wall clock: on a loaded machine (CI's, or two workers beside other jobs) a case that
takes 0.1 s alone took 0.39 s and failed a test whose assertions all held. No test here
asserts on wall-clock time, so neither does Hypothesis.
"""

from hypothesis import HealthCheck, settings

import supplyline.planning.bottlenecks as bottleneck_measuring

settings.register_profile("supplyline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("supplyline")

# The bottleneck measuring's least budget (as long as the solve, at least this) is wall
# time too: under load (a load average of 10 on 2 cores) the bilateral example's claims
# ran out of it and a test of their words failed. Tests of the time running out give
# ``explain_time_s`` themselves; every other in-process plan measures to the end.
bottleneck_measuring.EXPLAIN_MIN_S = 600.0
