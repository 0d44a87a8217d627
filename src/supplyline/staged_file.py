"""One output file written under a hidden scratch name, renamed onto its path when whole.

Shared by the output writers (:mod:`supplyline.io.atomic`) and the model writer
(:meth:`supplyline.planning.highs.HighsSession.write_mps`), which may not import each
other: ``write_mps`` wrote straight onto its path, and a full disk left a cut-off model
in place of the user's earlier one, where ``plan --mps`` kept it. Its own layer, under
``domain`` and over ``errors``: it knows nothing of an operation.

A scratch name carries the writer's process id (``.model-4711-<hex>.mps`` for
``model.mps``). A process killed outright cannot clean up, so the next write to the same
target removes the scratch of that target left by a process that no longer runs, with a
warning that names it (a user who finds a hidden file gone, or a disk's space back, learns
why); nothing else is touched.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import OutputError
from supplyline.path_errors import output_path, refuse_long_names

__all__ = [
    "SCRATCH_MARKER",
    "check_file_form",
    "check_file_name",
    "check_file_path",
    "mark_scratch_folder",
    "move_into_place",
    "nearest_folder",
    "process_running",
    "refuse_unowned",
    "remove_dead_scratch",
    "remove_dead_scratch_folders",
    "said_by_the_file_system",
    "scratch_file_for",
    "scratch_name",
    "staged_file",
    "stands_for",
    "user_path",
]

log = logging.getLogger(__name__)

_STANDS_FOR: dict[Path, Path] = {}
"""Each scratch file or folder this process made, and the path the user asked for.

