"""The routing package's Python API refuses a wrong argument by name, before any work.

An API tester's round (2026-11-29) on the calls of ``docs/routing.md``: ``route_day`` with
a path for the scenario (AttributeError), ``requests=None`` and ``day="3"`` (bare
TypeErrors), ``day=999`` routed on a date outside the horizon, a NaN or negative load and
``RouterParams(time_limit_s=-1)`` / ``workers=0`` (plain ValueErrors, outside
``except SupplylineError``), an unknown location (a KeyError deep in the road matrix);
``ConvoyParams(router="x")`` was taken and failed only after a solve; ``check_reach``
with a path, ``daily_t=None``, an infinite demand (OverflowError) or
``availability="0.5"`` / ``None`` / a Decimal (TypeErrors).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from routing_scenarios import star

from supplyline.errors import ArgumentError, ScenarioError, SupplylineError
from supplyline.routing import RouterParams
from supplyline.routing import convoy as convoy_module
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.reach import check_reach

SCENARIO = star(2, 50.0, count=2, payload_t=10.0)
OK = DeliveryRequest(unit="U0", location="L0", load_t={"food": 4.0})


@pytest.mark.parametrize(
    ("make", "named"),
    [
        pytest.param(
            lambda: RouterParams(time_limit_s=-1),
            r"time_limit_s\(=-1.0\) is negative",
            id="limit<0",
        ),
        pytest.param(lambda: RouterParams(time_limit_s=0), r"\(=0.0\) is zero", id="limit-0"),
        pytest.param(lambda: ConvoyParams(min_load_t=-2.0), r"\(=-2.0\) is negative", id="min<0"),
        pytest.param(lambda: RouterParams(time_limit_s=math.nan), "time_limit_s", id="limit-nan"),
        pytest.param(lambda: RouterParams(time_limit_s="5"), "time_limit_s", id="limit-text"),
        pytest.param(lambda: RouterParams(workers=0), r"workers\(=0\)", id="workers-0"),
        pytest.param(lambda: RouterParams(max_iterations=0), "max_iterations", id="iterations"),
        pytest.param(lambda: RouterParams(seed=1.5), r"seed\(=1.5\)", id="seed-float"),
        pytest.param(lambda: ConvoyParams(router="x"), r"router\(='x'\)", id="router-text"),
        pytest.param(lambda: ConvoyParams(router=None), r"router\(=None\)", id="router-None"),
        pytest.param(lambda: ConvoyParams(min_load_t=math.nan), "min_load_t", id="min-load"),
        pytest.param(lambda: ConvoyParams(multi_trip="no"), "multi_trip", id="multi-trip"),
        pytest.param(
            lambda: DeliveryRequest(unit="U0", location="L0", load_t={"food": math.nan}),
            "load_t",
            id="load-nan",
        ),
        pytest.param(
            lambda: DeliveryRequest(unit="U0", location="L0", load_t={"food": -5}),
            "load_t",
            id="load-negative",
        ),
        pytest.param(
            lambda: DeliveryRequest(unit="U0", location="L0", load_t=[5]), "load_t", id="load-list"
        ),
        pytest.param(
            lambda: DeliveryRequest(unit="U0", location="L0", load_t={}, volume_m3=-1.0),
            "volume_m3",
            id="volume",
        ),
    ],
)
def test_routing_params_and_requests_refuse_a_bad_value_when_built(
    make: Callable[[], object], named: str
) -> None:
    with pytest.raises(ArgumentError, match=named) as caught:
        make()
    assert isinstance(caught.value, SupplylineError)


def test_routing_params_take_numpy_numbers_as_python_ones() -> None:
    params = RouterParams(time_limit_s=np.float64(2.0), seed=np.int64(3))  # type: ignore[arg-type]
    assert type(params.time_limit_s) is float
    assert type(params.seed) is int
    load = DeliveryRequest(unit="U0", location="L0", load_t={"food": np.float32(2.5)})
    assert type(load.load_t["food"]) is float


@pytest.mark.parametrize(
    ("args", "error", "named"),
    [
        pytest.param({"scenario": "some/folder"}, ArgumentError, "the scenario must", id="path"),
        pytest.param({"requests": None}, ArgumentError, "requests must be a list", id="None"),
        pytest.param({"requests": OK}, ArgumentError, "requests must be a list", id="one"),
        pytest.param({"requests": [OK, "U1"]}, ArgumentError, r"requests\[1\]", id="item"),
        pytest.param({"day": "3"}, ArgumentError, r"day\(='3'\)", id="day-text"),
        pytest.param({"day": 999}, ArgumentError, "day 999 is outside the horizon", id="day-999"),
        pytest.param({"day": -1}, ArgumentError, "day -1 is outside", id="day-negative"),
        pytest.param({"params": {"router": None}}, ArgumentError, "params must be", id="params"),
        pytest.param({"on_best": 5}, ArgumentError, "on_best must be a function", id="on_best"),
        pytest.param(
            {"requests": [DeliveryRequest(unit="U0", location="nowhere", load_t={"food": 1})]},
            ScenarioError,
            r"location 'nowhere'",
            id="unknown-location",
        ),
        pytest.param(
            {"requests": [DeliveryRequest(unit="ZZ", location="L0", load_t={"food": 1})]},
            ScenarioError,
            r"unit 'ZZ'",
            id="unknown-unit",
        ),
        pytest.param(
            {"requests": [DeliveryRequest(unit="U0", location="L1", load_t={"food": 1})]},
            ScenarioError,
            r"unit 'U0' receives at 'L0' \(its destination in units.csv\), not at 'L1'",
            id="another-units-place",
        ),
    ],
)
def test_route_day_refuses_a_wrong_argument_before_any_work(
    monkeypatch: pytest.MonkeyPatch,
    args: dict[str, Any],
    error: type[SupplylineError],
    named: str,
) -> None:
    def no_work(*_a: object, **_k: object) -> None:
        raise AssertionError("the roads were worked out before the arguments were checked")

    monkeypatch.setattr(convoy_module, "road_matrix", no_work)
    call: dict[str, Any] = {"scenario": SCENARIO, "requests": [OK], "day": 1, **args}
    with pytest.raises(error, match=named):
        route_day(call.pop("scenario"), call.pop("requests"), **call)


def test_route_day_takes_a_tuple_of_requests_and_a_numpy_day(fast: ConvoyParams) -> None:
    routes = route_day(SCENARIO, (OK,), day=np.int64(1), params=fast)  # type: ignore[arg-type]
    assert routes.day == 1
    assert type(routes.day) is int
    assert not routes.unserved


@pytest.mark.parametrize(
    ("call", "named"),
    [
        pytest.param(lambda: check_reach("folder", {}, availability=0.5), "the scenario must"),
        pytest.param(lambda: check_reach(SCENARIO, None, availability=0.5), "daily_t must be"),
        pytest.param(lambda: check_reach(SCENARIO, [1, 2], availability=0.5), "daily_t must be"),
        pytest.param(
            lambda: check_reach(SCENARIO, {"U0": math.inf}, availability=0.5),
            r"daily_t\['U0'\]\(=inf\)",
            id="daily-inf",
        ),
        pytest.param(
            lambda: check_reach(SCENARIO, {"U0": "5"}, availability=0.5),
            r"daily_t\['U0'\]",
            id="daily-text",
        ),
        pytest.param(lambda: check_reach(SCENARIO, {}, availability="0.5"), "availability"),
        pytest.param(lambda: check_reach(SCENARIO, {}, availability=None), "availability"),
        pytest.param(lambda: check_reach(SCENARIO, {}, availability=Decimal("0.5")), "avail"),
        pytest.param(lambda: check_reach(SCENARIO, {}, availability=True), "availability"),
        pytest.param(
            lambda: check_reach(
                SCENARIO, {"U0": 5.0}, availability=0.5, demand_days={"U0": [0, 99]}
            ),
            r"demand_days\['U0'\]: day 99 is outside the horizon of 3 days",
            id="demand-day-99",
        ),
        pytest.param(
            lambda: check_reach(SCENARIO, {"U0": 5.0}, availability=0.5, demand_days={"U0": [-1]}),
            r"demand_days\['U0'\]: day -1 is outside",
            id="demand-day-negative",
        ),
        pytest.param(
            lambda: check_reach(SCENARIO, {}, availability=0.5, demand_days={"U0": "01"}),
            r"demand_days\['U0'\]\(='01'\) must be a collection of days",
            id="demand-days-text",
        ),
    ],
)
def test_check_reach_refuses_a_wrong_argument_by_name(
    call: Callable[[], object], named: str
) -> None:
    with pytest.raises(ArgumentError, match=named):
        call()


def test_check_reach_takes_numpy_numbers() -> None:
    check = check_reach(SCENARIO, {"U0": np.float32(5.0)}, availability=np.float64(0.5))  # type: ignore[dict-item, arg-type]
    assert type(check.availability) is float
    assert check.rows[0].daily_t == 5.0


def test_reach_rows_and_shares_hold_python_numbers() -> None:
    """Every number of a reach row and its depot shares is Python's own, not numpy's.

    A tester's ``round_trip_h`` came back as ``np.float64`` from the road matrix.
    """
    check = check_reach(SCENARIO, {"U0": 5.0, "U1": 7.0}, availability=0.5)
    records = [*check.rows, *(x for r in check.rows for x in r.shares)]
    numbers = [
        getattr(rec, f.name)
        for rec in records
        for f in dataclasses.fields(rec)
        if isinstance(getattr(rec, f.name), (float, int, np.generic))
    ]
    assert any(type(v) is float for v in numbers)
    assert [v for v in numbers if type(v) not in (float, int, bool)] == []
