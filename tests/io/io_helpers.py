"""Small helpers of the io tests: edit one file of a scenario folder in place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario
from supplyline.io._yamltree import YamlProblem, parse_yaml


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in one file of a scenario folder."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(folder: Path, name: str, line: str) -> None:
    """Add one line at the end of a file of a scenario folder."""
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def widen_rows(folder: Path, name: str) -> None:
    """End each data row of a CSV file with empty cells up to its header's width.

    For a test that adds a column to the header and a value to one row: a row with fewer
    cells than the header is an error of its own.
    """
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    data = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    width = lines[data[0]].count(",")
    for i in data[1:]:
        lines[i] += "," * max(0, width - lines[i].count(","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def drop_column(folder: Path, name: str, column: str) -> None:
    """Remove one column from a CSV file of a scenario folder (a file written before it)."""
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id,"))
    drop = lines[header].split(",").index(column)
    kept = [
        line
        if line.startswith("#")
        else ",".join(x for i, x in enumerate(line.split(",")) if i != drop)
        for line in lines
    ]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def folder_of(path: Path, files: dict[str, bytes]) -> Path:
    """A folder at ``path`` holding ``files`` (name: bytes)."""
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


def contents(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder`` (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def syntax_problem_of(text: str) -> YamlProblem | None:
    """The syntax error of a YAML text, which then reads as no tree at all; else ``None``."""
    tree, problems = parse_yaml(text)
    if tree is not None or not problems:
        return None
    [problem] = problems
    return problem


def error_lines(folder: Path) -> list[str]:
    """The errors (not warnings) that loading the folder raises, each as printed."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues if i.severity is Severity.ERROR]


def validate(folder: Path) -> subprocess.CompletedProcess[str]:
    """``supplyline validate FOLDER`` through the real entry point, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "supplyline", "validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
