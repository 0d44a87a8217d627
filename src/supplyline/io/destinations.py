"""Checking, before any work starts, that outputs can go where the user asked.

A plan can take minutes; learning only at the end that ``--out`` names a file, a folder
nobody may write into, or the scenario's own folder (whose ``stocks.csv`` the plan's
``stocks.csv`` would replace) wastes them, or worse, overwrites the input. The checks
look at the file system as it is; :mod:`supplyline.io.atomic` still turns a failure at
writing time (a disk that filled up meanwhile) into an :class:`OutputError`.

Whether a folder takes new files is tried, not guessed from its permission bits: a
scratch file (named as :mod:`supplyline.io.atomic` names them) is created there and
removed at once. Permission bits say yes to root everywhere, and to anyone on ``/proc``
or a read-only mount, where the first real write fails (after the whole solve).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from supplyline.errors import OutputError, require
from supplyline.io.file_names import SCENARIO_FILES
from supplyline.io.folder_files import FORCE_ARGUMENT, check_folder_files
from supplyline.io.own_files import OwnKind
from supplyline.path_errors import loop_trouble, output_path, refuse_long_names
from supplyline.staged_file import check_file_path, refuse_unowned, scratch_file_for, user_path

__all__ = [
    "FORCE_ARGUMENT",
    "FORCE_OPTION",
    "check_file_target",
    "check_folder_target",
    "check_outputs",
    "check_own_file",
]

FORCE_OPTION = "give --force"
"""How a user of the command line does the same."""


def _nearest_existing(path: Path) -> Path:
    """``path`` itself if it exists, else its closest ancestor that does."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _refuse_dangling_link(target: Path, kind: str) -> None:
    """Raise OutputError if ``target``, or a folder on its path, is a link to nothing or a loop.

    A tester's ``--out dangle`` (a link to a folder that did not exist) failed only after
    the whole solve, with "cannot write dangle: File exists". ``kind`` is what ``target``
    is to be ("folder", "file"); a link on its way is a link to a missing folder.
    """
    loop = loop_trouble(target, kind)
    if loop is not None:  # exists() is False for a loop too: said as a missing folder
        raise OutputError(f"{target}: {loop}")
    for at, path in enumerate((target, *target.parents)):
        if path.is_symlink() and not path.exists():
            what = kind if at == 0 else "folder"
            where = f"{target}: {path} is" if at else f"{target}: it is"
            fix = "make that folder" if what == "folder" else "remove the link"
            raise OutputError(
                f"cannot write {where} a link to a missing {what} ({os.readlink(path)}); "
                f"{fix} or give another path"
            )


def _try_a_file(scratch: Path, target: Path, what: str) -> None:
    """Create ``scratch`` and remove it: raise OutputError about ``target`` if it fails.

    ``what`` says what was tried (``write {target}``, ``write into {target}``). Nothing is
    left behind: the file is removed whatever happens once it exists (Ctrl+C included).
    """
    folder = scratch.parent
    made = False
    try:
        # inside the try: a SIGTERM taken as Ctrl+C on the open's way back had left the
        # file made beside a tester's output (`.out-<pid>-<hex>`)
        with scratch.open("x"):
            made = True
    except OSError as error:
        if isinstance(error, PermissionError):
            raise OutputError(f"cannot {what}: no permission to write into {folder}") from None
        reason = error.strerror or str(error)
        raise OutputError(f"cannot {what}: {folder} takes no new files ({reason})") from None
    finally:
        if made or sys.exc_info()[0] is KeyboardInterrupt:  # made, or maybe made
            scratch.unlink(missing_ok=True)


def _writable_folder_above(target: Path) -> None:
    """The folder that will receive ``target`` (or make its missing folders) must take files."""
    refuse_long_names(target)  # its missing folders would be made before the name failed
    base = _nearest_existing(target.parent)
    if not base.is_dir():
        raise OutputError(f"cannot write {target}: {base} is a file, not a folder")
    # a writer handed a scratch file probes it too: named as the user's (a full disk)
    _try_a_file(scratch_file_for(target), target, f"write {user_path(target)}")


def check_folder_target(target: str | Path) -> None:
    """Raise :class:`OutputError` unless files can be written into folder ``target``.

    The folder may exist (files of other names in it are kept) or not (it is created in
    its nearest existing parent). The files are made beside it and moved into it, so a
    file is tried in both.
    """
    if not str(target).strip():  # "" is the current folder to pathlib; found only at the end
        raise OutputError("the output folder is an empty path: name a folder")
    with output_path(target):
        _check_folder_target(Path(target))


