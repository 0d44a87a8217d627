"""Reading the planning parameters from a TOML file: every mistake at its line, as written.

:meth:`PlanParams.from_file <supplyline.planning.params.PlanParams.from_file>` reads
through here. A parameters file is a few lines, so more than :data:`MAX_PARAMS_BYTES`
is a mistake, as is a path that is not a regular file: a tester's ``--params /dev/zero``
read without end (4 GB in 6 s). Its values are said as the file writes them, never in
Python's words: ``1e400`` (not ``inf``), ``07:32:00`` (not ``datetime.time(7, 32)``),
``{a = 1}`` (not ``{'a': 1}``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from supplyline.domain.choices import choice_problem, read_choice
from supplyline.domain.references import did_you_mean
from supplyline.errors import ArgumentError, Issue, ScenarioError, require
from supplyline.path_errors import loop_trouble
from supplyline.planning.toml_lines import key_lines, repeated_key, syntax_place

if TYPE_CHECKING:
    from supplyline.planning.params import PlanParams

__all__ = ["MAX_PARAMS_BYTES", "read_params_file"]

P = TypeVar("P", bound="PlanParams")

MAX_PARAMS_BYTES = 1024 * 1024
"""No parameters file may be larger than this (1 MiB): it holds a dozen keys."""

_SHOWN_CHARS = 60
"""A value longer than this as TOML writes it (a long array) is shown cut, with ``…``."""


class _Written(float):
    """A TOML float that remembers how the file wrote it (``1e400``, ``1e13``, ``inf``)."""

    text: str

    def __new__(cls, text: str) -> _Written:
        """A float read from ``text`` as ``tomllib`` reads it, ``text`` kept."""
        number = super().__new__(cls, text.replace("_", ""))
        number.text = text
        return number


def read_params_file(params: type[P], path: object) -> P:
    """The parameters of the TOML file at ``path`` (see ``PlanParams.from_file``)."""
    require(path, (str, os.PathLike), "the parameters file")  # None: pathlib's TypeError
    name = os.fspath(path)  # type: ignore[call-overload]
    if not isinstance(name, str) or not name.strip():  # "" was read as ".": "Is a directory"
        raise ArgumentError("the parameters file is an empty path: name a TOML file")
    text = _text(name)
    try:
        data: dict[str, Any] = tomllib.loads(text, parse_float=_Written)
    except tomllib.TOMLDecodeError as error:
        what, line, column = syntax_place(str(error))
        overwrite = what.startswith("Cannot overwrite") and line is not None
        twice = repeated_key(text, line) if overwrite and line is not None else None
        if twice is not None:  # tomllib said "Cannot overwrite a value", naming neither
            said = f"key {twice[0]!r} appears twice (keep one; the first is on line {twice[1]})"
            raise _params_error(name, said, line=line) from None
        # the column in words: an issue's column is a key's name (or null) everywhere else
        at = "" if column is None else f" at column {column}"
        raise _params_error(name, f"is not valid TOML{at}: {what}", line=line) from None
    from supplyline.planning.params import Weights  # params imports this module

    found = _ParamsFile(name, text)
    weights = data.pop("weights", {})
    if not isinstance(weights, dict):
        found.bad(f"{_toml(weights)} is {_kind(weights)}, not a table ([weights])", "weights")
        weights = {}
    top = found.top_values(data, params)
    numbers = found.weight_values(weights, Weights)
    found.raise_any()
    try:
        return params(weights=Weights(**numbers), **top)
    except ValueError as error:  # values that are wrong only together
        raise _params_error(name, str(error)) from None


def _text(name: str) -> str:
    """The file's text: a regular file of at most 1 MiB, UTF-8 (a byte-order mark is fine)."""
    try:
        found = os.stat(name)
        if stat.S_ISDIR(found.st_mode):
            raise _params_error(name, "is a folder: name a TOML file of planning parameters")
        if not stat.S_ISREG(found.st_mode):
            raise _params_error(
                name,
                "is not a regular file (a device, a FIFO or a socket): name a TOML file of "
                "planning parameters",
            )
        with open(name, "rb") as file:
            data = file.read(MAX_PARAMS_BYTES + 1)  # no more, whatever stat said
    except OSError as error:
        said = loop_trouble(name, "file") or f"cannot be read: {error.strerror or error}"
        raise _params_error(name, said) from None
    if len(data) > MAX_PARAMS_BYTES:
        raise _params_error(
            name,
            f"is larger than {MAX_PARAMS_BYTES:,} bytes (1 MiB), far more than a parameters "
            "file holds: is it the right file?",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _params_error(name, "is UTF-16 text (save it as UTF-8)")
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as Notepad writes, is dropped
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _params_error(
            name, f"byte 0x{data[error.start]:02x} is not UTF-8 text (save it as UTF-8)", line=line
        ) from None


class _ParamsFile:
    """The mistakes found in a parameters file, each at its key's line, said all at once.

    A tester's file with a bad time limit and an unknown weight heard of the first only.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = key_lines(text)
        self.issues: list[Issue] = []

    def bad(self, message: str, column: str) -> None:
        """Note a mistake at the line of the key ``column`` (``weights.late_per_t_day``)."""
        self.issues.append(
            Issue(file=self.name, line=self.lines.get(column), column=column, message=message)
        )

    def unknown(
        self, table: dict[str, Any], known: set[str], prefix: str, elsewhere: dict[str, str]
    ) -> None:
        """Each key not ``known``, offering the closest (``time_limit``'s ``_s``).

        A key that belongs in the other part of the file is offered there (``elsewhere``
        says how it is written): an auditor's ``target_gap_per_t_day = 500`` at the top,
        outside ``[weights]``, was told only which top-level keys there are.
        """
        for key in table:
            if key not in known:
                guess = did_you_mean(key, known)
                if key in elsewhere:
                    guess = f"did you mean {elsewhere[key]}?"
                listed = ", ".join(sorted(known))
                self.bad(
                    f"unknown key ({guess + '; ' if guess else ''}known: {listed})", prefix + key
                )

    def top_values(self, data: dict[str, Any], params: type[PlanParams]) -> dict[str, Any]:
        """The top-level values that are right, each checked alone (the rest said)."""
        from supplyline.planning.params import Method, Weights

        weights = {f.name: f"[weights] {f.name}" for f in fields(Weights)}
        self.unknown(data, set(_KINDS), "", weights)
        top: dict[str, Any] = {}
        for key, value in data.items():
            kind = _KINDS.get(key)
            if kind is None:
                continue
            if kind is int and _whole_float(value):
                value = int(value)  # 4.0 threads, as --threads 4.0 (docs/planning.md)
            if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
                self.bad(f"{_toml(value)} is {_kind(value)}, not {_KIND_WORDS[kind]}", key)
            elif key == "method" and read_choice(Method, str(value)) is None:
                self.bad(f"{_toml(value)} {choice_problem(Method, value, what='a method')}", key)
            elif self.check(partial(params, **{key: _plain(value)}), key, _toml(value)):
                top[key] = _plain(value)
        return top

    def weight_values(self, weights: dict[str, Any], kind: type) -> dict[str, float]:
        """The ``[weights]`` numbers that are right, each checked alone (the rest said)."""
        known = {f.name for f in fields(kind)}
        top = {key: f"{key} at the top, before [weights]" for key in _KINDS}
        self.unknown(weights, known, "weights.", top)
        numbers: dict[str, float] = {}
        for key, value in weights.items():
            if key not in known:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.bad(f"{_toml(value)} is {_kind(value)}, not a number", f"weights.{key}")
            elif self.check(partial(kind, **{key: _plain(value)}), f"weights.{key}", _toml(value)):
                numbers[key] = float(value)
        return numbers

    def check(self, make: Callable[[], object], column: str, written: str) -> bool:
        """Say what is wrong with one value, as the file writes it (``threads: 0 must be …``)."""
        try:
            make()
        except ValueError as error:
            said = re.fullmatch(r"(?:weights\.)?(\w+)\(=([^)]*)\) (.*)", str(error), re.S)
            if said is None:
                self.bad(str(error), column)
                return False
            why = said.group(3).replace("or None for", "or leave the key out for")
            if not re.search(r"inf", written, re.IGNORECASE):  # 1e400: a number beyond the most
                why = re.sub(r"^is infinite \([^)]*\)", "is out of range", why)
            # "inf is infinite (inf)": the value in brackets says nothing the file did not
            why = re.sub(r"^(is infinite|is not a number) \([^)]*\)", r"\1", why)
            self.bad(f"{written} {why}", column)
            return False
        return True

    def raise_any(self) -> None:
        self.issues.sort(key=lambda i: (i.line is None, i.line or 0))  # as the file reads
        if self.issues:
            raise ScenarioError(self.issues, summary=f"bad planning parameters in {self.name}")


_KINDS: dict[str, type | tuple[type, ...]] = {
    "time_limit_s": (int, float),
    "threads": int,
    "method": str,
    "presolve": bool,
    "prune": bool,
    "scale_objective": bool,
    "block_start": bool,
    "alike_start": bool,
    "explain_top": int,
    "explain_time_s": (int, float),
    "fair_share": bool,
}
"""What each top-level key of a parameters file holds (``[weights]`` holds numbers)."""
_KIND_WORDS: dict[type | tuple[type, ...], str] = {
    (int, float): "a number",
    int: "a whole number",
    str: "text",
    bool: "true or false",
}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _whole_float(value: object) -> bool:
    """Whether ``value`` is a float with nothing after the point (``4.0``, not ``4.5``)."""
    return isinstance(value, float) and value.is_integer()


def _plain(value: Any) -> Any:
    """A float read from the file as a plain float (its text is for messages only)."""
    return float(value) if isinstance(value, _Written) else value


def _kind(value: object) -> str:
    """What a TOML value is, in words: ``a date``, ``a table``, ``an array``."""
    if isinstance(value, bool):
        return "a truth value"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time of day"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a whole number"
    return "a number"


def _toml(value: Any) -> str:
    """A value as TOML writes it, as the file wrote a float (``true``, ``07:32:00``, ``1e400``).

    >>> _toml({"a": [1, True]}), _toml(dt.time(7, 32)), _toml("x")
    ('{a = [1, true]}', '07:32:00', '"x"')
    """
    text = _toml_full(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _toml_full(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Written):
        return value.text
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        written = value.isoformat()
        return written[:-6] + "Z" if written.endswith("+00:00") else written
    if isinstance(value, list):
        return "[" + ", ".join(_toml_full(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{k if _BARE_KEY.fullmatch(k) else json.dumps(k)} = {_toml_full(v)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    return str(value)


def _params_error(
    file: str, message: str, *, line: int | None = None, column: str | None = None
) -> ScenarioError:
    return ScenarioError(
        [Issue(file=file, line=line, column=column, message=message)],
        summary=f"bad planning parameters in {file}",
    )
