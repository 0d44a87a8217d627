"""One of a few words (a method, an output format, a grouping): read and refused alike.

Why here: the command line took ``--method SIMPLEX`` and offered ``simplex`` for
``--method simplx``, while ``PlanParams(method="SIMPLEX")`` was refused without a hint and
a TOML params file said its own words. Every face and record that takes one of an enum's
words (the records' fields through :mod:`supplyline.domain.fields`) reads it with
:func:`read_choice` and says a mistake with :func:`choice_problem`.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import TypeVar

__all__ = ["choice_problem", "read_choice"]

E = TypeVar("E", bound=StrEnum)

_NEAR = 0.6
"""How alike (difflib's ratio) a word must be to a choice to be offered as the one meant."""


def _folded(word: str) -> str:
    """A word as choices are compared: its case and ``_``/``-`` aside."""
    return word.strip().casefold().replace("_", "-")


def read_choice(kind: type[E], text: str) -> E | None:
    """The choice of ``kind`` that ``text`` names, exactly or else folded; None if none.

    Folded (case, ``_`` or ``-``), a word is taken only if it names one choice alone.

    >>> from supplyline.domain import Mode
    >>> read_choice(Mode, "ROAD"), read_choice(Mode, "Inland_Water"), read_choice(Mode, "car")
    (<Mode.ROAD: 'road'>, <Mode.INLAND_WATER: 'inland_water'>, None)
    """
    for member in kind:
        if member.value == text:
            return member
    named = [m for m in kind if _folded(m.value) == _folded(text)]
    return named[0] if len(named) == 1 else None


def choice_problem(kind: type[StrEnum], value: object, *, what: str | None = None) -> str:
    """What is wrong with ``value`` as one of ``kind``: the choices, and a near miss.

    The words follow the value as its reader shows it (``'simplx'``, ``method(='simplx')``
    or a TOML file's ``"simplx"``); ``what`` names one choice (``a method``), else the
    record's words are kept (``must be one of …``).

    >>> from supplyline.domain import Mode
    >>> choice_problem(Mode, "rood", what="a mode")
    "is not a mode (one of: rail, road, air, sea, inland_water); did you mean 'road'?"
    >>> choice_problem(Mode, "truck")
    'must be one of rail, road, air, sea, inland_water'
    """
    values = [str(m.value) for m in kind]
    said = (
        f"is not {what} (one of: {', '.join(values)})"
        if what is not None
        else f"must be one of {', '.join(values)}"
    )
    if isinstance(value, str):
        folded = {_folded(v): v for v in values}
        near = difflib.get_close_matches(_folded(value), list(folded), n=1, cutoff=_NEAR)
        if near:
            said += f"; did you mean {folded[near[0]]!r}?"
    return said
