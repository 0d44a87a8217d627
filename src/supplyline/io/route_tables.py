"""A day's routes as people read them: the day's figures and tables that add up to them.

The CLI's ``routes`` summary and the routes report's convoy-routes section say the same
figures: the report had rounded its intro with :func:`~supplyline.domain.rounding.
adding_decimals` and whole km while its trucks' table kept the shared rule, and the CLI
rounded its tables to add up to its headline, so the two faces read different figures of
one day. Both take them from here (a face may not import the other).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from supplyline.domain.rounding import apportioned, gram_decimal, rounded
from supplyline.domain.routes import NO_UNITS_WORDS, Routes
from supplyline.domain.unserved_words import reason_words
from supplyline.io.route_files import on_site_rows, truck_rows, unserved_rows
from supplyline.types import figure_decimals

__all__ = [
    "DRAWN_ADDS_UP_NOTE",
    "LANDED_ADDS_UP_NOTE",
    "TRUCKS_ADDS_UP_NOTE",
    "UNSERVED_ADDS_UP_NOTE",
    "DayFigures",
    "DayTables",
    "day_figures",
    "day_tables",
    "loads_source",
    "nothing_to_deliver",
    "rounded_alone_note",
    "table_decimals",
]


def _adds_up_note(figures: str, exact: str) -> str:
    """The note under a table whose rows were rounded to add up to the day's ``figures``."""
    return (
        f"Rows rounded to add up to the day's {figures}: a row may be one off in its last "
        f"digit from its figure rounded alone ({exact})."
    )


UNSERVED_ADDS_UP_NOTE = _adds_up_note("tonnes not delivered", "unserved.csv has each to the gram")
"""Under the "Not delivered" table, in the CLI and the report, where its rows were rounded
to add up (:attr:`DayTables.unserved_note`), as ``plan`` says ``ADDS_UP_NOTE`` under its
shortfall table: a planner summing the printed rows against the unrounded ``unserved.csv``
found them a digit apart with nothing saying why."""

TRUCKS_ADDS_UP_NOTE = _adds_up_note(
    "km, tonnes delivered and cost", "trucks.csv has tonnes to the gram, km and cost to 0.01"
)
"""Under the "Trucks" table, by the rule of :data:`UNSERVED_ADDS_UP_NOTE`: its km, tonnes
and cost were rounded to add up to the headline's with no word of it, beside a "Not
delivered" table that said so."""

DRAWN_ADDS_UP_NOTE = _adds_up_note("tonnes drawn on site", "on_site.csv has each to the gram")
"""Under the "Drawn on site" table, by the rule of :data:`UNSERVED_ADDS_UP_NOTE`."""

LANDED_ADDS_UP_NOTE = _adds_up_note("tonnes arrived", "on_site.csv has each to the gram")
"""Under the table of what arrived by air, rail or water, by the same rule."""


def rounded_alone_note(figures: str) -> str:
    """The note under a table whose rows could not be rounded to add up to the day's figure.

    Rows that are not the exact parts of the day's figure (to within a step each) are
    each rounded alone; their sum may then differ from the headline, and this says why.

    >>> rounded_alone_note("cost")
    "Rows rounded each alone: their cost may not add up to the day's, which is rounded once."
    """
    return (
        f"Rows rounded each alone: their {figures} may not add up to the day's, which is "
        "rounded once."
    )


