"""The building blocks of a report, and its extension points.

A report is a list of sections; each is a titled block holding a short text, a table and/or
an inline SVG figure. The plan report builds its own sections and appends the caller's
``extra_sections`` after them, so that later work (the convoy routes of routing, a "reach
check" of which units the network can supply in time) adds to the same file without
touching the plan report. The network map takes extra :class:`MapLayer` objects the same
way: a routing result passes its convoy routes as polylines.

Every text here is plain text: the template escapes it. Only ``figure_svg`` is inserted as
markup, and it must be an SVG made by :func:`supplyline.reports.figures.figure_to_svg`
(or an equally trusted source), never user input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from supplyline.domain.rounding import summed_columns
from supplyline.errors import ArgumentError
from supplyline.io.csv_out import yes_no
from supplyline.types import Said, column_text, figure_decimals, said_cell, summed_text

__all__ = ["Cell", "MapLayer", "MapPolyline", "ReportSection", "Table"]

Cell = str | int | float | Said | None
"""One table cell: numbers are formatted by the template, ``None`` shows as empty; a
:class:`~supplyline.types.Said` figure as the sentence that says it too."""

_SECTION_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table of plain values, one tuple per row in the order of ``columns``.

    ``numeric`` names the columns to right-align (by default, every column whose values
    are all numbers, yes/no not among them: text is aligned left); ``caption`` is shown
    under the table.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    numeric: frozenset[str] | None = None
    decimals: int | None = None
    """Least digits after the point for float cells (the solve's seconds, to 0.001); the
    shared rule adds more where it needs them (:func:`~supplyline.types.figure_decimals`:
    2 in a column where a figure below 100 is not whole, two significant digits below 1),
    so that the report and the CLI agree: a tester's report read a shortfall of 17.15 t
    as "17.1" beside the CLI's 17.15, and 0.015 t beside the CLI's 0.02."""
    alike: tuple[tuple[str, ...], ...] = ()
    """Groups of columns of one quantity, shown with one number of decimals: a shortfall
    table wrote a demand of 2.503 t as "2.50" beside "short t 2.503", a shortfall larger
    than its demand to the reader."""
    summed: tuple[str, ...] = ()
    """Columns whose last row is the total of the rows above: the total is rounded as it
    reads alone and the rows are rounded to add up to it (:meth:`shown_rows`; a tester's
    costs by mode read 4,905 + 32,961 beside a total of 37,865)."""
    within: tuple[tuple[str, str], ...] = ()
    """Pairs (part, whole) of summed columns whose row's part is within its whole (a
    mode's deployment tonnes within its tonnes): rounded together, so that none reads
    above its whole, to one number of decimals."""
    least: tuple[tuple[str, int], ...] = ()
    """A column's least decimals: those of a sentence that says one of its figures, so
    that the sentence and the table read the same
    (:func:`~supplyline.types.figure_text`)."""

    def __post_init__(self) -> None:
        named = {c for group in [*self.alike, *self.within] for c in group} | set(self.summed)
        named |= {c for c, _ in self.least}
        if unknown := sorted(named - set(self.columns)):
            # why: a renamed heading left 'cost' summed by a name no column had any more,
            # and its parts read 300 + 150 beside 451
            raise ArgumentError(
                f"no column {', '.join(map(repr, unknown))} (columns: {', '.join(self.columns)})"
            )
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ArgumentError(
                    f"row {number} has {len(row)} cells, expected {len(self.columns)} "
                    f"({', '.join(self.columns)})"
                )

    def is_numeric(self, index: int) -> bool:
        """Whether the column at ``index`` should be right-aligned."""
        if self.numeric is not None:
            return self.columns[index] in self.numeric
        values = [row[index] for row in self.rows if row[index] is not None]
        # a bool is an int to Python but "yes"/"no" on the page: the Solve table's
        # "fair shares" read "no" pushed right like a number
        return bool(values) and all(
            isinstance(v, int | float | Said) and not isinstance(v, bool) for v in values
        )

    def column_decimals(self) -> tuple[int, ...]:
        """Digits after the point for each column's floats: one number for a whole column.

        The shared rule's (:func:`~supplyline.types.figure_decimals`), at least the
        table's ``decimals`` and the column's ``least``; a group of ``alike`` columns, and
        a part with its whole (``within``), take the most of their members. A ``summed``
        column takes no more: its rows are rounded to add up (:meth:`shown_rows`).
        """
        least = dict(self.least)
        own = [self._decimals(i, least.get(c, 0)) for i, c in enumerate(self.columns)]
        shared = list(own)
        for group in [*self.alike, *self.within]:
            # a column exactly 0 on every row reads 0 whatever its group takes (the
            # relief example's "of which deployment t" read 0.000 beside 3-decimal tonnes)
            at = [
                i
                for c in group
                if c in self.columns and not self._exactly_zero(i := self.columns.index(c))
            ]
            most = max((shared[i] for i in at), default=0)
            for i in at:
                shared[i] = most
        return tuple(shared)

    def _exactly_zero(self, index: int) -> bool:
        """Whether a column has figures and every one is exactly 0 (to the gram)."""
        return figure_decimals([row[index] for row in self.rows], at_least=1) == 0

    def _decimals(self, index: int, at_least: int) -> int:
        """One column's decimals by the shared rule, at least ``at_least``."""
        values = [row[index] for row in self.rows]
        return figure_decimals(values, at_least=max(at_least, self.decimals or 0))

    def shown_rows(self) -> tuple[tuple[Cell, ...], ...]:
        """The rows as the page writes them: ``summed`` columns rounded to add up as read.

        Each such column's total is rounded as it reads alone, so that it reads alike
        wherever it is said (the summary's tonnes moved, the "short (t)" card), and its
        rows are rounded down or up to add up to it
        (:func:`~supplyline.domain.rounding.summed_columns`); a part within its whole
        (``within``) never reads above it. Raising the decimals until each figure rounded
        alone added up, a corridor's report read "38,321.0396".
        """
        places = self.column_decimals()
        totalled: dict[str, list[float]] = {}
        for i, c in enumerate(self.columns):
            values = [v for row in self.rows if isinstance(v := row[i], float)]
            if c in self.summed and len(values) == len(self.rows) > 1:
                totalled[c] = values
        decimals = {c: places[self.columns.index(c)] for c in totalled}
        said = summed_columns(totalled, decimals, self.within)
        at = {self.columns.index(c): figures for c, figures in said.items()}
        # a part rounded to 0 to add up, its own figure not 0, reads "<0.01" (summed_text)
        return tuple(
            tuple(
                summed_text(float(at[i][r]), v, places[i])
                if i in at and not at[i][r]
                else float(at[i][r])
                if i in at
                else v
                for i, v in enumerate(row)
            )
            for r, row in enumerate(self.rows)
        )

    def format_cell(self, value: Cell, decimals: int | None = None) -> str:
        """The text of one cell: thousands separators, ``decimals`` digits for floats.

        ``decimals`` is the column's (:meth:`column_decimals`); without it, the shared
        rule's for the one value. Truth values read ``yes``/``no``, as in the CSV files.
        """
        if value is None:
            return ""
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, Said):  # its column's decimals, as a sentence rounds it
            return str(value) if decimals is None else said_cell(value, decimals)
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, float):
            if not math.isfinite(value):
                return str(value)
            if decimals is None:
                decimals = figure_decimals([value], at_least=self.decimals or 0)
            return column_text(value, decimals)
        return value


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportSection:
    """A titled block of the report.

    ``id`` becomes the HTML anchor (lowercase letters, digits and hyphens) so that the
    table of contents can link to it.
    """

    id: str
    title: str
    intro: str = ""
    tables: tuple[Table, ...] = ()
    figure_svg: str = ""
    figure_caption: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _SECTION_ID.match(self.id):
            raise ArgumentError(
                f"section id(={self.id!r}) must be lowercase letters, digits and hyphens"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPolyline:
    """A line on the map through ``points`` given as (lon, lat) pairs, in degrees."""

    points: tuple[tuple[float, float], ...]
    label: str = ""
    label_segment: int | None = None
    """The segment (0 from the first point to the second) whose middle the label is tried
    at first, then along it and at the other segments' middles; ``None``: the middle one.
    Convoys from one depot share their first leg, and a routes report labels them there
    together (:func:`~supplyline.reports.routes_report.routes_layer`)."""
    links: tuple[tuple[str, str, str] | None, ...] = ()
    """Each segment's link and way (link id, from place, to place), whose drawn line it
    lies on (None: straight between its points): the map draws links that join the same
    two places side by side, and a convoy over the road had run on the middle line,
    between the road and the rail beside it. Empty: every segment straight."""

    def __post_init__(self) -> None:
        if len(self.points) < 2:
            raise ArgumentError(f"a polyline needs at least 2 points, got {len(self.points)}")
        segments = len(self.points) - 1
        if self.label_segment is not None and not 0 <= self.label_segment < segments:
            raise ArgumentError(
                f"label_segment(={self.label_segment}) must be from 0 to {segments - 1}, "
                f"one of the line's {segments} segment(s)"
            )
        if self.links and len(self.links) != segments:
            raise ArgumentError(
                f"links names {len(self.links)} link(s) for the line's {segments} segment(s): "
                "one a segment (None for a straight one), or none"
            )
        for lon, lat in self.points:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ArgumentError(f"point (lon={lon}, lat={lat}) is not a valid lon/lat pair")


@dataclass(frozen=True, slots=True, kw_only=True)
class MapLayer:
    """Extra lines drawn over the network map (e.g. convoy routes), with a legend entry."""

    name: str
    lines: Sequence[MapPolyline] = field(default_factory=tuple)
    color: str = "#c51b7d"
    width_pt: float = 1.5
    dashed: bool = False
    label_lines: bool = False
    """Write each line's label at its midpoint (for a few long routes, not hundreds)."""
    label_note: str = "line labels left off where places crowd: {left_off} of {labels}"
    """The line under a map that left off some of the layer's labels (no room for them),
    with the counts put in: a reader saw two convoys of six labelled and no word why."""
