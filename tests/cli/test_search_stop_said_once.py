"""Where a load stopped searching for ids like unknown ones is said once, after the problems.

Past a load's budget of comparisons (:data:`~supplyline.domain.near_ids.SEARCH_PAIRS`), an
unknown id is offered only what the index finds at once. Each message past the stop said
so, the same words on every one: a tester's 300 misspelt homes read "(ids less alike were
looked for only for the first 250 unknown ids)" 50 times, and ``validate`` showing the first
50 errors of units.csv showed it not once. It is the error's last line now, once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from cli_helpers import run, scenario_folder

from supplyline.domain.near_ids import SEARCH_PAIRS

LOCATIONS = 1000
MISSPELT = SEARCH_PAIRS // LOCATIONS + 50
"""More misspelt homes than one load searches in full among the locations."""

NOTE = re.compile(
    r"ids less alike than one slip were looked for only for the first ([0-9,]+) unknown ids; "
    r"the other ([0-9,]+) were offered only ids one slip from them"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario whose units' homes are each ``loc-…`` misspelt ``lco-…``."""
    locations = [f"loc-{i:05d},L{i},p1,depot,50,{10 + i / 1000}" for i in range(LOCATIONS)]
    units = [f"u{i},p1,lco-{i:05d},loc-00001,50,2,5,1" for i in range(MISSPELT)]
    files = {
        "scenario.yaml": (
            "name: misspelt homes\nstart_date: 2025-01-01\nhorizon_days: 5\n"
            "partners: [{id: p1}]\ncommodities:\n"
            "  - {id: water, supply_class: water, demand_unit: L, per_person_per_day: 10}\n"
        ),
        "locations.csv": "\n".join(["id,name,partner,kind,lat,lon", *locations]) + "\n",
        "links.csv": (
            "id,from,to,mode,distance_km,transit_days,bidirectional\n"
            "l1,loc-00000,loc-00001,road,40,1,true\n"
        ),
        "units.csv": "\n".join(
            [
                "id,partner,home,destination,personnel,required_day,deployment_lift_t,"
                "days_of_supply",
                *units,
            ]
        )
        + "\n",
    }
    return scenario_folder(tmp_path_factory.mktemp("misspelt") / "scenario", files)


def _said_once(text: str) -> None:
    """The note, found once in ``text`` (lines wrapped or not); its counts add up."""
    found = list(NOTE.finditer(" ".join(text.split())))
    assert len(found) == 1, text[-2000:]
    searched, other = (int(n.replace(",", "")) for n in found[0].groups())
    assert min(searched, other) > 0
    assert searched + other == MISSPELT


def test_validate_says_where_the_search_stopped_once_on_its_last_line(folder: Path) -> None:
    done = run("validate", folder)
    assert done.returncode == 2, done.stderr
    _said_once(done.stderr)
    summary = " ".join(done.stderr.split()).split(" error: ")[-1]
    assert summary.startswith(f"{MISSPELT} error(s) in the input (")
    assert NOTE.search(summary)  # the last line, after every problem shown


def test_validate_csv_lists_every_problem_without_the_note(folder: Path) -> None:
    """Each of the misspelt homes is a row, none with the note; stderr says it once."""
    done = run("validate", folder, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == MISSPELT
    assert all("did you mean" in r["message"] for r in rows)  # each still offered its id
    assert not any(NOTE.search(r["message"]) or "looked for" in r["message"] for r in rows)
    _said_once(done.stderr)


def test_a_failed_plan_in_json_says_it_once_in_its_message(folder: Path) -> None:
    done = run("plan", folder, "--format", "json")
    failure = json.loads(done.stdout)
    assert failure["exit_code"] == 2
    assert NOTE.search(failure["message"])
    _said_once(done.stdout)
