"""The ``--force`` option of every command with an option that names a file or folder to write.

One rule for ``plan --out``, ``--report`` and ``--mps``, ``routes --out`` and
``--report``, ``demo --out`` and ``ledger statement -o``: a file already at that path (or
under one of the names written into the ``--out`` folder) is replaced only if supplyline
wrote it (a re-run writes it again), else the command exits 8 before any work, unless
``--force`` (:func:`~supplyline.io.destinations.check_own_file` and
:func:`~supplyline.io.folder_files.check_folder_files`, the checks the Python API's
writers make too, with ``force=True`` for ``--force``). A tester's ``plan --report
mine.html`` and ``--mps mine.mps`` replaced files of their own, exit 0, and ``plan --out``
into a folder of their own the ``stocks.csv`` there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from supplyline.cli.app import FLAG_METAVAR

if TYPE_CHECKING:
    from supplyline.io.own_files import OwnKind

__all__ = ["FORCE_HELP", "ForceOpt", "keep_users_files"]

FORCE_HELP = (
    "Let the output options replace a file at their path (or of a name written into --out) "
    "that supplyline did not write (without it, such a file is kept and the command exits 8)."
)
"""The help of ``--force``, the same in every command that has it."""

ForceOpt = Annotated[bool, typer.Option("--force", help=FORCE_HELP, metavar=FLAG_METAVAR)]
"""``--force``, declared once for every command with a single-file output option."""


def keep_users_files(
    outputs: Sequence[tuple[Path | None, OwnKind]],
    *,
    force: bool,
    options: str,
    err: Console,
    folder: tuple[Path | None, Sequence[str]] = (None, ()),
) -> None:
    """Raise OutputError (exit 8) if an output cannot go where asked, before any work.

    Each file must be writable where asked
    (:func:`~supplyline.io.destinations.check_file_target`: a folder, a device, a folder
    on its way that may not be searched, said as ``--out``'s fault is, ``cannot write
    PATH: …``; a tester's ``--report`` there exited 2 where ``--out`` exited 8), and none
    may replace a file supplyline did not write.

    ``outputs`` pairs each file option's path (None when not given) with the kind of file
    it writes; ``folder`` is the ``--out`` folder (None when not given) and the names
    written into it; ``options`` names those options for the note that ``--force`` given
    without any of them has nothing to do (said on ``err``; not an error: the command runs).
    """
    from supplyline.io.destinations import FORCE_OPTION, check_file_target, check_own_file
    from supplyline.io.folder_files import check_folder_files

    given = [(path, kind) for path, kind in outputs if path is not None]
    out, names = folder
    if out is not None:
        check_folder_files(out, names, force=force, force_with=FORCE_OPTION)
    for path, _ in given:
        check_file_target(path)
    if force and not given and out is None:
        err.print(
            f"note: --force has nothing to do: it lets {options} replace a file supplyline "
            "did not write, and none is given",
            markup=False,
            highlight=False,
        )
    for path, kind in given:
        check_own_file(path, kind, force=force, force_with=FORCE_OPTION)
