"""A scenario written from scratch in a spreadsheet: each slip is told once, truly.

A tester's scenario (a relief operation typed by hand) met messages that spoke of a
typo's consequences before the typo, counted a false error, or gave advice that does
not work; these tests hold the messages to what the row really says.
"""

from __future__ import annotations

import datetime as dt
import shutil
from enum import StrEnum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import edit, widen_rows

from supplyline.domain import DemandUnit, LocationKind, Mode
from supplyline.errors import Issue, ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._cells import BadValue, parse_float, parse_name, parse_rate
from supplyline.io._csvtable import Table, read_table
from supplyline.io._day_cells import parse_outage_days
from supplyline.io._enum_cells import parse_enum
from supplyline.io._source import Report


@pytest.fixture
def relief(tmp_path: Path, relief_dir: Path) -> Path:
    """A copy of the relief example (six sites in place, a hub, roads)."""
    return Path(shutil.copytree(relief_dir, tmp_path / "relief"))


def errors_of(folder: Path) -> list[Issue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [i for i in caught.value.issues if i.severity is Severity.ERROR]


def only_error(folder: Path) -> Issue:
    errors = errors_of(folder)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def _with_on_hand(folder: Path, home: str, destination: str) -> None:
    """Give units.csv an on_hand_days column and site-1 the places given."""
    edit(folder, "units.csv", "receive_close_h\n", "receive_close_h,on_hand_days\n")
    edit(
        folder,
        "units.csv",
        "site-1,Saldana stadium,meridia,site-stadium,site-stadium,12000,6,0,0,0,,2,6,20\n",
        f"site-1,Saldana stadium,meridia,{home},{destination},12000,6,0,0,0,,2,6,20,1\n",
    )
    widen_rows(folder, "units.csv")


@pytest.mark.parametrize(
    ("home", "destination", "column", "typo"),
    [
        ("site-stadium", "site-stadum", "destination", "site-stadum"),
        ("sitestadium", "site-stadium", "home", "sitestadium"),
    ],
)
def test_a_misspelt_place_is_the_one_error_not_on_hand_days(
    relief: Path, home: str, destination: str, column: str, typo: str
) -> None:
    """A misspelt place of a unit in place is told alone, not on_hand_days' rule.

    on_hand_days is only for a unit in place, which it is once the typo is mended.
    """
    _with_on_hand(relief, home, destination)
    error = only_error(relief)
    assert (error.file, error.line, error.column) == ("units.csv", 3, column)
    assert f"unknown location {typo!r} (did you mean 'site-stadium'?" in error.message


def test_on_hand_days_of_a_deploying_unit_is_still_refused(relief: Path) -> None:
    """Between two known places, on_hand_days on a deploying unit is still an error."""
    _with_on_hand(relief, "larnis-hub", "site-stadium")
    error = only_error(relief)
    assert (error.line, error.column) == (3, "on_hand_days")
    assert "is for a unit already in place" in error.message


_CELL = st.text(alphabet="abcdefgh0123456789.-", min_size=1, max_size=6)
_COLUMNS = ("id", "name", "storage_t")


def _table_text(rows: list[list[str]], *, header_end: str = "", row_end: str = "") -> str:
    lines = [",".join(_COLUMNS) + header_end] + [",".join(r) + row_end for r in rows]
    return "\n".join(lines) + "\n"


def _read(text: str) -> tuple[Table | None, Report]:
    report = Report()
    table = read_table(text, "locations.csv", report, known=_COLUMNS, required=("id",))
    return table, report


_ROWS = st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=2, max_size=8)


@given(rows=_ROWS, blanks=st.integers(min_value=1, max_value=3))
def test_an_empty_unnamed_column_at_the_end_is_read_as_absent(
    rows: list[list[str]], blanks: int
) -> None:
    """A header ending in commas over empty cells reads as the table without them."""
    plain, _ = _read(_table_text(rows))
    padded, report = _read(_table_text(rows, header_end="," * blanks, row_end="," * blanks))
    assert report.issues == []
    assert plain is not None
    assert padded is not None
    assert padded.rows == plain.rows


@given(rows=_ROWS)
def test_a_trailing_comma_on_every_row_is_one_error(rows: list[list[str]]) -> None:
    """Every row one empty cell longer than the header: one error, on the first row."""
    table, report = _read(_table_text(rows, row_end=","))
    assert [(i.line, i.message.split(" (")[0]) for i in report.issues] == [
        (2, "every row ends with an extra empty cell")
    ]
    assert table is not None
    assert table.dropped == len(rows)