So that an error names ``plan.html``, not ``.plan-2012-175b….html``: a tester's full disk
named the hidden scratch file a report writer was handed (it stages its own file too)."""
_REMEMBERED = 256
"""The most scratch names remembered (a server plans many times; a command, a few)."""


def stands_for(scratch: Path, target: Path) -> None:
    """Remember that ``scratch`` is staged for ``target`` (the oldest forgotten past a few)."""
    _STANDS_FOR[scratch] = target
    while len(_STANDS_FOR) > _REMEMBERED:
        del _STANDS_FOR[next(iter(_STANDS_FOR))]


def user_path(path: str | Path) -> Path:
    """The path the user asked for that ``path`` is staged as, else ``path`` itself.

    A scratch file (:func:`scratch_file_for`), a file in a scratch folder
    (:func:`supplyline.io.atomic.atomic_output_dir`), a scratch made for a scratch: each
    named by its target.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     asked = Path(tmp).resolve() / "plan.html"
    ...     user_path(scratch_file_for(scratch_file_for(asked))) == asked
    True
    """
    seen = Path(path)
    for _ in range(8):  # a scratch of a scratch, never a cycle
        for at, folder in enumerate((seen, *seen.parents)):
            target = _STANDS_FOR.get(folder)
            if target is not None:
                seen = target.joinpath(*seen.parts[len(seen.parts) - at :])
                break
        else:
            return seen
    return seen


def check_file_path(target: str | Path) -> None:
    """Raise OutputError if ``target`` is a folder, or there but not a regular file.

    One check and one message for every file writer, before any work: ``write_mps`` aimed
    at a folder named ``d.mps`` blamed a full disk after the model was built, where
    ``plan --mps`` said it is a folder. A rename onto a device node (``/dev/null``, as
    root) would replace it with a plain file.

    >>> check_file_path("no-such-folder/model.mps")
    """
    target = Path(target)
    with output_path(target):
        refuse_long_names(target)  # below a missing folder, stat says "no such file"
        folder, there, regular = target.is_dir(), target.exists(), target.is_file()
    if folder:
        raise OutputError(f"cannot write the file {target}: it is a folder")
    if there and not regular:
        raise OutputError(f"cannot write {target}: it is not a regular file (a device or a pipe)")


def check_file_name(
    path: str | os.PathLike[str], kind: str, suffixes: Sequence[str], example: str
) -> None:
    """Raise OutputError unless ``path`` names a file of ``kind``: a folder first, then the ending.

    One rule for the Python calls and the options (``--report``, ``--mps``): a path typed
    with a closing slash is a folder path, said with the slash kept and ``example`` as the
    file name to give (``mps/ is a folder path: give a file name, e.g. mps/plan.html``); a
    folder that is there is one (:func:`check_file_path`); only then may the name's ending
    be wrong (``{kind} must end in .html or .htm, not 'plan.json'``). A tester's ``--report
    mps/`` was told its name must end in .html, not 'mps'. Case does not matter.

    >>> check_file_name("out/model.MPS", "an MPS file name", (".mps",), "model.mps")
    >>> check_file_name("out/", "an MPS file name", (".mps",), "model.mps")
    Traceback (most recent call last):
    ...
    supplyline.errors.OutputError: out/ is a folder path: give a file name, e.g. out/model.mps
    """
    _refuse_folder_path(path, example)
    check_file_path(Path(path))
    _require_suffix(path, kind, suffixes)


def check_file_form(
    path: str | os.PathLike[str], kind: str, suffixes: Sequence[str], example: str
) -> None:
    """Raise OutputError if ``path`` as typed cannot name a file of ``kind``; the options' check.

    :func:`check_file_name` less what the file system says of the path: a folder typed as
    one (the closing slash) and a wrong ending are mistakes in the option's value (exit 2,
    as Typer says them); a path the file system refuses (a folder there, a device, a folder
    on its way that may not be searched, a name too long, a link loop) is an output that
    cannot go where asked, said by the command's check before any work
    (:func:`supplyline.io.destinations.check_file_target`, exit 8, as ``--out``'s). A
    tester's ``--report`` into an unsearchable folder, or onto ``/dev/full``, exited 2
    ("Invalid value") where the same fault of ``--out`` exited 8. The ending of such a
    path is not judged: ``--report mps`` (a folder) is a folder, not a name without .html.

    >>> check_file_form("out/model.mps", "an MPS file name", (".mps",), "model.mps")
    >>> check_file_form("out/model.lp", "an MPS file name", (".mps",), "model.mps")
    Traceback (most recent call last):
    ...
    supplyline.errors.OutputError: an MPS file name must end in .mps, not 'model.lp'
    """
    _refuse_folder_path(path, example)
    if not said_by_the_file_system(path):
        _require_suffix(path, kind, suffixes)


def said_by_the_file_system(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is there but not a regular file, or a path the system will not look at.

    Either is said by :func:`check_file_path` (a folder, a device such as ``/dev/full``,
    exit 8), or by the path's own OSError in its words
    (:func:`supplyline.path_errors.output_path`: permission, a name too long, a loop),
    before the name's ending matters. A path not there yet is not, nor a regular file:
    its name is all there is to judge.

    >>> said_by_the_file_system("no-such-folder/plan.json"), said_by_the_file_system(".")
    (False, True)
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError:  # not dropped: the command's check before any work raises it, said
        return True
    return not stat.S_ISREG(found.st_mode)


def _refuse_folder_path(path: str | os.PathLike[str], example: str) -> None:
    """Raise OutputError for a path typed with a closing slash: a folder path, said as one."""
    if isinstance(path, str) and path.endswith(("/", os.sep)):  # Path() drops the slash
        folder = path.rstrip("/" + os.sep) or "/"
        raise OutputError(
            f"{path} is a folder path: give a file name, e.g. {Path(folder) / example}"
        )


def _require_suffix(path: str | os.PathLike[str], kind: str, suffixes: Sequence[str]) -> None:
    """Raise OutputError unless ``path``'s name ends in one of ``suffixes`` (any case).

    A name that is only the ending (``.mps``) has no suffix to Python, a hidden file's
    name: it is told to put a name before the ending. A tester's ``--mps .mps`` was told
    the name must end in .mps, not '.mps'.

    >>> _require_suffix("out/.MPS", "a name", (".mps",))
    Traceback (most recent call last):
    ...
    supplyline.errors.OutputError: a name must end in .MPS with a name before it, e.g. ...
    """
    name = Path(path).name
    if name.lower() in suffixes:
        raise OutputError(
            f"{kind} must end in {name} with a name before it, e.g. plan{name}, not {name!r}"
        )
    if Path(path).suffix.lower() not in suffixes:
        raise OutputError(f"{kind} must end in {' or '.join(suffixes)}, not {Path(path).name!r}")


def scratch_file_for(target: str | Path) -> Path:
    """A hidden temporary name for ``target`` on the same file system, to rename at the end.

    It sits in the nearest folder of ``target``'s path that exists, so nothing is created
    before the work succeeds; :func:`move_into_place` then makes the missing folders.
    It keeps ``target``'s suffix (HiGHS picks the format of a model file by it). Scratch
    files of ``target`` left there by dead processes are removed.
    """
    target = Path(target)
    folder = nearest_folder(target.resolve().parent)
    remove_dead_scratch(folder, target.stem, target.suffix)
    scratch = folder / scratch_name(target.stem, target.suffix)
    stands_for(scratch, user_path(target))
    return scratch


def nearest_folder(folder: Path) -> Path:
    """``folder``, or the nearest of its parents that exists: where a scratch may go.

    >>> nearest_folder(Path("/no-such-folder/deep"))
    PosixPath('/')
    """
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def scratch_name(stem: str, suffix: str) -> str:
    """A hidden name for a scratch of ``stem`` + ``suffix``, with this process's id."""
    return f".{stem}-{os.getpid()}-{uuid.uuid4().hex}{suffix}"


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists; True when that cannot be told (leave its files)."""
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: it runs, as another user
        return True
    return True


def remove_dead_scratch(folder: Path, stem: str, suffix: str) -> None:
    """Remove from ``folder`` what :func:`scratch_name` made for stem+suffix in a dead process.

    Only names of exactly that form match (``.plan-123-<32 hex digits>`` for stem
    ``plan``), so neither another target's scratch nor a user's file is ever touched.
    Best effort: what cannot be listed or removed stays.
    """
    pattern = re.compile(rf"\.{re.escape(stem)}-(?P<pid>[0-9]+)-[0-9a-f]{{32}}{re.escape(suffix)}")
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for name in names:
        found = pattern.fullmatch(name)
        if found is None or process_running(int(found["pid"])):
            continue
        path = folder / name
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:  # another run swept it meanwhile
            continue
        except OSError:
            log.debug("could not remove the leftover scratch %s", path, exc_info=True)
            continue
        _say_removed(path, found["pid"])


SCRATCH_MARKER = ".supplyline-scratch"
"""The file in each scratch folder that says supplyline made it (:func:`mark_scratch_folder`)."""

_SCRATCH_FOLDER = re.compile(r"\..+-(?P<pid>[0-9]+)-[0-9a-f]{32}")
"""A scratch folder's name (:func:`scratch_name` with no suffix), whatever its target."""


def mark_scratch_folder(folder: Path) -> None:
    """Put the marker in a scratch folder just made, so that any run may sweep it once dead.

    A run killed outright left its ``.out-4711-<hex>`` beside the output; the next run into
    ``out`` removed it, one into another folder of the same parent did not.
    """
    (folder / SCRATCH_MARKER).touch(exist_ok=False)


def remove_dead_scratch_folders(parent: Path) -> None:
    """Remove from ``parent`` the scratch folders of processes that no longer run.

    Whatever output each was for: a folder is removed only if its name is a scratch
    name (``.out-4711-<32 hex digits>``), its process is gone, and it holds the marker
    of :func:`mark_scratch_folder` (a folder of the user's of such a name has none, and
    stays). Best effort: what cannot be listed or removed stays.
    """
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        found = _SCRATCH_FOLDER.fullmatch(entry.name)
        if found is None or not entry.is_dir(follow_symlinks=False):
            continue
        marker = Path(entry.path) / SCRATCH_MARKER
        if not marker.is_file() or marker.is_symlink() or process_running(int(found["pid"])):
            continue
        try:
            shutil.rmtree(entry.path)
        except FileNotFoundError:  # another run swept it meanwhile
            continue
        except OSError:
            log.debug("could not remove the leftover scratch %s", entry.path, exc_info=True)
            continue
        _say_removed(Path(entry.path), found["pid"])


def _say_removed(path: Path, pid: str) -> None:
    """Warn that the scratch ``path`` of dead process ``pid`` was removed: what, and whose."""
    log.warning(
        "removed %s, the unfinished output of supplyline run %s, which ended without "
        "removing it (killed?)",
        path,
        pid,
    )


def move_into_place(scratch: Path, target: str | Path) -> Path:
    """Rename a finished scratch file onto ``target``, creating its folder if needed."""
    target = Path(target)
    check_file_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch.replace(target)
    except OSError as error:
        raise OutputError(f"cannot write {user_path(target)}: {error.strerror or error}") from None
    return target


@contextmanager
def staged_file(target: str | Path) -> Iterator[Path]:
    r"""Yield a scratch path for ``target``; when the block ends without error, move it there.

    On any error (a writer that failed, a file found cut short) the scratch is removed and
    a file already at ``target`` stays as it was, byte for byte. Missing folders on
    ``target``'s path are made only at the move.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with staged_file(Path(tmp) / "new" / "m.mps") as scratch:
    ...         _ = scratch.write_text("ENDATA\n")
    ...     (Path(tmp) / "new" / "m.mps").read_text()
    'ENDATA\n'
    """
    scratch = scratch_file_for(target)
    try:
        yield scratch
        move_into_place(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)


def refuse_unowned(
    target: Path,
    *,
    what: str,
    lacks: str,
    is_ours: Callable[[str], bool],
    head_chars: int,
    force_with: str,
) -> None:
    """Raise OutputError unless the file at ``target`` is empty or ``is_ours`` by its head.

    The one test of "a file supplyline wrote" for every writer that may replace a file:
    the io layer's own-file check (``supplyline.io.destinations.check_own_file``) and the
    planner's model files (``supplyline.planning.model_owner``), which may not import io.
    ``what`` names the kind of file (``an MPS model``), ``lacks`` what the file lacks to
    be one, ``force_with`` how the caller's user asks to replace it anyway. An unreadable
    file is not replaced: whether it is ours cannot be told.
    """
    try:
        with target.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            head = handle.read(head_chars)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(
            f"cannot write {target}: it exists and cannot be read ({reason}), so whether it "
            f"is {what} supplyline wrote is unknown; choose another path, or {force_with} "
            "to replace it"
        ) from None
    if head and not is_ours(head):
        raise OutputError(
            f"cannot write {target}: it exists and is not {what} supplyline wrote "
            f"({lacks}), so replacing it would lose it; choose another path, or "
            f"{force_with} to replace it"
        )
