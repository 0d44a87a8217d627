"""Malformed Solomon files are refused with their file and line, never solved or crashed on.

The cases are a tester's files, cut down: each was solved as if it were sound, or refused
in words about something it did not have.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.routing import read_instance

HEAD = "C101\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n\n"
HEADINGS = (
    "CUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n \n"
)
CUSTOMERS = HEADINGS + "    0      40         50          0          0       1236          0   \n"
ROWS = (
    "    1      45         68         10        912        967         90   \n"
    "    2      45         70         30        825        870         90   \n"
    "    3      42         66         10         65        146         90   \n"
)
VALID = HEAD + CUSTOMERS + ROWS
"""Lines: 1 name, 3 VEHICLE, 4 heading, 5 fleet, 7 CUSTOMER, 8 CUST NO., 10 depot, 11-13."""


def _write(folder: Path, content: str | bytes, name: str = "inst.txt") -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        # 1. no VEHICLE section: had been solved with a capacity of 2**40
        ("C101\n\n" + CUSTOMERS + ROWS, 3, r"no VEHICLE section .*capacity is unknown"),
        (
            "C101\n\nVEHICLE\n\n" + CUSTOMERS + ROWS,
            3,
            r"no VEHICLE section \(a 'NUMBER CAPACITY' heading",
        ),
        (
            "C101\n\nVEHICLE\nNUMBER     CAPACITY\n\n" + CUSTOMERS + ROWS,
            4,
            "'NUMBER CAPACITY' heading is not followed by the fleet size and the capacity",
        ),
        (
            "C101\n\nVEHICLE\n  25         200\n\n" + CUSTOMERS + ROWS,
            4,
            r"'25         200' is not part of a Solomon instance here: expected the 'NUMBER",
        ),
        # 2. an empty file and binary junk said "no customer lines after 'CUST NO.'"
        ("", None, "the file is empty"),
        ("\n  \n\n", None, "the file is empty"),
        (b"0\xd5\xacD\x1b\x9b]_\n\x00\x01", 1, "byte 0x9b at offset 5 is not UTF-8 text"),
        ("C101\n\x00\x00\x00\n", 2, "a NUL character at offset 5: not a Solomon instance"),
        (
            "just some notes\nabout a trip\n",
            None,
            "not a Solomon instance: no VEHICLE section .* and no CUSTOMER section",
        ),
        (HEAD, 6, "the file ends at line 6 without a CUSTOMER section"),
        (HEAD + HEADINGS, 8, r"no customer lines after 'CUST NO.'"),
        # 3. a depot and no customer: exit 6 "no vehicle in the problem"
        (HEAD + CUSTOMERS, 10, "the instance has no customers: the depot is its only node"),
        # 4. a demand above the capacity: exit 1 "no feasible solution within the time limit"
        (
            VALID.replace("30        825", "500       825"),
            12,
            r"customer 2: demand 500 is more than the vehicle capacity 200 \(line 5\)",
        ),
        # 5. repeated numbers: solved as if distinct
        (
            VALID.replace("    2      45", "    1      45"),
            12,
            "customer number 1 is also on line 11: each customer needs a number of its own",
        ),
        (
            VALID.replace("    0      40", "    3      40"),
            13,
            r"customer number 3 is also the depot's, line 10 \(the first row is the depot",
        ),
        (
            VALID.replace("    0      40", "    7      40"),
            10,
            r"customer number 7 where 0 is expected for the depot \(the first row\)",
        ),
        (VALID.replace("    3      42", "    4      42"), 13, "customer number 4 where 3 is"),
        (VALID.replace("    3      42", "  3.5      42"), 13, "customer number 3.5 where 3 is"),
    ],
)
def test_a_malformed_file_is_refused_saying_what_it_lacks(
    tmp_path: Path, content: str | bytes, line: int | None, words: str
) -> None:
    """Each malformed file is one ScenarioError issue, at its line, in the file's terms."""
    path = _write(tmp_path, content)
    with pytest.raises(ScenarioError, match=words) as caught:
        read_instance(path)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line) == (str(path), line)


