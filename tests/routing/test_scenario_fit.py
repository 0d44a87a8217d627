"""The routing API refuses ids the scenario lacks and days outside its horizon, by name.

An API tester's round (2027-01): ``road_bound`` raised a bare ``KeyError`` for an unknown
depot, read "no bound" (None) for an unknown place, took a day past the horizon and gave
a numpy float; ``check_reach`` dropped a misspelt unit and read all well; ``route_day``
reported ``caviar`` delivered; ``plan_truck_loads`` on day 99 gave ``([], [])``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from routing_scenarios import star

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.routing.convoy import ConvoyParams, DeliveryRequest, route_day
from supplyline.routing.plan_loads import plan_truck_loads
from supplyline.routing.reach import check_reach
from supplyline.routing.road_days import road_bound

NARROW, _ = one_link(capacity_t_per_day=5.0)
STAR = star(2, 50.0, count=2, payload_t=10.0)


@pytest.mark.parametrize(
    ("depot", "place", "named"),
    [
        pytest.param("nope", "U", r"depot: no location 'nope' in scenario 'one-link'", id="depot"),
        pytest.param("D", "nope", r"place: no location 'nope'", id="place"),
        pytest.param("d", "U", r"no location 'd' .*\(did you mean 'D'", id="did-you-mean"),
    ],
)
def test_road_bound_refuses_a_place_the_scenario_lacks(depot: str, place: str, named: str) -> None:
    """An unknown depot or place is a ScenarioError naming it, not a KeyError or "no bound"."""
    with pytest.raises(ScenarioError, match=named):
        road_bound(NARROW, depot, place, 10.0)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        pytest.param({"day": 5}, r"day 5 is outside the horizon of 5 days .* choose 0 to 4"),
        pytest.param({"day": -1}, "day -1 is outside the horizon"),
        pytest.param({"day": "2"}, r"day\(='2'\)"),
        pytest.param({"need_t": float("nan")}, r"need_t\(=nan\) is not a number"),
        pytest.param({"need_t": -1.0}, r"need_t\(=-1.0\) must be a finite number >= 0"),
    ],
)
def test_road_bound_refuses_a_day_outside_the_horizon_or_a_bad_need(
    kwargs: dict[str, object], named: str
) -> None:
    """A day the scenario does not cover, or a need that is no tonnage, is an ArgumentError."""
    call: dict[str, object] = {"need_t": 10.0} | kwargs
    with pytest.raises(ArgumentError, match=named):
        road_bound(NARROW, "D", "U", **call)  # type: ignore[arg-type]


def test_road_bound_gives_plain_floats() -> None:
    """The bound is a Python float (numpy's read ``np.float64(5.0)`` in a script's output)."""
    cut = road_bound(NARROW, "D", "U", 10.0, day=2)
    assert cut is not None
    assert type(cut.limit_t) is float
    assert repr(cut).startswith(f"RoadCut(limit_t={NARROW.links[0].capacity_t_per_day!r}")


@pytest.mark.parametrize(
    ("call", "named"),
    [
        pytest.param(
            lambda: check_reach(STAR, {"U0": 5.0, "U9": 5.0}, availability=0.5),
            r"daily_t: \['U9'\]: no unit 'U9'",
            id="daily_t",
        ),
        pytest.param(
            lambda: check_reach(STAR, {"u0": 5.0}, availability=0.5),
            r"no unit 'u0' .*\(did you mean 'U0'",
            id="did-you-mean",
        ),
        pytest.param(
            lambda: check_reach(STAR, {"U0": 5.0}, availability=0.5, demand_days={"X": [0]}),
            r"demand_days: \['X'\]: no unit 'X'",
            id="demand_days",
        ),
        pytest.param(
            lambda: check_reach(STAR, {"U0": 5.0}, availability=0.5, goods={"X": ["food"]}),
            r"goods: \['X'\]: no unit 'X'",
            id="goods-unit",
        ),
        pytest.param(
            lambda: check_reach(STAR, {"U0": 5.0}, availability=0.5, goods={"U0": {"caviar": 1}}),
            r"goods: \['U0'\]: no commodity 'caviar'",
            id="goods-commodity",
        ),
    ],
)
def test_check_reach_refuses_ids_the_scenario_lacks(call: Callable[[], object], named: str) -> None:
    """A misspelt unit was dropped, and the check read all well; now it is named."""
    with pytest.raises(ScenarioError, match=named):
        call()


def test_check_reach_refuses_every_unknown_id_at_once() -> None:
    """All the ids that do not fit are listed together, as a scenario's load lists its errors."""
    with pytest.raises(ScenarioError) as caught:
        check_reach(STAR, {"A": 1.0, "B": 1.0}, availability=0.5, demand_days={"C": [0]})
    assert [i.column for i in caught.value.issues] == ["['A']", "['B']", "['C']"]


@pytest.mark.parametrize(
    ("load", "named"),
    [
        pytest.param({"caviar": 12.0}, r"\[0\].load_t: no commodity 'caviar'", id="caviar"),
        pytest.param({"fod": 12.0}, r"no commodity 'fod' .*did you mean 'food'\?", id="slip"),
    ],
)
def test_route_day_refuses_a_commodity_the_scenario_lacks(
    load: dict[str, float], named: str, fast: ConvoyParams
) -> None:
    """``caviar`` was routed and reported delivered; it is a ScenarioError, as unknown units are."""
    request = DeliveryRequest(unit="U0", location="L0", load_t=load)
    with pytest.raises(ScenarioError, match=named) as caught:
        route_day(STAR, [request], day=1, params=fast)
    assert caught.value.summary == "the requests do not fit the scenario"


@pytest.mark.parametrize("day", [5, 99, -1])
def test_plan_truck_loads_refuses_a_day_outside_the_horizon(day: int) -> None:
    """Day 99 read as a day with nothing to carry; it is refused in route_day's words."""
    scenario, demand = one_link(transit_days=0)
    plan = plan_movements(scenario, demand)
    with pytest.raises(ArgumentError, match=rf"day {day} is outside the horizon of 5 days"):
        plan_truck_loads(scenario, plan, day)


def test_plan_truck_loads_refuses_what_is_not_a_plan() -> None:
    """A demand where the plan goes is named, not an AttributeError ('deliveries')."""
    scenario, demand = one_link()
    with pytest.raises(ArgumentError, match="the plan must be a Plan"):
        plan_truck_loads(scenario, demand, 1)  # type: ignore[arg-type]
