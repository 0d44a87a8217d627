"""``validate`` says a spreadsheet's cell forms as what they are, at their cell, by exit code.

A tester's ``1.800`` t/day passed ``validate`` with exit 0 and no word (read as 1.8); the
other forms were refused with "is not a number", and a ``;``-separated file with quoted
cells with a complaint about its quotes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from supplyline.io import write_template


def _folder(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = write_template(tmp_path / "scenario")
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_point_grouped_capacity_passes_with_a_warning_at_its_cell(tmp_path: Path) -> None:
    """Exit 0 (the point is a decimal point), and the warning with file:line: column."""
    folder = _folder(tmp_path, "links.csv", "1435,420,2,,1200,", "1435,420,2,,1.800,")
    done = run("validate", folder)
    assert done.returncode == 0, done.stderr
    assert (
        "links.csv:5: capacity_t_per_day: warning: '1.800' is read as 1.8 (a point is always a "
        "decimal point); if it is 1800 with a point grouping the thousands, write 1800"
    ) in done.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [("locations.csv", ",52.", ",\u221252.",
      "has a minus sign U+2212 MINUS SIGN where a cell takes the hyphen-minus '-': write -52."),
     ("units.csv", ",3,6,18", ",3,06:00,18",
      "units.csv:4: receive_open_h: '06:00' is a time of day: write it as hours, 6 ("),
     ("units.csv", ",C+6,", ",6/7/2025 0:00,",
      "units.csv:4: required_day: '6/7/2025 0:00' is not a day (write it as YYYY-MM-DD without "
      "the time of day: 2025-07-06 or 2025-06-07?)"),
     ("links.csv", "18.5,", "€18.50,",
      "links.csv:5: cost_per_t: '€18.50' has a unit in it, the currency sign '€': write 18.50")],
)  # fmt: skip
def test_a_spreadsheet_form_is_refused_with_the_value_to_write(
    tmp_path: Path, file: str, old: str, new: str, said: str
) -> None:
    """Exit 2, the cell's place, what it is and the value to write."""
    done = run("validate", _folder(tmp_path, file, old, new))
    assert done.returncode == 2, done.stderr
    assert said in done.stderr


def test_a_quoted_semicolon_header_gets_the_semicolon_message(tmp_path: Path) -> None:
    """LibreOffice's "quote all text cells" with ';': told to save with commas."""
    folder = write_template(tmp_path / "scenario")
    (folder / "stocks.csv").write_text(
        '"location";"commodity";"initial_t";"replenishment_t_per_day";"owner"\n'
        '"home-base";"food";40;5;"home"\n',
        encoding="utf-8",
    )
    done = run("validate", folder)
    assert done.returncode == 2, done.stderr
    assert "stocks.csv:1: the header is separated by semicolons (';')" in done.stderr
    assert "must be comma-separated (save it with commas" in done.stderr
    assert "expected after" not in done.stderr
