"""Commands ``requirements`` and ``factors``: what units need, and the factors behind it.

The services are imported inside the commands: they bring NumPy, SciPy and the loader,
which ``--help`` does not need.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from supplyline.cli.app import FLAG_METAVAR, app
from supplyline.cli.cells import added_totals
from supplyline.cli.choice_options import choice, choice_metavar
from supplyline.cli.column_ranks import (
    BY_COMMODITY_DROP,
    BY_UNIT_DROP,
    FACTORS_DROP,
    FACTORS_SOURCES_DROP,
)
from supplyline.cli.output import (
    FORMAT_METAVAR,
    FORMAT_PARSER,
    Exact,
    FormatOpt,
    OutputFormat,
    ReadyRows,
    Shown,
    emit_rows,
    listed,
    ready_rows,
    remember_format,
    wrote_what,
)
from supplyline.cli.paths import PATH_METAVAR, output_path, scenario_folder_argument
from supplyline.cli.progress import files_in_place, interruptible, stages_when_said
from supplyline.cli.warnings import print_warnings
from supplyline.domain.margins import MOST_ADDED_ROWS, AddedTable
from supplyline.domain.rounding import rounded
from supplyline.errors import NotFoundError
from supplyline.io.file_names import REQUIREMENTS_FILES
from supplyline.types import counted, figure_decimals, figures_decimals, written_text

if TYPE_CHECKING:
    from supplyline.services.scenarios import RequirementsResult

console = Console()
err = Console(stderr=True)


class GroupBy(StrEnum):
    """How the requirements table is grouped."""

    COMMODITY = "commodity"
    UNIT = "unit"


@app.command("requirements", rich_help_panel="Plan")
def requirements_cmd(
    folder: Path = scenario_folder_argument(),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help=f"Write {listed(REQUIREMENTS_FILES)} here.",
        parser=output_path(
            "a folder to write the requirements files into (. is the current folder)"
        ),
        metavar=PATH_METAVAR,
    ),
    by: GroupBy = typer.Option(
        GroupBy.COMMODITY,
        "--by",
        help="Group the printed table.",
        parser=choice(GroupBy, what="a grouping"),
        metavar=choice_metavar(GroupBy),
    ),
    fmt: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Compute every unit's daily requirements by commodity and print a summary.

    Units consume at their destination from their arrival (their required day, or the
    first day their people can be there if later); on that day they also receive the stock
    for their days-of-supply target, and after it what the target gains or gives back as
    their activity changes (the build-up, negative when the target falls).
    """
    with interruptible(err, "no files written"):
        from supplyline.io.folder_lock import held_output_folder
        from supplyline.services.scenarios import (
            assess_requirements,
            check_requirements_outputs,
            export_requirements,
            requirements_at_odds,
        )

        if out is not None:
            # before any work, as plan and routes do; no --force here: another folder
            check_requirements_outputs(folder, out, force_with=None)
        # from the check to the write: another run into out is refused at once
        with held_output_folder(out), stages_when_said(err) as show:
            result = assess_requirements(folder, progress=show)
            # what is printed is worked out before the files are written, so that a failure
            # in it leaves none behind: a tester's huge demand wrote the three files, then
            # ended in a traceback rounding the table
            printed = _printed(result, by, fmt)
            # the files first, then the printing: a reader that stops early (| head) loses none
            written = (  # a file put there meanwhile: "move it away", as before the work
                export_requirements(result, out, progress=show, force_with=None)
                if out is not None
                else []
            )
            at_odds = requirements_at_odds(result, out) if out is not None else ()
    with files_in_place(err, written=bool(written)):
        print_warnings(result.opened.warnings, err)
        printed.rows.emit(console)
        if printed.note is not None:
            console.print(printed.note, style="dim", markup=False, highlight=False)
        if printed.total is not None:
            console.print(printed.total)
        if written:
            err.print(wrote_what(out, written), markup=False, highlight=False)
        for warning in at_odds:  # another scenario's files left beside these
            err.print(
                f"warning: {warning}", style="yellow", markup=False, highlight=False, soft_wrap=True
            )


