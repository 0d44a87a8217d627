"""Every mistake of a parameters file is said at the line of its key, however it is written.

A tester's quoted key (``"explain_top" = -1``), ``[ weights ]``, ``[weights] # mine``, a
dotted key (``weights.late_per_t_day = -5``) and an inline table (``weights = {…}``) were
said with no line, and a syntax error had its line only inside the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.planning import PlanParams

TOP = {  # column: (the key as it may be written, a wrong value)
    "threads": (["threads", '"threads"', "'threads'"], "0"),
    "explain_top": (["explain_top", '"explain_top"'], "-1"),
    "time_limit_s": (["time_limit_s", "'time_limit_s'"], "-1"),
    "method": (["method"], '"fast"'),
    "bogus": (["bogus", '"bogus"'], "1"),
}
WEIGHTS = {
    "late_per_t_day": "-5",
    "move_per_t": "-1",
    "nope": "1",  # unknown
}
HEADERS = ["[weights]", "[ weights ]", "[weights] # mine", '["weights"]', "[ 'weights' ]  "]
FILLER = ["", "# a comment", "   ", "presolve = true"]


def _read(tmp_path: Path, text: str) -> ScenarioError:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        PlanParams.from_file(path)
    return caught.value


@st.composite
def files(draw: st.DrawFn) -> tuple[str, dict[str, int]]:
    """A parameters file of a few wrong keys at random lines, and the line of each."""
    lines: list[str] = []
    where: dict[str, int] = {}

    def filler(*, top: bool = True) -> None:
        """Blank lines, comments and (at the top level, once) a key that is right."""
        for text in draw(st.lists(st.sampled_from(FILLER), max_size=3)):
            if text != "presolve = true" or (top and text not in lines):
                lines.append(text)

    for column in draw(st.lists(st.sampled_from(list(TOP)), unique=True, max_size=4)):
        filler()
        spellings, value = TOP[column]
        lines.append(f"{draw(st.sampled_from(spellings))} = {value}")
        where[column] = len(lines)
    weights = draw(st.lists(st.sampled_from(list(WEIGHTS)), unique=True, min_size=1, max_size=3))
    form = draw(st.sampled_from(["table", "dotted", "inline"]))
    filler()
    if form == "inline":
        lines.append("weights = {" + ", ".join(f"{k} = {WEIGHTS[k]}" for k in weights) + "}")
        where.update({f"weights.{k}": len(lines) for k in weights})
    elif form == "dotted":
        for key in weights:
            filler()
            dot = draw(st.sampled_from([".", " . "]))
            name = draw(st.sampled_from([key, f'"{key}"']))
            lines.append(f"weights{dot}{name} = {WEIGHTS[key]}")
            where[f"weights.{key}"] = len(lines)
    else:
        lines.append(draw(st.sampled_from(HEADERS)))
        for key in weights:
            filler(top=False)
            lines.append(f"{key} = {WEIGHTS[key]}")
            where[f"weights.{key}"] = len(lines)
    return "\n".join(lines) + "\n", where


@given(made=files())
def test_every_issue_is_at_the_line_of_its_key(
    tmp_path_factory: pytest.TempPathFactory, made: tuple[str, dict[str, int]]
) -> None:
    text, where = made
    error = _read(tmp_path_factory.mktemp("p"), text)
    said = {issue.column: issue.line for issue in error.issues}
    assert said == where, text
    lines = [issue.line for issue in error.issues]
    assert lines == sorted(lines)  # in the order the file reads


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('threads = 2\nmethod = "ipm\n', 2, "is not valid TOML at column 14: Illegal character"),
        (
            "threads = 2\nthreads = 3\n",
            2,
            "key 'threads' appears twice (keep one; the first is on line 1)",
        ),
    ],
)
def test_a_syntax_error_has_its_line_apart_and_its_column_in_words(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    """The issue's column stays null (a key's name everywhere else); the message says it."""
    (issue,) = _read(tmp_path, text).issues
    assert (issue.line, issue.column) == (line, None)
    assert issue.message.startswith(message)
    assert "(at line" not in issue.message
