"""A droppable column that is 0 on every row is left out of a printed table, and named.

Plan's "moved by mode" printed a ``deploy t`` of 0.000 on every row of the relief
example, where no unit deploys. CSV and JSON keep every column; ids and the key figures
(the columns no ranking lists) stay however empty.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from supplyline.cli.output import OutputFormat, emit_rows

COLUMNS = ["mode", "tonnes", "deploy_t", "pax"]
DROP = ["deploy_t"]


def _printed(rows: list[dict[str, object]], drop: list[str]) -> str:
    """The table as a wide terminal prints it, with the line under it."""
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, legacy_windows=False)
    emit_rows(rows, COLUMNS, OutputFormat.TABLE, console=console, drop=drop)
    return out.getvalue()


def _rows(deploy: list[float], pax: int = 0) -> list[dict[str, object]]:
    return [
        {"mode": f"m{i}", "tonnes": 10.5 + i, "deploy_t": d, "pax": pax}
        for i, d in enumerate(deploy)
    ]


def test_a_droppable_column_of_zeros_is_left_out_and_said() -> None:
    """No ``deploy t`` heading; the line under the table names it and where it is."""
    text = _printed(_rows([0.0, 0.0, 0.0]), DROP)
    assert "deploy t" not in text.split("not shown")[0]
    assert "not shown, 0 on every row: deploy t (--format csv or json gives every column)" in text


def test_a_column_no_ranking_lists_stays_however_empty() -> None:
    """``pax`` is 0 on every row but not droppable here: it stays, and no line is printed."""
    text = _printed(_rows([1.0, 2.0]), DROP)
    assert "pax" in text
    assert "not shown" not in text


@pytest.mark.parametrize("fmt", [OutputFormat.CSV, OutputFormat.JSON])
def test_csv_and_json_keep_a_column_of_zeros(
    fmt: OutputFormat, capsys: pytest.CaptureFixture[str]
) -> None:
    """The machines' formats give every column, zeros included."""
    emit_rows(_rows([0.0, 0.0]), COLUMNS, fmt, console=Console(), drop=DROP)
    out = capsys.readouterr().out
    if fmt is OutputFormat.JSON:
        assert all(r["deploy_t"] == 0.0 for r in json.loads(out))
    else:
        assert out.splitlines()[0] == ",".join(COLUMNS)


@given(st.lists(st.sampled_from([0.0, 0, 0.25, 3.0]), min_size=1, max_size=6))
def test_a_droppable_column_is_shown_exactly_when_some_row_is_not_zero(
    deploy: list[float],
) -> None:
    """Left out if and only if every row reads 0."""
    text = _printed(_rows(deploy), DROP)
    table = text.split("not shown")[0]
    assert ("deploy t" in table) == any(d != 0 for d in deploy)
    assert ("0 on every row: deploy t" in text) == all(d == 0 for d in deploy)