@dataclass(frozen=True, slots=True)
class _Printed:
    """What ``requirements`` prints on stdout, worked out: the rows, the lines under them."""

    rows: ReadyRows
    note: str | None = None
    """Under the table: which of its columns add up as shown (:func:`_table_note`)."""
    total: str | None = None
    """The total line under the table."""


def _printed(result: RequirementsResult, by: GroupBy, fmt: OutputFormat) -> _Printed:
    """The rows grouped ``by`` unit or commodity in ``fmt``, and a table's lines under them."""
    from supplyline.requirements import grand_totals, totals_by_commodity, totals_by_unit

    demand = result.demand
    by_unit = totals_by_unit(demand, result.to_deliver_t)
    by_commodity = totals_by_commodity(demand, result.to_deliver_t)
    if by is GroupBy.UNIT:
        rows = by_unit
        arrival = (
            ["arrival_label"]
            if fmt is OutputFormat.TABLE
            else ["arrival_day", "arrival_label", "arrival_date"]
        )
        cols = [
            "unit",
            "commodity",
            *arrival,
            "consumption_t",
            "buildup_t",
            "total_t",
            "to_deliver_t",
        ]
    else:
        rows = by_commodity
        cols = [
            "commodity",
            "consumption_t",
            "buildup_t",
            "total_t",
            "to_deliver_t",
            "peak_day",
            "peak_t",
        ]
    scenario = result.opened.scenario
    title = (
        f"{scenario.name}: requirements over {counted(scenario.horizon_days, 'day')} from "
        f"{scenario.start_date} (tonnes), {counted(len(scenario.units), 'unit')}"
    )
    drop = BY_UNIT_DROP if "unit" in cols else BY_COMMODITY_DROP
    t = grand_totals(scenario, demand)
    shown = tonnes_shown([*by_unit, *by_commodity], t)  # one rounding for both groupings
    ready = ready_rows(rows, cols, fmt, console=console, title=title, drop=drop, shown=shown)
    if fmt is not OutputFormat.TABLE:
        return _Printed(ready)
    (total, eaten, stocked, on_hand, to_deliver), table, parts = _totals_said(rows, t, shown)
    note = None
    if rows and "to_deliver_t" in cols:
        note = _table_note(rows, table, "unit" in cols, parts, total)
    line = (
        f"total: {total} t (consumption {eaten} t and "
        f"days-of-supply build-up {stocked} t); "
        + (f"units already in place start with {on_hand} t on hand; " if t["on_hand_t"] else "")
        + f"{to_deliver} t to deliver; "
        + f"factors used: {', '.join(result.factors_used) or 'none'}"
    )
    return _Printed(ready, note, line)


TONNES_SHOWN = Shown(
    added=(("consumption_t", "buildup_t", "total_t"),),
    alike=(("consumption_t", "buildup_t", "total_t", "to_deliver_t"),),
    echoed=(("to_deliver_t", ("consumption_t", "total_t")),),
)
"""The requirements tables' tonnes: one count of decimals, each column's total as it
rounds alone and each row's consumption and build-up rounded to add up to its total and
down to those totals (a tester read 104.62 + 7.22 t beside a total of 111.83 t, and
"19,234 t" under a column to 0.01). :func:`tonnes_shown` fixes the decimals and totals
for both views."""

TONNES = ("consumption_t", "buildup_t", "total_t", "to_deliver_t")


