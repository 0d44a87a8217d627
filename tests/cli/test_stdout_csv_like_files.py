"""``--format csv`` on stdout quotes and spells its cells as the CSV files do.

stdout's CSV went through Python's ``csv`` module, which quotes nothing: an id such as
``0042`` or a day ``C+13`` came out bare, and a spreadsheet read ``0042`` as 42, while the
files quote every text cell (``supplyline.io.csv_quoting``). ``requirements --format csv
> f.csv`` and the ``requirements_by_unit.csv`` the same command writes now agree line for
line (stdout without the byte-order mark and with LF line ends).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from cli_helpers import BILATERAL
from rich.console import Console
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.output import Exact, OutputFormat, emit_rows
from supplyline.io.csv_quoting import csv_line

_register_commands()
runner = CliRunner()


def _stdout(*args: str | Path) -> str:
    result = runner.invoke(app, [*map(str, args), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout


FIELD = re.compile(r'("(?:[^"]|"")*"|[^,"]*)(?:,|$)')
BARE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}|")
"""What a cell may be unquoted: a number, an ISO date or a blank."""


def _quoted_as_files_quote(text: str, texts: tuple[str, ...] = ()) -> None:
    """Every line after the header quotes its text and leaves numbers and dates bare.

    ``texts``: columns of ids, quoted on every row whatever they look like.
    """
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(lines) > 1  # no cell spans lines here
    for line, cells in zip(lines[1:], rows[1:], strict=True):
        fields = [m.group(1) for m in FIELD.finditer(line)][: len(cells)]
        assert ",".join(fields) == line
        for name, field, cell in zip(rows[0], fields, cells, strict=True):
            if field.startswith('"'):
                assert field == csv_line([cell]), (name, field)
            else:
                assert BARE.fullmatch(field), (name, field)
                assert name not in texts, (name, field)


@pytest.mark.parametrize(
    "command",
    [
        ("reach", BILATERAL),
        ("requirements", BILATERAL, "--by", "unit"),
        ("requirements", BILATERAL),
    ],
)
def test_stdout_csv_quotes_text_cells_as_the_files_do(command: tuple[str | Path, ...]) -> None:
    """Ids and labels are quoted, numbers and dates bare, as in every CSV file."""
    text = _stdout(*command)
    _quoted_as_files_quote(text, ("unit", "commodity", "destination", "label", "arrival_label"))
    assert '"' in text  # the ids are text: quoted


def test_plan_summary_csv_quotes_text_cells_as_the_files_do() -> None:
    """``plan --format csv``'s long-form summary follows the same rule."""
    text = _stdout("plan", BILATERAL)
    _quoted_as_files_quote(text)
    assert text.splitlines()[1].startswith('"')  # its section names are text


def test_requirements_on_stdout_and_in_its_file_agree_cell_for_cell(tmp_path: Path) -> None:
    """The by-unit table on stdout is requirements_by_unit.csv, line for line."""
    out = tmp_path / "out"
    text = _stdout("requirements", BILATERAL, "--by", "unit", "--out", out)
    written = (out / "requirements_by_unit.csv").read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == list(csv.reader(io.StringIO(written)))
    assert text.splitlines() == written.splitlines()  # the quotes too


def test_exact_figures_and_money_stay_bare_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """A planning factor (``Exact``) and a ledger amount (``Decimal``) are numbers, not text.

    Quoting made ``170900.0`` and ``13.30`` text to a spreadsheet, beside the bare figures.
    """
    rows = [{"key": "k", "factor": Exact(170900.0), "value": Decimal("13.30")}]
    emit_rows(rows, ["key", "factor", "value"], OutputFormat.CSV, console=Console())
    assert capsys.readouterr().out.splitlines()[1] == '"k",170900,13.30'
