"""An enumeration's value from a cell, with the word or slip the planner probably meant.

Split from :mod:`supplyline.io._cells` (which holds the other single-value parsers) when
the words for allowed values and the prefix guesses took that module past 600 lines.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from supplyline.domain.references import did_you_mean
from supplyline.io._cells import BadValue, show

__all__ = ["parse_enum"]

E = TypeVar("E", bound=StrEnum)


@cache
def _enum_index(enum: type[StrEnum]) -> dict[str, Any]:
    return {m.value.lower(): m for m in enum}


_OTHER_WORDS = {
    "airport": "airfield", "airstrip": "airfield", "airbase": "airfield", "harbour": "port",
    "harbor": "port", "seaport": "port", "store": "warehouse", "storage": "warehouse",
    "camp": "unit_area", "base": "garrison", "barracks": "garrison", "yard": "transshipment",
    "crossing": "border", "railway": "rail", "railroad": "rail", "train": "rail",
    "truck": "road", "lorry": "road", "highway": "road", "plane": "air", "flight": "air",
    "ship": "sea", "sealift": "sea", "river": "inland_water", "barge": "inland_water",
    "canal": "inland_water", "rations": "food", "diesel": "fuel", "petrol": "fuel",
    "medicine": "medical", "tents": "shelter", "litre": "L", "liter": "L", "litres": "L",
    "liters": "L", "kilogram": "kg", "kilograms": "kg", "kgs": "kg", "tonne": "t",
    "tonnes": "t", "ton": "t", "tons": "t", "helicopter": "air", "heli": "air",
    "aircraft": "air", "airplane": "air", "aeroplane": "air", "entrepot": "warehouse",
    "entrepôt": "warehouse", "lager": "warehouse", "almacen": "warehouse",
    "almacén": "warehouse", "magazzino": "warehouse",
}  # fmt: skip
"""Words a planner may write for an allowed value (``airport`` for ``airfield``,
``helicopter`` for ``air``, French ``entrepôt`` for ``warehouse``, ``litre`` for ``L``):
offered as "did you mean" where the enumeration has that value, never taken.
The one table of such words; only clear ones (a ``boat`` may be sea or inland water). By
letters alone ``airport`` is nearest ``port``, which would mislead."""


_MASS = ("a unit of mass", ("kg", "t"))
_VOLUME = ("a unit of volume", ("L",))
_OTHER_UNITS = {
    **dict.fromkeys(
        ("g", "gram", "grams", "mg", "lb", "lbs", "pound", "pounds", "oz", "ounce", "ounces"),
        _MASS,
    ),
    **dict.fromkeys(
        ("ml", "cl", "dl", "m3", "m³", "cc", "cm3", "gal", "gals", "gallon", "gallons", "qt",
         "quart", "quarts", "pt", "pint", "pints", "floz", "fl oz", "bbl", "barrel", "barrels"),
        _VOLUME,
    ),
}  # fmt: skip
"""Units of mass and volume that a value counted in kg, t or L does not take, with those
it does. By letters alone a tester's ``lb`` (pounds) was offered ``L`` (litres)."""


def _unit_not_accepted(text: str, values: list[str]) -> str:
    """``"lb, a unit of mass, is not accepted: use kg or t"``; ``""`` if ``text`` is no unit.

    Only where the enumeration holds the units of that dimension (it is a unit's).
    """
    dimension, accepted = _OTHER_UNITS.get(text.lower(), ("", ()))
    if not accepted or not set(accepted) <= set(values):
        return ""
    return f"{text}, {dimension}, is not accepted: use {' or '.join(accepted)}"


def _guess_member(text: str, enum: type[StrEnum]) -> str:
    """``"did you mean 'airfield'?; "`` for a word or slip of an allowed value; else ``""``.

    A one-letter value (the unit ``L`` or ``t``) is one slip from any two-letter word: it
    is offered by letters only to a word that begins with it (``lt``, not ``xl``).
    """
    index = _enum_index(enum)
    values = [m.value for m in enum]
    word = _OTHER_WORDS.get(text.lower())
    if word is not None and word.lower() in index:
        return f"did you mean {word!r}?; "
    if unit := _unit_not_accepted(text, values):
        return f"{unit}; "
    begun = [v for v in values if len(v) > 1 or text.lower().startswith(v.lower())]
    guess = did_you_mean(text, begun)
    if not guess and (prefixed := _by_prefix(text.lower(), [m.value for m in enum])):
        guess = f"did you mean {prefixed!r}?"
    return f"{guess}; " if guess else ""


def _by_prefix(text: str, values: list[str]) -> str | None:
    """The one value ``text`` starts with or begins, three letters at least; else ``None``.

    ``airlift`` starts with ``air``, ``inland`` begins ``inland_water``; when several
    values fit, none is offered.

    Letters alone missed a tester's ``airlift`` (too far from ``air`` for a slip).
    """
    fits = [v for v in values if len(v) >= 3 and text.startswith(v.lower())]
    if not fits and len(text) >= 3:
        fits = [v for v in values if v.lower().startswith(text)]
    return fits[0] if len(fits) == 1 else None


def parse_enum(value: Any, enum: type[E]) -> E:
    """One of an enumeration's values, case-insensitive; else the values most like it first.

    >>> from supplyline.domain import Mode
    >>> parse_enum("Road", Mode)
    <Mode.ROAD: 'road'>
    """
    guess = ""
    if isinstance(value, str):
        member = _enum_index(enum).get(value.strip().lower())
        if member is not None:
            return member  # type: ignore[no-any-return]
        guess = _guess_member(value.strip(), enum)
    allowed = ", ".join(m.value for m in enum)
    raise BadValue(f"{show(value)} is not allowed ({guess}one of: {allowed})")
