"""A truck out for one load in a window hands it to another truck's day, as a trip of its own.

A tester's 69 loads of 1 t 10 km away (each a trip of 40 min: 36 a day a truck) and one of
0.01 t due 6-7 h at 60 km took three trucks (1,800) where two served it all (1,700): the
second truck's day had room for the window's trip between two of its own, but PyVRP's
search moves a stop at a time and never opens a trip just before the next one
(``routing.fewer_trucks``). Here the routes it stopped at, on a 6 h day (9 trips a truck).
"""

from __future__ import annotations

from pyvrp import (
    Activity,
    ActivityType,
    Client,
    CostEvaluator,
    Depot,
    Location,
    ProblemData,
    Route,
    Solution,
    VehicleType,
)

from supplyline.routing.fewer_trucks import with_fewer_trucks

NEAR = 15
"""Loads at A, 5 min from the depot with a 30 min stop: 40 min a trip, 9 in a 6 h day."""
B = NEAR + 1
"""The window's load: 30 min away, due 2-3 h, a trip of 1.5 h."""


def _data(hours: int = 6) -> ProblemData:
    n = B + 1
    where = ["D", *["A"] * NEAR, "B"]
    km = {("D", "A"): 10, ("D", "B"): 60, ("A", "B"): 70}
    drive = {("D", "A"): 300, ("D", "B"): 1800, ("A", "B"): 2100}

    def between(table: dict[tuple[str, str], int], a: str, b: str) -> int:
        return 0 if a == b else table.get((a, b), table.get((b, a), 0))

    dist = [[between(km, where[i], where[j]) for j in range(n)] for i in range(n)]
    dur = [
        [0 if i == j else between(drive, where[i], where[j]) + (1800 if i else 0) for j in range(n)]
        for i in range(n)
    ]
    clients = [
        Client(location=i, delivery=[1000], prize=10**9, required=False) for i in range(1, B)
    ]
    clients.append(
        Client(location=B, delivery=[10], tw_early=7200, tw_late=10800, prize=10**9, required=False)
    )
    truck = VehicleType(
        num_available=4, capacity=[1000], fixed_cost=100, shift_duration=hours * 3600,
        tw_late=hours * 3600, reload_depots=[0],
    )  # fmt: skip
    return ProblemData(
        locations=[Location(x=0, y=0) for _ in range(n)],
        clients=clients,
        depots=[Depot(location=0)],
        vehicle_types=[truck],
        distance_matrices=[dist],
        duration_matrices=[dur],
    )


def _route(data: ProblemData, nodes: list[int]) -> Route:
    """One trip a node (client indices 0… are nodes 1…), reloading at the depot between."""
    acts: list[Activity] = []
    for k, node in enumerate(nodes):
        if k:
            acts.append(Activity(ActivityType.DEPOT, 0))
        acts.append(Activity(ActivityType.CLIENT, node - 1))
    return Route(data, acts, 0)


def test_the_window_s_load_moves_between_another_truck_s_trips_and_its_truck_stays() -> None:
    data = _data()
    stuck = Solution(
        data,
        [_route(data, list(range(1, 10))), _route(data, list(range(10, B))), _route(data, [B])],
    )
    assert stuck.is_feasible()
    better = with_fewer_trucks(data, stuck)
    assert better is not None
    assert better.is_feasible()
    zero = CostEvaluator([0], 0, 0)
    assert len(better.routes()) == 2
    assert zero.cost(better) == zero.cost(stuck) - 100  # the third truck's fixed cost
    served = {a.idx for r in better.routes() for a in r.schedule() if a.is_client()}
    assert served == set(range(B))


def test_no_truck_stays_where_the_others_have_no_room() -> None:
    """On a 5 h day two trucks of seven trips each have 20 min left: the third stays out."""
    data = _data(hours=5)
    routes = [list(range(1, 8)), list(range(8, NEAR)), [NEAR, B]]
    full = Solution(data, [_route(data, nodes) for nodes in routes])
    assert full.is_feasible()
    assert with_fewer_trucks(data, full) is None
