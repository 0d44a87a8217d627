"""`validate`'s line of what waits for a file it could not read, or one with errors.

An unreadable locations.csv read "the locations that links.csv, units.csv, stocks.csv and
fleet.csv name, and the rail gauges where links meet, rail gauges left empty where gauged
rail meets, …, were not checked until locations.csv reads": one run of commas and "and"s
whose end asked the planner for nothing they could do. It now says what happened, what to
do, then each thing not checked apart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_helpers import BILATERAL, run

AFTER_LOCATIONS = (
    "whether each unit can reach its destination; whether each destination can be supplied "
    "from the stocks; when each unit can be wholly at its destination (everything else was "
    "checked)"
)


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BILATERAL, tmp_path / "bilateral"))


def test_an_unreadable_locations_file_says_so_then_what_waits(tmp_path: Path) -> None:
    """A Latin-1 byte: the error, then one line naming the file, the remedy and each check."""
    folder = _copy(tmp_path)
    path = folder / "locations.csv"
    path.write_bytes(path.read_bytes().replace(b"Lindau", b"Lindau\xe9"))
    done = run("validate", folder)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[1:] == [
        "locations.csv: warning: locations.csv could not be read (mend it and validate "
        "again), so these were not checked: the locations that links.csv, units.csv, "
        "stocks.csv and fleet.csv name; the rail gauges where links meet; rail gauges left "
        "empty where gauged rail meets; link distances against the map (and swapped "
        f"coordinates); {AFTER_LOCATIONS}",
        "error: 1 error(s) in the input",
    ]


def test_a_bad_row_says_the_file_has_errors_then_what_waits(tmp_path: Path) -> None:
    """A latitude written as a word: the error on its row, then the file's one wait line."""
    folder = _copy(tmp_path)
    path = folder / "locations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("railhead,50.10,", "railhead,north,"), encoding="utf-8")
    done = run("validate", folder)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "locations.csv:5: lat: 'north' is not a number (a number from -90 to 90 degrees)",
        "locations.csv: warning: locations.csv has errors (mend them and validate again), "
        "and these need every row of it, so were not checked: rail gauges left empty where "
        "gauged rail meets; link distances against the map (and swapped coordinates); "
        f"{AFTER_LOCATIONS}",
        "error: 1 error(s) in the input",
    ]
