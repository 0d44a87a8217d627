"""A parameters file is read as a small UTF-8 file, and its values are said as it writes them.

A tester's ``--params /dev/zero`` read without end (4 GB in 6 s); a file saved with a
byte-order mark was "not valid TOML"; values were said in Python's words
(``datetime.time(7, 32)``, ``{'a': 1}``) and numbers not as written (``1e400`` as ``inf``,
``1e13`` as ``10000000000000.0``); ``threads = 4.0`` was refused though ``--threads 4.0``
is taken, and ``time_limit_s = 0.0001`` taken though ``--time-limit`` refuses it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ArgumentError, ScenarioError
from supplyline.planning import PlanParams
from supplyline.planning.params_file import MAX_PARAMS_BYTES


def _refused(path: Path | str) -> str:
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    return str(caught.value)


def _file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "p.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_device_is_refused_without_reading_it() -> None:
    """/dev/zero never ends: it is refused as not a regular file, before a byte is read."""
    assert "/dev/zero: is not a regular file (a device, a FIFO or a socket)" in _refused(
        "/dev/zero"
    )


def test_a_fifo_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    """A named pipe with no writer would block the read for ever: refused at once."""
    fifo = tmp_path / "params.fifo"
    os.mkfifo(fifo)
    assert "is not a regular file" in _refused(fifo)


def test_a_folder_is_said_to_be_a_folder(tmp_path: Path) -> None:
    """A folder is not 'cannot be read: Is a directory' but what it is."""
    assert "is a folder: name a TOML file" in _refused(tmp_path)


def test_a_link_loop_is_said_as_one(tmp_path: Path) -> None:
    """A params file that is a link loop reads as every other path's loop, not as ELOOP's words."""
    (tmp_path / "a.toml").symlink_to("b.toml")
    (tmp_path / "b.toml").symlink_to("a.toml")
    said = _refused(tmp_path / "a.toml")
    assert "a symbolic link loop" in said
    assert "Too many levels" not in said


def test_a_file_over_the_cap_is_refused_with_its_limit(tmp_path: Path) -> None:
    """More than 1 MiB of comments is not a parameters file: refused, the limit said."""
    path = _file(tmp_path, "# x\n" * (MAX_PARAMS_BYTES // 4 + 1))
    assert f"is larger than {MAX_PARAMS_BYTES:,} bytes (1 MiB)" in _refused(path)


def test_a_file_just_under_the_cap_is_read(tmp_path: Path) -> None:
    """The cap is on size alone: a file of 1 MiB less a line, mostly comments, is read."""
    comments = "# x\n" * (MAX_PARAMS_BYTES // 4 - 4)
    path = _file(tmp_path, comments + "threads = 2\n")
    assert path.stat().st_size <= MAX_PARAMS_BYTES
    assert PlanParams.from_file(path).threads == 2


def test_an_empty_path_is_said_to_be_empty() -> None:
    """'' is no file (pathlib read it as the current folder)."""
    with pytest.raises(ArgumentError, match="an empty path"):
        PlanParams.from_file("")


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    """Notepad's UTF-8 with a byte-order mark reads as the same file without it."""
    path = _file(tmp_path, b"\xef\xbb\xbfthreads = 3\n[weights]\nlate_per_t_day = 50\n")
    params = PlanParams.from_file(path)
    assert (params.threads, params.weights.late_per_t_day) == (3, 50.0)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("time_limit_s = 07:32:00", "time_limit_s: 07:32:00 is a time of day, not a number"),
        ("time_limit_s = 1979-05-27", "time_limit_s: 1979-05-27 is a date, not a number"),
        ("explain_top = {a=1}", "explain_top: {a = 1} is a table, not a whole number"),
        ("threads = [1]", "threads: [1] is an array, not a whole number"),
        (
            "method = 1979-05-27T07:32:00Z",
            "method: 1979-05-27T07:32:00Z is a date and time, not text",
        ),
        ('time_limit_s = "10"', 'time_limit_s: "10" is text, not a number'),
        ("presolve = 1", "presolve: 1 is a whole number, not true or false"),
        ("weights = 5", "weights: 5 is a whole number, not a table ([weights])"),
    ],
)
def test_a_value_of_the_wrong_kind_is_said_as_toml_writes_it(
    tmp_path: Path, line: str, said: str
) -> None:
    """Each value in TOML's words and what kind it is, never Python's repr."""
    message = _refused(_file(tmp_path, line + "\n"))
    assert said in message
    assert "datetime." not in message
    assert "{'" not in message