@pytest.mark.parametrize(
    "content",
    [
        VALID,
        "\ufeff" + VALID,  # 6. a BOM had ended up in the name
        VALID.replace("\n", "\r\n"),
        "\ufeff" + VALID.replace("\n", "\r\n"),
    ],
)
def test_a_sound_file_reads_with_its_own_name(tmp_path: Path, content: str) -> None:
    """A sound file, with or without a BOM or CRLF line ends, is C101 with its 3 customers."""
    instance = read_instance(_write(tmp_path, content))
    assert (instance.name, instance.num_customers, instance.capacity) == ("C101", 3, 200)
    assert instance.demand.tolist() == [0, 10, 30, 10]


def test_a_vrplib_file_without_capacity_is_refused(tmp_path: Path) -> None:
    """A .vrp with no CAPACITY line had been solved with vehicles of 2**40."""
    path = _write(
        tmp_path,
        "NAME : t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n"
        "NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nDEMAND_SECTION\n1 0\n2 1\n3 1\n"
        "DEPOT_SECTION\n1\n-1\nEOF\n",
        name="t.vrp",
    )
    with pytest.raises(ScenarioError, match="no 'CAPACITY : n' line"):
        read_instance(path)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supplyline", "routes-bench", *args, "--time-limit", "0.3"],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("C101\n\n" + CUSTOMERS + ROWS, "inst.txt:3: no VEHICLE section"),
        (HEAD + CUSTOMERS, "inst.txt:10: the instance has no customers"),
        (VALID.replace("30        825", "500       825"), "inst.txt:12: customer 2: demand 500"),
    ],
)
def test_routes_bench_exits_2_on_a_refused_file(tmp_path: Path, content: str, words: str) -> None:
    """routes-bench says the file's line and exits 2 (bad input), with no traceback."""
    result = _run(str(_write(tmp_path, content)))
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_routes_bench_exits_6_when_no_feasible_solution_is_found(tmp_path: Path) -> None:
    """One vehicle cannot reach two customers 100 apart in a window of 5: solver failure, 6."""
    tight = HEAD.replace("25         200", "1          200") + (
        "CUSTOMER\nCUST NO.\n0 0 0 0 0 1000 0\n1 50 0 10 50 55 0\n2 -50 0 10 50 55 0\n"
    )
    result = _run(str(_write(tmp_path, tight)), "--format", "json")
    assert result.returncode == 6, result.stderr
    assert "no feasible solution within the time limit" in result.stderr
    assert '"feasible": false' in result.stdout


_LINES = VALID.splitlines(keepends=True)


@st.composite
def _mutilated(draw: st.DrawFn) -> str:
    """VALID with lines dropped, two fields of a line swapped, or cut short."""
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["drop", "swap", "cut", "duplicate"]))
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "drop":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        elif kind == "swap":
            fields = lines[at].split()
            if len(fields) >= 2:
                i, j = draw(st.lists(st.integers(0, len(fields) - 1), min_size=2, max_size=2))
                fields[i], fields[j] = fields[j], fields[i]
                lines[at] = " ".join(fields) + "\n"
        else:
            text = "".join(lines)
            text = text[: draw(st.integers(0, len(text)))]
            lines = text.splitlines(keepends=True)
    return "".join(lines)


@settings(max_examples=150, deadline=None)
@given(text=_mutilated())
def test_a_mutilated_file_is_read_or_refused_at_a_line(text: str) -> None:
    """Either an instance, or a ScenarioError whose every issue has a line (bar whole-file ones)."""
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), text)
        try:
            instance = read_instance(path)
        except ScenarioError as error:
            issues = error.issues
        else:
            assert instance.num_customers >= 1
            assert int(instance.demand.max()) <= instance.capacity
            return
    assert issues
    for issue in issues:
        assert issue.file == str(path)
        whole_file = issue.message.startswith(("the file is empty", "not a Solomon"))
        assert issue.line is not None or whole_file, issue
