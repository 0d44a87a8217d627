"""The shared-road check feeds each unit from its own depot: one commodity per depot.

The single flow let any depot feed any unit: D1 feeding U1 at L1 and D2 feeding U2 at L2
were judged to fit where D1's goods can reach L1 only over J–K, and D2's reach L2 only
over J–K too, while D1's reach L2 and D2's reach L1 by roads of their own.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario
from supplyline.routing.depot_flow import own_depot_flow
from supplyline.routing.road_share import RoadNeed, shared_road_misfits


def _one_way(a: str, b: str, cap: float | None) -> Link:
    return dataclasses.replace(road(a, b, 10.0), bidirectional=False, capacity_t_per_day=cap)


def _swap() -> Scenario:
    """D1, D2 → J → K (10 t/day) → L1, L2; and D1 → L2, D2 → L1 (10 t/day each)."""
    return scenario(
        [loc("D1", 0.0, LocationKind.DEPOT), loc("D2", 0.0, LocationKind.DEPOT, lat=0.1),
         loc("J", 0.1), loc("K", 0.2), loc("L1", 0.3), loc("L2", 0.3, lat=0.1)],
        [unit("U1", "L1"), unit("U2", "L2")],
        [_one_way("D1", "J", None), _one_way("D2", "J", None), _one_way("J", "K", 10.0),
         _one_way("K", "L1", None), _one_way("K", "L2", None),
         _one_way("D1", "L2", 10.0), _one_way("D2", "L1", 10.0)],
        [fleet("T1", "D1"), fleet("T2", "D2")],
    )  # fmt: skip


def test_goods_are_not_swapped_between_depots() -> None:
    """10 + 10 t/day over J–K's 10: the any-depot flow fits (by the swap roads), own does not."""
    needs = [RoadNeed("U1", "D1", "L1", 10.0), RoadNeed("U2", "D2", "L2", 10.0)]
    out = shared_road_misfits(_swap(), needs)
    assert list(out) == ["U2"]
    assert out["U2"] == (
        "needs 10.0 t/day from D2; the roads carry at most 10.0 t/day of 20.0 with each "
        "depot's goods going to its own units (road J→K (link J-K: 10 t/day)), shared with "
        "U1 (10.0 t/day from D1): 20.0 t/day in all (they would fit only if the depots "
        "swapped goods)"
    )


def test_own_goods_that_fit_the_shared_road_are_ok() -> None:
    """5 + 5 t/day over J–K's 10: each depot's own goods fit."""
    needs = [RoadNeed("U1", "D1", "L1", 5.0), RoadNeed("U2", "D2", "L2", 5.0)]
    assert shared_road_misfits(_swap(), needs) == {}


def test_one_depot_is_judged_by_the_single_flow_alone() -> None:
    """Both units of D1: L2 by D1–L2, L1 over J–K: 10 + 10 fit without any swap."""
    needs = [RoadNeed("U1", "D1", "L1", 10.0), RoadNeed("U2", "D1", "L2", 10.0)]
    assert shared_road_misfits(_swap(), needs) == {}


@settings(max_examples=40, deadline=None)
@given(
    caps=st.lists(st.integers(0, 20), min_size=4, max_size=4),
    a=st.integers(1, 20),
    b=st.integers(1, 20),
)
def test_own_flow_carries_what_each_depot_can_alone_and_no_more_than_any_depot(
    caps: list[int], a: int, b: int
) -> None:
    """Two depots 0, 1 to places 2, 3 by four capacitated arcs 0→2, 0→3, 1→2, 1→3.

    Own flow: depot 0's a kg to 2 only over 0→2, depot 1's b kg to 3 only over 1→3, so
    it carries min(a, c02) + min(b, c13) exactly.
    """
    arcs = [(0, 2, float(caps[0])), (0, 3, float(caps[1])), (1, 2, float(caps[2])),
            (1, 3, float(caps[3]))]  # fmt: skip
    own = own_depot_flow(4, arcs, [(0, 2, a), (1, 3, b)])
    assert abs(own.carried_kg - (min(a, caps[0]) + min(b, caps[3]))) < 1e-6
    assert own.fits == (a <= caps[0] and b <= caps[3])
