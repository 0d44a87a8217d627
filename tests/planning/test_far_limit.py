"""The capacity named as capping a claim's gain may be steps along the corridor from it.

Testers' corridors: source S → rail la (20 t/day) → yard Y (handling 6 t/day) → road lb
→ junction M → road lm → border post Z → road lc → camp U, whose unit needs 12 t of fuel a
day. With the post handling 8 t/day, the yard's claim named no limit: the post is next to
nothing the yard touches. With the post unlimited and lc at 8 t/day, closed C+6–C+7, it
named none either. Each named limit is re-planned as a planner would: the claim's capacity
far past its extra gains no more than the extra, and with the named one raised too it gains
again.
"""

from __future__ import annotations

import dataclasses
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
"""What "raised" means in a re-plan: far above anything these corridors carry."""


def _corridor(
    folder: Path,
    *,
    y: float = 6,
    z: float | str = "",
    la: float = 20,
    lb: float = 20,
    lm: float = 20,
    lc: float = 20,
    lc_closed: str = "",
    m: float = 0,
) -> tuple[Scenario, Demand]:
    """S → la → Y → lb → M → lm → Z → lc → U, the unit needing 12 t/day of fuel (12 days).

    ``m`` is the junction's ``storage_t``; the others are the links' and the places' own
    capacities, by their ids.
    """
    return scenario_from_files(
        folder / f"c{next(_FOLDERS)}",
        days=12,
        commodity="{id: fuel, supply_class: fuel, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}",
        links=f"la,s,y,rail,1435,100,1,,{la},,1,,false,\n"
        f"lb,y,m,road,,50,1,,{lb},,1,,false,\n"
        f"lm,m,z,road,,50,1,,{lm},,1,,false,\n"
        f"lc,z,u,road,,50,1,,{lc},,1,,false,{lc_closed}\n",
        locations="s,Source S,home,depot,50.0,10.0,,,0\n"
        f"y,Yard Y,home,transshipment,50.0,11.0,{y},0,0\n"
        f"m,Junction M,home,depot,50.0,11.2,,{m},0\n"
        f"z,Post Z,home,border,50.0,11.3,{z},0,0\n"
        "u,Camp U,home,unit_area,50.0,11.5,,,0\n",
        units="u1,Unit 1,home,u,u,120,0,0,0,0\n",
        stocks="s,fuel,1000,0,home\n",
    )


def _short(folder: Path, **capacities: float | str) -> float:
    scenario, demand = _corridor(folder, **capacities)  # type: ignore[arg-type]
    return plan_movements(scenario, demand, PlanParams(explain_top=0)).total_short_t


def _claims(plan: Plan, kind: ResourceKind, resource: str) -> list[Bottleneck]:
    return [b for b in plan.bottlenecks if (b.kind, b.resource) == (kind, resource)]


def test_a_post_two_links_on_is_named(tmp_path: Path) -> None:
    """Beyond the yard's +2 t/day, the post two links on (8 t/day) caps the gain: said so."""
    scenario, demand = _corridor(tmp_path, z=8)
    (yard,) = _claims(plan_movements(scenario, demand), ResourceKind.HANDLING, "y")
    assert (yard.suggested_extra, yard.then_limited_by) == (2.0, "z")
    assert yard.explanation.endswith(
        "; beyond +2 t/day, the border crossing Post Z (handling 8 t/day), full on C+3–C+10, "
        "limits the gain"
    )


def test_re_planned_the_post_is_what_stops_the_gain(tmp_path: Path) -> None:
    """The yard at +2 and at 1000 leave as much short; the yard and the post at 1000, less."""
    claimed = _short(tmp_path, y=8, z=8)
    assert claimed < _short(tmp_path, z=8) - 1.0  # the claim gains
    assert _short(tmp_path, y=RAISED, z=8) == pytest.approx(claimed)
    assert _short(tmp_path, y=RAISED, z=RAISED) < claimed - 1.0


