"""References to an unknown id that a row with a repeated id likely explains name that row.

A tester's copied location row, not renamed, left every reference to the id it was meant
to have offered the closest known ids ("did you mean 'site-1', 'site-2' or 'site-3'?"),
which pointed away from the one row to mend.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario

KNOWN = (
    "known: hub-wh, kestel-wh, larnis-af, larnis-hub, saldana-af, saldana-port, site-harbour, "
    "site-kestel, …"
)


@pytest.fixture
def relief(tmp_path: Path, relief_dir: Path) -> Path:
    """A copy of the relief example whose last location repeats the id of the one before."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    edit(folder, "locations.csv", "site-ridge,Site 6", "site-vardo,Site 6")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues if i.severity is Severity.ERROR]


def test_the_repeated_row_is_said_first_with_the_references_that_may_follow(
    relief: Path,
) -> None:
    """The duplicate comes first and names the rows whose errors may follow from it."""
    first, *_ = errors_of(relief)
    assert first == (
        "locations.csv:16: id: duplicate location 'site-vardo' (first on line 15; locations "
        "must be unique); was this row meant to be 'site-ridge'? links.csv:19 and units.csv:8 "
        "refer to that unknown location: their errors below may follow from this one"
    )


def test_a_reference_names_the_repeated_row_as_its_likely_cause(relief: Path) -> None:
    """A link to the id the repeated row was meant to have names that row, file and line."""
    link = next(e for e in errors_of(relief) if e.startswith("links.csv:19:"))
    assert link == (
        "links.csv:19: to: link 'r-ridge' refers to unknown location 'site-ridge' (likely the "
        "row on locations.csv line 16, whose id 'site-vardo' repeats line 15's: give it the id "
        f"'site-ridge'; {KNOWN})"
    )


def test_a_look_alike_id_comes_after_the_repeated_row(relief: Path) -> None:
    """A near known id is still offered, after the repeated row (the tester's site-6).

    Such a typo of the repeated id was not said at all: the repeat had marked the id as a
    failed row's, and every message quoting it was left out as following from it.
    """
    edit(relief, "links.csv", "r-ridge,vardo,site-ridge,", "r-ridge,vardo,site-vardx,")
    edit(relief, "units.csv", "site-ridge,site-ridge", "site-vardx,site-vardx")
    link = next(e for e in errors_of(relief) if e.startswith("links.csv:19:"))
    assert link.endswith(
        "give it the id 'site-vardx'; else did you mean 'site-vardo'?; " + KNOWN + ")"
    )


def test_more_unknown_ids_than_repeated_rows_offer_the_row_as_a_possibility(
    relief: Path,
) -> None:
    """With two unknown ids and one repeated row, each is offered its look-alikes first."""
    edit(
        relief,
        "links.csv",
        "r-kestel-site,kestel-wh,site-kestel,",
        "r-kestel-site,kestel-wh,site-kestl,",
    )
    errors = errors_of(relief)
    typo = next(e for e in errors if e.startswith("links.csv:15:"))
    assert typo == (
        "links.csv:15: to: link 'r-kestel-site' refers to unknown location 'site-kestl' (did "
        "you mean 'site-kestel'?; or is it the id meant for the row on locations.csv line 16, "
        f"whose id 'site-vardo' repeats line 15's?; {KNOWN})"
    )
    assert errors[0].endswith(
        "was this row meant to be 'site-kestl' or 'site-ridge'? links.csv:15, links.csv:19 and "
        "units.csv:8 refer to those unknown locations: their errors below may follow from this one"
    )


def test_without_a_repeated_row_the_message_is_as_before(relief_dir: Path, tmp_path: Path) -> None:
    """An unknown id with no repeated row of its kind keeps the usual did-you-mean."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "plain"))
    edit(folder, "links.csv", "r-ridge,vardo,site-ridge,", "r-ridge,vardo,site-rigde,")
    assert errors_of(folder) == [
        "links.csv:19: to: link 'r-ridge' refers to unknown location 'site-rigde' (did you mean "
        f"'site-ridge'?; {KNOWN})"
    ]
