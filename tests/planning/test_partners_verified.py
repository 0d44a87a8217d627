"""Every capacity a claim names "together with" its own is needed for the gain, re-planned.

The partner is picked by its shadow price once the resource is unlimited, and a price is no
promise. On the yards network below, the road p (5 t/day, the same day), full and priced
once the yard Y1 was unlimited, was named in Y1's claim: "+5 t/day there on C+0–C+7
together with +0.00014 t/day at the road link p y1→m (5 t/day) on C+0–C+1 and +5 t/day at
the transshipment yard Y2 … on C+0–C+8 removes 40 t", where the yards alone remove the 40
t. Each partner is now re-solved without its extra and named only where the claim then
does less.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Bottleneck, Demand, Plan, ResourceKind, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.bottlenecks import UNVERIFIED, _explanation
from supplyline.planning.measure import Measured
from supplyline.planning.outcome_words import NO_GAINS
from supplyline.planning.resources import Run

_FOLDERS = itertools.count()

DAYS = 9
NEED_T_PER_DAY = 15.0


def _yards(folder: Path, *, y1: float = 5, y2: float = 5) -> tuple[Scenario, Demand]:
    """S (10 t/day) → Y1 (``y1`` t/day) → p (5 t/day, same day) or q (next day) → M → Y2 → U.

    Y2 handles ``y2`` t/day, and M and Y2 hand on the same day; U needs 15 t a day for 9 days.
    """
    return scenario_from_files(
        folder / f"y{next(_FOLDERS)}",
        days=DAYS,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: t, "
        "per_person_per_day: 0.15}",
        links="a,s,y1,road,,50,0,,,,1,,false,\np,y1,m,road,,50,0,,5,,1,,false,\n"
        "q,y1,m,road,,50,1,,,,1,,false,\nb,m,y2,road,,50,0,,,,1,,false,\n"
        "r,y2,u,road,,50,0,,,,1,,false,\n",
        locations=f"s,S,home,depot,50.0,10.0,,,0\ny1,Y1,home,transshipment,50.0,11.0,{y1},,0\n"
        "m,M,home,railhead,50.0,11.5,,,0\n"
        f"y2,Y2,home,transshipment,50.0,12.0,{y2},,0\nu,U,home,unit_area,50.0,13.0,,,0\n",
        units="a,A,home,u,u,100,0,0,0,0\n",
        stocks="s,water,0,10,home\n",
    )


def _series(folder: Path, *, a: float = 10, b: float = 10) -> tuple[Scenario, Demand]:
    """D (30 t/day) → road a (``a`` t/day) → M → road b (``b`` t/day) → U, the same day.

    U needs 15 t a day for 10 days.
    """
    return scenario_from_files(
        folder / f"s{next(_FOLDERS)}",
        days=10,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: t, "
        "per_person_per_day: 0.15}",
        links=f"a,d,m,road,,50,0,,{a},,1,,false,\nb,m,u,road,,50,0,,{b},,1,,false,\n",
        locations="d,D,home,depot,50.0,10.0,,,0\nm,M,home,transshipment,50.0,11.0,,,0\n"
        "u,U,home,unit_area,50.0,12.0,,,0\n",
        units="a,A,home,u,u,100,0,0,0,0\n",
        stocks="d,water,0,30,home\n",
    )


def _entry(plan: Plan, kind: ResourceKind, resource: str) -> Bottleneck:
    return next(b for b in plan.bottlenecks if (b.kind, b.resource) == (kind, resource))


@pytest.fixture(scope="module")
def yards(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The yards network planned as given."""
    return plan_movements(*_yards(tmp_path_factory.mktemp("yards")))


def test_the_yards_plan_leaves_90_t_short(yards: Plan) -> None:
    """By hand: 5 t a day through Y1 and Y2, all of it the same day: 135 - 45 = 90 t."""
    assert yards.total_short_t == pytest.approx(DAYS * NEED_T_PER_DAY - DAYS * 5)


def test_a_priced_partner_that_buys_nothing_is_not_named(yards: Plan) -> None:
    """Y1's claim names Y2 alone: the road p, priced with them, is left out."""
    y1 = _entry(yards, ResourceKind.HANDLING, "y1")
    assert [(j.resource, j.suggested_extra, j.extra_days) for j in y1.together_with] == [
        ("y2", 5.0, tuple(range(1, DAYS)))
    ]
    assert "road link p" not in y1.explanation
    assert "together with +5 t/day at the transshipment yard Y2" in y1.explanation


def test_the_claim_without_the_partner_is_what_re_planning_finds(
    yards: Plan, tmp_path: Path
) -> None:
    """Y1 and Y2 at 10 t/day: 5 t on C+0 (only p arrives that day), 10 t a day after, 85 t.

    So 50 t stay short, 40 t fewer: the claim's figure, with no extra of p.
    """
    y1 = _entry(yards, ResourceKind.HANDLING, "y1")
    assert y1.suggested_extra == 5.0
    assert y1.shortfall_removed_t == pytest.approx(40.0)
    raised = plan_movements(*_yards(tmp_path, y1=10, y2=10))
    delivered = 5 + (DAYS - 1) * 10
    assert raised.total_short_t == pytest.approx(DAYS * NEED_T_PER_DAY - delivered)
    assert yards.total_short_t - raised.total_short_t == pytest.approx(y1.shortfall_removed_t)


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """Two roads of 10 t/day in a row, feeding a unit that needs 15."""
    return plan_movements(*_series(tmp_path_factory.mktemp("series")))


def test_two_roads_in_a_row_each_name_the_other(series: Plan) -> None:
    """Neither road gains alone; each claim is +5 t/day with +5 at the other, 50 t."""
    assert series.total_short_t == pytest.approx(10 * (NEED_T_PER_DAY - 10))
    for mine, other in (("a (d→m)", "b (m→u)"), ("b (m→u)", "a (d→m)")):
        road = _entry(series, ResourceKind.LINK_TONNES, mine)
        assert road.suggested_extra == 5.0
        assert road.shortfall_removed_t == pytest.approx(50.0)
        assert [(j.resource, j.suggested_extra, j.extra_days) for j in road.together_with] == [
            (other, 5.0, tuple(range(10)))
        ]


@pytest.mark.parametrize(
    ("caps", "short_t"),
    [({"a": 15}, 50.0), ({"b": 15}, 50.0), ({"a": 15, "b": 15}, 0.0)],
)
def test_re_planned_one_road_alone_buys_nothing_and_both_remove_it_all(
    tmp_path: Path, caps: dict[str, float], short_t: float
) -> None:
    """By hand: min(a, b) t a day reach U against 15 needed, for 10 days."""
    plan = plan_movements(*_series(tmp_path, **caps))
    assert plan.total_short_t == pytest.approx(short_t)


def test_partners_not_re_solved_for_want_of_time_are_said_to_be_unverified() -> None:
    """Where the time ran out before a partner was re-solved without, that is not a fact."""
    measured = Measured(
        extra=5.0,
        gains=NO_GAINS,
        effect="removes …",
        crossing=(),
        with_partner=" together with +5 t/day at the yard Y2 on C+1–C+8",
        partners_unverified=True,
    )
    run = Run(
        kind=ResourceKind.HANDLING, key=("handle", 0), days=[0, 1], value=1.0, rows=[], cols=[]
    )
    run.lifted = [0, 1]
    said = _explanation("the yard Y1", run, ("water",), measured)
    assert said.endswith(
        f"+5 t/day there together with +5 t/day at the yard Y2 on C+1–C+8 {UNVERIFIED} removes …"
    )
