"""The journal of a swap of output files, and the recovery of a swap a killed process left.

:func:`~supplyline.io.atomic.atomic_output_dir` moves finished files into place one rename
at a time, each earlier file of the same name first moved aside under a hidden name. A
process killed outright between two renames (SIGKILL, a power cut) cannot undo them: it
left a folder with some new files, some earlier ones, and the earlier ones' hidden copies
beside them, which no run ever put back.

So before its first rename a swap writes a journal into the target folder
(``.supplyline-swap-<pid>-<hex>-moving``, complete or absent: it is written under another
name and renamed): each file's final path, the new file that goes there and its identity
(device and inode, which a rename keeps), and where the earlier file goes aside. When every
new file is in, renaming the journal to ``…-moved`` is the commit point; then the earlier
files and the stale reports are deleted, and the journal last.

The next write into the same folder (:func:`recover_swaps`, at the start of
:func:`~supplyline.io.atomic.atomic_output_dir`) finds the journal of a process that no
longer runs and:

- **rolls back** one still ``-moving``: every earlier file comes back from aside and every
  new file that had no earlier one is removed (only while it is still that new file, by
  its inode), and so is every new file not moved yet (a report's hidden scratch file
  beside its final name, outside the scratch folder). Back, not forward: the killed run
  never said its files were written, the earlier set is complete and known (nothing
  removes an earlier file before the commit), while the new files not yet moved may be
  gone already (a scratch file of a dead process is cleaned by the next run that writes
  there);
- **finishes** one ``-moved``: every new file is in, only the deletions were left.

Either way the folder then holds one complete set of files, never a mix, and nothing
hidden of the swap (its scratch folder goes too, :func:`~supplyline.io.atomic.atomic_output_dir`);
one warning names the folder. A file found at a final path that is neither the new file nor
missing (put there by hand since) is kept, and so is its earlier copy, with a warning.

A reader of such a folder (``read_plan``) recovers it first too, and refuses a folder with
a swap under way (:func:`unfinished_swaps`): it held a mix of old and new files.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplyline.staged_file import process_running

__all__ = [
    "JournalStep",
    "commit_journal",
    "end_journal",
    "file_id",
    "process_running",
    "recover_swaps",
    "start_journal",
    "unfinished_swaps",
]

log = logging.getLogger(__name__)

_PREFIX = ".supplyline-swap"
_NAME = re.compile(
    rf"{re.escape(_PREFIX)}-(?P<pid>[0-9]+)-[0-9a-f]{{32}}-(?P<state>writing|moving|moved)"
)
FileId = tuple[int, int, int, int]
"""A file's device, inode, size and modification time (ns): what a rename keeps.

The inode alone is not enough: a file removed and written again by hand often gets the
same inode back.
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalStep:
    """One file of a swap: the new file, its final path, and where the earlier one goes."""

    new: Path
    final: Path
    aside: Path | None  # None: final held no file before the swap
    new_id: FileId


