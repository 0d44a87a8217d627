"""The capacity a claim says caps its gain is one whose raising with it gains, re-planned.

A tester's chain: source D → rail link rl (15 t/day) → yard Y (handling 9 t/day, dwell 1)
→ road r1 (7 t/day) to U1 and road r2 (20 t/day) to U2. Once the yard is unlimited the rail
link is full and priced, and was named; re-planned, the rail raised with the yard bought
nothing (95 t short either way) and the road r1 raised with it 3 t (92 t).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.planning import PlanParams, plan_movements

_FOLDERS = itertools.count()

RAISED = 1000.0
"""What "raised" means in a re-plan: far above anything these chains could carry."""


def _chain(
    folder: Path, *, rl: float = 15, y: float = 9, r1: float = 7, r2: float = 20
) -> tuple[Scenario, Demand]:
    """D → rl → Y → r1 → U1 and Y → r2 → U2; units of 500 and 400 needing 0.02 t a head."""
    return scenario_from_files(
        folder,
        days=14,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: t, "
        "per_person_per_day: 0.02}",
        links=f"rl,d,y,rail,1435,90,1,,{rl},,1,,true,\n"
        f"r1,y,u1,road,,100,1,,{r1},,1,,true,\n"
        f"r2,y,u2,road,,100,2,,{r2},,1,,true,\n",
        locations="d,D,home,depot,50.0,20.0,,,0\n"
        f"y,Y,home,transshipment,50.5,21.0,{y},,1\n"
        "u1,U1,home,unit_area,51.0,22.0,,,0\n"
        "u2,U2,home,unit_area,50.0,22.0,,,0\n",
        units="a,A,home,u1,u1,500,0,0,0,0\nb,B,home,u2,u2,400,0,0,0,0\n",
        stocks="d,water,400,0,home\n",
    )


def _short(folder: Path, **capacities: float) -> float:
    scenario, demand = _chain(folder / f"c{next(_FOLDERS)}", **capacities)
    return plan_movements(scenario, demand, PlanParams(explain_top=0)).total_short_t


def _scenario_id(b: Bottleneck | str) -> str:
    """The link or place id of a capacity named as the report names it ("r1 (y→u1)")."""
    return (b if isinstance(b, str) else b.resource).split(" (")[0]


def _yard(plan: Plan) -> Bottleneck:
    return next(b for b in plan.bottlenecks if (b.kind, b.resource) == (ResourceKind.HANDLING, "y"))


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The tester's chain planned as given: the yard binds first."""
    scenario, demand = _chain(tmp_path_factory.mktemp("chain") / "given")
    return plan_movements(scenario, demand)


def test_the_yard_is_then_limited_by_the_road_not_the_rail(chain: Plan) -> None:
    """Beyond the yard's extra, the road r1 Y→U1 caps the gain, as re-planning finds."""
    yard = _yard(chain)
    assert yard.then_limited_by == "r1 (y→u1)"
    assert ", the road link r1 y→u1 (7 t/day), full on" in yard.explanation


def test_re_planned_only_the_named_road_gains_with_the_yard(chain: Plan, tmp_path: Path) -> None:
    """The yard at its claim: more rail buys nothing, more of the named road does."""
    yard = _yard(chain)
    assert yard.suggested_extra is not None
    claimed = _short(tmp_path, y=9 + yard.suggested_extra)
    assert claimed == pytest.approx(chain.total_short_t - (yard.shortfall_removed_t or 0.0))
    assert _short(tmp_path, y=RAISED, rl=RAISED) == pytest.approx(claimed)
    assert _short(tmp_path, y=RAISED, r1=RAISED) < claimed - 1.0


def _raised(names: list[str], base: dict[str, float]) -> dict[str, float]:
    return {k: (RAISED if k in names else v) for k, v in base.items()}


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rl=st.integers(4, 24),
    y=st.integers(4, 24),
    r1=st.integers(2, 16),
    r2=st.integers(2, 16),
)
def test_whatever_is_named_gains_when_raised_with_the_resource(
    tmp_path: Path, rl: int, y: int, r1: int, r2: int
) -> None:
    """Raised together with the claim's resource, its named limit gains more than it alone."""
    given_caps = {"rl": float(rl), "y": float(y), "r1": float(r1), "r2": float(r2)}
    scenario, demand = _chain(tmp_path / f"c{next(_FOLDERS)}", **given_caps)
    plan = plan_movements(scenario, demand)
    for b in plan.bottlenecks:
        if b.then_limited_by is None or b.together_with:
            continue
        alone = _short(tmp_path, **_raised([_scenario_id(b)], given_caps))
        both = [_scenario_id(b), _scenario_id(b.then_limited_by)]
        assert _short(tmp_path, **_raised(both, given_caps)) < alone - 1e-6, b.explanation