def test_trailing_commas_are_not_also_a_file_without_locations(relief: Path) -> None:
    """locations.csv with a comma after every row is not also told it has no rows."""
    path = relief / "locations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(x if x.startswith(("#", "id,")) else x + "," for x in lines) + "\n",
        encoding="utf-8",
    )
    error = only_error(relief)
    assert (error.file, error.line) == ("locations.csv", 3)
    assert "remove the trailing comma at the end of each row" in error.message


def test_a_value_under_an_unnamed_column_is_still_an_error() -> None:
    """An unnamed last column that holds a value is named by position and neighbour."""
    _, report = _read(_table_text([["a", "b", "1", "x"]], header_end=","))
    assert [i.message.split(" has no name")[0] for i in report.issues] == [
        "column 4 (after 'storage_t')"
    ]


def test_an_unnamed_column_inside_says_between_which() -> None:
    """A header's unnamed column is said by its number and the columns either side."""
    report = Report()
    read_table(
        "id,,name,storage_t\na,b,c,1\n", "locations.csv", report, known=_COLUMNS, required=()
    )
    assert "column 2 (between 'id' and 'name') has no name" in report.issues[0].message


@pytest.mark.parametrize(
    "text",
    ["id;name;storage_t\na;b;1\n", "sep=;\nid;name;storage_t\na;b;1\n"],
)
def test_semicolons_get_advice_that_works_in_a_european_excel(text: str) -> None:
    """A semicolon file is told the setting that makes Excel write commas.

    Saving as 'CSV (Comma delimited)' alone writes ';' again in a decimal-comma region.
    """
    _, report = _read(text)
    (issue,) = report.issues
    assert "'Use system separators'" in issue.message
    assert "decimal separator to '.'" in issue.message
    assert "field delimiter to ','" in issue.message


@given(
    grams=st.integers(min_value=1, max_value=99_999),
    space=st.sampled_from(["", " "]),
    unit=st.sampled_from(["g", "G"]),
)
def test_a_rate_with_grams_is_told_its_kilograms(grams: int, space: str, unit: str) -> None:
    """A kg rate written in grams is told the demand unit sets its unit, and the number.

    The old message said the unit is in the key's name, which a rate's is not.
    """
    text = f"{grams}{space}{unit}"
    with pytest.raises(BadValue) as caught:
        parse_rate(text, hi=1e6, unit="kg a person a day", demand_unit="kg")
    message = str(caught.value)
    assert "column's or key's name" not in message
    assert "in the commodity's demand_unit, kg" in message
    assert f", write {grams / 1000:.10g};" in message
    assert "kg a person a day" in message


def test_a_rate_in_a_file_says_per_person(tmp_path: Path, relief_dir: Path) -> None:
    """scenario.yaml's per-person rate is ranged per person a day in its demand unit."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    key = "per_person_per_day: "
    at = text.index(key) + len(key)
    end = text.index("\n", at)
    (folder / "scenario.yaml").write_text(text[:at] + "-3" + text[end:], encoding="utf-8")
    error = only_error(folder)
    assert error.column is not None
    assert error.column.endswith("per_person_per_day")
    assert "a person a day" in error.message


@given(
    whole=st.integers(min_value=0, max_value=99_999),
    part=st.text(alphabet="0123456789", min_size=1, max_size=4).filter(lambda p: len(p) != 3),
)
def test_a_decimal_comma_is_told_the_number_to_write(whole: int, part: str) -> None:
    """``3,5`` says ``write 3.5`` (three digits after the comma may group thousands instead)."""
    with pytest.raises(BadValue) as caught:
        parse_float(f"{whole},{part}", hi=1e6, unit="t")
    assert f"has a decimal comma: write {whole}.{part} " in str(caught.value)


@given(
    days=st.lists(st.integers(min_value=0, max_value=20), min_size=2, max_size=5),
)
def test_outage_days_separated_by_commas_are_told_to_use_semicolons(days: list[int]) -> None:
    """``7-9,12`` says days are separated by ';' and gives the list to write."""
    text = ",".join(str(d) for d in days)
    with pytest.raises(BadValue) as caught:
        parse_outage_days(text, dt.date(2026, 2, 1))
    assert f"(write {text.replace(',', ';')})" in str(caught.value)
    assert parse_outage_days(text.replace(",", ";"), dt.date(2026, 2, 1)) == frozenset(days)


def test_a_range_of_slash_dates_is_shown_whole() -> None:
    """``07/02/2026-09/02/2026`` is shown as a whole range, in both readings (none guessed)."""
    with pytest.raises(BadValue) as caught:
        parse_outage_days("07/02/2026-09/02/2026", dt.date(2026, 2, 1))
    assert str(caught.value) == (
        "'07/02/2026-09/02/2026' is not a range of days (write it as YYYY-MM-DD..YYYY-MM-DD: "
        "2026-02-07..2026-02-09 or 2026-07-02..2026-09-02?)"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("12/03-13/03", "'12/03-13/03' is not a range of days (write it as "
         "YYYY-MM-DD..YYYY-MM-DD: 2025-03-12..2025-03-13)"),
        ("2025/03/10-2025/03/13", "'2025/03/10-2025/03/13' is not a range of days (write it "
         "as YYYY-MM-DD..YYYY-MM-DD: 2025-03-10..2025-03-13)"),
    ],
)  # fmt: skip
def test_a_slash_date_range_in_links_is_said_whole(relief: Path, written: str, said: str) -> None:
    """A tester's outage written ``3/4-5/4`` or year first was shown its first date only."""
    edit(relief, "links.csv", "r-ridge,vardo,site-ridge,road,,21,1,,80,,8.0,true,0-3",
         f"r-ridge,vardo,site-ridge,road,,21,1,,80,,8.0,true,{written}")  # fmt: skip
    (error,) = errors_of(relief)
    assert str(error) == f"links.csv:19: outage_days: {said}"


