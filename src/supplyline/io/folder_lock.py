"""One run at a time writes an output folder: a lock held from its first check to its last move.

Two ``plan --out o`` at once both reported success, though the second one's files had
replaced the first one's (or, their swaps crossing, the folder held some of each). So a
run that writes a folder holds an exclusive, non-blocking ``flock`` on a lock file beside
it (``.o.supplyline-lock`` in ``o``'s parent, where its scratch folder goes too: the folder
itself may not exist yet), taken when the output is first checked, before the long solve,
and released when the run ends: on success, on an error, on Ctrl+C. A second run is
refused at once with the first one's process id (:class:`~supplyline.errors.OutputError`,
nothing written). The system releases an ``flock`` when its process dies, so a run killed
outright (SIGKILL) never blocks the next one; its lock file stays, and the next run takes
it over, with a warning that names the file and the run that left it (a lock file of
another folder's that no run holds, a write into the same parent folder removes, saying
so too).

The lock file is removed on release, while still locked. A run that opened it just before
that holds a lock on a file no longer there, so after locking, a run checks that the path
still names the file it locked (device and inode), and tries again if not. A file of that
name that supplyline did not write is left alone and refused. The lock is reentrant in a
thread (the check and the write of one run both take it); another thread of the same
process is refused as another run is, since an ``flock`` on a second opening of the file
conflicts with the first. Elsewhere than on POSIX systems there is no lock.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from supplyline.errors import OutputError
from supplyline.path_errors import output_path
from supplyline.signals import ctrl_c_held_back

if sys.platform != "win32":
    import fcntl

__all__ = [
    "LOCK_SUFFIX",
    "folder_lock_path",
    "held_output_folder",
    "output_folder_lock",
    "remove_dead_locks",
]

LOCK_SUFFIX = ".supplyline-lock"
"""How a lock file's name ends (``.plan-out.supplyline-lock`` for ``plan-out``)."""

log = logging.getLogger(__name__)

_MARK = "supplyline output-folder lock, held by process "
"""The first words of a lock file: one without them is not supplyline's, and is kept."""

_ATTEMPTS = 8
"""How often a lock is tried when the file was removed under it (a run ending each time)."""


@dataclass(slots=True)
class _Held:
    """A lock this thread holds: its open file and how many holders share it."""

    fd: int
    count: int = 1


_LOCAL = threading.local()


def _held() -> dict[Path, _Held]:
    """The locks this thread holds, by lock file path."""
    held: dict[Path, _Held] | None = getattr(_LOCAL, "held", None)
    if held is None:
        held = _LOCAL.held = {}
    return held


def folder_lock_path(target: str | Path) -> Path:
    """The lock file of output folder ``target``: beside it, or beside its first missing folder.

    The path is resolved first (``--out link`` and ``--out real`` are one folder). Where
    ``target``'s parent does not exist yet, the lock sits in the nearest folder that does,
    named for the first missing one: the folders below are made only at the write.

    >>> folder_lock_path("/no-such-folder/deep/out")
    PosixPath('/.no-such-folder.supplyline-lock')
    """
    real = Path(os.path.realpath(target))
    child, folder = real, real.parent
    while not folder.is_dir() and folder != folder.parent:
        child, folder = folder, folder.parent
    return folder / f".{child.name}{LOCK_SUFFIX}"


@contextmanager
def output_folder_lock(target: str | Path) -> Iterator[None]:
    """Hold the lock of output folder ``target`` while inside; refuse if another run holds it.

    Raises :class:`OutputError` (``out: another supplyline run (pid 4711) is writing this
    folder; …``) without waiting. Nested uses in one thread share the lock.
    """
    if sys.platform == "win32":
        yield
        return
    with output_path(target):
        path = folder_lock_path(target)
    held = _held()
    mine = held.get(path)
    if mine is not None:
        mine.count += 1
    else:
        with output_path(path):
            mine = held[path] = _Held(fd=_acquire(path, target))
    try:
        yield
    finally:
        mine.count -= 1
        if mine.count == 0:
            del held[path]
            _release(path, mine.fd)


