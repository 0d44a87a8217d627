"""A YAML syntax error is said where the mistake is (line and column), and where it was noticed.

PyYAML reports where it noticed trouble: ``horizon_days: [30`` was said on the next line's
colon (``scenario.yaml:3: … expected ',' or ']', but got ':'``), an unclosed quote after
the last line, and a tester's unclosed ``[`` on line 6 as line 8.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit, syntax_problem_of

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._yamltree import YamlProblem
from supplyline.io.template import TEMPLATE_FILES

SYNTAX_CASES = [
    pytest.param(
        "name: x\nhorizon_days: [30\nstart_date: 2025-06-01\n", 2, 15,
        r"^YAML syntax error: the '\[' opened here is never closed \(the parser noticed at "
        r"line 3, column 11: expected ',' or '\]', but got ':'\)$",
        id="unclosed-bracket",
    ),
    pytest.param(
        'name: "x\n', 1, 7,
        r"^YAML syntax error: the quote \(\"\) opened here is never closed \(the parser noticed "
        r"at the end of the file: found unexpected end of stream\)$",
        id="unclosed-quote",
    ),
    pytest.param(
        "a: {b: 1\nc: 2\n", 1, 4, r"the '\{' opened here is never closed \(.*line 2, column 2",
        id="unclosed-brace",
    ),
    pytest.param(
        "a:\n  - x\n - y\n", 3, 2,
        r"expected <block end>.*\(while parsing a block mapping from line 1, column 1; check",
        id="bad-indent-says-both-places",
    ),
    pytest.param("a: b: c\n", 1, 5, r"mapping values are not allowed here", id="one-place"),
    pytest.param(
        "a: 1\n---\nb: 2\n", 2, 1, r"a second YAML document starts here .*remove the second",
        id="second-document",
    ),
    pytest.param("a: 1\x07\n", 1, 5, r"character U\+0007 is not allowed", id="control-char"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "column", "pattern"), SYNTAX_CASES)
def test_syntax_error_is_placed_at_the_mistake(
    text: str, line: int, column: int, pattern: str
) -> None:
    """Each syntax error names the line and column to mend, 1-based, and says what is wrong."""
    problem = syntax_problem_of(text)
    assert isinstance(problem, YamlProblem)
    assert (problem.line, problem.column) == (line, f"column {column}")
    assert re.search(pattern, problem.message)


@pytest.mark.parametrize(
    ("name", "opener", "closer"), [("scenario.yaml", "{", "}"), ("agreements.yaml", "[", "]")]
)
def test_every_yaml_file_says_line_and_column(
    folder: Path, name: str, opener: str, closer: str
) -> None:
    """scenario.yaml and agreements.yaml both say an unclosed bracket at its line and column."""
    rows = (folder / name).read_text(encoding="utf-8").splitlines()
    first = next(i for i, row in enumerate(rows) if opener in row and not row.startswith("#"))
    edit(folder, name, rows[first], rows[first].replace(closer, "", 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    [issue] = [i for i in caught.value.issues if "YAML syntax" in i.message]
    assert (issue.file, issue.line) == (name, first + 1)
    assert issue.column == f"column {rows[first].index(opener) + 1}"
    assert f"the '{opener}' opened here is never closed" in issue.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(TEMPLATE_FILES["scenario.yaml"])))
def test_truncated_scenario_yaml_names_a_line_in_the_file(cut: int) -> None:
    """Any truncation of a valid scenario.yaml parses, or says a line of it and a column."""
    text = TEMPLATE_FILES["scenario.yaml"][:cut]
    result = syntax_problem_of(text)
    if result is not None:
        assert result.line is not None
        assert 1 <= result.line <= max(1, len(text.splitlines()))
        assert result.column is not None
        assert re.fullmatch(r"column [1-9][0-9]*", result.column)
        line_text = text.splitlines()[result.line - 1] if text else ""
        assert int(result.column.split()[1]) <= len(line_text) + 1
