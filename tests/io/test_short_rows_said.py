"""A CSV row with fewer cells than the header has columns is an error, as one with more is.

A tester's links.csv row lost its last two cells and loaded as one way, never closed,
with no word; a row one cell too long was an error. Both are as likely a slip.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario

BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
CSV_FILES = ("locations.csv", "links.csv", "units.csv", "stocks.csv", "fleet.csv")

SHORT_LINKS = """\
id,from,to,mode,gauge_mm,distance_km,transit_days,speed_km_per_day,capacity_t_per_day,\
capacity_pax_per_day,cost_per_t,cost_per_pax,bidirectional,outage_days
L1,D,U,road,,50,0,,5,,1,
"""
"""The tester's links.csv: its row's last two cells (bidirectional, outage_days) left out."""


def _lines(name: str) -> list[str]:
    return (BILATERAL / name).read_text(encoding="utf-8").splitlines()


def _data_lines(name: str) -> list[int]:
    """The 0-based indexes of a file's data rows: after the header, not comments."""
    kept = [i for i, line in enumerate(_lines(name)) if line.strip() and not line.startswith("#")]
    return kept[1:]


def _header(name: str) -> list[str]:
    lines = _lines(name)
    first = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    return next(csv.reader([lines[first]]))


@st.composite
def truncations(draw: st.DrawFn) -> tuple[str, int, int]:
    """A file of the example, one of its data rows (0-based line) and the cells kept."""
    name = draw(st.sampled_from(CSV_FILES))
    at = draw(st.sampled_from(_data_lines(name)))
    return name, at, draw(st.integers(1, len(_header(name)) - 1))


def _truncated(folder: Path, name: str, at: int, kept: int) -> None:
    lines = _lines(name)
    cells = next(csv.reader([lines[at]]))[:kept]
    row = io.StringIO()
    csv.writer(row, lineterminator="").writerow(cells)
    lines[at] = row.getvalue()
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(max_examples=40)
@given(cut=truncations())
def test_a_truncated_row_names_its_line_and_missing_columns(cut: tuple[str, int, int]) -> None:
    """Any row of any scenario CSV cut short is an error at its line naming what is missing."""
    name, at, kept = cut
    columns = _header(name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        shutil.copytree(BILATERAL, folder)
        _truncated(folder, name, at, kept)
        with pytest.raises(ScenarioError) as raised:
            load_scenario(folder)
    said = [i for i in raised.value.issues if i.file == name and i.line == at + 1]
    assert [(i.column, i.message) for i in said] == [
        (
            columns[kept],
            f"row has {kept} cells but the header has {len(columns)} columns: "
            f"add empty cells for {', '.join(columns[kept:])}",
        )
    ]


def test_the_testers_short_row_is_said_exactly(tmp_path: Path) -> None:
    """The tester's links.csv row reads as the brief asked, file:line: column: message."""
    folder = tmp_path / "s"
    shutil.copytree(BILATERAL, folder)
    (folder / "links.csv").write_text(SHORT_LINKS, encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(folder)
    assert (
        "links.csv:2: bidirectional: row has 12 cells but the header has 14 columns: "
        "add empty cells for bidirectional, outage_days"
    ) in [str(i) for i in raised.value.issues]


def test_a_short_row_is_said_beside_other_errors(tmp_path: Path) -> None:
    """A short row does not hide another file's error: both are in the one report."""
    folder = tmp_path / "s"
    shutil.copytree(BILATERAL, folder)
    _truncated(folder, "stocks.csv", _data_lines("stocks.csv")[0], 2)
    locations = _lines("locations.csv")
    at = _data_lines("locations.csv")[0]
    cells = locations[at].split(",")
    cells[_header("locations.csv").index("lat")] = "north"
    locations[at] = ",".join(cells)
    (folder / "locations.csv").write_text("\n".join(locations) + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(folder)
    said = {(i.file, i.line) for i in raised.value.issues}
    assert {("stocks.csv", _data_lines("stocks.csv")[0] + 1), ("locations.csv", at + 1)} <= said


def test_trailing_empty_cells_written_out_are_whole(tmp_path: Path) -> None:
    """A row that writes its empty optional cells out (``...,1,,``) is whole: it loads."""
    folder = tmp_path / "s"
    shutil.copytree(BILATERAL, folder)
    lines = _lines("links.csv")
    at = _data_lines("links.csv")[0]
    cells = next(csv.reader([lines[at]]))
    columns = _header("links.csv")
    for column in ("bidirectional", "outage_days"):
        cells[columns.index(column)] = ""
    lines[at] = ",".join(cells)
    assert lines[at].endswith(",,")
    (folder / "links.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    link = load_scenario(folder).link_by_id[cells[0]]
    assert (link.bidirectional, link.outage_days) == (False, frozenset())
