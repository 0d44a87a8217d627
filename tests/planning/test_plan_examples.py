"""The bundled examples plan, fast enough, with the bottleneck they are meant to show."""

from __future__ import annotations

import pytest

from supplyline.domain import Demand, Plan, PlanStatus, ResourceKind, Scenario
from supplyline.planning import PlanParams, plan_movements, write_mps


def test_bilateral_plans_to_optimality(bilateral: tuple[Scenario, Demand]) -> None:
    """The bilateral exercise solves to a proven optimum."""
    plan = plan_movements(*bilateral, PlanParams(explain_top=0))
    assert plan.status is PlanStatus.OPTIMAL


def test_bilateral_shows_the_gauge_break_yard_as_a_bottleneck(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """Grenzfeld (the break of gauge) is a top-three bottleneck, with measured advice."""
    plan = plan_movements(*bilateral)
    yard = [
        b
        for b in plan.bottlenecks[:3]
        if b.kind is ResourceKind.HANDLING and b.resource == "grenzfeld"
    ]
    assert yard
    assert yard[0].suggested_extra is not None
    assert "Grenzfeld" in yard[0].explanation


def test_bilateral_moves_every_unit(bilateral: tuple[Scenario, Demand]) -> None:
    """Every deploying unit of the bilateral exercise closes within the horizon."""
    plan = plan_movements(*bilateral, PlanParams(explain_top=0))
    assert plan.closures
    assert all(c.closure_day is not None for c in plan.closures)


def test_host_support_is_traced_to_the_host(bilateral: tuple[Scenario, Demand]) -> None:
    """Some deliveries to the visiting partner's units come from the host's stock."""
    scenario, _ = bilateral
    plan = plan_movements(*bilateral, PlanParams(explain_top=0))
    visiting = {u.id for u in scenario.units if u.partner == "westmark"}
    assert any(d.unit in visiting and d.source_partner == "ostravia" for d in plan.deliveries)


def test_relief_operation_plans(relief: tuple[Scenario, Demand]) -> None:
    """The relief operation solves to a proven optimum."""
    plan = plan_movements(*relief, PlanParams(explain_top=0))
    assert plan.status is PlanStatus.OPTIMAL


def test_mps_export_solves_to_the_same_objective(
    bilateral: tuple[Scenario, Demand], tmp_path: pytest.TempPathFactory
) -> None:
    """The exported MPS, read back into a fresh HiGHS, has the plan's optimum."""
    import highspy

    path = tmp_path / "model.mps"  # type: ignore[operator]
    write_mps(*bilateral, path)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.readModel(str(path))
    h.run()
    plan = plan_movements(*bilateral, PlanParams(explain_top=0))
    assert h.getInfo().objective_function_value == pytest.approx(plan.objective, rel=1e-7)
    # readable names, not HiGHS's c0, r0 (its fallback when two names are equal): the
    # example's units deploy tonnes and people, two flows of one unit
    text = path.read_text()
    assert "arc|deploy:" in text
    assert "arc|deploy-pax:" in text
    assert " c0 " not in text


def _returns(plan: Plan) -> list[tuple[str, str, str, int, int]]:
    """Legs that carry a unit's people (or its equipment) back to where they came from.

    (commodity, from, to, day out, day back) for every leg A→B followed, on the same day or
    later, by a leg B→A of the same unit's people (or tonnes).
    """
    legs: dict[tuple[str, bool], list[tuple[str, str, int]]] = {}
    for m in plan.movements:
        if m.commodity.startswith("deploy:"):
            for people, amount in ((False, m.tonnes), (True, m.pax)):
                if amount > 1e-6:
                    legs.setdefault((m.commodity, people), []).append(
                        (m.origin, m.destination, m.departure_day)
                    )
    return [
        (commodity, a, b, out, back)
        for (commodity, _), trips in legs.items()
        for a, b, out in trips
        for b2, a2, back in trips
        if (a2, b2) == (a, b) and back >= out
    ]


@pytest.mark.parametrize("example", ["bilateral", "relief"])
def test_units_never_travel_back_to_where_they_came_from(
    example: str, request: pytest.FixtureRequest
) -> None:
    """Waiting is free and every leg costs, so no unit's people ride out and back.

    The bilateral plan's movements.csv drove 300 soldiers from the forward depot to the
    railhead and back while they waited for C+6: the legs' tie-breaking cost fell below
    HiGHS's tolerance once the objective was scaled.
    """
    case: tuple[Scenario, Demand] = request.getfixturevalue(example)
    plan = plan_movements(*case, PlanParams(explain_top=0))
    assert _returns(plan) == []


@pytest.mark.parametrize("example", ["bilateral", "relief"])
def test_no_bottleneck_is_worth_only_the_tie_breakers(
    example: str, request: pytest.FixtureRequest
) -> None:
    """A capacity whose shadow price a leg and some holding explain is not listed.

    On the bilateral example the forward depot's food supply ranked third at 3.24 a day
    (one leg's tie-breaker and a few days' holding), with "changes little on its own".
    """
    from supplyline.planning.assemble import prepare
    from supplyline.planning.bottlenecks import tie_breaking_noise

    case: tuple[Scenario, Demand] = request.getfixturevalue(example)
    params = PlanParams()
    noise = tie_breaking_noise(prepare(*case, params))
    plan = plan_movements(*case, params)
    assert plan.bottlenecks
    assert all(b.shadow_price > noise * len(b.days) for b in plan.bottlenecks)
    assert not any("changes little" in b.explanation for b in plan.bottlenecks)


def test_stock_waits_in_its_depot_rather_than_piling_up_at_a_unit(
    relief: tuple[Scenario, Demand],
) -> None:
    """The camp on the waterworks' doorstep holds its water target, no more.

    Holding cost the same everywhere, so pushing four days' water to the stadium camp on
    C+1 (720 t against a 360 t target, and 360 t more loose beside it) was as good as
    leaving it at the waterworks. Waiting in a depot that stocks the goods is now free.
    """
    import numpy as np

    scenario, demand = relief
    plan = plan_movements(scenario, demand, PlanParams(explain_top=0))
    u, k = demand.unit_ids.index("site-1"), demand.commodity_ids.index("water")
    target = np.cumsum(demand.buildup_t[u, k])
    held = [s for s in plan.stocks if (s.unit, s.commodity) == ("site-1", "water")]
    assert held
    assert all(s.tonnes <= target[s.day] + 1e-6 for s in held)
    loose = [s for s in plan.stocks if s.unit is None and s.location == "site-stadium"]
    assert not [s for s in loose if s.commodity == "water"]


def test_a_stock_given_once_is_suggested_in_tonnes_not_tonnes_a_day(
    bilateral: tuple[Scenario, Demand], tmp_path: pytest.TempPathFactory
) -> None:
    """Training area South's spares are on hand once: the extra is '+41 t', not per day."""
    import csv

    from supplyline.io.plan_files import write_plan_files

    plan = plan_movements(*bilateral, PlanParams(explain_top=5))
    once = [b for b in plan.bottlenecks if b.resource == "ta-south/spares"]
    assert once
    assert once[0].extra_unit == "t"
    assert f"+{once[0].suggested_extra:,.0f} t there" in once[0].explanation
    yard = next(b for b in plan.bottlenecks if b.resource == "grenzfeld")
    assert yard.extra_unit == "t/day"
    out = tmp_path / "o"  # type: ignore[operator]
    out.mkdir()
    write_plan_files(out, bilateral[0], plan)
    with (out / "bottlenecks.csv").open(encoding="utf-8-sig") as handle:
        units = {r["resource"]: r["extra_unit"] for r in csv.DictReader(handle)}
    assert units["ta-south/spares"] == "t"
    assert units["grenzfeld"] == "t/day"