_TABLE_TONNES = {
    "trucks": "delivered",
    "drawn": "on_site",
    "landed": "arrived",
    "unserved": "unserved",
}
"""Each table of the day, and the headline figure its tonnes column adds up to."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DayFigures:
    """The day's figures as its summary says them and its tables' rows add up to them.

    ``places``: the decimals of each of the summary's figures (``delivered``, ``on_site``,
    ``arrived``, ``unserved``, ``km``, ``cost``), each the decimals of the table column
    that adds up to it (:func:`table_decimals`), so that a figure said in the headline
    reads as its table's total reads. ``said``: the figures at those decimals.

    The trucks' whole costs of a bilateral day (262, 528, 325) summed to 1,115 beside a
    summary's "cost 1,114.80", and its km to a tenth stood over a column of whole ones.
    One count of decimals for all the day's tonnes made "0.06 t delivered" stand above a
    Trucks table's 0.062 (the same sentence said 100 t unserved, which capped the count
    at 0.01); each figure takes its own table's decimals now.
    """

    places: Mapping[str, int]
    said: Mapping[str, Decimal]

    def text(self, name: str) -> str:
        """One figure as said, with thousands separated: ``1,115``, ``5.05``.

        Exactly nothing reads ``0`` (README, How figures read), where a day with nothing
        unserved read "0.0 t unserved" (the tonnes take 0.1 at least).

        >>> DayFigures(places={"km": 0}, said={"km": Decimal("1115")}).text("km")
        '1,115'
        >>> DayFigures(places={"unserved": 1}, said={"unserved": Decimal("0.0")}).text("unserved")
        '0'
        """
        if self.said[name] == 0:
            return "0"
        return f"{self.said[name]:,.{self.places[name]}f}"

    def columns(self, table: str) -> dict[str, int]:
        """The decimals of ``table``'s columns that add up to the summary's figures.

        ``table``: ``trucks`` (its tonnes, km and cost), ``drawn``, ``landed`` or
        ``unserved`` (their tonnes).

        >>> places = {"delivered": 3, "unserved": 1, "km": 0, "cost": 2}
        >>> DayFigures(places=places, said={}).columns("unserved")
        {'tonnes': 1}
        """
        tonnes = {"tonnes": self.places[_TABLE_TONNES[table]]}
        if table == "trucks":
            return {**tonnes, "km": self.places["km"], "cost": self.places["cost"]}
        return tonnes


def table_decimals(rows: Sequence[float], total: float, *, tonnes: bool = False) -> int:
    """The decimals of a table's column and of the headline figure it adds up to: one count.

    The shared rule's (:func:`~supplyline.types.figure_decimals`) for the column's rows and
    their total, the tonnes to one at least; the headline says the total at these
    decimals and the table rounds its rows to add up to it, so both read it alike.

    >>> table_decimals([0.062], 0.062, tonnes=True), table_decimals([100.0], 100.0, tonnes=True)
    (3, 1)
    >>> table_decimals([262.4, 528.2], 790.6), table_decimals([262.4, 8.2], 270.6)
    (0, 2)
    """
    decimals = figure_decimals([*rows, total])
    return max(1, decimals) if tonnes else decimals


def day_figures(routes: Routes) -> DayFigures:
    """The day's figures and their decimals (:class:`DayFigures`)."""
    columns = {
        "delivered": ([r.tonnes for r in routes.routes], routes.delivered_t),
        "on_site": ([d.tonnes for d in routes.on_site if not d.arrived], routes.on_site_t),
        "arrived": ([d.tonnes for d in routes.on_site if d.arrived], routes.arrived_t),
        "unserved": ([u.tonnes for u in routes.unserved], routes.unserved_t),
    }
    places = {name: table_decimals(*column, tonnes=True) for name, column in columns.items()}
    places["km"] = table_decimals([r.distance_km for r in routes.routes], routes.total_distance_km)
    places["cost"] = table_decimals([r.cost for r in routes.routes], routes.total_cost)
    totals = {name: total for name, (_, total) in columns.items()}
    totals |= {"km": routes.total_distance_km, "cost": routes.total_cost}
    said = {name: rounded(total, places[name]) for name, total in totals.items()}
    return DayFigures(places=places, said=said)


@dataclass(frozen=True, slots=True, kw_only=True)
class DayTables:
    """The day's tables, each row's figures rounded to add up to the day's (:class:`DayFigures`).

    ``trucks`` (km, tonnes and cost add up to the km, the tonnes delivered and the cost),
    ``drawn`` on site and ``landed`` at the unit's place by the plan's air, rail or water
    legs (their tonnes add up to the tonnes drawn on site and arrived), ``unserved``
    (to the tonnes not delivered); the rows are :mod:`~supplyline.io.route_files`'s.
    Each table's note, said under it by the CLI and in its caption by the report:
    ``unserved_note`` is :data:`UNSERVED_ADDS_UP_NOTE` where a row of ``unserved`` may read
    otherwise than rounded alone (more than one row, or its one row's figure moved to add up
    with the day's other tonnes), else None; ``trucks_note``, ``drawn_note`` and
    ``landed_note`` the same of theirs (:data:`TRUCKS_ADDS_UP_NOTE`, …). A table whose rows
    could not add up to the day's figure, each rounded alone, says that instead
    (:func:`rounded_alone_note`).
    """

    figures: DayFigures
    trucks: list[dict[str, Any]]
    drawn: list[dict[str, Any]]
    landed: list[dict[str, Any]]
    unserved: list[dict[str, Any]]
    unserved_note: str | None = None
    trucks_note: str | None = None
    drawn_note: str | None = None
    landed_note: str | None = None


