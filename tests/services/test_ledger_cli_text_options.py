"""``--key``, ``--if-version``, ``--user`` and ``--note``: a mistake is a bad option, exit 2.

A tester (t125) found ``--key ''`` and a key of 201 characters exit 1 with the Python
API's words and a quote cut open (``idempotency_key(='kkkk…kkk) must be 1 to 200
characters``); ``--if-version -1`` taken, to end in a conflict "you expected -1" (exit 5);
a ``--user`` of 150 characters stored, past its column's 100 (PostgreSQL refused the
write, exit 7), and ``--user ''`` silently ``unknown`` where ``--user '   '`` was refused;
an escape sequence or a U+202E kept in a note or a key. Each is refused now as an order
number below 1 is: exit 2, naming the option and its rule, before the ledger is opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import BILATERAL, BILATERAL_AGREEMENT, ledger_run

from supplyline.types import MAX_USER_LEN

REQUEST = ("ledger", "request", "--as", "westmark", "--agreement", BILATERAL_AGREEMENT,
           "--item", "fuel", "--quantity", "2", "--needed-on", "2025-08-01")  # fmt: skip


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite ledger with the example's agreement and order 1, requested."""
    db = tmp_path_factory.mktemp("options") / "ledger.db"
    for step in (("ledger", "agreements", "import", str(BILATERAL), "--as", "westmark"), REQUEST):
        code, _out, err = ledger_run(db, *step)
        assert code == 0, err
    return db


def _events(db: Path) -> int:
    code, out, err = ledger_run(db, "ledger", "events", "--as", "westmark", "--format", "json")
    assert code == 0, err
    return len(json.loads(out))


def _said(err: str) -> str:
    """A message as one line: the box's rules and its line breaks taken out."""
    return " ".join(err.replace("│", " ").split())


ACCEPT = ("ledger", "accept", "1", "--as", "ostravia")


NO_CONTROLS = "on one line, with no control character and no text-direction control"
KEY_RULE = f"an idempotency key is 1 to 200 characters {NO_CONTROLS}"
USER_RULE = f"a user name is 1 to 100 characters {NO_CONTROLS} (leave --user out to use $USER)"
NOTE_RULE = (
    "a note may have several lines and tabs, but no other control character and no "
    "text-direction control (U+202A to U+202E, U+2066 to U+2069)"
)
BAD = {  # what is given, and what is said of it (after "Invalid value for ")
    "key-empty": ((*ACCEPT, "--key", ""), f"'--key': '' is empty: {KEY_RULE}"),
    "key-201": ((*REQUEST, "--key", "k" * 201), f"'--key': '{'k' * 37}…' is 201 characters"),
    "key-bidi": ((*ACCEPT, "--key", "a\u202eb"), "'--key': 'a\\u202eb' has the text-direction"),
    "version-minus-1": (
        (*ACCEPT, "--if-version", "-1"),
        "'--if-version': -1 is below 1: give an order version, a whole number from 1",
    ),
    "version-0": ((*ACCEPT, "--if-version", "0"), "'--if-version': 0 is below 1"),
    "user-empty": ((*ACCEPT, "--user", ""), f"'--user': '' is empty: {USER_RULE}"),
    "user-blank": (
        ("ledger", "balance", "--as", "westmark", "--user", " "),
        f"'--user': ' ' is blank: {USER_RULE}",
    ),
    "user-150": ((*ACCEPT, "--user", "u" * 150), f"'--user': '{'u' * 37}…' is 150 characters"),
    "note-escape": (
        (*ACCEPT, "--note", "a\x1b[31mb"),
        f"'--note': 'a\\x1b[31mb' has the control character U+001B (remove it): {NOTE_RULE}",
    ),
    "note-bidi": (
        ("ledger", "reject", "1", "--as", "ostravia", "--note", "\u202eevil"),
        "'--note': '\\u202eevil' has the text-direction control U+202E",
    ),
}


@pytest.mark.parametrize(("args", "said"), list(BAD.values()), ids=list(BAD))
def test_a_bad_text_option_is_a_bad_option_and_writes_nothing(
    db_file: Path, args: tuple[str, ...], said: str
) -> None:
    """Exit 2 in the option's words, the ledger as it was (order 1 still requested)."""
    before = _events(db_file)
    code, _out, err = ledger_run(db_file, *args)
    assert (code, f"Invalid value for {said}" in _said(err)) == (2, True), err
    assert "Traceback" not in err
    assert _events(db_file) == before
    code, out, _err = ledger_run(db_file, "ledger", "show", "1", "--as", "westmark", "-f", "json")
    assert json.loads(out)["order"]["status"] == "requested"


def test_a_bad_key_is_exit_2_in_json_from_the_command(tmp_path: Path) -> None:
    """As a user runs it, with ``-f json``: the failure on stdout says exit code 2 (it said 1)."""
    env = {**os.environ, "USER": "tester"}
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *REQUEST, "--key", "k" * 201, "-f", "json",
         "--db", f"sqlite:///{tmp_path / 'none.db'}"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    failure = json.loads(done.stdout)
    assert (done.returncode, failure["exit_code"], failure["status"]) == (2, 2, "error")
    assert failure["message"].startswith("Invalid value for '--key': 'kkk")
    assert "…' is 201 characters long" in failure["message"]
    assert not (tmp_path / "none.db").exists()  # refused before the ledger was opened


def _cli(db: str, *args: str) -> str:
    """Stdout of ``python -m supplyline`` on ``db`` (a process: no connection left open)."""
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", *args, "--db", db],
        capture_output=True, text=True, env={**os.environ, "USER": "tester"}, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def test_a_user_and_a_note_within_the_rules_are_kept(db_url: str) -> None:
    """A user as long as the column, and a note of several lines, on SQLite and PostgreSQL."""
    user = "u" * MAX_USER_LEN
    _cli(db_url, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark")
    _cli(db_url, *REQUEST, "--user", user, "--note", "for the bridge\n\tat Kell")
    shown = json.loads(_cli(db_url, "ledger", "show", "1", "--as", "ostravia", "-f", "json"))
    assert shown["order"]["note"] == "for the bridge\n\tat Kell"
    events = json.loads(_cli(db_url, "ledger", "events", "--as", "ostravia", "-f", "json"))
    assert events[-1]["by"] == f"{user}@westmark"
