"""On a ledger with no agreement, every command says that no agreement names the partner.

A liaison officer's ``--as zzz`` on an empty ledger listed empty tables with exit 0 where
the docs promise exit 3 for a partner no agreement names, on every command.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError

SAID = "no agreement in this ledger names 'zzz' (the ledger is empty: import agreements first)"
COMMANDS = [
    ["balance"],
    ["orders"],
    ["statement"],
    ["events"],
    ["agreements"],
    ["show", "1"],
    ["accept", "1"],
    ["request", "--agreement", "a-1", "--item", "fuel", "--quantity", "1"],
]


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger made by ``db upgrade``: its tables, no agreement."""
    url = f"sqlite:///{tmp_path_factory.mktemp('empty') / 'ledger.db'}"
    _register_commands()
    assert CliRunner().invoke(app, ["db", "upgrade", "--db", url]).exit_code == 0
    return url


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_any_partner_on_an_empty_ledger_is_not_found(empty: str, command: list[str]) -> None:
    """Exit 3, in words that say the ledger is empty and what to do; nothing listed."""
    result = CliRunner().invoke(app, ["ledger", *command, "--as", "zzz", "--db", empty])
    error = result.exception
    assert isinstance(error, SupplylineError), (result.stdout, error)  # as main maps it
    assert (exit_code_for(error), str(error), result.stdout) == (3, SAID, "")
