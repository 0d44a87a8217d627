"""A ``[``, ``{`` or quote left open at the end of a YAML file is said where it opened.

PyYAML said ``links: [a,`` or ``extra: {a:`` as the last line as ``expected the node
content, but found '<stream end>'`` at the end of the line, with no word of the bracket;
``links: [a, b`` already named it. Every file the tool reads as YAML (scenario.yaml,
agreements.yaml) says all of them at the bracket's line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from io_helpers import syntax_problem_of

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._yamltree import YamlProblem

ENDINGS = [
    pytest.param("links: [", "[", 8, id="bracket-alone"),
    pytest.param("links: [a,", "[", 8, id="after-comma"),
    pytest.param("links: [a, b", "[", 8, id="after-item"),
    pytest.param("links: [a, b:", "[", 8, id="after-colon-in-list"),
    pytest.param("extra: {", "{", 8, id="brace-alone"),
    pytest.param("extra: {a:", "{", 8, id="after-key"),
    pytest.param("extra: {a: 1,", "{", 8, id="brace-after-comma"),
    pytest.param("extra: {a: 1, b", "{", 8, id="after-bare-key"),
    pytest.param("extra: [a, {b: 1", "{", 12, id="inner-brace"),
    pytest.param("extra: {a: [1,", "[", 12, id="inner-bracket"),
    pytest.param("extra: [a,\n  b,\n  c", "[", 8, id="over-lines"),
    pytest.param('extra: [a, "b', '"', 12, id="double-quote-in-list"),
    pytest.param("extra: {a: 'b", "'", 12, id="single-quote-in-mapping"),
    pytest.param('extra: "a', '"', 8, id="quote-alone"),
]


def _opened(problem: YamlProblem, opener: str) -> None:
    """Assert that the message says ``opener`` was opened and never closed."""
    what = "quote (" + opener + ")" if opener in "\"'" else f"'{opener}'"
    assert f"the {what} opened here is never closed" in problem.message


@pytest.mark.parametrize(("ending", "opener", "column"), ENDINGS)
@pytest.mark.parametrize("tail", ["", "\n", "\n\n# the end\n"], ids=["no-eol", "eol", "comment"])
def test_open_at_end_names_where_it_opened(
    ending: str, opener: str, column: int, tail: str
) -> None:
    """The innermost bracket or quote still open at the end is named at its line and column."""
    problem = syntax_problem_of("name: x\nhorizon_days: 30\n" + ending + tail)
    assert isinstance(problem, YamlProblem)
    assert (problem.line, problem.column) == (3, f"column {column}")
    _opened(problem, opener)


def test_outer_brackets_still_open_are_named_too() -> None:
    """Each enclosing bracket also left open is named, innermost first, at its place."""
    problem = syntax_problem_of("a: 1\nlinks: [a, {b: [")
    assert isinstance(problem, YamlProblem)
    assert (problem.line, problem.column) == (2, "column 16")
    assert re.search(
        r"never closed, nor are the '\{' at line 2, column 12 and the '\[' at line 2, "
        r"column 8 around it",
        problem.message,
    )


@pytest.mark.parametrize(
    ("name", "ending", "opener"),
    [
        ("scenario.yaml", "extra: [a,", "["),
        ("scenario.yaml", "extra: {a: 1,", "{"),
        ("agreements.yaml", "- {id: extra,", "{"),
        ("agreements.yaml", "- id: extra\n  parties: [a,", "["),
    ],
)
def test_each_yaml_file_says_the_bracket_open_at_its_end(
    folder: Path, name: str, ending: str, opener: str
) -> None:
    """scenario.yaml and agreements.yaml both name a bracket left open on their last line."""
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + ending, encoding="utf-8")
    rows = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    [issue] = [i for i in caught.value.issues if "YAML syntax" in i.message]
    assert (issue.file, issue.line) == (name, len(rows))
    assert issue.column == f"column {rows[-1].index(opener) + 1}"
    assert f"the '{opener}' opened here is never closed" in issue.message


_WORD = st.text(alphabet="abcxyz019", min_size=1, max_size=4)
_FLOW = st.recursive(
    _WORD,
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")
        | st.lists(st.tuples(_WORD, inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        )
    ),
    max_leaves=8,
)


def _innermost_open(text: str) -> int | None:
    """Where the innermost bracket still open at the end of ``text`` is (its index)."""
    stack: list[int] = []
    for at, char in enumerate(text):
        if char in "[{":
            stack.append(at)
        elif char in "]}":
            stack.pop()
    return stack[-1] if stack else None


@given(flow=_FLOW.filter(lambda f: f[0] in "[{"), data=st.data())
def test_any_flow_cut_short_names_its_innermost_open_bracket(
    flow: str, data: st.DataObject
) -> None:
    """A flow collection cut anywhere inside it is said at its innermost open bracket."""
    head = "name: x\nextra: "
    cut = data.draw(st.integers(min_value=1, max_value=len(flow) - 1))
    text = head + flow[:cut]
    opened = _innermost_open(text)
    assert opened is not None  # the cut is before the outermost closing bracket
    problem = syntax_problem_of(text)
    assert isinstance(problem, YamlProblem)
    line_start = text.rfind("\n", 0, opened) + 1
    assert (problem.line, problem.column) == (2, f"column {opened - line_start + 1}")
    _opened(problem, text[opened])
