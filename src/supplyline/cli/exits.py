"""How the command ends when it is not an error of supplyline's: Ctrl+C, a closed pipe.

This module imports nothing, so that the entry point can use it before its slow imports
(typer, rich, then numpy, scipy and HiGHS through the command modules: about a second).
"""

from __future__ import annotations

__all__ = ["EXIT_INTERRUPTED", "EXIT_PIPE_CLOSED", "INTERRUPTED", "INTERRUPTED_STARTING"]

EXIT_INTERRUPTED = 130
"""The shell's code for a command ended by Ctrl+C (128 + SIGINT)."""

EXIT_PIPE_CLOSED = 141
"""The shell's code for a command whose output pipe was closed (128 + SIGPIPE).

What ``cat``, ``grep`` or ``yes`` give in ``… | head -1``: they die of SIGPIPE, and the
shell reports 141, which ``set -o pipefail`` scripts already expect from every such tool.
supplyline exits with it rather than dying of the signal, so that its clean-up (scratch
files, database sessions) still runs; exit 0 would claim the whole output was read.
"""

INTERRUPTED_STARTING = "interrupted: nothing done (Ctrl+C while supplyline was starting)"
"""The line printed for Ctrl+C before a command began (while the modules import)."""

INTERRUPTED = "interrupted"
"""The line printed for Ctrl+C in a command that says nothing more specific."""
