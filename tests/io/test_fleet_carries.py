"""fleet.csv's ``carries`` column: what a fleet group's trucks may load, read and written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario, write_scenario
from supplyline.io._cargo_cells import cargo_fields, format_carries, parse_carries
from supplyline.io._cells import BadValue
from supplyline.types import ANY_CARGO

HEADER = "cost_per_km,max_route_hours\n"
ROW = "host-trucks,host-depot,host,rigid 3-axle,6,18,40,50,120,1.2,9"


def with_carries(folder: Path, cell: str, row: str = ROW) -> Path:
    """The template's fleet.csv with a ``carries`` column and ``cell`` in its one row."""
    edit(folder, "fleet.csv", HEADER, "cost_per_km,max_route_hours,carries\n")
    edit(folder, "fleet.csv", ROW, f"{row},{cell}")
    return folder


def errors_of(folder: Path) -> list[Issue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [i for i in caught.value.issues if i.severity is Severity.ERROR]


def test_commodities_and_classes_are_read(folder: Path) -> None:
    """A cell names commodity ids and supply classes, separated by ';', spaces aside."""
    group = load_scenario(with_carries(folder, " water ; fuel;spare_parts")).fleet[0]
    assert group.carries == frozenset({"water", "fuel", "spare_parts"})


def test_empty_cell_carries_anything(folder: Path) -> None:
    """An empty cell, as a file without the column, lets the trucks load anything."""
    assert load_scenario(with_carries(folder, "")).fleet[0].carries == frozenset()


@pytest.mark.parametrize("cell", ["*", " * ", "*;", '"*"'])
def test_star_carries_anything_on_purpose(folder: Path, cell: str) -> None:
    """``*``, spaces or a trailing ';' aside, is anything said on purpose: nothing named."""
    group = load_scenario(with_carries(folder, cell)).fleet[0]
    assert (group.carries, group.carries_anything) == (frozenset(), True)


def test_star_beside_names_is_one_error_saying_to_choose(folder: Path) -> None:
    """``*;water`` says two things at once: refused at its cell, with both ways out."""
    (issue,) = errors_of(with_carries(folder, "*;water"))
    assert (issue.file, issue.line, issue.column) == ("fleet.csv", 3, "carries")
    assert "'*' means anything, so it stands alone: write * for trucks that load anything, " \
        "or name only what they carry (water)" in issue.message  # fmt: skip


def test_round_trip_keeps_star(folder: Path, tmp_path: Path) -> None:
    """A group that says ``*`` is written ``*`` and loads back saying it still."""
    out = write_scenario(load_scenario(with_carries(folder, "*")), tmp_path / "written")
    rows = (out / "fleet.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith(",carries")
    assert rows[1].endswith(",*")
    assert load_scenario(out).fleet[0].carries_anything


_NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), max_size=4)


@given(names=_NAMES, anything=st.booleans(), pad=st.sampled_from(["", " ", "  "]))
def test_a_written_cell_reads_back_as_it_was(names: list[str], anything: bool, pad: str) -> None:
    """format_carries then parse_carries gives back the names, or ``*`` for anything."""
    carries = frozenset() if anything else frozenset(names)
    cell = format_carries(carries, anything=anything)
    padded = ";".join(f"{pad}{part}{pad}" for part in cell.split(";"))
    read = cargo_fields(parse_carries(padded))
    assert read == {"carries": carries, "carries_anything": anything}


@given(names=_NAMES.filter(bool), at=st.integers(min_value=0, max_value=4))
def test_star_among_names_is_always_refused(names: list[str], at: int) -> None:
    """``*`` wherever it stands among names is refused, naming what else the cell says."""
    parts = [*names]
    parts.insert(min(at, len(parts)), ANY_CARGO)
    with pytest.raises(BadValue, match=r"'\*' means anything, so it stands alone"):
        parse_carries(";".join(parts))


@pytest.mark.parametrize(
    ("cell", "pattern"),
    [
        pytest.param(
            "watr",
            r"^fleet 'host-trucks' refers to unknown commodity or supply class 'watr' "
            r"\(did you mean 'water'\?; known: ",
            id="misspelt-commodity",
        ),
        pytest.param(
            "spare-parts",
            r"unknown commodity or supply class 'spare-parts' \(did you mean 'spare_parts'\?",
            id="misspelt-class",
        ),
        pytest.param(
            '"water,fuel"',
            r"^'water,fuel' has a comma: separate what the trucks carry with ';' \(water;fuel\)$",
            id="comma",
        ),
        pytest.param(
            "water;fresh water",
            r"^carries entry 'fresh water' has characters ids cannot have",
            id="space-in-name",
        ),
    ],
)
def test_a_bad_cell_is_located(folder: Path, cell: str, pattern: str) -> None:
    """A bad entry is one error on fleet.csv's row and carries column, saying what is meant."""
    (issue,) = errors_of(with_carries(folder, cell))
    assert (issue.file, issue.line, issue.column) == ("fleet.csv", 3, "carries")
    assert re.search(pattern, issue.message), issue.message


def test_unknown_entry_is_said_beside_the_rows_own_error(folder: Path) -> None:
    """A row that cannot be built still has its carries checked, in the same run."""
    bad_row = ROW.replace(",6,18,", ",6,-18,")
    messages = {(i.column, i.message.split(" (")[0]) for i in errors_of(
        with_carries(folder, "watr", row=bad_row)
    )}  # fmt: skip
    assert (
        "carries",
        "fleet 'host-trucks' refers to unknown commodity or supply class 'watr'",
    ) in (messages)
    assert any(column == "payload_t" for column, _ in messages)


def test_round_trip_keeps_carries(folder: Path, tmp_path: Path) -> None:
    """A scenario whose trucks carry named goods writes them and loads back equal."""
    scenario = load_scenario(with_carries(folder, "water;fuel"))
    out = write_scenario(scenario, tmp_path / "written")
    assert "carries" in (out / "fleet.csv").read_text(encoding="utf-8").splitlines()[0]
    assert load_scenario(out) == scenario


def test_writer_leaves_the_column_out_when_no_truck_names_goods(
    folder: Path, tmp_path: Path
) -> None:
    """Without carries, fleet.csv is written as before: no new column in old scenarios."""
    out = write_scenario(load_scenario(folder), tmp_path / "written")
    assert "carries" not in (out / "fleet.csv").read_text(encoding="utf-8")
