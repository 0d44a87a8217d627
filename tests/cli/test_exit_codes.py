"""The exit code of each of supplyline's errors, as the README's table gives them.

A value the Python API refuses (:class:`~supplyline.errors.ArgumentError`) reaches the API
from the CLI only as typed: a bad option, or options that exclude each other, exit 2 as
Typer's own are. ``routes --plan P --from-demand`` had exited 1, a code the README gave to
no mistake of the user's.
"""

from __future__ import annotations

import pytest

from supplyline.cli.errors import EXIT_CODES, exit_code_for
from supplyline.errors import (
    ArgumentError,
    ConflictError,
    DamagedDataError,
    NotFoundError,
    OutputError,
    ScenarioError,
    StorageError,
    SupplylineError,
)
from supplyline.services.ledger.errors import LedgerRuleError


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ArgumentError("a plan file and from_demand exclude each other"), 2),
        (ScenarioError([]), 2),
        (NotFoundError("no plan file"), 3),
        (LedgerRuleError("over the ceiling"), 5),
        (ConflictError("already there"), 5),
        (StorageError("cannot open"), 7),
        (OutputError("cannot write"), 8),
        (DamagedDataError("edited cell"), 9),
        (SupplylineError("anything else"), 1),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v),
)
def test_each_error_ends_with_its_documented_code(error: SupplylineError, code: int) -> None:
    assert exit_code_for(error) == code


def test_no_error_class_is_shadowed_by_an_earlier_one() -> None:
    """Each class maps to its own code: none is a subclass of one listed before it."""
    classes = list(EXIT_CODES)
    for i, cls in enumerate(classes):
        for earlier in classes[:i]:
            assert not issubclass(cls, earlier) or EXIT_CODES[cls] == EXIT_CODES[earlier], (
                cls,
                earlier,
            )
