"""Writing output folders so that a failure leaves nothing half-written.

Files are written into a temporary folder beside the target (or, its parent missing, in
the nearest folder of its path that exists: a folder is made only once the files are
whole); only when every file is complete are they moved into place, one rename each, all
or none: an earlier file of the same name is first moved aside (beside itself), and if any
move fails every one is undone (:func:`_swap_in`).

Ctrl+C while the files are moved into place is held off until all of them are, then
raised as :class:`~supplyline.errors.InterruptedAfterWriting` (moved half, the folder
would mix the new plan's files with an old one's).

A scratch name (:mod:`supplyline.staged_file`, which also writes one file alone) carries
the writer's process id (``.plan-4711-<hex>`` for ``plan``,
``.model-4711-<hex>.mps`` for ``model.mps``). A process killed outright (SIGKILL, a
power cut) cannot clean up, so the next write into the same parent folder removes the
scratch folders left there by processes that no longer run, whatever their target: each
holds a marker file (:func:`~supplyline.staged_file.mark_scratch_folder`), and a folder
without one, or of a process still running, is never touched. Killed
in the middle of the moves, it left the folder half swapped: the swap keeps a journal
(:mod:`supplyline.io.swap_journal`), and the next write into the folder puts the earlier
files back first (or, if every new file was in, finishes the clean-up), with a warning.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from supplyline.errors import InterruptedAfterWriting, OutputError
from supplyline.io.file_names import SCENARIO_FILES
from supplyline.io.folder_files import FORCE_ARGUMENT, check_folder_files
from supplyline.io.folder_lock import output_folder_lock, remove_dead_locks
from supplyline.io.swap_journal import (
    JournalStep,
    commit_journal,
    end_journal,
    file_id,
    recover_swaps,
    start_journal,
)
from supplyline.signals import ctrl_c_held_back, note_outputs_in_place
from supplyline.staged_file import (
    SCRATCH_MARKER,
    mark_scratch_folder,
    move_into_place,
    nearest_folder,
    remove_dead_scratch,
    remove_dead_scratch_folders,
    scratch_file_for,
    scratch_name,
    stands_for,
    user_path,
)

__all__ = [
    "atomic_output_dir",
    "check_not_over_other_files",
    "move_into_place",
    "scratch_file_for",
    "user_path",
    "writing",
]

log = logging.getLogger(__name__)


@contextmanager
def atomic_output_dir(
    target: str | Path,
    also: Sequence[tuple[Path, Path]] = (),
    *,
    replaces_scenario: bool = False,
    remove: Sequence[Path] = (),
    force: bool = False,
    force_with: str | None = FORCE_ARGUMENT,
) -> Iterator[Path]:
    """Yield a scratch folder; on success move its files into ``target`` (created if needed).

    Files already in ``target`` with other names are kept; same-named ones are replaced,
    except a scenario's own files (in a folder with a ``scenario.yaml``) unless
    ``replaces_scenario``: a tester's ``write_plan`` into another scenario's folder replaced
    its ``stocks.csv`` with the plan's. Nor, unless ``force``, a file that supplyline did
    not write (:mod:`supplyline.io.folder_files`; a writer of a scenario, which replaces
    one on purpose, has its own checks); ``force_with`` is how the caller's user asks to
    replace it, in the message (:data:`~supplyline.io.folder_files.FORCE_ARGUMENT` from
    Python, "give --force" from the CLI, None where there is no way but another folder):
    a file put there while a command's plan was solved was said in the Python API's words.
    An empty path is refused (it meant the current folder).
    ``also`` lists more finished (scratch file, target) pairs to move with them (read
    when the block ends, so the block may add to it), all or none of them (a file that
    cannot be replaced, immutable say, puts back those already moved; the
    :class:`~supplyline.errors.OutputError` names it); Ctrl+C waits until all are moved.
    ``remove`` (read when the block ends, too) lists files that the new ones make wrong (the
    earlier plan's report, :mod:`supplyline.io.earlier_reports`): they are removed right
    after the moves, under the same hold on Ctrl+C, and only if every move succeeded; one
    that cannot be removed stays (the caller sees it still there).
    On an exception nothing in ``target`` changes and the scratch folder is removed; a
    file system error (a file where a folder should be, no permission, a full disk)
    becomes an :class:`~supplyline.errors.OutputError` that names ``target``, not the
    scratch folder. Before anything else, a swap into ``target`` that a killed process
    left halfway is rolled back (or, every new file in, finished), with a warning
    (:mod:`supplyline.io.swap_journal`). Throughout, the run holds the lock of ``target``
    (:mod:`supplyline.io.folder_lock`): another run writing it now is an OutputError, at
    once, and nothing is written.
    """
    if not str(target).strip():
        raise OutputError("the output folder is an empty path: name a folder")
    target = Path(target)
    # one run at a time: taken first, before any change (the caller's own, if it holds it)
    with output_folder_lock(target), ExitStack() as inner:
        yield from _staged_into(target, also, inner, replaces_scenario, remove, force, force_with)


def _staged_into(
    target: Path,
    also: Sequence[tuple[Path, Path]],
    inner: ExitStack,
    replaces_scenario: bool,
    remove: Sequence[Path],
    force: bool,
    force_with: str | None,
) -> Iterator[Path]:
    """:func:`atomic_output_dir` under the lock of ``target``.

    The scratch folder goes into the nearest folder of ``target``'s path that exists, and
    the missing folders are made only once the files are whole, just before the swap: made
    before the work, they were left behind by a run killed in it (``--out x/new`` left an
    empty ``x``), and a run stopped (Ctrl+C, SIGTERM) removed them only if nothing cut its
    clean-up short. Locked beside its first missing folder, if one was, ``target`` is
    locked beside itself too once its folders are made (``inner``): released before they
    are removed on a failure, as its lock file sits in them.
    """
    resolved = target.resolve()
    parent, name = resolved.parent, resolved.name
    there = nearest_folder(parent)  # where the scratch goes: nothing is made before the swap
    made: list[Path] = []  # folders made for the output, removed again on a failure
    try:
        recover_swaps(target)  # a swap into it that a killed process left halfway
        remove_dead_scratch(there, name, "")  # an unmarked one, of an earlier version
        remove_dead_scratch_folders(there)  # of any folder, from a run killed outright
        remove_dead_locks(there)  # and their lock files (the system released the locks)
        scratch = there / scratch_name(name, "")
        try:  # a Ctrl+C (or SIGTERM) just after mkdir had left the folder unmarked
            scratch.mkdir(mode=0o700)
            stands_for(scratch, target)
            mark_scratch_folder(scratch)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    except OSError as error:
        raise _output_error(target, error) from None
    try:
        yield scratch
        names = [item.name for item in _finished(scratch)]
        if not replaces_scenario:
            _keep_scenario_files(target, names)
            check_folder_files(target, names, force=force, force_with=force_with)
        moves = [(item, target / item.name) for item in sorted(_finished(scratch))]
        moves += list(also)
        _check_finals([final for _, final in moves])  # before any moves
        try:
            with ctrl_c_held_back():  # the whole swap, its undoing included
                _make_parent(target, parent, made, inner)
                _swap_in(target, moves, remove, scratch=(scratch, made))
                note_outputs_in_place(True)  # a press from here on finds them written
        except KeyboardInterrupt:  # pressed while they moved: they are all in place now
            raise InterruptedAfterWriting from None
    except InterruptedAfterWriting:
        raise
    except BaseException:  # nothing moved: the folders made for it go too
        shutil.rmtree(scratch, ignore_errors=True)
        inner.close()
        _remove_folders(made)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _make_parent(target: Path, parent: Path, made: list[Path], inner: ExitStack) -> None:
    """Make ``target``'s missing parent folders (noted in ``made``), then lock it beside itself.

    Locked beside its first missing folder until now, ``target`` is locked where a run
    starting from here looks for its lock (:func:`~supplyline.io.folder_lock.folder_lock_path`),
    in ``inner``, which a failure closes before the folders are removed.
    """
    try:
        made += _make_folders(parent)
    except OSError as error:
        raise _output_error(target, error) from None
    inner.enter_context(output_folder_lock(target))


def _finished(scratch: Path) -> list[Path]:
    """The files written into ``scratch``: all but its marker (:func:`mark_scratch_folder`)."""
    return [item for item in scratch.iterdir() if item.name != SCRATCH_MARKER]


def _check_finals(finals: Sequence[Path]) -> None:
    """Raise OutputError, before any move, if a final path is a folder or not a plain file."""
    for final in finals:
        if final.is_dir():  # a tester's folder got three files of seven
            raise OutputError(f"cannot write {final}: it is a folder (nothing was written)")
        if final.exists() and not final.is_file():  # a rename would replace a device node
            raise OutputError(
                f"cannot write {final}: it is not a regular file (a device or a pipe; "
                "nothing was written)"
            )


@dataclass(slots=True)
class _Moved:
    """One file of a swap: its new file, where it goes, and where the earlier one was put."""

    new: Path
    final: Path
    earlier: bool = False  # whether final held a file before
    aside: Path | None = None  # where the earlier file was moved (None: not yet, or none)
    moved_in: bool = False


def _swap_in(
    target: Path,
    moves: Sequence[tuple[Path, Path]],
    remove: Sequence[Path],
    *,
    scratch: tuple[Path, Sequence[Path]],
) -> None:
    """Move each finished (new, final) file onto its final path: all of them, or none.

    Renamed one by one, a file that could not be replaced (an immutable one) left a
    tester's folder with three files of the new plan and five of the earlier one. So each
    earlier file of the same name is first moved aside, beside itself (same file system),
    then the new one is moved in; when one step fails, every step taken is undone, last
    first, and the error names the file that could not be replaced. Only when every new
    file is in are the earlier ones deleted, and then the files of ``remove`` (one that
    cannot be removed stays, with a warning). Folders made on the way are removed again on
    failure. If the undoing fails too, the error says which files are which. A journal in
    ``target`` records the swap until it is over, so that the next write can undo or
    finish one whose process was killed (:mod:`supplyline.io.swap_journal`): with the
    scratch folder and the folders made for it (``scratch``), which a roll back removes.
    """
    made: list[Path] = []
    done: list[_Moved] = []
    step: _Moved | None = None
    journal: Path | None = None
    try:
        made += _make_folders(target)
        steps = [_planned(new, final) for new, final in moves]
        folders = [*scratch[1], *made, *_missing_folders([final.parent for _, final in moves])]
        journal = start_journal(target, steps, remove=remove, scratch=scratch[0], folders=folders)
        for planned in steps:
            step = _Moved(new=planned.new, final=planned.final, earlier=planned.aside is not None)
            made += _make_folders(planned.final.parent)
            if planned.aside is not None:
                planned.final.rename(planned.aside)
                step.aside = planned.aside
            done.append(step)
            planned.new.replace(planned.final)
            step.moved_in = True
        journal = commit_journal(journal)
    except BaseException as error:  # OSError, or a bug: undo, then let it go on as it is
        problems = _undo(done, made, journal)
        if not isinstance(error, OSError):
            raise
        what = "replace" if step is not None and step.earlier else "write"
        where = step.final if step is not None else target
        reason = error.strerror or str(error)
        if not problems:
            raise OutputError(
                f"cannot {what} {where}: {reason} (nothing was written: every earlier file "
                "is as it was)"
            ) from None
        raise OutputError(
            f"cannot {what} {where}: {reason}; putting the earlier files back failed too: "
            + "; ".join(problems)
            + "; every other file is as it was"
        ) from None
    for moved in done:
        if moved.aside is not None:
            try:
                moved.aside.unlink()
            except OSError:
                log.warning(
                    "could not remove %s, the earlier %s", moved.aside, moved.final, exc_info=True
                )
    for stale in remove:
        try:
            stale.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", stale, exc_info=True)
    end_journal(journal)


def _planned(new: Path, final: Path) -> JournalStep:
    """The step that moves ``new`` onto ``final``, naming where an earlier file goes aside."""
    new_id = file_id(new)
    if new_id is None:  # a writer's bug: undone like any failure
        raise FileNotFoundError(errno.ENOENT, "the finished file is missing", str(new))
    earlier = os.path.lexists(final)
    return JournalStep(
        new=new,
        final=final,
        aside=final.with_name(_aside_name(final.name)) if earlier else None,
        new_id=new_id,
    )


def _missing_folders(folders: Sequence[Path]) -> list[Path]:
    """The folders (and parents) of ``folders`` that do not exist yet, outermost first."""
    missing: list[Path] = []
    for folder in folders:
        chain: list[Path] = []
        while not folder.exists() and folder != folder.parent:
            chain.append(folder)
            folder = folder.parent
        missing += [f for f in reversed(chain) if f not in missing]
    return missing


def _undo(done: Sequence[_Moved], made: Sequence[Path], journal: Path | None) -> list[str]:
    """Undo the steps of :func:`_swap_in`, last first; say what could not be put back.

    The journal goes once they are undone (what could not be put back, the error says),
    and before the folders made for the swap, where it may sit.
    """
    problems: list[str] = []
    for moved in reversed(done):
        try:
            if moved.aside is not None:
                moved.aside.replace(moved.final)  # over the new file, if it was moved in
            elif moved.moved_in:
                moved.final.replace(moved.new)
        except OSError as error:
            reason = error.strerror or str(error)
            if moved.aside is None:
                problems.append(f"{moved.final} is the new one (there was none before; {reason})")
            else:
                now = "the new one" if moved.moved_in else "missing"
                problems.append(
                    f"{moved.final} is {now}, the earlier one is kept as {moved.aside} ({reason})"
                )
    if journal is not None:
        end_journal(journal)
    _remove_folders(made)
    return problems


def _remove_folders(made: Sequence[Path]) -> None:
    """Remove the folders :func:`_make_folders` made (outermost first), innermost first.

    One that holds something now (an MPS file written for a plan that had no solution)
    stays, as it should.
    """
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                log.warning("could not remove the folder %s made for the output", folder)


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; return those made, outermost first."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for path in reversed(missing):
        path.mkdir()
        made.append(path)
    return made


def _aside_name(name: str) -> str:
    """A hidden name for an earlier file moved aside, which no scratch clean-up ever matches.

    It ends in ``-earlier``, not in a scratch name's 32 hex digits or a suffix: a dead
    process's earlier file that could not be put back is the user's, and stays.
    """
    return f".{name}-{os.getpid()}-{uuid.uuid4().hex}-earlier"


def _keep_scenario_files(target: Path, names: Sequence[str]) -> None:
    """Raise OutputError if writing ``names`` into ``target`` would replace a scenario's file."""
    # a scenario's optional files too: a plan's stocks.csv beside a scenario without one
    # became the scenario's, and the folder no longer loaded
    clash = sorted(n for n in names if n in SCENARIO_FILES)
    if clash and (target / "scenario.yaml").is_file():
        raise OutputError(
            f"cannot write into {target}: it holds a scenario, and {', '.join(clash)} would "
            "be taken as its own; choose another folder"
        )


@contextmanager
def writing(what: str | Path) -> Iterator[None]:
    """Turn a file system error inside (a full disk, say) into an OutputError about ``what``.

    For the writers that fill a scratch folder or file: the user learns which output
    failed and why, not a traceback about a hidden temporary name.
    """
    try:
        yield
    except OSError as error:
        said = str(user_path(what)) if isinstance(what, Path) else what
        failed = user_path(error.filename) if isinstance(error.filename, str | Path) else None
        if failed is not None and str(failed) != said:  # which of the files, if it says
            said += f" ({failed})" if said.startswith("the ") else ""
        raise OutputError(f"cannot write {said}: {error.strerror or error}") from None


def _output_error(target: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write {user_path(target)}: {error.strerror or error}")


def check_not_over_other_files(folder: Path) -> None:
    """Raise OutputError if ``folder`` holds files of a scenario's names but no scenario.

    For what writes a scenario (``write_scenario``, ``init --force``): a tester's scenario
    written into a plan's folder replaced the plan's ``stocks.csv`` and left a folder of
    neither. Over a scenario (its ``scenario.yaml`` there), or into a
    folder without such files, is fine.
    """
    if not folder.is_dir() or (folder / "scenario.yaml").is_file():
        return
    clash = sorted(n for n in SCENARIO_FILES if (folder / n).exists())
    if clash:
        raise OutputError(
            f"cannot write the scenario into {folder}: it holds {', '.join(clash)} but no "
            "scenario.yaml (a plan's files?), which would be replaced; choose another folder"
        )