def tonnes_shown(views: list[dict[str, Any]], t: dict[str, float]) -> Shown:
    """:data:`TONNES_SHOWN` with the decimals and totals of the whole requirements.

    ``views``: the rows of both tables (by unit and by commodity), ``t`` the grand totals.
    The decimals are the one rule's (:func:`~supplyline.types.figure_decimals`) over all of
    those figures, and the totals those of ``t``, so that both views read to the same
    decimals and say the same totals: rounded each to its own figures, a tester's 60 units
    read "2,999.38 t" by unit and "2,999 t" by commodity, and 1,303.81 t of consumption by
    unit read 1,303.80 by commodity.
    """
    figures = [row.get(c) for row in views for c in TONNES]
    decimals = figure_decimals([*figures, *(t[c] for c in TONNES)])
    return replace(
        TONNES_SHOWN,
        places=tuple((c, decimals) for c in TONNES),
        sums=tuple((c, t[c]) for c in TONNES[:3]),
    )


DELIVER_NOTE = (
    "Each total reads as it rounds alone, alike by unit and by commodity; consumption and "
    "build-up are rounded to add up to each row's total and to the totals below; to deliver "
    "reads as the row's consumption or total where it is all of it, else rounded alone, so "
    "its column may add to a few hundredths off the total below."
)
"""Under the requirements table: which of its columns add up as shown, and which may not,
where the totals below, each rounded alone, add up (else :func:`_table_note` says which
rows give way, and does not say that every row adds up)."""


def _table_note(
    rows: list[dict[str, Any]],
    table: AddedTable | None,
    by_unit: bool,
    parts: str | None,
    total: str,
) -> str:
    """Under the table: which columns add up as shown (:data:`DELIVER_NOTE`).

    Or, in a table too long to round so, or whose figures have more digits than floats
    keep (:attr:`~supplyline.domain.margins.AddedTable.beyond_floats`), that its figures
    are each rounded alone, and why. ``parts``:
    the consumption plus build-up of the totals below, each rounded alone, where it misses
    their ``total`` by a last digit (None where it adds up); the note then says so, and
    which rows give way, never that every row adds up (a tester read "rounded to add up to
    each row's total", then "fuel reads one last digit off", above 10,971.73 + 1,170.93 t
    beside a total of 12,142.67 t that no line explained).
    """
    missed = "" if parts is None else _totals_missed(parts, total)
    if table is not None and table.beyond_floats:
        return (
            "Each total reads as it rounds alone, alike by unit and by commodity; these "
            "figures have more digits than a computer's floating-point numbers keep (some 16), "
            "so that their sums taken in different orders differ in the last digits shown: each "
            "figure is rounded alone, and its rows and columns may add to a few last digits off."
            f"{missed}"
        )
    if table is not None and table.alone:
        return (
            f"Each total reads as it rounds alone, alike by unit and by commodity; a table of "
            f"more than {MOST_ADDED_ROWS:,} rows has each figure rounded alone too, so its "
            "rows and columns may add to a few last digits off (--format csv or --out give "
            f"every figure to the gram).{missed}"
        )
    unsummed = () if table is None else table.unsummed
    if not unsummed:
        return DELIVER_NOTE + missed
    return (
        "Each total reads as it rounds alone, alike by unit and by commodity; consumption and "
        "build-up are rounded to add up to the totals below, and to each row's total but "
        f"{_named(rows, unsummed, by_unit)}; to deliver reads as the row's consumption or "
        "total where it is all of it, else rounded alone, so its column may add to a few "
        f"hundredths off the total below.{missed}{_unsummed_note(rows, unsummed, by_unit)}"
    )


def _totals_missed(parts: str, total: str) -> str:
    """The totals below, each rounded alone, do not add up: said with their figures.

    >>> print(_totals_missed("12,142.66", "12,142.67").strip())  # doctest: +NORMALIZE_WHITESPACE
    The totals below are each rounded alone: consumption plus build-up reads 12,142.66 t,
    one last digit off the total of 12,142.67 t.
    """
    return (
        " The totals below are each rounded alone: consumption plus build-up reads "
        f"{parts} t, one last digit off the total of {total} t."
    )


def _named(rows: list[dict[str, Any]], unsummed: tuple[int, ...], by_unit: bool) -> str:
    """``that of fuel``, ``those of u1 food, u2 water``: the rows whose total gives way."""
    names = [
        f"{rows[i]['unit']} {rows[i]['commodity']}" if by_unit else str(rows[i]["commodity"])
        for i in unsummed
    ]
    return f"{'that' if len(names) == 1 else 'those'} of {', '.join(names)}"


