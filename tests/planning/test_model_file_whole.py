"""An MPS file counts as written only when it ends with its ENDATA line.

HiGHS's ``writeModel`` said nothing when a full disk cut a tester's model at 65,536 of
394,624 bytes; ``plan --mps`` said it wrote it and exited 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import OutputError
from supplyline.planning import write_mps
from supplyline.planning.examples import one_link
from supplyline.planning.model_file import check_mps_complete

WHOLE = (
    b"NAME        Test\nROWS\n N  Obj\n E  balance|food|d0\nCOLUMNS\n"
    b"    x  Obj  1  balance|food|d0  1\nRHS\n    RHS_V  balance|food|d0  5\nBOUNDS\nENDATA\n"
)


def test_a_whole_model_passes(tmp_path: Path) -> None:
    """A model HiGHS wrote whole (ENDATA last) is accepted, with or without the last newline."""
    for text in (WHOLE, WHOLE.rstrip(b"\n")):
        path = tmp_path / "m.mps"
        path.write_bytes(text)
        check_mps_complete(path)
        assert path.read_bytes() == text  # the check reads, never changes


@given(cut=st.integers(min_value=0, max_value=len(WHOLE) - len(b"ENDATA\n")))
def test_any_cut_short_model_is_refused_by_name(
    cut: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A model cut anywhere before its ENDATA line (a full disk) raises OutputError naming it."""
    path = tmp_path_factory.mktemp("cut") / "m.mps"
    path.write_bytes(WHOLE[:cut])
    with pytest.raises(OutputError, match=r"cannot write .*m\.mps: HiGHS wrote only .* ENDATA"):
        check_mps_complete(path)


def test_write_mps_checks_what_it_wrote(tmp_path: Path) -> None:
    """A model written by :func:`write_mps` passes the check: it ends with ENDATA."""
    path = tmp_path / "one.mps"
    write_mps(*one_link(), path)
    check_mps_complete(path)
    assert path.read_bytes().rstrip().endswith(b"\nENDATA")
