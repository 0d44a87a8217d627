"""Checking that a model file HiGHS wrote is whole: on disk, and ending as MPS ends.

HiGHS's ``writeModel`` reports no write error: on a full disk a tester's 394,624-byte
model was cut at 65,536 bytes, mid-line, and ``plan --mps`` said it wrote it and exited
0 (``highspy.readModel`` failed on it). Every MPS file ends with an ``ENDATA`` line, the
last thing written: a file without it is incomplete. The file is also flushed to disk
first (``fsync``), so that a write the disk refuses late fails here, not after the move.
"""

from __future__ import annotations

import os
from pathlib import Path

from supplyline.errors import OutputError
from supplyline.staged_file import user_path

__all__ = ["END_LINE", "check_mps_complete"]

END_LINE = b"ENDATA"
"""The last line of every MPS file."""
_TAIL_BYTES = 64


def check_mps_complete(path: str | os.PathLike[str]) -> None:
    r"""Raise OutputError unless the MPS file ``path`` is on disk whole (ends with ENDATA).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     whole = pathlib.Path(tmp) / "m.mps"
    ...     _ = whole.write_bytes(b"NAME m\nROWS\n N  Obj\nENDATA\n")
    ...     check_mps_complete(whole)
    """
    target = Path(path)
    try:
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _TAIL_BYTES))
            tail = handle.read()
    except OSError as error:
        raise OutputError(f"cannot write {user_path(target)}: {error.strerror or error}") from None
    last_line = tail.rstrip(b"\r\n \t").rsplit(b"\n", 1)[-1].strip()
    if last_line != END_LINE:
        raise OutputError(
            f"cannot write {user_path(target)}: HiGHS wrote only {size:,} bytes of it, without the "
            f"closing {END_LINE.decode()} line (is the disk full?)"
        )
