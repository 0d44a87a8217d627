"""A CSV line of invisible characters only is named and skipped, in every file (tester t128).

A DOS end-of-file mark (U+001A) after units.csv's last row was told "row has 1 cells but
the header has 13 columns: add empty cells for name, …" of a line no editor shows.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import validate

from supplyline.io import load_scenario_with_warnings
from supplyline.io._invisible_lines import invisible_line
from supplyline.io.template import TEMPLATE_FILES

CSV_FILES = sorted(name for name in TEMPLATE_FILES if name.endswith(".csv"))


def test_the_testers_dos_end_of_file_mark_is_named_and_the_folder_validates(
    folder: Path,
) -> None:
    """`supplyline validate` names U+001A after units.csv's last row and reads the rest."""
    path = folder / "units.csv"
    path.write_bytes(path.read_bytes() + b"\x1a")
    line = path.read_bytes().count(b"\n") + 1
    proc = validate(folder)
    assert proc.returncode == 0, proc.stderr
    assert (
        f"units.csv:{line}: warning: the line holds only an invisible character, U+001A (a DOS "
        "end-of-file mark, Ctrl+Z, which old programs write at a file's end): it is skipped "
        "(remove it)" in proc.stderr.splitlines()
    ), proc.stderr


@pytest.mark.parametrize("name", CSV_FILES)
@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("\x1a", ["U+001A (a DOS end-of-file mark"]),
        ("\u200b", ["U+200B ZERO WIDTH SPACE"]),
        (" ,\ufeff, \x1a", ["U+FEFF (a byte-order mark", "U+001A (a DOS end-of-file mark"]),
    ],
)
@pytest.mark.parametrize("at_top", [False, True])
def test_a_line_of_invisible_characters_is_skipped_with_its_characters_named(
    folder: Path, name: str, line: str, named: list[str], at_top: bool
) -> None:
    """At the top (before the header) or the end of any CSV file: a warning at its line."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(line + "\n" + text if at_top else text + line, encoding="utf-8")
    number = 1 if at_top else text.count("\n") + 1
    _, warnings = load_scenario_with_warnings(folder)
    [said] = [w for w in warnings if (w.file, w.line) == (name, number)]
    assert said.message.startswith("the line holds only ")
    assert [n in said.message for n in named] == [True] * len(named), said.message


_INVISIBLE = st.sampled_from(
    [chr(c) for c in [*range(0x01, 0x20), 0x7F, *range(0x80, 0xA0), 0x200B, 0x2060, 0xFEFF, 0xAD]]
).filter(lambda ch: not ch.isspace())


@given(st.lists(st.lists(_INVISIBLE | st.sampled_from([" ", ""]), max_size=4), min_size=1))
def test_any_record_of_invisible_characters_names_each_one(cells: list[list[str]]) -> None:
    """Cells of invisible characters and spaces only: each character is named once."""
    record = ["".join(cell) for cell in cells]
    found = {ch for cell in record for ch in cell if not ch.isspace()}
    said = invisible_line(record)
    if not found:
        assert said is None
    else:
        assert said is not None
        assert sorted(c for c in found if f"U+{ord(c):04X}" in said) == sorted(found)


@given(st.lists(st.text(), min_size=1), st.characters(categories=["L", "N", "P", "S"]))
def test_a_record_with_anything_visible_is_no_invisible_line(
    cells: list[str], visible: str
) -> None:
    """A record holding one letter, digit, mark or symbol is read as a row, whatever else."""
    assert unicodedata.category(visible) not in ("Cc", "Cf")
    assert invisible_line([*cells, visible]) is None
