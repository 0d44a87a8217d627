"""YAML text to a tree of plain values that remembers the line of every value.

PyYAML's ``safe_load`` forgets where a value came from; a planner needs the line. So we
compose the node graph with PyYAML's safe loader and build the values ourselves, one node
at a time, keeping each node's line and source text. The same pass turns what PyYAML
accepts silently but a scenario must not have (duplicate keys, merge keys, custom tags,
recursive aliases) into messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from supplyline.io._cells import BadValue

__all__ = ["YNode", "YamlProblem", "as_written", "parse_yaml"]

_MAX_DEPTH = 64
_TAG = "tag:yaml.org,2002:"
_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""A number as a CSV cell takes one: decimal digits, a point, an exponent."""


@dataclass(slots=True)
class YNode:
    """One value of a YAML document and the 1-based line it starts on.

    ``value`` is a ``dict[str, YNode]``, a ``list[YNode]`` or a scalar (str, int, float,
    bool, date, None); ``raw`` is a scalar's source text (money is read from it exactly).
    """

    value: Any
    line: int
    raw: str | None = None

    def plain(self) -> Any:
        """The value with every nested YNode unwrapped (for messages and simple fields)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def as_written(node: YNode) -> Any:
    """A scalar as the file wrote it, for a field that holds text (an id, a name).

    YAML 1.1 reads a bare ``no`` (Norway's country code), ``yes``, ``on`` or ``off`` as
    true or false, which a tester's id was then told was missing: it is said, with the
    quotes to write. A number is kept as written (``012`` is the id '012', not '12').
    """
    if isinstance(node.value, bool):
        word = node.raw or str(node.value).lower()
        raise BadValue(
            f"{word} was read as {str(node.value).lower()}, not as text (YAML reads a bare "
            f"yes, no, on, off, true or false as true or false): write it in quotes, '{word}'"
        )
    if isinstance(node.value, int | float) and node.raw is not None:
        return node.raw
    return node.value


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Why a YAML text could not be read, and where."""

    message: str
    line: int | None
    column: str | None = None
    """Where on the line, in words (``column 7``), when the place is a character's."""


class _Builder:
    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.done: dict[int, YNode] = {}
        self.active: set[int] = set()

    def build(self, node: Node, depth: int) -> YNode:
        key = id(node)
        if key in self.done:
            return self.done[key]
        line = node.start_mark.line + 1
        if key in self.active:
            raise _Fail("an alias refers to the value that contains it (recursive YAML)", line)
        if depth > _MAX_DEPTH:
            raise _Fail(f"values are nested more than {_MAX_DEPTH} levels deep", line)
        self.active.add(key)
        if isinstance(node, ScalarNode):
            out = self.scalar(node, line)
        elif isinstance(node, SequenceNode):
            self.check_tag(node, "seq", line)
            out = YNode([self.build(item, depth + 1) for item in node.value], line)
        elif isinstance(node, MappingNode):
            self.check_tag(node, "map", line)
            out = YNode(self.mapping(node, depth), line)
        else:  # pragma: no cover - PyYAML has only these three node kinds
            raise _Fail("unknown YAML node", line)
        self.active.discard(key)
        self.done[key] = out
        return out

    @staticmethod
    def check_tag(node: Node, kind: str, line: int) -> None:
        if node.tag != _TAG + kind:
            raise _Fail(f"YAML tag {node.tag!r} is not supported here (plain values only)", line)

    def mapping(self, node: MappingNode, depth: int) -> dict[str, YNode]:
        out: dict[str, YNode] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                raise _Fail("YAML merge keys (<<) are not supported (write the keys out)", line)
            if not isinstance(key_node, ScalarNode):
                raise _Fail("a key must be a plain word, not a list or mapping", line)
            key = str(key_node.value)
            if key in out:
                raise _Fail(
                    f"key {key!r} appears twice in the same mapping (keep one; "
                    f"the first is on line {out[key].line})",
                    line,
                )
            out[key] = self.build(value_node, depth + 1)
        return out

    def scalar(self, node: ScalarNode, line: int) -> YNode:
        tag = node.tag.removeprefix(_TAG)
        c = self.constructor
        try:
            value: Any
            if tag == "str":
                value = str(node.value)
            elif tag == "null":
                value = None
            elif tag == "bool":
                value = c.construct_yaml_bool(node)
            elif tag in ("int", "float"):
                value = _number(str(node.value), whole=tag == "int")
            elif tag == "timestamp":
                value = _timestamp(c, node)
            else:
                raise _Fail(f"YAML tag {node.tag!r} is not supported (plain values only)", line)
        except (ValueError, OverflowError, yaml.YAMLError):
            text = str(node.value)[:40]
            raise _Fail(f"value {text!r} cannot be read (quote it if it is text)", line) from None
        return YNode(value, line, str(node.value))


def _number(text: str, *, whole: bool) -> int | float | str:
    """A YAML number written as a plain decimal; any other form is left as its text.

    YAML 1.1 reads ``010`` as 8 (octal), ``1:30`` as 90 (base 60), ``0x1E`` and ``1_000``
    as numbers, where a planner (and a CSV cell) means 10 or writes no such thing; left as
    text, they are read or refused by the field's own parser, by the rules of a CSV cell.
    """
    text = text.strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return text
    return int(text) if whole else float(text)


def _timestamp(constructor: SafeConstructor, node: ScalarNode) -> dt.date | str:
    """A YAML date or date-time; its text when it names no real day (such as 2025-02-30).

    The text is left for the field's own parser, which knows the key and says what is wrong
    with the date; a date with a time of day stays a ``datetime`` for the same reason.
    """
    try:
        value: dt.date = constructor.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return str(node.value)
    return value


class _Fail(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


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


def _syntax_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
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


_NOT_READ = yaml.Node("", "", None, None)
"""What :func:`_fast_node` gives for a text it cannot read."""


def _fast_node(text: str) -> yaml.Node | None:
    """The document's node by libyaml (PyYAML's C parser), or ``_NOT_READ`` on any mistake.

    PyYAML's parser in Python skips a comment a character at a time: a tester's 50 MB of
    comments in scenario.yaml took 38 s. libyaml reads the same tree (the same resolver
    gives the tags; the nodes' lines are what the checks use); a text it refuses is read
    again by the Python parser, whose messages the errors are worded from, and so is a
    text with a tab, which libyaml takes after a colon where PyYAML (and the tests of
    its message) refuse it.
    """
    if not yaml.__with_libyaml__ or "\t" in text:  # libyaml takes a tab that PyYAML refuses
        return _NOT_READ
    loader = yaml.CSafeLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError:
        return _NOT_READ
    finally:
        loader.dispose()
    return node


def parse_yaml(text: str) -> YNode | YamlProblem | None:
    r"""Parse one YAML document; ``None`` when it holds nothing (empty or only comments).

    >>> parse_yaml("a: 1\nb: [x, y]\n").value["b"].line
    2
    """
    loader: yaml.SafeLoader | None = None
    try:
        node = _fast_node(text)
        if node is _NOT_READ:  # a mistake: said in the words of PyYAML's own parser
            loader = yaml.SafeLoader(text)
            node = loader.get_single_node()
        if node is None:
            return None
        return _Builder().build(node, 0)
    except _Fail as fail:
        return YamlProblem(fail.message, fail.line)
    except yaml.YAMLError as error:
        return _syntax_problem(error, text)
    except RecursionError:
        return YamlProblem("values are nested too deeply to read", None)
    finally:
        if loader is not None:
            loader.dispose()
