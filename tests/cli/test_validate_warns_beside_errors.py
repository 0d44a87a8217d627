"""`supplyline validate` says a warning whose inputs are whole beside an unrelated error.

A tester's three edits of their scenario (t90: bad5, bad8, bad4) each printed the error
alone, exit 2: the 52 km rail link, the unit bound for a camp no link reaches and the
place with its latitude and longitude swapped were dropped unsaid, and the wrong horizon's
line even said "(everything else was checked)". Each now prints the warning, the error and
the one line of what waited for the error, in the order the run gives them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run

TESTER_SCENARIO = Path(__file__).resolve().parents[1] / "io" / "t90_scenario"

NEGATIVE_STOCK = (
    "stocks.csv:7: replenishment_t_per_day: '-60' is negative (a number from 0 to 10,000,000 t/day)"
)
STOCKS_WAIT = (
    "stocks.csv: warning: stocks.csv has errors (mend them and validate again), and these "
    "need every row of it, so were not checked: stock on hand against storage_t; whether "
    "each destination can be supplied from the stocks (everything else was checked)"
)


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there once) with ``new`` in one of the folder's files."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _append(folder: Path, file: str, row: str) -> None:
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")


def _negative_stock(folder: Path) -> None:
    _edit(folder, "stocks.csv", "host-depot,fuel,1000,60,host", "host-depot,fuel,1000,-60,host")


def _bad5(folder: Path) -> None:
    """The rail link's 520 km typed as 52, and a negative replenishment."""
    _edit(
        folder,
        "links.csv",
        "rail-w,home-rh,gauge-yard,rail,1435,520,",
        "rail-w,home-rh,gauge-yard,rail,1435,52,",
    )
    _negative_stock(folder)


def _bad8(folder: Path) -> None:
    """A camp no link leads to with a unit bound for it, and a negative replenishment."""
    _append(folder, "locations.csv", "island,Island camp,host,unit_area,55.5,32.0,,,0,")
    _append(
        folder,
        "units.csv",
        "isl-coy,Island company,home,home-base,island,80,5,0,C+10,60,0:normal,3,6,18",
    )
    _negative_stock(folder)


def _bad4(folder: Path) -> None:
    """camp-d's latitude and longitude swapped, and horizon_days 30.5."""
    _edit(folder, "locations.csv", "unit_area,54.90,30.20,", "unit_area,30.20,54.90,")
    _edit(folder, "scenario.yaml", "horizon_days: 30 ", "horizon_days: 30.5")


CASES = {
    "bad5": (
        _bad5,
        [
            "links.csv:4: distance_km: warning: rail link 'rail-w' is 52 km long, but "
            "'home-rh' (52.45, 17.1) and 'gauge-yard' (52.1, 23.7) are 451 km apart on the "
            "great circle, the shortest way between them: check the coordinates or the "
            "distance (a latitude and longitude swapped, a sign lost?)",
            NEGATIVE_STOCK,
            STOCKS_WAIT,
        ],
    ),
    "bad8": (
        _bad8,
        [
            "units.csv:8: destination: warning: destination 'island' cannot be reached from "
            "home 'home-base' over any chain of links: the unit cannot deploy",
            NEGATIVE_STOCK,
            STOCKS_WAIT,
        ],
    ),
    "bad4": (
        _bad4,
        [
            "scenario.yaml:6: horizon_days: 30.5 is not a whole number (a whole number from 1 "
            "to 3,660 days)",
            "scenario.yaml:6: horizon_days: warning: days were not checked against the "
            "horizon, nor when each unit can be wholly at its destination or whether each "
            "unit's demand can be counted, as horizon_days is wrong; mend it and validate "
            "again (everything else was checked)",
            "locations.csv:17: lat: warning: 'camp-d' at (30.2, 54.9) looks to have its "
            "latitude and longitude swapped: all 2 of its links are far shorter than the "
            "great circle from there (link 'r-fwd-d': 30 km, against 3,333 km), while at "
            "(54.9, 30.2) every one fits its distance_km (swap lat and lon)",
        ],
    ),
}


def test_the_tester_scenario_validates(tmp_path: Path) -> None:
    """Unedited, the scenario exits 0, so each case's lines come from its edits alone."""
    folder = Path(shutil.copytree(TESTER_SCENARIO, tmp_path / "scenario"))
    assert run("validate", folder).returncode == 0


@pytest.mark.parametrize("case", list(CASES))
def test_validate_prints_the_warning_the_error_and_what_waited(tmp_path: Path, case: str) -> None:
    """Exit 2; the warning, the error and the one wait line, each once, then the count."""
    folder = Path(shutil.copytree(TESTER_SCENARIO, tmp_path / case))
    make_edits, expected = CASES[case]
    make_edits(folder)
    done = run("validate", folder)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [*expected, "error: 1 error(s) in the input"]
