"""How the library's log records reach a person on stderr: as the CLI's own lines.

The library logs (``logging.getLogger(__name__)``) and never prints; this face says what it
logged. Under ``logging.basicConfig``'s format a killed run's recovery read ``WARNING
supplyline.io.swap_journal: o: a write into it (process 17551) was stopped halfway; …``
among lines that all read ``warning: …``. A warning is now one such line, yellow on a
terminal like the others; ``--verbose`` adds the progress (INFO) lines, with the logger
that wrote each, and a warning's traceback in full.
"""

from __future__ import annotations

import logging

from rich.console import Console

__all__ = ["ConsoleLogHandler"]


class ConsoleLogHandler(logging.Handler):
    """Print each record on ``console`` as ``warning: …`` (``error: …``), as the CLI says them.

    >>> record = logging.LogRecord("supplyline.io", logging.WARNING, "", 0, "o: %s", ("x",), None)
    >>> ConsoleLogHandler(Console(), verbose=False).format(record)
    'warning: o: x'
    """

    def __init__(self, console: Console, *, verbose: bool) -> None:
        super().__init__(logging.INFO if verbose else logging.WARNING)
        self.console = console
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        """The record's line: ``warning: message``, an INFO line with its logger's name.

        A warning logged with its exception (a journal that cannot be read) keeps the
        exception's words on its line; its traceback is for ``--verbose``.
        """
        message = record.getMessage()
        if record.levelno < logging.WARNING:
            return f"{record.levelname} {record.name}: {message}"  # as --verbose always read
        line = f"{record.levelname.lower()}: {message}"
        if record.exc_info is None or record.exc_info[1] is None:
            return line
        if self.verbose:
            return f"{line}\n{logging.Formatter().formatException(record.exc_info)}"
        return f"{line} ({record.exc_info[1]})"

    def emit(self, record: logging.LogRecord) -> None:
        """Print the record's line: yellow for a warning, red for an error, on a terminal."""
        try:
            line = self.format(record)
            style = "red" if record.levelno >= logging.ERROR else "yellow"
            self.console.print(
                line,
                style=style if record.levelno >= logging.WARNING else None,
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        except RecursionError:
            raise
        except Exception:  # logging's rule: a record that cannot be shown never stops the run
            self.handleError(record)