def _check_folder_target(target: Path) -> None:
    """:func:`check_folder_target`, whose OSErrors (a name too long) its caller says."""
    _refuse_dangling_link(target, "folder")
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write into {target}: it is a file, not a folder")
    if target.is_dir():
        _try_a_file(scratch_file_for(target / "probe"), target, f"write into {target}")
    _writable_folder_above(target)


def check_file_target(target: str | Path) -> None:
    """Raise :class:`OutputError` unless file ``target`` can be written (or replaced).

    Nor may it replace a file of a scenario folder (one beside a ``scenario.yaml``).
    """
    with output_path(target):
        _check_file_target(Path(target))


def _check_file_target(target: Path) -> None:
    """:func:`check_file_target`, whose OSErrors (a name too long) its caller says."""
    _refuse_dangling_link(target, "file")
    check_file_path(target)  # a folder, a device: in write_mps's words too
    if target.name in SCENARIO_FILES and (target.parent / "scenario.yaml").is_file():
        raise OutputError(
            f"cannot write {target}: it would overwrite the {target.name} of the scenario "
            f"in {target.parent}; choose another path"
        )
    _writable_folder_above(target)


def check_outputs(
    scenario_folder: str | Path,
    folder: tuple[str, str | Path, Sequence[str]] | None = None,
    files: Mapping[str, str | Path | None] | None = None,
    *,
    force: bool = False,
    force_with: str | None = FORCE_ARGUMENT,
) -> None:
    """Raise :class:`OutputError` unless every output can be written without a clash.

    ``folder`` is (what it holds, the output folder, the names written into it), e.g.
    ("the plan files", out, PLAN_FILES); ``files`` maps what a single file is ("the
    report") to its path, or None when not asked for. No output may land in the scenario
    folder in place of one of its files, nor two outputs on one path.
    """
    written: dict[Path, str] = {}

    def claim(name: str, path: Path) -> None:
        real = Path(os.path.realpath(path))
        if real.parent == scenario and real.name in SCENARIO_FILES:
            raise OutputError(
                f"{name} would overwrite the scenario's own {real.name} ({path}): "
                "choose another path"
            )
        if real.name in SCENARIO_FILES and (real.parent / "scenario.yaml").is_file():
            raise OutputError(  # a tester's --out was another scenario's folder
                f"{name} would write the {real.name} of the scenario in {real.parent} "
                f"({path}): choose another path"
            )
        if real in written:
            raise OutputError(f"{name} and {written[real]} would both be {path}: choose another")
        written[real] = name

    scenario = Path(os.path.realpath(scenario_folder))
    if folder is not None:
        name, out, names = folder
        check_folder_target(out)
        if Path(os.path.realpath(out)) == scenario:
            raise OutputError(
                f"{name} would go into the scenario folder {out} itself: choose another folder"
            )
        claim(f"the folder of {name}", Path(out))
        for file_name in names:
            claim(name, Path(out) / file_name)
            if (Path(out) / file_name).is_dir():  # found only once the work was done
                raise OutputError(
                    f"cannot write {Path(out) / file_name}: it is a folder (nothing was "
                    "written); move it away or choose another output folder"
                )
        check_folder_files(out, names, force=force, force_with=force_with)
    for name, path in (files or {}).items():
        if path is not None:
            check_file_target(path)
            claim(name, Path(path))


def check_own_file(
    target: str | Path, kind: OwnKind, *, force: bool = False, force_with: str = FORCE_ARGUMENT
) -> None:
    """Raise :class:`OutputError` if ``target`` holds a file that is not one ``kind`` we wrote.

    A file supplyline wrote of that kind (a CSV by its header line, a byte-order mark
    before it or not; a report or a model by its generator tag,
    :mod:`supplyline.io.own_files`): replacing it is writing the same output again. An
    empty file holds nothing to lose. Any other file is the user's: a tester's ``ledger
    statement -o plan.json`` replaced a plan file with a statement, and ``plan --report
    mine.html`` a page of their own, without a word; so did ``write_plan_report`` and
    ``plan_scenario(report=…)`` from Python. ``force`` (the user asked to replace it)
    skips the check; ``force_with`` is how the caller's user asks for that, in the
    message: :data:`FORCE_ARGUMENT` from Python, :data:`FORCE_OPTION` on the command line.
    """
    require(force, bool, "force")  # force="no" would replace the user's file
    if force:
        return
    target = Path(target)
    with output_path(target):
        there = target.is_file()
    if not there:
        return  # none there (or a folder, a device: check_file_target says so)
    refuse_unowned(
        target,
        what=kind.what,
        lacks=kind.lacks,
        is_ours=kind.is_ours,
        head_chars=kind.head_chars,
        force_with=force_with,
    )
