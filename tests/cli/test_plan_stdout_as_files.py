"""``plan --format csv|json`` names a field as bottlenecks.csv and deployment.csv do.

A tester read stdout's bottleneck ``days`` as ``"C+0–C+29"`` beside bottlenecks.csv's
``days`` 30 (a count), with no ``first_label``/``last_label``; and the unit closure's
``required``, ``earliest``, ``closure`` where deployment.csv has ``required_label``,
``earliest_label``, ``closure_label``. A field stdout shares with a file is now the
file's, cell for cell; one with another meaning has another name (``day_ranges``).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.services.scenarios import bundled_example

_register_commands()
runner = CliRunner()

# the section of stdout, the plan file, and the field naming a record in both
PAIRS = (("bottlenecks", "bottlenecks.csv", "rank"), ("unit_closure", "deployment.csv", "unit"))


def _plan(example: str, out: Path, fmt: str) -> str:
    """``plan EXAMPLE --out OUT --format FMT``'s stdout (two bottlenecks measured)."""
    args = ["plan", str(bundled_example(example)), "--out", str(out), "--explain=2"]
    result = runner.invoke(app, [*args, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def _stdout_records(text: str, section: str, key: str) -> dict[str, dict[str, str]]:
    """The long-form CSV's records of ``section``, each as field: cell, by its ``key``."""
    items: dict[str, dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        if row["section"] == section:
            items[row["item"]][row["field"]] = row["value"]
    return {fields[key]: fields for fields in items.values()}


def _file_records(path: Path, key: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """A plan file's header and its records by their ``key``."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), {row[key]: row for row in rows}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("example", "filled"),
    [
        ("relief-operation", {"bottlenecks"}),
        ("bilateral-exercise", {"bottlenecks", "unit_closure"}),
    ],
)
def test_every_field_stdout_shares_with_a_file_has_its_cells(
    example: str, filled: set[str], tmp_path: Path
) -> None:
    """Each record's every field named in the file's header holds the file's cell.

    ``filled``: the sections with records to compare (the relief example deploys no unit).
    """
    text = _plan(example, tmp_path / "o", "csv")
    for section, name, key in PAIRS:
        header, in_file = _file_records(tmp_path / "o" / name, key)
        on_stdout = _stdout_records(text, section, key)
        assert on_stdout.keys() == in_file.keys()
        assert bool(in_file) == (section in filled)
        for record, fields in on_stdout.items():
            missing = set(header) - set(fields)
            assert not missing, (section, record, missing)  # first_label, last_label were
            assert {c: fields[c] for c in header} == in_file[record], (section, record)


@pytest.mark.slow
def test_json_rows_are_the_csv_fields(tmp_path: Path) -> None:
    """JSON's days are bottlenecks.csv's: a count, its first and last label, and the ranges."""
    data = json.loads(_plan("relief-operation", tmp_path / "o", "json"))
    first = data["bottlenecks"][0]
    assert isinstance(first["days"], int)
    assert first["first_label"].startswith("C+")
    assert first["day_ranges"].startswith(first["first_label"])
    header, _ = _file_records(tmp_path / "o" / "deployment.csv", "unit")
    assert all(set(header) <= set(row) for row in data["unit_closure"])
