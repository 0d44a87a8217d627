"""A date written as a number, and a UTF-16 YAML file, are told what to write (tester t124).

``start_date: 20250101`` or ``46056.5`` got the generic "not a date", where
docs/scenario-format.md promises the date; a UTF-16 scenario.yaml was told to save as
'CSV UTF-8', a spreadsheet's word for a CSV file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit, error_lines


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("20250601", "(a date without its dashes? write it as YYYY-MM-DD: 2025-06-01)"),
        ("46056", "(a spreadsheet date serial? write it as YYYY-MM-DD: 2026-02-03)"),
        ("46056.5", "(46056.5 looks like a spreadsheet date-and-time serial, 2026-02-03 with a "
         "time of day: write the date as YYYY-MM-DD)"),
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    ("name", "old", "where"),
    [
        ("scenario.yaml", "start_date: 2025-06-01", "scenario.yaml:5: start_date"),
        ("agreements.yaml", "valid_from: 2025-05-15", "agreements.yaml:5: [0].valid_from"),
    ],
)
def test_a_date_written_as_a_number_is_told_how_to_write_it(
    folder: Path, name: str, old: str, where: str, written: str, hint: str
) -> None:
    """A bare 20250601 or 46056.5 gets the hint docs/scenario-format.md promises."""
    edit(folder, name, old, f"{old.split(':')[0]}: {written}")
    assert f"{where}: '{written}' is not a date {hint}" in error_lines(folder)


def test_a_utf16_yaml_file_is_told_utf8_in_a_yaml_files_words(folder: Path) -> None:
    """A UTF-16 scenario.yaml is told to be saved as UTF-8, not as 'CSV UTF-8'."""
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_bytes(text.encode("utf-16"))
    said = [e for e in error_lines(folder) if "UTF-16" in e]
    assert said == [
        "scenario.yaml: file is UTF-16 text (save it as UTF-8: in a text editor, choose the "
        "encoding UTF-8 on saving)"
    ]
