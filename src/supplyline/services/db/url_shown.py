"""How a database URL is shown in a message, a log line or an output: its password hidden.

One function for every place a URL reaches a person. A message that quoted the URL as
given (``cannot use database 'postgresql+psycopg2://sl:secretpw@…'``) printed the
password in clear; the connection errors already hid it. It works on text, not on a
parsed URL, because the URLs that most need saying are those that do not parse
(``…:notaport/ledger``).
"""

from __future__ import annotations

import re

__all__ = ["MASK", "masked_url"]

MASK = "***"
"""What a password is shown as (``sl:***@host``), as SQLAlchemy shows it."""

_USER_AND_PASSWORD = re.compile(r"^(?P<head>[^:/?#@]*://[^:/@]*:)(?P<password>.*)(?P<tail>@)", re.S)
"""``scheme://user:`` then a password up to the *last* ``@``: SQLAlchemy ends it at the
first ``@``, a person who did not escape one may mean the last; hiding up to the last
hides both."""

_NO_SCHEME = re.compile(r"^(?P<head>[^:/?#@]*:)(?P<password>.*)(?P<tail>@)", re.S)
"""``user:password@host`` with its scheme forgotten (not a URL, but said back as typed)."""

_QUERY_PASSWORD = re.compile(r"(?P<head>[?&]password=)(?P<password>[^&]*)", re.I)
"""A password given as a query option (``?password=…``), which psycopg also reads."""


def masked_url(url: str) -> str:
    """``url`` with its password, if it has one, shown as ``***``.

    >>> masked_url("postgresql://sl:secretpw@127.0.0.1:notaport/ledger")
    'postgresql://sl:***@127.0.0.1:notaport/ledger'
    >>> masked_url("postgresql://sl@h/db?password=pw&sslmode=require")
    'postgresql://sl@h/db?password=***&sslmode=require'
    >>> masked_url("sqlite:////tmp/a:b@c.db")
    'sqlite:////tmp/a:b@c.db'
    >>> masked_url("sl:pw@h/db")
    'sl:***@h/db'
    """
    userinfo = _USER_AND_PASSWORD if "://" in url else _NO_SCHEME
    shown = userinfo.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", url, count=1)
    return _QUERY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", shown)
