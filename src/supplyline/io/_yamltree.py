"""YAML text to a tree of plain values that remembers the line of every value.

PyYAML's ``safe_load`` forgets where a value came from; a planner needs the line. So we
compose the node graph (:mod:`supplyline.io._yamlcompose`) and build the values ourselves,
one node at a time, keeping each node's line and source text. The same pass turns what
PyYAML accepts silently but a scenario must not have (duplicate keys, merge keys, custom
tags, recursive aliases, aliases that repeat too much) into problems, each at its place:
the value at fault is left unread (:attr:`YNode.unread`) and the rest of the file is read,
so that one run says every mistake (a tester's repeated key had hidden eleven others).
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
from supplyline.io._yaml_syntax import YamlProblem, syntax_problem
from supplyline.io._yamlcompose import MAX_DEPTH, AliasUse, TooDeep, compose

__all__ = ["REPEAT_BUDGET", "YNode", "YamlProblem", "as_written", "parse_yaml"]

_TAG = "tag:yaml.org,2002:"
_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""A number as a CSV cell takes one: decimal digits, a point, an exponent."""

REPEAT_BUDGET = 100_000
"""The most values the aliases of one file may repeat, all uses together.

An alias of a list of aliases multiplies: ten levels of ten (``&l1 [*l0, *l0, …]``) in
under a kilobyte stand for ten billion values ("billion laughs"). Counting each use
before it is read keeps a file's work to its size plus this, and a file that shares a
list between agreements stays far below it.
"""


@dataclass(slots=True)
class YNode:
    """One value of a YAML document and the 1-based line it starts on.

    ``value`` is a ``dict[str, YNode]``, a ``list[YNode]`` or a scalar (str, int, float,
    bool, date, None); ``raw`` is a scalar's source text (money is read from it exactly).
    An alias's node shares the value of its anchor (its items keep their own lines).
    """

    value: Any
    line: int
    raw: str | None = None
    unread: bool = False
    """The value could not be read, and why is said already (a :class:`YamlProblem`):
    its ``value`` is ``None``, and every check leaves it out without a word."""


def as_written(node: YNode) -> Any:
    """A scalar as the file wrote it, for a field that holds text (an id, a name).

    YAML 1.1 reads a bare ``no`` (Norway's country code), ``yes``, ``on`` or ``off`` as
    true or false, which a tester's id was then told was missing: it is said, with the
    quotes to write. A number or a date is kept as written (``012`` is the id '012', not
    '12'; a name ``2030-01-01T00:00:00Z`` is not Python's ``2030-01-01 00:00:00+00:00``,
    and an id of that text was told it was missing).
    """
    if isinstance(node.value, bool):
        word = node.raw or str(node.value).lower()
        raise BadValue(
            f"{word} was read as {str(node.value).lower()}, not as text (YAML reads a bare "
            f"yes, no, on, off, true or false as true or false): write it in quotes, '{word}'"
        )
    if isinstance(node.value, int | float | dt.date) and node.raw is not None:
        return node.raw
    return node.value


def _at(path: str, key: str) -> str:
    """The key path of ``key`` in the mapping at ``path``, as issues name a field."""
    return f"{path}.{key}" if path else key


