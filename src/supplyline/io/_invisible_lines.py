"""A CSV line that holds only invisible characters: named, and skipped as a blank line is.

A DOS end-of-file mark (U+001A, Ctrl+Z) that an old program wrote after a units.csv's
last row was read as a row of one cell: "row has 1 cells but the header has 13 columns:
add empty cells for name, …", of a line that looks empty in every editor. Such a line
holds nothing to read, as a blank one does; but the character is said, by its code point
and what it is, so that the file can be mended.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["invisible_line"]

_KNOWN = {
    "\x1a": "a DOS end-of-file mark, Ctrl+Z, which old programs write at a file's end",
    "\ufeff": "a byte-order mark, which belongs only at a file's start",
}
"""What the invisible characters a file is likely to hold are, in a person's words."""


def _invisible(ch: str) -> bool:
    """Whether ``ch`` shows nothing and is no space: a control or format character."""
    return not ch.isspace() and unicodedata.category(ch) in ("Cc", "Cf")


def _named(ch: str) -> str:
    r"""A character by its code point and what it is, as :func:`._cells.show` names a space.

    >>> _named("\u200b"), _named("\x04")
    ('U+200B ZERO WIDTH SPACE', 'U+0004 (a control character)')
    """
    name = unicodedata.name(ch, "")
    if ch in _KNOWN or not name:
        return f"U+{ord(ch):04X} ({_KNOWN.get(ch, 'a control character')})"
    return f"U+{ord(ch):04X} {name}"


def invisible_line(record: Sequence[str]) -> str | None:
    r"""What a CSV record is when its cells hold only invisible characters; else ``None``.

    Spaces and empty cells beside them do not count: ``,\x1a,`` is such a line too.

    >>> invisible_line(["\x1a"])
    "the line holds only an invisible character, U+001A (a DOS end-of-file mark, Ctrl+Z, which old programs write at a file's end): it is skipped (remove it)"
    >>> invisible_line(["u1", "\x1a"]) is None
    True
    """  # noqa: E501
    shown = [ch for ch in "".join(record) if not ch.isspace()]
    if not shown or not all(_invisible(ch) for ch in shown):
        return None
    found = list(dict.fromkeys(shown))
    if len(found) == 1:
        return (
            f"the line holds only an invisible character, {_named(found[0])}: it is skipped "
            "(remove it)"
        )
    return (
        f"the line holds only invisible characters, {' and '.join(map(_named, found))}: "
        "it is skipped (remove them)"
    )