def day_tables(routes: Routes) -> DayTables:
    """The day's figures, and its tables rounded to add up to them (:class:`DayTables`)."""
    figures = day_figures(routes)
    day, places = figures.said, figures.columns
    trucks = [
        (row, {"km": r.distance_km, "cost": r.cost, "tonnes": r.tonnes})
        for row, r in zip(truck_rows(routes), routes.routes, strict=True)
    ]
    on_site = [
        (row, {"tonnes": d.tonnes})
        for row, d in zip(on_site_rows(routes), routes.on_site, strict=True)
    ]
    # the reason in words beside its code: a tester read ``too_large`` as "the load is too
    # big" where the trucks' trips were too few (the files keep the code alone)
    unserved = [
        ({**row, "reason": reason_words(u.reason)}, {"tonnes": u.tonnes})
        for row, u in zip(unserved_rows(routes), routes.unserved, strict=True)
    ]
    drawn = [d for d in on_site if not d[0]["arrived_by"]]
    landed = [d for d in on_site if d[0]["arrived_by"]]
    truck_totals = {"tonnes": day["delivered"], "km": day["km"], "cost": day["cost"]}
    trucks_said, trucks_note = _adding(trucks, truck_totals, places("trucks"), TRUCKS_ADDS_UP_NOTE)
    drawn_said, drawn_note = _adding(
        drawn, {"tonnes": day["on_site"]}, places("drawn"), DRAWN_ADDS_UP_NOTE
    )
    landed_said, landed_note = _adding(
        landed, {"tonnes": day["arrived"]}, places("landed"), LANDED_ADDS_UP_NOTE
    )
    lost, lost_note = _adding(
        unserved, {"tonnes": day["unserved"]}, places("unserved"), UNSERVED_ADDS_UP_NOTE
    )
    return DayTables(
        figures=figures,
        trucks=trucks_said,
        drawn=drawn_said,
        landed=landed_said,
        unserved=lost,
        unserved_note=lost_note,
        trucks_note=trucks_note,
        drawn_note=drawn_note,
        landed_note=landed_note,
    )


def _adding(
    rows: Sequence[tuple[dict[str, Any], dict[str, float]]],
    totals: Mapping[str, Decimal],
    places: Mapping[str, int],
    note: str,
) -> tuple[list[dict[str, Any]], str | None]:
    """The rows, each with its exact figures, rounded to add up to the day's ``totals``.

    As the plan's tables do (:func:`~supplyline.domain.rounding.apportioned`): each row
    its exact value rounded down or up (the exact value: a truck's cost of 0.125 is 0.12
    in the files, and read so beside a "cost 0.13"); rounded alone where none adds up.

    With the rows, the note to say under them: ``note`` where a row may read otherwise than
    its figure rounded alone (more than one row, one of them rounded; or its one row
    moved), the :func:`rounded_alone_note` of the figures that could not add up, else None.
    Rows each exact as shown (45.00 and 40.00 t drawn) say nothing of rounding.
    """
    out = [dict(row) for row, _ in rows]
    alone_columns: list[str] = []
    moved = False
    for column, whole in totals.items():
        exact = [figures[column] for _, figures in rows]
        alone = [rounded(value, places[column]) for value in exact]
        said = apportioned(exact, whole, places[column])
        if said is None:  # parts that are not the total's sum: each as it reads alone
            said = alone
            alone_columns.append(column)
        cut = any(gram_decimal(value) != figure for value, figure in zip(exact, alone, strict=True))
        moved = moved or said != alone or (len(rows) > 1 and cut)
        for row, figure in zip(out, said, strict=True):
            row[column] = float(figure)
    if not rows:
        return out, None
    if alone_columns:
        return out, rounded_alone_note(" and ".join(alone_columns))
    return out, note if moved else None


def nothing_to_deliver(routes: Routes) -> str | None:
    """Why a day gives the trucks nothing to do, in words; ``None`` on a day with work.

    A tester's quiet day (every camp's activity ``none`` on C+5) read "0 truck(s), 0.0 t
    delivered, 0.0 t unserved, 0 km, cost 0", which looks like a failed run; the CLI's
    headline and the report say this instead.

    >>> import datetime as dt
    >>> from supplyline.domain.routes import Routes, RouteStatus
    >>> quiet = Routes(scenario="s", day=5, date=dt.date(2026, 3, 6), status=RouteStatus.SOLVED)
    >>> nothing_to_deliver(quiet)
    'no unit needs anything delivered that day'
    """
    if routes.routes or routes.unserved or routes.depot_short:
        return None
    if routes.units == 0:
        return NO_UNITS_WORDS
    figures = day_figures(routes)
    t = figures.text
    if routes.on_site_t > 0 or routes.arrived_t > 0:
        said = []
        if routes.on_site_t > 0:
            said.append(f"{t('on_site')} t drawn on site")
        if routes.arrived_t > 0:  # as a day with trucks says it
            said.append(f"{t('arrived')} t arrived by {routes.arrived_by} (no truck)")
        return "all the units need is at their places: " + " and ".join(said)
    if routes.source == "plan":
        return (
            "the movement plan brings nothing by road into the units' places that day "
            "(they need nothing, or what is there already meets it)"
        )
    return "no unit needs anything delivered that day"


def loads_source(routes: Routes) -> str:
    """What the day's loads were taken from, in words, as the headline and report say it.

    In plan mode the trucks carry the plan's road legs into the units' places, not the
    plan's deliveries (what units take from stock at their place): the headline had said
    "deliveries from the plan" of what it counted as road legs.

    >>> import datetime as dt
    >>> from supplyline.domain.routes import Routes, RouteStatus
    >>> loads_source(Routes(scenario="s", day=5, date=dt.date(2026, 3, 6),
    ...                     status=RouteStatus.SOLVED, source="plan"))
    "loads: the plan's road legs into the units' places"
    """
    if routes.source == "plan":
        return "loads: the plan's road legs into the units' places"
    return "loads: what the units require that day (--from-demand)"
