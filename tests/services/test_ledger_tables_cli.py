"""The ledger's other tables keep every id, partner and state word whole, at 80 and 160.

A tester saw ``nordrelie/f`` at 160 columns in a ledger table with its rules still drawn;
``orders`` and ``propose`` were mended first. Here ``balance``, ``statement``, ``events``,
``agreements`` and ``show``'s lines run in a process of their own (rich takes COLUMNS as
it starts) on a ledger where orders were requested, issued, received, billed and settled.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from ledger_support import BILATERAL, BILATERAL_AGREEMENT, ledger_cli

EXAMPLE, AGREEMENT, _cli = BILATERAL, BILATERAL_AGREEMENT, ledger_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger with the example's agreement, one order settled in part, one billed, one open."""
    url = f"sqlite:///{tmp_path_factory.mktemp('tables') / 'tables.db'}"
    for partner in ("westmark", "ostravia"):
        _cli(url, "ledger", "agreements", "import", str(EXAMPLE), "--as", partner)
    for _ in range(3):
        _cli(url, "ledger", "request", "--as", "westmark", "--agreement", AGREEMENT,
             "--item", "fuel", "--quantity", "2", "--needed-on", "2025-08-01")  # fmt: skip
    for order in ("1", "2"):
        _cli(url, "ledger", "accept", order, "--as", "ostravia")
        _cli(url, "ledger", "issue", order, "--as", "ostravia", "--quantity", "2")
        _cli(url, "ledger", "receive", order, "--as", "westmark")
        _cli(url, "ledger", "bill", order, "--as", "ostravia")
    _cli(url, "ledger", "settle", "1", "--as", "westmark", "--amount", "1",
         "--note", "part payment, rest next week")  # fmt: skip
    return url


def _words(command: str, listed: object) -> dict[str, list[str]]:
    """Column -> the words of that column the table must show whole (or say it left out)."""
    if command == "show":
        assert isinstance(listed, dict)
        rows, fields = listed["lines"], ["line", "kind", "by"]
    else:
        assert isinstance(listed, list)
        rows = listed
        fields = {
            "balance": ["counterparty", "agreement"],
            "statement": ["order", "agreement", "counterparty", "kind"],
            "events": ["seq", "by", "kind", "agreement"],
            "agreements": ["id", "parties", "currency", "modes"],  # equal_value_exchan/ge
        }[command]
    assert rows  # a table of nothing would prove nothing
    words: dict[str, list[str]] = {f: [] for f in fields}
    for row in rows:
        for f in fields:
            value = row[f]  # JSON gives parties and modes as lists; the table, words
            text = " ".join(value) if isinstance(value, list) else str(value)
            words[f] += [w.strip(",") for w in text.split() if w != "&"]
    return words


@pytest.mark.parametrize("columns", ["80", "160"])
@pytest.mark.parametrize("command", ["balance", "statement", "events", "agreements", "show"])
def test_a_ledger_table_never_breaks_an_id_a_partner_or_a_state(
    db: str, command: str, columns: str
) -> None:
    """No line wider than the terminal; each id, partner and kind whole, or its column said.

    A column left out is named in the "not shown at N columns" line: not broken, not lost.
    """
    args = ["ledger", command, *(["1"] if command == "show" else []), "--as", "westmark"]
    listed = json.loads(_cli(db, *args, "--format", "json"))
    shown = subprocess.run(
        [sys.executable, "-m", "supplyline", *args, "--db", db],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": columns, "USER": "t"},
        timeout=120, check=True,
    )  # fmt: skip
    lines = shown.stdout.splitlines()
    assert max(map(len, lines)) <= int(columns)
    said = [line for line in lines if line.startswith("not shown at")]
    said_text = " ".join(lines[lines.index(said[0]) :]) if said else ""
    tokens = {t.strip(",") for line in lines for t in line.split()}
    for column, words in _words(command, listed).items():
        if column in said_text.split("(")[0]:
            continue  # left out, and said so
        missing = [w for w in words if w not in tokens]
        assert not missing, (column, missing, shown.stdout)


@pytest.mark.parametrize(("columns", "shown"), [("80", "minute"), ("72", "date")])
def test_a_narrow_statement_shows_its_times_shorter_rather_than_leaving_them_out(
    db: str, columns: str, shown: str
) -> None:
    """At 80 columns each line's time reads to the minute in UTC, at 72 its date, said so.

    72, not 70, since money shows its cents in every ledger table: the amount and balance
    columns grew 3 characters each, and at 70 the date goes (said under the table).

    The 25-character time had been left out at 80 ("not shown at 80 columns: ..., at");
    ``--format json`` keeps it whole.
    """
    args = ["ledger", "statement", "--as", "westmark"]
    listed = json.loads(_cli(db, *args, "--format", "json"))
    table = subprocess.run(
        [sys.executable, "-m", "supplyline", *args, "--db", db],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": columns, "USER": "t"},
        timeout=120, check=True,
    ).stdout  # fmt: skip
    times = [dt.datetime.fromisoformat(row["at"]).astimezone(dt.UTC) for row in listed]
    form = "%Y-%m-%dT%H:%MZ" if shown == "minute" else "%Y-%m-%d"
    assert all(len(row["at"]) == 25 for row in listed)  # the machine formats keep every second
    tokens = [t for line in table.splitlines() for t in line.split()]
    assert sum(m.strftime(form) in tokens for m in times) == len(times), table
    said = " ".join(" ".join(table.splitlines()[-2:]).split())
    assert "agreement, at" not in said  # the time is not among the columns left out
    assert ("to the minute, in UTC" if shown == "minute" else "as dates, in UTC") in said