def file_id(path: Path) -> FileId | None:
    """``path``'s :data:`FileId` (of a link itself, not what it points to); None if absent."""
    try:
        found = path.lstat()
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def start_journal(
    folder: Path,
    steps: Sequence[JournalStep],
    *,
    remove: Sequence[Path] = (),
    scratch: Path | None = None,
    folders: Sequence[Path] = (),
) -> Path:
    """Write the journal of a swap into ``folder`` (which exists), durably; return its path.

    ``remove`` lists the files the swap deletes once committed (an earlier plan's report),
    ``scratch`` is the folder the new files were written in, ``folders`` those made for
    them or for the swap (removed again, when empty, on a roll back, as a failed write
    removes them). Paths are recorded absolute: the next write may run elsewhere. The new
    files are synced to disk first, so that a power cut after the commit cannot leave a
    final name on an empty file. A journal that cannot be written (a full disk) is removed
    again, and the error goes on.
    """
    for step in steps:
        _sync_file(step.new)
    record = {
        "steps": [
            {
                "new": os.path.abspath(step.new),
                "final": os.path.abspath(step.final),
                "aside": None if step.aside is None else os.path.abspath(step.aside),
                "new_id": list(step.new_id),
            }
            for step in steps
        ],
        "remove": [{"path": os.path.abspath(p), "id": file_id(p)} for p in remove],
        "scratch": None if scratch is None else os.path.abspath(scratch),
        "folders": [os.path.abspath(f) for f in folders],
    }
    stem = f"{_PREFIX}-{os.getpid()}-{uuid.uuid4().hex}"
    writing, moving = folder / f"{stem}-writing", folder / f"{stem}-moving"
    try:
        with writing.open("x", encoding="utf-8") as handle:
            json.dump(record, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(writing, moving)
    except BaseException:
        writing.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return moving


def commit_journal(journal: Path) -> Path:
    """Mark the swap of ``journal`` done (every new file in): the one rename that commits it."""
    moved = journal.with_name(journal.name.removesuffix("-moving") + "-moved")
    os.replace(journal, moved)
    _sync_folder(journal.parent)
    return moved


def end_journal(journal: Path) -> None:
    """Remove ``journal``: its swap is over (done and cleaned up, or undone)."""
    journal.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Record:
    """What a journal records: the steps, the files to remove, the scratch and folders made."""

    steps: list[JournalStep]
    remove: list[tuple[Path, FileId | None]]
    scratch: Path | None
    folders: list[Path]

    @classmethod
    def read(cls, journal: Path) -> _Record:
        """Read ``journal`` (OSError, ValueError, KeyError, TypeError: it is not one)."""
        data: Any = json.loads(journal.read_text(encoding="utf-8"))
        return cls(
            steps=[
                JournalStep(
                    new=Path(s["new"]),
                    final=Path(s["final"]),
                    aside=None if s["aside"] is None else Path(s["aside"]),
                    new_id=_id(s["new_id"]),
                )
                for s in data["steps"]
            ],
            remove=[
                (Path(r["path"]), None if r["id"] is None else _id(r["id"])) for r in data["remove"]
            ],
            scratch=None if data["scratch"] is None else Path(data["scratch"]),
            folders=[Path(f) for f in data["folders"]],
        )


def _id(numbers: Any) -> FileId:
    dev, ino, size, mtime_ns = (int(n) for n in numbers)
    return (dev, ino, size, mtime_ns)


def recover_swaps(folder: Path) -> None:
    """Roll back or finish every swap into ``folder`` whose process was killed (see above).

    A journal of a process still running is left alone (a write under way). Best effort
    where the file system refuses: what cannot be put back or removed stays, and the
    warning says which file is which.
    """
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:  # no such folder yet (or unreadable: the write will say so)
        return
    for name in names:
        found = _NAME.fullmatch(name)
        if found is None or process_running(int(found["pid"])):
            continue
        journal = folder / name
        if found["state"] == "writing":  # never complete, so nothing was moved
            journal.unlink(missing_ok=True)
            continue
        try:
            record = _Record.read(journal)
        except (OSError, ValueError, KeyError, TypeError):
            log.warning(
                "%s: a write into it was stopped halfway, and its journal %s cannot be read; "
                "its hidden files are left as they are",
                folder,
                journal,
                exc_info=True,
            )
            continue
        if found["state"] == "moving":
            kept = _roll_back(record.steps)
            what = "stopped halfway; its earlier files are put back, as they were before it"
        else:
            kept = _finish(record.steps, record.remove)
            what = "stopped after its files were in; its clean-up is finished"
        journal.unlink()
        if record.scratch is not None:
            shutil.rmtree(record.scratch, ignore_errors=True)
        if found["state"] == "moving":
            for made in reversed(record.folders):
                try:
                    made.rmdir()
                except OSError:  # holds something, or was never made: it stays
                    continue
        log.warning(
            "%s: a write into it (process %s) was %s%s",
            folder,
            found["pid"],
            what,
            "" if not kept else " (kept: " + "; ".join(kept) + ")",
        )


def unfinished_swaps(folder: Path) -> list[Path]:
    """The journals of swaps into ``folder`` not over: a write under way, or one not undone.

    For readers: while one is there, the folder may hold a mix of two sets of files.
    """
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:  # no such folder (the reader says so itself)
        return []
    return [folder / name for name in names if _NAME.fullmatch(name)]


def _roll_back(steps: Sequence[JournalStep]) -> list[str]:
    """Put every earlier file back and remove every new one; say what had to stay."""
    kept: list[str] = []
    for step in reversed(steps):
        now = file_id(step.final)
        ours = now is None or now == step.new_id
        try:
            if step.aside is not None and os.path.lexists(step.aside):
                if ours:
                    os.replace(step.aside, step.final)
                else:
                    kept.append(f"{step.final} was changed since, the earlier one is {step.aside}")
            elif step.aside is None and now == step.new_id:
                step.final.unlink()
        except OSError as error:
            kept.append(f"{step.final}: {error.strerror or error}")
        if file_id(step.new) == step.new_id:  # not moved yet: a hidden scratch file left
            try:  # (a report's .plan-<pid>-<hex>.html beside it stayed after a recovery)
                step.new.unlink()
            except OSError as error:
                kept.append(f"{step.new}: {error.strerror or error}")
    return kept


def _finish(
    steps: Sequence[JournalStep], remove: Sequence[tuple[Path, FileId | None]]
) -> list[str]:
    """Delete the earlier files and the stale reports a committed swap left; say what stayed."""
    kept: list[str] = []
    for step in steps:
        if step.aside is not None:
            try:
                step.aside.unlink(missing_ok=True)
            except OSError as error:
                kept.append(f"{step.aside}: {error.strerror or error}")
    for path, known in remove:
        if known is not None and file_id(path) == known:  # still the report it was
            try:
                path.unlink()
            except OSError as error:
                kept.append(f"{path}: {error.strerror or error}")
    return kept


def _sync_file(path: Path) -> None:
    """Flush ``path``'s content to disk (a rename onto a final name must not outrun it)."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk; a file system that cannot sync a folder is let be."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError as error:  # EINVAL: the file system does not sync folders
        log.debug("cannot sync the folder %s: %s", folder, error)
    finally:
        os.close(handle)
