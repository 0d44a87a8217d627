"""Why a YAML text could not be read, said where the mistake is and in a person's words.

PyYAML's messages name its parser's states (``expected <block end>``) at the place it
noticed the mistake, which is often a line after the one to mend. These turn them into
the place a person has to look: the bracket or quote never closed, the tab, the second
document.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

__all__ = ["YamlProblem", "syntax_problem"]


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Why a YAML text could not be read, and where."""

    message: str
    line: int | None
    column: str | None = None
    """Where on the line: a character's, in words (``column 7``), for a syntax error; else
    the key path of the value at fault (``partners[0].id``), as the fields' issues say it."""


def _tab_problem(text: str, line: int, column: int) -> YamlProblem | None:
    r"""The first tab on a line PyYAML stopped at, said in a person's words; else ``None``.

    PyYAML says ``found character '\t' that cannot start any token``; a tester could not
    tell from it that a tab was the trouble, nor where on the line it was.
    """
    lines = text.splitlines()
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" not in row:
        return None
    at = column if row[column : column + 1] == "\t" else row.index("\t")  # else the first
    return YamlProblem(
        "a tab; YAML indents with spaces only: replace it with spaces", line, f"column {at + 1}"
    )


_CHECK = "check the indentation, colons, quotes and dashes"
_OPENERS = {"flow sequence": "'['", "flow mapping": "'{'"}


def _place(text: str, mark: yaml.Mark) -> tuple[int, int, str]:
    """A mark as a 1-based line and column within the file, and how to say it.

    PyYAML notices an unclosed quote or bracket at the end of the stream, which after a
    last line break is a line the file does not have: that is said as the end of the file.
    """
    lines = text.splitlines() or [""]
    line, column = mark.line + 1, mark.column + 1
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
        return line, column, "the end of the file"
    return line, column, f"line {line}, column {column}"


def _marked_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A syntax error at the place the mistake was made, and where the parser noticed it.

    PyYAML reports the place it noticed (``horizon_days: [30`` is found unclosed at the
    next line's colon); its ``context_mark`` is where the open bracket or quote is, which
    is where a person has to look.
    """
    problem = error.problem or error.context or "not valid YAML"
    noticed = error.problem_mark or error.context_mark
    opened = error.context_mark if error.problem_mark is not None else None
    if noticed is None:
        return YamlProblem(f"YAML syntax error: {problem} ({_CHECK})", None)
    line, column, noticed_at = _place(text, noticed)
    if "another document" in problem:
        return YamlProblem(
            "YAML syntax error: a second YAML document starts here (a scenario file holds one "
            "YAML document: remove the second '---')",
            line,
            f"column {column}",
        )
    unclosed = _unclosed_at_end(text) if "<stream end>" in problem else []
    if unclosed:
        return _never_closed(text, unclosed, noticed_at, problem)
    context = error.context or ""
    unclosed_collection = next(
        (mark for kind, mark in _OPENERS.items() if context.endswith(kind)), None
    )
    if opened is not None and unclosed_collection and problem.startswith("expected ','"):
        at_line, at_column, _ = _place(text, opened)
        return YamlProblem(
            f"YAML syntax error: the {unclosed_collection} opened here is never closed (the "
            f"parser noticed at {noticed_at}: {problem})",
            at_line,
            f"column {at_column}",
        )
    if opened is not None and context.endswith("quoted scalar") and "end of stream" in problem:
        at_line, at_column, _ = _place(text, opened)
        quote = text.splitlines()[at_line - 1][at_column - 1 : at_column]
        return YamlProblem(
            f"YAML syntax error: the quote ({quote}) opened here is never closed (the parser "
            f"noticed at {noticed_at}: {problem})",
            at_line,
            f"column {at_column}",
        )
    where = ""
    elsewhere = opened is not None and opened.index != noticed.index
    if opened is not None and context and elsewhere:
        where = f"{context} from {_place(text, opened)[2]}; "
    if noticed_at == "the end of the file":
        where = f"at the end of the file; {where}"
    return YamlProblem(f"YAML syntax error: {problem} ({where}{_CHECK})", line, f"column {column}")


def _unclosed_at_end(text: str) -> list[yaml.Mark]:
    """Where each ``[`` or ``{`` still open at the end of the text opened, outermost first.

    PyYAML says ``links: [a,`` or ``{a:`` at the end of a file as ``expected the node
    content, but found '<stream end>'``, without the bracket; its tokens still show it. Called
    only once the parser reached the end of the stream, so the scanner reads every token.
    """
    opened: list[yaml.Mark] = []
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
            opened.append(token.start_mark)
        elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and opened:
            opened.pop()
    return opened


def _never_closed(
    text: str, unclosed: list[yaml.Mark], noticed_at: str, problem: str
) -> YamlProblem:
    """The innermost bracket left open at the end of the file, placed where it opened."""
    line, column, _ = _place(text, unclosed[-1])
    bracket = text[unclosed[-1].index]
    outer = [f"the '{text[mark.index]}' at {_place(text, mark)[2]}" for mark in unclosed[:-1]]
    also = ""
    if outer:
        verb = "is" if len(outer) == 1 else "are"
        also = f", nor {verb} {' and '.join(reversed(outer))} around it"
    return YamlProblem(
        f"YAML syntax error: the '{bracket}' opened here is never closed{also} (the parser "
        f"noticed at {noticed_at}: {problem})",
        line,
        f"column {column}",
    )


def syntax_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
    """What is wrong with ``text``, which PyYAML refused with ``error``, and where."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "not valid YAML"
        about_tab = r"'\t'" in what or "tab" in what
        tab = (
            _tab_problem(text, mark.line + 1, mark.column)
            if mark is not None and about_tab
            else None
        )
        return tab if tab is not None else _marked_problem(error, text)
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        return YamlProblem(
            f"character U+{error.character:04X} is not allowed in YAML (remove it; "
            "is this a binary file?)",
            line,
            f"column {column}",
        )
    return YamlProblem(f"not valid YAML: {error}", None)
