"""The report face: self-contained HTML reports with plots and an offline map.

The public surface is :func:`write_plan_report` (and :func:`render_plan_report` for the
HTML as a string; :func:`write_plan_report_with_reach`, with the reach check, is the
writer ``supplyline.services.planning.plan_scenario(report=(path, writer))`` takes, and
:func:`write_routes_report` the one ``route_scenario_day`` takes), plus the extension
points other parts use to add to the same report:
:class:`ReportSection` and :class:`Table` for extra sections (a reach check, convoy route
tables) and :class:`MapLayer` / :class:`MapPolyline` for extra lines on the map.
"""

from __future__ import annotations

from supplyline.reports.plan_report import render_plan_report, write_plan_report
from supplyline.reports.routes_report import write_plan_report_with_reach, write_routes_report
from supplyline.reports.sections import Cell, MapLayer, MapPolyline, ReportSection, Table

__all__ = [
    "Cell",
    "MapLayer",
    "MapPolyline",
    "ReportSection",
    "Table",
    "render_plan_report",
    "write_plan_report",
    "write_plan_report_with_reach",
    "write_routes_report",
]
