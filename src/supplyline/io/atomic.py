"""Writing output folders so that a failure leaves nothing half-written.

Files are written into a temporary folder beside the target; only when every file is
complete are they moved into place, one rename each.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import OutputError

__all__ = ["atomic_output_dir", "move_into_place", "scratch_file_for", "writing"]


@contextmanager
def atomic_output_dir(target: str | Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move its files into ``target`` (created if needed).

    Files already in ``target`` with other names are kept; same-named ones are replaced.
    On an exception nothing in ``target`` changes and the scratch folder is removed; a
    file system error (a file where a folder should be, no permission, a full disk)
    becomes an :class:`~supplyline.errors.OutputError` that names ``target``, not the
    scratch folder.
    """
    target = Path(target)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    except OSError as error:
        raise _output_error(target, error) from None
    try:
        yield scratch
        try:
            target.mkdir(parents=True, exist_ok=True)
            for item in sorted(scratch.iterdir()):
                item.replace(target / item.name)
        except OSError as error:
            raise _output_error(target, error) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def writing(what: str | Path) -> Iterator[None]:
    """Turn a file system error inside (a full disk, say) into an OutputError about ``what``.

    For the writers that fill a scratch folder or file: the user learns which output
    failed and why, not a traceback about a hidden temporary name.
    """
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot write {what}: {error.strerror or error}") from None


def _output_error(target: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {error.strerror or error}")


def scratch_file_for(target: str | Path) -> Path:
    """A hidden temporary name for ``target`` on the same file system, to rename at the end.

    It sits in the nearest folder of ``target``'s path that exists, so nothing is created
    before the work succeeds; :func:`move_into_place` then makes the missing folders.
    """
    target = Path(target)
    folder = target.resolve().parent
    while not folder.is_dir():
        folder = folder.parent
    return folder / f".{target.stem}.{uuid.uuid4().hex}{target.suffix}"


def move_into_place(scratch: Path, target: str | Path) -> Path:
    """Rename a finished scratch file onto ``target``, creating its folder if needed."""
    target = Path(target)
    if target.exists() and not target.is_file():  # a rename would replace a device node
        raise OutputError(f"cannot write {target}: it is not a regular file (a device or a pipe)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch.replace(target)
    except OSError as error:
        raise _output_error(target, error) from None
    return target
