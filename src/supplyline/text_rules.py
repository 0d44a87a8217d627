"""What an id, a name or a note may hold: the one rule of the files, the records and the ledger.

Split from :mod:`supplyline.types` (which re-exports it): the scenario's ids and names, the
ledger's users, keys and notes, and the plan's labels are all checked by these few lines.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "DIRECTION_CONTROLS",
    "ID_PATTERN",
    "ID_RULE",
    "MAX_ID_LEN",
    "MAX_KEY_LEN",
    "MAX_NAME_LEN",
    "MAX_USER_LEN",
    "id_problem",
    "text_problem",
]

MAX_ID_LEN = 64
MAX_NAME_LEN = 200
MAX_KEY_LEN = 200
"""The longest idempotency key the ledger keeps: its ``key`` column's width."""
MAX_USER_LEN = 100
"""The longest user name the ledger keeps: its ``user_name`` columns' width (VARCHAR(100)).

One constant for the tables and the checks: a 150-character ``--user`` was stored by SQLite,
which ignores a column's width, and refused by PostgreSQL in the write (exit 7, "value too
long for type character varying(100)")."""
ID_PATTERN = re.compile(r"[^\W_][\w.\-:]*")
"""An id: letters, digits and ``_ - . :``, starting with a letter or digit."""
ID_RULE = "letters, digits and _ - . : only, starting with a letter or digit"
""":data:`ID_PATTERN` in words, as a message about a bad id ends."""


def id_problem(text: str) -> str | None:
    """Why ``text`` cannot be an id, or None: the rule of the files and of the records.

    A character no id may have is named; an id of allowed characters that starts with
    one of ``_ - . :`` is told to start with a letter or digit (a tester's ``-u1`` was told
    the hyphen is a character ids cannot have, which the list beside it allows).

    >>> id_problem("depot-1"), id_problem("a,b")[:30]
    (None, 'has characters ids cannot have')
    >>> id_problem("-u1")
    "must start with a letter or digit, not '-'"
    """
    if not text:
        return "is empty"
    if len(text) > MAX_ID_LEN:
        return f"is too long (at most {MAX_ID_LEN} characters)"
    if ID_PATTERN.fullmatch(text):
        return None
    for ch in text:
        if not ID_PATTERN.fullmatch("a" + ch):  # not allowed anywhere
            name = unicodedata.name(ch, "")
            return (
                f"has characters ids cannot have: {ch!r} (U+{ord(ch):04X}"
                f"{' ' + name if name else ''}) ({ID_RULE})"
            )
    return f"must start with a letter or digit, not {text[0]!r}"


DIRECTION_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
"""Embeddings, overrides and isolates of text direction: one in a tester's camp name made
the report's map read "live camp" for "evil camp", and it turns whatever follows it on a
line. The marks U+200E, U+200F and U+061C, which right-to-left names may need, are no
such switch and stay allowed."""


_LINE_BREAKS = frozenset("\n\r\v\f\x85")
"""Control characters that break a line: said as a line break, which a planner knows, not
as "the control character U+000D" (a tester's name with Alt+Enter in its cell)."""


def text_problem(text: str, *, lines: bool = False, what: str = "a name") -> str | None:
    r"""Why ``text`` cannot be a name, or None: no control character or lone surrogate.

    ``lines``: text of several lines (a ledger note), whose line breaks (``\n``, or
    ``\r\n`` as Windows writes one) are kept; any other control character, or a
    text-direction control, is refused as in a name. ``what`` is what the text is, as a
    line break is said (``a name is one line``; ``a key is one line``).

    >>> text_problem("\u202eevil\u202c camp")
    'has the text-direction control U+202E, which turns what follows it on screen (remove it)'
    >>> text_problem("\u05e9\u05dc\u05d5\u05dd\u200f camp") is None
    True
    >>> text_problem("Field\rcamp")
    'has a line break (U+000D): a name is one line (remove it)'
    >>> text_problem("Field\u2028camp")
    'has the line break U+2028 (remove it)'
    >>> text_problem("from stock\r\npier 2", lines=True) is None
    True
    >>> text_problem("pier\x1b[2J 2", lines=True)
    'has the control character U+001B (remove it)'
    """
    for at, ch in enumerate(text):
        if lines and (ch == "\n" or (ch == "\r" and text.startswith("\n", at + 1))):
            continue
        if ch in _LINE_BREAKS and not lines:  # a cell of a spreadsheet with Alt+Enter in it
            return f"has a line break (U+{ord(ch):04X}): {what} is one line (remove it)"
        if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\t":
            return f"has the control character U+{ord(ch):04X} (remove it)"
        if unicodedata.category(ch) in ("Zl", "Zp"):  # str.splitlines() cuts a row there
            return f"has the line break U+{ord(ch):04X} (remove it)"
        if ch in DIRECTION_CONTROLS:
            return (
                f"has the text-direction control U+{ord(ch):04X}, which turns what follows it "
                "on screen (remove it)"
            )
    return None
