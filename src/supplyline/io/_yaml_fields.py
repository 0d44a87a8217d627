"""The shape of a YAML value, checked before a field reads it: a mapping, a list, one value.

scenario.yaml and agreements.yaml hold values inside values, and a field can be given
the wrong kind: a list where a date goes, a list of lists where a list of names goes
(which a tester's agreements.yaml then stored as ``"[YNode(value='rail', …)]"``). Each
check says what the field expected and what it got, in the file's own words (``a list
([rail, road])``). A value the YAML reader could not read (:attr:`YNode.unread`) is
said once, there: the checks here leave it out without a word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from supplyline.domain.references import did_you_mean
from supplyline.io._cells import BadValue, show
from supplyline.io._source import REQUIRED, Fields, Report
from supplyline.io._yamltree import YNode, as_written, parse_yaml

__all__ = [
    "kind_of",
    "list_of",
    "mapping_of",
    "missing_keys",
    "one_value",
    "parse_as_written",
    "shown",
    "take",
    "yaml_tree",
    "yaml_words",
]


def yaml_tree(text: str, file: str, report: Report) -> YNode | None:
    """The tree of a YAML file's text, each of its problems reported.

    ``None`` when the file holds nothing, or nothing could be read (then it is
    ``unusable``, so that cross-file checks do not mislead).
    """
    tree, problems = parse_yaml(text)
    for problem in problems:
        report.error(file, problem.message, problem.line, problem.column)
    if tree is not None and tree.unread:
        tree = None
    if tree is None and problems:
        report.unusable.add(file)
    return tree


def yaml_words(node: YNode, limit: int = 40) -> str:
    """A value as a YAML file writes it on one line, cut short after ``limit`` characters.

    Only what is shown is visited: a list that aliases repeat a thousand times costs no
    more than its first few items.

    >>> from supplyline.io._yamltree import parse_yaml
    >>> yaml_words(parse_yaml("[[rail, road], {handling: yes}]")[0])
    '[[rail, road], {handling: yes}]'
    """
    parts: list[str] = []
    size = 0

    def add(text: str) -> bool:
        nonlocal size
        parts.append(text)
        size += len(text)
        return size <= limit

    def write(item: YNode) -> bool:
        if isinstance(item.value, list):
            return add("[") and all(
                (i == 0 or add(", ")) and write(sub) for i, sub in enumerate(item.value)
            ) and add("]")  # fmt: skip
        if isinstance(item.value, dict):
            return add("{") and all(
                (i == 0 or add(", ")) and add(f"{key}: ") and write(sub)
                for i, (key, sub) in enumerate(item.value.items())
            ) and add("}")  # fmt: skip
        if item.unread:
            return add("…")  # its problem is said where it is
        return add(item.raw or ("null" if item.value is None else str(item.value)))

    whole = write(node)
    text = "".join(parts)
    return text if whole else text[: limit - 1] + "…"


def kind_of(node: YNode) -> str:
    """What a value is, in a person's words: ``a list ([30])``, ``the value 'x'``."""
    if isinstance(node.value, list):
        return f"a list ({yaml_words(node)})"
    if isinstance(node.value, dict):
        return f"a mapping ({yaml_words(node)})"
    return f"the value {shown(node)}"


def shown(node: YNode) -> str:
    """A scalar as a message quotes it: as the file wrote it, where the value read differs.

    YAML reads a bare ``yes`` as true, ``2030-01-01T00:00:00Z`` as a date and time that
    Python writes ``2030-01-01 00:00:00+00:00``, and ``2500.50`` as 2500.5; a value read
    as written (``-60``, a text) is quoted as :func:`~supplyline.io._cells.show` does.

    >>> from supplyline.io._yamltree import parse_yaml
    >>> [shown(parse_yaml(text)[0]) for text in ("yes", "2030-01-01T00:00:00Z", "-60", "x")]
    ["'yes'", "'2030-01-01T00:00:00Z'", '-60', "'x'"]
    """
    return show(node.raw) if _read_otherwise(node) else show(node.value)


def _read_otherwise(node: YNode) -> bool:
    """Whether a scalar's value, as a message words it, may differ from the file's text.

    A yes/no and a date are worded by each parser its own way (``true``, an ISO form with
    a ``T``); a number as :func:`~supplyline.io._cells.show` writes it (``2500.5``).
    """
    if node.raw is None or node.value is None or isinstance(node.value, str):
        return False
    return isinstance(node.value, bool | dt.date) or show(node.value) != node.raw


def parse_as_written(parse: Callable[[Any], Any], node: YNode) -> Any:
    """A scalar parsed as the YAML reader read it; refused, said as the file wrote it.

    What a field accepts is unchanged (a ``yes`` is true to a yes/no field, a date-time at
    midnight a date); a refusal quotes the file's text: a tester's ``start_date:
    2030-01-01T00:00:00Z`` was quoted back as ``'2030-01-01T00:00:00+00:00'``, a ``yes``
    given for a number as ``true``. The text is given to the field's parser, as a CSV
    cell's is, for its message; a text it would accept where the value read is refused is
    a yes/no the reader took for true or false, and said so (write it in quotes).
    """
    try:
        return parse(node.value)
    except BadValue:
        if not _read_otherwise(node):
            raise
    value = parse(node.raw)  # refused: its message quotes the text as written
    as_written(node)  # accepted as text: a yes/no read as true or false is said so
    return value


def one_value(node: YNode, expected: str) -> Any:
    """The value of a node that must hold one value (``expected``, in words), not more.

    >>> from supplyline.io._yamltree import parse_yaml
    >>> one_value(parse_yaml("[5]")[0], "an amount such as 1250.00")
    Traceback (most recent call last):
    supplyline.io._cells.BadValue: must be an amount such as 1250.00, not a list ([5])
    """
    if isinstance(node.value, dict | list):
        raise BadValue(f"must be {expected}, not {kind_of(node)}")
    return node.value


def mapping_of(
    node: YNode,
    file: str,
    path: str,
    report: Report,
    known: tuple[str, ...] | None,
    required: tuple[str, ...] = (),
) -> dict[str, YNode] | None:
    """A YAML mapping's entries, after checking its keys; ``None`` (with an issue) if unusable."""
    if node.unread:
        return None
    label = path or "the file"
    if not isinstance(node.value, dict):
        report.error(
            file,
            f"{label} must be a mapping of key: value lines, not {kind_of(node)}",
            node.line,
            path or None,
        )
        return None
    entries: dict[str, YNode] = node.value
    for key, value in entries.items():
        if known is not None and key not in known:
            guess = did_you_mean(str(key), known)  # solver.time_limit: time_limit_s
            report.error(
                file,
                f"unknown key {show(key)} ({guess + '; ' if guess else ''}known keys: "
                f"{', '.join(known)})",
                value.line,
                f"{path}.{key}" if path else key,
            )
    for key in required:
        if key not in entries:
            report.error(
                file,
                f"required key {key!r} is missing",
                node.line,
                f"{path}.{key}" if path else key,
            )
    return entries


def missing_keys(entries: Mapping[str, YNode], required: tuple[str, ...]) -> set[str]:
    """The required keys that :func:`mapping_of` reported missing (for ``Fields.reported``)."""
    return {key for key in required if key not in entries}


def list_of(node: YNode | None, file: str, path: str, report: Report) -> list[YNode]:
    """A YAML list's items; empty (with an issue) if it is not a list."""
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        report.error(
            file,
            f"must be a list of entries (lines starting with '- '), not {kind_of(node)}",
            node.line,
            path,
        )
        return []
    items: list[YNode] = node.value
    return items


def take(
    f: Fields,
    entries: Mapping[str, YNode],
    key: str,
    parse: Callable[[Any], Any],
    default: Any = REQUIRED,
    *,
    text: bool = False,
    written: bool = False,
) -> Any:
    """A field of a YAML mapping, parsed through :meth:`Fields.take`.

    ``text``: the field holds text (an id, a name), parsed as written (:func:`as_written`).
    ``written``: a number is parsed as the file wrote it, so that a date field can say
    what ``20250101`` or ``46056.5`` is (a date without dashes, a spreadsheet's serial).
    Any other value the YAML reader turned from its text is refused in the file's words
    (:func:`parse_as_written`).
    """
    node = entries.get(key)
    if node is not None and node.unread:
        f.said()
        return None
    if node is not None and isinstance(node.value, dict | list):
        f.fail(key, f"must be a single value, not {kind_of(node)}")
        return None
    if node is None or node.value is None or isinstance(node.value, str):
        return f.take(key, None if node is None else node.value, parse, default)
    said = node  # a scalar the YAML reader turned into a bool, a number or a date
    if text:
        return f.take(key, node.value, lambda _: parse(as_written(said)), default)
    number = type(node.value) in (int, float)  # not a bool
    if written and number and node.raw:
        return f.take(key, node.raw, parse, default)
    return f.take(key, node.value, lambda _: parse_as_written(parse, said), default)
