"""What is on hand at a place takes room in its store, drawn or not, and is in stocks.csv.

A planner's forward depot of 900 t held 830 t on hand; the plan drew 499 t, took 123 t
more in, and the 300 t of rations it never drew were in no file and took no room.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from scenario_files import scenario_from_files

from supplyline.domain import Demand, Scenario
from supplyline.planning import plan_movements


def _staging(tmp_path: Path, spares_t: float) -> tuple[Scenario, Demand]:
    """Food waits at depot D (10 t of room) through the road's closure on C+2–C+4.

    The unit at U eats 4 t a day and D→U carries 4 t a day, so D must keep 12 t at the
    end of C+2 for C+3–C+5. ``spares_t`` of spares, on hand at D, nobody needs.
    """
    return scenario_from_files(
        tmp_path / f"staging-{spares_t:g}",
        days=8,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: kg, "
        "per_person_per_day: 100}\n  - {id: spares, supply_class: spare_parts}",
        links="hd,h,d,road,,100,1,,100,,1,,false,2-4\ndu,d,u,road,,10,0,,4,,1,,false,\n",
        locations="h,Home depot,home,depot,50.0,10.0,,,0\nd,Depot D,home,depot,50.0,11.0,,10,0\n"
        "u,Camp U,home,unit_area,50.0,11.1,,0,0\n",
        units="u1,Unit 1,home,u,u,40,0,0,0,0\n",
        stocks="h,food,0,100,home\n" + (f"d,spares,{spares_t:g},0,home\n" if spares_t else ""),
    )


@pytest.mark.parametrize(("spares_t", "short_t"), [(0.0, 6.0), (8.0, 14.0)])
def test_what_is_on_hand_takes_room_whether_drawn_or_not(
    tmp_path: Path, spares_t: float, short_t: float
) -> None:
    """4 t short on C+0, and what D cannot keep of the 12 t.

    Nothing can arrive on C+0; D keeps 10 of the 12 t with its room free (2 t short), and
    2 t with 8 t of spares in the way (10 t short).
    """
    plan = plan_movements(*_staging(tmp_path, spares_t))
    assert plan.total_short_t == pytest.approx(short_t)
    at_d = {}
    for s in plan.stocks:
        if s.location == "d" and s.unit is None:
            at_d[(s.commodity, s.day)] = at_d.get((s.commodity, s.day), 0.0) + s.tonnes
    assert max(sum(t for (_, d), t in at_d.items() if d == day) for day in range(8)) <= 10.0
    if spares_t:  # never drawn, and there every day
        assert [at_d.get(("spares", day)) for day in range(8)] == [8.0] * 8


def _crowded(tmp_path: Path, name: str, days: int, d_stocks: str) -> tuple[Scenario, Demand]:
    """P's 300 t of food can reach depot D (100 t of room) on C+0 only; D→U 10 t a day."""
    return scenario_from_files(
        tmp_path / name,
        days=days,
        commodity="{id: food, supply_class: food, priority: 1, demand_unit: t, "
        "per_person_per_day: 1}\n  - {id: junk, supply_class: general, priority: 5}",
        links=f"pd,P,D,road,,50,1,,,,0,,false,1-{days - 1}\ndu,D,U,road,,50,1,,10,,0,,false,\n",
        locations="P,P,home,depot,50,10,,,0\nD,D,home,depot,50,11,,100,0\n"
        "U,U,home,unit_area,50,12,,0,0\n",
        units="u1,u1,home,U,U,10,0,0,0,0\n",
        stocks="P,food,300,0,home\n" + d_stocks,
    )


def test_more_room_is_measured_on_top_of_what_is_on_hand_with_its_storage_t(
    tmp_path: Path,
) -> None:
    """120 t on hand in a store of 100: its room is 120 t, and +50 t on top needs 170.

    A tester was offered +50 t where raising storage_t by 50 bought 30; an auditor's store
    of storage_t 0 under 20 t on hand was said to be "(0 t)", and its +7 t, put on
    storage_t, bought nothing. The room, the extra on top of it and the storage_t that
    gives it are all said.
    """
    scenario, demand = _crowded(tmp_path, "above", 20, "D,food,120,0,home\n")
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(60.0)
    (store,) = [b for b in plan.bottlenecks if b.kind.value == "storage"]
    assert (store.capacity, store.suggested_extra) == (120.0, 50.0)
    assert store.explanation.startswith(
        "storage at D (room 120 t: what is on hand; storage_t 100) limits food on C+1; "
        "+50 t there (storage_t 170) removes 50 t of shortfall"
    )


