"""The reach check adds up the units behind one road on its daily capacity.

Two units behind one road of 20 t/day, each needing 15 t/day, both read ok: each was
judged on the road alone, though the road carries 20 t a day for the two (``routes``
takes loads off it, ``road_full``). Now the road is shared as a depot's truck-hours
are: the units are taken fewest tonnes first, and the one that does not fit is named,
with the road and the units sharing it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import Link, LocationKind, Scenario, Stock
from supplyline.io import write_scenario
from supplyline.routing.reach import check_reach


def _capped(a: str, b: str, km: float, capacity: float | None) -> Link:
    return dataclasses.replace(road(a, b, km), capacity_t_per_day=capacity)


def _two_sites(links: list[Link]) -> Scenario:
    """Depot D (ten 10 t trucks, stock), a junction J, units U1 at L1 and U2 at L2."""
    s = scenario(
        [loc("D", 0.0, LocationKind.DEPOT), loc("J", 0.1), loc("L1", 0.2),
         loc("L2", 0.2, lat=0.1)],
        [unit("U1", "L1"), unit("U2", "L2")],
        links,
        [fleet("T", "D", count=10, payload_t=10.0)],
    )  # fmt: skip
    return dataclasses.replace(s, stocks=(Stock(location="D", commodity="food", initial_t=1e5),))


BEHIND_ONE = [_capped("D", "J", 10.0, 20.0), road("J", "L1", 10.0), road("J", "L2", 10.0)]
"""Both sites behind D–J of 20 t/day."""


def test_two_units_behind_one_road_share_it() -> None:
    """15 + 15 t/day over D–J's 20: U1 (first by name, as tonnes tie) fits, U2 does not."""
    check = check_reach(_two_sites(BEHIND_ONE), {"U1": 15.0, "U2": 15.0}, availability=0.75)
    first, second = check.rows
    assert first.sustainable
    assert not second.sustainable
    assert second.reason == (
        "needs 15.0 t/day; the roads from D carry at most 20.0 t/day there (road D–J "
        "(link D-J: 20 t/day)), shared with U1 (15.0 t/day): 30.0 t/day in all"
    )


def test_units_whose_tonnes_fit_the_road_together_are_ok() -> None:
    """10 + 10 t/day over D–J's 20: both ok (the road is full, not over)."""
    check = check_reach(_two_sites(BEHIND_ONE), {"U1": 10.0, "U2": 10.0}, availability=0.75)
    assert check.flagged == ()


def test_the_unit_with_fewer_tonnes_is_taken_first() -> None:
    """U2 needs 5, U1 16 over 20: U2 fits first, U1 is the one named, U2 shares."""
    check = check_reach(_two_sites(BEHIND_ONE), {"U1": 16.0, "U2": 5.0}, availability=0.75)
    assert [r.unit for r in check.flagged] == ["U1"]
    assert "shared with U2 (5.0 t/day): 21.0 t/day in all" in check.flagged[0].reason


def test_units_on_separate_roads_do_not_share() -> None:
    """D–L1 and D–L2 of 20 t/day each, 15 t/day each: both ok, as before."""
    links = [_capped("D", "L1", 10.0, 20.0), _capped("D", "L2", 10.0, 20.0)]
    check = check_reach(_two_sites(links), {"U1": 15.0, "U2": 15.0}, availability=0.75)
    assert check.flagged == ()


def test_a_road_under_a_kilogram_a_day_names_no_sharers_and_says_its_figure() -> None:
    """D–J at 0.00001 and 0.001 t/day: not "shared with :" naming nobody, nor "at most 0.0".

    A tester's one unit behind a road of 1e-5 t/day read "shared with : 40.0 t/day in all",
    and behind 0.001 t/day "carry at most 0.0 t/day there (… 0.001 t/day)".
    """
    for capacity, said in ((1e-5, "0.00001"), (0.001, "0.001")):
        links = [_capped("D", "J", 10.0, capacity), road("J", "L1", 10.0), road("J", "L2", 10.0)]
        check = check_reach(_two_sites(links), {"U1": 15.0, "U2": 0.0}, availability=0.75)
        (row,) = check.flagged
        assert row.unit == "U1"
        assert row.reason.startswith(
            f"needs 15.0 t/day; the roads from D carry at most {said} t/day there (road D–J"
        )
        assert "shared with" not in row.reason