def test_a_link_with_closed_days_further_on_is_named(tmp_path: Path) -> None:
    """The road lc (8 t/day, closed C+6–C+7), two links past the yard, caps its claims."""
    scenario, demand = _corridor(tmp_path, lc=8, lc_closed="6-7")
    claims = _claims(plan_movements(scenario, demand), ResourceKind.HANDLING, "y")
    assert claims
    assert {b.then_limited_by for b in claims} == {"lc (z→u)"}
    assert all(", the road link lc z→u (8 t/day), full on" in b.explanation for b in claims)
    alone = _short(tmp_path, y=RAISED, lc=8, lc_closed="6-7")
    assert _short(tmp_path, y=RAISED, lc=RAISED, lc_closed="6-7") < alone - 1.0


def test_the_bilateral_yard_is_then_limited_by_the_forward_depot(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Beyond the Grenzfeld yard's +400 t/day, the Kar-Tobe depot caps the late lift, re-planned.

    Its handling rows had not been raised when it was tried, and the claim named nothing.
    """
    scenario, demand = bilateral
    (yard,) = _claims(plan_movements(scenario, demand), ResourceKind.HANDLING, "grenzfeld")
    assert (yard.suggested_extra, yard.then_limited_by) == (400.0, "os-forward")

    def late(**handling: float) -> float:
        places = tuple(
            dataclasses.replace(
                loc, handling_t_per_day=handling.get(loc.id, loc.handling_t_per_day)
            )
            for loc in scenario.locations
        )
        plan = plan_movements(
            dataclasses.replace(scenario, locations=places), demand, PlanParams(explain_top=0)
        )
        return sum(c.late_t_days for c in plan.closures)

    claimed = late(grenzfeld=700)
    assert late(grenzfeld=3000) == pytest.approx(claimed)
    assert late(grenzfeld=3000, **{"os-forward": 7000}) < claimed - 1.0


def _scenario_id(named: str) -> str:
    """The link or place id of a capacity named as the report names it ("lc (z→u)")."""
    return named.split(" (")[0]


CORRIDOR = ("la", "y", "lb", "lm", "z", "lc")
"""The corridor's capacities a claim may be of or limited by, by their scenario ids."""


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    y=st.integers(3, 12),
    z=st.integers(3, 14),
    lb=st.integers(3, 14),
    lc=st.integers(3, 14),
    closed=st.sampled_from(["", "5-6", "8"]),
)
def test_the_limit_named_on_a_corridor_is_the_one_re_planning_finds(
    tmp_path: Path, y: int, z: int, lb: int, lc: int, closed: str
) -> None:
    """Re-planned, the limit named is one that gains, and one is named where one gains.

    Raised with the claim's capacity, a named limit gains more than that capacity alone; and
    where some single capacity of the corridor does, once the claim's extra gains all that
    its capacity alone can, one is named. Of the claims of one run of a capacity (raised on
    every day in the re-plan, as a scenario says it), with no partners.
    """
    given_caps: dict[str, float | str] = {"y": y, "z": z, "lb": lb, "lc": lc, "lc_closed": closed}
    scenario, demand = _corridor(tmp_path, **given_caps)  # type: ignore[arg-type]
    plan = plan_movements(scenario, demand)
    ids = [_scenario_id(b.resource) for b in plan.bottlenecks]
    for b, own in zip(plan.bottlenecks, ids, strict=True):
        if own not in CORRIDOR or ids.count(own) > 1 or b.together_with or not b.suggested_extra:
            continue
        alone = _short(tmp_path, **{**given_caps, own: RAISED})
        if b.then_limited_by is not None:
            both = {**given_caps, own: RAISED, _scenario_id(b.then_limited_by): RAISED}
            assert _short(tmp_path, **both) < alone - 1e-6, b.explanation
            continue
        raised_by_claim = float(given_caps.get(own, 20)) + b.suggested_extra
        claimed = _short(tmp_path, **{**given_caps, own: raised_by_claim})
        gains = [
            _short(tmp_path, **{**given_caps, own: RAISED, other: RAISED}) < alone - 1e-6
            for other in CORRIDOR
            if other != own
        ]
        assert claimed > alone + 1e-6 or not any(gains), b.explanation
