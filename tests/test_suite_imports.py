"""How test modules import their helpers, checked: ways that work alone but not in the suite.

``make test`` runs the ``pytest`` script, which (unlike ``python -m pytest``) does not put
the working folder on ``sys.path``: ``from tests.reports.svg_text import ...`` worked for
its author and stopped the whole suite at collection. ``from conftest import ...`` found
another folder's ``conftest.py`` once both folders were collected. Helpers are imported by
their own module name (each test folder is on ``sys.path``, its names unique). Imports
indented under ``if TYPE_CHECKING:`` never run, and are left to mypy.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FRAGILE = re.compile(r"^(from|import)\s+(tests(\.|\s|$)|conftest(\s|$))", re.MULTILINE)


def test_no_test_imports_through_the_tests_package_or_a_conftest() -> None:
    found = [
        f"{path.relative_to(TESTS)}: {match.group(0).strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        for match in FRAGILE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_catches_both_ways() -> None:
    assert FRAGILE.search("from tests.reports.svg_text import SVG")
    assert FRAGILE.search("from conftest import RUNS")
    assert not FRAGILE.search("from svg_text import SVG")
    assert not FRAGILE.search("from testsupport import x")