@given(
    mantissa=st.sampled_from(["1", "2.5", "9.99", "1_0"]),
    exponent=st.integers(min_value=13, max_value=999),
    big_e=st.booleans(),
    key=st.sampled_from(["time_limit_s", "explain_time_s", "weights.late_per_t_day"]),
)
def test_a_number_out_of_range_is_quoted_as_the_file_writes_it(
    tmp_path_factory: pytest.TempPathFactory, mantissa: str, exponent: int, big_e: bool, key: str
) -> None:
    """1e400, 2.5E13, 1_0e20: the message quotes the text, never inf or 10000000000000.0."""
    written = f"{mantissa}{'E' if big_e else 'e'}{exponent}"
    table, _, name = key.rpartition(".")
    text = (f"[{table}]\n" if table else "") + f"{name} = {written}\n"
    message = _refused(_file(tmp_path_factory.mktemp("p"), text))
    assert f"{key}: {written} is out of range" in message
    assert "inf" not in message.split(written)[1].split("(")[0]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("inf", "inf is infinite ("),
        ("-inf", "-inf is infinite ("),
        ("nan", "nan is not a number ("),
    ],
)
def test_inf_and_nan_are_said_once(tmp_path: Path, written: str, said: str) -> None:
    """A tester read "inf is infinite (inf)": the bracket repeated what the file wrote."""
    message = _refused(_file(tmp_path, f"time_limit_s = {written}\n"))
    assert f"time_limit_s: {said}a number of seconds from 0.001" in message


@pytest.mark.parametrize("written", ["4.0", "4.", "4"])
def test_a_whole_count_with_a_point_is_taken_as_on_the_command_line(
    tmp_path: Path, written: str
) -> None:
    """A file's threads = 4.0 is 4, as --threads 4.0 is (4. is no TOML float: refused as TOML)."""
    path = _file(tmp_path, f"threads = {written}\nexplain_top = {written}\n")
    if written == "4.":
        assert "is not valid TOML" in _refused(path)
        return
    params = PlanParams.from_file(path)
    assert (params.threads, params.explain_top) == (4, 4)
    assert isinstance(params.threads, int)


def test_a_count_with_a_fraction_is_refused(tmp_path: Path) -> None:
    """A file's threads = 2.5 is no whole number (as --threads 2.5)."""
    assert "threads: 2.5 is a number, not a whole number" in _refused(
        _file(tmp_path, "threads = 2.5\n")
    )


@pytest.mark.parametrize("key", ["time_limit_s", "explain_time_s"])
@pytest.mark.parametrize(
    ("written", "taken"), [("0.0001", False), ("1e-7", False), ("0.001", True)]
)
def test_seconds_have_the_command_lines_least(
    tmp_path: Path, key: str, written: str, taken: bool
) -> None:
    """0.001 s is the least in a file as on the command line (0.0001 was taken from a file)."""
    path = _file(tmp_path, f"{key} = {written}\n")
    if taken:
        assert getattr(PlanParams.from_file(path), key) == float(written)
        return
    assert f"{key}: {written} is out of range (a number of seconds from 0.001" in _refused(path)


@pytest.mark.parametrize(
    "text", ["[weights]\nmove_per_t = 1\n[weights]\n", "weights.move_per_t = 1\n[weights]\n"]
)
def test_a_table_declared_twice_is_named_as_toml_writes_it(tmp_path: Path, text: str) -> None:
    """The table is said as [weights], not in tomllib's Python tuple ('weights',)."""
    message = _refused(_file(tmp_path, text))
    assert re.search(r"is not valid TOML at column \d+: Cannot declare \[weights\] twice", message)
    assert "('" not in message
