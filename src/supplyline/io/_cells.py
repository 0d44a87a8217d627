"""Parsers of single values (a CSV cell or a YAML scalar), with messages made for a person.

Every parser takes the raw value as the file gave it (a string from CSV; a string, number,
bool, date or ``None`` from YAML) and returns the typed value or raises :class:`BadValue`
whose message says what is wrong and, in brackets, what would be right. The table readers
turn a ``BadValue`` into an :class:`~supplyline.errors.Issue` with file, line and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from supplyline.domain.field_ranges import FieldRange, range_hint, whole_hint
from supplyline.domain.references import did_you_mean
from supplyline.errors import ArgumentError, quoted
from supplyline.io._number_forms import other_number_form
from supplyline.io._point_groups import grouped_hint
from supplyline.types import (
    MAX_ID_LEN,
    MAX_NAME_LEN,
    id_problem,
    text_problem,
)

__all__ = [
    "MAX_ID_LEN",
    "MAX_NAME_LEN",
    "BadValue",
    "check_text",
    "decimal_from_text",
    "is_blank",
    "number_text_problem",
    "parse_bool",
    "parse_currency",
    "parse_decimal",
    "parse_degrees",
    "parse_float",
    "parse_id",
    "parse_in_range",
    "parse_int",
    "parse_name",
    "parse_rate",
    "show",
    "too_long",
]

_FACTOR_KEY = re.compile(r"[A-Za-z][\w\-]*(\.[\w\-]+)+")
_NUMBER_WITH_UNIT = re.compile(r"([-+]?\d[\d.]*)\s*([A-Za-z/%°][\w/% .]*)")
_LOOKALIKE = re.compile(r"[-+]?[\d.]*[OoIl][\dOoIl.]*")
"""Digits with a letter that looks like one (``18OO``, ``1l0``): a typo, not a unit."""
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
"""A number whose commas could be thousands separators: ``1,180``, ``12,345,678``, ``1,180.5``."""
_SPACES = " \u00a0\u202f\u2007\u2009"
"""Spaces a spreadsheet may group digits with: plain, no-break, narrow no-break (French
Excel), figure and thin."""
_SPACED_THOUSANDS = re.compile(rf"[-+]?[1-9]\d{{0,2}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
"""A number grouped by spaces: ``8 000``, ``1 180,5`` (the comma then is a decimal comma)."""
_POINT_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:\.\d{3})+,\d+")
"""A number grouped by points with a decimal comma, as German Excel writes: ``1.180,5``."""
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}
_OTHER_YES_NO = {
    "ja": "yes", "oui": "yes", "si": "yes", "sí": "yes", "da": "yes", "tak": "yes",
    "sim": "yes", "evet": "yes", "nein": "no", "non": "no", "nee": "no", "nie": "no",
    "net": "no", "não": "no", "nao": "no", "hayır": "no",
    # a spreadsheet's TRUE and FALSE in its own language (German Excel writes WAHR)
    "wahr": "true", "falsch": "false", "vrai": "true", "faux": "false",
    "verdadero": "true", "verdadeiro": "true", "vero": "true", "falso": "false",
    "waar": "true", "onwaar": "false", "prawda": "true", "fałsz": "false",
    "sant": "true", "falskt": "false", "sand": "true", "falsk": "false",
    "tosi": "true", "epätosi": "false", "doğru": "true", "yanlış": "false",
    "истина": "true", "ложь": "false", "pravda": "true", "nepravda": "false",
}  # fmt: skip
"""Yes and no in a few other languages (a tester's ``ja``): offered, not taken, since a
planner reading the file later should see the words the file's columns say."""
_YES_NO_WORDS = ("true", "false", "yes", "no", "on", "off")
"""The yes/no words a slip is compared with (one letter is too short to offer)."""


class BadValue(Exception):
    """A value that cannot be used; the message says why and what would be right."""


def show(value: Any, limit: int = 40) -> str:
    """Quote a user's value for a message, shortened so a huge cell stays readable.

    A space other than the plain one (a no-break space from French Excel) is shown as a
    space and named after the quote: ``'8 000' (holding U+00A0 NO-BREAK SPACE)``, where
    Python's quoting wrote it as an escape code, which a planner cannot read. A text cut
    short keeps its closing quote (``'wwww…'``).
    """
    if not isinstance(value, str):
        text = str(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"
    odd = _odd_spaces(value)
    # the quote closed after the cut: "id 'wwww… is too long" read as a quote never closed
    text = quoted("".join(" " if ch in odd else ch for ch in value) if odd else value, limit)
    return text + (f" (holding {_names(odd)})" if odd else "")


def _odd_spaces(text: str) -> list[str]:
    """The space characters in ``text`` other than the plain space, in order of appearance."""
    found = [ch for ch in text if ch != " " and unicodedata.category(ch) == "Zs"]
    return list(dict.fromkeys(found))


def _names(chars: list[str]) -> str:
    """Characters by code point and name: ``U+00A0 NO-BREAK SPACE``."""
    return " and ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip() for ch in chars)


def is_blank(value: Any) -> bool:
    """Whether a value counts as missing: absent, YAML null or an empty/whitespace cell."""
    return value is None or (isinstance(value, str) and not value.strip())


def _other_digits(text: str) -> bool:
    """Whether ``text`` has digits other than 0-9 (``１８``, ``١٨``), which float() reads."""
    return not text.isascii() and any(ch.isdigit() and not ch.isascii() for ch in text)


def _plain_float(text: str) -> float:
    """``float(text)`` for digits 0-9 only.

    Python also reads ``１８`` (full width) and ``١٨`` (Arabic-Indic) as 18, and ``1_000``
    as 1000, which the command line and the docs refuse ("plain decimals with a point").
    """
    if _other_digits(text):
        raise ValueError(text)
    return float(text.replace("_", "x"))  # underscores are not digits for a planner


def _is_plain(text: str) -> bool:
    """Whether ``text`` is a plain number, as a CSV cell takes one (``1.5e3`` too).

    YAML 1.1 reads ``1.5e3`` and ``1e3`` as text (its floats need a dot and a signed
    exponent); their ``e3`` is not a unit, which a tester's rate was told it was.
    """
    try:
        _plain_float(text)
    except ValueError:
        return False
    return True


def number_text_problem(
    text: str, hint: str, *, unit_home: str = "the option names the unit"
) -> str | None:
    """The loader's words for a number typed outside the files that is not a plain one.

    For a command-line option (``ledger request --quantity 100t``, ``1,200``), which said
    only ``'100t' is not a number``: a unit is said with the number to write, a comma as a
    thousands separator or a decimal comma, as a scenario's cell is. ``hint`` says what the
    option takes. None if ``text`` reads as a plain number.

    >>> number_text_problem("100t", "a plain number for --quantity")
    "'100t' has a unit in it: write 100 (a plain number for --quantity, written alone — the option names the unit)"
    >>> number_text_problem("12.5", "a plain number") is None
    True
    """  # noqa: E501
    try:
        _number_from_text(text, hint, unit_home=unit_home)
    except BadValue as bad:
        return str(bad)
    return None


def decimal_from_text(
    text: str, hint: str, *, unit_home: str = "the option names the unit"
) -> Decimal:
    """``text`` as an exact Decimal, else an ArgumentError in :func:`number_text_problem`'s words.

    The one reader of an amount typed outside the files, for the ledger's command-line
    options and its Python API alike: ``Decimal()`` alone took ``1_000`` as 1000 and ``３０``
    or ``١٢`` as 30 and 12, which the scenario loader refuses. ``nan`` and ``inf`` come
    back as such: the caller says whether it takes them.

    >>> decimal_from_text("4.50", "a plain number")
    Decimal('4.50')
    >>> decimal_from_text("1_000", "a plain number")
    Traceback (most recent call last):
    ...
    supplyline.errors.ArgumentError: '1_000' is not a number (a plain number)
    """
    if (problem := number_text_problem(text, hint, unit_home=unit_home)) is not None:
        raise ArgumentError(problem)
    try:
        return Decimal(text.strip())
    except InvalidOperation:  # float() took it, Decimal() did not: a bug to see
        raise ArgumentError(f"{text!r} is not a number ({hint})") from None


def _number_from_text(
    text: str, hint: str, *, whole: bool = False, unit_home: str | None = None, hours: bool = False
) -> float:
    """``text`` as a float, else a BadValue that says what is wrong and what to write.

    ``hours``: the column counts hours, so a time of day (``06:00``) is said as one.

    ``unit_home``: where the unit belongs, for a number with one (a file's column or key,
    by default; an option's help for a number typed on the command line).
    """
    text = text.strip()
    try:
        return _plain_float(text)
    except ValueError:
        pass
    if _other_digits(text):
        raise BadValue(f"{show(text)} has digits other than 0-9: write it with 0-9 ({hint})")
    litres = re.fullmatch(r"[-+]?[\d.]+l", text)  # 5l is five litres: a unit
    if _LOOKALIKE.fullmatch(text) and re.search(r"\d", text) and not litres:
        raise BadValue(
            f"{show(text)} is not a number: a letter O or l where a digit belongs? ({hint})"
        )
    if re.fullmatch(r"[-+]?0(?:[xX][0-9a-fA-F_]+|[bB][01_]+|[oO][0-7_]+)", text):  # 0b11: no unit
        raise BadValue(f"{show(text)} is not a decimal number ({hint})")
    if (with_unit := _NUMBER_WITH_UNIT.fullmatch(text)) and unit_home is not None:
        raise BadValue(
            f"{show(text)} has a unit in it: write {with_unit.group(1)} ({hint}, written "
            f"alone — {unit_home})"
        )
    if with_unit:
        raise BadValue(
            f"{show(text)} has a unit in it ({hint}, written alone — "
            f"the unit is part of the column's or key's name)"
        )
    if _THOUSANDS.fullmatch(text):
        raise BadValue(_thousands_message(text, hint, whole=whole))
    if _SPACED_THOUSANDS.fullmatch(text):
        raise BadValue(_spaced_thousands_message(text, hint))
    if _POINT_THOUSANDS.fullmatch(text):
        plain = text.replace(".", "").replace(",", ".")
        raise BadValue(
            f"{show(text)} has points as thousands separators and a decimal comma: write "
            f"{plain} ({hint}, without thousands separators and a point as decimal separator)"
        )
    if re.fullmatch(r"[-+]?\d+,\d+", text):
        raise BadValue(
            f"{show(text)} has a decimal comma: write {text.replace(',', '.')} "
            f"({hint}, with a point as decimal separator)"
        )
    if (
        form := other_number_form(text, hint, hours=hours)
    ) is not None:  # −23.66, 1'800, €45, 06:00
        raise BadValue(form)
    raise BadValue(f"{show(text)} is not a number ({hint})")


def _thousands_message(text: str, hint: str, *, whole: bool) -> str:
    """The words for a number whose commas may be thousands separators (``1,180``).

    A spreadsheet with thousands separators writes ``1,180`` for 1180; the old hint ("use a
    point as decimal separator") led a tester to type ``1.180`` and silently get 1.18 km.
    With one comma and three digits after it, both readings are said; with more groups
    (``12,345,678``), a decimal point after them (``1,180.5``) or in a column of ``whole``
    numbers (counts, days), only thousands fit.
    """
    plain = text.replace(",", "")
    if text.count(",") == 1 and "." not in text and not whole:
        decimal = repr(float(text.replace(",", ".")))
        return (
            f"{show(text)} has a comma: write {plain} if it is a thousands separator, "
            f"or {decimal} if it is a decimal comma ({hint}, with no thousands separators "
            "and a point as decimal separator)"
        )
    what = "a thousands separator" if text.count(",") == 1 else "thousands separators"
    return f"{show(text)} has {what}: write {plain} ({hint}, without thousands separators)"


def _spaced_thousands_message(text: str, hint: str) -> str:
    """The words for a number grouped by spaces (``8 000``, ``1 180,5``), as French Excel writes.

    A space is never a decimal separator, so only the thousands reading is offered; a comma
    after the groups is then a decimal comma. A no-break or narrow no-break space looks like
    a plain one, so it is named: a tester was shown it as an escape code, with no hint.
    """
    plain = "".join(ch for ch in text if ch not in _SPACES).replace(",", ".")
    odd = _odd_spaces(text)
    if not odd:
        space = "a space"
    elif len(odd) == 1 and " " not in text:
        space = f"a {unicodedata.name(odd[0], 'space').lower()} (U+{ord(odd[0]):04X})"
    else:
        space = f"spaces ({_names(odd)})"
    quoted = repr("".join(" " if ch in _SPACES else ch for ch in text))
    point = " and a point as decimal separator" if "," in text else ""
    return (
        f"{quoted} has {space} as a thousands separator: write {plain} "
        f"({hint}, without thousands separators{point})"
    )


_DEGREES = re.compile(
    r"(?P<pre>[NSEW])?\s*(?P<deg>[0-9]+(?:\.[0-9]*)?)\s*(?P<sign>°|º|deg)?\s*"
    r"(?:(?P<min>[0-9]+(?:\.[0-9]*)?)\s*['′’]\s*)?"
    r"(?:(?P<sec>[0-9]+(?:\.[0-9]*)?)\s*(?:\"|″|''|’’)\s*)?(?P<post>[NSEW])?",
    re.IGNORECASE,
)


def parse_degrees(value: Any, *, hi: float) -> float:
    """A latitude (``hi`` 90) or longitude (``hi`` 180) in decimal degrees.

    Degrees, minutes and a hemisphere letter (``12°06′S``, ``179.5W``) are refused with
    the number to write instead: a tester's were called "not a number" and "a unit in
    it", which said neither how to write one nor that south and west are negative.

    >>> parse_degrees("-12.1", hi=90)
    -12.1
    """
    try:
        return parse_float(value, lo=-hi, hi=hi, unit="degrees")
    except BadValue:
        found = _DEGREES.fullmatch(value.strip()) if isinstance(value, str) else None
        if found is None or not (found["pre"] or found["post"] or found["sign"] or found["min"]):
            raise
    hint = range_hint(-hi, hi, "degrees")
    letters = {(found["pre"] or "").upper(), (found["post"] or "").upper()} - {""}
    number = float(found["deg"]) + float(found["min"] or 0) / 60 + float(found["sec"] or 0) / 3600
    if len(letters) > 1 or letters & ({"E", "W"} if hi == 90 else {"N", "S"}) or number > hi:
        here = ""  # N and S on one value, E/W on a latitude, 100°N: no number to suggest
    else:
        here = f", here {round(-number if letters & {'S', 'W'} else number, 6)!r}"
    raise BadValue(
        f"{show(value)} is not a number in decimal degrees ({hint}): write south and west "
        f"as negative decimal degrees{here or ', e.g. -12.1'}"
    )


def parse_float(
    value: Any, *, lo: float = 0.0, hi: float, unit: str = "", above_lo: bool = False
) -> float:
    """A finite number within ``[lo, hi]`` (or ``(lo, hi]`` with ``above_lo``).

    >>> parse_float(" 12.5 ", hi=100, unit="t")
    12.5
    """
    if isinstance(value, str):  # the common case first, before the hint is worded
        try:
            plain: float | None = _plain_float(value)
        except ValueError:
            plain = None
        if plain is not None and (lo < plain < hi or plain == hi or (plain == lo and not above_lo)):
            return plain + 0.0
    hint = range_hint(lo, hi, unit, above_lo=above_lo)
    if isinstance(value, bool):
        raise BadValue(f"{str(value).lower()} is not a number ({hint})")
    if isinstance(value, float) and math.isnan(value):
        number = value
    elif isinstance(value, int | float):
        number = float(value) if abs(value) < 1e308 else (math.inf if value > 0 else -math.inf)
    elif isinstance(value, str):
        try:
            number = _plain_float(value)
        except ValueError:
            number = _number_from_text(value, hint, hours=unit == "h")
    else:
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if lo < number < hi or (number == hi) or (number == lo and not above_lo):
        return number + 0.0  # -0.0 becomes 0.0, so that files written back look clean
    if math.isnan(number):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if number > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    what = "negative" if number < 0 else ("zero" if number == 0 else "too small")
    raise BadValue(f"{show(value)} is {what} ({hint})")


def parse_int(value: Any, *, lo: int = 0, hi: int, unit: str = "") -> int:
    """A whole number within ``[lo, hi]``; ``12.0`` is accepted, ``12.5`` is not.

    >>> parse_int("1200", hi=10_000_000)
    1200
    """
    hint = whole_hint(lo, hi, unit)
    if isinstance(value, bool):
        raise BadValue(f"{str(value).lower()} is not a number ({hint})")
    if not isinstance(value, int | float | str):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if isinstance(value, int):
        number = float(value) if abs(value) < 10**300 else math.inf
    elif isinstance(value, float):
        number = value
    else:
        number = _number_from_text(value, hint, whole=True)
    if math.isnan(number):
        raise BadValue(f"{show(value)} is not a number ({hint})")
    if number > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    if number < lo:
        raise BadValue(f"{show(value)} is {'negative' if number < 0 else 'too small'} ({hint})")
    if number != int(number):
        grouped = grouped_hint(value) if isinstance(value, str) else ""  # 1.200 people
        raise BadValue(f"{show(value)} is not a whole number{grouped} ({hint})")
    return int(number)


def parse_in_range(allowed: FieldRange) -> Callable[[Any], Any]:
    """The parser of a column whose record field has the range ``allowed``.

    >>> from supplyline.domain.field_ranges import FIELD_RANGES
    >>> parse_in_range(FIELD_RANGES["unit"]["deployment_lift_t"])("120.5")
    120.5
    """
    if allowed.whole:
        return partial(parse_int, lo=int(allowed.lo), hi=int(allowed.hi), unit=allowed.unit)
    return partial(
        parse_float, lo=allowed.lo, hi=allowed.hi, unit=allowed.unit, above_lo=allowed.above_lo
    )


def parse_bool(value: Any) -> bool:
    """``true``/``false`` (also yes/no, 1/0, y/n, on/off, any case)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    guess = ""
    if text is not None:
        word = _OTHER_YES_NO.get(text)
        guess = f"did you mean {word!r}?" if word else did_you_mean(text, _YES_NO_WORDS)
    hint = f"{guess}; " if guess else ""
    raise BadValue(f"{show(value)} is not a yes/no value ({hint}true or false)")


def parse_id(value: Any, what: str = "id") -> str:
    """An identifier: letters, digits and ``_ - . :``, starting with a letter or digit."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BadValue(f"{what} is missing (a short name such as 'depot-1')")
    text = unicodedata.normalize("NFC", value.strip())  # é typed as e + accent is é
    problem = id_problem(text)  # the records' rule and words (supplyline.types)
    if problem is not None:
        raise BadValue(f"{what} {show(text)} {problem}")
    return text


def too_long(what: str, text: str, limit: int) -> str:
    """The words for a text past its limit, with its length: every "too long" says both.

    A tester's 50 MB description was refused as "too long (at most 10,000 characters)",
    without the length, where a name said "(1,000,000 characters; at most 200)".

    >>> too_long("description", "x" * 12_345, 10_000)
    'description is too long (12,345 characters; at most 10,000)'
    """
    return f"{what} is too long ({len(text):,} characters; at most {limit:,})"


def parse_name(value: Any, default: str) -> str:
    """A display name; empty means ``default`` (the id)."""
    if is_blank(value):
        return default
    text = str(value).strip()
    if len(text) > MAX_NAME_LEN:
        raise BadValue(too_long("name", text, MAX_NAME_LEN))
    check_text(text)
    return text


def check_text(text: str) -> None:
    """Reject control characters and lone surrogates, which no file or screen shows well."""
    problem = text_problem(text)
    if problem is not None:
        raise BadValue(f"text {problem}")


def parse_currency(value: Any) -> str:
    """A 3-letter ISO 4217 currency code such as EUR."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) == 3 and text.isascii() and text.isalpha():
        return text.upper()
    raise BadValue(f"{show(value)} is not a currency code (3 letters such as EUR or USD)")


def parse_rate(
    value: Any,
    *,
    hi: float,
    unit: str,
    demand_unit: str | None = None,
    example: str | None = None,
) -> float | str:
    """A rate: a number in ``[0, hi]`` or a planning-factor key (checked later, with the table).

    ``example``: a factor key of the field's own kind, offered in a message (a vehicle's
    fuel rate was offered ``food.wfp.full_ration_net_kg_ppd``); without one, where to
    find the keys is said.

    ``demand_unit``: the commodity's unit, for a consumption rate (``unit`` then says what
    it is counted per, ``kg a person a day``). Its unit is not in the key's name but set
    by ``demand_unit``, so a unit in the value is told that, and the number it means in
    that unit when it is plain (a tester's ``20 g`` heard the unit is in the key's name).
    """
    if isinstance(value, str) and _FACTOR_KEY.fullmatch(value.strip()):
        return value.strip()
    if demand_unit is not None and isinstance(value, str) and not _is_plain(value.strip()):
        written = _NUMBER_WITH_UNIT.fullmatch(value.strip())
        if written and not _LOOKALIKE.fullmatch(value.strip()):
            raise BadValue(_rate_unit_message(value.strip(), written, unit, demand_unit))
    try:
        return parse_float(value, hi=hi, unit=unit)
    except BadValue as error:
        key = f"such as {example}" if example else "(`supplyline factors` lists them)"
        raise BadValue(f"{error} — or a planning-factor key {key}") from None


_IN_DEMAND_UNITS = {
    "kg": {"g": 0.001, "kg": 1.0, "t": 1000.0},
    "t": {"g": 1e-6, "kg": 0.001, "t": 1.0},
    "L": {"ml": 0.001, "cl": 0.01, "l": 1.0, "m3": 1000.0},
}
"""What one of a unit written in a rate's value is in the commodity's demand unit."""


def _rate_unit_message(text: str, written: re.Match[str], hint: str, demand_unit: str) -> str:
    """Why a consumption rate with a unit in its value is refused, and what to write."""
    number, said = written.group(1), written.group(2).strip()
    factor = _IN_DEMAND_UNITS.get(demand_unit, {}).get(said.casefold().rstrip("s"))
    meant = ""
    if factor is not None:
        value = float(number) * factor
        meant = f": {number} {said} is {value:.10g} {demand_unit}, write {value:.10g}"
    return (
        f"{show(text)} has a unit in it (a rate is a number alone, in the commodity's "
        f"demand_unit, {demand_unit}{meant}; {range_hint(0.0, 1e6, hint)})"
    )


def parse_decimal(
    value: Any, *, hi: Decimal, above_zero: bool = False, places: int | None = None
) -> Decimal:
    """An amount of money as an exact Decimal (write it as text or a plain number).

    ``places``: the most decimals it may have (the ledger keeps money to the cent), so
    that ``4200.12345`` is refused with the file's line, as a negative amount is.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise BadValue(f"{show(value)} is not an amount (a number such as 1250.00)")
    text = value.strip() if isinstance(value, str) else str(value)
    hint = f"an amount from {'more than ' if above_zero else ''}0 to {hi:,}"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        if _THOUSANDS.fullmatch(text):  # "1,450.00" as a spreadsheet shows money
            raise BadValue(_thousands_message(text, hint, whole=False)) from None
        if _SPACED_THOUSANDS.fullmatch(text):  # "1 450,00" as French Excel shows money
            raise BadValue(_spaced_thousands_message(text, hint)) from None
        raise BadValue(f"{show(value)} is not an amount (a number such as 1250.00)") from None
    if not amount.is_finite():
        raise BadValue(f"{show(value)} is not a finite amount ({hint})")
    if amount < 0 or (above_zero and amount == 0):
        raise BadValue(f"{show(value)} is {'negative' if amount < 0 else 'zero'} ({hint})")
    if amount > hi:
        raise BadValue(f"{show(value)} is too large ({hint})")
    if places is not None and amount != amount.quantize(quantum := Decimal(1).scaleb(-places)):
        raise BadValue(f"{show(value)} has more decimal places than {quantum} ({hint})")
    return amount
