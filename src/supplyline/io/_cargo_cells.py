"""fleet.csv's ``carries`` cell: what a fleet group's trucks may load, read and written.

A cell such as ``water`` (a bowser) or ``food;general;medical`` (a flatbed): commodity ids
and supply classes separated by ``;``; empty means anything. Whether each name is a known
commodity or class is checked once the whole scenario is read (the domain's reference
checks), so that a misspelt one is offered what it meant among the scenario's commodities.
"""

from __future__ import annotations

from typing import Any

from supplyline.io._cells import BadValue, parse_id, show
from supplyline.types import LIST_SEPARATOR

__all__ = ["cargo_named", "format_carries", "parse_carries"]

_EXAMPLE = "commodity ids or supply classes separated by ';', such as water;fuel"


def parse_carries(value: Any) -> frozenset[str]:
    """The names in a ``carries`` cell; every part's problem is said, not the first only.

    >>> sorted(parse_carries(" water ; fuel;"))
    ['fuel', 'water']
    >>> parse_carries("water,fuel")
    Traceback (most recent call last):
    ...
    supplyline.io._cells.BadValue: 'water,fuel' has a comma: separate what the trucks carry \
with ';' (water;fuel)
    """
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not a list of what the trucks carry ({_EXAMPLE})")
    names: set[str] = set()
    problems: list[str] = []
    for part in value.split(";"):
        text = part.strip()
        if not text:
            continue
        if "," in text:
            joined = ";".join(p.strip() for p in text.split(",") if p.strip())
            problems.append(
                f"{show(text)} has a comma: separate what the trucks carry with ';' ({joined})"
            )
            continue
        try:
            names.add(parse_id(text, "carries entry"))
        except BadValue as bad:
            problems.append(f"{bad} ({_EXAMPLE})")
    if problems:
        raise BadValue("; ".join(problems))
    return frozenset(names)


def cargo_named(raw: Any) -> list[str]:
    """The well-formed names of a ``carries`` cell, even when another part of it is not.

    For the references of a row that could not be built, checked once every file is read.

    >>> cargo_named("watr; bad name;fuel")
    ['fuel', 'watr']
    """
    if not isinstance(raw, str):
        return []
    out = []
    for part in raw.split(";"):
        try:
            out.append(parse_id(part.strip()))
        except BadValue:
            continue
    return sorted(set(out))


def format_carries(carries: frozenset[str]) -> str:
    """The cell of ``carries``: its names sorted, separated by ``;`` (empty: anything).

    >>> format_carries(frozenset({"water", "fuel"})), format_carries(frozenset())
    ('fuel;water', '')
    """
    return LIST_SEPARATOR.join(sorted(carries))
