"""Ids that look like numbers survive a spreadsheet: result CSVs quote their text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.io.csv_out import CSV_ENCODING, csv_time, write_csv
from supplyline.io.csv_quoting import DateText, quoted_cell
from supplyline.types import ID_PATTERN, iso_date

README_INFILTER = "CSV:44,34,76,1,,,true"
"""The ``--infilter`` the README gives for a scripted LibreOffice conversion."""

ids = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda t: len(t) <= 64)


def _write_and_read(path: Path, rows: list[dict[str, object]]) -> list[dict[str, str]]:
    write_csv(path, ["unit", "location", "tonnes"], rows)
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        return list(csv.DictReader(handle))


@settings(max_examples=200, deadline=None)
@given(unit=ids, location=ids)
def test_any_id_reads_back_from_the_csv_bytes_as_written(
    tmp_path_factory: pytest.TempPathFactory, unit: str, location: str
) -> None:
    """Python's csv reads every scenario id back unchanged from the quoted bytes."""
    path = tmp_path_factory.mktemp("ids") / "deliveries.csv"
    rows = _write_and_read(path, [{"unit": unit, "location": location, "tonnes": 2.5}])
    assert rows == [{"unit": unit, "location": location, "tonnes": "2.5"}]


def test_ids_that_look_like_numbers_are_written_between_quotes(tmp_path: Path) -> None:
    """``0042`` and ``1e3`` are quoted (text to a spreadsheet); the amount is bare."""
    path = tmp_path / "deliveries.csv"
    write_csv(
        path, ["unit", "location", "tonnes"], [{"unit": "0042", "location": "1e3", "tonnes": 2.5}]
    )
    assert path.read_bytes() == b'\xef\xbb\xbfunit,location,tonnes\r\n"0042","1e3",2.5\r\n'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("0042", '"0042"'),
        ("1e3", '"1e3"'),
        ("12.50", '"12.50"'),
        (".5", '".5"'),
        ("1234567890123456", '"1234567890123456"'),
        ("camp-north", '"camp-north"'),
        ("C+3", '"C+3"'),
        ("42", '"42"'),  # an id 42 is text: it was bare, and a spreadsheet's number
        ("-0.0005", '"-0.0005"'),
        ("99999849.996", '"99999849.996"'),
        (42, "42"),
        (99999849.996, "99999849.996"),
        ("2026-12-25", '"2026-12-25"'),  # an id that looks like a date is text too
        ("2026-11-30 15:00:21", '"2026-11-30 15:00:21"'),
        (DateText("2026-12-25"), "2026-12-25"),  # a date cell, marked so by its writer
        (DateText("2026-11-30 15:00:21"), "2026-11-30 15:00:21"),
        ("2026-13-25", '"2026-13-25"'),
        (1.5, "1.5"),
        (None, ""),
        ("", ""),
    ],
)
def test_text_is_quoted_numbers_and_dates_left_bare(value: object, cell: str) -> None:
    """Numbers and dates are bare; every other text quoted, a number- or date-like id too."""
    assert quoted_cell(value) == cell


def test_an_id_and_a_date_of_one_text_are_each_written_as_what_they_are(tmp_path: Path) -> None:
    """A unit ``2026-12-25`` quoted, the date 2026-12-25 bare, on every row, whichever comes first.

    The writer works out a text's cell once and remembers it: one remembered for the other
    would quote the date or leave the id bare from the second row on.
    """
    day = iso_date(dt.date(2026, 12, 25))
    path = tmp_path / "deliveries.csv"
    rows = [{"unit": "2026-12-25", "date": day}, {"unit": "u", "date": day}] * 2
    write_csv(path, ["date", "unit"], [{"date": "2026-12-25", "unit": day}, *rows])
    lines = path.read_bytes().decode(CSV_ENCODING).splitlines()
    assert (
        lines[1:] == ['"2026-12-25",2026-12-25'] + ['2026-12-25,"2026-12-25"', '2026-12-25,"u"'] * 2
    )


date_like = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(lambda t: t.strftime("%Y-%m-%d %H:%M:%S")),
)
"""Text that looks like what a date cell holds: an id may be spelt so."""


@settings(max_examples=300)
@given(text=st.one_of(date_like, st.text(), ids))
def test_plain_text_is_quoted_whatever_it_looks_like(text: str) -> None:
    """Any non-blank ``str`` is quoted, and Python's csv reads the text back from the cell."""
    cell = quoted_cell(text)
    if text == "":
        assert cell == ""
    else:
        assert cell[0] == cell[-1] == '"'
        assert next(csv.reader(io.StringIO(cell, newline=""))) == [text]


@settings(max_examples=300)
@given(day=st.dates(), moment=st.datetimes(timezones=st.just(dt.UTC)))
def test_a_date_cell_is_bare_whatever_the_date(day: dt.date, moment: dt.datetime) -> None:
    """A date and a time marked by their writers are written bare, as they read."""
    assert quoted_cell(iso_date(day)) == day.isoformat()
    assert quoted_cell(csv_time(moment)) == moment.strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_ids_with_the_documented_infilter(tmp_path: Path) -> None:
    """A CSV to xlsx and back, with the README's command, gives ``0042`` and ``1e3`` back."""
    source = tmp_path / "deliveries.csv"
    write_csv(
        source,
        ["unit", "location", "date", "tonnes"],
        [{"unit": "0042", "location": "1e3", "date": DateText("2026-12-25"), "tonnes": "2.5"}],
    )
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    run = ["soffice", profile, "--headless"]
    xlsx_out, back = tmp_path / "xlsx", tmp_path / "back"
    subprocess.run(
        [
            *run,
            f"--infilter={README_INFILTER}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(xlsx_out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        [
            *run,
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(back),
            str(xlsx_out / "deliveries.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (back / "deliveries.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"unit": "0042", "location": "1e3", "date": "2026-12-25", "tonnes": "2.5"}]
