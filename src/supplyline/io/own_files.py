"""Telling a file supplyline wrote from one of the user's, by its first lines.

Every option that names one file to write (``plan --report``, ``--mps``, ``routes
--report``, ``ledger statement -o``) replaces a file already there only if supplyline
wrote it (writing the same output again is the point of a re-run) or the user gives
``--force``: a tester's ``plan --report mine.html`` replaced a page of their own without
a word. Each kind of output is known by what it begins with: a CSV by its header line, an
HTML report by its ``<meta name="generator" content="supplyline …">`` tag, an MPS model by
its ``* generator: supplyline …`` comment line (:mod:`supplyline.io.earlier_reports`).
:func:`~supplyline.io.destinations.check_own_file` reads the head and asks the kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from supplyline.io.earlier_reports import MODEL_GENERATOR_TAG, REPORT_GENERATOR_TAG

__all__ = [
    "BENCH_SOLUTION",
    "BENCH_SOLUTION_GENERATOR",
    "MPS_MODEL",
    "REPORT",
    "OwnKind",
    "csv_output",
]

_TAG_CHARS = 4096
"""The generator tag sits in a report's head, in a model's first line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OwnKind:
    """A kind of file supplyline writes, and how one it wrote is recognised.

    ``what`` names it in a message ("a statement"); ``lacks`` says what a file of the
    user's lacks, in parentheses after it; ``head_chars`` is how much of the file's start
    ``is_ours`` needs to see (decoded as UTF-8, a byte-order mark dropped).
    """

    what: str
    lacks: str
    head_chars: int
    is_ours: Callable[[str], bool]


def csv_output(header: str, what: str) -> OwnKind:
    r"""A CSV file supplyline writes: recognised by its header line, exactly.

    >>> kind = csv_output("at,order", "a statement")
    >>> kind.is_ours("at,order\r\n1,2"), kind.is_ours("at,order,x\n")
    (True, False)
    """
    return OwnKind(
        what=what,
        lacks=f"its first line is not {what}'s header",
        head_chars=len(header) + 2,
        is_ours=lambda head: head.splitlines()[0] == header,
    )


REPORT = OwnKind(
    what="a report",
    lacks='it has no <meta name="generator" content="supplyline …"> tag',
    head_chars=_TAG_CHARS,
    is_ours=lambda head: REPORT_GENERATOR_TAG.search(head) is not None,
)
"""An HTML report (``plan --report``, ``routes --report``): either may replace the other's."""

MPS_MODEL = OwnKind(
    what="an MPS model",
    lacks="its first line is not '* generator: supplyline …'",
    head_chars=_TAG_CHARS,
    is_ours=lambda head: MODEL_GENERATOR_TAG.match(head) is not None,
)
"""A model written by ``plan --mps``: its first line names supplyline, with a plan or not."""

BENCH_SOLUTION_GENERATOR = "Generator: supplyline routes-bench"
"""The first line of a solution file ``routes-bench --out`` writes (then the instance and
convention). A key-value line, as VRPLIB solution readers take and ``--bks`` ignores."""

BENCH_SOLUTION = OwnKind(
    what="a routes-bench solution",
    lacks=f"its first line does not begin '{BENCH_SOLUTION_GENERATOR}'",
    head_chars=len(BENCH_SOLUTION_GENERATOR) + 2,
    is_ours=lambda head: head.startswith(BENCH_SOLUTION_GENERATOR),
)
"""A solution written by ``routes-bench --out``: a published ``.sol`` (a best-known
solution beside its instance) is never replaced without ``--force``."""
