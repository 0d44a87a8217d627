"""Reports that describe the files an output folder held before: found, to be removed.

A tester wrote ``plan s1 --out ox --report ox/plan.html``, then ``plan bil --out ox``: the
folder held bil's plan files beside s1's report, and a reader opened the wrong plan's
report. Each result that a report describes carries an identity (``plan_id`` in
``plan.json``, ``routes_id`` in ``routes.json``, a digest of its content) and the report
carries the same in a ``<meta>`` tag, beside ``<meta name="generator" content="supplyline
…">``. When new files replace a folder's, a report in that folder whose tag names the
identity of the files being replaced is the earlier files' report: the writer removes it
with the move of the new files (:func:`~supplyline.io.atomic.atomic_output_dir`).

Safe by construction: only an ``.html``/``.htm`` file directly in the folder, written by
supplyline (its generator tag) for exactly the result the folder held (its identity tag
equal to the one in the folder's ``plan.json`` or ``routes.json``), is ever named. A
report of another plan, one put there by hand, an older report without the tag, or the
report this run writes are left alone.

A model written with ``--mps`` is such a file too: a tester's ``plan --out o --mps
o/plan.mps``, then ``plan --out o`` of a changed scenario, removed ``o/plan.html`` and
left ``o/plan.mps``, the earlier plan's model, beside the new plan. The model carries
the same two tags as comment lines at its top (``* generator: supplyline …`` and
``* supplyline-plan: <id>``, :func:`tag_model`), and :func:`earlier_reports` names it
on the same terms: an ``.mps`` file directly in the folder, with both tags.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

from supplyline import __version__
from supplyline.errors import OutputError
from supplyline.io.atomic import user_path

__all__ = [
    "MODEL_GENERATOR_TAG",
    "MODEL_SUFFIXES",
    "REPORT_GENERATOR_TAG",
    "ReportOf",
    "content_id",
    "earlier_reports",
    "identity_comment",
    "identity_meta",
    "recorded_id",
    "tag_model",
    "what_it_was",
]

_HEAD_CHARS = 4096
"""The tags sit in the first lines of a report, the identity in the first of a summary."""
REPORT_GENERATOR_TAG = re.compile(r'<meta name="generator" content="supplyline[ "]')
"""The tag of a report supplyline wrote (in its head), of any plan or routes."""
MODEL_GENERATOR_TAG = re.compile(r"^\* generator: supplyline[ \n]", re.MULTILINE)
"""The comment line a model supplyline wrote begins with (a plan's identity under it)."""
REPORT_SUFFIXES = (".html", ".htm")
MODEL_SUFFIXES = (".mps",)
"""The model files (``--mps``) that carry a plan's identity as comment lines."""


class ReportOf(StrEnum):
    """What a report's identity tag names: a movement plan, or a day's convoy routes."""

    PLAN = "plan"
    ROUTES = "routes"

    @property
    def meta_name(self) -> str:
        """The ``<meta name>`` of the identity tag: ``supplyline-plan``."""
        return f"supplyline-{self.value}"

    @property
    def summary_file(self) -> str:
        """The file of the output folder that records the identity: ``plan.json``."""
        return f"{self.value}.json"

    @property
    def key(self) -> str:
        """The key of the identity in that file: ``plan_id``."""
        return f"{self.value}_id"


def content_id(data: Any) -> str:
    """A short digest of JSON-ready data: the identity of a plan or a day's routes.

    Of the data given: the caller leaves out what differs from run to run (a plan's
    timings, :func:`~supplyline.io.plan_files.plan_id`).

    >>> content_id({"a": 1}) == content_id({"a": 1}) != content_id({"a": 2})
    True
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def identity_meta(of: ReportOf, ident: str) -> tuple[str, str]:
    """The (name, content) of the ``<meta>`` tag that ties a report to what it shows."""
    return of.meta_name, ident


def identity_comment(of: ReportOf, ident: str | None) -> str:
    """The MPS comment lines (``*`` in column 1) that tie a model file to its plan.

    With no ``ident`` (a model kept when no plan was found), the generator line alone:
    a re-run knows the file for one supplyline wrote and replaces it
    (:mod:`supplyline.io.own_files`), and no plan claims it.

    >>> identity_comment(ReportOf.PLAN, "ab12").splitlines()[1]
    '* supplyline-plan: ab12'
    >>> identity_comment(ReportOf.PLAN, None).splitlines()
    ['* generator: supplyline ...']
    """
    generator = f"* generator: supplyline {__version__}\n"
    return generator if ident is None else f"{generator}* {of.meta_name}: {ident}\n"


def tag_model(model: Path, tagged: Path, of: ReportOf, ident: str | None) -> None:
    """Write ``tagged``: the finished model file ``model`` under its identity comment.

    HiGHS writes the model before the solve, and the plan's identity is known only after
    it (None: there is no plan), so the comment is put on top of a copy (MPS readers skip
    ``*`` lines), in place of the generator line the model begins with. The copy is
    flushed to disk and its size compared with the two parts': a full disk raises an
    :class:`~supplyline.errors.OutputError` naming the model asked for.
    """
    header = identity_comment(of, ident).encode("utf-8")
    try:
        with model.open("rb") as source, tagged.open("xb") as copy:
            own = source.readline()  # HiGHS's model has the generator line: the header's
            if MODEL_GENERATOR_TAG.match(own.decode("utf-8", "replace")) is None:
                own = b""
                source.seek(0)
            copy.write(header)
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        expected = len(header) + model.stat().st_size - len(own)
        size = tagged.stat().st_size
    except OSError as error:
        raise OutputError(f"cannot write {user_path(tagged)}: {error.strerror or error}") from None
    if size != expected:
        raise OutputError(
            f"cannot write {user_path(tagged)}: only {size:,} of its {expected:,} bytes were "
            "written (is the disk full?)"
        )


def what_it_was(path: str | Path) -> str:
    """What a file :func:`earlier_reports` named is to its reader: "the report", "the model"."""
    return "the model" if Path(path).suffix.lower() in MODEL_SUFFIXES else "the report"


def _head(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.read(_HEAD_CHARS)
    except OSError:
        return ""


def recorded_id(folder: Path, of: ReportOf) -> str | None:
    """The identity the folder's ``plan.json`` (or ``routes.json``) records, if any."""
    found = re.search(rf'"{of.key}": "([0-9a-f]+)"', _head(folder / of.summary_file))
    return None if found is None else found[1]


def earlier_reports(
    folder: str | Path, of: ReportOf, *, new_id: str, keep: Iterable[str | Path] = ()
) -> list[Path]:
    """The reports (and models) supplyline wrote in ``folder`` of the result new files replace.

    ``new_id`` is the identity of the new files (a report of them stays); ``keep`` the
    paths written in the same run. Nothing is removed here; best effort: what cannot
    be read is not named.
    """
    folder = Path(folder)
    old = recorded_id(folder, of)
    if old is None or old == new_id or not folder.is_dir():
        return []
    kept = {Path(p).resolve() for p in keep}
    tags = {
        suffix: (
            REPORT_GENERATOR_TAG,
            re.compile(rf'<meta name="{re.escape(of.meta_name)}" content="{old}"'),
        )
        for suffix in REPORT_SUFFIXES
    } | {
        suffix: (
            MODEL_GENERATOR_TAG,
            re.compile(rf"^\* {re.escape(of.meta_name)}: {old}$", re.MULTILINE),
        )
        for suffix in MODEL_SUFFIXES
    }
    found = []
    for path in sorted(folder.iterdir()):
        both = tags.get(path.suffix.lower())
        if both is None or path.is_symlink() or not path.is_file():
            continue
        if path.resolve() in kept:
            continue
        head = _head(path)
        if all(tag.search(head) for tag in both):
            found.append(path)
    return found
