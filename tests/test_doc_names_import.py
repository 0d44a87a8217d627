"""Every ``supplyline.…`` name the README and the docs write in code imports as written.

The README listed ``write_routes_report`` among the report writers beside
``supplyline.reports.write_plan_report_with_reach``, but ``from supplyline.reports import
write_routes_report`` failed: it was only in ``supplyline.reports.routes_report``. Here
every code span and code block of README.md and docs/*.md is read for dotted names
(``supplyline.io.plan_files.plan_id``, followed or not by a call) and ``from supplyline.x
import a, b`` lines, and each is imported: its longest importable module, then each
attribute after it. ``supplyline.db``, the ledger's file, is a file name, not a module.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("README.md", *sorted(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")))
_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
"""A code span or a fenced block: what lies between two runs of as many backticks."""
_DOTTED = re.compile(r"(?<![\w./-])(?<!from )supplyline(?:\.[A-Za-z_]\w*)+")
"""A dotted name from the package down, not a path's part (``src/supplyline/…``) nor an
import line's module (:data:`_FROM` reads those)."""
_FROM = re.compile(
    r"^[ \t]*from[ \t]+(supplyline(?:\.\w+)*)[ \t]+import\s+(\([^)]*\)|[^\n#]+)", re.M
)
"""An import line: the module and what it imports (``a, b as c``, or ``(a, b)`` over
several lines); a span may wrap after ``import``, as the README's does."""
FILE_NAMES = frozenset({"supplyline.db"})
"""Names in code that are files supplyline writes, not modules."""


def named_in(text: str) -> list[tuple[int, str]]:
    """Each ``supplyline.…`` name that the code of ``text`` writes, with its line number."""
    found: list[tuple[int, str]] = []
    for code in _CODE.finditer(text):
        start = code.start(2)
        for dotted in _DOTTED.finditer(code.group(2)):
            if dotted.group(0) not in FILE_NAMES:
                found.append((start + dotted.start(), dotted.group(0)))
        for line in _FROM.finditer(code.group(2)):
            for name in line.group(2).strip().strip("()").split(","):
                name = name.split(" as ")[0].strip()
                if name:
                    found.append((start + line.start(), f"{line.group(1)}.{name}"))
    return [(text.count("\n", 0, at) + 1, name) for at, name in found]


def resolved(name: str) -> object:
    """The object ``name`` names: its longest importable module, then its attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            found: object = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is not None and not module_name.startswith(error.name):
                raise  # a module that exists failed to import something else: a bug
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute)
        return found
    raise ModuleNotFoundError(name)


NAMES = sorted(
    {
        (page, line, name)
        for page in PAGES
        for line, name in named_in((ROOT / page).read_text(encoding="utf-8"))
    }
)


def test_the_pages_name_what_the_readme_named_wrongly() -> None:
    """The reading finds the README's report writers, and the import the README now says."""
    names = {name for page, _, name in NAMES if page == "README.md"}
    assert "supplyline.reports.write_plan_report_with_reach" in names
    assert "supplyline.reports.write_routes_report" in names


def test_the_reading_takes_spans_blocks_and_imports_and_leaves_files() -> None:
    """Dotted names with or without a call, both forms of import line; no paths or files."""
    text = (
        "`supplyline.io.plan_files.plan_id(plan)` and `./supplyline.db`, "
        "`src/supplyline/reports/data`\n\n```python\nfrom supplyline.reports import (a, b as c)\n"
        "from supplyline.io import d  # e\nfrom supplyline.types import (\n    f,\n    g,\n)\n```\n"
    )
    assert [name for _, name in named_in(text)] == [
        "supplyline.io.plan_files.plan_id",
        "supplyline.reports.a",
        "supplyline.reports.b",
        "supplyline.io.d",
        "supplyline.types.f",
        "supplyline.types.g",
    ]


def test_a_name_only_in_its_own_module_does_not_resolve_from_its_package() -> None:
    """What the README said before: the writer lived in routes_report alone."""
    assert resolved("supplyline.reports.routes_report.write_routes_report") is resolved(
        "supplyline.reports.write_routes_report"
    )
    with pytest.raises(AttributeError, match="no attribute 'not_a_writer'"):
        resolved("supplyline.reports.not_a_writer")
    with pytest.raises(AttributeError, match="has no attribute 'nowhere'"):
        resolved("supplyline.nowhere.at_all")


@pytest.mark.parametrize(("page", "line", "name"), NAMES, ids=[f"{p}:{n}:{m}" for p, n, m in NAMES])
def test_a_name_the_docs_write_imports_as_written(page: str, line: int, name: str) -> None:
    assert resolved(name) is not None, f"{page}:{line}: {name}"
