"""Ids that look like numbers survive a spreadsheet: result CSVs quote their text cells."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.io.csv_out import CSV_ENCODING, write_csv
from supplyline.io.csv_quoting import quoted_cell
from supplyline.types import ID_PATTERN

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
        ("2026-12-25", "2026-12-25"),
        ("2026-13-25", '"2026-13-25"'),
        (1.5, "1.5"),
        (None, ""),
        ("", ""),
    ],
)
def test_text_is_quoted_numbers_and_dates_left_bare(value: object, cell: str) -> None:
    """Numbers and ISO dates are bare; every other text quoted, a number-like id too."""
    assert quoted_cell(value) == cell


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_ids_with_the_documented_infilter(tmp_path: Path) -> None:
    """A CSV to xlsx and back, with the README's command, gives ``0042`` and ``1e3`` back."""
    source = tmp_path / "deliveries.csv"
    write_csv(
        source,
        ["unit", "location", "date", "tonnes"],
        [{"unit": "0042", "location": "1e3", "date": "2026-12-25", "tonnes": "2.5"}],
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
