"""A database URL is said with its password hidden, and a malformed one is a bad option.

A tester's ``--db 'postgresql+psycopg2://sl:secretpw@…'`` printed the password in clear
(``cannot use database '…sl:secretpw@…': No module named 'psycopg2'``), and a port that
is not a number (``…:notaport/ledger``) or an unclosed ``[`` crashed in SQLAlchemy's
``make_url`` (ValueError, a traceback, exit 1, nothing on stdout with ``--format json``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.errors import StorageError, SupplylineError
from supplyline.services.db import URL_VARIABLE, masked_url, url_problem

SECRET = "SECRETpw"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m supplyline`` as a user runs it (the entry point that maps errors)."""
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("driver", ["psycopg2", "asyncpg", "pg8000"])
def test_a_driver_not_supported_is_said_with_the_password_hidden(driver: str) -> None:
    """The failure names the URL as ``sl:***`` and says which drivers are supported."""
    url = f"postgresql+{driver}://sl:{SECRET}@127.0.0.1:55432/ledger"
    done = run("ledger", "balance", "--as", "westmark", "--db", url, "--format", "json")
    failure = json.loads(done.stdout)
    assert (done.returncode, SECRET in done.stdout + done.stderr) == (7, False)
    assert "sl:***@127.0.0.1:55432" in failure["message"]
    assert "supported: " in failure["message"]


BAD_URLS = [
    f"postgresql://sl:{SECRET}@127.0.0.1:notaport/ledger",
    f"postgresql://sl:{SECRET}@[::1/ledger",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_sqlalchemy_cannot_read_is_not_a_database_url(url: str, tmp_path: Path) -> None:
    """``--db`` and the environment alike: exit 2, the documented words, no traceback."""
    by_option = run("ledger", "verify", "--db", url)
    by_setting = run("ledger", "verify", env={URL_VARIABLE: url})
    as_json = run("ledger", "balance", "--as", "westmark", "--db", url, "--format", "json")
    for done in (by_option, by_setting, as_json):
        said = done.stdout + done.stderr
        assert (done.returncode, "Traceback" in said, SECRET in said) == (2, False, False)
        assert "is not a database URL" in " ".join(said.replace("│", " ").split())
    assert json.loads(as_json.stdout)["exit_code"] == 2


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"postgresql://sl:{SECRET}@h/db", "postgresql://sl:***@h/db"),
        (f"postgresql://sl:p@{SECRET}@h/db", "postgresql://sl:***@h/db"),
        (f"postgresql://:{SECRET}@h", "postgresql://:***@h"),
        (f"postgresql://sl@h/db?password={SECRET}", "postgresql://sl@h/db?password=***"),
        ("sqlite:////tmp/a:b@c.db", "sqlite:////tmp/a:b@c.db"),
        ("postgresql://sl@h:5432/db", "postgresql://sl@h:5432/db"),
    ],
)
def test_one_masking_function_hides_the_password_only(url: str, shown: str) -> None:
    """The password goes, whatever the URL's shape; a URL without one is shown as given."""
    assert masked_url(url) == shown


_PIECES = st.sampled_from(["", "x", "%", "%2", "%ZZ", "%40", "@", ":", "/", "[", "]", "?", " "])
_HOSTS = st.sampled_from(["127.0.0.1", "[::1]", "[::1", "::1]", "", "[", "]", "127.0.0.1]"])
_PORTS = st.sampled_from(["", ":", ":1", ":0", ":-1", ":99999", ":notaport", ":1x", ":１２", ": 1"])


@st.composite
def malformed_urls(draw: st.DrawFn) -> str:
    """A PostgreSQL URL with odd ports, brackets, percent-escapes and empty parts."""
    scheme = draw(st.sampled_from(["postgresql", "postgres", "postgresql+psycopg"]))
    user = draw(st.sampled_from(["sl", "", "s%20l"]))
    password = SECRET + draw(_PIECES) + draw(_PIECES)
    database = draw(st.sampled_from(["/ledger", "", "/", "/l%ZZ", "/a?x=1", "/a?password=q"]))
    return f"{scheme}://{user}:{password}@{draw(_HOSTS)}{draw(_PORTS)}{database}"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(url=malformed_urls())
def test_a_malformed_url_is_refused_or_fails_to_connect_never_a_traceback(
    url: str, tmp_path: Path
) -> None:
    """Exit 2 (not a URL) or a clean connection error (exit 7); the password never said."""
    _register_commands()
    result = CliRunner().invoke(
        app, ["ledger", "balance", "--as", "westmark", "--db", url], env={"USER": "tester"}
    )
    failed = result.exception
    if isinstance(failed, SupplylineError):
        code, said = exit_code_for(failed), str(failed)
        assert isinstance(failed, StorageError), said
    elif failed is None or isinstance(failed, SystemExit):
        code, said = result.exit_code, result.stdout + result.stderr
    else:
        raise failed
    assert (code in (2, 7), SECRET in said) == (True, False), said
    problem = url_problem(url, named=URL_VARIABLE)
    assert problem is None or SECRET not in problem