class _Builder:
    """Builds every node of a composed document once, in the order it was written."""

    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.done: dict[int, YNode] = {}
        self.active: set[int] = set()
        self.measured: dict[int, tuple[int, int]] = {}
        self.repeated = 0
        """The values that aliases read so far repeat."""
        self.budget_spent = False
        self.problems: list[YamlProblem] = []

    def unread(self, message: str, line: int, path: str) -> YNode:
        """A value left unread, its problem (if not said already) said at ``path``."""
        if message:
            self.problems.append(YamlProblem(message, line, path or None))
        return YNode(None, line, unread=True)

    def build(self, node: Node, path: str, depth: int) -> YNode:
        if isinstance(node, AliasUse):
            return self.alias(node, path, depth)
        line = node.start_mark.line + 1
        key = id(node)
        self.active.add(key)
        if isinstance(node, TooDeep) or depth >= MAX_DEPTH:  # libyaml's composer nests on
            out = self.unread(f"values are nested more than {MAX_DEPTH} levels deep", line, path)
        elif isinstance(node, ScalarNode):
            out = self.scalar(node, line, path)
        elif isinstance(node, SequenceNode):
            items = [
                self.build(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)
            ]
            out = self.tagged(node, "seq", YNode(items, line), path)
        elif isinstance(node, MappingNode):
            out = self.tagged(node, "map", YNode(self.mapping(node, path, depth), line), path)
        else:  # pragma: no cover - PyYAML has only these kinds, and the two above
            raise TypeError(f"unknown YAML node {node!r}")
        self.active.discard(key)
        self.done[key] = out
        return out

    def tagged(self, node: Node, kind: str, out: YNode, path: str) -> YNode:
        """A list or mapping as built; unread when it has a tag of its own (``!!set``)."""
        return out if node.tag == _TAG + kind else self.unsupported(node.tag, out.line, path)

    def unsupported(self, tag: str, line: int, path: str) -> YNode:
        """A value with a tag of its own (``!!set``, ``!!python/object``), left unread."""
        words = f"'!!{tag.removeprefix(_TAG)}'" if tag.startswith(_TAG) else repr(tag)
        return self.unread(f"YAML tag {words} is not supported (plain values only)", line, path)

    def measure(self, node: YNode) -> tuple[int, int]:
        """How many values ``node`` stands for (aliases as what they repeat), how deep.

        Measured only for what an alias repeats, each list or mapping once (an alias's
        node shares its anchor's), so that a file without aliases is not measured at all.
        """
        if not isinstance(node.value, list | dict):
            return 1, 1
        key = id(node.value)
        if key not in self.measured:
            parts = node.value if isinstance(node.value, list) else node.value.values()
            sizes = [self.measure(part) for part in parts]
            values = 1 + sum(count for count, _ in sizes)
            self.measured[key] = values, 1 + max((deep for _, deep in sizes), default=0)
        return self.measured[key]

    def alias(self, use: AliasUse, path: str, depth: int) -> YNode:
        """What an alias repeats, if the file's budget allows it (:data:`REPEAT_BUDGET`)."""
        line = use.start_mark.line + 1
        name = f"*{use.anchor}"
        if id(use.value) in self.active:
            return self.unread(
                f"the alias {name} stands for a value that contains it (recursive YAML): "
                "write the value out",
                line,
                path,
            )
        target = self.done[id(use.value)]
        if target.unread or self.budget_spent:
            return self.unread("", line, path)  # said where its anchor is, or at the budget
        values, levels = self.measure(target)
        if depth + levels > MAX_DEPTH:
            return self.unread(
                f"the alias {name} nests values more than {MAX_DEPTH} levels deep here "
                "(write the value out)",
                line,
                path,
            )
        if self.repeated + values > REPEAT_BUDGET:
            self.budget_spent = True
            return self.unread(
                f"the alias {name} would repeat {values:,} values, past the {REPEAT_BUDGET:,} "
                "the aliases of one file may repeat (an alias of a list of aliases multiplies "
                "them): write the values out, or use fewer aliases; the aliases after this "
                "one are not read",
                line,
                path,
            )
        self.repeated += values
        return YNode(target.value, line, target.raw)

    def mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, YNode]:
        """The entries of a mapping; a key it cannot have is said, and its entry left out.

        Each value is read even so, for the problems and anchors it holds. Of a repeated
        key the first is kept (the second is the one said).
        """
        out: dict[str, YNode] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            plain = isinstance(key_node, ScalarNode) and key_node.tag != _TAG + "merge"
            key = str(key_node.value) if plain else ""
            if not isinstance(key_node, ScalarNode):
                self.build(key_node, path, depth + 1)  # for its anchors; said below
            value = self.build(value_node, _at(path, key) if plain else path, depth + 1)
            if key_node.tag == _TAG + "merge":
                problem = "YAML merge keys (<<) are not supported (write the keys out)"
            elif not plain:
                problem = "a key must be a plain word, not a list or mapping"
            elif key in out:
                problem = (
                    f"key {key!r} appears twice in the same mapping (keep one; the first is "
                    f"on line {first[key]})"
                )
            else:
                out[key], first[key] = value, line
                continue
            self.problems.append(
                YamlProblem(problem, line, _at(path, key) if key else path or None)
            )
        return out

    def scalar(self, node: ScalarNode, line: int, path: str) -> YNode:
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
                return self.unsupported(node.tag, line, path)
        except (ValueError, OverflowError, yaml.YAMLError):
            text = str(node.value)[:40]
            return self.unread(
                f"value {text!r} cannot be read (quote it if it is text)", line, path
            )
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


def parse_yaml(text: str) -> tuple[YNode | None, list[YamlProblem]]:
    r"""One YAML document's tree, and what is wrong with it.

    The tree is ``None`` when the text holds nothing (empty or only comments), or when
    it is not YAML at all (a syntax error, the one problem then). Otherwise each value
    that could not be read is :attr:`YNode.unread`, its problem among those returned.

    >>> tree, problems = parse_yaml("a: 1\nb: [x, y]\n")
    >>> tree.value["b"].line, problems
    (2, [])
    """
    try:
        node = compose(text)
    except yaml.YAMLError as error:
        return None, [syntax_problem(error, text)]
    if node is None:
        return None, []
    builder = _Builder()
    return builder.build(node, "", 0), builder.problems
