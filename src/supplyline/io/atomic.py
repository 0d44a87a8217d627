"""Writing output folders so that a failure leaves nothing half-written.

Files are written into a temporary folder beside the target; only when every file is
complete are they moved into place, one rename each.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_output_dir"]


@contextmanager
def atomic_output_dir(target: str | Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move its files into ``target`` (created if needed).

    Files already in ``target`` with other names are kept; same-named ones are replaced.
    On an exception nothing in ``target`` changes and the scratch folder is removed.
    """
    target = Path(target)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    try:
        yield scratch
        target.mkdir(parents=True, exist_ok=True)
        for item in sorted(scratch.iterdir()):
            item.replace(target / item.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
