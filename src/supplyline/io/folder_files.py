"""Which files of an output folder supplyline wrote, so that ``--out`` replaces only those.

A tester's ``plan bil --out data`` (a folder of their own ``stocks.csv``, ``units.csv``, …
without a ``scenario.yaml``) replaced their ``stocks.csv`` with the plan's, exit 0; a
``plan.json`` of their own went the same way. One rule for every folder of files
supplyline writes (``plan``, ``routes``, ``requirements``, ``demo``; the Python API's
writers): a file already there under one of the names being written is replaced only if
supplyline wrote it, as a file option's file is (:mod:`supplyline.io.own_files`).

A folder's files come in groups, each written all together with its summary
(``plan.json``, ``routes.json``, ``requirements.json``), which supplyline knows for its own
by the keys only it writes (:func:`~supplyline.io.earlier_outputs.recorded_origin`, of any
version). So a file of a group is supplyline's when the group's summary in the same folder
is; an empty file holds nothing to lose. Anything else (a link, a file of a group whose
summary is missing or the user's, one that cannot be read) is the user's and is kept:
:func:`check_folder_files` refuses the whole write, naming every such file, unless
``force``. Checked before any work (:func:`supplyline.io.destinations.check_outputs`) and
again just before the files move (:func:`supplyline.io.atomic.atomic_output_dir`): a file
put there during a long plan is kept too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from supplyline.errors import OutputError, require
from supplyline.io.earlier_outputs import OutputGroup, recorded_origin
from supplyline.io.file_names import SCENARIO_FILES
from supplyline.path_errors import output_path

__all__ = ["FORCE_ARGUMENT", "check_folder_files", "users_files"]

FORCE_ARGUMENT = "pass force=True"
"""How a caller of the Python API lets an output replace a file supplyline did not write."""


def _group_of(name: str) -> OutputGroup | None:
    """The group of files ``name`` belongs to (None: no group supplyline writes)."""
    return next((group for group in OutputGroup if name in group.files), None)


def _ours(folder: Path, name: str) -> bool:
    """Whether the file ``name`` in ``folder`` (there, a plain file) is one supplyline wrote."""
    path = folder / name
    if path.is_symlink():  # a rename would replace the link, and the user's aim with it
        return False
    try:
        if path.stat().st_size == 0:
            return True  # nothing to lose
    except OSError:
        return False
    group = _group_of(name)
    return group is not None and recorded_origin(folder, group) is not None


def users_files(folder: str | Path, names: Sequence[str]) -> list[Path]:
    """The files of ``names`` in ``folder`` that supplyline did not write (in ``names``' order).

    Names that are not there, or are a folder or a device (other checks say those), are
    not listed; nor names of no group supplyline writes into a folder (a caller of
    :func:`~supplyline.io.atomic.atomic_output_dir` with files of its own, which it judges).

    >>> users_files("no-such-folder", ["plan.json"])
    []
    """
    folder = Path(folder)
    with output_path(folder):
        if not folder.is_dir():
            return []
        return [
            folder / name
            for name in names
            if _group_of(name) is not None
            and (os.path.islink(folder / name) or (folder / name).is_file())
            and not _ours(folder, name)
        ]


def check_folder_files(
    folder: str | Path,
    names: Sequence[str],
    *,
    force: bool = False,
    force_with: str | None = None,
) -> None:
    """Raise :class:`OutputError` if writing ``names`` into ``folder`` would replace a user's file.

    ``force`` (the user asked to replace them) skips the check; ``force_with`` is how the
    caller's user asks for that, in the message ("give --force", "pass force=True"; None:
    the caller has no such way, and the message offers another folder alone). Every
    such file is named, and nothing is written.
    """
    require(force, bool, "force")  # force="no" would replace the user's files
    _refuse_scenario_folder(Path(folder), names)  # before force: it never may
    if force:
        return
    theirs = users_files(folder, names)
    if not theirs:
        return
    listed = ", ".join(str(path) for path in theirs)
    one = len(theirs) == 1
    it = "it" if one else "them"
    way = f"choose another folder, or {force_with} to replace {it}"
    if force_with is None:
        way = f"move {it} away or choose another folder"
    raise OutputError(
        f"cannot write into {folder}: {listed} {'is a file' if one else 'are files'} "
        f"supplyline did not write (it knows the files it wrote by the {_summaries(theirs)} "
        f"written with them), so replacing {it} would lose {it}; {way} (nothing was written)"
    )


def _refuse_scenario_folder(folder: Path, names: Sequence[str]) -> None:
    """Raise :class:`OutputError` if ``names`` would replace a scenario's own files there.

    Said first, and whatever ``force``: a tester's ``plan ex --out ex`` was told its
    ``stocks.csv`` was a file supplyline did not write, "give --force to replace it",
    and ``--force`` was then refused for a scenario folder.
    """
    with output_path(folder):
        if not (folder / "scenario.yaml").is_file():
            return
    clash = [name for name in names if name in SCENARIO_FILES and (folder / name).exists()]
    if clash:
        raise OutputError(
            f"cannot write into the scenario folder {folder} (it holds scenario.yaml): its "
            f"{', '.join(clash)} would be replaced; choose another folder (nothing was written)"
        )


def _summaries(paths: Sequence[Path]) -> str:
    """The summaries that tell ``paths`` for supplyline's: "plan.json"."""
    groups = [_group_of(path.name) for path in paths]
    names = sorted({group.summary_file for group in groups if group is not None})
    return " or ".join(names) if names else "summary"
