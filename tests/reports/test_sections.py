"""The building blocks: tables, sections, map lines, day ranges and SVG clean-up."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from supplyline.reports import MapPolyline, ReportSection, Table
from supplyline.reports.figures import figure_to_svg
from supplyline.reports.summary import solve_table
from supplyline.types import day_ranges

if TYPE_CHECKING:
    from tests.reports.conftest import Case


def test_table_rejects_a_short_row() -> None:
    """A row with the wrong number of cells is a bug in the caller, caught at construction."""
    with pytest.raises(ValueError, match="row 2 has 1 cells, expected 2"):
        Table(columns=("a", "b"), rows=((1, 2), (3,)))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (1234567, "1,234,567"),
        (1234.5678, "1,235"),
        (12.25, "12.25"),
        ("x<y", "x<y"),
        (True, "yes"),
    ],
)
def test_table_formats_cells(value: str | int | float | None, text: str) -> None:
    """Numbers get thousands separators; text is left for the template to escape.

    Floats as the CLI shows them: whole from 100, else two decimals.
    """
    assert Table(columns=("v",), rows=()).format_cell(value) == text


def test_table_numeric_columns_are_detected() -> None:
    """A column of numbers is right-aligned, a column of text is not."""
    table = Table(columns=("name", "t"), rows=(("a", 1.0), ("b", None)))
    assert (table.is_numeric(0), table.is_numeric(1)) == (False, True)


def test_table_yes_no_columns_are_text_aligned_left(case: Case) -> None:
    """The Solve table's "fair shares" read "no" right-aligned like a number."""
    table = Table(columns=("flag", "n"), rows=((False, 1), (True, 2)))
    assert (table.is_numeric(0), table.is_numeric(1)) == (False, True)
    solve = solve_table(case.plan)
    assert not solve.is_numeric(solve.columns.index("fair shares"))
    assert solve.is_numeric(solve.columns.index("columns"))


@pytest.mark.parametrize("bad", ["", "Summary", "1st", "a b", "a_b"])
def test_section_id_must_be_an_anchor(bad: str) -> None:
    """Section ids are lowercase anchors, so links in the navigation always work."""
    with pytest.raises(ValueError, match="section id"):
        ReportSection(id=bad, title="t")


def test_polyline_needs_two_valid_points() -> None:
    """A map line with one point, or a point off the globe, is refused."""
    with pytest.raises(ValueError, match="at least 2 points"):
        MapPolyline(points=((0.0, 0.0),))
    with pytest.raises(ValueError, match="not a valid lon/lat"):
        MapPolyline(points=((0.0, 0.0), (200.0, 0.0)))


def _expand(text: str) -> set[int]:
    days: set[int] = set()
    for part in filter(None, text.split(", ")):
        ends = [int(x.removeprefix("C+")) for x in part.split("–")]
        days.update(range(ends[0], ends[-1] + 1))
    return days


@given(st.sets(st.integers(min_value=0, max_value=400), max_size=40))
def test_day_ranges_round_trip(days: set[int]) -> None:
    """Compressed day ranges name exactly the days given, no more, no fewer."""
    assert _expand(day_ranges(days)) == days


@given(st.sets(st.integers(min_value=0, max_value=60), min_size=1, max_size=30))
def test_day_ranges_are_maximal(days: set[int]) -> None:
    """Consecutive days always merge: no two ranges could be joined."""
    parts = day_ranges(days).split(", ")
    assert len(parts) == sum(1 for d in days if d - 1 not in days)


def _svg(prefix: str) -> str:
    fig = Figure()
    fig.subplots().plot([0, 1], [0, 1])
    return figure_to_svg(fig, prefix)


def test_figure_ids_are_prefixed() -> None:
    """Two figures rendered with different prefixes share no id, and refs follow the ids."""
    one, two = _svg("one"), _svg("two")
    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    ids_two = set(re.findall(r'\bid="([^"]+)"', two))
    assert ids_one
    assert not ids_one & ids_two
    assert set(re.findall(r"url\(#([^)]+)\)", one)) <= ids_one


def test_figure_svg_is_bare() -> None:
    """The SVG starts at <svg> (no XML prologue) and carries no metadata with web links."""
    svg = _svg("bare")
    assert svg.startswith("<svg")
    assert "<metadata" not in svg
