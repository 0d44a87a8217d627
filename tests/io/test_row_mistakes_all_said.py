"""Every independent mistake of one row is said in one run, cross-field checks included.

A tester's deploying unit with ``receive_close_h`` 25 and an ``on_hand_days`` (which is
for a unit in place) was told the hour, and the days held only once the hour was mended;
``required_day`` before ``available_day`` hid it the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import append

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario

_UNIT_GOOD = {
    "id": "team",
    "name": "Assessment team",
    "partner": "meridia",
    "home": "hub-wh",
    "destination": "site-ridge",
    "personnel": "12",
    "vehicles_light": "2",
    "available_day": "5",
    "required_day": "6",
    "deployment_lift_t": "3",
    "activity": "",
    "days_of_supply": "3",
    "receive_open_h": "7",
    "receive_close_h": "18",
    "priority": "5",
    "on_hand_days": "",
}
_UNIT_MISTAKES = {  # column: a value wrong on its own, or against a column left as it is
    "personnel": "-4",
    "required_day": "C+4",
    "receive_close_h": "25",
    "priority": "0",
    "on_hand_days": "2",
    "deployment_lift_t": "1e11",
}
_LINK_GOOD = {
    "id": "r-test",
    "from": "hub-wh",
    "to": "site-ridge",
    "mode": "road",
    "gauge_mm": "",
    "distance_km": "40",
    "transit_days": "1",
    "speed_km_per_day": "",
    "capacity_t_per_day": "100",
    "capacity_pax_per_day": "",
    "cost_per_t": "2",
    "bidirectional": "true",
    "outage_days": "",
}
_LINK_MISTAKES = {
    "gauge_mm": "1435",  # on a road
    "to": "hub-wh",  # starts and ends at one place
    "capacity_t_per_day": "-5",
    "cost_per_t": "x",
}


def _row(header: list[str], cells: dict[str, str]) -> str:
    return ",".join(cells.get(column, "") for column in header)


def _errors_on_last_line(folder: Path, file: str) -> list[str]:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    try:
        load_scenario(folder)
    except ScenarioError as error:
        return [
            str(i.column)
            for i in error.issues
            if i.severity is Severity.ERROR and i.file == file and i.line == len(lines)
        ]
    return []


def _with_units_header(folder: Path) -> list[str]:
    """units.csv with the ``priority`` and ``on_hand_days`` columns the example leaves out."""
    path = folder / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("id,"):
            line += ",priority,on_hand_days"
        elif line and not line.startswith("#"):
            line += ",,"
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return out[next(i for i, line in enumerate(out) if line.startswith("id,"))].split(",")


def _fresh(factory: pytest.TempPathFactory, relief_dir: Path) -> Path:
    return Path(shutil.copytree(relief_dir, factory.mktemp("row") / "relief"))


_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(wrong=st.sets(st.sampled_from(sorted(_UNIT_MISTAKES))))
def test_a_unit_row_with_k_mistakes_gets_k_messages(
    tmp_path_factory: pytest.TempPathFactory, relief_dir: Path, wrong: set[str]
) -> None:
    """A deploying unit's row with k independent mistakes is told k errors, one per column."""
    folder = _fresh(tmp_path_factory, relief_dir)
    header = _with_units_header(folder)
    append(folder, "units.csv", _row(header, _UNIT_GOOD | {c: _UNIT_MISTAKES[c] for c in wrong}))
    assert sorted(_errors_on_last_line(folder, "units.csv")) == sorted(wrong)


@_SETTINGS
@given(wrong=st.sets(st.sampled_from(sorted(_LINK_MISTAKES))))
def test_a_link_row_with_k_mistakes_gets_k_messages(
    tmp_path_factory: pytest.TempPathFactory, relief_dir: Path, wrong: set[str]
) -> None:
    """A link's row with k independent mistakes is told k errors, one per column."""
    folder = _fresh(tmp_path_factory, relief_dir)
    lines = (folder / "links.csv").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("id,")).split(",")
    append(folder, "links.csv", _row(header, _LINK_GOOD | {c: _LINK_MISTAKES[c] for c in wrong}))
    assert sorted(_errors_on_last_line(folder, "links.csv")) == sorted(wrong)
