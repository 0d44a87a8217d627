"""The examples in the package's docstrings hold (two had gone stale unnoticed).

And leave no temporary folder behind: three examples made one with ``tempfile.mkdtemp()``
on every run of the suite, and /tmp had gathered some 350 of them.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import tempfile
from pathlib import Path

import pytest

import supplyline

MODULES = [
    "supplyline",
    *sorted(
        m.name
        for m in pkgutil.walk_packages(supplyline.__path__, prefix="supplyline.")
        if ".migrations" not in m.name  # Alembic's env.py runs only under Alembic
    ),
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples fail in {name}"


def _source(name: str) -> str:
    return inspect.getsource(importlib.import_module(name))


WITH_TEMPORARY_FILES = [m for m in MODULES if "tempfile" in _source(m)]
"""The modules whose examples write files (planning.params, io.writer, …)."""


@pytest.mark.parametrize("name", WITH_TEMPORARY_FILES)
def test_docstring_examples_leave_no_temporary_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An example's temporary folder (``tempfile`` put in ``tmp_path``) is removed again."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == []
