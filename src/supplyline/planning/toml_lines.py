"""Where each key of a TOML text is written: the line a mistake in its value is said at.

Python 3.11's ``tomllib`` gives values without their lines. The parameters file's
mistakes were located by matching ``key =`` after ``[table]``, so a quoted key
(``"explain_top" = -1``), a header with spaces (``[ weights ]``) or a comment
(``[weights] # mine``), a dotted key (``weights.late_per_t_day = -5``) and an inline table
(``weights = {late_per_t_day = -1}``) had no line. Here the text is read as TOML writes
keys (bare, quoted, dotted; headers; one level of inline tables), enough to find them in a
text that ``tomllib`` has already parsed.
"""

from __future__ import annotations

import json
import re

__all__ = ["key_lines", "repeated_key", "syntax_place"]

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\]|\\.)*"'
_LITERAL = r"'[^']*'"
_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_PATH = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"\[\[?\s*({_PATH})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"({_PATH})\s*=\s*")
_PARTS = re.compile(_PART)
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def key_lines(text: str) -> dict[str, int]:
    """Each key's dotted path (``weights.late_per_t_day``) and its 1-based line.

    The first place a key is written wins (a key written twice is a TOML error).

    >>> lines = '"explain_top" = -1', "[ weights ] # mine", "late_per_t_day = 2"
    >>> key_lines(chr(10).join(lines))
    {'explain_top': 1, 'weights': 2, 'weights.late_per_t_day': 3}
    >>> key_lines("weights = {late_per_t_day = -1, move_per_t = 2}")
    {'weights': 1, 'weights.late_per_t_day': 1, 'weights.move_per_t': 1}
    """
    found: dict[str, int] = {}
    table: list[str] = []
    in_string: str | None = None  # the quotes of a multi-line string being read
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        stripped = line.strip()
        header = _HEADER.match(stripped)
        if header is not None:
            table = _parts(header.group(1))
            _note(found, table, number)
            continue
        key = _KEY.match(stripped)
        if key is None:
            continue
        path = table + _parts(key.group(1))
        _note(found, path, number)
        value = stripped[key.end() :]
        if value.startswith("{"):
            for inner in re.finditer(rf"[{{,]\s*({_PATH})\s*=", value):
                _note(found, path + _parts(inner.group(1)), number)
        for quotes in ('"""', "'''"):
            if value.count(quotes) % 2:
                in_string = quotes
    return found


def repeated_key(text: str, line: int) -> tuple[str, int] | None:
    """The key (or table) written on ``line`` of ``text`` and the line it was first written on.

    For tomllib's "Cannot overwrite a value" (a key written twice), which named neither the
    key nor where it was first: a tester's ``time_limit_s`` twice read that alone, where the
    YAML reader says "key … appears twice (…the first is on line N)". None where ``line``
    writes no key written before.

    >>> repeated_key(chr(10).join(["a = 1", "[weights]", "b = 2", "b = 3"]), 4)
    ('weights.b', 3)
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    table: list[str] = []
    for before in lines[: line - 1]:
        header = _HEADER.match(before.strip())
        if header is not None:
            table = _parts(header.group(1))
    stripped = lines[line - 1].strip()
    header, key = _HEADER.match(stripped), _KEY.match(stripped)
    if header is not None:
        path = _parts(header.group(1))
    elif key is not None:
        path = table + _parts(key.group(1))
    else:
        return None
    dotted = ".".join(path)
    first = key_lines("\n".join(lines[: line - 1])).get(dotted)
    return None if first is None else (dotted, first)


def syntax_place(message: str) -> tuple[str, int | None, int | None]:
    """A ``TOMLDecodeError``'s words, line and column (3.11's has no ``lineno``: in words).

    >>> syntax_place("Cannot overwrite a value (at line 2, column 12)")
    ('Cannot overwrite a value', 2, 12)
    >>> syntax_place("Cannot declare ('weights', 'sub') twice (at line 5, column 9)")
    ('Cannot declare [weights.sub] twice', 5, 9)
    """
    message = _TUPLE.sub(_dotted, message)
    at = _AT.search(message)
    if at is None:
        return message, None, None
    return message[: at.start()], int(at.group(1)), int(at.group(2))


_TUPLE = re.compile(r"\(((?:'[^']*'(?:, )?)+),?\)")
"""A key as Python writes a tuple of its parts, in tomllib's words (``('weights',)``)."""


def _dotted(found: re.Match[str]) -> str:
    """A key in a TOML file's words: ``[weights]`` (tomllib said ``('weights',)``)."""
    return "[" + ".".join(re.findall(r"'([^']*)'", found.group(1))) + "]"


def _parts(path: str) -> list[str]:
    """A dotted key's parts, unquoted (escapes of a basic string as TOML reads them)."""
    parts = []
    for part in _PARTS.findall(path):
        if part.startswith('"'):
            try:  # TOML's escapes are JSON's, but for \e and \U
                part = json.loads(part)
            except ValueError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return parts


def _note(found: dict[str, int], path: list[str], line: int) -> None:
    """Note ``path`` and each table above it (``a.b.c`` makes ``a`` and ``a.b``) at ``line``."""
    for end in range(1, len(path) + 1):
        found.setdefault(".".join(path[:end]), line)
