"""Scenario folders in and out, with precise errors; and the bundled planning factors.

The public surface is small: :func:`load_scenario` (and :func:`load_scenario_with_warnings`,
which also returns the warnings), :func:`write_scenario`, :func:`write_template` for
``supplyline init``, the default planning factors, and :func:`day_from_text` and
:func:`date_from_text` for a day or date written outside the files (a command-line option)
as the files write one, and :func:`number_text_problem` for a number so written.
Everything else in this package is private implementation.
"""

from __future__ import annotations

from supplyline.io._cells import number_text_problem
from supplyline.io.days import DayText, date_from_text, day_from_text
from supplyline.io.factors import default_factors
from supplyline.io.loader import SCENARIO_FILES, load_scenario, load_scenario_with_warnings
from supplyline.io.template import write_template
from supplyline.io.writer import write_scenario

__all__ = [
    "SCENARIO_FILES",
    "DayText",
    "date_from_text",
    "day_from_text",
    "default_factors",
    "load_scenario",
    "load_scenario_with_warnings",
    "number_text_problem",
    "write_scenario",
    "write_template",
]
