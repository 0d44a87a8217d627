"""The stages a report says while it is made: the words a progress display shows.

A tester's 7-unit, 40-day ``plan --report`` stood 3-14 s on "writing the report", and a
planner took the still line for a hang: the four figures are most of a report's seconds.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["REPORT_STAGES", "ReportProgress", "silent"]

ReportProgress = Callable[[str], None]
"""Hears each slow stage of a report before it starts (the progress display's words)."""

REPORT_STAGES = {
    "map": "writing the report: drawing the network map",
    "theatre": "writing the report: drawing the units' area map",
    "supply": "writing the report: drawing the days-of-supply chart",
    "flows": "writing the report: drawing flows by mode",
    "page": "writing the report: rendering the page",
}
"""What a report's ``progress`` hears, in the order it does them, each before it starts
(the units' area map only when the report draws one)."""


def silent(_stage: str) -> None:
    """The progress of a caller that asked for none."""
    return None
