"""Result CSVs open right in a spreadsheet: UTF-8 with a byte-order mark."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.io.csv_out import (
    CSV_ENCODING,
    FORMULA_STARTS,
    apportion,
    unguarded,
    write_csv,
)

BOM = b"\xef\xbb\xbf"


def test_a_result_file_starts_with_the_byte_order_mark_and_lines_end_in_cr_lf(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    write_csv(path, ["location", "tonnes"], [{"location": "Łódź depot", "tonnes": 1.5}])
    data = path.read_bytes()
    assert data.startswith(BOM)
    assert data[len(BOM) :].decode("utf-8") == 'location,tonnes\r\n"Łódź depot",1.5\r\n'


def test_a_key_outside_the_columns_is_a_bug_unless_ignored(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not in fieldnames"):
        write_csv(tmp_path / "a.csv", ["a"], [{"a": 1, "b": 2}])
    write_csv(tmp_path / "b.csv", ["a"], [{"a": 1, "b": 2}], ignore_extra=True)
    assert (tmp_path / "b.csv").read_text(encoding=CSV_ENCODING) == "a\n1\n"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=20), min_size=1, max_size=5))
def test_any_text_reads_back_as_written(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    """Any text reads back as written once the formula guard is taken off."""
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(path, ["name"], [{"name": n} for n in names])
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        assert [unguarded(row["name"]) for row in csv.DictReader(handle)] == names


_FORMULA_TEXT = st.text(
    alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "e", "a", " ", ","]),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FORMULA_TEXT, st.text(max_size=12)), min_size=1, max_size=6))
def test_no_text_cell_starts_a_formula_and_each_reads_back(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    """A written text cell starts with =, +, -, @, tab or CR only as a plain number (-5).

    And stripped of its leading apostrophe by :func:`unguarded`, it is the text written.
    """
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(path, ["name"], [{"name": n} for n in names])
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        cells = [row["name"] for row in csv.DictReader(handle)]
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            assert re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", cell)
    assert [unguarded(c) for c in cells] == names


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://example.invalid";"Grenzfeld")', "'=HYPERLINK"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-5", "-5"),
        (-5.0, "-5"),  # a float, to the gram in plain decimals: never guarded
        ("Łódź", "Łódź"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(
    tmp_path: Path, value: object, cell: str
) -> None:
    """Text starting as a formula gets a leading apostrophe; numbers, and text as -5, do not."""
    path = tmp_path / "t.csv"
    write_csv(path, ["v"], [{"v": value}])
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        [row] = csv.DictReader(handle)
    assert row["v"].startswith(cell)


def test_truth_values_are_written_yes_and_no(tmp_path: Path) -> None:
    """Every result CSV writes a truth value as yes/no, never Python's True/False."""
    path = tmp_path / "t.csv"
    write_csv(path, ["ok", "by_road", "note"], [{"ok": True, "by_road": False, "note": None}])
    with path.open(encoding=CSV_ENCODING, newline="") as fh:
        assert list(csv.DictReader(fh)) == [{"ok": "yes", "by_road": "no", "note": ""}]


@settings(max_examples=200, deadline=None)
@given(
    exact=st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30)
)
def test_apportioned_parts_add_up_and_stay_within_one_of_their_exact_value(
    exact: list[float],
) -> None:
    """Largest remainders: the parts sum to the rounded total, each its value rounded down or up."""
    total = round(sum(exact))
    parts = apportion(total, exact)
    assert sum(parts) == total
    assert all(abs(p - x) < 1 + 1e-6 for p, x in zip(parts, exact, strict=True))
