"""The one exception tree of supplyline.

A user's mistake is a typed exception with a message made for a person; a bug is a bug
(any other exception). Each face maps this tree to its own codes in one place.

::

    SupplylineError
    ├── ScenarioError (ValueError)   bad input; carries every Issue found, with file/line/column
    ├── NotFoundError (LookupError)  an id or file that does not exist
    ├── ConflictError                concurrent or repeated ledger action
    ├── PermissionDenied             a partner acting outside its scope
    ├── SolverError                  the solver failed (not "no solution")
    └── StorageError                 database failures, wrapped at the services boundary
        ├── DamagedDataError         a stored value supplyline could not have written
        ├── CommitUnknownError       the commit itself failed: the write may have been kept
        ├── NotALedgerError          a database of someone else's tables, not a ledger
        └── DamagedLedgerError       a ledger missing tables (or its revision) of its schema

"Infeasible" is not an error: a plan that falls short says so in its data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")

__all__ = [
    "ArgumentError",
    "CommitUnknownError",
    "ConflictError",
    "DamagedDataError",
    "DamagedLedgerError",
    "Issue",
    "NotALedgerError",
    "NotFoundError",
    "OutputError",
    "PermissionDenied",
    "ScenarioError",
    "Severity",
    "SolverError",
    "StorageError",
    "SupplylineError",
    "quoted",
    "require",
    "require_callable",
    "require_list",
]


class Severity(StrEnum):
    """How bad a finding is: errors stop a load, warnings are reported and let it pass."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One finding about user input, located as precisely as we can.

    ``line`` is 1-based and counts the header of a CSV file as line 1, so that it matches
    what a spreadsheet or an editor shows. ``column`` is the column (header) name for CSV
    files and the dotted key path for YAML files.
    """

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        col = f" {self.column}:" if self.column else ""
        tag = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{col}{tag} {self.message}"


class SupplylineError(Exception):
    """Base of every error that supplyline raises on purpose."""


class ScenarioError(SupplylineError, ValueError):
    """The user's input is wrong; ``issues`` holds every problem found, not just the first."""

    def __init__(self, issues: list[Issue] | tuple[Issue, ...], *, summary: str | None = None):
        self.issues: tuple[Issue, ...] = tuple(issues)
        errors = [i for i in self.issues if i.severity is Severity.ERROR]
        head = summary or f"{len(errors)} error(s) in the input"
        super().__init__(head + "".join(f"\n  {i}" for i in self.issues))
        self.summary = head


class ArgumentError(SupplylineError, ValueError, TypeError):
    """A value given through the Python API is out of its range or of the wrong kind.

    The API's counterpart of a :class:`ScenarioError` for one value: ``PlanParams(threads=0)``,
    ``Unit(priority=10)``, a report's ``max_unit_panels=-1``, a path where a Scenario goes.
    It is a ``ValueError`` and a ``TypeError`` too, as these were before: an API user's
    ``except SupplylineError`` missed them all.
    """


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters with its quote still closed.

    ``f"{key!r:.60}"`` cut the quote itself, ``idempotency_key(='kkkk…kkk) must be …``:
    read as a quote never closed.

    >>> quoted("k" * 201, 8), quoted("req-1")
    ("'kkkkk…'", "'req-1'")
    """
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[0]


def require(value: object, kind: type | tuple[type, ...], what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is a ``kind``, naming ``what`` it is.

    For the API's front doors: a path where a Scenario goes failed three calls deep with an
    ``AttributeError`` ('str' object has no attribute 'units').
    """
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        article = "an" if names[0] in "AEIOU" else "a"
        raise ArgumentError(
            f"{what} must be {article} {names}, not {type(value).__name__} {value!r:.60}"
        )


def require_callable(value: object, what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is None or can be called.

    For the callbacks the use-cases take (``progress``, ``on_warnings``): ``progress=5``
    failed as a bare ``TypeError`` ('int' object is not callable) once the work began.
    """
    if value is not None and not callable(value):
        raise ArgumentError(
            f"{what} must be a function (or None), not {type(value).__name__} {value!r:.60}"
        )


def require_list(value: object, kind: type[T], what: str) -> list[T]:
    """``value`` (a list, tuple or other iterable) as a list of ``kind``; else ArgumentError.

    One record, None, text or a mapping in place of the list is refused whole, and each
    item is checked before any is used: a tester's ``[agreement, None]`` stored the first,
    then failed (half an import).
    """
    if isinstance(value, kind | str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"{what} must be a list of {kind.__name__}, not {type(value).__name__} {value!r:.60}"
        )
    taken = list(value)
    for i, item in enumerate(taken):
        require(item, kind, f"{what}[{i}]")
    return taken


class NotFoundError(SupplylineError, LookupError):
    """Something the user named (an id, a file, an order) does not exist."""


class ConflictError(SupplylineError):
    """A ledger action collided with another one, or repeats one that already happened."""


class PermissionDenied(SupplylineError):
    """A partner tried to see or do something outside its scope."""


class SolverError(SupplylineError):
    """The solver itself failed (crashed, or returned no usable status) — not "no solution"."""


class OutputError(SupplylineError):
    """An output cannot go where the user asked.

    A file where a folder is needed, no permission to write, or a path that would
    overwrite the scenario or another output.
    """


class StorageError(SupplylineError):
    """The database failed; wrapped at the services boundary so faces need not know SQL."""


class DamagedDataError(StorageError):
    """The database holds a value supplyline could not have written (edited outside it).

    A command that meets one stops and names it (``order 3's value 'abc' is not an
    amount``) rather than failing on it with a traceback; ``ledger verify`` reports it
    as tampering.
    """


class CommitUnknownError(StorageError):
    """The database failed in the commit itself: whether it kept the write is not known.

    A failure before the commit leaves nothing written (the transaction is rolled back);
    a connection lost while the commit is on its way may have lost the commit or only its
    answer, so the caller says how to find out rather than "nothing was written".
    """


class NotALedgerError(StorageError):
    """The database given as the ledger holds tables of its own and is not a ledger.

    Someone's own SQLite file or PostgreSQL database, given by mistake: a ledger command
    made its tables among theirs (a SQLite file was changed even by a command that only
    reads, which set its journal mode). It is refused before anything writes to it.
    """


class DamagedLedgerError(StorageError):
    """A ledger whose schema is incomplete: tables (or columns) of its revision are missing.

    A table dropped, or the revision table, outside supplyline: a command that only read
    failed on the first missing table with the database's own words, naming no file, and
    one that writes wrote into it. It is refused before anything reads or writes it, with
    what is missing and what to do (restore it from a backup).
    """


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl+C pressed while the finished files were moved into place.

    The move is not interrupted (that would leave old and new files side by side): the
    press takes effect once every file is in place, as this interrupt, so that the
    command can say that its files were written.
    """
