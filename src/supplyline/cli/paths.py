"""Options and arguments that name an output: refused when empty, before any work.

Typer turns ``--out ''`` into ``Path('.')``, so an empty value (a variable that was not
set, say) wrote into the current folder. Every path a command writes to is parsed by
:func:`output_path`, which sees the text as typed and refuses an empty or blank one as
a usage error (exit code 2), like any other bad option value. Whether the path can be
written at all is checked later by :mod:`supplyline.io.destinations`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

__all__ = ["PATH_METAVAR", "output_path"]

PATH_METAVAR = "<path>"
"""What ``--help`` shows for a path parsed by :func:`output_path` (as for any other path)."""


def output_path(what: str) -> Callable[[str | Path], Path]:
    """A Typer ``parser`` for a path to write to; ``what`` says what to give instead of nothing.

    An empty or blank value raises ``typer.BadParameter``, which Typer shows as
    ``Invalid value for '--out' / '-o': '' is empty: give <what>`` and exit code 2.

    >>> parse = output_path("a folder to write the plan files into")
    >>> parse("out"), parse(" out ")
    (PosixPath('out'), PosixPath(' out '))
    """

    def parse(value: str | Path) -> Path:
        if isinstance(value, Path):  # a default, not typed by the user
            return value
        if not value.strip():
            raise typer.BadParameter(f"{value!r} is empty: give {what}")
        return Path(value)

    return parse
