"""Whether a model file may be written at a path: a file there must be one supplyline wrote.

``write_mps`` and ``plan_movements(mps_path=…)`` replaced any file at their path, while
``plan --mps`` and ``plan_scenario(mps=…)`` refuse a file of the user's unless forced
(:func:`supplyline.io.destinations.check_own_file`): a developer's own ``mine.mps`` was
lost to a script. Every model HiGHS writes for supplyline now begins with the generator
comment line (:data:`GENERATOR_COMMENT`), and a file at the path is replaced only if it
begins so (or is empty), else an :class:`~supplyline.errors.OutputError` before any work,
in the same words as the other writers, unless ``force``.

The line is that of :mod:`supplyline.io.own_files`' ``MPS_MODEL``, kept here as well
because planning may not import io (the two are one layer); the test and its words are
:func:`supplyline.staged_file.refuse_unowned`, which both writers call, and
``tests/planning/test_model_owner.py`` checks that both say the same.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from supplyline import __version__
from supplyline.errors import OutputError, require
from supplyline.staged_file import check_file_path, refuse_unowned, user_path

__all__ = ["GENERATOR_COMMENT", "check_model_target", "put_generator_comment"]

GENERATOR_COMMENT = f"* generator: supplyline {__version__}\n"
"""The comment line (``*`` in column 1, which MPS readers skip) a model file begins with."""
_GENERATOR_LINE = re.compile(r"\* generator: supplyline[ \n]")
_HEAD_CHARS = 4096
_WHAT = "an MPS model"
_LACKS = "its first line is not '* generator: supplyline …'"
_FORCE_WITH = "pass force=True"


def check_model_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise OutputError if ``path`` holds a file that is not a model supplyline wrote.

    Or if it is a folder or not a regular file (:func:`~supplyline.staged_file.check_file_path`).
    An empty file holds nothing to lose; ``force`` (the caller asked to replace it) skips
    the check.

    >>> check_model_target("no-such-folder/model.mps")  # nothing there to lose
    """
    require(force, bool, "force")  # force="no" would replace the user's file
    target = Path(path)
    check_file_path(target)  # a folder, a device: in plan --mps's words, forced or not
    if force or not target.is_file():
        return  # none there
    refuse_unowned(
        target,
        what=_WHAT,
        lacks=_LACKS,
        is_ours=lambda head: _GENERATOR_LINE.match(head) is not None,
        head_chars=_HEAD_CHARS,
        force_with=_FORCE_WITH,
    )


def put_generator_comment(path: Path, note: str | None = None) -> None:
    """Put :data:`GENERATOR_COMMENT` on top of the model file HiGHS wrote at ``path``.

    HiGHS writes no comment of its own; without the line, a re-run of the same
    ``write_mps`` could not tell its own file from the user's. ``note``, a comment line
    of its own (``*`` first, a newline last), goes under it.
    """
    try:
        body = path.read_bytes()
        with path.open("r+b") as handle:
            handle.write((GENERATOR_COMMENT + (note or "")).encode("utf-8") + body)
    except OSError as error:
        raise OutputError(f"cannot write {user_path(path)}: {error.strerror or error}") from None