def test_a_store_full_of_what_is_on_hand_keeps_out_what_more_room_would_hold(
    tmp_path: Path,
) -> None:
    """D has storage_t 0 and 50 t of junk on hand: its room is the junk's 50 t, all taken.

    The unit eats 10 t a day on C+0-C+9; food reaches D on C+1 only, and D→U carries
    10 t a day: with no room at D, 10 t leave on C+1 and 90 t fall short. With room for
    the 70 t that wait at the end of C+1, 80 t reach the unit: +70 t on top of the 50 t of
    room (storage_t 120) removes 70 t. An auditor's store like it was said to "block
    everything that would pass through it" and be "(0 t)".
    """
    scenario, demand = _crowded(tmp_path, "junk", 10, "D,junk,50,0,home\n")
    scenario = replace(
        scenario,
        locations=tuple(
            replace(loc, storage_t=0.0) if loc.id == "D" else loc for loc in scenario.locations
        ),
    )
    plan = plan_movements(scenario, demand)
    (store,) = [b for b in plan.bottlenecks if b.kind.value == "storage"]
    assert plan.total_short_t == pytest.approx(90.0)
    assert (store.capacity, store.suggested_extra) == (50.0, 70.0)
    assert store.explanation == (
        "storage at D (room 50 t: what is on hand; storage_t 0) is full with what is on hand, "
        "and keeps out food, on C+1–C+7; +70 t there (storage_t 120) removes 70 t of "
        "shortfall: 70 t less food short at u1"
    )


def test_more_on_hand_takes_room_in_the_store_it_is_in(tmp_path: Path) -> None:
    """+20 t of food on hand at a full store "removed 20 t"; re-planned, it removed none.

    Unlimited food on hand used 20 t more; +20 t on hand crowds the room the 300 t from P
    wait in, and removes nothing. +60 t overfills the store (its room is then 0 whatever
    more is on hand) and feeds the unit: the claim says that figure.
    """
    scenario, demand = _crowded(tmp_path, "full", 10, "D,food,10,0,home\nD,junk,50,0,home\n")
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(30.0)
    supply = next(b for b in plan.bottlenecks if b.kind.value == "supply")
    assert supply.suggested_extra == 60.0
    assert supply.explanation.endswith(
        "; +60 t there removes 20 t of shortfall: 20 t less food short at u1"
    )


@pytest.mark.parametrize("storage_t", ["0", "1", "100", ""])
@pytest.mark.parametrize("where", ["store", "camp"])
def test_a_store_of_storage_0_still_holds_and_gives_what_is_on_hand(
    tmp_path: Path, storage_t: str, where: str
) -> None:
    """100 t of water on hand, a camp eating 10 t a day for 10 days: nothing short.

    Its room is what is on hand (the larger of the two, as validate says), whatever
    storage_t says below it: with storage_t 0 a tester's 100 t could be drawn on C+0
    only, 90 t short beside 90 t that sat in the store every day; the same at the camp
    itself (70 t short beside 70 t held there).
    """
    store_storage, camp_storage = (storage_t, "") if where == "store" else ("", storage_t)
    scenario, demand = scenario_from_files(
        tmp_path / f"s-{where}-{storage_t or 'none'}",
        days=10,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: L, "
        "per_person_per_day: 10}",
        links="r1,store,camp,road,,20,0,,10,,1,,false,\n",
        locations=f"store,store,home,warehouse,50.0,10.0,,{store_storage},0\n"
        f"camp,camp,home,unit_area,50.1,10.1,,{camp_storage},0\n",
        units="site,site,home,camp,camp,1000,0,0,0,0\n",
        stocks=f"{where},water,100,0,home\n",
    )
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(0.0, abs=1e-9)
    assert sum(d.tonnes for d in plan.deliveries) == pytest.approx(100.0)


@pytest.mark.parametrize("storage_t", ["0", ""])
def test_a_camp_of_storage_0_keeps_its_water_for_the_unit_that_comes(
    tmp_path: Path, storage_t: str
) -> None:
    """70 t at a camp of storage_t 0; a unit of 1,000 arrives on C+3 and eats 10 t a day.

    It eats the 70 t over C+3–C+9 (a tester's plan left it 70 t short beside them).
    """
    scenario, demand = scenario_from_files(
        tmp_path / f"camp-{storage_t or 'none'}",
        days=10,
        commodity="{id: water, supply_class: water, priority: 1, demand_unit: L, "
        "per_person_per_day: 10}",
        links="r1,home,camp,road,,20,1,,,,1,,false,\n",
        locations=f"home,home,home,garrison,50.0,10.0,,,0\n"
        f"camp,camp,home,unit_area,50.1,10.1,,{storage_t},0\n",
        units="bn,bn,home,home,camp,1000,2,3,0,0\n",
        stocks="camp,water,70,0,home\n",
    )
    plan = plan_movements(scenario, demand)
    assert plan.total_short_t == pytest.approx(0.0, abs=1e-9)
    assert sum(d.tonnes for d in plan.deliveries) == pytest.approx(70.0)