@given(
    first=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 1)),
    days=st.integers(min_value=0, max_value=30),
    year_first=st.booleans(),
)
def test_a_slash_date_range_is_offered_the_range_it_means(
    first: dt.date, days: int, year_first: bool
) -> None:
    """Whatever the dates, the hint holds the whole range, which reads as those days.

    Written day first (or year first); the range as the hint writes it is accepted.
    """
    last = first + dt.timedelta(days=days)

    def slash(d: dt.date) -> str:
        return f"{d:%Y/%m/%d}" if year_first else f"{d:%d/%m/%Y}"

    with pytest.raises(BadValue) as caught:
        parse_outage_days(f"{slash(first)}-{slash(last)}", first)
    meant = f"{first.isoformat()}..{last.isoformat()}"
    assert meant in str(caught.value)
    assert parse_outage_days(meant, first) == frozenset(range(days + 1))


@given(
    start=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 1, 1)),
    ahead=st.integers(min_value=0, max_value=150),
    days=st.integers(min_value=0, max_value=30),
)
def test_a_range_of_days_and_months_takes_the_year_nearest_the_start(
    start: dt.date, ahead: int, days: int
) -> None:
    """``3/4-5/4`` has no year: the one nearest the start is given, the range whole.

    Across a new year too (``30/12-2/1`` from 2025-12-20 ends in 2026).
    """
    first = start + dt.timedelta(days=ahead)
    last = first + dt.timedelta(days=days)
    with pytest.raises(BadValue) as caught:
        parse_outage_days(f"{first.day}/{first.month}-{last.day}/{last.month}", start)
    assert f"{first.isoformat()}..{last.isoformat()}" in str(caught.value)


def test_a_day_and_month_alone_is_offered_its_dates() -> None:
    """``3/4`` in a day column was "not a day" with no hint; both readings are offered."""
    with pytest.raises(BadValue) as caught:
        parse_outage_days("3/4", dt.date(2025, 3, 1))
    assert str(caught.value) == (
        "'3/4' is not a day (write it as YYYY-MM-DD, with its year: 2025-04-03 or 2025-03-04?)"
    )


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n"])
def test_a_line_break_in_a_name_is_called_a_line_break(brk: str) -> None:
    """A name with Alt+Enter in its cell is told it has a line break, not a control code."""
    with pytest.raises(BadValue, match=r"has a line break \(U\+000[AD]\): a name is one line"):
        parse_name(f"Camp{brk}Nord", default="x")


@pytest.mark.parametrize(
    ("enum", "word", "meant"),
    [
        (Mode, "helicopter", "air"),
        (LocationKind, "entrepôt", "warehouse"),
        (LocationKind, "Entrepot", "warehouse"),
        (DemandUnit, "litre", "L"),  # m3 is told to use L (tests/io/test_t105_input_words.py)
    ],
)
def test_a_word_for_an_allowed_value_is_offered_it(
    enum: type[StrEnum], word: str, meant: str
) -> None:
    """A word for an allowed value (by meaning, not letters) is offered, not taken."""
    with pytest.raises(BadValue, match=rf"did you mean '{meant}'\?"):
        parse_enum(word, enum=enum)
