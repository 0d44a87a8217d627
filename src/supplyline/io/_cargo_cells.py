"""fleet.csv's ``carries`` cell: what a fleet group's trucks may load, read and written.

A cell such as ``water`` (a bowser) or ``food;general;medical`` (a flatbed): commodity ids
and supply classes separated by ``;``; ``*`` (:data:`~supplyline.types.ANY_CARGO`) or empty
means anything, ``*`` on purpose (``validate`` may take an empty cell for an omission).
Whether each name is a known commodity or class is checked once the whole scenario is read
(the domain's reference checks), so that a misspelt one is offered what it meant among the
scenario's commodities.
"""

from __future__ import annotations

from typing import Any

from supplyline.io._cells import BadValue, parse_id, show
from supplyline.types import ANY_CARGO, LIST_SEPARATOR

__all__ = ["cargo_fields", "cargo_named", "format_carries", "parse_carries"]

_EXAMPLE = "commodity ids or supply classes separated by ';', such as water;fuel"


def parse_carries(value: Any) -> frozenset[str]:
    """The names in a ``carries`` cell; every part's problem is said, not the first only.

    ``*`` alone is :data:`~supplyline.types.ANY_CARGO`, kept as it is: the trucks may load
    anything, said on purpose. Beside names it would say two things at once, so it is refused.

    >>> sorted(parse_carries(" water ; fuel;")), parse_carries(" * ")
    (['fuel', 'water'], frozenset({'*'}))
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
        if text == ANY_CARGO:
            names.add(ANY_CARGO)
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
    if ANY_CARGO in names and len(names) > 1:
        named = LIST_SEPARATOR.join(sorted(names - {ANY_CARGO}))
        problems.append(
            f"{ANY_CARGO!r} means anything, so it stands alone: write {ANY_CARGO} for trucks "
            f"that load anything, or name only what they carry ({named})"
        )
    if problems:
        raise BadValue("; ".join(problems))
    return frozenset(names)


def cargo_fields(names: frozenset[str] | None) -> dict[str, Any]:
    """:class:`~supplyline.domain.FleetGroup`'s ``carries`` and ``carries_anything`` from a cell.

    ``names`` as :func:`parse_carries` reads them (None after an error: left to the row's).

    >>> cargo_fields(frozenset({"*"})), cargo_fields(frozenset({"water"}))
    ({'carries': frozenset(), 'carries_anything': True}, \
{'carries': frozenset({'water'}), 'carries_anything': False})
    """
    if names is None:
        return {"carries": None, "carries_anything": False}
    return {"carries": names - {ANY_CARGO}, "carries_anything": ANY_CARGO in names}


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


def format_carries(carries: frozenset[str], *, anything: bool = False) -> str:
    """The cell of ``carries``: its names sorted, separated by ``;`` (empty: anything).

    ``anything``: the planner said ``*`` (:attr:`FleetGroup.carries_anything
    <supplyline.domain.FleetGroup.carries_anything>`), written back as it was said.

    >>> format_carries(frozenset({"water", "fuel"})), format_carries(frozenset())
    ('fuel;water', '')
    >>> format_carries(frozenset(), anything=True)
    '*'
    """
    return ANY_CARGO if anything else LIST_SEPARATOR.join(sorted(carries))
