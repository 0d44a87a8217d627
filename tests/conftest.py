"""Settings every test shares.

Hypothesis's per-example deadline and its "too slow" health check time the test on the
wall clock: on a loaded machine (CI's, or two workers beside other jobs) a case that
takes 0.1 s alone took 0.39 s and failed a test whose assertions all held. No test here
asserts on wall-clock time, so neither does Hypothesis.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("supplyline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("supplyline")
