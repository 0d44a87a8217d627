"""A path the user gave that the system will not look at, said as the user's mistake.

``Path.exists()`` and ``is_dir()`` answer False for a missing path but raise for others: a
name past 255 bytes (``File name too long``), a folder on the way that may not be searched
(``Permission denied``). A tester's 300-character ``validate``, ``init``, ``--out``,
``--report``, ``--mps`` and ``--db`` each ended in an ``OSError`` traceback, where
``--params`` said ``…toml: cannot be read: File name too long``. Every front door that
looks at a user's path does so inside :func:`input_path` or :func:`output_path`. Its own
layer, over ``errors``: :mod:`supplyline.staged_file` uses it too.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import Issue, OutputError, ScenarioError

__all__ = [
    "input_path",
    "link_loop",
    "loop_trouble",
    "output_path",
    "path_trouble",
    "refuse_long_names",
    "troubles_said",
]

NAME_MAX = 255
"""The longest folder or file name, in bytes, on the file systems supplyline meets."""

_FIXES = {
    errno.ENAMETOOLONG: "shorten it: a folder or file name may have at most 255 bytes",
    errno.EACCES: "check the permissions of the folders on its way",
    errno.EPERM: "check the permissions of the folders on its way",
    errno.ELOOP: "a link on its way leads round in a circle: mend the link",
    errno.ENOTDIR: "a part of it before the last is a file, not a folder",
}
"""How to mend a path, by what the system said of it."""


def path_trouble(error: OSError) -> str:
    """What is wrong with a path and how to mend it, from the OSError looking at it raised.

    >>> path_trouble(OSError(errno.ENAMETOOLONG, "File name too long"))
    'File name too long (shorten it: a folder or file name may have at most 255 bytes)'
    """
    reason = error.strerror or str(error)
    fix = _FIXES.get(error.errno or 0, "give another path")
    return f"{reason} ({fix})"


def refuse_long_names(path: str | os.PathLike[str]) -> None:
    """Raise the system's OSError for a name in ``path`` past :data:`NAME_MAX` bytes.

    For a path not made yet: ``stat`` of ``new/<300 n>/out`` answers "no such file" at
    ``new``, so a tester's ``--out`` passed the checks, the plan ran, and the write made
    ``new`` before it failed. Called inside :func:`output_path`, which says it.

    >>> refuse_long_names("new/" + "n" * 256 + "/out")
    Traceback (most recent call last):
    ...
    OSError: [Errno ...] File name too long: 'nnn...'
    """
    for name in Path(path).parts:
        if len(os.fsencode(name)) > NAME_MAX:
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), name)


def link_loop(path: str | os.PathLike[str]) -> Path | None:
    """The symbolic link on ``path``'s way that leads round in a loop (None: there is none).

    ``Path.exists()`` answers False for a loop as for a missing path: a tester's ``plan
    loop`` (``loop`` a link to itself) was told "loop: does not exist", and ``--out loop``
    "a link to a missing folder". The outermost such link is named: the one to mend.

    >>> link_loop("no-such-folder/plan") is None
    True
    """
    path = Path(path)
    try:
        os.stat(path)
    except OSError as error:
        if error.errno != errno.ELOOP:
            return None
        for link in (*reversed(path.parents), path):
            if not os.path.islink(link):
                continue
            try:
                os.stat(link)
            except OSError as at_link:
                if at_link.errno == errno.ELOOP:
                    return link
        return path  # too many links on the way, none a loop alone
    return None


def loop_trouble(path: str | os.PathLike[str], kind: str) -> str | None:
    """What to say after ``<path>: `` when ``path`` is or passes a link loop (None: it does not).

    The one wording of a loop for every path a user gives (scenario folder, plan file,
    ledger file, outputs): a tester's ``--plan loop`` was told "no plan file", a ledger
    ``loop.db`` "it does not exist" or SQLite's "unable to open database file". ``kind``
    is what ``path`` should be ("folder", "file"); a loop on its way should be a folder.

    >>> loop_trouble("no-such-folder/plan", "file") is None
    True
    """
    loop = link_loop(path)
    if loop is None:
        return None
    itself = loop == Path(path)
    return (
        f"{'' if itself else f'{loop} is '}a symbolic link loop (its links lead round in a "
        f"circle and never reach a {kind if itself else 'folder'}); mend the link or give "
        "another path"
    )


@contextmanager
def input_path(path: str | os.PathLike[str]) -> Iterator[None]:
    """Raise :class:`ScenarioError` naming ``path`` for an OSError inside, in the loader's words.

    >>> with input_path("n" * 300):
    ...     os.stat("n" * 300)
    Traceback (most recent call last):
    ...
    supplyline.errors.ScenarioError: ...
      nnn...: cannot be read: File name too long (shorten it: ...)
    """

    def said(trouble: str) -> ScenarioError:
        return ScenarioError([Issue(file=os.fspath(path), message=f"cannot be read: {trouble}")])

    with troubles_said(said):
        yield


@contextmanager
def output_path(path: str | os.PathLike[str]) -> Iterator[None]:
    """Raise :class:`OutputError` naming ``path`` for an OSError inside.

    >>> with output_path("/tmp/" + "n" * 300):
    ...     os.stat("/tmp/" + "n" * 300)
    Traceback (most recent call last):
    ...
    supplyline.errors.OutputError: cannot write /tmp/nnn...: File name too long (shorten it: ...)
    """
    with troubles_said(lambda trouble: OutputError(f"cannot write {os.fspath(path)}: {trouble}")):
        yield


@contextmanager
def troubles_said(said: Callable[[str], Exception]) -> Iterator[None]:
    """Raise ``said(trouble)`` for an OSError inside, ``trouble`` as :func:`path_trouble` words it.

    The one place an OSError on a user's path becomes the error of the layer that asked
    (:func:`input_path`, :func:`output_path`, the ledger's file).

    >>> with troubles_said(ValueError):
    ...     os.stat("n" * 300)
    Traceback (most recent call last):
    ...
    ValueError: File name too long (shorten it: a folder or file name may have at most 255 bytes)
    """
    try:
        yield
    except OSError as error:
        raise said(path_trouble(error)) from None
