"""The examples in the package's docstrings hold (two had gone stale unnoticed)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

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