def _two_ways_in() -> Scenario:
    """U1's place has two ways in of 10 t/day each: via J, and via U2's place L2."""
    links = [_capped("D", "J", 10.0, 10.0), road("J", "L1", 10.0),
             _capped("D", "L2", 10.0, 10.0), _capped("L2", "L1", 10.0, 10.0)]  # fmt: skip
    return _two_sites(links)


def test_a_unit_with_two_ways_in_adds_them_up() -> None:
    """U1 needs 15 t/day, its two ways carry 20: ok with U2 needing 5 (10 + 5 via L2)."""
    check = check_reach(_two_ways_in(), {"U1": 15.0, "U2": 5.0}, availability=0.75)
    assert check.flagged == ()


def test_a_unit_with_two_ways_in_shares_the_one_its_neighbour_needs() -> None:
    """U2's 6 t/day take 6 of D–L2's 10: 14 t/day are left for U1's 15, named with both roads."""
    check = check_reach(_two_ways_in(), {"U1": 15.0, "U2": 6.0}, availability=0.75)
    assert [r.unit for r in check.flagged] == ["U1"]
    assert check.flagged[0].reason == (
        "needs 15.0 t/day; the roads from D carry at most 20.0 t/day there (road D–J "
        "(link D-J: 10 t/day), road D–L2 (link D-L2: 10 t/day)), shared with U2 (6.0 t/day): "
        "21.0 t/day in all"
    )


def test_a_unit_flagged_on_its_own_does_not_flag_the_other() -> None:
    """U2 needs 25 t/day, more than D–J carries alone: it alone is flagged, U1's 5 fit."""
    check = check_reach(_two_sites(BEHIND_ONE), {"U1": 5.0, "U2": 25.0}, availability=0.75)
    assert [r.unit for r in check.flagged] == ["U2"]
    assert "carry at most 20.0 t/day there (road D–J (link D-J: 20 t/day))" in (
        check.flagged[0].reason
    )
    assert "shared" not in check.flagged[0].reason


def test_the_reach_command_names_the_shared_road(tmp_path: Path) -> None:
    """Through the commands: 7,500 people × 2 kg = 15 t/day a unit; routes leaves the 10 t over."""
    s = _two_sites(BEHIND_ONE)
    s = dataclasses.replace(
        s, units=tuple(dataclasses.replace(u, personnel=7_500) for u in s.units)
    )
    folder = tmp_path / "sc"
    write_scenario(s, folder)
    done = subprocess.run([sys.executable, "-m", "supplyline", "reach", str(folder), "--format",
                           "csv"], capture_output=True, text=True, check=True)  # fmt: skip
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(done.stdout.lstrip("\ufeff")))}
    assert (rows["U1"]["ok"], rows["U2"]["ok"]) == ("yes", "no")
    assert "shared with U1 (15.0 t/day): 30.0 t/day in all" in rows["U2"]["reason"]
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "supplyline", "routes", str(folder), "--day", "1",
                    "--from-demand", "--time-limit", "1", "--out", str(out)],
                   capture_output=True, text=True, check=True)  # fmt: skip
    with (out / "unserved.csv").open(encoding="utf-8-sig") as fh:
        left = list(csv.DictReader(fh))
    # what reach says does not fit is what routes leaves off the road: 30 - 20 t
    assert {r["reason"] for r in left} == {"road_full"}
    assert sum(float(r["tonnes"]) for r in left) == 10.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=st.floats(0.5, 30.0),
    b=st.floats(0.5, 30.0),
    cap=st.floats(1.0, 60.0),
)
def test_units_behind_one_road_are_ok_together_only_where_it_carries_their_sum(
    a: float, b: float, cap: float
) -> None:
    """Behind one road of ``cap``: no flag where a + b fits; one where only each alone does.

    Tonnes are counted in whole kilograms (needs up, capacities down): sums within 10 kg
    of the capacity are left out.
    """
    assume(abs(a + b - cap) > 1e-2 and abs(max(a, b) - cap) > 1e-2)
    links = [_capped("D", "J", 10.0, cap), road("J", "L1", 10.0), road("J", "L2", 10.0)]
    check = check_reach(_two_sites(links), {"U1": a, "U2": b}, availability=1.0)
    flagged = [r.unit for r in check.flagged]
    if a + b < cap:
        assert flagged == []
    elif max(a, b) < cap:
        assert len(flagged) == 1
        assert "shared with" in check.flagged[0].reason
    else:
        assert flagged
