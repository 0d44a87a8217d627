"""Transit days derived from ``speed_km_per_day`` are ⌈distance ÷ speed⌉ of the decimals written.

A tester's 122.4 km at 40.8 km/day took 4 days in transit where the division is exactly 3:
the float quotient was 3.0000000000000004 and was rounded up.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

ROW = "r-port-hub,saldana-port,hub-wh,road,,9,0,,700,"


def _transit(folder: Path, distance: str, speed: str) -> int:
    edit(folder, "links.csv", ROW, f"r-port-hub,saldana-port,hub-wh,road,,{distance},,{speed},700,")
    (link,) = (k for k in load_scenario(folder).links if k.id == "r-port-hub")
    return link.transit_days


def test_a_whole_quotient_of_decimals_is_that_many_days(tmp_path: Path, relief_dir: Path) -> None:
    """122.4 km at 40.8 km/day: 3 days, not 4."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    assert _transit(folder, "122.4", "40.8") == 3


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    speed_tenths=st.integers(min_value=1, max_value=9_999),
    days=st.integers(min_value=1, max_value=30),
    part=st.integers(min_value=0, max_value=9),
)
def test_transit_days_are_the_exact_ceiling(
    tmp_path_factory: object, relief_dir: Path, speed_tenths: int, days: int, part: int
) -> None:
    """(days + part/10) × speed km take exactly ``days`` days when part is 0, else one more."""
    speed = Decimal(speed_tenths) / 10
    distance = days * speed + speed * part / 10
    tmp = tmp_path_factory.mktemp("relief")  # type: ignore[attr-defined]
    folder = Path(shutil.copytree(relief_dir, tmp / "relief"))
    expected = days if part == 0 else days + 1
    assert _transit(folder, str(distance), str(speed)) == expected


@pytest.mark.parametrize(
    ("distance", "speed", "days"),
    [("100.00000000000000001", "100", 2), ("1e2", "100.000", 1), ("12240e-2", "4.08E1", 3)],
)
def test_digits_past_a_floats_are_counted(
    tmp_path: Path, relief_dir: Path, distance: str, speed: str, days: int
) -> None:
    """A tester's 100.00000000000000001 km at 100 km/day: 2 days, as written, not 1."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    assert _transit(folder, distance, speed) == days


def test_a_hair_past_the_longest_transit_is_refused(tmp_path: Path, relief_dir: Path) -> None:
    """365.0000000000000001 km at 1 km/day is 366 days: refused, as 366 km is."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    edit(
        folder,
        "links.csv",
        ROW,
        "r-port-hub,saldana-port,hub-wh,road,,365.0000000000000001,,1,700,",
    )
    with pytest.raises(ScenarioError, match="366 days in transit, more than 365"):
        load_scenario(folder)
