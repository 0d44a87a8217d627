"""A YAML value the reader turned from its text is quoted back as the file wrote it (t128).

``start_date: 2030-01-01T00:00:00Z`` was quoted ``'2030-01-01T00:00:00+00:00'``, a ``yes``
given for a number ``true``, ``2500.50`` ``2500.5``: the YAML reader turns a timestamp,
a yes/no and a number into Python values, and the message quoted those. A name or an id
written as a date-time was stored as Python writes it, or told it was missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit, error_lines, validate

from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.io import load_scenario
from supplyline.io._cells import parse_in_range, show
from supplyline.io._day_cells import parse_date
from supplyline.io._source import Fields, Origin, Report
from supplyline.io._yaml_fields import take
from supplyline.io._yamltree import parse_yaml


def test_the_testers_date_time_with_a_zone_is_quoted_as_written(folder: Path) -> None:
    """`supplyline validate` quotes ``2030-01-01T00:00:00Z``, not Python's ``+00:00`` form."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 2030-01-01T00:00:00Z")
    proc = validate(folder)
    assert proc.returncode == 2
    assert (
        "scenario.yaml:5: start_date: '2030-01-01T00:00:00Z' is a date and time (a date is "
        "expected, YYYY-MM-DD: 2030-01-01)" in proc.stderr.splitlines()
    ), proc.stderr


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("start_date: 2025-06-01", "start_date: 2025-06-01 10:30:00",
         "scenario.yaml:5: start_date: '2025-06-01 10:30:00' is a date and time"),
        ("start_date: 2025-06-01", "start_date: yes",
         "scenario.yaml:5: start_date: 'yes' is not a date"),
        ("horizon_days: 30", "horizon_days: on",
         "scenario.yaml:6: horizon_days: 'on' is not a number"),
        ("horizon_days: 30", "horizon_days: 2025-06-01T08:00:00+02:00",
         "scenario.yaml:6: horizon_days: '2025-06-01T08:00:00+02:00' is not a number"),
        ("km_per_day: 60", "km_per_day: 2500.50",
         "scenario.yaml:39: vehicle_classes[0].km_per_day: '2500.50' is too large"),
        ("solver: {time_limit_s: 60}", "solver: {time_limit_s: 60, fair_share: 2025-06-01}",
         "scenario.yaml:46: solver.fair_share: '2025-06-01' is not a yes/no value"),
        ("valid_from: 2025-05-15", "valid_from: 2025-05-15T00:00:00Z",
         "agreements.yaml:5: [0].valid_from: '2025-05-15T00:00:00Z' is a date and time"),
        ('fuel: "1450.00"', "fuel: yes",
         "agreements.yaml:11: [0].prices.fuel: price of 'fuel': 'yes' is not an amount"),
    ],
)  # fmt: skip
def test_a_value_the_yaml_reader_converted_is_quoted_as_written(
    folder: Path, old: str, new: str, said: str
) -> None:
    """A date-time, a yes/no, a number with a trailing zero: each quoted as the file has it."""
    edit(folder, said.split(":", 1)[0], old, new)
    assert [line for line in error_lines(folder) if line.startswith(said)], error_lines(folder)


def test_a_number_read_as_written_is_quoted_as_before(folder: Path) -> None:
    """A value that reads as the file wrote it (``-60``) is quoted as it always was."""
    edit(folder, "scenario.yaml", "km_per_day: 60", "km_per_day: -60")
    assert error_lines(folder) == [
        "scenario.yaml:39: vehicle_classes[0].km_per_day: -60 is negative "
        "(a number from 0 to 2,000 km/day)"
    ]


def test_a_name_written_as_a_date_time_is_kept_as_written(folder: Path) -> None:
    """``name: 2030-01-01T10:00:00Z`` is that text, not ``2030-01-01 10:00:00+00:00``."""
    edit(folder, "scenario.yaml", "name: My operation", "name: 2030-01-01T10:00:00Z")
    assert load_scenario(folder).name == "2030-01-01T10:00:00Z"


def test_an_id_written_as_a_date_time_is_kept_as_written(folder: Path) -> None:
    """A partner id ``2030-01-01T10:00:00Z`` is that id (it was told the id is missing)."""
    edit(folder, "scenario.yaml", "{id: host,", "{id: 2030-01-01T10:00:00Z,")
    said = [line for line in error_lines(folder) if line.startswith("scenario.yaml")]
    assert said == []


def test_a_yes_for_a_currency_is_told_to_be_quoted(folder: Path) -> None:
    """``currency: yes`` reads as true: it is told so, not quoted back as ``True``."""
    edit(folder, "scenario.yaml", "{id: host, name: Host Nation, currency: EUR}",
         "{id: host, name: Host Nation, currency: yes}")  # fmt: skip
    assert error_lines(folder) == [
        "scenario.yaml:10: partners[1].currency: yes was read as true, not as text (YAML reads "
        "a bare yes, no, on, off, true or false as true or false): write it in quotes, 'yes'"
    ]


def _message(text: str, parse: Callable[[Any], Any]) -> str | None:
    """The message a field ``d: <text>`` of a YAML mapping gets, ``None`` if it is read."""
    tree, problems = parse_yaml(f"d: {text}\n")
    assert tree is not None
    assert not problems
    report = Report()
    take(Fields(report, Origin("x.yaml", 1)), tree.value, "d", parse, written=True)
    return report.issues[0].message if report.issues else None


_ZONES = st.sampled_from(["", "Z", "z", "+00:00", "-05:00", " +2", "+05:30"])


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    second=st.integers(0, 59),
    joint=st.sampled_from(["T", "t", " "]),
    zone=_ZONES,
)
def test_any_yaml_date_time_refused_as_a_date_is_quoted_as_written(
    day: dt.date, hour: int, minute: int, second: int, joint: str, zone: str
) -> None:
    """A date-time a date field refuses is quoted exactly as written, whatever its form."""
    text = f"{day}{joint}{hour:02d}:{minute:02d}:{second:02d}{zone}"
    said = _message(text, parse_date)
    if said is not None:
        assert said.startswith(f"{show(text)} is a date and time"), said
    else:  # accepted: a naive midnight is the date itself
        assert (hour, minute, second, zone) == (0, 0, 0, "")


@given(
    text=st.sampled_from(["yes", "No", "ON", "off", "True", "2025-06-01", "1.50", "+5", "030"])
    | st.floats(1e4, 1e6).map(lambda x: f"{x:.2f}0")
)
def test_any_converted_scalar_a_number_field_refuses_is_quoted_as_written(text: str) -> None:
    """A yes/no, a date or a number given for horizon_days is quoted as the file has it."""
    said = _message(text, parse_in_range(FIELD_RANGES["scenario"]["horizon_days"]))
    if said is not None:
        assert said.startswith(f"{show(text)} is "), said
    else:  # accepted: a number within the range, as the file wrote it
        assert text in ("+5", "030")
