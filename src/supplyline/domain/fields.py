"""The fields of the domain's records checked against their annotations, once per record.

The loader hands the domain values it has parsed; a script hands it whatever it has. A
tester's scenario built in Python planned with ``transit_days=1.5`` (taken as 1), then
wrote a folder the loader refused; ``Location(lat=np.float32(0.3))`` planned, then broke
``write_plan`` (not JSON); ``Scenario(start_date="2025-01-01")`` failed later in date
arithmetic. Here each field's value must be of its annotated kind, and the forms a script
naturally has are taken as that kind: numpy numbers as Python ones, a whole float for an
``int``, an enum's value for its member, a list for a tuple, a set for a frozenset.
Anything else is an :class:`~supplyline.errors.ArgumentError` naming the field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import sys
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum
from numbers import Integral, Real
from typing import Any, TypeVar

from supplyline.domain.choices import choice_problem, read_choice
from supplyline.domain.references import did_you_mean
from supplyline.errors import ArgumentError
from supplyline.types import MAX_NAME_LEN, id_problem, text_problem

__all__ = ["check_fields", "check_value", "named_fields", "number_problem", "whole_number"]

Coerce = Callable[[Any, str], Any]


def _numpy_kinds(*names: str) -> tuple[type, ...]:
    """The scalar types of numpy of these names, or none when numpy is not imported.

    Why: importing numpy here put it into every command's start (``--help`` included);
    and while it is not imported, no value can be one of its numbers.
    """
    numpy = sys.modules.get("numpy")
    return () if numpy is None else tuple(getattr(numpy, name) for name in names)


def check_fields(record: object) -> None:
    """Check (and convert in place) every field of a frozen dataclass ``record``."""
    for name, coerce in _coercers(type(record)):
        value = getattr(record, name)
        taken = coerce(value, name)
        if taken is not value:
            object.__setattr__(record, name, taken)


def check_value(value: Any, hint: Any, what: str) -> Any:
    """``value`` taken as the annotation ``hint`` says, as a record's field is; else ArgumentError.

    For the arguments of the API's calls that are not fields of a record: a tester's
    ``ledger.request(quantity=40)`` failed deep inside with an ``AttributeError``
    ('int' object has no attribute 'is_finite'), ``mode="cash"`` likewise.
    """
    return _coercer(hint)(value, what)


def whole_number(value: object, what: str) -> int:
    """``value`` as an ``int`` if it is an integer (numpy's too); else ArgumentError.

    Stricter than a field's ``int`` (which takes a whole float): a day or an id given as
    ``2.5`` or ``"3"`` is a mistake, not a number to round; ``np.int64(3)`` is an integer
    a script naturally has, and failed as a date offset (``timedelta``) or in JSON.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise _wrong(value, what, "a whole number (int)")
    return int(value)


_COERCERS: dict[type, tuple[tuple[str, Coerce], ...]] = {}


def _coercers(cls: type) -> tuple[tuple[str, Coerce], ...]:
    """Each field's name and check, made once per class (annotations are read once)."""
    found = _COERCERS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        found = _COERCERS[cls] = tuple(
            (f.name, _with_rule(f.name, _coercer(hints[f.name]))) for f in fields
        )
    return found


R = TypeVar("R")


def named_fields(cls: type[R]) -> type[R]:
    """A record class whose unknown keyword is an ArgumentError offering the closest field.

    Python's own words (``__init__() got an unexpected keyword argument 'kindd'``) named
    neither the record nor what was meant. Put above ``@dataclass``; the check runs only
    when the call fails, so a record made right costs one call more.
    """
    init = cls.__init__
    fields = [f for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)
    by_keyword = bool(fields) and all(f.kw_only for f in fields)

    def __init__(self: R, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except TypeError as error:
            if args and by_keyword and not isinstance(error, ArgumentError):
                raise ArgumentError(_keywords_only(cls.__name__, fields[0])) from None
            unknown = [k for k in kwargs if k not in names]
            if not unknown or isinstance(error, ArgumentError):
                raise
            guess = did_you_mean(unknown[0], names)
            raise ArgumentError(
                f"{cls.__name__} has no field {unknown[0]!r} "
                f"({guess + '; ' if guess else ''}its fields: {', '.join(names)})"
            ) from None

    functools.update_wrapper(__init__, init)
    setattr(cls, "__init__", __init__)  # noqa: B010  # mypy refuses an assignment to a method
    return cls


def _keywords_only(name: str, first: dataclasses.Field[Any]) -> str:
    """``PlanParams takes keyword arguments only, e.g. PlanParams(time_limit_s=60.0)``.

    Python's own words (``__init__() takes 1 positional argument but 2 were given``) did
    not say that the record is built by keyword, as every record of supplyline is.
    """
    unset = first.default is dataclasses.MISSING or first.default is None
    value = "…" if unset else repr(first.default)
    return f"{name} takes keyword arguments only, e.g. {name}({first.name}={value})"


ID_FIELDS = frozenset(
    {
        "id", "partner", "home", "destination", "origin", "location", "commodity", "depot",
        "owner", "parties", "commodities", "level", "carries",
    }
)  # fmt: skip
"""Fields that hold an id, or ids (their own, or other records'): the files' id rule."""
NAME_FIELDS = frozenset({"name", "vehicle_type", "services"})
"""Fields that hold text shown as it is, or texts: no control character, no spaces around."""


def _with_rule(name: str, coerce: Coerce) -> Coerce:
    """``coerce``, then the rule the loader holds such a field's text to.

    A script's unit id with a comma, a name with a line break and a name with spaces
    around it were taken, and written as folders that did not load back
    (or loaded back otherwise).
    """
    if name in ID_FIELDS:
        return lambda value, field: _each(_checked_id, coerce(value, field), field)
    if name in NAME_FIELDS:
        return lambda value, field: _each(_checked_name, coerce(value, field), field)
    return coerce


def _each(check: Callable[[str, str], str], value: Any, name: str) -> Any:
    """``check`` the text ``value``, or each text in a tuple or set of them."""
    if isinstance(value, str):
        return check(value, name)
    if isinstance(value, tuple | frozenset):
        items = [check(v, f"{name} member") if isinstance(v, str) else v for v in value]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return type(value)(items)
    return value


def _checked_id(value: str, name: str) -> str:
    """``value`` as the files take an id: NFC-normalised (é typed as e + accent is é).

    A tester's location ``한국`` (NFC) and a unit at ``한국`` (NFD) did not meet, and two
    locations of the two forms planned as two places.
    """
    normal = unicodedata.normalize("NFC", value)
    if (problem := id_problem(normal)) is not None:
        raise ArgumentError(f"{name}(={value!r:.60}) {problem}")
    return value if normal == value else normal


def _checked_name(value: str, name: str) -> str:
    problem = text_problem(value)
    if problem is None and value != value.strip():
        problem = "has spaces at either end (the files drop them)"
    if problem is None and len(value) > MAX_NAME_LEN:
        problem = f"is too long (at most {MAX_NAME_LEN} characters)"
    if problem is not None:
        raise ArgumentError(f"{name}(={value!r:.60}) {problem}")
    return value


def _wrong(value: Any, name: str, what: str) -> ArgumentError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    error = ArgumentError(f"{name}(={shown}) must be {what}, not {type(value).__name__}")
    setattr(error, _WRONG_KIND, True)  # a union then tries its next member
    return error


_WRONG_KIND = "_supplyline_wrong_kind"
"""Marks an ArgumentError about a value's kind (not its value), so a union tries on."""


def _coercer(hint: Any) -> Coerce:  # noqa: C901 (one branch per kind of annotation)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(hint, args)
    if hint is bool:
        return _bool
    if hint is int:
        return _int
    if hint is float:
        return _float
    if hint is str:
        return _of_type(str, "text")
    if hint is dt.date:
        return _date
    if hint is Decimal:
        return _decimal
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if origin is tuple:
        return _tuple(args)
    if origin is frozenset:
        return _frozenset(_coercer(args[0]) if args else _any)
    if origin in (Mapping, dict):
        return _mapping(*(_coercer(a) for a in args)) if args else _of_type(Mapping, "a mapping")
    if isinstance(hint, type):
        return _of_type(hint, f"a {hint.__name__}")
    return _any


def _any(value: Any, _: str) -> Any:
    return value


def _of_type(kind: type, what: str) -> Coerce:
    def check(value: Any, name: str) -> Any:
        if not isinstance(value, kind):
            raise _wrong(value, name, what)
        if kind is str and type(value) is not str:  # a subclass (an enum member): plain text
            return str.__str__(value)  # a tester's broke the YAML writer
        return value

    return check


def _union(hint: Any, args: tuple[Any, ...]) -> Coerce:
    optional = type(None) in args
    members = [_coercer(a) for a in args if a is not type(None)]
    words = " or ".join(_words(a) for a in args if a is not type(None))
    what = words + (" (or None)" if optional else "")

    def check(value: Any, name: str) -> Any:
        if value is None and optional:
            return None
        said: ArgumentError | None = None
        for member in members:
            try:
                return member(value, name)
            except ArgumentError as error:
                if not getattr(error, _WRONG_KIND, False):
                    said = said or error  # the right kind, a wrong value: say what is wrong
        # a nan was told "must be a number (or None), not float": the kind was right
        raise said or _wrong(value, name, what)

    return check


def _words(hint: Any) -> str:
    return {
        bool: "True or False",
        int: "a whole number",
        float: "a number",
        str: "text",
        dt.date: "a date",
        Decimal: "an exact amount (Decimal)",
    }.get(hint, getattr(hint, "__name__", str(hint)))


def _bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, _numpy_kinds("bool_")):  # numpy's (named "bool" in numpy 2)
        return bool(value)
    raise _wrong(value, name, "True or False")


LARGEST = 1e12
"""No count or amount of a record is larger (the files' ranges are smaller still): a
tester's 1e308 cost overflowed in the planner, 10**400 in the conversion to float."""


def _int(value: Any, name: str) -> int:
    if type(value) is not int:
        if isinstance(value, (bool, *_numpy_kinds("timedelta64", "datetime64"))):
            raise _wrong(value, name, "a whole number")
        if isinstance(value, Integral):
            value = int(value)
        elif isinstance(value, Real) and math.isfinite(value) and float(value).is_integer():
            value = int(float(value))
        else:
            raise _wrong(value, name, "a whole number")
    whole: int = value
    if abs(whole) > LARGEST:
        raise ArgumentError(f"{name}(={whole:.3g}) is out of range (at most {LARGEST:.0e})")
    return whole


def _float(value: Any, name: str) -> float:
    if type(value) is not float:
        if isinstance(value, (bool, *_numpy_kinds("timedelta64", "datetime64"))) or not isinstance(
            value, Real
        ):
            raise _wrong(value, name, "a number")
        try:
            value = float(value)
        except OverflowError:
            raise ArgumentError(f"{name} is out of range (at most {LARGEST:.0e})") from None
    number: float = value
    if not math.isfinite(number) or abs(number) > LARGEST:
        raise ArgumentError(
            f"{name}(={number:.3g}) {number_problem(number)} "
            f"(a finite number of at most {LARGEST:.0e})"
        )
    return number


def number_problem(number: float, *, above_zero: bool = False) -> str:
    """What is wrong with a number given for a parameter, in words (or "is out of range").

    >>> number_problem(float("nan")), number_problem(float("-inf")), number_problem(-2.0)
    ('is not a number (nan)', 'is infinite (-inf)', 'is negative')
    """
    if math.isnan(number):
        return "is not a number (nan)"
    if math.isinf(number):
        return f"is infinite ({number})"
    if number < 0:
        return "is negative"
    if number == 0 and above_zero:
        return "is zero"
    return "is out of range"


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _wrong(value, name, "a date (datetime.date)")
    return value


def _decimal(value: Any, name: str) -> Decimal:
    what = "an exact amount (a Decimal, an int, a float, or text such as '4.50')"
    if not isinstance(value, Decimal):
        if isinstance(value, (bool, *_numpy_kinds("timedelta64"))) or not isinstance(
            value, Real | str
        ):
            raise _wrong(value, name, what)
        try:
            value = Decimal(
                value
                if isinstance(value, str)
                else repr(int(value) if isinstance(value, Integral) else float(value))
            )
        except (InvalidOperation, OverflowError, ValueError):
            raise _wrong(value, name, what) from None
    amount: Decimal = value
    if not amount.is_finite():  # how large: the records that hold amounts say (domain.amounts)
        raise ArgumentError(f"{name}(={amount}) must be a finite amount")
    return amount


def _enum(kind: type[Enum]) -> Coerce:
    def check(value: Any, name: str) -> Any:
        if isinstance(value, kind):
            return value
        if issubclass(kind, StrEnum):  # in any case, with a near miss offered, as the CLI
            if isinstance(value, str) and (member := read_choice(kind, value)) is not None:
                return member
            raise ArgumentError(f"{name}(={value!r}) {choice_problem(kind, value)}")
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(str(m.value) for m in kind)
            raise ArgumentError(f"{name}(={value!r}) must be one of {known}") from None

    return check


def _tuple(args: tuple[Any, ...]) -> Coerce:
    if len(args) == 2 and args[1] is Ellipsis:
        each = _coercer(args[0])
        fixed: list[Coerce] | None = None
    else:
        each, fixed = _any, [_coercer(a) for a in args]

    def check(value: Any, name: str) -> Any:
        if not isinstance(value, tuple | list):
            raise _wrong(value, name, "a tuple")
        if fixed is not None:
            if len(value) != len(fixed):
                raise _wrong(value, name, f"a tuple of {len(fixed)}")
            items = [
                c(v, f"{name}[{i}]") for i, (c, v) in enumerate(zip(fixed, value, strict=True))
            ]
        else:
            items = [each(v, f"{name}[{i}]") for i, v in enumerate(value)]
        same = isinstance(value, tuple) and all(a is b for a, b in zip(items, value, strict=True))
        return value if same else tuple(items)

    return check


def _frozenset(each: Coerce) -> Coerce:
    def check(value: Any, name: str) -> Any:
        if isinstance(value, str) or not isinstance(value, frozenset | set | tuple | list):
            raise _wrong(value, name, "a set")
        items = [each(v, f"{name} member") for v in value]
        same = isinstance(value, frozenset) and all(
            a is b for a, b in zip(items, value, strict=True)
        )
        return value if same else frozenset(items)

    return check


def _mapping(key: Coerce, each: Coerce) -> Coerce:
    def check(value: Any, name: str) -> Any:
        if not isinstance(value, Mapping):
            raise _wrong(value, name, "a mapping")
        items = {key(k, f"{name} key"): each(v, f"{name}[{k!r}]") for k, v in value.items()}
        same = all(items[k] is v for k, v in value.items() if k in items)
        return value if same and len(items) == len(value) else items

    return check
