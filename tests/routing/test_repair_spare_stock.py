"""The road-full repair gives from another depot only what it spares beyond the plan's legs.

``other_depots`` moved a load taken off a full road to another depot by what that depot
held, ignoring ``spare_t``: the stock kept back for the plan's own road legs from it on
later days, which the day's first share respects. Hand-worked on the tester's R2d
(J→K full, D1's trucks cannot bring U1's 10 t round it, D2's can over D2→L1): D2 holds
100 t of water but spares none of it, so it must not be picked; sparing 10 t, it is.
"""

from __future__ import annotations

from pathlib import Path

from routing_scenarios import R2D_FILES

from supplyline.io import load_scenario
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.road_load import loaded_matrix
from supplyline.routing.road_repair import Off, other_depots
from supplyline.routing.roads import road_matrix

_HELD = {("D1", "water"): 100.0, ("D2", "water"): 100.0}


def _taken_off(
    tmp_path: Path, spare: dict[tuple[str, str], float] | None
) -> tuple[list[Off], dict[tuple[str, str], float] | None]:
    """U1's 10 t, pinned to D1, taken off J→K: where ``other_depots`` sends it, spares left."""
    folder = tmp_path / "R2d"
    folder.mkdir()
    for name, text in R2D_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    s = load_scenario(folder)
    groups = list(s.fleet)
    km = road_matrix(s, ["D1", "D2", "L1"], day=1)
    round_jk = loaded_matrix(s, km, 1, frozenset({("J-K", "J", "K")}), {"L1"})
    off = [Off(DeliveryRequest(unit="U1", location="L1", load_t={"water": 10.0}), "D1", ())]
    return other_depots(s, off, groups, round_jk, _HELD, 1, spare)


def test_without_spare_stock_the_load_goes_to_the_depot_that_holds_it(tmp_path: Path) -> None:
    """No ``spare_t`` (a stock given without a plan): D2's 100 t serve U1's 10 t."""
    moved, left = _taken_off(tmp_path, None)
    assert left is None
    assert [(o.pinned, dict(o.req.load_t)) for o in moved] == [("D2", {"water": 10.0})]


def test_a_depot_whose_stock_is_kept_for_later_legs_is_not_picked(tmp_path: Path) -> None:
    """D2 holds 100 t but spares 0 (all kept for the plan's later legs): U1 stays at D1."""
    moved, left = _taken_off(tmp_path, {("D1", "water"): 100.0, ("D2", "water"): 0.0})
    assert [(o.pinned, dict(o.req.load_t)) for o in moved] == [("D1", {"water": 10.0})]
    assert left == {("D1", "water"): 100.0, ("D2", "water"): 0.0}


def test_a_depot_sparing_part_of_the_load_is_not_picked_for_all_of_it(tmp_path: Path) -> None:
    """D2 spares 4 t of the 10 t: it does not hold it all, so the load stays as it was."""
    moved, left = _taken_off(tmp_path, {("D1", "water"): 100.0, ("D2", "water"): 4.0})
    assert [o.pinned for o in moved] == ["D1"]
    assert left == {("D1", "water"): 100.0, ("D2", "water"): 4.0}


def test_a_depot_sparing_the_load_is_picked_and_spares_that_less(tmp_path: Path) -> None:
    """D2 spares 10 t: U1's 10 t go from D2, and D2 spares 0 t more after."""
    moved, left = _taken_off(tmp_path, {("D1", "water"): 100.0, ("D2", "water"): 10.0})
    assert [(o.pinned, dict(o.req.load_t)) for o in moved] == [("D2", {"water": 10.0})]
    assert left == {("D1", "water"): 100.0, ("D2", "water"): 0.0}
