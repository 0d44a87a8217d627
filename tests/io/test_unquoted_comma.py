"""A number's comma left unquoted (``1,5``) is said as a decimal comma in its column.

A tester's ``1,5`` in ``capacity_t_per_day`` made the row one cell too long, and the
message spoke of an extra cell, not of the number.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit

from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._split_cells import rejoin
from supplyline.io._tables import _NUMERIC

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


@pytest.fixture
def relief(tmp_path: Path, relief_dir: Path) -> Path:
    """A copy of the relief example, to break."""
    return Path(shutil.copytree(relief_dir, tmp_path / "relief"))


def errors_of(folder: Path) -> list[Issue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [i for i in caught.value.issues if i.severity is Severity.ERROR]


def test_an_unquoted_decimal_comma_is_said_in_its_column(relief: Path) -> None:
    """``1,5`` unquoted in capacity_t_per_day gets the words of a quoted ``"1,5"``, and why."""
    edit(
        relief,
        "links.csv",
        "r-port-hub,saldana-port,hub-wh,road,,9,0,,700,",
        "r-port-hub,saldana-port,hub-wh,road,,9,0,,1,5,",
    )
    (error,) = errors_of(relief)
    assert str(error) == (
        "links.csv:7: capacity_t_per_day: '1,5' has a decimal comma: write 1.5 (a number from "
        "0 to 1,000,000 t/day, with a point as decimal separator) — unquoted, its comma split "
        "the row into 14 cells (the header has 13 columns)"
    )


def test_an_unquoted_thousands_comma_is_offered_both_readings(relief: Path) -> None:
    """``8,000`` unquoted in storage_t: 8000, or 8.0 for a decimal comma, as when quoted."""
    edit(relief, "locations.csv", ",1500,8000,0", ",1500,8,000,0")
    (error,) = errors_of(relief)
    assert (error.file, error.line, error.column) == ("locations.csv", 7, "storage_t")
    assert error.message.startswith(
        "'8,000' has a comma: write 8000 if it is a thousands separator, or 8.0 if it is a "
        "decimal comma (a number from 0 to 100,000,000 t, "
    )


def test_a_comma_in_a_name_is_not_called_a_number(relief: Path) -> None:
    """An unquoted comma in a name still says the row is too long, naming no number."""
    edit(relief, "locations.csv", "hub (shared warehouse)", "hub, shared warehouse")
    (error,) = errors_of(relief)
    assert str(error) == (
        "locations.csv:7: row has 10 cells but the header has 9 columns (extra '0'; quote a "
        "cell that contains a comma)"
    )


def test_two_numbers_side_by_side_are_both_offered(relief: Path) -> None:
    """``12,5,120`` is 12.5 and 120 or 12 and 5,120: both are said, none is taken."""
    edit(relief, "links.csv", "road,,38,1,,120,", "road,,38,,12,5,120,")
    edit(relief, "links.csv", "road,,21,1,,80,", "road,,21,,40,80,")
    (error,) = errors_of(relief)
    assert str(error) == (
        "links.csv:17: row has 14 cells but the header has 13 columns (extra '0-5;14'; quote a "
        "cell that contains a comma; or an unquoted number's comma: '12,5' in speed_km_per_day "
        "(write 12.5) or '5,120' in capacity_t_per_day (write 5120, or 5.12 for a decimal comma))"
    )


def _numeric_cells() -> list[tuple[str, int, str]]:
    """Every filled numeric cell of the relief example: (file, line, column)."""
    out = []
    for file, columns in _NUMERIC.items():
        with (EXAMPLE / file).open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
        header_at = next(i for i, row in enumerate(lines) if row and not row[0].startswith("#"))
        header = lines[header_at]
        for at, row in enumerate(lines[header_at + 1 :], start=header_at + 2):
            out += [(file, at, c) for c in header if c in columns and row[header.index(c)]]
    return out


NUMERIC_CELLS = _numeric_cells()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cell=st.sampled_from(NUMERIC_CELLS),
    whole=st.integers(min_value=1, max_value=99),
    part=st.text(alphabet="123456789", min_size=1, max_size=2),
)
def test_an_unquoted_decimal_comma_is_never_said_in_another_cell(
    relief_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    cell: tuple[str, int, str],
    whole: int,
    part: str,
) -> None:
    """Whichever numeric cell of the example holds ``w,p`` unquoted, its row names it.

    As its own error (``write w.p``), or among the places a number's comma may be; never
    another cell.
    """
    file, line, column = cell
    folder = Path(shutil.copytree(relief_dir, tmp_path_factory.mktemp("c") / "relief"))
    path = folder / file
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    row = next(csv.reader([lines[line - 1]]))
    header = next(csv.reader([next(x for x in lines if not x.startswith("#"))]))
    at = header.index(column)
    quoted = ['"' + c.replace('"', '""') + '"' if set(c) & set(',"') else c for c in row]
    lines[line - 1] = ",".join([*quoted[:at], f"{whole},{part}", *quoted[at + 1 :]])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = [e for e in errors_of(folder) if (e.file, e.line) == (file, line)]
    split = [e for e in errors if "unquoted, its comma split the row" in e.message]
    assert all(e.column == column for e in split), split
    named = [e for e in split if f"has a decimal comma: write {whole}.{part} " in e.message]
    listed = [e for e in errors if f"'{whole},{part}' in {column} (write " in e.message]
    assert len(named) + len(listed) == 1, errors


@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.integers(0, 999),
            st.sampled_from(["", ""]),
            st.integers(1, 9),
            st.integers(0, 99),
        ),
        min_size=2,
        max_size=6,
    ),
    pick=st.integers(min_value=0),
    column=st.sampled_from([1, 3, 4]),
    part=st.integers(1, 99),
)
def test_a_split_number_is_never_joined_at_the_wrong_place(
    rows: list[tuple[str, int, str, int, int]], pick: int, column: int, part: int
) -> None:
    """A split number in a row like the others is joined at its place, or none is.

    Where two places fit as well, none is taken and the true one is among those said.
    """
    columns = ["id", "t", "note", "n", "m"]
    table = [[str(c) for c in row] for row in rows]
    true = table[pick % len(table)]
    written = [*true[:column], true[column], str(part), *true[column + 1 :]]
    found = rejoin(written, columns, lambda c: c in {"t", "n", "m"}, table)
    joined = (columns[column], f"{true[column]},{part}")
    if found.record is None:
        assert joined in found.numbers
    else:
        assert found.at == column
        assert found.record == [*true[:column], joined[1], *true[column + 1 :]]
