"""Options and arguments that name an output (or a file to read): refused when empty.

Typer turns ``--out ''`` into ``Path('.')``, so an empty value (a variable that was not
set, say) wrote into the current folder. Every path a command writes to is parsed by
:func:`output_path`, which sees the text as typed and refuses an empty or blank one as
a usage error (exit code 2), like any other bad option value. A file of a given kind
(an MPS model, an HTML report) is parsed by :func:`output_file`, which also refuses a name
without that kind's suffix: ``--report out/plan/plan.json`` replaced an earlier run's plan
with HTML. Whether the path can be written at all is checked later, before any work, by
:mod:`supplyline.io.destinations` (exit 8, as every output that cannot go where asked).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from supplyline.errors import OutputError
from supplyline.services.report_pair import HTML_SUFFIXES
from supplyline.staged_file import check_file_form

__all__ = [
    "HTML_SUFFIXES",
    "MPS_SUFFIXES",
    "PATH_METAVAR",
    "input_path",
    "output_file",
    "output_file_option",
    "output_file_path",
    "output_path",
    "scenario_folder_argument",
]

PATH_METAVAR = "<path>"
"""What ``--help`` shows for a path parsed by :func:`output_path` (as for any other path)."""

MPS_SUFFIXES = (".mps",)
"""HiGHS picks a model file's format by its suffix: ``.mps`` is the one we write."""
SOLUTION_SUFFIXES = (".sol", ".txt")
"""A VRP solution file: CVRPLIB's ``.sol``, or ``.txt`` as Solomon solutions are kept."""


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


def output_file_path(what: str, example: str) -> Callable[[str | Path], Path]:
    """A Typer ``parser`` for one file to write: :func:`output_path`, and no folder path.

    A name ending in ``/`` means a folder: ``statement -o newdir/`` wrote a *file* named
    ``newdir``, since ``Path`` drops the slash. It is refused (exit code 2) with
    ``example`` as the file name to give instead.

    >>> output_file_path("a file name", "statement.csv")("out/st.csv")
    PosixPath('out/st.csv')
    """
    non_empty = output_path(what)

    def parse(value: str | Path) -> Path:
        path = non_empty(value)
        slashes = "/" + os.sep
        if isinstance(value, str) and value.endswith(tuple(slashes)):
            folder = value.rstrip(slashes) or "/"
            raise typer.BadParameter(
                f"{value} is a folder path: give a file name, e.g. {Path(folder) / example}"
            )
        return path

    return parse


def input_path(what: str) -> Callable[[str | Path], Path]:
    """A Typer ``parser`` for a file to read, refused when empty as :func:`output_path` does.

    ``--params ''`` was read as the current folder ("Is a directory").

    >>> input_path("a TOML file")("plan.toml")
    PosixPath('plan.toml')
    """
    return output_path(what)


def output_file(kind: str, suffixes: Sequence[str], example: str) -> Callable[[str | Path], Path]:
    """A Typer ``parser`` for a file of ``kind`` to write, whose name ends in one of ``suffixes``.

    Empty is refused as by :func:`output_path`; then the value as typed
    (:func:`~supplyline.staged_file.check_file_form`), as ``typer.BadParameter`` (exit code
    2): a folder path is said as one, the slash kept (``mps/ is a folder path: give a file
    name, e.g. mps/plan.html``, ``example`` the file name offered), before a name with
    another suffix (``an HTML report's name must end in .html or .htm, not 'plan.json'``).
    Case does not matter (``model.MPS`` is fine). What the file system says of the path (a
    folder there, a device, no permission) is the command's to say, exit 8
    (:func:`~supplyline.cli.force_option.keep_users_files`).

    >>> parse = output_file("an MPS file", MPS_SUFFIXES, "model.mps")
    >>> parse("out/model.MPS")
    PosixPath('out/model.MPS')
    """
    endings = " or ".join(suffixes)
    non_empty = output_path(f"a file name ending in {endings}")

    def parse(value: str | Path) -> Path:
        path = non_empty(value)
        try:
            check_file_form(value, f"{kind}'s name", suffixes, example)
        except OutputError as error:
            raise typer.BadParameter(str(error)) from error
        return path

    return parse


def output_file_option(
    flag: str, help_text: str, kind: str, suffixes: Sequence[str], example: str
) -> Any:
    """An optional ``flag`` naming a file of ``kind`` to write (``--report``, ``--mps``).

    One declaration for every such option, parsed by :func:`output_file`; ``example`` is
    the file name a folder path is offered.
    """
    return typer.Option(
        None,
        flag,
        help=help_text,
        parser=output_file(kind, suffixes, example),
        metavar=PATH_METAVAR,
    )


SCENARIO_FOLDER_WHAT = "a scenario folder (. is the current folder)"
"""What to give instead of an empty scenario folder argument, in every command's words."""


def scenario_folder_argument(help_text: str = "Scenario folder (with scenario.yaml).") -> Any:
    """The scenario folder argument of a command, refused when empty (exit code 2).

    ``plan ''`` planned the current folder, and its missing-file messages never named it,
    while ``--out ''`` was refused: every command that reads a scenario folder refuses an
    empty one in the same words (``'' is empty: give a scenario folder …``).
    """
    return typer.Argument(..., help=help_text, parser=input_path(SCENARIO_FOLDER_WHAT))
