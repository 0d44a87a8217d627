"""``check_own_file``: a file is replaced only if it is the kind of output supplyline wrote.

Each kind is told by its start: a CSV by its header line, a report by its generator
``<meta>`` tag, a model by its ``* generator: supplyline`` line. An empty file holds
nothing to lose; anything else is the user's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from supplyline.errors import OutputError
from supplyline.io.destinations import check_own_file
from supplyline.io.own_files import MPS_MODEL, REPORT, OwnKind, csv_output

HEADER = "at,order,amount"
STATEMENT = csv_output(HEADER, "a statement")
OURS = [
    (STATEMENT, f"\ufeff{HEADER}\r\n1,2,3\r\n"),
    (REPORT, '<!DOCTYPE html>\n<head>\n<meta name="generator" content="supplyline 1.2" />\n'),
    (MPS_MODEL, "* generator: supplyline 1.2\n* supplyline-plan: ab12\nNAME        x\n"),
    (MPS_MODEL, "* generator: supplyline 1.2\nNAME        x\n"),  # a model with no plan
]


@pytest.mark.parametrize(("kind", "text"), OURS)
def test_a_file_supplyline_wrote_is_replaced(tmp_path: Path, kind: OwnKind, text: str) -> None:
    """Its start marks it as ours: no error."""
    target = tmp_path / "out"
    target.write_text(text, encoding="utf-8")
    assert check_own_file(target, kind) is None


@pytest.mark.parametrize("kind", [STATEMENT, REPORT, MPS_MODEL])
def test_an_empty_file_or_none_is_replaced(tmp_path: Path, kind: OwnKind) -> None:
    """Nothing to lose: no error for an empty file, nor for a path with no file."""
    (tmp_path / "empty").write_text("", encoding="utf-8")
    assert [check_own_file(tmp_path / n, kind) for n in ("empty", "none")] == [None, None]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200))
def test_any_other_start_is_refused_and_kept(tmp_path: Path, text: str) -> None:
    """Text that does not start as one of ours is refused, and the file is as it was."""
    head = text.removeprefix("\ufeff")
    assume(head)  # a byte-order mark alone is an empty file: nothing to lose
    target = tmp_path / "mine"
    target.write_bytes(text.encode("utf-8"))
    for kind in (STATEMENT, REPORT, MPS_MODEL):
        if kind.is_ours(head):
            continue  # hypothesis wrote one of ours: nothing to refuse
        with pytest.raises(OutputError, match=f"is not {kind.what} supplyline wrote"):
            check_own_file(target, kind)
    assert target.read_bytes() == text.encode("utf-8")
