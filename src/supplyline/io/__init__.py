"""Scenario folders in and out, with precise errors; and the bundled planning factors.

The public surface is small: :func:`load_scenario` (and :func:`load_scenario_with_warnings`,
which also returns the warnings), :func:`write_scenario`, :func:`write_template` for
``supplyline init``, the default planning factors, and :func:`day_from_text` and
:func:`date_from_text` for a day or date written outside the files (a command-line option)
as the files write one, :func:`number_text_problem` for a number so written (and
:func:`decimal_from_text`, which reads it as an exact amount), and
:func:`agreement_sources` for where each agreement is written (the ledger's messages).
Everything else in this package is private implementation.

Each public name is imported from its module on first use (:func:`__getattr__`): the
command line's output modules use this package's CSV cells, and importing the loader and
the writer with them put PyYAML and NumPy into ``--help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.io._cells import decimal_from_text, number_text_problem
    from supplyline.io.agreement_files import agreement_sources
    from supplyline.io.days import DayText, date_from_text, day_from_text
    from supplyline.io.factors import default_factors
    from supplyline.io.file_names import SCENARIO_FILES
    from supplyline.io.loader import load_scenario, load_scenario_with_warnings
    from supplyline.io.template import write_template
    from supplyline.io.writer import write_scenario

__all__ = [
    "SCENARIO_FILES",
    "DayText",
    "agreement_sources",
    "date_from_text",
    "day_from_text",
    "decimal_from_text",
    "default_factors",
    "load_scenario",
    "load_scenario_with_warnings",
    "number_text_problem",
    "write_scenario",
    "write_template",
]

_HOMES = {
    **dict.fromkeys(["DayText", "date_from_text", "day_from_text"], "days"),
    "agreement_sources": "agreement_files",  # not its own name: a submodule would hide it
    "default_factors": "factors",
    **dict.fromkeys(["decimal_from_text", "number_text_problem"], "_cells"),
    "SCENARIO_FILES": "file_names",
    **dict.fromkeys(["load_scenario", "load_scenario_with_warnings"], "loader"),
    "write_template": "template",
    "write_scenario": "writer",
}
"""The module of this package that defines each public name."""


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