def _unsummed_note(rows: list[dict[str, Any]], unsummed: tuple[int, ...], by_unit: bool) -> str:
    """The rows whose total reads a last digit off their parts, named; else nothing.

    Where the consumption's and the build-up's totals, each rounded alone, do not add up to
    the total rounded alone (1,303.808 + 154.541 t read 1,304 + 155 beside 1,458), one
    row's total gives way, so that every column still adds up to its total below, and the
    note says which.
    """
    if not unsummed:
        return ""
    names = _named(rows, unsummed, by_unit).partition(" of ")[2]
    return (
        " So that every column adds up to its total, the total of "
        f"{names} reads one last digit off its consumption plus build-up."
    )


def _totals_said(
    rows: list[dict[str, Any]], t: dict[str, float], shown: Shown
) -> tuple[tuple[str, ...], AddedTable | None, str | None]:
    """The totals under the table, each rounded alone, the rows that do not add up, the miss.

    The miss: the consumption plus build-up of those totals, where it is not their total
    (else None).

    To the table's decimals (``shown``'s): the total, consumption and build-up as the
    table's columns add up to them, each its figure rounded alone; what is to deliver
    reads as it rounds alone (as ``plan`` says it), and what is on hand what the total
    less that reads, so that the two add up to the total as said. The to-deliver column,
    each row rounded alone or as the figure it equals, may add to a few steps off it:
    :data:`DELIVER_NOTE` says so under the table.
    """
    added = added_totals(rows, shown.added[0], shown)
    decimals = dict(shown.places).get("total_t")
    table: AddedTable | None = None
    if added is None:  # no rows: the totals alone
        if decimals is None:
            decimals = figures_decimals(*(t[c] for c in TONNES), t["on_hand_t"])
        eaten_d, stocked_d, total_d = (rounded(t[c], decimals) for c in TONNES[:3])
    else:
        (eaten_d, stocked_d, total_d, _), decimals, table = added
    deliver_d = rounded(t["to_deliver_t"], decimals)
    said = written_text(
        [total_d, eaten_d, stocked_d, total_d - deliver_d, deliver_d], decimals, kept=decimals
    )
    parts = eaten_d + stocked_d
    missed = None if parts == total_d else written_text([parts], decimals, kept=decimals)[0]
    return said, table, missed


@app.command("factors", rich_help_panel="Plan")
def factors_cmd(
    pattern: str | None = typer.Argument(
        None, help="Show only factors whose key or description contains this text."
    ),
    scenario: Path | None = typer.Option(
        None, "--scenario", "-s", help="Apply this scenario's overrides and mark them."
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE,
        "--format",
        "-f",
        parser=FORMAT_PARSER,
        metavar=FORMAT_METAVAR,
        callback=remember_format,
    ),
    sources: bool = typer.Option(
        False, "--sources", help="Add the source notes to the table.", metavar=FLAG_METAVAR
    ),
) -> None:
    """List the planning factors in force, with their units and public sources.

    With --scenario, what loading it warns of comes first, on stderr, as validate says it
    (an override key that is no factor, with the known keys like it).
    """
    from supplyline.services.scenarios import list_factors

    listing = list_factors(pattern, scenario)
    print_warnings(listing.warnings, err)
    if listing.nothing_matched:  # as a lookup that finds nothing, in every format: exit 3
        raise NotFoundError(listing.nothing_matched)
    rows = [{**row, "value": Exact(row["value"])} for row in listing.rows]
    cols = ["key", "value", "unit", "overridden", "source_url"]
    if sources or fmt is not OutputFormat.TABLE:
        cols += ["description", "source_note"]
    title = f"{len(rows)} planning factors"
    drop = FACTORS_SOURCES_DROP if sources else FACTORS_DROP
    emit_rows(rows, cols, fmt, console=console, title=title, drop=drop)
