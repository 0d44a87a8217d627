"""A warning whose inputs are whole is said beside an unrelated error.

A tester's link distance (52 km for 451 km), a unit whose destination no link reaches and
a place with its latitude and longitude swapped were each warned of alone, and dropped
without a word once stocks.csv had one negative cell or horizon_days was 30.5; the
horizon's line even said "everything else was checked". The scenario is the tester's
(t90), with its places where they belong; each test makes one of the tester's edits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario_with_warnings

TESTER_SCENARIO = Path(__file__).parent / "t90_scenario"

NEGATIVE_STOCK = (
    "stocks.csv:7: replenishment_t_per_day: '-60' is negative (a number from 0 to 10,000,000 t/day)"
)
STOCKS_WAIT = (
    "stocks.csv: warning: stocks.csv has errors (mend them and validate again), and these "
    "need every row of it, so were not checked: stock on hand against storage_t; whether "
    "each destination can be supplied from the stocks (everything else was checked)"
)
SHORT_RAIL = (
    "links.csv:4: distance_km: warning: rail link 'rail-w' is 52 km long, but 'home-rh' "
    "(52.45, 17.1) and 'gauge-yard' (52.1, 23.7) are 451 km apart on the great circle, the "
    "shortest way between them: check the coordinates or the distance (a latitude and "
    "longitude swapped, a sign lost?)"
)
ISLAND = (
    "units.csv:8: destination: warning: destination 'island' cannot be reached from home "
    "'home-base' over any chain of links: the unit cannot deploy"
)
SWAPPED = (
    "locations.csv:17: lat: warning: 'camp-d' at (30.2, 54.9) looks to have its latitude "
    "and longitude swapped: all 2 of its links are far shorter than the great circle from "
    "there (link 'r-fwd-d': 30 km, against 3,333 km), while at (54.9, 30.2) every one fits "
    "its distance_km (swap lat and lon)"
)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the tester's scenario, which validates without a word."""
    return Path(shutil.copytree(TESTER_SCENARIO, tmp_path / "scenario"))


def issues_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_with_warnings(folder)
    return [str(i) for i in caught.value.issues]


def negative_stock(folder: Path) -> None:
    edit(folder, "stocks.csv", "host-depot,fuel,1000,60,host", "host-depot,fuel,1000,-60,host")


def island(folder: Path) -> None:
    """A camp that no link leads to, and a unit bound for it (its line 8)."""
    (folder / "locations.csv").write_text(
        (folder / "locations.csv").read_text()
        + "island,Island camp,host,unit_area,55.5,32.0,,,0,\n"
    )
    (folder / "units.csv").write_text(
        (folder / "units.csv").read_text()
        + "isl-coy,Island company,home,home-base,island,80,5,0,C+10,60,0:normal,3,6,18\n"
    )


def test_the_tester_scenario_is_clean(scenario: Path) -> None:
    """The copy loads with no issue, so each test's lines come from its edits alone."""
    assert load_scenario_with_warnings(scenario)[1] == []


def test_a_short_link_is_warned_of_beside_a_stocks_error(scenario: Path) -> None:
    """The 52 km rail link is said with the negative stock, and what waited for stocks.csv."""
    edit(
        scenario,
        "links.csv",
        "rail-w,home-rh,gauge-yard,rail,1435,520,",
        "rail-w,home-rh,gauge-yard,rail,1435,52,",
    )
    negative_stock(scenario)
    assert issues_of(scenario) == [SHORT_RAIL, NEGATIVE_STOCK, STOCKS_WAIT]


def test_a_unit_that_cannot_deploy_is_warned_of_beside_a_stocks_error(scenario: Path) -> None:
    """Whether a unit can deploy reads the links, not the stocks: it is said."""
    island(scenario)
    negative_stock(scenario)
    assert issues_of(scenario) == [ISLAND, NEGATIVE_STOCK, STOCKS_WAIT]


def test_a_swap_is_warned_of_beside_a_wrong_horizon(scenario: Path) -> None:
    """horizon_days 30.5: the swap is said, and the horizon's line is true of the rest.

    Reach and one-way roads count every link open while the horizon is unknown, so they
    run, and nothing but the days waits for it.
    """
    edit(scenario, "locations.csv", "unit_area,54.90,30.20,", "unit_area,30.20,54.90,")
    edit(scenario, "scenario.yaml", "horizon_days: 30 ", "horizon_days: 30.5")
    assert issues_of(scenario) == [
        "scenario.yaml:6: horizon_days: 30.5 is not a whole number (a whole number from 1 to "
        "3,660 days)",
        "scenario.yaml:6: horizon_days: warning: days were not checked against the horizon, "
        "as horizon_days is wrong; mend it and validate again (everything else was checked)",
        SWAPPED,
    ]
