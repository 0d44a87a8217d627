"""Every "less than" in a reach reason puts a smaller figure before a larger one.

A tester's plan (g7) read "dep0 … holds 287.2 t of it on C+8, less than the plan's own road
legs from it bring (191.4 t; 4.7 t short)": the 287.2 t held counted the 100.5 t kept for
the plan's later legs, and the comparison was with the rest (186.7 t). Over random small
plans of one depot, two units and legs on two days, the figure before each ", less than"
(the last tonnes, or "none", said before it in its clause) is below the first said after.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import START, fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Movement, Plan, PlanStatus, Stock
from supplyline.routing.reach import check_reach

_FIGURE = re.compile(r"(none)|(\d[\d,]*(?:\.\d+)?) t\b")


def _figures(text: str) -> list[float]:
    """The tonnes said in ``text`` in order, "none" as 0."""
    return [
        0.0 if m.group(1) else float(m.group(2).replace(",", "")) for m in _FIGURE.finditer(text)
    ]


def less_than_pairs(reason: str) -> list[tuple[float, float]]:
    """(before, after) for each ", less than" of ``reason``: the figures it compares."""
    pairs = []
    parts = reason.split(", less than ")
    for before, after in itertools.pairwise(parts):
        clause = re.split(r"[;(]", before)[-1]
        said, then = _figures(clause), _figures(after)
        if said and then:
            pairs.append((said[-1], then[0]))
    return pairs


def test_the_pairs_are_read_as_said() -> None:
    """The reader itself: g7's old words compare 287.2 with 191.4; the new, 186.7 with 191.4."""
    old = (
        "dep0 holds 287.2 t of it on C+8, less than the plan's own road legs from it bring (191.4 t"
    )
    new = (
        "dep0 holds 287.2 t of it that day, 100.5 t of it kept for the plan's own road legs "
        "and deliveries from dep0 on later days: 186.7 t for the day's trucks, less than the "
        "191.4 t the plan's own road legs from dep0 bring"
    )
    assert less_than_pairs(old) == [(287.2, 191.4)]
    assert less_than_pairs(new) == [(186.7, 191.4)]


def _leg(a: str, b: str, tonnes: float, day: int) -> Movement:
    return Movement(link=f"{a}-{b}", origin=a, destination=b, mode=Mode.ROAD, commodity="food",
                    departure_day=day, arrival_day=day, tonnes=tonnes)  # fmt: skip


_TONNES = st.sampled_from([0.0, 0.04, 2.0, 5.0, 8.0, 10.0, 10.04, 14.0, 30.0, 50.0])


@settings(max_examples=40, deadline=None)
@given(
    payload_t=st.sampled_from([5.0, 10.0, 20.0]),
    hours=st.sampled_from([1.2, 2.2, 9.0]),
    initial_t=st.sampled_from([0.0, 5.0, 10.0, 10.05, 40.0, 80.0]),
    legs=st.lists(st.tuples(st.sampled_from(["U1", "U2"]), _TONNES, st.integers(0, 2)), max_size=5),
)
def test_a_less_than_compares_a_smaller_figure_with_a_larger(
    payload_t: float, hours: float, initial_t: float, legs: list[tuple[str, float, int]]
) -> None:
    """D (one truck) serves u1 and u2 15 km away; the plan's food legs from D on C+0..C+2."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("U1", 0.1), loc("U2", 0.15)]
    s = scenario(
        locs,
        [unit("u1", "U1"), unit("u2", "U2")],
        [road("D", "U1", 15.0), road("D", "U2", 15.0)],
        [fleet("T", "D", count=1, payload_t=payload_t, hours=hours)],
    )
    food = Stock(location="D", commodity="food", initial_t=initial_t)
    s = dataclasses.replace(s, stocks=(food,))
    moves = tuple(_leg("D", where, t, day) for where, t, day in legs if t > 0)
    plan = Plan(scenario=s.name, start_date=START, horizon_days=s.horizon_days,
                status=PlanStatus.OPTIMAL, objective=0.0, movements=moves)  # fmt: skip
    goods = {"u1": {"food": 8.0}, "u2": {"food": 30.0}}
    check = check_reach(s, {"u1": 8.0, "u2": 30.0}, availability=1.0, plan=plan, goods=goods)
    for row in check.rows:
        for before, after in less_than_pairs(row.reason):
            assert before < after, row.reason
