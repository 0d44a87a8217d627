"""The run's warnings are said once, below the faces, for the terminal and the reports alike."""

from __future__ import annotations

import datetime as dt

import pytest

from supplyline.domain.routes import (
    DepotShort,
    Routes,
    RouteStatus,
    Unserved,
    UnservedReason,
)
from supplyline.errors import Issue
from supplyline.planning import plan_movements
from supplyline.planning.examples import one_link
from supplyline.reports.warnings_section import warnings_section
from supplyline.services.plan_warnings import plan_warnings, threads_note
from supplyline.services.routes_warnings import routes_warnings

SHORT = DepotShort(depot="D3", commodity="food", day=2, held_t=4.0, asked_t=6.5)


def _day(**more: object) -> Routes:
    return Routes(
        scenario="x",
        day=2,
        date=dt.date(2025, 6, 3),
        status=RouteStatus.PARTIAL,
        depot_short=(SHORT,),
        depot_stock_basis="the plan's stock",
        **more,  # type: ignore[arg-type]
    )


def test_a_depot_short_is_warned_of_with_where_its_trucks_are_listed() -> None:
    """Its message, then what a depot's stock was taken to be and where to read more."""
    said = routes_warnings(_day(), ("the plan is not proven best",), short_listed="see X")
    assert said == (
        "warning: the plan is not proven best.",
        f"warning: {SHORT.message}",
        "  (what a depot holds: the plan's stock; the trucks are loaded all the same; see X)",
    )


def test_goods_none_holds_are_said_to_be_left_under_not_delivered() -> None:
    """Where loads were left for want of stock, the last line says where they are listed."""
    left = Unserved(
        unit="u", location="U", load_t={"food": 1.0}, reason=UnservedReason.DEPOT_SHORT, detail=""
    )
    said = routes_warnings(_day(unserved=(left,)), short_listed="see X")
    assert said[-1].endswith("what none holds is not loaded: depot_short under Not delivered)")


@pytest.mark.parametrize("threads", [None, 1])
def test_no_note_of_threads_the_machine_has(threads: int | None) -> None:
    """None asked, or one: no note."""
    assert threads_note(threads) is None


def test_threads_beyond_the_cores_are_noted() -> None:
    """A thousand threads asked: the note says what HiGHS was given."""
    note = threads_note(1000)
    assert note is not None
    assert note.startswith("note: 1000 solver threads asked on a machine with")


def test_a_plan_with_threads_beyond_the_cores_says_so_among_its_warnings() -> None:
    """The plan's warnings carry the threads' note, as the terminal and the report say it."""
    scenario, demand = one_link()
    said = plan_warnings(plan_movements(scenario, demand), scenario, threads=1000)
    assert said == (threads_note(1000),)


def test_the_section_lists_the_runs_warnings_before_validates() -> None:
    """The run's words first, as said, then the scenario's findings, located."""
    issue = Issue(file="links.csv", line=2, column="to", message="a finding")
    section = warnings_section([issue], ["warning: a camp over its storage_t"])
    assert section is not None
    assert section.notes == ("warning: a camp over its storage_t", str(issue))
    assert section.intro.startswith("What the command warned of as it ran; then what")


def test_no_section_without_any_warning() -> None:
    """Nothing warned of and nothing found: no empty section."""
    assert warnings_section([], []) is None
