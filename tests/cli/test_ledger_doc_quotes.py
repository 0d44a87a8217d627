"""What docs/ledger.md quotes of ``ledger agreements --format csv``, the command prints.

A tester ran the quoted command and got every text cell quoted
(``"wm-os-hns-2025","Westmark–Ostravia …"``), as the README says the CSV is written, where
the page showed them bare. The bilateral example's agreement is imported into a scratch
ledger, listed, and the page's block compared with it line for line.
"""

from __future__ import annotations

from pathlib import Path

from cli_helpers import BILATERAL, ROOT
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
COMMAND = "$ supplyline ledger agreements --as ostravia --format csv\n"


def quoted_csv() -> list[str]:
    """The lines docs/ledger.md shows after the command, up to the end of its console block."""
    page = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    start = page.index(COMMAND) + len(COMMAND)
    return page[start : page.index("```", start)].splitlines()


def test_the_block_is_found_whole() -> None:
    """The pattern finds the header and the one agreement's row."""
    lines = quoted_csv()
    assert lines[0].startswith("id,name,parties,")
    assert len(lines) == 2


def test_the_docs_quote_the_agreements_csv_as_printed(tmp_path: Path) -> None:
    """The header and the row the page shows are what the command prints, quotes and all."""
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner()
    imported = runner.invoke(
        app, ["ledger", "agreements", "import", str(BILATERAL), "--as", "westmark", "--db", db]
    )
    assert imported.exit_code == 0, imported.output
    listed = runner.invoke(
        app, ["ledger", "agreements", "--as", "ostravia", "--format", "csv", "--db", db]
    )
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == quoted_csv()
