"""The route files add up: rows to trucks to routes.json, and to each unit's requirement.

A tester found 13 × 7.845 = 101.985 t against a requirement of 101.981 t, routes.csv summing
to 649.58 against routes.json's 649.573, and a row's load_t parts to 7.846 against its 7.845.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain.routes import (
    DrawnOnSite,
    Routes,
    RouteStatus,
    Stop,
    TruckRoute,
    Unserved,
    UnservedReason,
)
from supplyline.io.route_files import (
    on_site_rows,
    route_rows,
    routes_summary,
    truck_rows,
    unserved_rows,
)
from supplyline.services.routing import requests_from_demand, route_scenario_day
from supplyline.types import gram_text

RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
COMMODITIES = ("food", "water", "medical", "shelter")
HALF_KG = Decimal("0.0005000001")


def _d(value: object) -> Decimal:
    return Decimal(str(value))


def _loads(text: str) -> dict[str, Decimal]:
    return {c: _d(t) for c, t in (part.split("=") for part in text.split(";") if part)}


def check_sums(routes: Routes, requirement: dict[str, dict[str, float]]) -> None:
    """Every sum the route files show agrees with routes.json and with the requirement."""
    stops, trucks = route_rows(routes), truck_rows(routes)
    unserved, on_site = unserved_rows(routes), on_site_rows(routes)
    summary = routes_summary(routes)
    per_truck: dict[str, Decimal] = defaultdict(Decimal)
    per_unit: dict[str, Decimal] = defaultdict(Decimal)
    per_commodity: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in [*stops, *unserved, *on_site]:
        parts = _loads(row["load_t"])
        assert sum(parts.values()) == _d(row["tonnes"])  # a row's parts, its tonnes
        per_unit[row["unit"]] += _d(row["tonnes"])
        for c, t in parts.items():
            per_commodity[row["unit"], c] += t
    for row in stops:
        per_truck[row["truck"]] += _d(row["tonnes"])
    assert {t["truck"]: _d(t["tonnes"]) for t in trucks} == dict(per_truck)
    assert _d(summary["delivered_t"]) == sum((_d(t["tonnes"]) for t in trucks), Decimal())
    assert _d(summary["unserved_t"]) == sum((_d(u["tonnes"]) for u in unserved), Decimal())
    assert _d(summary["on_site_t"]) == sum((_d(d["tonnes"]) for d in on_site), Decimal())
    for unit, loads in requirement.items():
        # the requirement rounded to the kilogram (either way at an exact half)
        assert abs(per_unit[unit] - _d(sum(loads.values()))) <= HALF_KG, unit
        for c, t in loads.items():  # each commodity rounded down or up, never further
            assert abs(per_commodity[unit, c] - _d(t)) < Decimal("0.001"), (unit, c)


def _stop(unit: str, load: dict[str, float], trip: int) -> Stop:
    return Stop(
        unit=unit,
        location=f"at-{unit}",
        trip=trip,
        arrival_h=8.0,
        service_start_h=8.0,
        departure_h=8.5,
        load_t=load,
    )


@st.composite
def day_of_routes(draw: st.DrawFn) -> tuple[Routes, dict[str, dict[str, float]]]:
    """Units whose requirement is split into equal truck-loads, some unserved or on site."""
    amounts = st.floats(min_value=0.0005, max_value=400, allow_nan=False)
    requirement: dict[str, dict[str, float]] = {}
    stops: list[Stop] = []
    unserved: list[Unserved] = []
    on_site: list[DrawnOnSite] = []
    for u in range(draw(st.integers(1, 5))):
        unit = f"U{u}"
        coms = draw(st.lists(st.sampled_from(COMMODITIES), min_size=1, max_size=4, unique=True))
        load = {c: draw(amounts) for c in coms}
        requirement[unit] = load
        drawn = draw(st.floats(min_value=0, max_value=0.5))
        if drawn:
            on_site.append(
                DrawnOnSite(
                    unit=unit, location=f"at-{unit}", load_t={coms[0]: load[coms[0]] * drawn}
                )
            )
        rest = {c: t * (1 - drawn) if c == coms[0] else t for c, t in load.items()}
        loads = draw(st.integers(1, 17))
        left_out = draw(st.integers(0, loads - 1))
        share = {c: t / loads for c, t in rest.items()}
        stops += [_stop(unit, share, trip) for trip in range(1, loads - left_out + 1)]
        if left_out:
            unserved.append(
                Unserved(
                    unit=unit,
                    location=f"at-{unit}",
                    load_t={c: t * left_out for c, t in share.items()},
                    reason=UnservedReason.NOT_ENOUGH_TRUCKS,
                    detail="",
                )
            )
    per_truck = draw(st.integers(1, 6))
    routes = tuple(
        TruckRoute(
            truck=f"g#{n}",
            fleet_group="g",
            vehicle_type="truck",
            depot="D",
            start_h=6.0,
            end_h=18.0,
            distance_km=10.0,
            cost=1.0,
            payload_t=10.0,
            stops=tuple(stops[i : i + per_truck]),
        )
        for n, i in enumerate(range(0, len(stops), per_truck))
    )
    day = Routes(
        scenario="s",
        day=3,
        date=dt.date(2025, 1, 4),
        status=RouteStatus.PARTIAL if unserved else RouteStatus.SOLVED,
        routes=routes,
        unserved=tuple(unserved),
        on_site=tuple(on_site),
    )
    return day, requirement


@settings(max_examples=150, deadline=None)
@given(day_of_routes())
def test_every_route_file_adds_up_to_the_kilogram(
    day: tuple[Routes, dict[str, dict[str, float]]],
) -> None:
    """Rows to trucks to routes.json, and each unit's parts to its requirement rounded."""
    check_sums(*day)


def test_the_relief_day_the_tester_routed_adds_up(tmp_path: Path) -> None:
    """Relief C+27 from demand: the written files agree with each other and the requirement."""
    if not RELIEF.is_dir():
        pytest.skip("bundled example not available")
    out = tmp_path / "x"
    from supplyline.routing import RouterParams
    from supplyline.routing.convoy import ConvoyParams

    run = route_scenario_day(
        RELIEF,
        day=27,
        out=out,
        from_demand=True,
        params=ConvoyParams(router=RouterParams(time_limit_s=0.5)),
    )
    scenario = run.opened.scenario
    from supplyline.io.factors import factors_for
    from supplyline.requirements import compute_requirements

    demand = compute_requirements(scenario, factors_for(dict(scenario.factor_overrides)))
    requirement = {r.unit: dict(r.load_t) for r in requests_from_demand(scenario, demand, 27)}
    check_sums(run.routes, requirement)
    with (out / "routes.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [r["tonnes"] for r in written] == [
        gram_text(r["tonnes"]) for r in route_rows(run.routes)
    ]
    summary = json.loads((out / "routes.json").read_text(encoding="utf-8"))
    assert summary["delivered_t"] == routes_summary(run.routes)["delivered_t"]