@contextmanager
def held_output_folder(target: str | Path | None) -> Iterator[None]:
    """:func:`output_folder_lock` of ``target``, or nothing when there is no output folder.

    For a use-case that checks its outputs, works a long while, then writes: the lock is
    taken after the checks (a path that cannot be written is said in their words) and
    before the work, so that a second run into the folder is refused at once, not after
    its solve. The writer's own lock (:func:`~supplyline.io.atomic.atomic_output_dir`)
    shares it.
    """
    if target is None:
        yield
        return
    with output_folder_lock(target):
        yield


def remove_dead_locks(parent: Path) -> None:
    """Remove from ``parent`` the lock files that runs killed outright left (SIGKILL).

    Only files of a lock's name and words that no run holds: each is locked first, and
    removed while locked, as a run ending removes its own; one held is left. Each removed
    is a warning that names it and the run that left it. Best effort: what cannot be
    listed, opened or removed stays.
    """
    if sys.platform == "win32":
        return
    try:
        names = [name for name in os.listdir(parent) if name.endswith(LOCK_SUFFIX)]
    except OSError:
        return
    for name in names:
        path = parent / name
        if path in _held():
            continue
        try:
            fd = os.open(path, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _names(path, fd) and os.pread(fd, len(_MARK), 0) == _MARK.encode():
                path.unlink()
                log.warning("removed %s, %s", path, _left_by(_holder(fd)))
        except OSError:  # held by a run (BlockingIOError), or not removable: it stays
            log.debug("left the lock file %s", path, exc_info=True)
        finally:
            os.close(fd)


def _acquire(path: Path, target: str | Path) -> int:
    """Lock the file at ``path`` for writing ``target``; return its open descriptor."""
    for _ in range(_ATTEMPTS):
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
        fd = os.open(path, flags, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            pid = f" (pid {holder})" if holder is not None else ""
            raise OutputError(
                f"{target}: another supplyline run{pid} is writing this folder; wait for it "
                "or choose another folder (nothing was written)"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        if _names(path, fd):
            try:
                earlier = _holder(fd)
                _claim(path, fd)
                if earlier is not None and earlier != os.getpid():
                    log.warning("took over the lock file %s, %s", path, _left_by(earlier))
            except BaseException:
                os.close(fd)
                raise
            return fd
        os.close(fd)  # the run before removed it as we opened it: open the new one
    raise OutputError(
        f"{target}: could not lock {path} ({_ATTEMPTS} tries, each time removed by a run "
        "ending); try again"
    )


def _names(path: Path, fd: int) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (not removed or replaced)."""
    try:
        now = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    there = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (there.st_dev, there.st_ino)


def _claim(path: Path, fd: int) -> None:
    """Write this process's id into the locked file, unless it is a file of the user's."""
    earlier = os.pread(fd, len(_MARK), 0)
    if earlier and not earlier.decode("utf-8", "replace").startswith(_MARK):
        raise OutputError(
            f"cannot lock {path}: the file is not one supplyline wrote (it locks output "
            "folders with it); move it away"
        )
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{_MARK}{os.getpid()}\n".encode(), 0)


def _left_by(pid: int | None) -> str:
    """Who left a lock file that no run holds, in a warning's words.

    >>> _left_by(4711)
    'left by supplyline run 4711, which ended without removing it (killed?)'
    """
    run = f"run {pid}" if pid is not None else "a run"
    return f"left by supplyline {run}, which ended without removing it (killed?)"


def _holder(fd: int) -> int | None:
    """The process id written in a locked file (None: not written yet, or not a number)."""
    text = os.pread(fd, 200, 0).decode("utf-8", "replace")
    number = text.removeprefix(_MARK).strip()
    return int(number) if text.startswith(_MARK) and number.isdigit() else None


def _release(path: Path, fd: int) -> None:
    """Remove the lock file (while still locked, so that no run locks it meanwhile) and unlock.

    Closing the descriptor releases the lock; a file that is not ours any more (replaced
    by hand) stays. One that cannot be removed stays with a warning: the run's work is
    done, and the next run takes the file over. Ctrl+C (or SIGTERM) waits until both are
    done: raised between them, it left the lock file of a run that had ended.
    """
    with ctrl_c_held_back():
        try:
            if _names(path, fd):
                path.unlink()
        except OSError:
            log.warning("could not remove the lock file %s", path, exc_info=True)
        finally:
            os.close(fd)
